from django.urls import path

from . import views

app_name = "tafels"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.tafel_detail, name="detail"),
    path("<int:pk>/lidmaatschappen/<int:lid_pk>/", views.lidmaatschap_wijzigen, name="lidmaatschap"),
    path(
        "<int:pk>/lidmaatschappen/<int:lid_pk>/vertegenwoordiger/", views.lidmaatschap_actie,
        {"actie": "vertegenwoordiger"}, name="lidmaatschap_vertegenwoordiger",
    ),
    path("<int:pk>/ambitie/", views.ambitie_vaststellen, name="ambitie"),
    path("<int:pk>/stemregeling/", views.stemregeling, name="stemregeling"),
    path("<int:pk>/vergaderingen/", views.vergaderingen, name="vergaderingen"),
    path("<int:pk>/vergaderingen/nieuw/", views.vergadering_nieuw, name="vergadering_nieuw"),
    path("vergaderingen/<int:pk>/", views.vergadering_detail, name="vergadering"),
    path("vergaderingen/<int:pk>/status/", views.vergadering_status, name="vergadering_status"),
    path("vergaderingen/<int:pk>/agendapunten/", views.agendapunt_toevoegen, name="agendapunt_toevoegen"),
    path("vergaderingen/<int:pk>/urgentietoets/", views.urgentietoets, name="urgentietoets"),
    path("vergaderingen/<int:pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    path("vergaderingen/<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("vergaderingen/<int:pk>/stukken.zip", views.stukken_zip, name="stukken_zip"),
    path("vergaderingen/<int:pk>/besluitenlijst/", views.besluitenlijst, name="besluitenlijst"),
    path("agendapunten/<int:pk>/bewerken/", views.agendapunt_bewerken, name="agendapunt_bewerken"),
    path("agendapunten/<int:pk>/verplaatsen/", views.agendapunt_verplaatsen, name="agendapunt_verplaatsen"),
    path("agendapunten/<int:pk>/verwijderen/", views.agendapunt_verwijderen, name="agendapunt_verwijderen"),
    path("agendapunten/<int:pk>/stukken/", views.stuk_uploaden, name="stuk_uploaden"),
    path("agendapunten/<int:pk>/notitie/", views.prive_notitie, name="prive_notitie"),
    path("agendapunten/<int:pk>/besluiten/", views.besluit_vastleggen, name="besluit_vastleggen"),
    path("agendapunten/<int:pk>/stemming/", views.stemming_vastleggen, name="stemming_vastleggen"),
    path("agendapunten/<int:pk>/actiepunten/", views.actiepunt_toevoegen, name="actiepunt_toevoegen"),
    path("actiepunten/<int:pk>/status/", views.actiepunt_status, name="actiepunt_status"),
    path("stukken/<int:pk>/download/", views.stuk_download, name="stuk_download"),
    path("agenda/<str:token>.ics", views.agenda_persoonlijk, name="agenda_persoonlijk"),
    path("agenda/<str:token>/tafel/<int:pk>.ics", views.agenda_tafel, name="agenda_tafel"),
]
