from django.urls import path

from . import views

app_name = "coalities"
urlpatterns = [
    path("", views.index, name="index"),
]
