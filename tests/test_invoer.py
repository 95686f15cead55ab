"""Bad input: a clear Dutch message and nothing changed, for forms, uploads, imports and commands."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from coalities.models import Coalitie, Toezegging
from drechtsteden.models import Rol
from tafels.models import Ambitie, Stukversie, Vergadering
from tests.factories import GebruikerFactory, ThemaFactory, drechtsteden
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

# --- Commands -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opties", "melding"),
    [
        ([], "geef één van deze opties: --jaar --scenario"),
        (["--jaar", "abc"], "--jaar verwacht een geheel getal, niet 'abc'"),
        (["--jaar", "2026", "--scenario", "x.json"], "gaan niet samen"),
        (["--jaar", "2026", "--format", "xml"], "ongeldige keuze 'xml' voor --format; kies uit json, csv"),
        (["--jaar", "2026", "--onbekend"], "onbekende optie: --onbekend"),
        (["--jaar", "2026", "--een", "--twee"], "onbekende opties: --een --twee"),
        (["--jaar", "1999"], "1999 is geen geldig begrotingsjaar"),
    ],
)
def test_verdeling_refuses_bad_options_in_dutch(opties, melding):
    """Every wrong option of `verdeling` raises a CommandError with a Dutch message."""
    with pytest.raises(CommandError, match=melding):
        call_command("verdeling", *opties, stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_data_refuses_unknown_options_in_dutch():
    """`demo_data` with an option it does not know loads nothing and says so in Dutch."""
    with pytest.raises(CommandError, match="onbekende optie: --alles"):
        call_command("demo_data", "--alles", stdout=io.StringIO())
    assert not Coalitie.objects.exists()


# --- CSV/XLSX import ------------------------------------------------------------------------------


@pytest.fixture
def importeur(db):
    gemeenten = {g.naam: g for g in drechtsteden()}
    ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid")
    return GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("coalities.pdf", b"%PDF-1.4 geen tabel", "Kies een CSV- of XLSX-bestand."),
        ("coalities.csv", b"", "Het verstuurde bestand is leeg."),
        ("coalities.xlsx", b"dit is geen spreadsheet", "Dit bestand kan niet worden gelezen als CSV of XLSX."),
        ("coalities.csv", b"\xff\xfe\x00\x00binair", "Dit bestand kan niet worden gelezen als CSV of XLSX."),
        ("coalities.csv", b"naam,thema,status,trekker,startdatum\n", "Het bestand bevat geen rijen om te importeren."),
    ],
)
def test_import_with_a_wrong_or_empty_file_gets_a_dutch_message(client, importeur, naam, inhoud, melding):
    """A wrong file type, an empty file, an unreadable file or a header without rows: a Dutch message, no preview."""
    client.force_login(importeur)
    response = client.post(
        reverse("coalities:importeren"), {"soort": "coalities", "bestand": SimpleUploadedFile(naam, inhoud)}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in html
    assert "Import bevestigen" not in html
    assert "coalities_import" not in client.session
    assert not Coalitie.objects.exists()


def test_confirm_without_preview_saves_nothing(client, importeur):
    """Confirming without an uploaded preview says so in Dutch and saves nothing."""
    client.force_login(importeur)
    response = client.post(reverse("coalities:importeren"), {"stap": "bevestigen"}, follow=True)
    assert "Er is geen voorbeeld om te bevestigen" in response.content.decode()
    assert not Coalitie.objects.exists()


# --- Forms and uploads of the tables --------------------------------------------------------------


@pytest.fixture
def tafel(db):
    return tafel_met_leden(naam="Tafel Wonen")


def test_document_upload_with_wrong_content_is_refused(client, tafel):
    """A .pdf that is really text is refused with a Dutch message; no version is stored."""
    punt = agendapunt(vergadering(tafel))
    client.force_login(tafel.secretaris)
    nep = SimpleUploadedFile("begroting.pdf", b"gewoon tekst, geen PDF")
    response = client.post(reverse("tafels:stuk_uploaden", args=[punt.pk]), {"bestand": nep, "titel": "Begroting"},
                           follow=True)
    assert "Dit bestand is geen PDF, DOCX, XLSX of ODT" in response.content.decode()
    assert not Stukversie.objects.exists()


def test_empty_document_upload_is_refused(client, tafel):
    """An empty file is refused in Dutch; nothing is stored."""
    punt = agendapunt(vergadering(tafel))
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:stuk_uploaden", args=[punt.pk]),
                           {"bestand": SimpleUploadedFile("leeg.pdf", b""), "titel": "Leeg"}, follow=True)
    assert "leeg" in response.content.decode()
    assert not Stukversie.objects.exists()


def test_meeting_with_a_bad_date_is_not_created(client, tafel):
    """A meeting with an impossible date shows a Dutch field error and is not created."""
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]),
                           {"begint_om": "31-02-2026 10:00", "duur_minuten": "abc", "plaats": "Stadskantoor"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldig" in html or "Voer een geldig" in html
    assert not Vergadering.objects.filter(tafel=tafel).exists()


def test_empty_ambition_is_not_saved(client, tafel):
    """An empty ambition text gets 'Dit veld is verplicht.' and no new version."""
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:ambitie", args=[tafel.pk]), {"tekst": ""})
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Ambitie.objects.filter(tafel=tafel).exists()


# --- Coalition forms ------------------------------------------------------------------------------


def test_commitment_with_bad_amount_saves_nothing(client, importeur):
    """A commitment with a negative amount and years the wrong way round is refused in Dutch."""
    from tests.coalities.factories import DeelnameFactory

    deelname = DeelnameFactory(organisatie=importeur.organisatie, variant="volledig")
    client.force_login(importeur)
    url = reverse("coalities:toezegging_nieuw", args=[deelname.coalitie_id, importeur.organisatie_id])
    response = client.post(url, {"soort": "geld", "hoeveelheid": "-5", "eenheid": "euro",
                                 "jaar_van": "2027", "jaar_tot": "2026"})
    assert response.status_code == 200
    assert "Een toezegging in geld heeft een bedrag in euro groter dan 0." in response.content.decode()
    assert not Toezegging.objects.exists()


def test_import_file_that_is_too_large_is_refused(client, importeur):
    """An import file over the limit is refused in Dutch before it is read or kept in the session."""
    from coalities.forms import IMPORT_MAX_BYTES

    client.force_login(importeur)
    groot = SimpleUploadedFile("coalities.csv", b"naam,thema\n" + b"x,y\n" * (IMPORT_MAX_BYTES // 4 + 1))
    response = client.post(reverse("coalities:importeren"), {"soort": "coalities", "bestand": groot})
    assert "Het bestand is te groot: maximaal 2 MB." in response.content.decode()
    assert "coalities_import" not in client.session


# --- Exports: a name typed by a user never becomes a spreadsheet formula ----------------------------


def test_export_neutralises_formulas(client, importeur):
    """A coalition named like a formula is exported as text with a leading apostrophe, in CSV and XLSX."""
    import openpyxl

    from tests.coalities.factories import CoalitieFactory

    CoalitieFactory(naam='=HYPERLINK("http://example.com","klik")', trekker=importeur.organisatie)
    client.force_login(importeur)
    csv = client.get(reverse("coalities:exporteren", args=["coalities", "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv and ";=HYPERLINK" not in csv
    xlsx = client.get(reverse("coalities:exporteren", args=["coalities", "xlsx"])).content
    cellen = [c.value for rij in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in rij]
    assert any(isinstance(c, str) and c.startswith("'=HYPERLINK") for c in cellen)
    assert not any(isinstance(c, str) and c.startswith("=") for c in cellen)


def test_veilige_cel_keeps_numbers_and_plain_text():
    """Only text starting with a formula character changes; numbers, dates and ordinary text stay."""
    import datetime
    from decimal import Decimal

    from drechtsteden.spreadsheets import veilige_cel

    assert veilige_cel("+31 78 770 0000") == "'+31 78 770 0000"
    assert veilige_cel("@SUM(A1)") == "'@SUM(A1)"
    assert veilige_cel("Fietsroute") == "Fietsroute"
    assert veilige_cel(Decimal("-5.00")) == Decimal("-5.00")
    assert veilige_cel(datetime.date(2026, 1, 1)) == datetime.date(2026, 1, 1)
    assert veilige_cel(None) is None
