import datetime
import io
import time
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalities import services
from coalities.imports import MAX_RIJEN, importeer, lees_dataset
from coalities.models import Coalitie, Deelname, Toezegging
from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory, DeelnameFactory
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
    resultaat = importeer(soort="deelnames", dataset=dataset, door=medewerker, opslaan=True)
    assert [r.nummer for r in resultaat.fouten] == [3, 4]
    assert "U mag de deelname van Sliedrecht niet wijzigen." in resultaat.fouten[0].fouten
    assert not resultaat.opgeslagen
    assert not Deelname.objects.exists()


def test_missing_columns_are_named(gemeenten):
    """A file without the required columns is refused with the expected columns."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    resultaat = importeer(soort="toezeggingen", dataset=lees_dataset(b"coalitie,organisatie\nA,B\n", "t.csv"),
                          door=beheerder, opslaan=True)
    assert "jaar_tot" in resultaat.algemene_fout and not resultaat.geldig
    assert resultaat.algemene_fout.startswith("De kolommen jaar_tot, jaar_van, soort ontbreken. Verwacht: coalitie, ")


def test_one_missing_column_is_named_in_the_singular(gemeenten):
    """One missing column reads "De kolom … ontbreekt", never "kolom(men)"."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    resultaat = importeer(soort="deelnames", dataset=lees_dataset(b"coalitie,variant\nA,geen\n", "d.csv"),
                          door=beheerder, opslaan=True)
    assert resultaat.algemene_fout.startswith("De kolom organisatie ontbreekt. Verwacht: coalitie, organisatie, ")
    assert "(men)" not in resultaat.algemene_fout


def test_raadslid_cannot_import(client, gemeenten):
    """Import is closed to a raadslid (403)."""
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.RAADSLID]))
    assert client.get(reverse("coalities:importeren")).status_code == 403


# --- What the preview says is what the import does ---------------------------------------------------


def _importeer(soort: str, inhoud: bytes, door, opslaan: bool = True, naam: str = "bestand.csv"):
    return importeer(soort=soort, dataset=lees_dataset(inhoud, naam), door=door, opslaan=opslaan)


def test_file_with_some_columns_changes_only_those_columns(gemeenten):
    """A file with only naam and status changes the status; theme, table, trekker, texts and dates stay."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    coalitie = CoalitieFactory(
        naam="Regionale fietsroutes", trekker=gemeenten["Dordrecht"], status=Coalitie.Status.LOPEND,
        doel="Vier schakels.", beoogd_resultaat="Doorfietsroute.", resultaatdatum=datetime.date(2027, 12, 1),
    )
    voor = Coalitie.objects.values().get(pk=coalitie.pk)
    resultaat = _importeer("coalities", b"naam;status\nregionale fietsroutes;afgerond\n", beheerder, opslaan=False)
    assert [(r.actie, r.wijzigingen) for r in resultaat.rijen] == [("gewijzigd", ["status: Lopend → Afgerond"])]
    resultaat = _importeer("coalities", b"naam;status\nregionale fietsroutes;afgerond\n", beheerder)
    assert resultaat.opgeslagen
    na = Coalitie.objects.values().get(pk=coalitie.pk)
    assert na.pop("status") == "afgerond"
    voor.pop("status")
    assert na == voor


def test_deelname_file_without_amount_columns_keeps_the_amounts(gemeenten):
    """A deelnames file with only the variant column keeps the stored contribution and entry data."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    deelname = DeelnameFactory(
        coalitie=CoalitieFactory(naam="Deelauto"), organisatie=gemeenten["Sliedrecht"], solidair=True
    )
    resultaat = _importeer("deelnames", b"coalitie,organisatie,variant\nDeelauto,Sliedrecht,solidariteit\n", beheerder)
    assert resultaat.opgeslagen and [r.actie for r in resultaat.rijen] == ["ongewijzigd"]
    assert resultaat.rijen[0].bedragen == "€\u00a05.000,00"
    deelname.refresh_from_db()
    assert (deelname.solidariteitsbijdrage, deelname.versie) == (Decimal("5000.00"), 1)


