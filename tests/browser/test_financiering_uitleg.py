import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory
from tests.financiering.factories import BegrotingsjaarFactory, ProjectBudgetFactory, voorbeeld_netwerk

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("jaar_2026"),
]


def _bedrag(tekst: str) -> Decimal:
    return Decimal(re.sub(r"[^\d,-]", "", tekst.replace("−", "-")).replace(",", "."))


def test_raadslid_expands_how_it_was_calculated(page, live_server, login, screenshot):
    """A raadslid of Papendrecht opens the explanation of 2026 and sees parts that add up to the total."""
    netwerk = voorbeeld_netwerk()
    BegrotingsjaarFactory(jaar=2027, component_2_budget=Decimal("700000.00"), component_2_sleutel="gelijk")
    ProjectBudgetFactory(coalitie=netwerk.fietsroute, jaar=2027, budget=Decimal("60000.00"))
    raadslid = GebruikerFactory(username="raadslid", organisatie=netwerk.gemeenten["Papendrecht"],
                                rollen=[Rol.Soort.RAADSLID])
    login(raadslid)
    page.goto(f"{live_server.url}/financiering/organisatie/{netwerk.gemeenten['Papendrecht'].pk}/")
    uitleg = page.locator("details.fin-uitleg[data-jaar='2026']")
    uitleg.get_by_text("Hoe is dit berekend? 2026").click()
    expect(uitleg).to_have_attribute("open", "")
    expect(uitleg).to_contain_text("30 % vaste voet, gelijk verdeeld over 7 gemeenten")
    expect(uitleg).to_contain_text("Gebruikt inwonertal: 32.500 op 1 januari 2024.")
    delen = [_bedrag(t) for t in uitleg.locator("tbody td[data-deel]:not([data-deel=''])").all_inner_texts()]
    totaal = _bedrag(uitleg.locator(".fin-uitleg-totaal").inner_text().split(":")[-1])
    assert sum(delen) == totaal == Decimal(uitleg.get_attribute("data-totaal"))
    page.locator("details.fin-uitleg[data-jaar='2027'] summary").click()
    expect(page.locator(".fin-verschil")).to_contain_text("ten opzichte van 2026")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("financiering-uitleg-1366")
    assert_no_serious_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("financiering-uitleg-390")

    page.goto(f"{live_server.url}/financiering/coalitie/{netwerk.fietsroute.pk}/")
    page.locator("details.fin-uitleg[data-jaar='2026'] summary").click()
    expect(page.locator("details.fin-uitleg[data-jaar='2026']")).to_contain_text("Instapfee (eenmalig, in het jaar van instap)")
    screenshot("financiering-coalitie-uitleg-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("financiering-coalitie-uitleg-1366")
    assert_no_serious_axe_violations(page)
