import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from financiering import verdeling
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory
from tests.financiering.conftest import VOORBEELD_SCENARIO
from tests.financiering.factories import voorbeeld_netwerk

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("jaar_2026"),
]


def test_secretaris_sliedrecht_runs_a_scenario_and_downloads_xlsx(page, live_server, login, screenshot):
    """Sliedrecht's secretaris sees the multi-year overview, runs an equal key, sees the differences and gets the XLSX."""
    netwerk = voorbeeld_netwerk()
    secretaris = GebruikerFactory(username="secretaris", organisatie=netwerk.gemeenten["Sliedrecht"],
                                  rollen=[Rol.Soort.GEMEENTESECRETARIS])
    vastgesteld = verdeling.bereken(verdeling.scenario_uit_json(VOORBEELD_SCENARIO)).bijdragen
    anders = verdeling.bereken(verdeling.scenario_uit_json(
        VOORBEELD_SCENARIO | {"component_1": {"budget": "250000.00", "sleutel": "gelijk"}}
    )).bijdragen

    login(secretaris)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Financiering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financiering")
    expect(page.get_by_role("table", name="Totalen per jaar en per component")).to_contain_text("€ 740.000,00")
    screenshot("financiering-netwerk")
    assert_no_serious_axe_violations(page)

    page.get_by_role("table", name="Bijdrage per organisatie in 2026").get_by_role("link", name="Sliedrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat Sliedrecht betaalt")
    meerjarig = page.get_by_role("table", name="Bijdrage van Sliedrecht per jaar")
    expect(meerjarig.get_by_role("columnheader")).to_have_count(6)  # component + 5 years
    expect(meerjarig).to_contain_text(verdeling.bedrag_nl(vastgesteld["Sliedrecht"].totaal))
    expect(page.get_by_role("table", name="Projectbijdragen van Sliedrecht per coalitie")).to_contain_text("Solidariteit")
    screenshot("financiering-sliedrecht")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Scenario doorrekenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenario doorrekenen")
    page.get_by_role("group", name="Component 1 — instandhouding netwerk").get_by_label("Verdeelsleutel").select_option("gelijk")
    page.get_by_role("button", name="Doorrekenen").click()
    vergelijking = page.get_by_role("table", name="Wat elke organisatie betaalt in 2026: vastgesteld en in het scenario")
    expect(vergelijking).to_be_visible()
    for naam in ("Dordrecht", "Sliedrecht", "Hardinxveld-Giessendam"):
        rij = vergelijking.get_by_role("row").filter(has=page.get_by_role("rowheader", name=naam, exact=True))
        verschil = anders[naam].totaal - vastgesteld[naam].totaal
        expect(rij.get_by_role("cell").last).to_contain_text(("+ " if verschil > 0 else "− ") + verdeling.bedrag_nl(abs(verschil)))
    expect(page.get_by_text("Vaststellen kan alleen door de beheerder")).to_be_visible()
    expect(page.get_by_role("button", name="Scenario vaststellen")).to_have_count(0)
    screenshot("financiering-scenario")
    assert_no_serious_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de vergelijking (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "financiering-scenario-2026.xlsx"
    blad = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read())).worksheets[0]
    rijen = {r[0]: r for r in blad.iter_rows(min_row=2, values_only=True)}
    for naam, bijdrage in anders.items():
        assert Decimal(str(rijen[naam][8])) == bijdrage.totaal
        assert Decimal(str(rijen[naam][4])) == vastgesteld[naam].totaal
        assert Decimal(str(rijen[naam][9])).quantize(Decimal("0.01")) == bijdrage.totaal - vastgesteld[naam].totaal


def test_manager_adopts_a_scenario(page, live_server, login, screenshot):
    """The manager SDD changes Fietsroute's budget, adopts it, and the network page and coalition page show it."""
    netwerk = voorbeeld_netwerk()
    manager = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])
    login(manager)
    page.goto(f"{live_server.url}/financiering/scenario/?jaar=2026")
    page.get_by_role("group", name="Fietsroute").get_by_label("Projectbudget (€)").fill("100000,00")
    page.get_by_role("button", name="Doorrekenen").click()
    vergelijking = page.get_by_role("table", name="Wat elke organisatie betaalt in 2026: vastgesteld en in het scenario")
    dordrecht = vergelijking.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Dordrecht", exact=True))
    # 10.000 more, over Dordrecht (1) and Papendrecht (½): + 6.666,67 and + 3.333,33
    expect(dordrecht.get_by_role("cell").last).to_have_text("+ € 6.666,67")
    page.get_by_role("button", name="Scenario vaststellen als begroting 2026").click()
    expect(page.get_by_role("status").first).to_contain_text("De begroting 2026 is vastgesteld.")
    expect(page.get_by_role("table", name="Totalen per jaar en per component")).to_contain_text("€ 750.000,00")
    expect(page.get_by_text("projectbudget Fietsroute: € 100.000,00")).to_be_visible()
    page.get_by_role("link", name="Fietsroute").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie betaalt wat voor Fietsroute")
    expect(page.get_by_role("table", name="Bijdragen aan Fietsroute in 2026")).to_contain_text("€ 61.666,67")
    screenshot("financiering-coalitie")
    assert_no_serious_axe_violations(page)
