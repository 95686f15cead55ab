"""Decisions by consensus or by weighted vote at a table: rules, who votes, recording, permissions."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from coalities import selectors as coalitie_selectors
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from financiering.models import Overgang
from tafels import besluitvorming, services
from tafels.models import Besluit, Stem, Stemming, Stemregeling, Vergadering, componenten_tekst
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.tafels.factories import agendapunt, secretaris_van, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db

STEDELIJK = {"Dordrecht", "Zwijndrecht", "Papendrecht"}


def _gehouden(tafel):
    """A meeting held last week: its decisions are recorded now."""
    v = vergadering(tafel, over_dagen=-7)
    punt = agendapunt(v, titel="Regionale fietsstrategie")
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=v, naar=stap, door=tafel.secretaris)
    return v, punt


def _org(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def _regeling(tafel, **velden):
    standaard = {"weging_gelijk": D(0), "weging_inwoners": D(100), "weging_bijdrage": D(0), "drempel": "gewone_meerderheid",
                 "plafond_pct": D(35)}
    return besluitvorming.stemregeling_opslaan(tafel=tafel, door=tafel.secretaris, versie=None, **(standaard | velden))


def _stemmen(tafel, **per_naam):
    """Everybody votes tegen unless named."""
    return {lid.organisatie_id: per_naam.get(lid.organisatie.naam, "tegen") for lid in besluitvorming.stemgerechtigden(tafel)}


def test_vote_at_a_table_with_a_cap_records_weights_cap_effect_and_outcome():
    """Dordrecht (40,9476 % of the inhabitants) is held at 35 %; its vote alone loses; the record keeps
    every member's figures, raw and capped weight."""
    tafel = tafel_met_leden()
    _regeling(tafel)
    v, punt = _gehouden(tafel)
    besluit = besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="De tafel stelt de fietsstrategie vast.",
        stemmen=_stemmen(tafel, Dordrecht="voor"), door=tafel.secretaris,
    )
    assert besluit.wijze == Besluit.Wijze.STEMMING
    stemming = besluit.stemming
    assert (stemming.voor, stemming.tegen, stemming.onthouding) == (D("35.0000"), D("65.0000"), D("0.0000"))
    assert stemming.uitkomst == "verworpen"
    assert stemming.plafond_pct == D(35) and stemming.weging_inwoners == D(100)
    dordrecht = stemming.stemmen.get(organisatie__naam="Dordrecht")
    assert (dordrecht.inwoners, dordrecht.ruw_pct, dordrecht.gewicht_pct, dordrecht.begrensd) == (
        121_000, D("40.9476"), D("35.0000"), True)
    assert sum(s.gewicht_pct for s in stemming.stemmen.all()) == D("100.0000")
    assert stemming.vastgelegd_door == tafel.secretaris


def test_opted_out_member_does_not_vote_and_partner_does():
    """An opted-out gemeente has no vote; an admitted partner votes (with no inhabitants: equal share only)."""
    tafel = tafel_met_leden()
    lid = tafel.lidmaatschappen.get(organisatie__naam="Hardinxveld-Giessendam")
    services.lidmaatschap_afmelden(
        lidmaatschap=lid, reden="Geen opgave in dit thema", datum=datetime.date(2026, 1, 5), door=secretaris_van(lid),
    )
    partner = OrganisatieFactory(naam="Da Vinci College", soort=Organisatie.Soort.KENNISINSTELLING, cbs_code="")
    services.partner_toelaten(
        tafel=tafel, organisatie=partner, besluit_referentie="Besluit 12-2025", datum=datetime.date(2026, 1, 5),
        door=secretaris_van(tafel),
    )
    namen = {lid.organisatie.naam for lid in besluitvorming.stemgerechtigden(tafel)}
    assert "Hardinxveld-Giessendam" not in namen and "Da Vinci College" in namen and len(namen) == 7
    v, punt = _gehouden(tafel)
    stemmen = _stemmen(tafel) | {_org("Hardinxveld-Giessendam").pk: "voor"}
    with pytest.raises(ValidationError, match="afgemelde organisaties"):
        besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="Besluit", stemmen=stemmen, door=tafel.secretaris)
    besluit = besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="Besluit", stemmen=_stemmen(tafel, **{"Da Vinci College": "voor"}), door=tafel.secretaris
    )
    # Without rules of its own the table weighs equally: 100/7, the spare 0,0001 to the first name.
    assert besluit.stemming.stemmen.get(organisatie=partner).gewicht_pct == D("14.2857")
    assert besluit.stemming.stemmen.get(organisatie__naam="Alblasserdam").gewicht_pct == D("14.2858")


