"""Commitments versus contributions on the coalition page: what each party committed next to what
component 3 charges it, and a sentence on how they relate."""

from decimal import Decimal

import pytest
from django.urls import reverse

from coalities.models import Deelname, Toezegging
from drechtsteden.models import Rol
from financiering import selectors, uitleg
from tests.coalities.factories import ToezeggingFactory
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def toezeggingen(netwerk):
    dordrecht = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=netwerk.gemeenten["Dordrecht"])
    ToezeggingFactory(deelname=dordrecht, soort=Toezegging.Soort.GELD, hoeveelheid=D("12000"),
                      eenheid=Toezegging.Eenheid.EURO, jaar_van=2026, jaar_tot=2027)
    ToezeggingFactory(deelname=dordrecht, soort=Toezegging.Soort.MENSKRACHT, hoeveelheid=D("400"),
                      eenheid=Toezegging.Eenheid.UREN, jaar_van=2026, jaar_tot=2026)
    ToezeggingFactory(deelname=dordrecht, soort=Toezegging.Soort.GELD, hoeveelheid=D("999"),
                      eenheid=Toezegging.Eenheid.EURO, jaar_van=2028, jaar_tot=2028)  # not running in 2026
    return netwerk


def _regels(netwerk, jaar=2026):
    deelnames = list(netwerk.fietsroute.deelnames.select_related("organisatie").prefetch_related("toezeggingen"))
    regels, heeft_budget = selectors.inzet_en_bijdrage(netwerk.fietsroute, deelnames, jaar)
    return {r.organisatie: r for r in regels}, heeft_budget


def test_commitments_next_to_component_3(toezeggingen):
    """Dordrecht: € 55.000 from component 3, € 12.000 and 400 hours committed for 2026; the 2028 money does not count."""
    regels, heeft_budget = _regels(toezeggingen)
    vastgesteld = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    dordrecht = regels["Dordrecht"]
    assert heeft_budget
    assert dordrecht.bijdrage == vastgesteld["Dordrecht"].per_coalitie["Fietsroute"]
    assert (dordrecht.geld, dordrecht.uren, dordrecht.fte, dordrecht.kennis) == (D("12000"), D("400"), D("0"), 0)
    tekst = uitleg.inzet_tekst(dordrecht, 2026, heeft_budget)
    assert "daarbovenop" in tekst and uitleg.euro(dordrecht.bijdrage + D("12000")) in tekst
    assert "solidair" in uitleg.inzet_tekst(regels["Sliedrecht"], 2026, heeft_budget)
    assert "niets toe" in uitleg.inzet_tekst(regels["Zwijndrecht"], 2026, heeft_budget)
    assert "nog geen geld" in uitleg.inzet_tekst(regels["Papendrecht"], 2026, heeft_budget)


def test_year_without_a_project_budget(toezeggingen):
    regels, heeft_budget = _regels(toezeggingen, 2027)
    assert not heeft_budget and regels["Dordrecht"].bijdrage == 0
    assert "hele inbreng" in uitleg.inzet_tekst(regels["Dordrecht"], 2027, heeft_budget)


def test_coalition_page_shows_commitments_and_contributions(client, toezeggingen, monkeypatch):
    """The coalition page (coalities) shows the table through the financing tag, with the sentence per party."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: __import__("datetime").date(2026, 5, 1))
    client.force_login(GebruikerFactory(organisatie=toezeggingen.gemeenten["Sliedrecht"], rollen=[Rol.Soort.BESTUURDER]))
    html = client.get(reverse("coalities:detail", args=[toezeggingen.fietsroute.pk])).content.decode()
    assert "Inzet en projectbijdrage in 2026" in html
    assert "Toegezegd en betaald per partij, Fietsroute 2026" in html
    assert "€\u00a012.000,00" in html and "400 uur" in html
    assert "brengt daarbovenop in" in html
