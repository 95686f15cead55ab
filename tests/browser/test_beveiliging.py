import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_raadslid_sees_dutch_refusal_and_not_found_pages(page, live_server, login, screenshot):
    """A raadslid opening an edit screen gets the Dutch 'Geen toegang' page; an unknown address the Dutch 404."""
    gemeenten = drechtsteden()
    raadslid = GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.RAADSLID])
    login(raadslid)

    response = page.goto(f"{live_server.url}/coalities/nieuw/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.get_by_role("alert")).to_contain_text("Er is niets gewijzigd.")
    assert_no_serious_axe_violations(page)
    screenshot("beveiliging-403")

    response = page.goto(f"{live_server.url}/coalities/999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    assert_no_serious_axe_violations(page)
    screenshot("beveiliging-404")
