"""Leaving the cooperation, a table or a coalition: the figures from the adopted financing, the confirm
flow through the pages (nothing is saved before the confirmation), refusals, and the history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coalities.models import Deelname
from drechtsteden.models import Organisatie, Rol
from drechtsteden.opmaak import euro
from drechtsteden.permissions import systeem
from financiering import overgang, selectors, services
from financiering.models import Overgang, Overgangsregel
from tafels import services as tafel_services
from tafels.models import Lidmaatschap
from tests.factories import GebruikerFactory
from tests.rechten import stand
from tests.tafels.factories import tafel_met_leden

pytestmark = pytest.mark.django_db
D = Decimal
d = datetime.date
MODELLEN = (Overgang, Overgangsregel, Organisatie, Lidmaatschap, Deelname)


@pytest.fixture
def w(netwerk):
    """The issue's 2026 network, a table where Gorinchem sits as partner (it pays € 10.000,00 in component 2)."""
    tafel = tafel_met_leden(naam="Tafel Economie")
    netwerk.tafel = tafel
    netwerk.secretaris = tafel.secretaris
    netwerk.lid = tafel_services.partner_toelaten(
        tafel=tafel, organisatie=netwerk.gorinchem, besluit_referentie="Besluit 1", datum=d(2026, 1, 1), door=systeem(),
    )
    netwerk.papendrecht = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie__naam="Papendrecht")
    netwerk.medewerker_papendrecht = GebruikerFactory(
        organisatie=netwerk.gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]
    )
    netwerk.manager = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])
    return netwerk


def _bijdrage(naam: str, jaar: int = 2026):
    return selectors.verdeling_voor_jaar(jaar).resultaat.bijdragen[naam]


# --- Services, with the figures of the adopted 2026 allocation -------------------------------------------


def test_a_partner_leaving_a_table_pays_its_fixed_contribution_until_1_january(w):
    """Notice on 1 February 2026, six months: out on 1 August; the financing changes on 1 January 2027 and
    component 2 runs until then, so Gorinchem still pays its full € 10.000,00 for 2026."""
    vastgelegd = services.uittreding_tafel_vastleggen(
        lidmaatschap=w.lid, meldingsdatum=d(2026, 2, 1), reden="Geen capaciteit", door=w.secretaris, vandaag=d(2026, 2, 1),
    )
    assert (vastgelegd.ingangsdatum, vastgelegd.financiering_per) == (d(2026, 8, 1), d(2027, 1, 1))
    assert vastgelegd.totaal == D("10000.00")
    assert vastgelegd.bedragen == [{"jaar": 2026, "vastgesteld": True, "maanden": [7, 12, 7],
                                    "component_1": "0.00", "component_2": "10000.00", "component_3": "0.00",
                                    "totaal": "10000.00"}]
    assert (vastgelegd.opzegtermijn_maanden, vastgelegd.verschuldigd, vastgelegd.component_2_loopt_door) == (6, "naar_rato", True)
    lid = Lidmaatschap.objects.get(pk=w.lid.pk)
    assert (lid.status, lid.datum, lid.reden) == ("afgemeld", d(2026, 8, 1), "Geen capaciteit")


def test_a_gemeente_leaving_a_table_owes_nothing_through_it(w):
    """A Drechtstedengemeente pays by the key whether it sits at a table or not."""
    lid = w.tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    vastgelegd = services.uittreding_tafel_vastleggen(
        lidmaatschap=lid, meldingsdatum=d(2026, 2, 1), reden="Geen eigen opgave", door=w.secretaris, vandaag=d(2026, 2, 1),
    )
    assert vastgelegd.totaal == D("0.00")


