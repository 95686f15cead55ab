"""Every write of the regiekamer app refuses a user without the right (PermissionDenied, nothing saved) and
lets the right user write."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from drechtsteden.models import Rol
from regiekamer import services
from regiekamer.models import SCORES, Escalatie, Regiekamer
from tests.factories import GebruikerFactory
from tests.rechten import (
    Geval,
    controleer_services,
    schrijft_met_recht,
    toestemmingen,
    weigeringen,
    weigert_zonder_te_schrijven,
)
from tests.regiekamer.factories import kamers

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 20)
APPS = ("regiekamer", "tafels")
# Members and chairs are the manager SDD's; a secretary, a bestuurder or a programmamanager is refused.
NIET_DE_MANAGER = ("raadslid", "secretaris", "bestuurder", "programmamanager")
# Escalations and rounds are the ambtelijke regiekamer's.
NIET_AMBTELIJK = ("raadslid", "bestuurder", "programmamanager", "zonder_rol")


@pytest.fixture
def w() -> SimpleNamespace:
    w = kamers()
    dordrecht = w.gemeenten["Dordrecht"]
    w.gebruikers = {
        "manager": w.manager,
        "secretaris": w.secretarissen["Sliedrecht"],
        "andere_secretaris": w.secretarissen["Zwijndrecht"],
        "bestuurder": w.burgemeesters["Sliedrecht"],
        "raadslid": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]),
        "programmamanager": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.PROGRAMMAMANAGER]),
        "zonder_rol": GebruikerFactory(organisatie=dordrecht),
    }
    return w


def _escalatie(w) -> Escalatie:
    return services.escalatie_indienen(
        titel="Capaciteit fietsroute ontbreekt", omschrijving="Twee gemeenten leveren geen uren.",
        gevraagd="Maak afspraken over capaciteit.", sinds=datetime.date(2026, 9, 1), vandaag=VANDAAG,
        door=w.gebruikers["programmamanager"],
    )


def _nieuwe_kamer(w) -> dict:
    """Each kind of room exists once: the bestuurlijke is set up again."""
    Regiekamer.objects.filter(pk=w.bestuurlijk.pk).delete()
    return {"soort": Regiekamer.Soort.BESTUURLIJK, "naam": "Bestuurlijke regiekamer 2027", "datum": VANDAAG}


def _nieuw_lid(w) -> dict:
    """Sliedrecht's seat is free from today: its former secretary left yesterday."""
    oud = w.ambtelijk.leden.get(organisatie=w.gemeenten["Sliedrecht"])
    services.regiekamerlid_beeindigen(lid=oud, tot=VANDAAG - datetime.timedelta(days=1), door=w.manager)
    nieuw = GebruikerFactory(organisatie=w.gemeenten["Sliedrecht"], rollen=[Rol.Soort.GEMEENTESECRETARIS])
    return {"regiekamer": w.ambtelijk, "gebruiker": nieuw, "van": VANDAAG}


def _ronde(w):
    return services.reflectieronde_openen(periode="2026-H2", door=w.manager, datum=VANDAAG)


GEVALLEN = [
    Geval(services.regiekamer_create, _nieuwe_kamer, "manager", NIET_DE_MANAGER),
    Geval(services.regiekamerlid_create, _nieuw_lid, "manager", NIET_DE_MANAGER),
    Geval(services.regiekamerlid_beeindigen, lambda w: {
        "lid": w.ambtelijk.leden.get(organisatie=w.gemeenten["Sliedrecht"]), "tot": VANDAAG}, "manager", NIET_DE_MANAGER),
    Geval(services.voorzitterschap_create, lambda w: {
        "regiekamer": w.ambtelijk, "jaar": 2026, "organisatie": w.gemeenten["Sliedrecht"]}, "manager", NIET_DE_MANAGER),
    Geval(services.escalatie_indienen, lambda w: {
        "titel": "Geen trekker", "omschrijving": "Niemand trekt de fietsroute.", "gevraagd": "Wijs een trekker aan.",
        "sinds": datetime.date(2026, 9, 1), "vandaag": VANDAAG}, "bestuurder", ("raadslid", "zonder_rol")),
    Geval(services.escalatie_opschalen, lambda w: {
        "escalatie": _escalatie(w), "naar": Escalatie.Niveau.AMBTELIJK, "datum": VANDAAG, "besluit": "Bespreken in ONS-D.",
        "eigenaar": w.gebruikers["secretaris"], "volgende_bespreking": VANDAAG + datetime.timedelta(weeks=4)},
        "secretaris", NIET_AMBTELIJK),
    Geval(services.escalatie_sluiten, lambda w: {"escalatie": _escalatie(w), "uitkomst": "Geregeld.", "datum": VANDAAG},
          "secretaris", NIET_AMBTELIJK),
    Geval(services.reflectieronde_openen, lambda w: {"periode": "2026-H2", "datum": VANDAAG}, "secretaris", NIET_AMBTELIJK),
    Geval(services.reflectieronde_sluiten, lambda w: {"ronde": _ronde(w), "datum": VANDAAG}, "secretaris", NIET_AMBTELIJK),
    Geval(services.reflectie_invullen, lambda w: {
        "ronde": _ronde(w), "organisatie": w.gemeenten["Sliedrecht"], "scores": dict.fromkeys(SCORES, 4)},
        "secretaris", ("raadslid", "andere_secretaris", "bestuurder", "programmamanager")),
]


def test_every_writing_service_takes_a_required_door_and_is_tested_here():
    """Each public write of regiekamer.services has a keyword-only `door` without a default and a case below."""
    controleer_services([services], {}, {geval.naam for geval in GEVALLEN})


@pytest.mark.parametrize(("geval", "rol"), weigeringen(GEVALLEN))
def test_user_without_the_right_is_refused_and_nothing_is_saved(w, geval, rol):
    """The service raises PermissionDenied (a 403 in a view) and no row of regiekamer or tafels changes."""
    weigert_zonder_te_schrijven(geval, w, rol, APPS)


@pytest.mark.parametrize("geval", toestemmingen(GEVALLEN))
def test_user_with_the_right_writes(w, geval):
    """The same call by the user who holds the right is saved."""
    schrijft_met_recht(geval, w, APPS)
