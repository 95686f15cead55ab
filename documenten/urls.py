from django.urls import path

from . import views

app_name = "documenten"
urlpatterns = [
    path("<slug:soort>/starten/", views.starten, name="starten"),
    path("opdrachten/<int:pk>/", views.opdracht, name="opdracht"),
    path("opdrachten/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
    path("opdrachten/<int:pk>/download/", views.download, name="download"),
]
