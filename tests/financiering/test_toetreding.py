"""Joining a table or a coalition under the recorded rule, and the allocation agreeing with what was recorded.

The allocation honours the date from which the financing changes: a party that leaves or joins during
the year pays exactly the months the recorded `Overgang` says, to the cent, and the others carry the rest.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coalities.models import Deelname
from coalities.services import ToezeggingGegevens
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from financiering import selectors, services
from financiering.models import Overgang, Overgangsregel
from tafels import services as tafel_services
from tafels.models import Lidmaatschap
from tests.coalities.factories import CoalitieFactory, DeelnameFactory
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.financiering.factories import ProjectBudgetFactory
from tests.rechten import stand
from tests.tafels.factories import tafel_met_leden

pytestmark = pytest.mark.django_db
D = Decimal
d = datetime.date
MODELLEN = (Overgang, Overgangsregel, Organisatie, Lidmaatschap, Deelname)
TOEZEGGING = ToezeggingGegevens(soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Verkeerskundige kennis",
                                jaar_van=2026, jaar_tot=2027)


@pytest.fixture
def w(netwerk):
    """The issue's 2026 network, plus Haven: € 90.000,00 in 2026 and € 120.000,00 in 2027, Dordrecht,
    Sliedrecht and Zwijndrecht volledig with equal benefit (€ 30.000,00 each in 2026)."""
    netwerk.haven = CoalitieFactory(naam="Haven", trekker=netwerk.gemeenten["Dordrecht"])
    ProjectBudgetFactory(coalitie=netwerk.haven, jaar=2026, budget=D("90000.00"))
    ProjectBudgetFactory(coalitie=netwerk.haven, jaar=2027, budget=D("120000.00"))
    for naam in ("Dordrecht", "Sliedrecht", "Zwijndrecht"):
        DeelnameFactory(coalitie=netwerk.haven, organisatie=netwerk.gemeenten[naam], variant="volledig")
    netwerk.tafel = tafel_met_leden(naam="Tafel Economie")
    netwerk.secretaris = netwerk.tafel.secretaris
    netwerk.staf = {
        naam: GebruikerFactory(organisatie=org, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
        for naam, org in [*netwerk.gemeenten.items(), ("Gorinchem", netwerk.gorinchem)]
    }
    return netwerk


def _haven(naam: str, jaar: int = 2026) -> Decimal:
    return selectors.verdeling_voor_jaar(jaar).resultaat.bijdragen[naam].per_coalitie["Haven"]


# --- The allocation and the recorded join or leave agree ----------------------------------------------------


def test_a_mid_year_leave_is_in_the_allocation_exactly_as_recorded(w):
    """Zwijndrecht gives notice on 1 March 2026 (three months): out on 1 June, so it owes January to May,
    5/12 of € 30.000,00 = € 12.500,00. The 2026 allocation charges it exactly that, Dordrecht and
    Sliedrecht carry the € 17.500,00 it does not pay (€ 38.750,00 each), the budget adds up, and in 2027
    it pays nothing."""
    deelname = Deelname.objects.get(coalitie=w.haven, organisatie__naam="Zwijndrecht")
    vastgelegd = services.uittreding_coalitie_vastleggen(
        deelname=deelname, meldingsdatum=d(2026, 3, 1), reden="Geen budget", door=w.staf["Zwijndrecht"],
        vandaag=d(2026, 3, 1),
    )
    assert vastgelegd.totaal == D("12500.00") and vastgelegd.variant == "volledig"
    assert _haven("Zwijndrecht") == vastgelegd.totaal == D(vastgelegd.bedragen[0]["component_3"])
    assert (_haven("Dordrecht"), _haven("Sliedrecht")) == (D("38750.00"), D("38750.00"))
    assert _haven("Zwijndrecht", 2027) == D("0.00")
    assert _haven("Dordrecht", 2027) == D("60000.00")
    jaar = selectors.organisatie_overzicht(w.gemeenten["Zwijndrecht"], [2026])[0]
    (haven,) = [c for c in jaar.coalities if c.coalitie == "Haven"]
    assert (haven.variant, haven.maanden) == ("volledig", 5)
    assert "5 van 12 maanden" in haven.variant_label


def test_a_join_is_in_the_allocation_exactly_as_recorded(w):
    """Papendrecht joins Haven volledig on 15 July 2026; the coalition's rule counts it from that date pro
    rata: August to December, 5/12 of its whole-year share of € 22.500,00 (four equal parties) =
    € 9.375,00, and in 2027 a full quarter of € 120.000,00. The allocation charges exactly that."""
    vastgelegd = services.toetreding_coalitie_vastleggen(
        coalitie=w.haven, organisatie=w.gemeenten["Papendrecht"], variant="volledig", eerste_toezegging=TOEZEGGING,
        meldingsdatum=d(2026, 7, 15), reden="Eigen havenbelang", door=w.staf["Papendrecht"], vandaag=d(2026, 7, 15),
    )
    assert (vastgelegd.richting, vastgelegd.ingangsdatum, vastgelegd.financiering_per) == (
        "toetreding", d(2026, 7, 15), d(2026, 7, 15))
    assert [(j["jaar"], j["maanden"][2], j["component_3"]) for j in vastgelegd.bedragen] == [
        (2026, 5, "9375.00"), (2027, 12, "30000.00")]
    assert _haven("Papendrecht") == D("9375.00")
    assert _haven("Papendrecht", 2027) == D("30000.00")
    # The others carry the months it did not take part: € 30.000,00 minus their share of its 5 months.
    assert sum(_haven(n) for n in ("Dordrecht", "Papendrecht", "Sliedrecht", "Zwijndrecht")) == D("90000.00")
    assert Deelname.objects.get(coalitie=w.haven, organisatie__naam="Papendrecht").toezeggingen.count() == 1


def test_an_instap_leaver_pays_its_months_of_its_instap_amount(w):
    """Papendrecht, entering Fietsroute on 1 July 2026 with a fee of € 2.500,00, leaves on 1 June (notice on
    1 March): it owes 5/12 of what the instap model charged it, and the allocation still counts it as an
    instap party for those months, to the cent."""
    from financiering.verdeling import deel_van_jaar

    voor = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Papendrecht"].per_coalitie["Fietsroute"]
    vastgelegd = services.uittreding_coalitie_vastleggen(
        deelname=Deelname.objects.get(coalitie=w.fietsroute, organisatie__naam="Papendrecht"),
        meldingsdatum=d(2026, 3, 1), reden="Geen budget", door=w.staf["Papendrecht"], vandaag=d(2026, 3, 1),
    )
    assert (vastgelegd.variant, vastgelegd.instapdatum, vastgelegd.instapfee) == ("instap", d(2026, 7, 1), D("2500.00"))
    assert vastgelegd.totaal == deel_van_jaar(voor, 5)
    na = selectors.verdeling_voor_jaar(2026)
    assert na.fout is None
    assert na.resultaat.bijdragen["Papendrecht"].per_coalitie["Fietsroute"] == vastgelegd.totaal


def _naar_rato_uit_de_samenwerking() -> None:
    """The cooperation's leave rule made pro rata: three months' notice, the financing changes on the first of
    the next month, and the months before it are owed."""
    Overgangsregel.objects.update_or_create(niveau="samenwerking", richting="uittreding", defaults={
        "opzegtermijn_maanden": 3, "terugwerkend_dagen": 30, "financiering_per": "eerste_van_maand",
        "verschuldigd": "naar_rato", "component_2_loopt_door": False})


def test_a_pro_rata_leave_of_the_cooperation_among_other_joins_and_leaves_is_charged_as_recorded(w):
    """Zwijndrecht leaves Haven on 1 June 2026 and Alblasserdam the cooperation on 1 April; then Sliedrecht
    leaves the cooperation on 15 June. Sliedrecht's share today carries part of what the other two no longer
    pay, which is not its own share: what is recorded per component is what the 2026 allocation charges it
    afterwards, to the cent, and each component and coalition still adds up to its budget."""
    _naar_rato_uit_de_samenwerking()
    services.uittreding_coalitie_vastleggen(
        deelname=Deelname.objects.get(coalitie=w.haven, organisatie__naam="Zwijndrecht"), meldingsdatum=d(2026, 3, 1),
        reden="Geen budget", door=w.staf["Zwijndrecht"], vandaag=d(2026, 3, 1),
    )
    manager = GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])
    services.uittreding_samenwerking_vastleggen(
        organisatie=w.gemeenten["Alblasserdam"], meldingsdatum=d(2026, 1, 1), reden="Eigen koers", door=manager,
        vandaag=d(2026, 1, 1),
    )
    vastgelegd = services.uittreding_samenwerking_vastleggen(
        organisatie=w.gemeenten["Sliedrecht"], meldingsdatum=d(2026, 3, 15), reden="Eigen koers", door=manager,
        vandaag=d(2026, 3, 15),
    )
    (jaar,) = vastgelegd.bedragen
    assert (jaar["jaar"], jaar["maanden"]) == (2026, [6, 6, 6])
    verdeling = selectors.verdeling_voor_jaar(2026)
    assert verdeling.fout is None
    bijdragen = verdeling.resultaat.bijdragen
    sliedrecht = bijdragen["Sliedrecht"]
    assert [D(jaar[f"component_{c}"]) for c in (1, 2, 3)] == [
        sliedrecht.component_1, sliedrecht.component_2, sliedrecht.component_3]
    assert vastgelegd.totaal == sliedrecht.totaal
    # Its own whole-year share of Haven (€ 30.000,00) for six months, and half its solidarity in Fietsroute.
    assert sliedrecht.per_coalitie == {"Fietsroute": D("2500.00"), "Haven": D("15000.00")}
    assert sum(b.component_1 for b in bijdragen.values()) == D("250000.00")
    assert sum(b.component_2 for b in bijdragen.values()) == D("400000.00")
    assert sum(b.per_coalitie["Haven"] for b in bijdragen.values()) == D("90000.00")
    assert sum(b.per_coalitie["Fietsroute"] for b in bijdragen.values()) == D("90000.00")


def test_before_a_recorded_join_the_entrant_paid_nothing_and_before_a_leave_the_whole_year(w):
    """The 2025 allocation (a budget of € 60.000,00) does not charge a party that joined in 2026, and still
    charges one that left in 2026 in full."""
    ProjectBudgetFactory(coalitie=w.haven, jaar=2025, budget=D("60000.00"))
    services.toetreding_coalitie_vastleggen(
        coalitie=w.haven, organisatie=w.gemeenten["Papendrecht"], variant="volledig", eerste_toezegging=TOEZEGGING,
        meldingsdatum=d(2026, 7, 15), reden="Eigen havenbelang", door=w.staf["Papendrecht"], vandaag=d(2026, 7, 15),
    )
    services.uittreding_coalitie_vastleggen(
        deelname=Deelname.objects.get(coalitie=w.haven, organisatie__naam="Zwijndrecht"), meldingsdatum=d(2026, 3, 1),
        reden="Geen budget", door=w.staf["Zwijndrecht"], vandaag=d(2026, 3, 1),
    )
    assert _haven("Papendrecht", 2025) == D("0.00")
    assert _haven("Zwijndrecht", 2025) == D("20000.00")


def test_a_solidarity_join_pays_its_months_of_its_contribution(w):
    """Alblasserdam joins in solidarity with € 6.000,00 a year on 1 October 2026: 3/12 = € 1.500,00."""
    vastgelegd = services.toetreding_coalitie_vastleggen(
        coalitie=w.haven, organisatie=w.gemeenten["Alblasserdam"], variant="solidariteit",
        solidariteitsbijdrage=D("6000.00"), meldingsdatum=d(2026, 10, 1), reden="Regionaal belang",
        door=w.staf["Alblasserdam"], vandaag=d(2026, 10, 1),
    )
    assert vastgelegd.bedragen[0]["component_3"] == "1500.00" == str(_haven("Alblasserdam"))


def test_a_partner_joining_a_table_pays_its_fixed_contribution_from_the_first_of_the_next_month(w):
    """Molenlanden is admitted on 15 July 2026 and its fixed contribution of € 12.000,00 for 2026 is adopted
    afterwards: the allocation charges it from 1 August, 5/12 = € 5.000,00, as the record says it will."""
    molenlanden = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    vastgelegd = services.toetreding_tafel_vastleggen(
        tafel=w.tafel, organisatie=molenlanden, besluit_referentie="Besluit 4 van 15 juli 2026",
        meldingsdatum=d(2026, 7, 15), door=w.secretaris, vandaag=d(2026, 7, 15),
    )
    assert (vastgelegd.financiering_per, vastgelegd.bedragen[0]["maanden"][1]) == (d(2026, 8, 1), 5)
    assert vastgelegd.totaal == D("0.00") and vastgelegd.bedragen[0]["component_2"] == "0.00"  # none adopted yet
    lid = w.tafel.lidmaatschappen.get(organisatie=molenlanden)
    assert (lid.status, lid.datum, lid.besluit_referentie) == ("toegetreden_partner", d(2026, 7, 15), "Besluit 4 van 15 juli 2026")
    services.vaste_bijdrage_vaststellen(begrotingsjaar=w.begrotingsjaar, organisatie=molenlanden, bedrag=D("12000.00"),
                                        door=systeem())
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Molenlanden"].component_2 == D("5000.00")


def test_a_partner_already_at_another_table_keeps_paying_as_it_did(w):
    """Gorinchem sits at another table and pays its € 10.000,00 there: joining this one changes nothing."""
    tafel_services.partner_toelaten(tafel=tafel_met_leden(naam="Tafel Wonen"), organisatie=w.gorinchem,
                                    besluit_referentie="Besluit 1", datum=d(2026, 1, 1), door=systeem())
    vastgelegd = services.toetreding_tafel_vastleggen(
        tafel=w.tafel, organisatie=w.gorinchem, besluit_referentie="Besluit 9", meldingsdatum=d(2026, 7, 15),
        door=w.secretaris, vandaag=d(2026, 7, 15),
    )
    assert not vastgelegd.verandert_financiering and vastgelegd.totaal == D("0.00")
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Gorinchem"].component_2 == D("10000.00")


def test_a_gemeente_takes_part_again_without_a_change_in_its_financing(w):
    lid = w.tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    tafel_services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen opgave", datum=d(2026, 1, 1), door=w.secretaris)
    vastgelegd = services.toetreding_lidmaatschap_vastleggen(
        lidmaatschap=lid, meldingsdatum=d(2026, 7, 15), reden="Nieuwe wethouder", door=w.secretaris,
        vandaag=d(2026, 7, 15),
    )
    assert (vastgelegd.richting, vastgelegd.verandert_financiering, vastgelegd.totaal) == ("toetreding", False, D("0.00"))
    lid.refresh_from_db()
    assert (lid.status, lid.datum) == ("deelnemend", d(2026, 7, 15))
    assert [h.status for h in lid.history.all()][:2] == ["deelnemend", "afgemeld"]


@pytest.mark.parametrize(("wijziging", "melding"), [
    ({"variant": "instap"}, "Toetreden kan met volledige participatie of solidariteit"),
    ({"variant": "volledig", "eerste_toezegging": None}, "minstens één toezegging"),
    ({"variant": "solidariteit"}, "solidariteitsbijdrage"),
    ({"organisatie": "Dordrecht"}, "neemt al deel"),
    ({"meldingsdatum": d(2026, 6, 1)}, "hooguit 30 dagen in het verleden"),
    ({"reden": "  "}, "Geef de reden van de toetreding."),
])
def test_a_join_that_cannot_be_is_refused_and_nothing_is_saved(w, wijziging, melding):
    gegevens = {"variant": "volledig", "eerste_toezegging": TOEZEGGING, "meldingsdatum": d(2026, 7, 15),
                "reden": "Eigen havenbelang", "organisatie": "Papendrecht"} | wijziging
    organisatie = w.gemeenten[gegevens.pop("organisatie")]
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        services.toetreding_coalitie_vastleggen(
            coalitie=w.haven, organisatie=organisatie, door=w.staf[organisatie.naam], vandaag=d(2026, 7, 15), **gegevens,
        )
    assert melding in " ".join(fout.value.messages)
    assert stand(*MODELLEN) == voor


# --- The pages: the consequences first, saved only on confirmation -------------------------------------------

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from drechtsteden.opmaak import euro  # noqa: E402


def _html(response) -> str:
    return response.content.decode().replace("&nbsp;", "\xa0")


def test_a_partner_join_shows_its_consequences_and_saves_nothing_before_confirming(client, w):
    molenlanden = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    client.force_login(w.secretaris)
    url = reverse("financiering:toetreding_tafel", args=[w.tafel.pk])
    voor = stand(*MODELLEN)
    html = _html(client.get(url))
    assert "Partner toelaten tot de tafel Tafel Economie" in html and "Toetreding bevestigen" not in html
    assert "Op de eerste van de maand, op of na de ingangsdatum" in html
    vandaag = timezone.localdate()
    data = {"organisatie": molenlanden.pk, "besluit_referentie": "Besluit 4", "meldingsdatum": vandaag.strftime("%d-%m-%Y")}
    html = _html(client.post(url, data))
    regel, uitkomst = selectors.overgang_berekenen(
        selectors.Overgangsdoel("tafel", molenlanden, richting="toetreding", tafel=w.tafel), vandaag)
    assert f"Molenlanden treedt toe tot de tafel Tafel Economie op {uitkomst.ingangsdatum.day} " in html
    assert f"De financiering verandert per {uitkomst.financiering_per.day} " in html
    for jaar in uitkomst.per_jaar:
        assert f"Molenlanden betaalt in {jaar.jaar} {euro(jaar.totaal)}." in html
    assert "nog geen vaste bijdrage van Molenlanden vastgesteld" in html
    assert "Toetreding bevestigen" in html
    assert stand(*MODELLEN) == voor

    response = client.post(url, data | {"bevestigd": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("tafels:detail", args=[w.tafel.pk])
    vastgelegd = Overgang.objects.get()
    assert (vastgelegd.organisatie, vastgelegd.tafel, vastgelegd.richting, vastgelegd.reden) == (
        molenlanden, w.tafel, "toetreding", "Besluit 4")
    assert w.tafel.lidmaatschappen.get(organisatie=molenlanden).status == "toegetreden_partner"
    assert "De toetreding van Molenlanden tot de tafel Tafel Economie is vastgelegd." in _html(client.get(response["Location"]))


def test_a_coalition_join_shows_what_it_will_pay_and_records_it_on_confirmation(client, w):
    client.force_login(w.staf["Papendrecht"])
    url = reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Papendrecht"].pk])
    vandaag = timezone.localdate()
    data = {"variant": "volledig", "meldingsdatum": vandaag.isoformat(), "reden": "Eigen havenbelang",
            "toezegging_soort": "kennis", "toezegging_omschrijving": "Havenkennis",
            "toezegging_jaar_van": str(vandaag.year), "toezegging_jaar_tot": str(vandaag.year + 1)}
    voor = stand(*MODELLEN)
    html = _html(client.post(url, data))
    doel = selectors.Overgangsdoel("coalitie", w.gemeenten["Papendrecht"], richting="toetreding", coalitie=w.haven,
                                   variant="volledig")
    _regel, uitkomst = selectors.overgang_berekenen(doel, vandaag)
    assert "Toetreding van Papendrecht tot de coalitie Haven" in html
    assert f"Papendrecht betaalt in {vandaag.year} {euro(uitkomst.per_jaar[0].totaal)}." in html
    assert "Toetreding bevestigen" in html and stand(*MODELLEN) == voor
    assert client.post(url, data | {"bevestigd": "1"}).status_code == 302
    deelname = Deelname.objects.get(coalitie=w.haven, organisatie__naam="Papendrecht")
    assert deelname.variant == "volledig" and deelname.toezeggingen.get().omschrijving == "Havenkennis"
    assert Overgang.objects.get().totaal == uitkomst.totaal


def test_a_gemeente_takes_part_again_through_the_confirmation(client, w):
    lid = w.tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    tafel_services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen opgave", datum=d(2026, 1, 1), door=w.secretaris)
    client.force_login(w.secretaris)
    pagina = _html(client.get(reverse("tafels:lidmaatschap", args=[w.tafel.pk, lid.pk])))
    url = reverse("financiering:toetreding_lidmaatschap", args=[lid.pk])
    assert url in pagina
    data = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Nieuwe wethouder"}
    html = _html(client.post(url, data))
    assert "weer deelnemen aan een tafel verandert dat niet" in html and "Toetreding bevestigen" in html
    assert client.post(url, data | {"bevestigd": "1"}).status_code == 302
    assert Lidmaatschap.objects.get(pk=lid.pk).status == "deelnemend"


@pytest.mark.parametrize(("data", "melding"), [
    ({"variant": "volledig"}, "Bij deze variant hoort minstens één toezegging"),
    ({"variant": "solidariteit"}, "solidariteitsbijdrage groter dan"),
    ({"variant": "instap"}, "Selecteer een geldige keuze"),
    ({"variant": "solidariteit", "solidariteitsbijdrage": "6.000", "meldingsdatum": "31-02-2026"}, "Vul een geldige datum in"),
    ({"variant": "solidariteit", "solidariteitsbijdrage": "6.000", "meldingsdatum": "1-1-1999"}, "2000"),
    ({"variant": "solidariteit", "solidariteitsbijdrage": "6.000", "reden": " "}, "Geef de reden van de toetreding."),
])
@pytest.mark.parametrize("bevestigd", ["", "1"])
def test_bad_input_on_a_join_is_refused_with_a_message_and_nothing_is_saved(client, w, data, melding, bevestigd):
    client.force_login(w.staf["Alblasserdam"])
    url = reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Alblasserdam"].pk])
    voor = stand(*MODELLEN)
    standaard = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Regionaal belang", "bevestigd": bevestigd}
    response = client.post(url, standaard | data)
    assert response.status_code == 200
    assert melding in _html(response) and "Toetreding bevestigen" not in _html(response)
    assert stand(*MODELLEN) == voor


def test_joins_by_others_or_of_unknown_ids_are_refused_and_nothing_is_saved(client, w):
    data = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Weg", "variant": "solidariteit",
            "solidariteitsbijdrage": "1000", "organisatie": w.gorinchem.pk, "besluit_referentie": "B", "bevestigd": "1"}
    afgemeld = w.tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    tafel_services.lidmaatschap_afmelden(lidmaatschap=afgemeld, reden="Geen opgave", datum=d(2026, 1, 1), door=w.secretaris)
    voor = stand(*MODELLEN)
    # Programme staff of another organisation, a bestuurder, a raadslid: 403.
    client.force_login(w.staf["Dordrecht"])
    assert client.post(reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Alblasserdam"].pk]),
                       data).status_code == 403
    assert client.post(reverse("financiering:toetreding_tafel", args=[w.tafel.pk]), data).status_code == 403
    assert client.post(reverse("financiering:toetreding_lidmaatschap", args=[afgemeld.pk]), data).status_code == 403
    client.force_login(GebruikerFactory(organisatie=w.gemeenten["Alblasserdam"], rollen=[Rol.Soort.RAADSLID]))
    assert client.post(reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Alblasserdam"].pk]),
                       data).status_code == 403
    # Unknown ids, or a membership that is not opted out: 404.
    client.force_login(w.secretaris)
    assert client.get(reverse("financiering:toetreding_tafel", args=[999999])).status_code == 404
    assert client.get(reverse("financiering:toetreding_lidmaatschap", args=[999999])).status_code == 404
    aan_tafel = w.tafel.lidmaatschappen.get(organisatie__naam="Dordrecht")
    assert client.post(reverse("financiering:toetreding_lidmaatschap", args=[aan_tafel.pk]), data).status_code == 404
    client.force_login(w.staf["Alblasserdam"])
    assert client.get(reverse("financiering:toetreding_coalitie", args=[999999, w.gemeenten["Alblasserdam"].pk])).status_code == 404
    assert client.get(reverse("financiering:toetreding_coalitie", args=[w.haven.pk, 999999])).status_code == 404
    # A partner that already sits at the table cannot be chosen.
    tafel_services.partner_toelaten(tafel=w.tafel, organisatie=w.gorinchem, besluit_referentie="B", datum=d(2026, 1, 1),
                                    door=systeem())
    voor = stand(*MODELLEN)
    client.force_login(w.secretaris)
    response = client.post(reverse("financiering:toetreding_tafel", args=[w.tafel.pk]), data)
    assert response.status_code == 200 and "Er is geen partner die nog kan toetreden" in _html(response)
    assert "Toetreding bevestigen" not in _html(response)
    assert stand(*MODELLEN) == voor
    # With a partner that can still join, the form is back and refuses the one already at the table.
    OrganisatieFactory(naam="Havenbedrijf", soort=Organisatie.Soort.BEDRIJF, cbs_code="")
    voor = stand(*MODELLEN)
    response = client.post(reverse("financiering:toetreding_tafel", args=[w.tafel.pk]), data)
    assert response.status_code == 200 and 'id="geen-keuze"' not in _html(response)
    assert "Selecteer een geldige keuze" in _html(response)
    assert stand(*MODELLEN) == voor


def test_a_party_already_taking_part_is_sent_to_its_choice(client, w):
    client.force_login(w.staf["Dordrecht"])
    response = client.get(reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Dordrecht"].pk]))
    assert response["Location"] == reverse("coalities:deelname", args=[w.haven.pk, w.gemeenten["Dordrecht"].pk])


def test_the_pages_link_to_joining(client, w):
    client.force_login(w.secretaris)
    html = _html(client.get(reverse("tafels:detail", args=[w.tafel.pk])))
    assert reverse("financiering:toetreding_tafel", args=[w.tafel.pk]) in html
    client.force_login(w.staf["Papendrecht"])
    html = _html(client.get(reverse("coalities:deelname", args=[w.haven.pk, w.gemeenten["Papendrecht"].pk])))
    assert reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Papendrecht"].pk]) in html


@pytest.mark.parametrize("extra", [0, 5])
def test_the_join_confirmation_takes_a_fixed_number_of_queries(client, w, django_assert_num_queries, extra):
    for i in range(extra):
        coalitie = CoalitieFactory(naam=f"Extra {i}", trekker=w.gemeenten["Dordrecht"])
        ProjectBudgetFactory(coalitie=coalitie, jaar=timezone.localdate().year, budget=D("1000.00"))
        DeelnameFactory(coalitie=coalitie, organisatie=w.gemeenten["Dordrecht"], variant="volledig")
    client.force_login(w.staf["Alblasserdam"])
    url = reverse("financiering:toetreding_coalitie", args=[w.haven.pk, w.gemeenten["Alblasserdam"].pk])
    data = {"variant": "solidariteit", "solidariteitsbijdrage": "6.000", "meldingsdatum": timezone.localdate().isoformat(),
            "reden": "Regionaal belang"}
    client.post(url, data)  # the allocation of the years is computed once per process
    with django_assert_num_queries(JOIN_QUERIES):
        client.post(url, data)


JOIN_QUERIES = 16  # session, user with roles and organisation, coalition, organisation, its deelname, rule, input stamp (+9: nothing is kept within the test's own transaction, so the year's allocation is computed)


# --- Where recorded joins and leaves are shown ---------------------------------------------------------------


def test_recorded_joins_and_leaves_are_shown_where_they_matter(client, w):
    """The organisation's financing page, the coalition's and the table's page and the raadsinformatie of a
    gemeente concerned show who joined or left, when, under which terms and what was owed."""
    vandaag = timezone.localdate()
    services.uittreding_coalitie_vastleggen(
        deelname=Deelname.objects.get(coalitie=w.haven, organisatie__naam="Zwijndrecht"), meldingsdatum=vandaag,
        reden="Geen budget meer", door=w.staf["Zwijndrecht"],
    )
    molenlanden = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    services.toetreding_tafel_vastleggen(tafel=w.tafel, organisatie=molenlanden, besluit_referentie="Besluit 4",
                                         meldingsdatum=vandaag, door=w.secretaris)
    client.force_login(GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    html = _html(client.get(reverse("financiering:organisatie", args=[w.gemeenten["Zwijndrecht"].pk])))
    assert "Toe- en uittredingen van Zwijndrecht" in html and "uittreding uit coalitie Haven" in html
    assert "Geen budget meer" in html and "opzegtermijn 3 maanden" in html and "nog verschuldigd" in html
    html = _html(client.get(reverse("coalities:detail", args=[w.haven.pk])))
    assert "Toe- en uittredingen van Haven" in html and "Zwijndrecht" in html and "Geen budget meer" in html
    html = _html(client.get(reverse("tafels:detail", args=[w.tafel.pk])))
    assert "Toe- en uittredingen van Tafel Economie" in html and "toetreding tot tafel Tafel Economie" in html
    assert "Besluit 4" in html
    # Dordrecht's share of Haven changes with Zwijndrecht's leave: its raadsinformatie names it.
    from portaal import selectors as portaal_selectors

    info = portaal_selectors.raadsinformatie(organisatie=w.gemeenten["Dordrecht"], jaar=vandaag.year)
    assert [(o.organisatie.naam, o.richting) for o in info.overgangen] == [("Zwijndrecht", "uittreding")]
    html = _html(client.get(reverse("raadsinformatie", args=[w.gemeenten["Dordrecht"].pk]) + f"?jaar={vandaag.year}"))
    assert "Vastgelegde toe- en uittredingen die Dordrecht raken" in html and "Zwijndrecht: uittreding uit coalitie Haven" in html
    info = portaal_selectors.raadsinformatie(organisatie=w.gemeenten["Papendrecht"], jaar=vandaag.year)
    assert info.overgangen == []  # not in Haven, not at this table as a partner


# --- Joining the cooperation itself -------------------------------------------------------------------------

from drechtsteden.models import Inwonertal  # noqa: E402
from tests.financiering.factories import BegrotingsjaarFactory  # noqa: E402

SAMENWERKING_MODELLEN = (Overgang, Overgangsregel, Organisatie)


def _nieuwe_gemeente(naam: str = "Molenlanden", actief_van: datetime.date = d(2027, 1, 1)) -> Organisatie:
    """A gemeente the beheerder registered to join, not active yet, with its inhabitants on 1 January 2024."""
    gemeente = OrganisatieFactory(naam=naam, soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE, cbs_code="GM1978",
                                  actief_van=actief_van)
    Inwonertal.objects.create(organisatie=gemeente, peildatum=d(2024, 1, 1), aantal=44000)
    return gemeente


@pytest.fixture
def manager(w):
    return GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])


def _naar_rato_toetreden() -> None:
    """The cooperation's join rule made pro rata from the first of the next month."""
    Overgangsregel.objects.update_or_create(niveau="samenwerking", richting="toetreding", defaults={
        "opzegtermijn_maanden": 0, "terugwerkend_dagen": 30, "financiering_per": "eerste_van_maand",
        "verschuldigd": "naar_rato", "component_2_loopt_door": False})


