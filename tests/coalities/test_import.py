import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalities.imports import importeer, lees_dataset
from coalities.models import Coalitie, Deelname, Toezegging
from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory
from tests.factories import GebruikerFactory, ThemaFactory, drechtsteden

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeenten():
    ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid")
    return {g.naam: g for g in drechtsteden()}


def _xlsx(rijen: list[list]) -> bytes:
    boek = openpyxl.Workbook()
    blad = boek.active
    for rij in rijen:
        blad.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def test_500_rows_with_one_bad_row_save_nothing_and_name_the_row(client, gemeenten):
    """An XLSX of 500 coalitions with one unknown theme saves nothing; the preview names row 318."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    rijen = [["naam", "thema", "status", "trekker", "startdatum"]]
    for i in range(500):
        rijen.append([f"Coalitie {i:03d}", "Bereikbaarheid", "in vorming", "Dordrecht", "2026-01-01"])
    rijen[317][1] = "Ruimtevaart"
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("coalities.xlsx", _xlsx(rijen))
    response = client.post(reverse("coalities:importeren"), {"soort": "coalities", "bestand": bestand})
    html = response.content.decode()
    assert "Er is niets opgeslagen: 1 rij bevat een fout." in html
    assert "Rij 318: thema: onbekend thema &#x27;Ruimtevaart&#x27;." in html
    assert "Import bevestigen" not in html
    assert not Coalitie.objects.exists()


def test_valid_csv_is_previewed_then_saved_on_confirmation(client, gemeenten):
    """A valid CSV (semicolons, Dutch amounts) is only saved after confirmation, through the variant rules."""
    coalitie = CoalitieFactory(naam="Regionale fietsroutes")
    medewerker = GebruikerFactory(organisatie=gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    inhoud = (
        "coalitie;organisatie;variant;solidariteitsbijdrage;toezegging_soort;toezegging_hoeveelheid;"
        "toezegging_jaar_van;toezegging_jaar_tot\n"
        "Regionale fietsroutes;Papendrecht;volledig;;geld;12.500,00;2026;2027\n"
    ).encode()
    client.force_login(medewerker)
    response = client.post(
        reverse("coalities:importeren"),
        {"soort": "deelnames", "bestand": SimpleUploadedFile("deelnames.csv", inhoud)},
    )
    assert "Alle 1 rijen zijn in orde." in response.content.decode() or "1 rij is in orde." in response.content.decode()
    assert not Deelname.objects.exists()
    response = client.post(reverse("coalities:importeren"), {"stap": "bevestigen"})
    assert response.status_code == 302
    deelname = Deelname.objects.get(coalitie=coalitie)
    assert deelname.variant == "volledig"
    assert str(Toezegging.objects.get().hoeveelheid) == "12500.00"


def test_import_respects_own_organisation(gemeenten):
    """A Papendrecht staff member cannot import Sliedrecht's deelname: a row error, nothing saved."""
    CoalitieFactory(naam="Regionale fietsroutes")
    medewerker = GebruikerFactory(organisatie=gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    dataset = lees_dataset(
        b"coalitie,organisatie,variant,solidariteitsbijdrage\n"
        b"Regionale fietsroutes,Papendrecht,solidariteit,1000\n"
        b"Regionale fietsroutes,Sliedrecht,geen,\n"
        b"Regionale fietsroutes,Zwijndrecht,solidariteit,\n",
        "d.csv",
    )
    resultaat = importeer(soort="deelnames", dataset=dataset, gebruiker=medewerker, opslaan=True)
    assert [r.nummer for r in resultaat.fouten] == [3, 4]
    assert "U mag de deelname van Sliedrecht niet wijzigen." in resultaat.fouten[0].fouten
    assert not resultaat.opgeslagen
    assert not Deelname.objects.exists()


def test_missing_columns_are_named(gemeenten):
    """A file without the required columns is refused with the expected columns."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    resultaat = importeer(soort="toezeggingen", dataset=lees_dataset(b"coalitie,organisatie\nA,B\n", "t.csv"),
                          gebruiker=beheerder, opslaan=True)
    assert "jaar_tot" in resultaat.algemene_fout and not resultaat.geldig


def test_raadslid_cannot_import(client, gemeenten):
    """Import is closed to a raadslid (403)."""
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.RAADSLID]))
    assert client.get(reverse("coalities:importeren")).status_code == 403
