"""Hoe is dit berekend?: the explanation's parts come from the engine and add up to the totals shown."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from drechtsteden.models import Inwonertal, Rol
from financiering import selectors, verdeling
from tests.factories import GebruikerFactory
from tests.financiering.conftest import VOORBEELD_SCENARIO
from tests.financiering.factories import BegrotingsjaarFactory, ProjectBudgetFactory, coalitie_met_deelnames

D = Decimal

pytestmark = pytest.mark.usefixtures("jaar_2026")


def _delen(uitleg: verdeling.OrganisatieUitleg) -> list[Decimal]:
    return [
        d.bedrag
        for deel_lijst in (uitleg.component_1.delen, uitleg.component_2.delen, *(c.delen for c in uitleg.coalities))
        for d in deel_lijst
    ]


def test_engine_parts_add_up_for_every_organisation():
    """For every party of the example scenario the parts add up to its contribution, per component."""
    scenario = verdeling.scenario_uit_json(VOORBEELD_SCENARIO)
    resultaat, toelichting = verdeling.bereken_met_toelichting(scenario)
    assert resultaat == verdeling.bereken(scenario)
    for naam, bijdrage in resultaat.bijdragen.items():
        uitleg = toelichting.voor(naam)
        assert sum((d.bedrag for d in uitleg.component_1.delen), D(0)) == bijdrage.component_1
        assert sum((d.bedrag for d in uitleg.component_2.delen), D(0)) == bijdrage.component_2
        for c in uitleg.coalities:
            assert sum((d.bedrag for d in c.delen), D(0)) == bijdrage.per_coalitie[c.coalitie]
        assert sum(_delen(uitleg), D(0)) == bijdrage.totaal == uitleg.totaal


def test_engine_parts_name_the_key_and_the_subtracted_fixed_amounts():
    scenario = verdeling.scenario_uit_json(VOORBEELD_SCENARIO)
    _resultaat, toelichting = verdeling.bereken_met_toelichting(scenario)
    dordrecht = toelichting.voor("Dordrecht")
    vaste_voet, inwoners = dordrecht.component_1.delen[:2]
    assert (vaste_voet.soort, vaste_voet.pct, vaste_voet.noemer) == (verdeling.DEEL_VASTE_VOET, D("30"), 7)
    assert (inwoners.soort, inwoners.pct, inwoners.teller, inwoners.noemer) == (
        verdeling.DEEL_INWONERS, D("70"), 121000, 295500)
    assert dordrecht.component_2.vaste_bijdragen == D("10000.00")
    assert dordrecht.component_2.te_verdelen == D("390000.00")
    papendrecht = toelichting.voor("Papendrecht").coalities[0]
    assert papendrecht.variant == verdeling.VARIANT_INSTAP
    assert papendrecht.instapfactor == D(6) / 12
    assert [d.soort for d in papendrecht.delen][:2] == [verdeling.DEEL_INSTAPFEE, verdeling.DEEL_PROFIJT]


def test_rounding_difference_is_named():
    """Three gemeenten sharing € 100,00 equally: one gets the extra cent, named as rounding."""
    scenario = verdeling.Scenario(
        jaar=2026,
        organisaties=[verdeling.Organisatie(n, 1) for n in "ABC"],
        component_1=verdeling.Component(D("100.00")),
        component_2=verdeling.Component(D("0.00")),
    )
    resultaat, toelichting = verdeling.bereken_met_toelichting(scenario)
    a = toelichting.voor("A").component_1
    assert [d.soort for d in a.delen] == [verdeling.DEEL_GELIJK, verdeling.DEEL_AFRONDING]
    assert a.delen[1].bedrag == D("0.01") and a.bedrag == resultaat.bijdragen["A"].component_1 == D("33.34")
    assert [d.soort for d in toelichting.voor("B").component_1.delen] == [verdeling.DEEL_GELIJK]


def _meer_jaren(netwerk):
    """2027 and 2028 adopted too; 2028 with a much larger component 2 and a new coalition for Alblasserdam."""
    BegrotingsjaarFactory(jaar=2027, component_1_sleutel="vaste_voet_inwoners", component_1_vaste_voet_pct=D("37.5"))
    BegrotingsjaarFactory(jaar=2028, component_2_budget=D("700000.00"), component_2_sleutel="gelijk")
    ProjectBudgetFactory(coalitie=netwerk.fietsroute, jaar=2027, budget=D("60000.00"))
    coalitie_met_deelnames("Waterbus", netwerk.gemeenten, {"Alblasserdam": "volledig", "Dordrecht": "volledig"},
                           jaar=2028, budget="80000.00")


def _uitleg_per_jaar(html: str) -> dict[int, tuple[Decimal, list[Decimal], list[Decimal]]]:
    blokken = re.findall(r'<details class="fin-uitleg" data-jaar="(\d+)" data-totaal="([\d.]+)">(.*?)</details>', html, re.S)
    return {
        int(jaar): (D(totaal), [D(x) for x in re.findall(r'data-deel="([-\d.]+)"', inhoud)],
                    [D(x) for x in re.findall(r'data-subtotaal="([-\d.]+)"', inhoud)])
        for jaar, totaal, inhoud in blokken
    }


@pytest.mark.parametrize("gemeente", ["Alblasserdam", "Dordrecht", "Papendrecht", "Sliedrecht", "Gorinchem"])
def test_page_explanation_adds_up_to_the_total_shown(client, netwerk, gemeente):
    _meer_jaren(netwerk)
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    organisatie = netwerk.gorinchem if gemeente == "Gorinchem" else netwerk.gemeenten[gemeente]
    html = client.get(reverse("financiering:organisatie", args=[organisatie.pk])).content.decode()
    assert "Hoe is dit berekend?" in html
    per_jaar = _uitleg_per_jaar(html)
    # Gorinchem pays only its fixed component 2 amount, agreed for 2026 alone.
    assert set(per_jaar) == ({2026} if gemeente == "Gorinchem" else {2026, 2027, 2028})
    totalen = {}
    for jaar, (totaal, delen, subtotalen) in per_jaar.items():
        assert sum(delen, D(0)) == totaal == sum(subtotalen, D(0))
        totalen[jaar] = totaal
    verdelingen = selectors.verdelingen([2026, 2027, 2028])
    for jaar, totaal in totalen.items():
        assert verdelingen[jaar].resultaat.bijdragen[organisatie.naam].totaal == totaal


def test_page_explains_the_key_in_words_and_numbers(client, netwerk):
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Papendrecht"].pk])).content.decode()
    assert "30\u00a0% vaste voet, gelijk verdeeld over 7 gemeenten" in html
    assert "70\u00a0% naar inwoners: 32.500 van 295.500 inwoners = 11,00\u00a0%" in html
    assert "min de vaste bijdragen van partners €\u00a010.000,00" in html
    assert "Instapfee (eenmalig, in het jaar van instap)" in html
    assert "naar rato van 6 maanden deelname" in html
    assert "Gebruikt inwonertal: 32.500 op 1 januari 2024." in html


def test_coalition_page_explains_each_share(client, netwerk):
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("financiering:coalitie", args=[netwerk.fietsroute.pk])).content.decode()
    assert "Solidariteitsbijdrage (vast bedrag)" in html
    assert "Min solidariteitsbijdragen en instapfees €\u00a07.500,00: €\u00a082.500,00 te verdelen naar profijt." in html
    totaal, delen, subtotalen = _uitleg_per_jaar(html)[2026]
    assert totaal == D("90000.00") == sum(delen, D(0)) == sum(subtotalen, D(0))


def test_peildatum_label_is_the_date_of_the_figures_used(client, netwerk):
    """The year's peildatum is 1 January 2025, but the only figures are of 1 January 2024."""
    assert netwerk.begrotingsjaar.peildatum_inwoners == datetime.date(2025, 1, 1)
    assert not Inwonertal.objects.filter(peildatum__gt=datetime.date(2024, 1, 1)).exists()
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    assert "inwonertallen van 1 januari 2024" in html
    assert "1 januari 2025" not in html
    assert selectors.verdeling_voor_jaar(2026).peildatum_cijfers == datetime.date(2024, 1, 1)

    # A newer figure for one gemeente is used for it, and the label follows.
    Inwonertal.objects.create(organisatie=netwerk.gemeenten["Dordrecht"], peildatum=datetime.date(2025, 1, 1), aantal=122000)
    html = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    assert "inwonertallen van 1 januari 2025" in html
    assert "Niet van elke gemeente is een cijfer van die datum" in html
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Dordrecht"].pk])).content.decode()
    assert "Gebruikt inwonertal: 122.000 op 1 januari 2025." in html
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk])).content.decode()
    assert "Gebruikt inwonertal: 26.000 op 1 januari 2024." in html


def test_year_on_year_jump_names_its_cause(client, netwerk):
    """Alblasserdam's 2028 rises because component 2 goes to equal shares of a larger budget and a new coalition."""
    _meer_jaren(netwerk)
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Alblasserdam"].pk])).content.decode()
    verschillen = re.findall(r'<p class="utrecht-paragraph fin-verschil">(.*?)</p>', html, re.S)
    assert len(verschillen) == 1
    tekst = verschillen[0]
    assert "ten opzichte van 2027" in tekst
    assert "basisfinanciering projecten" in tekst
    assert "budget €\u00a0400.000,00 → €\u00a0700.000,00" in tekst and "andere verdeelsleutel" in tekst
    assert "coalitie Waterbus" in tekst and "nieuw projectbudget" in tekst
    # The largest cause comes first.
    assert tekst.index("basisfinanciering projecten") < tekst.index("coalitie Waterbus")


def test_small_change_gets_no_explanation(client, netwerk):
    BegrotingsjaarFactory(jaar=2027, component_1_sleutel="vaste_voet_inwoners", component_1_vaste_voet_pct=D("30"),
                          component_2_budget=D("410000.00"))
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Alblasserdam"].pk])).content.decode()
    assert "fin-verschil" not in html