def test_a_new_gemeente_joins_the_cooperation_and_pays_by_the_key_from_the_next_year(w, manager):
    """Under the documented rule Molenlanden, joining on 15 July 2026, pays nothing in 2026 and from 1 January
    2027 its share by the key of 2027 as the eighth gemeente: recorded, and charged by the 2027 allocation to
    the cent, while 2026 stays as it was."""
    BegrotingsjaarFactory(jaar=2027, component_1_sleutel="vaste_voet_inwoners", component_1_vaste_voet_pct=D("30"))
    molenlanden = _nieuwe_gemeente()
    voor_2026 = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    vastgelegd = services.toetreding_samenwerking_vastleggen(
        organisatie=molenlanden, meldingsdatum=d(2026, 7, 15), reden="Besluit van de raden", door=manager,
        vandaag=d(2026, 7, 15),
    )
    assert (vastgelegd.niveau, vastgelegd.richting, vastgelegd.ingangsdatum, vastgelegd.financiering_per) == (
        "samenwerking", "toetreding", d(2026, 7, 15), d(2027, 1, 1))
    assert [(j["jaar"], j["maanden"], j["totaal"]) for j in vastgelegd.bedragen][0] == (2026, [0, 0, 0], "0.00")
    (j2027,) = [j for j in vastgelegd.bedragen if j["jaar"] == 2027]
    assert j2027["maanden"] == [12, 12, 12] and j2027["vastgesteld"]
    na_2027 = selectors.verdeling_voor_jaar(2027).resultaat.bijdragen
    assert [D(j2027["component_1"]), D(j2027["component_2"])] == [
        na_2027["Molenlanden"].component_1, na_2027["Molenlanden"].component_2]
    assert D(j2027["component_1"]) > 0
    assert sum(b.component_1 for b in na_2027.values()) == D("250000.00")
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen == voor_2026
    molenlanden.refresh_from_db()
    assert (molenlanden.actief_van, molenlanden.actief_tot) == (d(2026, 7, 15), None)
    assert [(h.actief_van, h.history_user) for h in molenlanden.history.all()][:2] == [
        (d(2026, 7, 15), manager), (d(2027, 1, 1), None)]
    assert [(h.history_type, h.history_user) for h in vastgelegd.history.all()] == [("+", manager)]


