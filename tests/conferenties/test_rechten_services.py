"""Every write of the conferenties app refuses a user without the right (PermissionDenied, nothing saved)
and lets the right user write."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from conferenties import services
from conferenties.models import Cafetafel, Deelnemer, Muurbericht, Werkconferentie
from drechtsteden.models import Organisatie, Rol
from tests.factories import GebruikerFactory, drechtsteden
from tests.rechten import (
    Geval,
    controleer_services,
    schrijft_met_recht,
    toestemmingen,
    weigeringen,
    weigert_zonder_te_schrijven,
)

pytestmark = pytest.mark.django_db
APPS = ("conferenties",)


@pytest.fixture
def w() -> SimpleNamespace:
    """A conference with four tables, a moderator at each of the first two, and seven bestuurders taking part."""
    gemeenten = drechtsteden()
    conferentie = Werkconferentie.objects.create(titel="Werkconferentie", datum=datetime.date(2026, 3, 1), rondes=3)
    tafels = [
        Cafetafel.objects.create(conferentie=conferentie, nummer=n, thema=f"Thema {n}", stelling=f"Stelling {n}")
        for n in range(1, 5)
    ]
    for i in range(7):
        bestuurder = GebruikerFactory(organisatie=gemeenten[i], rollen=[Rol.Soort.BESTUURDER])
        Deelnemer.objects.create(conferentie=conferentie, gebruiker=bestuurder)
    sliedrecht = Organisatie.objects.get(naam="Sliedrecht")
    moderator = GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    andere_moderator = GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    tafels[0].moderatoren.add(moderator)
    tafels[1].moderatoren.add(andere_moderator)
    gebruikers = {
        "organisator": GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.PROGRAMMAMANAGER]),
        "moderator": moderator,
        "andere_moderator": andere_moderator,
        "bestuurder": conferentie.deelnemers.first().gebruiker,
        "raadslid": GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.RAADSLID]),
        "zonder_rol": GebruikerFactory(organisatie=gemeenten[0]),
    }
    return SimpleNamespace(conferentie=conferentie, tafel=tafels[0], gebruikers=gebruikers)


NIET_ORGANISATOREN = ("raadslid", "bestuurder", "moderator", "zonder_rol")

GEVALLEN = [
    Geval(services.indeling_maken, lambda w: {"conferentie": w.conferentie}, "organisator",
          ("raadslid", "bestuurder", "moderator", "zonder_rol")),
    Geval(services.oogst_vastleggen, lambda w: {"tafel": w.tafel, "ronde": 1, "tekst": "Lokale kleuring telt."},
          "moderator", ("raadslid", "bestuurder", "andere_moderator", "zonder_rol")),
    Geval(services.muurbericht_plaatsen, lambda w: {
        "conferentie": w.conferentie, "soort": Muurbericht.Soort.choices[0][0], "tekst": "Minder vergaderen"},
        "bestuurder", ("raadslid", "zonder_rol")),
    # Planning and recording the meeting is the organisers' work alone.
    Geval(services.conferentie_create, lambda w: {
        "soort": Werkconferentie.Soort.NETWERKBIJEENKOMST, "titel": "Netwerkbijeenkomst Q1", "datum": datetime.date(2027, 3, 4)},
        "organisator", NIET_ORGANISATOREN),
    Geval(services.programmaonderdeel_create, lambda w: {
        "conferentie": w.conferentie, "begint_om": datetime.time(9, 30), "eindigt_om": datetime.time(10),
        "soort": "opening", "titel": "Opening"}, "organisator", NIET_ORGANISATOREN),
    Geval(services.pitch_create, lambda w: {
        "conferentie": w.conferentie, "organisatie": Organisatie.objects.get(naam="Dordrecht"), "max_minuten": 3},
        "organisator", NIET_ORGANISATOREN),
    Geval(services.cafetafel_create, lambda w: {
        "conferentie": w.conferentie, "thema": "Sturing", "stelling": "Meer grip op de regio."},
        "organisator", NIET_ORGANISATOREN),
    Geval(services.deelnemers_uitnodigen, lambda w: {"conferentie": w.conferentie, "rollen": [Rol.Soort.RAADSLID]},
          "organisator", NIET_ORGANISATOREN),
    Geval(services.aanwezigheid_vastleggen, lambda w: {
        "conferentie": w.conferentie, "aanwezig": [w.conferentie.deelnemers.first().pk]},
        "organisator", NIET_ORGANISATOREN),
    Geval(services.verslag_vastleggen, lambda w: {"conferentie": w.conferentie, "verslag": "Goede dag."},
          "organisator", NIET_ORGANISATOREN),
]


def test_every_writing_service_takes_a_required_door_and_is_tested_here():
    """Each public write of conferenties.services has a keyword-only `door` without a default and a case below."""
    controleer_services([services], {}, {geval.naam for geval in GEVALLEN})


@pytest.mark.parametrize(("geval", "rol"), weigeringen(GEVALLEN))
def test_user_without_the_right_is_refused_and_nothing_is_saved(w, geval, rol):
    """The service raises PermissionDenied (a 403 in a view) and no row of the conference changes."""
    weigert_zonder_te_schrijven(geval, w, rol, APPS)


@pytest.mark.parametrize("geval", toestemmingen(GEVALLEN))
def test_user_with_the_right_writes(w, geval):
    """The same call by the user who holds the right is saved."""
    schrijft_met_recht(geval, w, APPS)
