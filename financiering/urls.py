from django.urls import path

from . import views

app_name = "financiering"
urlpatterns = [
    path("", views.index, name="index"),
]