def test_a_pro_rata_join_of_the_cooperation_is_charged_as_recorded_and_the_others_carry_the_rest(w, manager):
    """Under a pro-rata rule Molenlanden, joining on 15 July 2026, pays from 1 August: 5/12 of its whole-year
    share as the eighth gemeente in every component, exactly as the 2026 allocation charges it, and the seven
    carry the months before; each component still adds up to its budget."""
    _naar_rato_toetreden()
    molenlanden = _nieuwe_gemeente()
    vastgelegd = services.toetreding_samenwerking_vastleggen(
        organisatie=molenlanden, meldingsdatum=d(2026, 7, 15), reden="Besluit van de raden", door=manager,
        vandaag=d(2026, 7, 15),
    )
    j2026 = vastgelegd.bedragen[0]
    assert (j2026["jaar"], j2026["maanden"]) == (2026, [5, 5, 5])
    bijdragen = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    assert [D(j2026["component_1"]), D(j2026["component_2"]), D(j2026["component_3"])] == [
        bijdragen["Molenlanden"].component_1, bijdragen["Molenlanden"].component_2, D("0.00")]
    assert D(j2026["component_2"]) > 0
    assert sum(b.component_1 for b in bijdragen.values()) == D("250000.00")
    assert sum(b.component_2 for b in bijdragen.values()) == D("400000.00")


