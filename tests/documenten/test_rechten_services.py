"""Every write of the documenten app refuses a user without the right (PermissionDenied, nothing saved) and
lets the right user write: the document's own rule decides who asks for it, the portal itself builds it."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from documenten import services
from documenten.models import Documentopdracht
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.rechten import (
    Geval,
    controleer_services,
    schrijft_met_recht,
    toestemmingen,
    weigeringen,
    weigert_zonder_te_schrijven,
)
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db

APPS = ("documenten", "tafels")
# Building a job and recording its failure is the portal's own work, not a user's.
GEEN_PORTAAL = ("secretaris", "lid_bestuurder", "raadslid")


@pytest.fixture
def w() -> SimpleNamespace:
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    v = vergadering(tafel)
    agendapunt(v, titel="Regionale fietsstrategie")
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    gorinchem = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    gebruikers = {
        "secretaris": tafel.secretaris,
        "andere_secretaris": tafel_met_leden(naam="Tafel Wonen").secretaris,
        "lid_bestuurder": GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"),
                                           rollen=[Rol.Soort.BESTUURDER]),
        "raadslid": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]),
        "buitenstaander": GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.BESTUURDER]),
        "portaal": systeem(),
    }
    return SimpleNamespace(tafel=tafel, vergadering=v, gebruikers=gebruikers)


def _opdracht(w, **velden) -> Documentopdracht:
    return Documentopdracht.objects.create(
        soort="agendapakket", parameters={"vergadering": w.vergadering.pk}, door=w.gebruikers["lid_bestuurder"], **velden
    )


GEVALLEN = [
    # Sending the pack is the secretary's; a member builds a draft, the others do not even see the meeting.
    Geval(services.documentopdracht_create, lambda w: {
        "soort": "agendapakket", "gegevens": {"vergadering": str(w.vergadering.pk), "verzenden": "1"}},
        "secretaris", ("raadslid", "andere_secretaris", "buitenstaander", "lid_bestuurder")),
    Geval(services.documentopdracht_opnieuw, lambda w: {
        "opdracht": _opdracht(w, status=Documentopdracht.Status.MISLUKT, fout="Het document kon niet worden gemaakt.")},
        "lid_bestuurder", ("raadslid", "buitenstaander")),
    Geval(services.uitvoeren, lambda w: {"opdracht_id": _opdracht(w).pk}, "portaal", GEEN_PORTAAL),
    # Opening a finished pack is recorded for whoever may see the meeting; an outsider does not see it.
    Geval(services.inzage_vastleggen, lambda w: {"opdracht": _opdracht(
        w, status=Documentopdracht.Status.KLAAR, bestand="documenten/pakket.pdf", sha256="0" * 64)},
        "lid_bestuurder", ("buitenstaander",)),
    # A job kept while the broker was away is offered again by a poll of whoever sees it, or by the portal.
    Geval(services.documentopdracht_aanbieden, lambda w: {"opdracht": _opdracht(w)}, "lid_bestuurder", ("buitenstaander",)),
    Geval(services.bewaarde_opdrachten_aanbieden, lambda w: (_opdracht(w), {"ouder_dan": datetime.timedelta(0)})[1],
          "portaal", GEEN_PORTAAL),
    Geval(services.mislukt, lambda w: {"opdracht_id": _opdracht(w).pk, "melding": "Het duurde te lang."},
          "portaal", GEEN_PORTAAL),
]

GEEN_SCHRIJVERS = {
    "documenten.services.vastgelopen_na": "reads a setting",
    "documenten.services.is_vastgelopen": "reads",
    "documenten.services.mag_opnieuw": "reads the job's status",
    "documenten.services.synchroon_bouwen": "builds the document in memory for the rapport command; saves no row",
}


def test_every_writing_service_takes_a_required_door_and_is_tested_here():
    """Each public write of documenten.services has a keyword-only `door` without a default and a case below."""
    controleer_services([services], GEEN_SCHRIJVERS, {geval.naam for geval in GEVALLEN})


@pytest.mark.parametrize(("geval", "rol"), weigeringen(GEVALLEN))
def test_user_without_the_right_is_refused_and_nothing_is_saved(w, geval, rol):
    """The service raises PermissionDenied (a 403 in a view) and no row of documenten or tafels changes."""
    weigert_zonder_te_schrijven(geval, w, rol, APPS)


@pytest.mark.parametrize("geval", toestemmingen(GEVALLEN))
def test_user_with_the_right_writes(w, geval):
    """The same call by the user who holds the right is saved."""
    schrijft_met_recht(geval, w, APPS)
