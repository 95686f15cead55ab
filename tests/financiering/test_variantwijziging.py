"""What a change of variant does to component 3: shown on the confirmation before commitments are withdrawn.

The engine computes the coalition again with the party's new variant; each party whose share changes is listed.
"""

from decimal import Decimal

import pytest

from coalities.models import Deelname
from financiering import selectors
from tests.financiering.factories import coalitie_met_deelnames

pytestmark = pytest.mark.django_db
D = Decimal


def _deelname(netwerk, naam, coalitie=None) -> Deelname:
    return Deelname.objects.select_related("organisatie").get(
        coalitie=coalitie or netwerk.fietsroute, organisatie=netwerk.gemeenten[naam]
    )


def test_leaving_shifts_the_share_to_the_others(netwerk):
    """Papendrecht (instap from 1 July) going to geen pays nothing in 2026; Dordrecht then carries all but Sliedrecht's € 5.000."""
    vastgesteld = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    gevolg = selectors.variantwijziging_gevolg(_deelname(netwerk, "Papendrecht"), "geen", None, 2026)
    assert gevolg.heeft_budget and not gevolg.fout
    regels = {naam: (nu, daarna, verschil) for naam, nu, daarna, verschil in gevolg.regels}
    assert gevolg.regels[0][0] == "Papendrecht"  # the party itself first
    nu = vastgesteld["Papendrecht"].per_coalitie["Fietsroute"]
    assert nu > 0 and regels["Papendrecht"] == (nu, D("0.00"), -nu)
    assert regels["Dordrecht"][1] == D("85000.00")
    assert "Sliedrecht" not in regels and "Zwijndrecht" not in regels  # unchanged shares are left out
    # Nothing was saved: the adopted figures are as before.
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Papendrecht"].per_coalitie["Fietsroute"] == nu


def test_solidarity_pays_its_contribution(netwerk):
    """Dordrecht going solidary with € 10.000 pays exactly that; Papendrecht carries the rest."""
    gevolg = selectors.variantwijziging_gevolg(_deelname(netwerk, "Dordrecht"), "solidariteit", D("10000.00"), 2026)
    regels = {naam: daarna for naam, _nu, daarna, _verschil in gevolg.regels}
    assert regels["Dordrecht"] == D("10000.00")
    assert regels["Papendrecht"] == D("90000.00") - D("5000.00") - D("10000.00")


def test_a_year_without_budget_or_without_anyone_to_carry_it(netwerk):
    """No project budget in 2027: nothing changes. A coalition left without a sharing party: the engine's message."""
    gevolg = selectors.variantwijziging_gevolg(_deelname(netwerk, "Dordrecht"), "geen", None, 2027)
    assert not gevolg.heeft_budget and gevolg.regels == []
    alleen = coalitie_met_deelnames("Deelauto", netwerk.gemeenten, {
        "Dordrecht": "volledig", "Sliedrecht": ("solidariteit", {"solidariteitsbijdrage": D("5000.00")}),
    })
    gevolg = selectors.variantwijziging_gevolg(_deelname(netwerk, "Dordrecht", alleen), "geen", None, 2026)
    assert gevolg.heeft_budget and "niemand draagt het restant" in gevolg.fout


def test_the_confirmation_shows_the_consequence(client, netwerk, monkeypatch):
    """The coalities confirmation page shows the table through the financing tag, in this year's figures."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from drechtsteden.models import Rol
    from tests.coalities.factories import ToezeggingFactory
    from tests.factories import GebruikerFactory

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 5, 1))
    papendrecht = _deelname(netwerk, "Papendrecht")
    ToezeggingFactory(deelname=papendrecht)
    client.force_login(GebruikerFactory(organisatie=papendrecht.organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    url = reverse("coalities:deelname_intrekken", args=[netwerk.fietsroute.pk, papendrecht.organisatie.pk])
    html = client.get(url, {"variant": "geen", "versie": str(papendrecht.versie)}).content.decode()
    assert "Projectbijdrage (component 3) in 2026, nu en na de wijziging" in html
    assert "€\u00a085.000,00" in html