def test_second_import_of_the_same_files_is_unchanged_and_adds_nothing(client, gemeenten):
    """Importing coalities, deelnames and toezeggingen twice: the second preview says "ongewijzigd" for every
    row and confirming it adds no record and no history."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    bestanden = [
        ("coalities", "naam;thema;status;trekker;startdatum;doel\n"
                      "Regionale fietsroutes;Bereikbaarheid;lopend;Dordrecht;2026-01-01;Vier schakels\n"
                      "Deelauto;bereikbaarheid;in vorming;Sliedrecht;01-02-2026;\n"),
        ("deelnames", "coalitie;organisatie;variant;solidariteitsbijdrage;instapdatum;instapfee;toezegging_soort;"
                      "toezegging_hoeveelheid;toezegging_eenheid;toezegging_jaar_van;toezegging_jaar_tot\n"
                      "Regionale fietsroutes;Dordrecht;volledig;;;;geld;12.500,50;;2026;2027\n"
                      "Regionale fietsroutes;Sliedrecht;solidariteit;5000;;;;;;;\n"
                      "Regionale fietsroutes;Papendrecht;instap;;2026-07-01;2.500;menskracht;200;uren;2026;2027\n"
                      "Deelauto;Zwijndrecht;geen;;;;;;;;\n"),
        ("toezeggingen", "coalitie;organisatie;soort;hoeveelheid;eenheid;omschrijving;jaar_van;jaar_tot\n"
                         "Regionale fietsroutes;Dordrecht;kennis;;;Verkeerskunde;2026;2026\n"
                         "Regionale fietsroutes;Dordrecht;geld;7500;;;2028;2028\n"),
    ]
    client.force_login(beheerder)
    for soort, inhoud in bestanden:
        response = client.post(reverse("coalities:importeren"), {
            "soort": soort, "bestand": SimpleUploadedFile(f"{soort}.csv", inhoud.encode())})
        assert "portaal-badge--neutraal" not in response.content.decode()  # no row is unchanged
        assert client.post(reverse("coalities:importeren"), {"stap": "bevestigen"}).status_code == 302
    aantallen = (Coalitie.objects.count(), Deelname.objects.count(), Toezegging.objects.count(),
                 Deelname.history.count(), Toezegging.history.count())
    assert aantallen[:3] == (2, 4, 4)
    papendrecht = Deelname.objects.get(organisatie=gemeenten["Papendrecht"])
    assert (papendrecht.instapfee, papendrecht.toezeggingen.get().eenheid) == (Decimal("2500.00"), "uren")
    assert Toezegging.objects.get(deelname__organisatie=gemeenten["Dordrecht"], jaar_van=2026, soort="geld").hoeveelheid == Decimal("12500.50")

    for soort, inhoud in bestanden:
        response = client.post(reverse("coalities:importeren"), {
            "soort": soort, "bestand": SimpleUploadedFile(f"{soort}.csv", inhoud.encode())})
        html = response.content.decode()
        assert "Het bestand komt overeen met wat er al is vastgelegd" in html
        assert "Import bevestigen" not in html
        resultaat = _importeer(soort, inhoud.encode(), beheerder)
        assert {r.actie for r in resultaat.rijen} == {"ongewijzigd"}, [(r.nummer, r.wijzigingen, r.fouten) for r in resultaat.rijen]
    assert (Coalitie.objects.count(), Deelname.objects.count(), Toezegging.objects.count(),
            Deelname.history.count(), Toezegging.history.count()) == aantallen


def test_preview_shows_amounts_in_dutch_and_what_changes(client, gemeenten):
    """The preview lists each row's amount as € 12.500,50 and says nieuw / gewijzigd with the change."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    coalitie = CoalitieFactory(naam="Regionale fietsroutes")
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
    client.force_login(beheerder)
    inhoud = (
        "coalitie;organisatie;variant;solidariteitsbijdrage;toezegging_soort;toezegging_hoeveelheid;"
        "toezegging_jaar_van;toezegging_jaar_tot\n"
        "Regionale fietsroutes;Papendrecht;volledig;;geld;12.500,50;2026;2027\n"
        "Regionale fietsroutes;Sliedrecht;solidariteit;7.500;;;;\n"
    ).encode()
    response = client.post(reverse("coalities:importeren"), {
        "soort": "deelnames", "bestand": SimpleUploadedFile("d.csv", inhoud)})
    html = response.content.decode()
    assert "€\u00a012.500,50" in html and "€\u00a07.500,00" in html
    assert "Nieuw: 1 · gewijzigd: 1 · ongewijzigd: 0." in html
    assert "solidariteitsbijdrage per jaar (€): €\u00a05.000,00 → €\u00a07.500,00" in html


