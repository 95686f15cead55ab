import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from drechtsteden.models import Rol, Thema
from drechtsteden.permissions import systeem
from tafels import services as tafels_services
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, PartnerFactory, ThemaFactory, drechtsteden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretaris_logs_in_and_sees_the_network(page, live_server, login, screenshot):
    """After logging in, the home page shows the seven gemeenten, partners and themes, and passes axe."""
    gemeenten = drechtsteden()
    PartnerFactory(naam="Da Vinci College")
    ThemaFactory(naam="Energietransitie", slug="energietransitie")
    secretaris = GebruikerFactory(organisatie=gemeenten[4], rollen=[Rol.Soort.GEMEENTESECRETARIS])
    tafel = tafels_services.tafel_create(
        naam="Tafel Energietransitie", thema=Thema.objects.get(slug="energietransitie"), door=systeem()
    )
    vergadering = tafels_services.vergadering_create(
        tafel=tafel, begint_om=timezone.now() + datetime.timedelta(days=9), plaats="Stadskantoor", door=systeem()
    )

    page.goto(live_server.url)
    expect(page).to_have_title("Inloggen — Samenwerkingsportaal Drechtsteden")
    login(secretaris)

    # A secretaris lands on the regiekamer's view of the network; the network page is in the main menu.
    expect(page).to_have_title("Regiekamer — Samenwerkingsportaal Drechtsteden")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Netwerk").click()
    expect(page).to_have_title("Het netwerk — Samenwerkingsportaal Drechtsteden")
    tabel = page.get_by_role("table", name="Gemeenten met inwonertal op peildatum")
    expect(tabel.locator("tbody").get_by_role("rowheader")).to_have_count(7)
    expect(tabel).to_contain_text("Hardinxveld-Giessendam")
    expect(tabel).to_contain_text("121.000")
    expect(page.get_by_role("region", name="Triple-helixpartners")).to_contain_text("Da Vinci College")
    expect(page.get_by_role("region", name="Thema's")).to_contain_text("Energietransitie")
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")).to_have_count(8)
    voor_u = page.get_by_role("region", name="Komende vergaderingen")
    expect(voor_u).to_contain_text("Tafel Energietransitie")
    voor_u.get_by_role("link", name="Tafel Energietransitie").click()
    expect(page).to_have_url(f"{live_server.url}/tafels/vergaderingen/{vergadering.pk}/")
    page.go_back()
    assert page.locator("html").get_attribute("lang") == "nl"
    screenshot("home")
    assert_no_serious_axe_violations(page)


def test_bad_login_in_browser(page, live_server, screenshot):
    """A wrong password shows the Dutch error on the login page, which also passes axe."""
    GebruikerFactory(username="jan")
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("jan")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("De combinatie van gebruikersnaam en wachtwoord is onjuist")
    # Focus moves to the error summary, so keyboard and screen-reader users hear what went wrong.
    expect(page.locator("#inlogfout")).to_be_focused()
    screenshot("inloggen-fout")
    assert_no_serious_axe_violations(page)


def test_language_switch_to_english(page, live_server, login, screenshot):
    """The language button turns the portal English, which also passes axe, and back to Dutch."""
    gemeenten = drechtsteden()
    login(GebruikerFactory(organisatie=gemeenten[0]))
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("Governance tables")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Drechtsteden network")
    screenshot("home-en")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


@pytest.mark.worker
def test_beheerder_sees_the_worker_answer(page, live_server, login, screenshot, celery_worker_process):
    """The system status page sends a task to the real worker and shows its answer via htmx polling."""
    gemeenten = drechtsteden()
    beheerder = GebruikerFactory(organisatie=gemeenten[1], rollen=[Rol.Soort.BEHEERDER])
    login(beheerder)
    page.goto(f"{live_server.url}/systeemstatus/")
    expect(page.get_by_role("status")).to_contain_text("antwoordt", timeout=30_000)
    expect(page.get_by_role("status")).to_contain_text("7 Drechtstedengemeenten")
    screenshot("systeemstatus")