def test_leaving_a_coalition_owes_its_share_pro_rata(w):
    """Papendrecht gives notice on 1 March 2026 (three months): out on 1 June, so January to May, 5/12 of its
    2026 share of Fietsroute; the deelname becomes *geen deelname*."""
    aandeel = _bijdrage("Papendrecht").per_coalitie["Fietsroute"]
    vastgelegd = services.uittreding_coalitie_vastleggen(
        deelname=w.papendrecht, meldingsdatum=d(2026, 3, 1), reden="Geen budget", door=w.medewerker_papendrecht,
        vandaag=d(2026, 3, 1),
    )
    assert vastgelegd.ingangsdatum == d(2026, 6, 1)
    assert vastgelegd.totaal == (aandeel * 5 / 12).quantize(D("0.01"))
    assert vastgelegd.coalitie == w.fietsroute
    assert Deelname.objects.get(pk=w.papendrecht.pk).variant == "geen"


def test_leaving_the_cooperation_owes_the_whole_year_and_the_next(w):
    """Sliedrecht gives notice on 15 March 2026 (twelve months): active until 14 March 2027, the financing
    changes on 1 January 2028; it owes all of 2026 (every component) and 2027 in full, not adopted yet."""
    vastgelegd = services.uittreding_samenwerking_vastleggen(
        organisatie=w.gemeenten["Sliedrecht"], meldingsdatum=d(2026, 3, 15), reden="Eigen koers", door=w.manager,
        vandaag=d(2026, 3, 15),
    )
    assert (vastgelegd.ingangsdatum, vastgelegd.financiering_per) == (d(2027, 3, 15), d(2028, 1, 1))
    assert vastgelegd.totaal == _bijdrage("Sliedrecht").totaal
    assert [(j["jaar"], j["vastgesteld"]) for j in vastgelegd.bedragen] == [(2026, True), (2027, False)]
    assert Organisatie.objects.get(naam="Sliedrecht").actief_tot == d(2027, 3, 14)


def test_the_history_keeps_the_decision_and_who_took_it(w):
    services.uittreding_tafel_vastleggen(
        lidmaatschap=w.lid, meldingsdatum=d(2026, 2, 1), reden="Geen capaciteit", door=w.secretaris, vandaag=d(2026, 2, 1),
    )
    vastgelegd = Overgang.objects.get()
    assert [(h.history_type, h.history_user) for h in vastgelegd.history.all()] == [("+", w.secretaris)]
    assert [h.status for h in Lidmaatschap.objects.get(pk=w.lid.pk).history.all()][:2] == ["afgemeld", "toegetreden_partner"]


def test_a_changed_rule_does_not_change_what_was_decided(w):
    vastgelegd = services.uittreding_tafel_vastleggen(
        lidmaatschap=w.lid, meldingsdatum=d(2026, 2, 1), reden="Geen capaciteit", door=w.secretaris, vandaag=d(2026, 2, 1),
    )
    Overgangsregel.objects.filter(pk=vastgelegd.regel_id).update(opzegtermijn_maanden=1)
    vastgelegd.refresh_from_db()
    assert vastgelegd.opzegtermijn_maanden == 6


@pytest.mark.parametrize(("meldingsdatum", "reden", "veld"), [
    (d(2026, 1, 29), "Te laat gemeld", "meldingsdatum"),  # 31 days before 1 March: the rule allows 30
    (None, "Geen datum", "meldingsdatum"),
    (d(2026, 3, 1), "   ", "reden"),
])
def test_bad_input_is_refused_and_nothing_is_saved(w, meldingsdatum, reden, veld):
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        services.uittreding_tafel_vastleggen(
            lidmaatschap=w.lid, meldingsdatum=meldingsdatum, reden=reden, door=w.secretaris, vandaag=d(2026, 3, 1),
        )
    assert veld in fout.value.message_dict
    assert stand(*MODELLEN) == voor


def test_leaving_twice_is_refused(w):
    kwargs = {"meldingsdatum": d(2026, 3, 1), "reden": "Eigen koers", "door": w.manager, "vandaag": d(2026, 3, 1)}
    services.uittreding_samenwerking_vastleggen(organisatie=w.gemeenten["Sliedrecht"], **kwargs)
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError, match="treedt al uit"):
        services.uittreding_samenwerking_vastleggen(organisatie=Organisatie.objects.get(naam="Sliedrecht"), **kwargs)
    assert stand(*MODELLEN) == voor


