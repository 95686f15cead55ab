"""Each role lands on its own page and does its main task there; screenshots of each at 1366 and 390 px."""

import pytest
from playwright.sync_api import expect

from coalities.models import Coalitie, Deelname
from drechtsteden.models import Organisatie, Rol
from tests.coalities.factories import CoalitieFactory
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITEL = " — Samenwerkingsportaal Drechtsteden"


def _schermen(page, screenshot, naam):
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        screenshot(f"dashboard-{naam}-{breedte}")
        assert_no_serious_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_bestuurder_sends_apologies_with_a_stand_in_and_the_secretary_sees_it(page, live_server, login, screenshot):
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    v = vergadering(tafel, over_dagen=10)
    agendapunt(v, titel="Regionale fietsstrategie")
    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    bestuurder = GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER])
    GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER], first_name="Pieter", last_name="Jansen")

    login(bestuurder)
    expect(page).to_have_title("Mijn vergaderingen" + TITEL)
    blok = page.locator(f"#aanmelding-{v.pk}")
    blok.get_by_label("Ik kom niet").check()
    blok.locator(f"#vervanger-{v.pk}").select_option(label="Pieter Jansen")
    blok.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#aanmelding-{v.pk}").get_by_role("status")).to_contain_text(
        "U heeft zich afgemeld; Pieter Jansen komt in uw plaats."
    )
    _schermen(page, screenshot, "bestuurder")

    page.context.clear_cookies()
    login(tafel.secretaris)
    page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/")
    expect(page.get_by_text("afgemeld, vervanger Pieter Jansen")).to_be_visible()


def test_programme_staff_choose_a_variant_from_their_dashboard(page, live_server, login, screenshot):
    tafel = tafel_met_leden(naam="Tafel Wonen")
    papendrecht = Organisatie.objects.get(naam="Papendrecht")
    coalitie = CoalitieFactory(naam="Deelauto", tafel=tafel, thema=tafel.thema,
                               trekker=Organisatie.objects.get(naam="Dordrecht"), status=Coalitie.Status.IN_VORMING)
    medewerker = GebruikerFactory(organisatie=papendrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])

    login(medewerker)
    expect(page).to_have_title("Mijn toezeggingen" + TITEL)
    _schermen(page, screenshot, "programmamedewerker")
    page.get_by_role("link", name="Kies de deelname voor Deelauto").click()
    page.get_by_label("Variant").select_option(label="Geen deelname")
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert Deelname.objects.get(coalitie=coalitie, organisatie=papendrecht).variant == Deelname.Variant.GEEN


def test_secretaris_lands_on_the_regiekamer_and_looks_at_their_own_gemeente(page, live_server, login, screenshot):
    tafel_met_leden(naam="Tafel Energie")
    secretaris = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Sliedrecht"),
                                  rollen=[Rol.Soort.GEMEENTESECRETARIS])
    login(secretaris)
    expect(page).to_have_title("Regiekamer" + TITEL)
    page.get_by_label("Mijn gemeente (Sliedrecht)").check()
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_label("Mijn gemeente (Sliedrecht)")).to_be_checked()
    _schermen(page, screenshot, "gemeentesecretaris")


def test_raadslid_lands_on_what_their_gemeente_does_and_pays_and_downloads_it(page, live_server, login, screenshot,
                                                                              tmp_path):
    tafel_met_leden(naam="Tafel Economie")
    raadslid = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Alblasserdam"), rollen=[Rol.Soort.RAADSLID])
    login(raadslid)
    expect(page).to_have_title("Raadsinformatie Alblasserdam" + TITEL)
    expect(page.get_by_role("heading", level=2, name="1. Bestuurlijke tafels")).to_be_visible()
    _schermen(page, screenshot, "raadslid")
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF downloaden").click()
    pad = tmp_path / "raadsinformatie.pdf"
    info.value.save_as(pad)
    assert pad.read_bytes().startswith(b"%PDF")