def test_a_partner_joining_the_cooperation_pays_its_months_of_its_adopted_fixed_contribution(w, manager):
    """Da Vinci College, registered to join, has a fixed contribution of € 12.000,00 adopted for 2026; joining
    on 15 July under a pro-rata rule it pays August to December, € 5.000,00, as recorded, and the gemeenten
    carry the rest of component 2."""
    _naar_rato_toetreden()
    partner = OrganisatieFactory(naam="Da Vinci College", soort=Organisatie.Soort.KENNISINSTELLING, cbs_code="",
                                 actief_van=d(2027, 1, 1))
    services.vaste_bijdrage_vaststellen(begrotingsjaar=w.begrotingsjaar, organisatie=partner, bedrag=D("12000.00"),
                                        door=manager)
    vastgelegd = services.toetreding_samenwerking_vastleggen(
        organisatie=partner, meldingsdatum=d(2026, 7, 15), reden="Partner van de samenwerking", door=manager,
        vandaag=d(2026, 7, 15),
    )
    assert (vastgelegd.bedragen[0]["maanden"], vastgelegd.bedragen[0]["component_2"]) == ([5, 5, 5], "5000.00")
    bijdragen = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    assert bijdragen["Da Vinci College"].component_2 == D("5000.00")
    assert sum(b.component_2 for b in bijdragen.values()) == D("400000.00")


