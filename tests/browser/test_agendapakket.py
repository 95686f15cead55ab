"""A bestuurder builds the agenda pack in the browser, watches the progress bar and downloads the PDF."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from drechtsteden.models import Organisatie, Rol
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory
from tests.tafels.pakket import TITELS, lezer, pagina_teksten, pakketwereld

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_bestuurder_builds_and_downloads_the_pack(page, live_server, login, screenshot, celery_worker_process, tmp_path):
    """The bestuurder opens the meeting, starts the pack, sees the progress bar finish and downloads the PDF."""
    cache.clear()
    w = pakketwereld()
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    login(bestuurder)
    page.goto(f"{live_server.url}/tafels/vergaderingen/{w.vergadering.pk}/")
    blok = page.locator("#agendapakket")
    expect(blok.get_by_role("heading", name="Agendapakket")).to_be_visible()
    expect(blok.get_by_role("button", name="Verzenden als versie 1")).to_have_count(0)
    blok.get_by_role("button", name="Agendapakket maken").click()
    voortgang = blok.locator("progress")
    expect(voortgang).to_be_visible(timeout=15_000)
    screenshot("agendapakket-voortgang")
    download_link = blok.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=240_000)
    expect(voortgang).to_have_count(0)
    assert_no_serious_axe_violations(page)
    screenshot("agendapakket-klaar")
    with page.expect_download() as info:
        download_link.click()
    pad = tmp_path / "pakket.pdf"
    info.value.save_as(pad)
    data = pad.read_bytes()
    assert len(lezer(data).pages) > 10
    tekst = "\n".join(pagina_teksten(data))
    for titel in TITELS:
        assert titel in tekst
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("agendapakket-klaar-390")
