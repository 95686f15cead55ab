"""Every write of the portaal app refuses a user without the right, and then stores nothing.

The system check is for beheerders (the status page) and the portal itself (the Celery jobs).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from portaal import services
from portaal.models import Systeemcontrole
from tests.factories import GebruikerFactory
from tests.rechten import namen_zonder_verplichte_door, schrijvende_functies, stand

pytestmark = pytest.mark.django_db

GEVALLEN: dict[str, Callable] = {
    "systeemcontrole_aanvragen": lambda controle, door: services.systeemcontrole_aanvragen(door=door),
    "systeemcontrole_versturen": lambda controle, door: services.systeemcontrole_versturen(controle=controle, door=door),
    "bewaarde_systeemcontroles_versturen": lambda controle, door: services.bewaarde_systeemcontroles_versturen(door=door),
    "systeemcontrole_uitvoeren": lambda controle, door: services.systeemcontrole_uitvoeren(
        controle_id=str(controle.pk), door=door
    ),
}


@pytest.fixture
def controle():
    return Systeemcontrole.objects.create(aangevraagd_door=systeem())


@pytest.mark.parametrize("rol", [r for r in Rol.Soort.values if r != Rol.Soort.BEHEERDER])
@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_a_user_without_the_right_is_refused_and_nothing_is_saved(controle, naam, rol):
    door = GebruikerFactory(rollen=[rol])
    voor = stand(Systeemcontrole)
    with pytest.raises(PermissionDenied):
        GEVALLEN[naam](controle, door)
    assert stand(Systeemcontrole) == voor


def test_the_portal_runs_a_kept_check(controle):
    """The job (as the portal itself) runs the check; a beheerder may ask for one."""
    services.systeemcontrole_uitvoeren(controle_id=str(controle.pk), door=systeem())
    controle.refresh_from_db()
    assert controle.status == Systeemcontrole.Status.KLAAR
    beheerder = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER])
    assert services.systeemcontrole_aanvragen(door=beheerder).aangevraagd_door == beheerder


def test_every_write_takes_a_required_door_and_has_a_refusal_case():
    schrijvend = schrijvende_functies(services, lezend=set())
    assert namen_zonder_verplichte_door(services, schrijvend) == []
    assert schrijvend == set(GEVALLEN)