def test_a_gemeente_that_left_may_join_again_after_the_years_its_leave_covers(w, manager):
    """Alblasserdam left on 1 April 2026 (pro rata: it owes January to March). Joining again in 2026 is refused,
    since that year is paid by the leave; on 1 January 2027 it joins again. The 2026 allocation still charges
    its three months, and from then on it is a member."""
    _naar_rato_uit_de_samenwerking()
    _naar_rato_toetreden()
    uittreding = services.uittreding_samenwerking_vastleggen(
        organisatie=w.gemeenten["Alblasserdam"], meldingsdatum=d(2026, 1, 1), reden="Eigen koers", door=manager,
        vandaag=d(2026, 1, 1),
    )
    voor = stand(*SAMENWERKING_MODELLEN)
    with pytest.raises(ValidationError) as fout:
        services.toetreding_samenwerking_vastleggen(
            organisatie=Organisatie.objects.get(naam="Alblasserdam"), meldingsdatum=d(2026, 6, 1), reden="Terug",
            door=manager, vandaag=d(2026, 6, 1),
        )
    assert fout.value.message_dict["meldingsdatum"] == [
        "Alblasserdam is in 2026 nog uittreder en betaalt dat jaar volgens de uittreding; een nieuwe toetreding "
        "gaat op zijn vroegst in op 1 januari 2027."]
    assert stand(*SAMENWERKING_MODELLEN) == voor
    vastgelegd = services.toetreding_samenwerking_vastleggen(
        organisatie=Organisatie.objects.get(naam="Alblasserdam"), meldingsdatum=d(2027, 1, 1), reden="Terug",
        door=manager, vandaag=d(2027, 1, 1),
    )
    assert (vastgelegd.richting, vastgelegd.bedragen[0]["jaar"], vastgelegd.bedragen[0]["maanden"]) == (
        "toetreding", 2027, [12, 12, 12])
    alblasserdam = Organisatie.objects.get(naam="Alblasserdam")
    assert (alblasserdam.actief_van, alblasserdam.actief_tot) == (d(2027, 1, 1), None)
    bijdrage = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Alblasserdam"]
    assert uittreding.bedragen[0]["maanden"] == [3, 3, 3]
    assert bijdrage.totaal == uittreding.totaal


