"""A paged list (the coalition list, 51 coalitions): the page navigation is reachable by keyboard, keeps the
filter, reflows at 320 px and passes axe."""

import pytest
from django.urls import reverse

from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory
from tests.conftest import assert_no_serious_axe_violations, volgende_pagina_met_toetsenbord
from tests.factories import GebruikerFactory, OrganisatieFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_navigation_is_accessible_and_keeps_the_filter(page, live_server):
    organisatie = OrganisatieFactory(naam="Dordrecht")
    for i in range(51):
        CoalitieFactory(naam=f"Coalitie {i:02d}", status="idee", trekker=organisatie)
    gebruiker = GebruikerFactory(organisatie=organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    gebruiker.set_password("Drechtsteden-demo-2026")
    gebruiker.save()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill("Drechtsteden-demo-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{reverse('coalities:index')}?status=idee")
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
    navigatie = page.get_by_role("navigation", name="Paginering")
    assert "Pagina 1 van 2" in navigatie.inner_text()
    volgende_pagina_met_toetsenbord(page, navigatie)
    assert "status=idee" in page.url and "pagina=2" in page.url
    assert page.get_by_role("link", name="Coalitie 50").is_visible()
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_no_serious_axe_violations(page)
