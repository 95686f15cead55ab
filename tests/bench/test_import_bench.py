"""Benchmarks (make bench): importing 10,000 rows of each kind, preview and save."""

import time

import pytest
import tablib

from coalities.imports import MAX_RIJEN, importeer
from coalities.models import Coalitie, Deelname, Toezegging
from drechtsteden.models import Organisatie, Rol
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def _meet(soort: str, dataset: tablib.Dataset, door) -> dict[str, float]:
    tijden = {}
    for stap, opslaan in (("voorbeeld", False), ("opslaan", True), ("opnieuw", False)):
        start = time.perf_counter()
        resultaat = importeer(soort=soort, dataset=dataset, door=door, opslaan=opslaan)
        tijden[stap] = round(time.perf_counter() - start, 2)
        assert not resultaat.fouten and not resultaat.algemene_fout
    assert resultaat.aantal_ongewijzigd == MAX_RIJEN
    print(f"\n{soort}: {MAX_RIJEN} rijen, seconden: {tijden}")  # noqa: T201
    return tijden


def test_bench_import_10000_rows_of_each_kind():
    """10,000 coalitions, then 10,000 deelnames (each with a first commitment), then 10,000 commitments."""
    ThemaFactory(naam="Bereikbaarheid")
    door = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER])
    organisaties = [OrganisatieFactory(naam=f"Partner {i}") for i in range(10)]
    trekker = organisaties[0].naam

    coalities = tablib.Dataset(headers=["naam", "thema", "status", "trekker", "startdatum", "doel"])
    for i in range(MAX_RIJEN):
        coalities.append([f"Coalitie {i:05d}", "Bereikbaarheid", "lopend", trekker, "2026-01-01", f"Doel {i}"])
    _meet("coalities", coalities, door)
    assert Coalitie.objects.count() == MAX_RIJEN

    deelnames = tablib.Dataset(headers=[
        "coalitie", "organisatie", "variant", "toezegging_soort", "toezegging_hoeveelheid", "toezegging_jaar_van",
        "toezegging_jaar_tot"])
    for i in range(MAX_RIJEN):
        deelnames.append([f"Coalitie {i // 10:05d}", organisaties[i % 10].naam, "volledig", "geld", "12.500,50", 2026, 2027])
    _meet("deelnames", deelnames, door)
    assert Deelname.objects.count() == MAX_RIJEN

    toezeggingen = tablib.Dataset(headers=["coalitie", "organisatie", "soort", "hoeveelheid", "eenheid", "jaar_van", "jaar_tot"])
    for i in range(MAX_RIJEN):
        toezeggingen.append([f"Coalitie {i // 10:05d}", organisaties[i % 10].naam, "menskracht", "200", "uren", 2026, 2027])
    _meet("toezeggingen", toezeggingen, door)
    assert Toezegging.objects.count() == 2 * MAX_RIJEN
    assert Organisatie.objects.count() >= 10