@pytest.mark.parametrize(("geval", "melding"), [
    ("lid", "Dordrecht is al lid van de samenwerking."),
    ("treedt_uit", "is nog lid van de samenwerking en treedt uit per"),
    ("reden", "Geef de reden van de toetreding."),
    ("datum", "hooguit 30 dagen in het verleden"),
    ("geen_datum", "Geef de datum van toetreding."),
    ("inwoners", "aantal inwoners niet opgegeven"),
])
def test_a_join_of_the_cooperation_that_cannot_be_is_refused_in_dutch_and_nothing_is_saved(w, manager, geval, melding):
    _naar_rato_toetreden()
    vandaag = d(2026, 7, 15)
    if geval == "treedt_uit":
        services.uittreding_samenwerking_vastleggen(
            organisatie=w.gemeenten["Sliedrecht"], meldingsdatum=d(2026, 7, 1), reden="Eigen koers", door=manager,
            vandaag=vandaag,
        )
    organisatie = {"lid": w.gemeenten["Dordrecht"], "treedt_uit": Organisatie.objects.get(naam="Sliedrecht")}.get(geval)
    if organisatie is None:
        organisatie = _nieuwe_gemeente()
    if geval == "inwoners":
        organisatie.inwonertallen.all().delete()
    gegevens = {"meldingsdatum": vandaag, "reden": "Besluit van de raden"} | {
        "reden": {"reden": "  "}, "datum": {"meldingsdatum": d(2026, 6, 1)}, "geen_datum": {"meldingsdatum": None},
    }.get(geval, {})
    voor = stand(*SAMENWERKING_MODELLEN)
    with pytest.raises(ValidationError) as fout:
        services.toetreding_samenwerking_vastleggen(organisatie=organisatie, door=manager, vandaag=vandaag, **gegevens)
    assert melding in " ".join(fout.value.messages)
    assert stand(*SAMENWERKING_MODELLEN) == voor


