from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", include("portaal.urls")),
    path("inloggen/", views.inloggen, name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("tafels/", include("tafels.urls")),
    path("coalities/", include("coalities.urls")),
    path("conferenties/", include("conferenties.urls")),
    path("regiekamer/", include("regiekamer.urls")),
    path("financiering/", include("financiering.urls")),
    path("documenten/", include("documenten.urls")),
    path("meldingen/", include("meldingen.urls")),
    path("beheer/", admin.site.urls),
]

