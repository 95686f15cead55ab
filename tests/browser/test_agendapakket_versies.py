"""A bestuurder's private note survives a new version of the agenda pack, whose first page lists the change."""

from __future__ import annotations

import pytest
from django.db import transaction
from playwright.sync_api import expect

from documenten import services as documenten_services
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from tafels import services
from tafels.models import Pakketversie
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory
from tests.tafels.pakket import lezer, pagina_teksten, pakketwereld, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTITIE = "Vraag: telt de Kinderdijkroute mee in de ambitie?"


def _verzenden(w):
    """The secretary sends the pack as its next version (built and frozen at once, as the job would)."""
    with transaction.atomic():
        opdracht = documenten_services.documentopdracht_create(
            soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk), "verzenden": "1"},
            door=w.tafel.secretaris,
        )
    documenten_services.uitvoeren(opdracht.pk, door=systeem())


def test_note_survives_a_new_version_and_the_change_is_listed(page, live_server, login, screenshot, tmp_path):
    """Note written, version 1 sent, a document replaced, version 2 sent: the note is still there, both
    versions are listed, and version 2's change page names the replaced document."""
    w = pakketwereld()
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    url = f"{live_server.url}/tafels/vergaderingen/{w.vergadering.pk}/"
    login(bestuurder)
    page.goto(url)
    punt = page.locator("li.tafels-punt", has_text="Ambitie bereikbaarheid 2030")
    punt.get_by_label("Mijn notitie bij Ambitie bereikbaarheid 2030").fill(NOTITIE)
    punt.get_by_role("button", name="Notitie opslaan").click()
    expect(punt.locator(".tafels-notitie__status")).to_contain_text("Opgeslagen om")

    _verzenden(w)
    stuk = w.stukken[0].stuk
    services.stuk_uploaden(
        agendapunt=stuk.agendapunt, bestand=pdf_upload(stuk.titel, 2, kenmerk=" herzien"), stuk=stuk,
        door=w.tafel.secretaris,
    )
    _verzenden(w)
    assert Pakketversie.objects.filter(vergadering=w.vergadering).count() == 2

    page.goto(url)
    punt = page.locator("li.tafels-punt", has_text="Ambitie bereikbaarheid 2030")
    expect(punt.get_by_label("Mijn notitie bij Ambitie bereikbaarheid 2030")).to_have_value(NOTITIE)
    versies = page.locator("#pakketversies")
    expect(versies.get_by_role("link", name="Versie 1 (PDF")).to_be_visible()
    expect(versies).to_contain_text("Notitie ambitie")  # the change, in the list of versions
    assert_no_serious_axe_violations(page)
    screenshot("agendapakket-versies")
    with page.expect_download() as info:
        versies.get_by_role("link", name="Versie 2 (PDF").click()
    pad = tmp_path / "versie2.pdf"
    info.value.save_as(pad)
    data = pad.read_bytes()
    teksten = pagina_teksten(data)
    wijzigingen = next(t for t in teksten if "Wijzigingen sinds versie 1" in t)
    assert "Stuk vervangen" in wijzigingen and "Notitie ambitie" in wijzigingen
    assert NOTITIE not in "\n".join(teksten)  # a private note is never printed
    assert len(lezer(data).pages) > 5