def test_missing_vote_unknown_vote_and_bad_moment_change_nothing():
    """A missing or unknown vote, a draft agenda and an adopted decision list are refused; nothing is saved."""
    tafel = tafel_met_leden()
    concept = vergadering(tafel, over_dagen=-1)
    punt_concept = agendapunt(concept)
    with pytest.raises(ValidationError, match="agenda is vastgesteld"):
        besluitvorming.stemming_vastleggen(
            agendapunt=punt_concept, tekst="B", stemmen=_stemmen(tafel), door=tafel.secretaris,
        )
    v, punt = _gehouden(tafel)
    stemmen = _stemmen(tafel)
    stemmen.pop(_org("Sliedrecht").pk)
    with pytest.raises(ValidationError, match="Geef de stem van: Sliedrecht"):
        besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="B", stemmen=stemmen, door=tafel.secretaris)
    with pytest.raises(ValidationError, match="voor, tegen of onthouding"):
        besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="B", stemmen=_stemmen(tafel, Sliedrecht="ja"),
                                           door=tafel.secretaris)
    services.vergadering_status_verder(vergadering=v, naar="besluitenlijst_vastgesteld", door=tafel.secretaris)
    with pytest.raises(ValidationError, match="besluitenlijst is vastgesteld"):
        besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="B", stemmen=_stemmen(tafel), door=tafel.secretaris)
    assert not Besluit.objects.exists() and not Stemming.objects.exists() and not Stem.objects.exists()


def test_only_the_secretary_records_or_sets_rules():
    """A bestuurder of a member and a raadslid are refused with PermissionDenied; nothing changes."""
    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    for rol in (Rol.Soort.BESTUURDER, Rol.Soort.RAADSLID):
        ander = GebruikerFactory(organisatie=_org("Zwijndrecht"), rollen=[rol])
        with pytest.raises(PermissionDenied):
            besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="B", stemmen=_stemmen(tafel), door=ander)
        with pytest.raises(PermissionDenied):
            besluitvorming.stemregeling_opslaan(tafel=tafel, door=ander, versie=None, weging_gelijk=D(100),
                                               weging_inwoners=D(0), weging_bijdrage=D(0), drempel="twee_derde")
    assert not Stemregeling.objects.exists() and not Besluit.objects.exists()


