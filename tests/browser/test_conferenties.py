import pypdf
import pytest
from playwright.sync_api import expect

from conferenties.models import Plaatsing
from tests.conferenties.test_conferenties import _conferentie, _organisator
from tests.conftest import assert_no_serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_divides_three_rounds_harvests_and_downloads_the_report(
    page, live_server, login, screenshot, celery_worker_process, tmp_path
):
    """A conference with four world-café tables and three rounds: the organiser divides the groups, writes
    the harvest of table 1 in round 2, puts a wish on the wall, and downloads the impression report
    built by the worker, which holds the harvest and the wish."""
    conferentie = _conferentie(deelnemers=12, rondes=3)
    organisator = _organisator()
    login(organisator)
    page.goto(f"{live_server.url}/conferenties/")
    page.get_by_role("link", name="Werkconferentie").click()
    expect(page.get_by_text("De groepen zijn nog niet ingedeeld.")).to_be_visible()
    page.get_by_role("button", name="Groepen indelen").click()
    expect(page.get_by_text("De groepen zijn ingedeeld.")).to_be_visible()
    for ronde in (1, 2, 3):
        expect(page.get_by_role("heading", name=f"Ronde {ronde}", exact=True)).to_be_visible()
    assert Plaatsing.objects.filter(deelnemer__conferentie=conferentie).count() == 36

    tafel1 = page.locator("#tafel-" + str(conferentie.tafels.get(nummer=1).pk))
    tafel1.locator("summary").click()
    tafel1.get_by_label("Ronde").select_option("2")
    tafel1.get_by_label("Oogst", exact=True).fill("Lokale kleuring vraagt regionale afspraken over de basis.")
    tafel1.get_by_role("button", name="Oogst opslaan").click()
    expect(page.get_by_text("Ronde 2: Lokale kleuring vraagt regionale afspraken over de basis.")).to_be_visible()

    page.get_by_label("Soort").select_option(label="Wens")
    page.get_by_label("Wat wilt u kwijt?").fill("Stukken een week eerder, dan kan het college ze bespreken.")
    page.get_by_role("button", name="Op de muur zetten").click()
    expect(page.locator(".conferenties-muur__kolom--wens")).to_contain_text("Stukken een week eerder")
    assert_no_serious_axe_violations(page)

    blok = page.locator("#impressieverslag")
    blok.get_by_role("button", name="Impressieverslag maken").click()
    download_link = blok.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=240_000)
    with page.expect_download() as info:
        download_link.click()
    pad = tmp_path / "impressieverslag.pdf"
    info.value.save_as(pad)
    tekst = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pad).pages).split())
    assert "Ronde 2: Lokale kleuring vraagt regionale afspraken over de basis." in tekst
    assert "Stukken een week eerder" in tekst
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        screenshot(f"conferentie-{breedte}")
    assert_no_serious_axe_violations(page)
