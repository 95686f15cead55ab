"""Leaving a table in the browser: the consequences first, then the confirmation, at 1366 and 390 px
under axe and without sideways scrolling at 320 px."""

import datetime

import pytest
from playwright.sync_api import expect

from drechtsteden.permissions import systeem
from tafels import services as tafel_services
from tests.conftest import op_breedtes
from tests.financiering.factories import voorbeeld_netwerk
from tests.tafels.factories import tafel_met_leden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_sees_the_consequences_and_confirms_a_partner_leaving(page, live_server, login, screenshot):
    netwerk = voorbeeld_netwerk()
    tafel = tafel_met_leden(naam="Tafel Economie")
    lid = tafel_services.partner_toelaten(
        tafel=tafel, organisatie=netwerk.gorinchem, besluit_referentie="Besluit 1", datum=datetime.date(2026, 1, 1),
        door=systeem(),
    )
    login(tafel.secretaris)
    page.goto(f"{live_server.url}/tafels/{tafel.pk}/lidmaatschappen/{lid.pk}/")
    page.get_by_role("link", name="Afmelding voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uittreding van Gorinchem uit de tafel Tafel Economie")
    page.get_by_label("Reden van uittreding").fill("Geen capaciteit")
    page.get_by_role("button", name="Gevolgen tonen").click()

    gevolgen = page.locator(".fin-gevolgen")
    expect(gevolgen).to_contain_text("Opzegtermijn: 6 maanden.")
    expect(gevolgen).to_contain_text("De financiering verandert per 1 januari")
    expect(gevolgen.get_by_role("button", name="Uittreding bevestigen")).to_be_visible()
    op_breedtes(page, screenshot, "uittreding-tafel", smal=True)

    gevolgen.get_by_role("button", name="Uittreding bevestigen").click()
    expect(page.get_by_text("De uittreding van Gorinchem uit de tafel Tafel Economie is vastgelegd.")).to_be_visible()
    expect(page.locator("table", has_text="Geen capaciteit")).to_contain_text("Afgemeld")