def test_group_cap_with_groups_as_data_and_two_thirds():
    """Urban area (Dordrecht, Zwijndrecht, Papendrecht: 67,2 % of the inhabitants) held at 50 %; the
    polder's four together then reach exactly the other 50 %: not two thirds."""
    tafel = tafel_met_leden()
    groepen = {lid.organisatie_id: "stedelijk" if lid.organisatie.naam in STEDELIJK else "polder"
               for lid in besluitvorming.stemgerechtigden(tafel)}
    _regeling(tafel, plafond_pct=None, groepsplafond_pct=D(50), drempel="twee_derde", groepen=groepen)
    v, punt = _gehouden(tafel)
    polder = {naam: "voor" for naam in ("Sliedrecht", "Alblasserdam", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht")}
    stemming = besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="B", stemmen=_stemmen(tafel, **polder), door=tafel.secretaris).stemming
    assert (stemming.voor, stemming.tegen, stemming.uitkomst) == (D("50.0000"), D("50.0000"), "verworpen")
    assert stemming.begrensde_groepen == "stedelijk"
    assert stemming.stemmen.get(organisatie__naam="Dordrecht").groep == "stedelijk"


def test_rules_no_solution_stale_version_and_unchanged_save():
    """A cap no distribution can meet is refused; an edit on an older version is refused; a save
    without changes changes nothing."""
    tafel = tafel_met_leden()
    with pytest.raises(ValidationError, match="geen verdeling mogelijk"):
        _regeling(tafel, plafond_pct=D(10))
    assert not Stemregeling.objects.exists()
    regeling = _regeling(tafel)
    assert regeling.versie == 1
    zelfde = besluitvorming.stemregeling_opslaan(
        tafel=tafel, door=tafel.secretaris, versie=1, weging_gelijk=D(0), weging_inwoners=D(100), weging_bijdrage=D(0),
        drempel="gewone_meerderheid", plafond_pct=D(35))
    assert zelfde.versie == 1 and regeling.history.count() == 1
    besluitvorming.stemregeling_opslaan(tafel=tafel, door=tafel.secretaris, versie=1, weging_gelijk=D(50),
                                        weging_inwoners=D(50), weging_bijdrage=D(0), drempel="twee_derde")
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        besluitvorming.stemregeling_opslaan(tafel=tafel, door=tafel.secretaris, versie=1, weging_gelijk=D(100),
                                            weging_inwoners=D(0), weging_bijdrage=D(0), drempel="twee_derde")
    regeling.refresh_from_db()
    assert (regeling.versie, regeling.weging_gelijk, regeling.drempel) == (2, D(50), "twee_derde")


def test_contribution_weights_passed_in_by_the_caller():
    """Weighing by contribution uses the contributions the caller passes in (tafels does not know financing)."""
    tafel = tafel_met_leden()
    _regeling(tafel, weging_inwoners=D(0), weging_bijdrage=D(100), plafond_pct=None, bijdrage_jaar=2026,
              bijdrage_componenten="12")
    v, punt = _gehouden(tafel)
    bijdragen = {lid.organisatie_id: D("100000") if lid.organisatie.naam == "Dordrecht" else D("50000")
                 for lid in besluitvorming.stemgerechtigden(tafel)}
    stemming = besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="B", stemmen=_stemmen(tafel, Dordrecht="voor"), bijdragen=bijdragen, door=tafel.secretaris
    ).stemming
    assert stemming.voor == D("25.0000")  # 100.000 of 400.000
    assert (stemming.bijdrage_jaar, stemming.bijdrage_componenten) == (2026, "12")
    html = render_to_string("tafels/_stemming.html", {"stemming": stemming})
    assert "(bijdrage 2026 aan netwerk en projectbasis, componenten 1 en 2)" in html
    assert "componenten 12" not in html


@pytest.mark.parametrize(("code", "tekst"), [
    ("123", "netwerk, projectbasis en projecten, componenten 1, 2 en 3"),
    ("12", "netwerk en projectbasis, componenten 1 en 2"),
    ("2", "projectbasis, component 2"),
    ("", ""),
])
def test_components_of_a_contribution_in_words(code, tekst):
    """A vote shows which contribution counted in words, never the bare code "123"."""
    assert componenten_tekst(code) == tekst


def test_contribution_weights_from_the_financing_app():
    """Without contributions passed in, the financing app's adopted allocation for the year is used."""
    from tests.financiering.factories import voorbeeld_netwerk

    voorbeeld_netwerk()
    tafel = tafel_met_leden()
    _regeling(tafel, weging_inwoners=D(0), weging_bijdrage=D(100), plafond_pct=None, bijdrage_jaar=2026)
    berekening = besluitvorming.berekenen(tafel=tafel, datum=datetime.date(2026, 6, 1))
    assert berekening.fout == ""
    assert all(b >= 0 for b in berekening.bijdragen.values()) and sum(berekening.bijdragen.values()) > 0
    assert sum(berekening.gewichten.procent.values()) == D("100.0000")


