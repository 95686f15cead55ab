"""In Chromium: private notes beside the agenda, the printed meeting page, and the raadsinformatie page."""

import pytest
from playwright.sync_api import expect

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tafels.models import PriveNotitie
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, ThemaFactory
from tests.tafels.factories import agendapunt, pdf, tafel_met_leden, vergadering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTITIE = "Vragen: wie betaalt het onderhoud van de route na 2028?"


def _uitloggen(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


@pytest.fixture
def meeting():
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))
    v = vergadering(tafel, over_dagen=30)
    punt = agendapunt(v, titel="Regionale fietsroute", toelichting="Keuze voor het tracé langs de Merwede.")
    agendapunt(v, titel="Voortgang portfolio")
    services.stuk_uploaden(agendapunt=punt, bestand=pdf("trace.pdf"), titel="Tracéstudie", door=tafel.secretaris)
    return v


def test_bestuurder_keeps_a_private_note_others_do_not_see_it(page, live_server, login, screenshot, meeting):
    """A bestuurder writes a note, reloads and sees it; another bestuurder of the same gemeente does not."""
    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    auteur = GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER])
    collega = GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER])
    url = f"{live_server.url}/tafels/vergaderingen/{meeting.pk}/"

    login(auteur)
    page.goto(url)
    page.evaluate("window.zelfdePagina = true")
    punt = page.locator("li.tafels-punt", has_text="Regionale fietsroute")
    punt.get_by_label("Mijn notitie bij Regionale fietsroute").fill(NOTITIE)
    punt.get_by_role("button", name="Notitie opslaan").click()
    expect(punt.locator(".tafels-notitie__status")).to_contain_text("Opgeslagen om")
    assert page.evaluate("window.zelfdePagina") is True  # saved through htmx, no reload
    assert PriveNotitie.objects.get().tekst == NOTITIE

    page.reload()
    punt = page.locator("li.tafels-punt", has_text="Regionale fietsroute")
    expect(punt.get_by_label("Mijn notitie bij Regionale fietsroute")).to_have_value(NOTITIE)
    assert_no_serious_axe_violations(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("notitie-vergadering-1366")
    # Wide screen: the note sits beside the item, not below it.
    notitie = punt.locator(".tafels-notitie").bounding_box()
    titel = punt.locator("h3").bounding_box()
    assert notitie["x"] > titel["x"] + titel["width"] / 2
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("notitie-vergadering-390")
    breed = page.evaluate("""[...document.querySelectorAll('#agenda *, .tafels-acties *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.outerHTML.slice(0, 80))""")
    assert breed == []  # the agenda and its notes fit a phone

    # Printed: the agenda without navigation, logout button, forms or the private note.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(media="print")
    screenshot("vergadering-print")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_hidden()
    expect(page.locator("nav.portaal-nav")).to_be_hidden()
    expect(page.locator(".tafels-notitie").first).to_be_hidden()
    expect(page.get_by_role("link", name="Alle stukken downloaden (ZIP, 1 stuk)")).to_be_hidden()
    expect(page.locator("h3", has_text="Regionale fietsroute")).to_be_visible()
    expect(page.get_by_text("Keuze voor het tracé langs de Merwede.")).to_be_visible()
    expect(page.get_by_role("link", name="Tracéstudie")).to_be_visible()
    for formulier in page.locator("form").all():
        if "tafels-aanwezigheid" not in (formulier.get_attribute("class") or ""):
            expect(formulier).to_be_hidden()
    page.emulate_media(media="screen")

    _uitloggen(page)
    login(collega)
    page.goto(url)
    punt = page.locator("li.tafels-punt", has_text="Regionale fietsroute")
    expect(punt.get_by_label("Mijn notitie bij Regionale fietsroute")).to_have_value("")
    expect(page.locator("body")).not_to_contain_text(NOTITIE)

    _uitloggen(page)
    login(meeting.tafel.secretaris)
    page.goto(url)
    expect(page.locator("#agenda")).to_contain_text("Regionale fietsroute")
    expect(page.locator("body")).not_to_contain_text(NOTITIE)
    expect(page.locator(".tafels-notitie")).to_have_count(0)


def test_raadsinformatie_page_and_link(page, live_server, login, screenshot):
    """A raadslid finds the raadsinformatie from the gemeente's financing page and downloads the PDF."""
    from tests.financiering.factories import voorbeeld_netwerk

    netwerk = voorbeeld_netwerk()
    dordrecht = netwerk.gemeenten["Dordrecht"]
    raadslid = GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID])
    login(raadslid)
    page.goto(f"{live_server.url}/financiering/organisatie/{dordrecht.pk}/")
    page.get_by_role("link", name="Raadsinformatie van Dordrecht (PDF voor college en raad)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadsinformatie Dordrecht")
    assert_no_serious_axe_violations(page)
    for breedte, hoogte in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": breedte, "height": hoogte})
        screenshot(f"raadsinformatie-{breedte}")
    page.get_by_label("Jaar").select_option("2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF downloaden").click()
    assert download.value.suggested_filename == "raadsinformatie-dordrecht-2026.pdf"
