"""The main menu on a phone (behind a "Menu" button, by keyboard too) and the pages about the portal."""

import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_menu_opens_and_closes_by_keyboard_on_a_phone(page, live_server, login, screenshot):
    gemeenten = drechtsteden()
    login(GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.GEMEENTESECRETARIS]))
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    knop = page.get_by_role("button", name="Menu")

    page.set_viewport_size({"width": 390, "height": 800})
    expect(knop).to_be_visible()
    expect(knop).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    knop.focus()
    page.keyboard.press("Enter")
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    screenshot("menu-open-390")
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Mijn overzicht")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(knop).to_be_focused()

    # On a wide screen the menu is always there and the button is not.
    page.set_viewport_size({"width": 1366, "height": 800})
    expect(menu).to_be_visible()
    expect(knop).to_be_hidden()


def test_accessibility_privacy_and_contact_open_without_logging_in(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    voet = page.get_by_role("list", name="Over dit portaal")
    for naam, titel in (("Toegankelijkheid", "Toegankelijkheid"), ("Privacy", "Privacy"), ("Contact", "Contact")):
        voet.get_by_role("link", name=naam).click()
        expect(page).to_have_title(f"{titel} — Samenwerkingsportaal Drechtsteden")
        expect(page.get_by_role("heading", level=1)).to_have_text(titel)
        assert_no_serious_axe_violations(page)
        page.go_back()
    expect(page.locator('link[rel="icon"]')).to_have_attribute("href", "/static/favicon.svg")
