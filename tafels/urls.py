from django.urls import path

from . import views

app_name = "tafels"
urlpatterns = [
    path("", views.index, name="index"),
]