def test_without_a_stored_rule_the_documented_default_applies_and_is_stored(w):
    Overgangsregel.objects.filter(niveau="tafel").delete()
    vastgelegd = services.uittreding_tafel_vastleggen(
        lidmaatschap=w.lid, meldingsdatum=d(2026, 2, 1), reden="Geen capaciteit", door=w.secretaris, vandaag=d(2026, 2, 1),
    )
    assert vastgelegd.regel.opzegtermijn_maanden == overgang.STANDAARDREGELS[("tafel", "uittreding")]["opzegtermijn_maanden"]


# --- The pages: consequences first, saved only on confirmation ------------------------------------------


def _url_tafel(w) -> str:
    return reverse("financiering:uittreding_tafel", args=[w.lid.pk])


def test_the_consequences_are_shown_and_nothing_is_saved_before_confirming(client, w):
    client.force_login(w.secretaris)
    vandaag = timezone.localdate()
    voor = stand(*MODELLEN)
    html = client.get(_url_tafel(w)).content.decode()
    assert "Opzegtermijn" in html and "6 maanden" in html and "Uittreding bevestigen" not in html
    response = client.post(_url_tafel(w), {"meldingsdatum": vandaag.isoformat(), "reden": "Geen capaciteit"})
    html = response.content.decode()
    regel, uitkomst = selectors.overgang_berekenen(
        selectors.Overgangsdoel("tafel", w.gorinchem, lidmaatschap=w.lid), vandaag
    )
    assert response.status_code == 200
    assert "Opzegtermijn: 6 maanden." in html
    assert f"De uittreding gaat in op {uitkomst.ingangsdatum.day} " in html
    assert f"De financiering verandert per {uitkomst.financiering_per.day} " in html
    assert f"Gorinchem betaalt nog {euro(uitkomst.totaal)}." in html
    assert "Uittreding bevestigen" in html
    assert stand(*MODELLEN) == voor