def test_programmamedewerker_cannot_change_the_trekker_through_an_import(gemeenten):
    """The edit form keeps the trekker for staff; so does the import (row error) and the import service."""
    medewerker = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    coalitie = CoalitieFactory(naam="Regionale fietsroutes", trekker=gemeenten["Dordrecht"])
    resultaat = _importeer(
        "coalities", b"naam,thema,trekker,doel\nRegionale fietsroutes,Bereikbaarheid,Papendrecht,Nieuw doel\n",
        medewerker,
    )
    assert not resultaat.opgeslagen
    assert resultaat.rijen[0].fouten == ["Alleen een beheerder mag de trekker van coalitie 'Regionale fietsroutes' wijzigen."]
    coalitie.refresh_from_db()
    assert (coalitie.trekker, coalitie.doel) == (gemeenten["Dordrecht"], "Samen sneller resultaat.")

    # The service refuses it too, for a path that skips the preview.
    kopie = Coalitie.objects.get(pk=coalitie.pk)
    kopie.trekker = gemeenten["Papendrecht"]
    with pytest.raises(PermissionDenied):
        services.coalities_importeren(nieuw=[], gewijzigd=[(kopie, {"trekker"})], door=medewerker)
    assert Coalitie.objects.get(pk=coalitie.pk).trekker == gemeenten["Dordrecht"]

    # Her own organisation's other fields she may change.
    resultaat = _importeer("coalities", b"naam,doel\nRegionale fietsroutes,Nieuw doel\n", medewerker)
    assert resultaat.opgeslagen
    assert Coalitie.objects.get(pk=coalitie.pk).doel == "Nieuw doel"


def test_staff_cannot_start_a_coalition_for_another_trekker(gemeenten):
    """A new coalition in an import gets the staff member's own organisation as trekker, or a row error."""
    medewerker = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    resultaat = _importeer("coalities", b"naam,thema,trekker\nWaterbus,Bereikbaarheid,Sliedrecht\n", medewerker)
    assert resultaat.rijen[0].fouten == ["U mag geen coalitie aanmaken met Sliedrecht als trekker."]
    assert not Coalitie.objects.exists()


@pytest.mark.parametrize("waarde", ["Infinity", "-Infinity", "NaN", "1e300", "1e999999999", "9" * 5000, "-5", "12.50.00"])
def test_hostile_amounts_get_a_dutch_row_error_fast(gemeenten, waarde):
    """A hostile amount is a Dutch row error within a second, and nothing is saved."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    CoalitieFactory(naam="Deelauto")
    start = time.monotonic()
    resultaat = _importeer(
        "deelnames", f"coalitie;organisatie;variant;solidariteitsbijdrage\nDeelauto;Sliedrecht;solidariteit;{waarde}\n".encode(),
        beheerder,
    )
    assert time.monotonic() - start < 1
    [fout] = resultaat.rijen[0].fouten
    assert fout.startswith("solidariteitsbijdrage: ")
    assert any(woord in fout for woord in ("getal", "negatief", "te lang", "te groot")), fout
    assert not Deelname.objects.exists()


@pytest.mark.parametrize(("kolom", "waarde", "melding"), [
    ("jaar_van", "1e999999999", "Kies een jaar tussen 2000 en 2100."),
    ("jaar_van", "0", "Kies een jaar tussen 2000 en 2100."),
    ("jaar_tot", "99999999999999999999", "Kies een jaar tussen 2000 en 2100."),
    ("jaar_tot", "2101", "Kies een jaar tussen 2000 en 2100."),
    ("hoeveelheid", "Infinity", "Voer een getal in"),
    ("hoeveelheid", "1e300", "Voer een getal in"),
])
def test_hostile_years_and_quantities_in_commitments(gemeenten, kolom, waarde, melding):
    """Years outside 2000–2100 and hostile quantities in a toezeggingen file are Dutch row errors."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    DeelnameFactory(coalitie=CoalitieFactory(naam="Deelauto"), organisatie=gemeenten["Sliedrecht"], variant="volledig")
    rij = {"coalitie": "Deelauto", "organisatie": "Sliedrecht", "soort": "geld", "hoeveelheid": "100",
           "jaar_van": "2026", "jaar_tot": "2027", kolom: waarde}
    inhoud = ";".join(rij) + "\n" + ";".join(rij.values()) + "\n"
    resultaat = _importeer("toezeggingen", inhoud.encode(), beheerder)
    [fout] = resultaat.rijen[0].fouten
    assert fout.startswith(f"{kolom}: ") and melding in fout
    assert not Toezegging.objects.exists()


