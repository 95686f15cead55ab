import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from drechtsteden.models import Organisatie
from financiering import selectors
from financiering.models import Begrotingsjaar, ProjectBudget, VasteBijdrage
from tests.financiering.factories import CoalitieFactory, DeelnameFactory

pytestmark = pytest.mark.django_db


def test_demo_budgets_three_years_and_the_demo_coalitions(capsys):
    """demo_data adds three years of budgets with different keys and project budgets for the demo coalitions."""
    call_command("demo_data")
    jaren = {b.jaar: b for b in Begrotingsjaar.objects.all()}
    assert set(jaren) == {2026, 2027, 2028}
    assert len({b.component_1_sleutel for b in jaren.values()}) == 3
    assert jaren[2028].percentages.count() == 7
    assert VasteBijdrage.objects.filter(organisatie__naam="Gorinchem").count() == 3
    assert set(ProjectBudget.objects.filter(coalitie__naam="Regionale fietsroutes").values_list("jaar", flat=True)) == {
        2026, 2027, 2028}
    for jaar_verdeling in selectors.verdelingen([2026, 2027, 2028]).values():
        assert jaar_verdeling.fout is None
    assert "Financiering: begrotingen 2026–2028" in capsys.readouterr().out


def test_demo_budgets_the_coalitions_and_is_idempotent():
    """With coalitions, each computable one gets a budget per year; a second run changes nothing."""
    call_command("demo_data", stdout=io.StringIO())
    gemeenten = {g.naam: g for g in Organisatie.objects.drechtstedengemeenten()}
    fiets = CoalitieFactory(naam="Snelfietsroute", trekker=gemeenten["Dordrecht"])
    DeelnameFactory(coalitie=fiets, organisatie=gemeenten["Dordrecht"], variant="volledig")
    DeelnameFactory(coalitie=fiets, organisatie=gemeenten["Sliedrecht"], variant="solidariteit",
                    solidariteitsbijdrage=Decimal("5000.00"))
    alleen_geen = CoalitieFactory(naam="Idee", trekker=gemeenten["Dordrecht"])
    DeelnameFactory(coalitie=alleen_geen, organisatie=gemeenten["Sliedrecht"], variant="geen")

    call_command("demo_data", stdout=io.StringIO())
    historie = ProjectBudget.history.count()
    call_command("demo_data", stdout=io.StringIO())
    assert ProjectBudget.history.count() == historie
    gebudgetteerd = set(ProjectBudget.objects.values_list("coalitie__naam", "jaar"))
    assert {("Snelfietsroute", 2026), ("Snelfietsroute", 2027), ("Snelfietsroute", 2028)} <= gebudgetteerd
    assert not any(naam == "Idee" for naam, _ in gebudgetteerd)
    for jaar_verdeling in selectors.verdelingen([2026, 2027, 2028]).values():
        assert jaar_verdeling.fout is None
        assert jaar_verdeling.resultaat.bijdragen["Sliedrecht"].per_coalitie["Snelfietsroute"] == Decimal("5000.00")
