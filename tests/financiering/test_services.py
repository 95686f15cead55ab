import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from drechtsteden.models import Rol
from financiering import permissions, selectors, services, verdeling
from financiering.models import Begrotingsjaar, ProjectBudget, SleutelPercentage, VasteBijdrage, Vaststelling
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def manager(netwerk):
    return GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])


def _percentages(netwerk, dordrecht="40"):
    rest = (D(100) - D(dordrecht)) / 6
    return {g: (D(dordrecht) if naam == "Dordrecht" else rest) for naam, g in netwerk.gemeenten.items()}


def test_vaststellen_keeps_history_with_user(netwerk, manager):
    """Changing a year's budget and key is saved with who did it, and the old values stay in history."""
    services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("300000.00"), component_1_sleutel="gelijk",
        component_2_budget=D("400000.00"), component_2_sleutel="inwoners", door=manager,
    )
    jaar = Begrotingsjaar.objects.get(jaar=2026)
    assert jaar.component_1_budget == D("300000.00")
    assert jaar.component_1_vaste_voet_pct is None
    laatste, vorige = jaar.history.all()[:2]
    assert laatste.history_user == manager
    assert vorige.component_1_budget == D("250000.00")
    assert vorige.component_1_sleutel == "vaste_voet_inwoners"


def test_fixed_percentages_must_add_up_to_100(netwerk, manager):
    """Percentages of 99,5 % are refused with code percentages_niet_100 and nothing changes."""
    percentages = _percentages(netwerk, dordrecht="40")
    percentages[netwerk.gemeenten["Sliedrecht"]] -= D("0.5")
    with pytest.raises(ValidationError) as fout:
        services.begrotingsjaar_vaststellen(
            jaar=2026, component_1_budget=D("1.00"), component_1_sleutel="vaste_percentages",
            component_1_percentages=percentages, component_2_budget=D("1.00"), component_2_sleutel="gelijk",
            door=manager,
        )
    assert fout.value.error_list[0].code == "percentages_niet_100"
    assert "99,5" in fout.value.messages[0]
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("250000.00")


def test_fixed_percentages_are_saved_and_used(netwerk, manager):
    """40 % for Dordrecht and 10 % for each of the others split 100.000 exactly so."""
    services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("100000.00"), component_1_sleutel="vaste_percentages",
        component_1_percentages=_percentages(netwerk), component_2_budget=D("400000.00"), component_2_sleutel="gelijk",
        door=manager,
    )
    assert SleutelPercentage.objects.filter(begrotingsjaar__jaar=2026, component=1).count() == 7
    bijdragen = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    assert bijdragen["Dordrecht"].component_1 == D("40000.00")
    assert bijdragen["Sliedrecht"].component_1 == D("10000.00")
    # switching back to another key removes the percentages
    services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("100000.00"), component_1_sleutel="gelijk",
        component_2_budget=D("400000.00"), component_2_sleutel="gelijk", door=manager,
    )
    assert not SleutelPercentage.objects.filter(begrotingsjaar__jaar=2026).exists()


