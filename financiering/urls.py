from django.urls import path

from . import views

app_name = "financiering"
urlpatterns = [
    path("", views.index, name="index"),
    path("netwerk/<jaar:jaar>/export.<str:formaat>", views.netwerk_export, name="netwerk_export"),
    path("organisatie/<int:pk>/", views.organisatie, name="organisatie"),
    path("organisatie/<int:pk>/export.<str:formaat>", views.organisatie_export, name="organisatie_export"),
    path("coalitie/<int:pk>/", views.coalitie, name="coalitie"),
    path("scenario/", views.scenario, name="scenario"),
    path("scenario/export.<str:formaat>", views.scenario_export, name="scenario_export"),
    path("scenario/bewaren/", views.scenario_opslaan, name="scenario_opslaan"),
    path("scenario/vergelijken/", views.scenario_vergelijken, name="scenario_vergelijken"),
    path("scenario/<int:pk>/verwijderen/", views.scenario_verwijderen, name="scenario_verwijderen"),
    path("scenario/vaststellen/", views.scenario_vaststellen, name="scenario_vaststellen"),
    path("vaststelling/<int:pk>/", views.vaststelling, name="vaststelling"),
    path("uittreding/samenwerking/<int:pk>/", views.uittreding_samenwerking, name="uittreding_samenwerking"),
    path("uittreding/tafel/<int:pk>/", views.uittreding_tafel, name="uittreding_tafel"),
    path("uittreding/coalitie/<int:pk>/<int:organisatie_pk>/", views.uittreding_coalitie, name="uittreding_coalitie"),
    path("toetreding/samenwerking/", views.toetreding_samenwerking, name="toetreding_samenwerking"),
    path("toetreding/tafel/<int:pk>/", views.toetreding_tafel, name="toetreding_tafel"),
    path("toetreding/lidmaatschap/<int:pk>/", views.toetreding_lidmaatschap, name="toetreding_lidmaatschap"),
    path("toetreding/coalitie/<int:pk>/<int:organisatie_pk>/", views.toetreding_coalitie, name="toetreding_coalitie"),
]
