"""The agenda pack read back: pages, titles, outline, table of contents, footers, versions and e-mail."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction

from documenten import services as documenten_services
from documenten.models import Documentopdracht
from drechtsteden.permissions import systeem
from meldingen import services as meldingen_services
from meldingen.models import Melding, Soort
from tafels import pdfs, services
from tafels.models import Pakketversie
from tests.tafels.pakket import STUKKEN, TITELS, lezer, pagina_teksten, pakketwereld, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lege_cache(settings):
    """Each test starts with an empty section cache of its own (other runs may share the cache server)."""
    koud(settings)


def koud(settings) -> None:
    settings.DOCUMENTEN_CACHE_VERSIE = uuid.uuid4().int % 2_000_000_000


def _bouwen(w, **kwargs):
    nummer, laatste = pdfs.volgende_versie(w.vergadering)
    return pdfs.agendapakket_pdf(w.vergadering, versie=nummer, vorige_inhoud=laatste.inhoud if laatste else None, **kwargs)


def _outline(reader):
    """Top-level and nested outline entries as (title, 0-based page, level)."""
    uit = []

    def loop(items, niveau):
        for item in items:
            if isinstance(item, list):
                loop(item, niveau + 1)
            else:
                uit.append((item.title, reader.get_destination_page_number(item), niveau))

    loop(reader.outline, 0)
    return uit


def test_pack_pages_titles_outline_contents_and_footers():
    """Every agenda title is in the pack; each outline entry points at the page where its item or document
    starts; the contents list the same page numbers; attachments are merged in; the last page says "pagina Y van Y"."""
    w = pakketwereld()
    resultaat = _bouwen(w)
    reader = lezer(resultaat.data)
    teksten = pagina_teksten(resultaat.data)
    aantal = len(reader.pages)
    assert aantal == resultaat.gegevens["paginas"] == len(teksten)
    bijlage_paginas = sum(n for _, _, n in STUKKEN)
    assert aantal >= 1 + 2 + len(TITELS) + bijlage_paginas + 1  # cover, agenda, contents, items, attachments, closing
    volledig = "\n".join(teksten)
    for punt in w.punten:
        assert f"{punt.volgorde}. {punt.titel}" in volledig
    # Every attachment page is in, in order, each with the pack's footer.
    for _, titel, n in STUKKEN:
        for blad in range(1, n + 1):
            paginas = [i for i, t in enumerate(teksten) if f"{titel} – blad {blad} van {n}" in t]
            assert len(paginas) == 1, (titel, blad)
            assert f"pagina {paginas[0] + 1} van {aantal}" in teksten[paginas[0]]
    for index, tekst in enumerate(teksten):
        assert f"pagina {index + 1} van {aantal}" in tekst
    assert f"pagina {aantal} van {aantal}" in teksten[-1]

    outline = _outline(reader)
    titels = {titel: (pagina, niveau) for titel, pagina, niveau in outline}
    inhoud = next(t for t in teksten if "Inhoud" in t.split("\n", 3)[2] or "\nInhoud" in t)
    for punt in w.punten:
        pagina, niveau = titels[f"{punt.volgorde}. {punt.titel}"]
        assert niveau == 0
        kop = f"{punt.volgorde}. {punt.titel}"
        assert kop in teksten[pagina]
        assert kop not in teksten[pagina - 1] or pagina - 1 < 3  # the item starts here (agenda/contents list it too)
        assert re.search(rf"{re.escape(punt.titel)}\s+{pagina + 1}\s*$", inhoud, re.MULTILINE), punt.titel
    for _, titel, n in STUKKEN:
        pagina, niveau = titels[titel]
        assert niveau == 1
        assert f"{titel} – blad 1 van {n}" in teksten[pagina]
        assert re.search(rf"{re.escape(titel)}\s+{pagina + 1}\s*$", inhoud, re.MULTILINE), titel
    pagina, _ = titels["Openstaande actiepunten"]
    assert "Openstaande actiepunten" in teksten[pagina]

    # Document language and title survive the merge.
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.metadata.title.startswith("Agendapakket Tafel Bereikbaarheid")


def test_rebuild_after_one_changed_document_renders_only_that_item_and_equals_a_full_build(settings):
    """After replacing one document, only its item (and the frame) is rendered again; the pages equal a cold build."""
    w = pakketwereld()
    eerste = _bouwen(w)
    assert eerste.gegevens["gerenderd"] == len(TITELS) + 2 + 1  # items, fixed item, closing, frame
    stuk = w.stukken[1].stuk
    services.stuk_uploaden(agendapunt=stuk.agendapunt, bestand=pdf_upload(stuk.titel, 4, kenmerk=" (herzien)"),
                           stuk=stuk, door=w.tafel.secretaris)
    warm = _bouwen(w)
    assert warm.gegevens["gerenderd"] == 2  # the item of the replaced document and the frame
    koud(settings)
    volledig = _bouwen(w)
    assert volledig.gegevens["gerenderd"] >= len(TITELS) + 2
    assert len(lezer(warm.data).pages) == len(lezer(volledig.data).pages) == len(lezer(eerste.data).pages) + 2
    assert pagina_teksten(warm.data) == pagina_teksten(volledig.data)
    assert "(herzien)" in "\n".join(pagina_teksten(warm.data))


def test_user_text_is_escaped_and_fetches_nothing():
    """HTML in a title or explanation is printed as text: no image from the network, no local file."""
    w = pakketwereld()
    punt = w.punten[0]
    punt.titel = 'Fietsroute <img src="http://127.0.0.1:9/x.png">'
    punt.toelichting = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="file:///etc/passwd">'
    punt.save()
    tekst = "\n".join(pagina_teksten(_bouwen(w).data))
    assert '<img src="http://127.0.0.1:9/x.png">' in tekst
    assert 'src="file:///etc/passwd"' in tekst
    assert "root:" not in tekst


def test_office_document_without_libreoffice_is_listed_with_a_note(monkeypatch):
    """Where soffice is missing, a DOCX is not merged but listed with a clear note."""
    from tests.tafels.factories import docx

    w = pakketwereld()
    services.stuk_uploaden(agendapunt=w.punten[2], bestand=docx("begroting.docx"), titel="Begroting", door=w.tafel.secretaris)
    monkeypatch.setattr(pdfs, "soffice", lambda: None)
    tekst = "\n".join(pagina_teksten(_bouwen(w).data))
    assert "Begroting" in tekst
    assert "Dit stuk (DOCX) is niet in het pakket opgenomen" in " ".join(tekst.split()), tekst[-3000:]


@pytest.mark.skipif(pdfs.soffice() is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_office_document_is_converted_with_libreoffice(tmp_path):
    """An ODT is converted with LibreOffice headless and merged in as PDF pages."""
    import subprocess

    from django.core.files.uploadedfile import SimpleUploadedFile

    bron = tmp_path / "memo.html"
    bron.write_text("<html><body><h1>Memo parkeerbeleid</h1><p>Kenmerk ODT-omzetting.</p></body></html>", encoding="utf-8")
    subprocess.run([pdfs.soffice(), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "odt:writer8", "--outdir", str(tmp_path), str(bron)], check=True, capture_output=True, timeout=120)
    w = pakketwereld()
    odt = SimpleUploadedFile("memo.odt", (tmp_path / "memo.odt").read_bytes())
    services.stuk_uploaden(agendapunt=w.punten[2], bestand=odt, titel="Memo", door=w.tafel.secretaris)
    tekst = "\n".join(pagina_teksten(_bouwen(w).data))
    assert "Kenmerk ODT-omzetting." in tekst


def _verzenden(w, door):
    with transaction.atomic():
        opdracht = documenten_services.documentopdracht_create(
            soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk), "verzenden": "1"}, door=door
        )
    documenten_services.uitvoeren(opdracht.pk, door=systeem())
    opdracht.refresh_from_db()
    return opdracht


def _pakketmeldingen_mailen() -> None:
    """What the worker does after commit: mail the new agenda-pack notifications."""
    for pk in Melding.objects.filter(soort=Soort.AGENDAPAKKET, gemaild_op__isnull=True).values_list("pk", flat=True):
        meldingen_services.melding_mailen(pk)


def test_sending_freezes_versions_lists_changes_and_mails_the_members(django_capture_on_commit_callbacks):
    """Sending freezes version 1 (file and hash); after changes version 2 opens with what changed, both stay
    downloadable, and the members (not the secretary who sent it) are notified with a Dutch e-mail with a
    text and an HTML part."""
    w = pakketwereld()
    secretaris = w.tafel.secretaris
    with django_capture_on_commit_callbacks(execute=True):
        eerste = _verzenden(w, secretaris)
    assert set(Melding.objects.filter(soort=Soort.AGENDAPAKKET).values_list("ontvanger", flat=True)) == set(
        w.tafel.lidmaatschappen.exclude(vertegenwoordiger=None).values_list("vertegenwoordiger", flat=True)
    )
    _pakketmeldingen_mailen()
    assert eerste.status == Documentopdracht.Status.KLAAR
    v1 = Pakketversie.objects.get(vergadering=w.vergadering)
    assert (v1.nummer, v1.sha256, v1.verzonden_door) == (1, eerste.sha256, secretaris)
    assert "Verzonden op" in pagina_teksten(v1.opdracht.bestand.read())[0]
    aantal_mails = len(mail.outbox)
    assert aantal_mails >= 1
    bericht = mail.outbox[0]
    assert bericht.subject.startswith("Agendapakket Tafel Bereikbaarheid")
    assert "/tafels/vergaderingen/" in bericht.body
    assert bericht.alternatives[0].mimetype == "text/html"

    w.punten[0].titel = "Ambitie bereikbaarheid 2035"
    w.punten[0].save()
    stuk = w.stukken[0].stuk
    services.stuk_uploaden(agendapunt=stuk.agendapunt, bestand=pdf_upload(stuk.titel, 2, kenmerk=" v2"), stuk=stuk, door=secretaris)
    services.stuk_uploaden(agendapunt=w.punten[1], bestand=pdf_upload("Nieuwe kaart", 1), titel="Nieuwe kaart", door=secretaris)
    nieuw = services.agendapunt_create(vergadering=w.vergadering, titel="Rondvraag", processtap="overig", door=secretaris)
    services.agendapunt_delete(agendapunt=w.punten[2], door=secretaris)
    with django_capture_on_commit_callbacks(execute=True):
        tweede = _verzenden(w, secretaris)
    _pakketmeldingen_mailen()
    v2 = Pakketversie.objects.get(vergadering=w.vergadering, nummer=2)
    teksten = pagina_teksten(tweede.bestand.read())
    wijzigingen = teksten[1]
    assert "Wijzigingen sinds versie 1" in wijzigingen
    assert "Ambitie bereikbaarheid 2035" in wijzigingen
    assert re.search(r"Agendapunt toegevoegd: \d+\. Rondvraag", wijzigingen)
    assert nieuw.pk
    assert "Stuk vervangen" in wijzigingen and "Notitie ambitie" in wijzigingen
    assert "Agendapunt vervallen: Kleur bekennen per gemeente" in wijzigingen
    assert "Stuk toegevoegd" in wijzigingen and "Nieuwe kaart" in wijzigingen
    assert v2.wijzigingen and any("Rondvraag" in r for r in v2.wijzigingen)
    # Version 1 is still there, unchanged.
    v1.refresh_from_db()
    from documenten.pdf import sha256

    assert sha256(v1.opdracht.bestand.open("rb").read()) == v1.sha256
    nieuwe_mail = mail.outbox[aantal_mails]
    assert "Rondvraag" in nieuwe_mail.body and "Rondvraag" in nieuwe_mail.alternatives[0].content


def test_only_the_secretary_may_send():
    """A member bestuurder may build a draft pack but not send it; nothing is saved when refused."""
    from django.core.exceptions import PermissionDenied

    from drechtsteden.models import Organisatie, Rol
    from tests.factories import GebruikerFactory

    w = pakketwereld()
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    with pytest.raises(PermissionDenied):
        documenten_services.documentopdracht_create(
            soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk), "verzenden": "1"}, door=bestuurder
        )
    assert not Documentopdracht.objects.exists()
    opdracht = documenten_services.documentopdracht_create(
        soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk)}, door=bestuurder
    )
    assert opdracht.status == Documentopdracht.Status.IN_WACHTRIJ


def test_agendapack_command(tmp_path):
    """The command writes the same pack; a bad id or path stops with a Dutch message."""
    w = pakketwereld()
    doel = tmp_path / "pakket.pdf"
    call_command("agendapack", str(w.vergadering.pk), "--out", str(doel))
    assert len(lezer(doel.read_bytes()).pages) > 5
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("agendapack", "999999", "--out", str(doel))
    with pytest.raises(CommandError, match="geen nummer"):
        call_command("agendapack", "abc", "--out", str(doel))
    with pytest.raises(CommandError, match="map"):
        call_command("agendapack", str(w.vergadering.pk), "--out", str(tmp_path / "nergens" / "p.pdf"))


def test_linked_coalition_shows_its_status_card_with_financing():
    """An item about a coalition carries its status card: variants per gemeente and this year's financing."""
    from django.utils import timezone

    from tests.financiering.factories import voorbeeld_netwerk

    netwerk = voorbeeld_netwerk()
    w = pakketwereld()
    punt = w.punten[1]
    punt.coalitie = netwerk.fietsroute
    punt.save()
    tekst = " ".join(" ".join(pagina_teksten(_bouwen(w).data)).split())
    jaar = timezone.localdate().year
    assert "Coalitie: Fietsroute" in tekst
    assert "Volledige participatie" in tekst and "Dordrecht" in tekst and "Sliedrecht" in tekst
    assert f"Financiering {jaar}" in tekst or f"Geen projectbudget voor {jaar}" in tekst
    if jaar == 2026:
        assert "projectbudget € 90.000,00" in tekst
