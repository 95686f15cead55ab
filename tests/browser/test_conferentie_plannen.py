"""An organiser plans a work conference in the portal, from nothing to the impression report."""

import pypdf
import pytest
from playwright.sync_api import expect

from conferenties.models import Cafetafel, Deelnemer, Plaatsing, Werkconferentie
from drechtsteden.models import Organisatie, Rol
from tests.conftest import op_breedtes
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STELLINGEN = [
    ("Sturing", "De regio kiest eerst de basis, dan de ambitie."),
    ("Belangen", "Stad en polder hebben hetzelfde belang bij de basis."),
    ("Middelen", "Wie meer vraagt, betaalt meer."),
]


def test_organiser_plans_a_conference_with_three_rounds_and_downloads_the_report(
    page, live_server, login, screenshot, celery_worker_process, tmp_path
):
    gemeenten = drechtsteden()
    for i in range(9):
        GebruikerFactory(organisatie=gemeenten[i % 7], rollen=[Rol.Soort.BESTUURDER])
    organisator = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[Rol.Soort.MANAGER_SDD])
    login(organisator)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bijeenkomsten").click()
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    page.get_by_label("Soort bijeenkomst").select_option(label="Werkconferentie")
    page.get_by_label("Titel").fill("Werkconferentie colleges 2027")
    page.get_by_label("Datum").fill("2027-02-12")
    page.get_by_label("Locatie (niet verplicht)").fill("Stadskantoor Dordrecht")
    page.get_by_label("Rondes world café").fill("3")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkconferentie colleges 2027")
    conferentie = Werkconferentie.objects.get()

    page.get_by_text("Onderdeel toevoegen", exact=True).first.click()
    page.get_by_label("Begint om").fill("13:00")
    page.get_by_label("Eindigt om").fill("14:30")
    page.get_by_label("Onderdeel", exact=True).select_option(label="World café")
    page.locator("#id_programma-titel").fill("World café in drie rondes")
    page.get_by_role("button", name="Onderdeel toevoegen").click()
    expect(page.get_by_text("Het onderdeel staat in het programma.")).to_be_visible()

    for thema, stelling in STELLINGEN:
        page.locator("summary", has_text="Tafel toevoegen").click()
        page.get_by_label("Thema").fill(thema)
        page.get_by_label("Stelling").fill(stelling)
        page.get_by_role("button", name="Tafel toevoegen").click()
        expect(page.get_by_text("De tafel is toegevoegd.")).to_be_visible()
    assert list(Cafetafel.objects.values_list("nummer", flat=True)) == [1, 2, 3]

    page.locator("summary", has_text="Deelnemers uitnodigen").click()
    page.get_by_label("Bestuurder", exact=True).check()
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("De uitnodigingen zijn vastgelegd.")).to_be_visible()
    assert Deelnemer.objects.filter(conferentie=conferentie).count() == 9

    page.get_by_role("button", name="Groepen indelen").click()
    expect(page.get_by_text("De groepen zijn ingedeeld.")).to_be_visible()
    assert Plaatsing.objects.filter(deelnemer__conferentie=conferentie).count() == 27
    op_breedtes(page, screenshot, "conferentie-plannen")
    page.set_viewport_size({"width": 1280, "height": 900})

    blok = page.locator("#impressieverslag")
    blok.get_by_role("button", name="Impressieverslag maken").click()
    download = blok.get_by_role("link", name="Download")
    expect(download).to_be_visible(timeout=240_000)
    with page.expect_download() as info:
        download.click()
    pad = tmp_path / "impressieverslag.pdf"
    info.value.save_as(pad)
    tekst = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pad).pages).split())
    assert "Werkconferentie colleges 2027" in tekst
    for _thema, stelling in STELLINGEN:
        assert stelling in tekst
    assert "World café in drie rondes" in tekst