@pytest.mark.parametrize("datum", ["9999-12-31", "0001-01-01", "31-12-1999", "2026-02-30", "x" * 500])
def test_dates_outside_2000_2100_or_malformed_are_refused(gemeenten, datum):
    """A start date in year 9999 or 0001, or no date at all, is a Dutch row error."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    resultaat = _importeer(
        "coalities", f"naam;thema;trekker;startdatum\nDeelauto;Bereikbaarheid;Dordrecht;{datum}\n".encode(), beheerder
    )
    [fout] = resultaat.rijen[0].fouten
    assert fout.startswith("startdatum: ")
    assert "2000" in fout or "geen datum" in fout
    assert not Coalitie.objects.exists()


def test_hostile_numbers_in_an_xlsx_are_refused(gemeenten):
    """Number cells from a spreadsheet are bounded too: 1e300 as an amount, 1e300 as a year."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    DeelnameFactory(coalitie=CoalitieFactory(naam="Deelauto"), organisatie=gemeenten["Sliedrecht"], variant="volledig")
    inhoud = _xlsx([
        ["coalitie", "organisatie", "soort", "hoeveelheid", "jaar_van", "jaar_tot"],
        ["Deelauto", "Sliedrecht", "geld", 1e300, 2026, 2027],
        ["Deelauto", "Sliedrecht", "menskracht", 200, 1e300, 2027],
    ])
    resultaat = _importeer("toezeggingen", inhoud, beheerder, naam="t.xlsx")
    assert resultaat.rijen[0].fouten and resultaat.rijen[0].fouten[0].startswith("hoeveelheid: ")
    assert resultaat.rijen[1].fouten and resultaat.rijen[1].fouten[0].startswith("jaar_van: ")
    assert not Toezegging.objects.exists()


def test_too_many_rows_are_refused_with_the_cap(gemeenten):
    """A file with more rows than the cap is refused before any row is read, with the cap in the message."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    dataset = tablib.Dataset(headers=["naam", "thema", "trekker"])
    for i in range(MAX_RIJEN + 1):
        dataset.append([f"Coalitie {i}", "Bereikbaarheid", "Dordrecht"])
    resultaat = importeer(soort="coalities", dataset=dataset, door=beheerder, opslaan=True)
    assert resultaat.algemene_fout == (
        "Het bestand heeft 10.001 rijen; importeer ten hoogste 10.000 rijen tegelijk. "
        "Splits het bestand en importeer de delen na elkaar."
    )
    assert not resultaat.rijen and not Coalitie.objects.exists()


def test_ten_thousand_rows_import_in_bulk_and_a_second_time_change_nothing(gemeenten, django_assert_max_num_queries):
    """10,000 new coalitions are created in a bounded number of queries, each as in the file; importing the
    same rows again finds all 10,000 unchanged."""
    beheerder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    dataset = tablib.Dataset(headers=["naam", "thema", "status", "trekker", "startdatum", "doel"])
    for i in range(MAX_RIJEN):
        dataset.append([f"Coalitie {i:05d}", "Bereikbaarheid", "lopend", "Dordrecht", "2026-01-01", f"Doel {i}"])
    with django_assert_max_num_queries(40):
        resultaat = importeer(soort="coalities", dataset=dataset, door=beheerder, opslaan=True)
    assert resultaat.opgeslagen and resultaat.aantal_nieuw == MAX_RIJEN
    assert Coalitie.objects.count() == MAX_RIJEN
    laatste = Coalitie.objects.get(naam="Coalitie 09999")
    assert (laatste.doel, laatste.status, laatste.startdatum, laatste.trekker) == (
        "Doel 9999", "lopend", datetime.date(2026, 1, 1), gemeenten["Dordrecht"])
    with django_assert_max_num_queries(40):
        resultaat = importeer(soort="coalities", dataset=dataset, door=beheerder, opslaan=True)
    assert resultaat.aantal_ongewijzigd == MAX_RIJEN
    assert Coalitie.objects.count() == MAX_RIJEN
