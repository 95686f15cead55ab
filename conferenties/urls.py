from django.urls import path

from . import views

app_name = "conferenties"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    # Planning and recording a meeting: one view, one URL per action (conferenties.views.PLANACTIES).
    path("<int:pk>/programma/", views.plannen, {"actie": "programma"}, name="programma_toevoegen"),
    path("<int:pk>/pitches/", views.plannen, {"actie": "pitch"}, name="pitch_toevoegen"),
    path("<int:pk>/tafels/", views.plannen, {"actie": "cafetafel"}, name="cafetafel_toevoegen"),
    path("<int:pk>/uitnodigen/", views.plannen, {"actie": "uitnodigen"}, name="uitnodigen"),
    path("<int:pk>/aanwezigheid/", views.plannen, {"actie": "aanwezigheid"}, name="aanwezigheid"),
    path("<int:pk>/verslag/", views.plannen, {"actie": "verslag"}, name="verslag"),
    path("<int:pk>/indeling/", views.indeling, name="indeling"),
    path("<int:pk>/muur/", views.muurbericht, name="muurbericht"),
    path("tafels/<int:pk>/oogst/", views.oogst, name="oogst"),
]
