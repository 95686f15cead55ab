from django.urls import path

from . import views

app_name = "coalities"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.coalitie_nieuw, name="nieuw"),
    path("importeren/", views.importeren, name="importeren"),
    path("exporteren/<str:soort>.<str:formaat>", views.exporteren, name="exporteren"),
    path("tafel/<int:tafel_pk>/sorteerbak/", views.sorteerbak, name="sorteerbak"),
    path("organisatie/<int:organisatie_pk>/", views.organisatie, name="organisatie"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.coalitie_bewerken, name="bewerken"),
    path("<int:pk>/voortgang/", views.voortgang_nieuw, name="voortgang_nieuw"),
    path("<int:pk>/resultaat/", views.resultaat_nieuw, name="resultaat_nieuw"),
    path("<int:pk>/deelname/", views.deelname_kiezen, name="deelname_kiezen"),
    path("<int:pk>/deelname/<int:organisatie_pk>/", views.deelname_bewerken, name="deelname"),
    path("<int:pk>/deelname/<int:organisatie_pk>/cel/", views.cel, name="cel"),
    path("<int:pk>/deelname/<int:organisatie_pk>/intrekken/", views.deelname_intrekken, name="deelname_intrekken"),
    path("<int:pk>/deelname/<int:organisatie_pk>/toezegging/", views.toezegging_nieuw, name="toezegging_nieuw"),
    path("toezegging/<int:pk>/", views.toezegging_bewerken, name="toezegging"),
    path("toezegging/<int:pk>/intrekken/", views.toezegging_intrekken, name="toezegging_intrekken"),
    path("toezegging/<int:pk>/realisatie/", views.realisatie_nieuw, name="realisatie_nieuw"),
    path("realisatie/<int:pk>/", views.realisatie_bewerken, name="realisatie"),
    path("voortgang/<int:pk>/", views.voortgang_bewerken, name="voortgang"),
]