def test_coalition_voters_are_only_full_participants():
    """In a coalition only volledig participants vote; solidarity, instap and geen do not."""
    from tests.financiering.factories import voorbeeld_netwerk

    netwerk = voorbeeld_netwerk()
    coalitie = netwerk.fietsroute
    volledig = set(coalitie.deelnames.filter(variant="volledig").values_list("organisatie__naam", flat=True))
    anders = set(coalitie.deelnames.exclude(variant="volledig").values_list("organisatie__naam", flat=True))
    assert volledig and anders
    assert {o.naam for o in coalitie_selectors.stemgerechtigden(coalitie)} == volledig


def test_on_an_item_about_a_coalition_only_its_full_participants_vote(client):
    """An agenda item about one coalition is voted on by the members that take full part in it; a vote of
    a solidarity payer or a gemeente that does not take part is refused and nothing is saved."""
    from tests.coalities.factories import CoalitieFactory, DeelnameFactory

    tafel = tafel_met_leden()
    coalitie = CoalitieFactory(naam="Snelfietsroute", thema=tafel.thema, trekker=_org("Dordrecht"))
    for naam, variant in {"Dordrecht": "volledig", "Sliedrecht": "volledig", "Zwijndrecht": "geen"}.items():
        DeelnameFactory(coalitie=coalitie, organisatie=_org(naam), variant=variant)
    DeelnameFactory(coalitie=coalitie, organisatie=_org("Papendrecht"), variant="solidariteit",
                    solidariteitsbijdrage=D("5000.00"))
    v = vergadering(tafel, over_dagen=-7)  # held last week: its decisions are recorded now
    punt = agendapunt(v, titel="Tracé snelfietsroute", coalitie=coalitie)
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=v, naar=stap, door=tafel.secretaris)

    leden = besluitvorming.stemgerechtigden(tafel, agendapunt=punt)
    assert [lid.organisatie.naam for lid in leden] == ["Dordrecht", "Sliedrecht"]
    assert len(besluitvorming.stemgerechtigden(tafel)) == 7  # other items: the whole table

    alle_zeven = {lid.organisatie_id: "voor" for lid in besluitvorming.stemgerechtigden(tafel)}
    with pytest.raises(ValidationError) as fout:
        besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="Tracé vastgesteld.", stemmen=alle_zeven,
                                           door=tafel.secretaris)
    assert "volledig" in " ".join(fout.value.messages)
    assert not Besluit.objects.exists() and not Stem.objects.exists()

    besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="Tracé vastgesteld.", door=tafel.secretaris,
        stemmen={_org("Dordrecht").pk: "voor", _org("Sliedrecht").pk: "tegen"},
    )
    assert sorted(Stem.objects.values_list("organisatie__naam", flat=True)) == ["Dordrecht", "Sliedrecht"]

    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:stemming_vastleggen", args=[punt.pk])).content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    assert "alleen de leden die er volledig aan deelnemen" in html
    assert "Sliedrecht" in html and "Zwijndrecht" not in html and "Papendrecht" not in html


def test_meeting_page_and_decision_list_show_weights_cap_and_outcome(client):
    """The meeting page and the besluitenlijst show the vote, the weights, the cap's effect and the outcome,
    in a number of queries that does not grow with the votes."""
    tafel = tafel_met_leden()
    _regeling(tafel)
    v, punt = _gehouden(tafel)
    services.besluit_vastleggen(agendapunt=punt, tekst="Kennisgenomen van de voortgang.", door=secretaris_van(punt))
    besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="Fietsstrategie vastgesteld.",
                                       stemmen=_stemmen(tafel, Dordrecht="voor"), door=tafel.secretaris)
    client.force_login(tafel.secretaris)
    for naam in ("tafels:vergadering", "tafels:besluitenlijst"):
        html = client.get(reverse(naam, args=[v.pk])).content.decode()
        assert "bij consensus" in html and "bij stemming" in html
        assert "Dordrecht van 40,9476\u00a0% naar 35,0000\u00a0%" in html
        assert "voor 35,0000\u00a0%, tegen 65,0000\u00a0%" in html
        assert 'data-uitkomst="verworpen"' in html


