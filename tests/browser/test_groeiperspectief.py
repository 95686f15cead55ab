"""The groeiperspectief in real Chromium: keyboard reaches every coalition on the map, filters update it, axe passes."""

import pytest
from django.urls import reverse

from drechtsteden.models import Rol
from tests.conftest import assert_no_serious_axe_violations, volgende_pagina_met_toetsenbord
from tests.factories import GebruikerFactory
from tests.portaal.test_groeiperspectief import _netwerk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _htmx_klaar(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")


def test_keyboard_reaches_every_coalition_and_filters_update_the_map(page, live_server, login, screenshot):
    """Tab reaches each coalition link on the map by its name; a filter narrows map and list; no serious axe findings."""
    gemeenten, coalities = _netwerk()
    login(GebruikerFactory(organisatie=gemeenten["Alblasserdam"], rollen=[Rol.Soort.RAADSLID]))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{reverse('groeiperspectief')}")
    page.get_by_role("link", name="Groeiperspectief").first.wait_for()
    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Groeiperspectief").get_attribute("aria-current") == "page"

    # Walk the page with Tab and note which coalition nodes on the map get focus.
    bereikt = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        naam = page.evaluate(
            "() => { const a = document.activeElement; return a && a.classList && a.classList.contains('groei-kaart__coalitie') ? a.getAttribute('aria-label') : null }"
        )
        if naam:
            bereikt.add(naam.split(";")[0])
    assert bereikt == {f"Coalitie {naam}" for naam in coalities}
    # Enter on a focused coalition opens its page.
    link = page.get_by_role("link", name="Coalitie Regionale fietsroutes")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('coalities:detail', args=[coalities['Regionale fietsroutes'].pk])}")
    page.go_back()

    assert_no_serious_axe_violations(page)
    screenshot("groeiperspectief-1366")

    page.get_by_label("Status", exact=True).select_option("gestopt")
    _htmx_klaar(page)
    assert page.locator(".groei-kaart__coalitie").count() == 1
    assert "status=gestopt" in page.url
    assert page.get_by_role("link", name="Coalitie Laadpalen zonder tafel").count() == 1

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}{reverse('groeiperspectief')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_serious_axe_violations(page)
    screenshot("groeiperspectief-390")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 321


def test_paged_map_and_list_by_keyboard_keep_the_filter(page, live_server, login, screenshot):
    """Above one page: the counts and the page navigation are there, the next page opens by keyboard with the
    filter kept, a filter by htmx starts again on page 1; the page reflows at 390 px and passes axe."""
    gemeenten, _c = _netwerk(extra=30)
    login(GebruikerFactory(organisatie=gemeenten["Sliedrecht"], rollen=[Rol.Soort.BESTUURDER]))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{reverse('groeiperspectief')}?status=lopend")
    assert page.get_by_role("table", name="Coalities per thema en status").is_visible()
    assert page.locator(".groei-kaart__coalitie").count() == 25
    navigatie = page.get_by_role("navigation", name="Paginering").first
    assert "Pagina 1 van 2" in navigatie.inner_text()
    volgende_pagina_met_toetsenbord(page, navigatie)
    assert "status=lopend" in page.url and "pagina=2" in page.url
    assert page.locator(".groei-kaart__coalitie").count() == 6
    assert_no_serious_axe_violations(page)
    screenshot("groeiperspectief-pagina-2-1366")

    page.get_by_label("Gemeente").select_option("Sliedrecht")
    _htmx_klaar(page)
    assert "pagina=" not in page.url and "gemeente=" in page.url
    assert "Keuzes van Sliedrecht in deze selectie" in page.locator("#groeiperspectief").inner_text()
    assert page.locator(".groei-kaart__coalitie").count() == 25

    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_serious_axe_violations(page)
    screenshot("groeiperspectief-pagina-390")
