import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from drechtsteden.models import Rol
from drechtsteden.opmaak import euro_verschil
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
    expect(page.get_by_role("table", name="Totalen per jaar en per component")).to_contain_text("€\u00a0740.000,00")
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
    page.get_by_label("Verdeelsleutel instandhouding netwerk").select_option("gelijk")
    vergelijking = page.get_by_role("table", name="Wat elke organisatie betaalt in 2026: vastgesteld en in het scenario")
    expect(vergelijking).to_be_visible()
    for naam in ("Dordrecht", "Sliedrecht", "Hardinxveld-Giessendam"):
        rij = vergelijking.get_by_role("row").filter(has=page.get_by_role("rowheader", name=naam, exact=True))
        verschil = anders[naam].totaal - vastgesteld[naam].totaal
        expect(rij.get_by_role("cell").last).to_contain_text(euro_verschil(verschil))
    expect(page.get_by_text("Vaststellen kan alleen door de beheerder")).to_be_visible()
    expect(page.get_by_role("button", name="Vaststellen als begroting 2026…")).to_have_count(0)
    screenshot("financiering-scenario")
    assert_no_serious_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de vergelijking per component (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "financiering-scenario-2026.xlsx"
    blad = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read())).worksheets[0]
    rijen = {r[0]: r for r in blad.iter_rows(min_row=2, values_only=True)}
    for naam, bijdrage in anders.items():
        assert Decimal(str(rijen[naam][8])) == bijdrage.totaal
        assert Decimal(str(rijen[naam][4])) == vastgesteld[naam].totaal
        assert Decimal(str(rijen[naam][9])).quantize(Decimal("0.01")) == bijdrage.totaal - vastgesteld[naam].totaal


def _geen_zijwaartse_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_manager_builds_compares_and_adopts_a_named_scenario(page, live_server, login, screenshot):
    """Finance staff: type a budget and see the result recalculate, save two named scenarios, compare them,
    adopt one after the confirmation with the decision, and find the decision and the previous version."""
    netwerk = voorbeeld_netwerk()
    manager = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])
    login(manager)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/financiering/scenario/?jaar=2026")
    uitkomst = page.get_by_role("table", name="Wat elke organisatie betaalt in 2026: vastgesteld en in het scenario")
    expect(uitkomst).to_be_visible()
    fietsroute = page.get_by_role("region", name="Fietsroute")
    # Recalculated while typing: no button pressed.
    fietsroute.get_by_label("Projectbudget Fietsroute (€)").fill("100.000")
    dordrecht = uitkomst.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Dordrecht", exact=True))
    # 10.000 more, over Dordrecht (1) and Papendrecht (½): + 6.666,67 and + 3.333,33
    expect(dordrecht.get_by_role("cell").last).to_have_text("+\u00a0€\u00a06.666,67")
    expect(uitkomst.get_by_role("row").last).to_contain_text("+\u00a0€\u00a010.000,00")  # the totals row
    # Alblasserdam has not chosen yet; the solidarity box shows only for solidariteit.
    alblasserdam = fietsroute.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Alblasserdam"))
    expect(alblasserdam.get_by_role("combobox")).to_have_value("nog_geen_keuze")
    expect(alblasserdam.get_by_role("textbox")).to_be_hidden()
    page.get_by_label("Naam van het scenario").fill("Fietsroute 100.000")
    page.get_by_role("button", name="Scenario bewaren").click()
    expect(page.get_by_role("status").first).to_contain_text("Het scenario “Fietsroute 100.000” is bewaard.")
    expect(page.get_by_text("Geopend: het bewaarde scenario “Fietsroute 100.000”.")).to_be_visible()
    screenshot("financiering-scenario-1366")
    _geen_zijwaartse_scroll(page)
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/financiering/scenario/?jaar=2026")
    page.get_by_label("Verdeelsleutel instandhouding netwerk").select_option("gelijk")
    expect(uitkomst.get_by_role("row").last).to_contain_text("€\u00a0740.000,00")
    page.get_by_label("Naam van het scenario").fill("Netwerk gelijk")
    page.get_by_role("button", name="Scenario bewaren").click()
    expect(page.get_by_role("status").first).to_contain_text("is bewaard")

    page.get_by_label("Fietsroute 100.000").check()
    page.get_by_label("Netwerk gelijk").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenario's 2026 vergelijken")
    naast = page.get_by_role("table", name="Totaal per organisatie in 2026: vastgesteld en per scenario")
    expect(naast.get_by_role("columnheader")).to_have_count(6)
    expect(naast.get_by_role("row").last).to_contain_text("€\u00a0750.000,00")
    screenshot("financiering-vergelijken-1366")
    assert_no_serious_axe_violations(page)

    page.get_by_role("button", name="Fietsroute 100.000 vaststellen…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begroting 2026 vaststellen")
    page.get_by_role("button", name="Ja, stel de begroting 2026 vast").click()
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()  # no decision, nothing adopted
    page.get_by_label("Besluit", exact=True).fill("Besluit algemeen bestuur 2026-14")
    page.get_by_label("Datum van het besluit").fill("2026-03-12")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Ja, stel de begroting 2026 vast").click()

    expect(page.get_by_role("status").first).to_contain_text("De begroting 2026 is vastgesteld.", timeout=30_000)  # the allocation is computed again
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaststelling begroting 2026")
    expect(page.get_by_role("definition").first).to_have_text("Besluit algemeen bestuur 2026-14")
    vorige = page.get_by_role("table", name="Budgetten en sleutels: vorige versie en vastgesteld")
    expect(vorige.get_by_role("row").filter(has_text="Fietsroute")).to_contain_text("€\u00a090.000,00")
    expect(vorige.get_by_role("row").filter(has_text="Fietsroute")).to_contain_text("€\u00a0100.000,00")
    screenshot("financiering-vaststelling-1366")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Naar de financiering").click()
    expect(page.get_by_role("table", name="Totalen per jaar en per component")).to_contain_text("€\u00a0750.000,00")
    expect(page.get_by_text("vastgesteld bij Besluit algemeen bestuur 2026-14")).to_be_visible()
    page.get_by_role("link", name="Fietsroute").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie betaalt wat voor Fietsroute")
    expect(page.get_by_role("table", name="Bijdragen aan Fietsroute in 2026")).to_contain_text("€\u00a061.666,67")
    screenshot("financiering-coalitie")
    assert_no_serious_axe_violations(page)

    page.set_viewport_size({"width": 390, "height": 844})
    for pad, naam in (("/financiering/?jaar=2026", "financiering-netwerk-390"),
                      (f"/financiering/organisatie/{netwerk.gemeenten['Sliedrecht'].pk}/", "financiering-sliedrecht-390"),
                      ("/financiering/scenario/?jaar=2026", "financiering-scenario-390")):
        page.goto(live_server.url + pad)
        _geen_zijwaartse_scroll(page)
        screenshot(naam)