def test_query_count_of_the_meeting_page_does_not_grow_with_votes(client, django_assert_max_num_queries):
    """Two votes or six: the same number of queries for the meeting page."""
    tafel = tafel_met_leden()
    _regeling(tafel)
    v, punt = _gehouden(tafel)
    client.force_login(tafel.secretaris)

    def tellen(aantal):
        for _ in range(aantal):
            besluitvorming.stemming_vastleggen(
                agendapunt=punt, tekst="B", stemmen=_stemmen(tafel), door=tafel.secretaris,
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 200
        return len(ctx)

    assert tellen(2) == tellen(4)


# --- Partner admission as a decision of the seven -------------------------------------------------


def _partner(naam="Da Vinci College"):
    return OrganisatieFactory(naam=naam, soort=Organisatie.Soort.KENNISINSTELLING, cbs_code="")


def test_partner_admitted_by_consensus_with_conditions_and_base_contribution():
    """By consensus: the decision is recorded, the partner joins with its conditions and component-2
    contribution, and its membership names the decision instead of a free-text reference."""
    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    partner = _partner()
    besluit = besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=partner, tekst="Da Vinci College treedt toe tot de tafel.",
        voorwaarden="Levert een vertegenwoordiger; evaluatie na twee jaar.", basisbijdrage=D("10000.00"),
        door=tafel.secretaris,
    )
    assert besluit.wijze == Besluit.Wijze.CONSENSUS
    assert (besluit.toelating.organisatie, besluit.toelating.basisbijdrage) == (partner, D("10000.00"))
    lid = tafel.lidmaatschappen.get(organisatie=partner)
    assert lid.status == "toegetreden_partner"
    assert lid.besluit_referentie.startswith("Besluit van ") and "treedt toe" in lid.besluit_referentie


def test_partner_admitted_by_decision_is_recorded_as_a_join_like_every_other():
    """The admission is recorded as a join of the table under its recorded rule, as the page "Partner toelaten"
    records it: from the day of the meeting, with the decision as its reason, the rule's terms, the amounts
    per year and who recorded it, in the history too."""
    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    partner = _partner()
    besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=partner, tekst="Da Vinci College treedt toe tot de tafel.", voorwaarden="",
        basisbijdrage=D("10000.00"), door=tafel.secretaris,
    )
    vastgelegd = Overgang.objects.get()
    lid = tafel.lidmaatschappen.get(organisatie=partner)
    assert (vastgelegd.niveau, vastgelegd.richting, vastgelegd.organisatie, vastgelegd.tafel) == (
        "tafel", "toetreding", partner, tafel)
    assert vastgelegd.meldingsdatum == vastgelegd.ingangsdatum == v.datum == lid.datum
    assert vastgelegd.reden == lid.besluit_referentie
    assert (vastgelegd.opzegtermijn_maanden, vastgelegd.verschuldigd) == (0, "naar_rato")
    assert [j["jaar"] for j in vastgelegd.bedragen] == [v.datum.year, v.datum.year + 1]
    assert [(h.history_type, h.history_user) for h in vastgelegd.history.all()] == [("+", tafel.secretaris)]


