from django.urls import path

from . import views

app_name = "regiekamer"
urlpatterns = [
    path("", views.index, name="index"),
    path("kamer/<int:pk>/", views.kamer, name="kamer"),
    path("kamer/<int:pk>/voorzitter/", views.voorzitter, name="voorzitter"),
    path("escalaties/", views.escalaties, name="escalaties"),
    path("escalaties/nieuw/", views.escalatie_nieuw, name="escalatie_nieuw"),
    path("escalaties/<int:pk>/", views.escalatie, name="escalatie"),
    path("escalaties/<int:pk>/opschalen/", views.escalatie_opschalen, name="escalatie_opschalen"),
    path("escalaties/<int:pk>/sluiten/", views.escalatie_sluiten, name="escalatie_sluiten"),
    path("reflectie/", views.rondes, name="rondes"),
    path("reflectie/openen/", views.ronde_openen, name="ronde_openen"),
    path("reflectie/<int:pk>/", views.ronde, name="ronde"),
    path("reflectie/<int:pk>/sluiten/", views.ronde_sluiten, name="ronde_sluiten"),
    path("reflectie/<int:pk>/per-gemeente/", views.ronde_per_gemeente, name="ronde_per_gemeente"),
]