def test_confirming_records_the_leave(client, w):
    client.force_login(w.secretaris)
    data = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Geen capaciteit", "bevestigd": "1"}
    response = client.post(_url_tafel(w), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("tafels:lidmaatschap", args=[w.tafel.pk, w.lid.pk])
    vastgelegd = Overgang.objects.get()
    assert (vastgelegd.organisatie, vastgelegd.tafel, vastgelegd.vastgelegd_door) == (w.gorinchem, w.tafel, w.secretaris)
    laatste = Lidmaatschap.objects.get(pk=w.lid.pk).history.first()
    assert (laatste.status, laatste.history_user) == ("afgemeld", w.secretaris)
    html = client.get(response["Location"]).content.decode()
    assert "De uittreding van Gorinchem uit de tafel Tafel Economie is vastgelegd." in html


@pytest.mark.parametrize(("datum", "melding"), [
    ("31-02-2026", "Vul een geldige datum in"),
    ("", "Geef de datum van de melding."),
    ("1-1-1999", "2000"),
    ("31-12-2100", "2100"),  # the leave would take effect after 2100
    ("te-laat", "hooguit 30 dagen in het verleden"),
])
@pytest.mark.parametrize("bevestigd", ["", "1"])
def test_bad_dates_are_refused_with_a_message_and_nothing_is_saved(client, w, datum, melding, bevestigd):
    if datum == "te-laat":
        datum = (timezone.localdate() - datetime.timedelta(days=31)).isoformat()
    client.force_login(w.secretaris)
    voor = stand(*MODELLEN)
    response = client.post(_url_tafel(w), {"meldingsdatum": datum, "reden": "Geen capaciteit", "bevestigd": bevestigd})
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert "Uittreding bevestigen" not in response.content.decode()
    assert stand(*MODELLEN) == voor


def test_other_users_and_other_ids_are_refused(client, w):
    data = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Weg", "bevestigd": "1"}
    voor = stand(*MODELLEN)
    # Someone of another organisation, or who is not the table's secretary: 403.
    client.force_login(GebruikerFactory(organisatie=w.gorinchem, rollen=[Rol.Soort.PROGRAMMAMANAGER]))
    assert client.post(_url_tafel(w), data).status_code == 403
    client.force_login(GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    url_coalitie = reverse("financiering:uittreding_coalitie", args=[w.fietsroute.pk, w.gemeenten["Papendrecht"].pk])
    assert client.post(url_coalitie, data).status_code == 403
    client.force_login(w.medewerker_papendrecht)
    assert client.post(reverse("financiering:uittreding_samenwerking", args=[w.gemeenten["Papendrecht"].pk]), data).status_code == 403
    # Ids that do not exist, or an organisation without a deelname in the coalition: 404.
    client.force_login(w.secretaris)
    assert client.post(reverse("financiering:uittreding_tafel", args=[999999]), data).status_code == 404
    assert client.get(reverse("financiering:uittreding_coalitie", args=[w.fietsroute.pk, w.gorinchem.pk])).status_code == 404
    client.force_login(w.manager)
    assert client.get(reverse("financiering:uittreding_samenwerking", args=[999999])).status_code == 404
    assert stand(*MODELLEN) == voor


def test_the_coalition_and_cooperation_pages_confirm_too(client, w):
    vandaag = timezone.localdate().isoformat()
    client.force_login(w.medewerker_papendrecht)
    url = reverse("financiering:uittreding_coalitie", args=[w.fietsroute.pk, w.gemeenten["Papendrecht"].pk])
    assert "Opzegtermijn: 3 maanden." in client.post(url, {"meldingsdatum": vandaag, "reden": "Geen budget"}).content.decode()
    assert client.post(url, {"meldingsdatum": vandaag, "reden": "Geen budget", "bevestigd": "1"}).status_code == 302
    client.force_login(w.manager)
    url = reverse("financiering:uittreding_samenwerking", args=[w.gemeenten["Sliedrecht"].pk])
    assert "Opzegtermijn: 12 maanden." in client.post(url, {"meldingsdatum": vandaag, "reden": "Eigen koers"}).content.decode()
    assert client.post(url, {"meldingsdatum": vandaag, "reden": "Eigen koers", "bevestigd": "1"}).status_code == 302
    assert sorted(Overgang.objects.values_list("niveau", flat=True)) == ["coalitie", "samenwerking"]


def test_the_existing_pages_link_to_the_confirmation(client, w):
    client.force_login(w.secretaris)
    html = client.get(reverse("tafels:lidmaatschap", args=[w.tafel.pk, w.lid.pk])).content.decode()
    assert reverse("financiering:uittreding_tafel", args=[w.lid.pk]) in html
    client.force_login(w.medewerker_papendrecht)
    html = client.get(reverse("coalities:deelname", args=[w.fietsroute.pk, w.gemeenten["Papendrecht"].pk])).content.decode()
    assert reverse("financiering:uittreding_coalitie", args=[w.fietsroute.pk, w.gemeenten["Papendrecht"].pk]) in html
    client.force_login(w.manager)
    html = client.get(reverse("financiering:organisatie", args=[w.gemeenten["Sliedrecht"].pk])).content.decode()
    assert reverse("financiering:uittreding_samenwerking", args=[w.gemeenten["Sliedrecht"].pk]) in html


@pytest.mark.parametrize("extra_tafels", [0, 5])
def test_the_confirmation_page_takes_a_fixed_number_of_queries(client, w, django_assert_num_queries, extra_tafels):
    for _ in range(extra_tafels):
        lid = tafel_services.partner_toelaten(
            tafel=tafel_met_leden(secretaris=w.secretaris), organisatie=w.gorinchem, besluit_referentie="B",
            datum=d(2026, 1, 1), door=systeem(),
        )
        services.uittreding_tafel_vastleggen(
            lidmaatschap=lid, meldingsdatum=timezone.localdate(), reden="Weg", door=w.secretaris,
        )
    client.force_login(w.secretaris)
    data = {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Geen capaciteit"}
    client.post(_url_tafel(w), data)  # the allocation of the year is computed once per process
    with django_assert_num_queries(QUERIES):
        client.post(_url_tafel(w), data)


QUERIES = 15  # session, user with roles and organisation, membership, rule, the partner's other tables, input stamp, … whatever the number of tables (+9: nothing is kept within the test's own transaction, so the year's allocation is computed)