def test_a_cooperation_join_shows_its_consequences_and_records_them_only_on_confirmation(client, w, manager):
    molenlanden = _nieuwe_gemeente(actief_van=d(2100, 1, 1))
    client.force_login(manager)
    url = reverse("financiering:toetreding_samenwerking")
    html = _html(client.get(url))
    assert "Toetreding tot de samenwerking Drechtsteden" in html and "Toetreding bevestigen" not in html
    assert f'<option value="{molenlanden.pk}"' in html and f'<option value="{w.gemeenten["Dordrecht"].pk}"' not in html
    vandaag = timezone.localdate()
    data = {"organisatie": molenlanden.pk, "meldingsdatum": vandaag.isoformat(), "reden": "Besluit van de raden"}
    voor = stand(*SAMENWERKING_MODELLEN)
    html = _html(client.post(url, data))
    _regel, uitkomst = selectors.overgang_berekenen(
        selectors.Overgangsdoel("samenwerking", molenlanden, richting="toetreding"), vandaag)
    assert f"Molenlanden treedt toe tot de samenwerking Drechtsteden op {uitkomst.ingangsdatum.day} " in html
    assert f"De financiering verandert per {uitkomst.financiering_per.day} " in html
    for jaar in uitkomst.per_jaar:
        assert f"Molenlanden betaalt in {jaar.jaar} {euro(jaar.totaal)}." in html
    assert "als Drechtstedengemeente component 1 en 2 via de verdeelsleutel" in html
    assert "Toetreding bevestigen" in html and stand(*SAMENWERKING_MODELLEN) == voor

    response = client.post(url, data | {"bevestigd": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("financiering:index")
    vastgelegd = Overgang.objects.get()
    assert (vastgelegd.organisatie, vastgelegd.niveau, vastgelegd.totaal, vastgelegd.vastgelegd_door) == (
        molenlanden, "samenwerking", uitkomst.totaal, manager)
    assert "De toetreding van Molenlanden tot de samenwerking Drechtsteden is vastgelegd." in _html(
        client.get(response["Location"]))


def test_the_cooperation_join_refuses_bad_input_and_other_users(client, w, manager):
    molenlanden = _nieuwe_gemeente(actief_van=d(2100, 1, 1))
    url = reverse("financiering:toetreding_samenwerking")
    voor = stand(*SAMENWERKING_MODELLEN)
    for rol in (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.RAADSLID):
        client.force_login(GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[rol]))
        assert client.get(url).status_code == 403
        assert client.post(url, {"organisatie": molenlanden.pk, "meldingsdatum": timezone.localdate().isoformat(),
                                 "reden": "X", "bevestigd": "1"}).status_code == 403
    client.force_login(manager)
    for data, melding in [
        ({"organisatie": w.gemeenten["Dordrecht"].pk}, "Selecteer een geldige keuze"),
        ({"organisatie": ""}, "Kies de organisatie die toetreedt."),
        ({"meldingsdatum": "31-02-2026"}, "Vul een geldige datum in"),
        ({"reden": " "}, "Geef de reden van de toetreding."),
    ]:
        for bevestigd in ("", "1"):
            standaard = {"organisatie": molenlanden.pk, "meldingsdatum": timezone.localdate().isoformat(),
                         "reden": "Besluit van de raden", "bevestigd": bevestigd}
            response = client.post(url, standaard | data)
            assert response.status_code == 200 and melding in _html(response)
            assert "Toetreding bevestigen" not in _html(response)
    assert stand(*SAMENWERKING_MODELLEN) == voor


def test_the_financing_pages_link_to_joining_the_cooperation(client, w, manager):
    molenlanden = _nieuwe_gemeente(actief_van=d(2100, 1, 1))
    url = reverse("financiering:toetreding_samenwerking")
    client.force_login(manager)
    assert url in _html(client.get(reverse("financiering:index")))
    html = _html(client.get(reverse("financiering:organisatie", args=[molenlanden.pk])))
    assert f"{url}?organisatie={molenlanden.pk}" in html
    assert f'<option value="{molenlanden.pk}" selected>' in _html(client.get(f"{url}?organisatie={molenlanden.pk}"))
    assert client.get(f"{url}?organisatie=onzin").status_code == 200
    assert reverse("financiering:uittreding_samenwerking", args=[molenlanden.pk]) not in html
    assert url not in _html(client.get(reverse("financiering:organisatie", args=[w.gemeenten["Dordrecht"].pk])))
    client.force_login(w.staf["Dordrecht"])
    assert url not in _html(client.get(reverse("financiering:index")))


def test_with_nobody_to_join_the_page_says_why_instead_of_an_empty_list(client, w, manager):
    """Every recorded organisation takes part: no empty select and no button, but what to do first; once the
    beheerder registers one to join, the form is there."""
    client.force_login(manager)
    url = reverse("financiering:toetreding_samenwerking")
    html = _html(client.get(url))
    assert 'id="geen-keuze"' in html and "Er is nu geen organisatie die kan toetreden" in html
    assert 'name="organisatie"' not in html and "Gevolgen tonen" not in html
    _nieuwe_gemeente(actief_van=d(2100, 1, 1))
    html = _html(client.get(url))
    assert 'id="geen-keuze"' not in html and 'name="organisatie"' in html and "Gevolgen tonen" in html


@pytest.mark.parametrize("extra", [0, 5])
def test_the_cooperation_join_confirmation_takes_a_fixed_number_of_queries(client, w, manager, django_assert_num_queries,
                                                                           extra):
    molenlanden = _nieuwe_gemeente(actief_van=d(2100, 1, 1))
    for i in range(extra):
        OrganisatieFactory(naam=f"Kandidaat {i}", soort=Organisatie.Soort.BEDRIJF, cbs_code="", actief_van=d(2100, 1, 1))
    client.force_login(manager)
    url = reverse("financiering:toetreding_samenwerking")
    data = {"organisatie": molenlanden.pk, "meldingsdatum": timezone.localdate().isoformat(), "reden": "Besluit"}
    client.post(url, data)  # the allocation of the years is computed once per process
    with django_assert_num_queries(SAMENWERKING_QUERIES):
        client.post(url, data)


SAMENWERKING_QUERIES = 17  # session, user with roles and organisation, the organisation, rule, input stamp, its inhabitants (the adopted year), whether there are choices, the choices (+9: nothing is kept within the test's own transaction, so the year's allocation is computed)
