import datetime
from decimal import Decimal

import pytest

from drechtsteden.models import Inwonertal
from financiering import selectors, verdeling
from financiering.models import ProjectBudget
from tests.factories import OrganisatieFactory
from tests.financiering.conftest import VOORBEELD_SCENARIO
from tests.financiering.factories import (
    BegrotingsjaarFactory,
    CoalitieFactory,
    DeelnameFactory,
    ProjectBudgetFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def test_database_scenario_equals_the_json_example(netwerk):
    """The scenario built from the database computes to exactly what the same JSON scenario gives."""
    uit_db = selectors.verdeling_voor_jaar(2026)
    uit_json = verdeling.bereken(verdeling.scenario_uit_json(VOORBEELD_SCENARIO))
    assert uit_db.fout is None
    assert uit_db.resultaat.bijdragen == uit_json.bijdragen


def test_example_by_hand(netwerk):
    """Hand check of the example: Fietsroute 90.000 − 5.000 − 2.500 = 82.500 over Dordrecht 1 and Papendrecht ½."""
    resultaat = selectors.verdeling_voor_jaar(2026).resultaat
    # 82.500 × 1/1,5 = 55.000 for Dordrecht, 82.500 × 0,5/1,5 = 27.500 for Papendrecht (+ fee 2.500)
    assert resultaat.bijdragen["Dordrecht"].per_coalitie["Fietsroute"] == D("55000.00")
    assert resultaat.bijdragen["Papendrecht"].per_coalitie["Fietsroute"] == D("30000.00")
    assert resultaat.bijdragen["Sliedrecht"].per_coalitie["Fietsroute"] == D("5000.00")
    assert resultaat.bijdragen["Zwijndrecht"].per_coalitie["Fietsroute"] == D("0.00")
    assert resultaat.bijdragen["Gorinchem"].component_2 == D("10000.00")
    assert resultaat.bijdragen["Gorinchem"].component_1 == D("0.00")
    assert resultaat.totalen["totaal"] == D("740000.00")


def test_inhabitants_at_the_reference_date(netwerk):
    """Counts after the year's reference date are ignored; the latest one on or before it counts."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    Inwonertal.objects.create(organisatie=dordrecht, peildatum=datetime.date(2025, 1, 1), aantal=122000)
    Inwonertal.objects.create(organisatie=dordrecht, peildatum=datetime.date(2026, 1, 1), aantal=999999)
    scenario = selectors.verdeling_voor_jaar(2026).scenario
    inwoners = {o.naam: o.inwoners for o in scenario.organisaties}
    assert inwoners["Dordrecht"] == 122000  # peildatum 2025-01-01
    assert inwoners["Sliedrecht"] == 26000
    assert dordrecht.inwoners_op(datetime.date(2025, 1, 1)).aantal == 122000  # same semantics


def test_partner_without_fixed_amount_or_deelname_is_left_out(netwerk):
    """Only the seven and parties that pay something in the year appear in the scenario."""
    OrganisatieFactory(naam="Molenlanden", cbs_code="GM1978", soort="aanpalende_gemeente")
    namen = {o.naam for o in selectors.verdeling_voor_jaar(2026).scenario.organisaties}
    assert "Molenlanden" not in namen
    assert {"Gorinchem", "Dordrecht", "Sliedrecht"} <= namen


def test_year_without_budget_is_all_zero_with_warning(netwerk):
    """A year without adopted budgets computes to zero and warns about the missing multi-year base."""
    jaar_verdeling = selectors.verdeling_voor_jaar(2029)
    assert not jaar_verdeling.vastgesteld
    assert jaar_verdeling.resultaat.totalen["totaal"] == D("0.00")
    assert any("Geen meerjarige basis" in w for w in jaar_verdeling.waarschuwingen)


def test_multi_year_warning_goes_when_three_years_are_set(netwerk):
    """With 2027–2029 adopted, 2026 has a multi-year base."""
    assert "2027, 2028, 2029" in " ".join(selectors.verdeling_voor_jaar(2026).waarschuwingen)
    for jaar in (2027, 2028, 2029):
        BegrotingsjaarFactory(jaar=jaar)
    assert not any("meerjarige" in w for w in selectors.verdeling_voor_jaar(2026).waarschuwingen)


def test_engine_error_is_reported_not_raised(netwerk):
    """Solidarity above the project budget gives the engine's Dutch message for that year."""
    ProjectBudgetFactory(coalitie=netwerk.fietsroute, jaar=2027, budget=D("4000.00"))
    jaar_verdeling = selectors.verdeling_voor_jaar(2027)
    assert jaar_verdeling.resultaat is None
    assert "hoger dan het projectbudget" in jaar_verdeling.fout


def test_custom_benefit_weights(netwerk):
    """Profijt `gewichten` reads the weights per organisation from the database."""
    from financiering.models import ProfijtGewicht

    coalitie = CoalitieFactory(naam="Haven", trekker=netwerk.gemeenten["Dordrecht"])
    budget = ProjectBudgetFactory(coalitie=coalitie, jaar=2026, budget=D("1000.00"), profijt="gewichten")
    for naam, gewicht in (("Dordrecht", "3"), ("Zwijndrecht", "1")):
        DeelnameFactory(coalitie=coalitie, organisatie=netwerk.gemeenten[naam], variant="volledig")
        ProfijtGewicht.objects.create(projectbudget=budget, organisatie=netwerk.gemeenten[naam], gewicht=D(gewicht))
    bijdragen = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    assert bijdragen["Dordrecht"].per_coalitie["Haven"] == D("750.00")
    assert bijdragen["Zwijndrecht"].per_coalitie["Haven"] == D("250.00")


def _meer_coalities(netwerk, aantal):
    for i in range(aantal):
        coalitie = CoalitieFactory(naam=f"Extra {i}", trekker=netwerk.gemeenten["Dordrecht"])
        for jaar in (2026, 2027):
            ProjectBudgetFactory(coalitie=coalitie, jaar=jaar, budget=D("1000.00"))
        for naam in ("Dordrecht", "Sliedrecht", "Alblasserdam"):
            DeelnameFactory(coalitie=coalitie, organisatie=netwerk.gemeenten[naam], variant="volledig")


@pytest.mark.django_db(transaction=True)  # kept only under committed change numbers
@pytest.mark.parametrize("aantal", [0, 15])
def test_selector_queries_are_fixed(netwerk, aantal, django_assert_num_queries):
    """Five years with 1 or 16 coalitions take the same 1 + 9 queries; computed once, 1 query after that."""
    _meer_coalities(netwerk, aantal)
    with django_assert_num_queries(10):
        per_jaar = selectors.verdelingen(range(2026, 2031))
    assert per_jaar[2027].resultaat.totalen["component_3"] == D(1000 * aantal)
    with django_assert_num_queries(1):
        assert selectors.verdelingen(range(2026, 2031)) == per_jaar


@pytest.mark.django_db(transaction=True)
def test_computed_years_are_kept_until_an_input_changes(netwerk, django_assert_num_queries):
    """A saved budget, participation or coalition name gives new figures at once; nothing else recomputes."""
    from coalities.models import Deelname
    from drechtsteden.permissions import systeem
    from financiering import services

    eerst = selectors.verdeling_voor_jaar(2026)
    with django_assert_num_queries(1):
        assert selectors.verdeling_voor_jaar(2026) is eerst

    budget = ProjectBudget.objects.get(coalitie=netwerk.fietsroute, jaar=2026)
    services.projectbudget_vaststellen(coalitie=netwerk.fietsroute, jaar=2026, budget=budget.budget + 700, door=systeem())
    tweede = selectors.verdeling_voor_jaar(2026)
    assert tweede.resultaat.totalen["component_3"] == eerst.resultaat.totalen["component_3"] + 700

    deelname = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie__naam="Zwijndrecht")
    deelname.variant, deelname.solidariteitsbijdrage = "solidariteit", D("1000.00")
    deelname.save()
    derde = selectors.verdeling_voor_jaar(2026)
    assert derde.deelnames[("Fietsroute", "Zwijndrecht")].variant == "solidariteit"

    netwerk.fietsroute.naam = "Fietsroute Drechtsteden"
    netwerk.fietsroute.save(update_fields=["naam"])
    assert "Fietsroute Drechtsteden" in selectors.verdeling_voor_jaar(2026).coalitie_pks


def test_instap_converted_on_its_entry_date_still_pays_fee_and_pro_rata(netwerk):
    """After the daily job turns Papendrecht's instap into volledig, 2026 still charges fee + ½ share; 2027 a full share."""
    from coalities.models import Deelname

    deelname = Deelname.objects.get(organisatie__naam="Papendrecht", variant="instap")
    deelname.variant = Deelname.Variant.VOLLEDIG  # what coalities.services.instap_omzetten does
    deelname.save()
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Papendrecht"].per_coalitie["Fietsroute"] == D("30000.00")
    engine = selectors.deelname_voor_verdeling(deelname)
    assert verdeling.instapfactor(engine.instapdatum, 2027) == 1
