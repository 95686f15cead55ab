from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
    path("aantal/", views.aantal, name="aantal"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path("afmelden/<str:token>/", views.afmelden, name="afmelden"),
]
