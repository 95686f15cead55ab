from django.urls import path

from . import views

app_name = "portaal"
urlpatterns = [
    path("raadsinformatie/<int:pk>/", views.raadsinformatie, name="raadsinformatie"),
    path("raadsinformatie/<int:pk>/pdf/", views.raadsinformatie_pdf, name="raadsinformatie_pdf"),
]
