from django.urls import path

from . import views

app_name = "conferenties"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/programma/", views.programma_toevoegen, name="programma_toevoegen"),
    path("<int:pk>/pitches/", views.pitch_toevoegen, name="pitch_toevoegen"),
    path("<int:pk>/tafels/", views.cafetafel_toevoegen, name="cafetafel_toevoegen"),
    path("<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("<int:pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    path("<int:pk>/verslag/", views.verslag, name="verslag"),
    path("<int:pk>/indeling/", views.indeling, name="indeling"),
    path("<int:pk>/muur/", views.muurbericht, name="muurbericht"),
    path("tafels/<int:pk>/oogst/", views.oogst, name="oogst"),
]