def test_the_decided_base_contribution_becomes_the_partners_fixed_contribution_in_the_adopted_years():
    """The seven decide Da Vinci College pays € 12.500 a year to the base: every adopted year from the meeting's
    year that has no fixed contribution for it gets that amount (recorded by the secretary, in the history); a
    year the manager SDD adopted an amount for keeps it; a year before the decision is untouched. The recorded
    join shows what the partner pays with it, and a refused admission adopts nothing."""
    from financiering.models import VasteBijdrage
    from tests.financiering.factories import BegrotingsjaarFactory, VasteBijdrageFactory

    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    jaar = v.datum.year
    for j in (jaar - 1, jaar, jaar + 1, jaar + 2):
        BegrotingsjaarFactory(jaar=j)
    partner = _partner()
    VasteBijdrageFactory(begrotingsjaar=BegrotingsjaarFactory(jaar=jaar + 2), organisatie=partner, bedrag=D("7500.00"))

    te_vroeg = vergadering(tafel, over_dagen=-40)
    oud_punt = agendapunt(te_vroeg, titel="Toelating")
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=te_vroeg, naar=stap, door=tafel.secretaris)
    with pytest.raises(ValidationError):
        besluitvorming.partner_toelaten_bij_besluit(
            agendapunt=oud_punt, organisatie=partner, tekst="Toelating", voorwaarden="", basisbijdrage=D("12500.00"),
            door=tafel.secretaris)
    assert list(VasteBijdrage.objects.values_list("begrotingsjaar__jaar", "bedrag")) == [(jaar + 2, D("7500.00"))]

    besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=partner, tekst="Da Vinci College treedt toe tot de tafel.", voorwaarden="",
        basisbijdrage=D("12500.00"), door=tafel.secretaris,
    )
    assert sorted(VasteBijdrage.objects.filter(organisatie=partner).values_list("begrotingsjaar__jaar", "bedrag")) == [
        (jaar, D("12500.00")), (jaar + 1, D("12500.00")), (jaar + 2, D("7500.00"))]
    nieuw = VasteBijdrage.objects.get(organisatie=partner, begrotingsjaar__jaar=jaar + 1)
    assert [(h.history_type, h.history_user) for h in nieuw.history.all()] == [("+", tafel.secretaris)]
    vastgelegd = Overgang.objects.get()
    per_jaar = {j["jaar"]: j for j in vastgelegd.bedragen}
    assert vastgelegd.totaal > 0 and per_jaar[jaar + 1]["totaal"] == "12500.00"


def test_partner_admission_of_a_meeting_longer_ago_than_the_rule_allows_is_refused_and_saves_nothing():
    """The rule for joining a table allows a date at most 30 days back: a decision of a meeting held 40 days
    ago is refused in Dutch, naming the meeting's day, and no decision, admission, membership or join is saved."""
    tafel = tafel_met_leden()
    v = vergadering(tafel, over_dagen=-40)
    punt = agendapunt(v, titel="Toelating")
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=v, naar=stap, door=tafel.secretaris)
    partner = _partner()
    for stemmen in (None, {lid.organisatie_id: "voor" for lid in besluitvorming.stemgerechtigden(tafel, alleen_gemeenten=True)}):
        with pytest.raises(ValidationError) as fout:
            besluitvorming.partner_toelaten_bij_besluit(
                agendapunt=punt, organisatie=partner, tekst="Toelating", voorwaarden="", basisbijdrage=D(0),
                stemmen=stemmen, door=tafel.secretaris)
        assert fout.value.messages == [
            f"De toelating gaat in op de dag van de vergadering ({v.datum.strftime('%d-%m-%Y')}): "
            "De datum mag hooguit 30 dagen in het verleden liggen."]
    assert not Besluit.objects.exists() and not Stemming.objects.exists() and not Overgang.objects.exists()
    assert not tafel.lidmaatschappen.filter(organisatie=partner).exists()


