"""Every write of financiering refuses a user without the right, and then stores nothing.

Adopting budgets, keys and agreed amounts is for the manager SDD and the beheerder; everyone else
(a raadslid, programme staff, a gemeentesecretaris, a bestuurder) is refused with every row unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from drechtsteden.models import Rol
from financiering import selectors, services, verdeling
from financiering.models import Begrotingsjaar, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage
from tests.factories import GebruikerFactory
from tests.rechten import namen_zonder_verplichte_door, schrijvende_functies, stand

pytestmark = pytest.mark.django_db
D = Decimal
MODELLEN = (Begrotingsjaar, SleutelPercentage, VasteBijdrage, ProjectBudget, ProfijtGewicht)
GEWEIGERD = (
    Rol.Soort.RAADSLID, Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.PROGRAMMAMANAGER, Rol.Soort.COORDINEREND_AMBTENAAR,
    Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.BESTUURDER,
)


def _scenario() -> verdeling.Scenario:
    vastgesteld = selectors.verdeling_voor_jaar(2026).scenario
    return verdeling.Scenario(
        jaar=2026, organisaties=vastgesteld.organisaties,
        component_1=verdeling.Component(budget=D("210000.00"), sleutel="gelijk"),
        component_2=verdeling.Component(budget=D("400000.00"), sleutel="inwoners", vaste_bijdragen={"Gorinchem": D("12000.00")}),
        coalities=(verdeling.Coalitie("Fietsroute", D("95000.00"), "gelijk", vastgesteld.coalities[0].deelnames),),
    )


GEVALLEN: dict[str, Callable] = {
    "begrotingsjaar_vaststellen": lambda netwerk, door: services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("300000.00"), component_1_sleutel="gelijk",
        component_2_budget=D("400000.00"), component_2_sleutel="inwoners", door=door,
    ),
    "vaste_bijdrage_vaststellen": lambda netwerk, door: services.vaste_bijdrage_vaststellen(
        begrotingsjaar=netwerk.begrotingsjaar, organisatie=netwerk.gorinchem, bedrag=D("12000.00"), door=door
    ),
    "projectbudget_vaststellen": lambda netwerk, door: services.projectbudget_vaststellen(
        coalitie=netwerk.fietsroute, jaar=2026, budget=D("95000.00"), door=door
    ),
    "scenario_vaststellen": lambda netwerk, door: services.scenario_vaststellen(scenario=_scenario(), door=door),
}


@pytest.mark.parametrize("rol", GEWEIGERD)
@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_a_user_without_the_right_is_refused_and_nothing_is_saved(netwerk, naam, rol):
    door = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[rol])
    voor = stand(*MODELLEN)
    with pytest.raises(PermissionDenied):
        GEVALLEN[naam](netwerk, door)
    assert stand(*MODELLEN) == voor


@pytest.mark.parametrize("rol", [Rol.Soort.MANAGER_SDD, Rol.Soort.BEHEERDER])
@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_the_manager_sdd_and_the_beheerder_adopt(netwerk, naam, rol):
    door = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[rol])
    voor = stand(*MODELLEN)
    GEVALLEN[naam](netwerk, door)
    assert stand(*MODELLEN) != voor


def test_every_write_takes_a_required_door_and_has_a_refusal_case():
    schrijvend = schrijvende_functies(services, lezend={"verdeling_controleren"})
    assert namen_zonder_verplichte_door(services, schrijvend) == []
    assert schrijvend == set(GEVALLEN)
