import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, ThemaFactory
from tests.financiering.factories import voorbeeld_netwerk
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("jaar_2026"),
]


def test_secretary_switches_to_english_and_reads_tables_coalitions_and_financing(page, live_server, login, screenshot):
    """After choosing English in the header, the tables, coalitions and financing pages show English headings,
    labels and choices, with no Dutch source strings left and no serious accessibility problems."""
    netwerk = voorbeeld_netwerk()
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))
    v = vergadering(tafel, over_dagen=30)
    agendapunt(v, titel="Voortgang fietsroutes")
    secretaris = GebruikerFactory(
        username="secretaris", organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.GEMEENTESECRETARIS]
    )

    login(secretaris)
    # A secretaris lands on the regiekamer dashboard; the network page is in the main menu.
    page.goto(f"{live_server.url}/netwerk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Het netwerk van de Drechtsteden")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Drechtsteden network")
    assert page.locator("html").get_attribute("lang") == "en"
    menu = page.get_by_role("navigation", name="Main menu")

    menu.get_by_role("link", name="Governance tables").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Governance tables")
    expect(page.locator("main")).to_contain_text("Tafel Bereikbaarheid")
    expect(page.locator("main")).not_to_contain_text("Volgende vergadering")
    screenshot("english-tafels")
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/")
    expect(page.locator("main")).to_contain_text("Agenda")
    expect(page.locator("main")).to_contain_text("Voortgang fietsroutes")
    expect(page.locator("main")).not_to_contain_text("Geen openstaande actiepunten uit eerdere vergaderingen")
    screenshot("english-vergadering")
    assert_no_serious_axe_violations(page)

    menu.get_by_role("link", name="Coalitions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coalitions")
    main = page.locator("main")
    expect(main).to_contain_text("Fietsroute")
    expect(main.get_by_role("button", name="Filter")).to_be_visible()
    expect(main).not_to_contain_text("Nog geen keuze")
    screenshot("english-coalities")
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/coalities/{netwerk.fietsroute.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fietsroute")
    expect(page.locator("main")).to_contain_text("Later entry")
    expect(page.locator("main")).to_contain_text("Solidarity")
    expect(page.get_by_role("table", name="Changes to participations, commitments and deliveries")).to_contain_text(
        "Participation of Papendrecht created"
    )
    screenshot("english-coalitie")
    assert_no_serious_axe_violations(page)

    menu.get_by_role("link", name="Financing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financing")
    expect(page.get_by_role("table", name="Totals per year and per component")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Netwerktotalen")
    screenshot("english-financiering")
    assert_no_serious_axe_violations(page)

    page.get_by_role("table", name="Contribution per organisation in 2026").get_by_role("link", name="Sliedrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What Sliedrecht pays")
    expect(page.get_by_role("table", name="Contribution of Sliedrecht per year")).to_be_visible()
    screenshot("english-financiering-sliedrecht")
    assert_no_serious_axe_violations(page)