def test_partner_admission_by_vote_only_the_seven_vote():
    """A vote on admission counts only the Drechtstedengemeenten: a partner already at the table has no
    vote in it; a rejected admission is recorded and nobody joins."""
    tafel = tafel_met_leden()
    al_aan_tafel = _partner("Hogeschool Rotterdam")
    services.partner_toelaten(tafel=tafel, organisatie=al_aan_tafel, besluit_referentie="Besluit 2025",
                              datum=datetime.date(2026, 1, 5), door=secretaris_van(tafel))
    v, punt = _gehouden(tafel)
    kandidaat = _partner()
    zeven = {lid.organisatie_id: "voor" for lid in besluitvorming.stemgerechtigden(tafel, alleen_gemeenten=True)}
    assert len(zeven) == 7 and al_aan_tafel.pk not in zeven
    with pytest.raises(ValidationError, match="Alleen leden van de tafel stemmen"):
        besluitvorming.partner_toelaten_bij_besluit(
            agendapunt=punt, organisatie=kandidaat, tekst="Toelating", voorwaarden="", basisbijdrage=D(0),
            stemmen=zeven | {al_aan_tafel.pk: "voor"}, door=tafel.secretaris)
    tegen = {pk: ("voor" if i < 3 else "tegen") for i, pk in enumerate(sorted(zeven))}
    besluit = besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=kandidaat, tekst="Toelating", voorwaarden="", basisbijdrage=D(0),
        stemmen=tegen, door=tafel.secretaris)
    assert besluit.stemming.uitkomst == "verworpen" and besluit.stemming.stemmen.count() == 7
    assert not tafel.lidmaatschappen.filter(organisatie=kandidaat).exists()
    assert not Overgang.objects.exists()
    besluit = besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=kandidaat, tekst="Toelating", voorwaarden="", basisbijdrage=D(0),
        stemmen=zeven, door=tafel.secretaris)
    assert besluit.toelating.organisatie == kandidaat
    assert tafel.lidmaatschappen.get(organisatie=kandidaat).status == "toegetreden_partner"
    assert Overgang.objects.get().organisatie == kandidaat


def test_partner_admission_refused_for_a_gemeente_a_member_and_the_wrong_user():
    """A gemeente is not admitted as partner; nobody else than the secretary records it; nothing is saved."""
    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    with pytest.raises(ValidationError, match="standaard aan tafel"):
        besluitvorming.partner_toelaten_bij_besluit(agendapunt=punt, organisatie=_org("Sliedrecht"), tekst="T",
                                                   voorwaarden="", basisbijdrage=D(0), door=tafel.secretaris)
    bestuurder = GebruikerFactory(organisatie=_org("Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    with pytest.raises(PermissionDenied):
        besluitvorming.partner_toelaten_bij_besluit(agendapunt=punt, organisatie=_partner(), tekst="T",
                                                   voorwaarden="", basisbijdrage=D(0), door=bestuurder)
    assert not Besluit.objects.exists()


def test_agenda_pack_lists_the_previous_votes_with_weights_cap_and_outcome():
    """The next meeting's pack shows the decision list of the last one: consensus named as such, a vote
    with its outcome, the weighted totals, what the cap changed and each member's vote."""
    from pathlib import Path

    from django.core.cache import cache

    from documenten import services as documenten_services
    from tests.tafels.pakket import pagina_teksten

    cache.clear()
    tafel = tafel_met_leden()
    _regeling(tafel)
    v = vergadering(tafel, over_dagen=-7)
    punt = agendapunt(v, titel="Regionale fietsstrategie")
    werkplan = agendapunt(v, titel="Werkplan")
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=v, naar=stap, door=tafel.secretaris)
    besluitvorming.stemming_vastleggen(
        agendapunt=punt, tekst="De tafel stelt de fietsstrategie vast.",
        stemmen=_stemmen(tafel, Dordrecht="voor"), door=tafel.secretaris,
    )
    services.besluit_vastleggen(agendapunt=werkplan, tekst="Werkplan vastgesteld.", door=tafel.secretaris)
    volgende = vergadering(tafel, over_dagen=60)
    agendapunt(volgende, titel="Voortgang fietsroutes")

    opdracht = documenten_services.documentopdracht_create(
        soort="agendapakket", gegevens={"vergadering": str(volgende.pk)}, door=tafel.secretaris
    )
    pdf = documenten_services.uitvoeren(opdracht.pk, door=systeem()).bestand.read()
    Path("var/test-pakket-stemming.pdf").write_bytes(pdf)
    tekst = " ".join(" ".join(pagina_teksten(pdf)).split())
    assert "Besluitvorming" in tekst
    assert "Verworpen bij stemming, gewone meerderheid" in tekst
    assert "voor 35,0000 %, tegen 65,0000 %, onthouding 0,0000 %" in tekst
    assert "Dordrecht van 40,9476 % naar 35,0000 %" in tekst
    assert "Dordrecht voor (35,0000 %)" in tekst
    assert "Bij consensus" in tekst