def test_negative_budget_refused_by_validation_and_database(netwerk, manager):
    """A negative budget fails full_clean in the service and the CheckConstraint in the database."""
    with pytest.raises(ValidationError):
        services.begrotingsjaar_vaststellen(
            jaar=2027, component_1_budget=D("-1.00"), component_1_sleutel="gelijk",
            component_2_budget=D("0.00"), component_2_sleutel="gelijk", door=manager,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Begrotingsjaar.objects.filter(jaar=2026).update(component_2_budget=D("-1.00"))


def test_gemeente_cannot_have_fixed_amount(netwerk, manager):
    """A Drechtstedengemeente pays by the key, never a fixed amount."""
    with pytest.raises(ValidationError) as fout:
        services.vaste_bijdrage_vaststellen(
            begrotingsjaar=netwerk.begrotingsjaar, organisatie=netwerk.gemeenten["Sliedrecht"], bedrag=D("1.00"),
            door=manager,
        )
    assert fout.value.error_dict["organisatie"][0].code == "gemeente_vaste_bijdrage"


def test_fixed_amount_above_budget_is_refused_and_rolled_back(netwerk, manager):
    """A partner amount above component 2's budget is refused with the engine's message; nothing is kept."""
    with pytest.raises(ValidationError, match="hoger dan het budget"):
        services.vaste_bijdrage_vaststellen(
            begrotingsjaar=netwerk.begrotingsjaar, organisatie=netwerk.gorinchem, bedrag=D("500000.00"), door=manager
        )
    assert VasteBijdrage.objects.get().bedrag == D("10000.00")


def test_projectbudget_below_solidarity_is_refused(netwerk, manager):
    """Solidarity and fees above the project budget: refused with a clear message, budget unchanged."""
    with pytest.raises(ValidationError, match="solidariteitsbijdragen en instapfees"):
        services.projectbudget_vaststellen(coalitie=netwerk.fietsroute, jaar=2026, budget=D("7000.00"), door=manager)
    assert ProjectBudget.objects.get(jaar=2026).budget == D("90000.00")


def test_projectbudget_with_weights(netwerk, manager):
    """Custom benefit weights are stored and only kept for the weights profijt."""
    dordrecht, papendrecht = netwerk.gemeenten["Dordrecht"], netwerk.gemeenten["Papendrecht"]
    budget = services.projectbudget_vaststellen(
        coalitie=netwerk.fietsroute, jaar=2027, budget=D("10000.00"), profijt="gewichten",
        gewichten={dordrecht: D("3"), papendrecht: D("1")}, door=manager,
    )
    assert budget.gewichten.count() == 2
    bijdragen = selectors.verdeling_voor_jaar(2027).resultaat.bijdragen
    assert bijdragen["Dordrecht"].per_coalitie["Fietsroute"] == D("3750.00")  # (10.000 − 5.000) × 3/4
    services.projectbudget_vaststellen(coalitie=netwerk.fietsroute, jaar=2027, budget=D("10000.00"), door=manager)
    assert budget.gewichten.count() == 0


def test_scenario_vaststellen_by_manager(netwerk, manager):
    """A manager SDD adopts a what-if: key, budgets, partner amount and project budget change."""
    adopted = selectors.verdeling_voor_jaar(2026).scenario
    scenario = verdeling.Scenario(
        jaar=2026,
        organisaties=adopted.organisaties,
        component_1=verdeling.Component(budget=D("210000.00"), sleutel="gelijk"),
        component_2=verdeling.Component(budget=D("400000.00"), sleutel="vaste_voet_inwoners",
                                         vaste_voet_pct=D("25"), vaste_bijdragen={"Gorinchem": D("12000.00")}),
        coalities=(verdeling.Coalitie("Fietsroute", D("95000.00"), "gelijk", adopted.coalities[0].deelnames),),
    )
    services.scenario_vaststellen(scenario=scenario, besluit="AB 2026-1", besluitdatum=datetime.date(2026, 3, 1), door=manager)
    nu = selectors.verdeling_voor_jaar(2026)
    assert nu.resultaat.bijdragen == verdeling.bereken(scenario).bijdragen
    assert nu.begrotingsjaar.history.first().history_user == manager
    assert ProjectBudget.objects.get(jaar=2026).history.first().history_user == manager


def test_scenario_vaststellen_refused_for_secretaris(netwerk):
    """A gemeentesecretaris may not adopt; nothing changes."""
    secretaris = GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.GEMEENTESECRETARIS])
    scenario = selectors.verdeling_voor_jaar(2026).scenario
    with pytest.raises(PermissionDenied):
        services.scenario_vaststellen(scenario=scenario, besluit="AB 2026-1", besluitdatum=datetime.date(2026, 3, 1), door=secretaris)
    assert netwerk.begrotingsjaar.history.count() == 1
    assert not Vaststelling.objects.exists()


def test_who_may_do_what(netwerk):
    """Beheerder and manager SDD adopt; a secretaris only runs scenarios; a raadslid only reads."""
    maak = lambda rol: GebruikerFactory(rollen=[rol])  # noqa: E731
    assert permissions.mag_vaststellen(maak(Rol.Soort.BEHEERDER))
    assert permissions.mag_vaststellen(maak(Rol.Soort.MANAGER_SDD))
    secretaris = maak(Rol.Soort.GEMEENTESECRETARIS)
    assert not permissions.mag_vaststellen(secretaris) and permissions.mag_scenario_doorrekenen(secretaris)
    assert not permissions.mag_scenario_doorrekenen(maak(Rol.Soort.RAADSLID))


def test_scenario_lowering_budget_and_partner_amount_together(netwerk, manager):
    """Lowering component 2 below the old partner amount works when the amount is lowered in the same scenario."""
    adopted = selectors.verdeling_voor_jaar(2026).scenario
    scenario = verdeling.Scenario(
        jaar=2026, organisaties=adopted.organisaties, component_1=adopted.component_1,
        component_2=verdeling.Component(budget=D("5000.00"), sleutel="inwoners",
                                         vaste_bijdragen={"Gorinchem": D("1000.00")}),
        coalities=adopted.coalities,
    )
    services.scenario_vaststellen(scenario=scenario, besluit="AB 2026-1", besluitdatum=datetime.date(2026, 3, 1), door=manager)
    bijdragen = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    assert bijdragen["Gorinchem"].component_2 == D("1000.00")
    assert sum(b.component_2 for b in bijdragen.values()) == D("5000.00")
