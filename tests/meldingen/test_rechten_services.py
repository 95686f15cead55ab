"""Every write of the meldingen app refuses a user without the right (PermissionDenied, nothing saved) and
lets the right user write: each person manages only their own notifications."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from meldingen import services
from meldingen.models import Melding, Soort
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
APPS = ("meldingen",)


@pytest.fixture
def w() -> SimpleNamespace:
    gemeenten = drechtsteden()
    ontvanger = GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.BESTUURDER])
    melding = Melding.objects.create(ontvanger=ontvanger, soort=Soort.STUKKEN, gebeurtenis="stukversie:1",
                                     onderwerp="Nieuw stuk", url="/tafels/")
    gebruikers = {
        "ontvanger": ontvanger,
        "collega": GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.BESTUURDER]),
        "raadslid": GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.RAADSLID]),
        "secretaris": GebruikerFactory(organisatie=gemeenten[1], rollen=[Rol.Soort.GEMEENTESECRETARIS]),
        "portaal": systeem(),
    }
    return SimpleNamespace(melding=melding, ontvanger=ontvanger, gebruikers=gebruikers)


GEVALLEN = [
    Geval(services.voorkeuren_opslaan, lambda w: {"gebruiker": w.ontvanger, "keuzes": {Soort.STUKKEN: "nooit"}},
          "ontvanger", ("collega", "raadslid", "secretaris")),
    Geval(services.melding_gelezen, lambda w: {"melding": w.melding}, "ontvanger", ("collega", "secretaris", "raadslid")),
    Geval(services.alles_gelezen, lambda w: {"gebruiker": w.ontvanger}, "ontvanger", ("collega", "secretaris")),
    # A notification follows a change; a read-only raadslid changes nothing, so notifies nobody.
    Geval(services.melden, lambda w: {
        "soort": Soort.STUKKEN, "gebeurtenis": "stukversie:2", "ontvangers": [w.ontvanger], "onderwerp": "Nog een stuk",
        "url": "/tafels/"}, "portaal", ("raadslid",)),
]

GEEN_SCHRIJVERS = {
    "meldingen.services.in_het_nederlands": "a decorator",
    "meldingen.services.frequenties": "reads",
    "meldingen.services.afmeldtoken": "signs a key; saves nothing",
    "meldingen.services.afmeldtoken_lezen": "reads",
    "meldingen.services.afmelden": "the signed token is the person's key (no login); it acts as that person",
    "meldingen.services.absoluut": "builds a URL",
    "meldingen.services.melding_mailen": "the worker's job: mails a stored notification once",
    "meldingen.services.overzicht_mailen": "the worker's job: mails one person's daily overview",
    "meldingen.services.overzichten_mailen": "the daily job",
    "meldingen.services.achtergebleven_mailen": "the periodic job: offers stored mails to the worker again",
}


def test_every_writing_service_takes_a_required_door_and_is_tested_here():
    controleer_services([services], GEEN_SCHRIJVERS, {geval.naam for geval in GEVALLEN})


@pytest.mark.parametrize(("geval", "rol"), weigeringen(GEVALLEN))
def test_user_without_the_right_is_refused_and_nothing_is_saved(w, geval, rol):
    weigert_zonder_te_schrijven(geval, w, rol, APPS)


@pytest.mark.parametrize("geval", toestemmingen(GEVALLEN))
def test_user_with_the_right_writes(w, geval):
    schrijft_met_recht(geval, w, APPS)