# Every "€ amount" (with a "+ "/"− " sign in front when there is one) in the main content, and for each
# whether it lies on more than one line. A range over text that wraps gives a rectangle per line.
_BEDRAGEN_OP_REGELS = """() => {
  const patroon = /(?:[+−]\\s)?€\\s-?\\d[\\d.,]*/g;
  const lopen = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const gebroken = []; let aantal = 0;
  while (lopen.nextNode()) {
    const tekst = lopen.currentNode;
    for (const m of tekst.data.matchAll(patroon)) {
      const bereik = document.createRange();
      bereik.setStart(tekst, m.index); bereik.setEnd(tekst, m.index + m[0].length);
      const vakken = [...bereik.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (!vakken.length) continue;  // not shown (a closed <details>)
      aantal++;
      if (new Set(vakken.map(r => Math.round(r.top))).size > 1) gebroken.push(m[0]);
    }
  }
  return {aantal, gebroken};
}"""


def test_euro_sign_stays_on_the_line_of_its_amount_on_a_phone(page, live_server, login):
    """At 390 px (and every width from 320 to 400), no "€" or sign ends a line without its amount: on the
    network page with its history of changes, a gemeente's page, a coalition's page and the scenario page.
    A badge in a table breaks between words, not letter by letter."""
    netwerk = voorbeeld_netwerk()
    manager = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD])
    login(manager)
    paden = ["/financiering/?jaar=2026", f"/financiering/organisatie/{netwerk.gemeenten['Sliedrecht'].pk}/",
             f"/financiering/coalitie/{netwerk.fietsroute.pk}/", "/financiering/scenario/?jaar=2026"]
    for pad in paden:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + pad)
        if "scenario" in pad:  # differences with their sign: + € and − €
            page.get_by_label("Verdeelsleutel instandhouding netwerk").select_option("gelijk")
            uitkomst = page.get_by_role("table", name="Wat elke organisatie betaalt in 2026: vastgesteld en in het scenario")
            expect(uitkomst).to_contain_text("−\u00a0€")
        if pad.startswith("/financiering/?"):  # "niet vastgesteld" in the year column wraps between words only
            hoogtes = page.locator("main table .portaal-badge").evaluate_all(
                "badges => badges.map(b => b.getBoundingClientRect().height)")
            assert hoogtes and max(hoogtes) < 60, hoogtes
        for details in page.locator("main details").all():
            details.evaluate("d => d.open = true")  # "Hoe is dit berekend?" holds amounts in sentences
        for breedte in [390, *range(320, 400, 8)]:
            page.set_viewport_size({"width": breedte, "height": 844})
            uitkomst = page.evaluate(_BEDRAGEN_OP_REGELS)
            assert uitkomst["aantal"] > 3, pad
            assert not uitkomst["gebroken"], (pad, breedte, uitkomst["gebroken"])
