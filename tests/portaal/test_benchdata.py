"""The scale data for benchmarks: `bench_data --scale N` fills every app with valid rows."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.urls import reverse

from coalities.models import Coalitie, Deelname, Toezegging
from coalities.regels import MET_TOEZEGGING
from drechtsteden.models import Gebruiker
from financiering import selectors as financiering_selectors
from financiering.models import Begrotingsjaar, ProjectBudget
from portaal import benchdata
from tafels.models import Agendapunt, BestuurlijkeTafel, Stukversie, Vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def schaal_1(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    uitvoer = io.StringIO()
    call_command("bench_data", "--scale", "1", stdout=uitvoer)
    return uitvoer.getvalue()


def test_scale_1_has_the_real_size_and_valid_rows(schaal_1, client):
    """Scale 1: 200 coalities, 100 meetings of 8 items with a document each, 10 financed years; every rule
    holds, the pages answer, and a second run is refused (the generation runs once: it takes a while)."""
    assert "Benchdata op schaal 1 gegenereerd in" in schaal_1
    assert Coalitie.objects.count() == 200
    assert Vergadering.objects.count() == 100
    assert Agendapunt.objects.filter(stukken__versies__isnull=False).distinct().count() >= 8 * 90
    assert Deelname.objects.count() > 1_300
    assert Toezegging.objects.count() > 2_000
    assert Begrotingsjaar.objects.filter(jaar__in=benchdata.jaren()).count() == 10

    # The services' cross-row rules: volledig and instap commit something, the others nothing.
    met = Deelname.objects.annotate(n=Count("toezeggingen"))
    assert not met.filter(variant__in=MET_TOEZEGGING, n=0).exists()
    assert not met.filter(~Q(variant__in=MET_TOEZEGGING), n__gt=0).exists()
    assert not Deelname.objects.filter(variant="instap").filter(
        Q(coalitie__startdatum__isnull=True) | Q(instapdatum__lte=F("coalitie__startdatum"))
    ).exists()
    # The one-row rules, as the forms and admin check them, on a sample of each kind.
    for model in (Coalitie, Deelname, Toezegging, ProjectBudget, Vergadering, Agendapunt, Stukversie):
        for obj in model.objects.order_by("-pk")[:40]:
            obj.full_clean()

    # The financing engine accepts every year.
    for jaar_verdeling in financiering_selectors.verdelingen(benchdata.jaren()).values():
        assert jaar_verdeling.fout is None, jaar_verdeling.fout
        assert jaar_verdeling.resultaat is not None

    # A bench user reads the main pages of the generated data, and a document downloads.
    gebruiker = Gebruiker.objects.get(username="bench-programmamedewerker-001")
    client.force_login(gebruiker)
    coalitie = Coalitie.objects.filter(naam__startswith="Bench-").first()
    tafel = BestuurlijkeTafel.objects.first()
    vergadering = Vergadering.objects.filter(tafel=tafel, status="besluitenlijst_vastgesteld").first()
    stukversie = Stukversie.objects.filter(stuk__agendapunt__vergadering=vergadering).first()
    for url in [
        reverse("home"), reverse("status"), reverse("tafels:detail", args=[tafel.pk]),
        reverse("tafels:vergadering", args=[vergadering.pk]), reverse("coalities:index"),
        reverse("coalities:detail", args=[coalitie.pk]), reverse("coalities:sorteerbak", args=[tafel.pk]),
        reverse("financiering:index"), reverse("tafels:stuk_download", args=[stukversie.pk]),
    ]:
        assert client.get(url).status_code == 200, url

    # Generating again in a filled database is refused in Dutch; no row is added.
    voor = Coalitie.objects.count()
    with pytest.raises(CommandError, match="bevat al benchdata"):
        call_command("bench_data", "--scale", "1", stdout=io.StringIO())
    assert Coalitie.objects.count() == voor


def test_without_demo_scales_up_the_demo_already_loaded(settings, tmp_path):
    """`--zonder-demo` (as the benchmark runs it, on a copy of a database with the demo) adds the scale
    data to the demo that is there: the same sizes as with the demo loaded by bench_data itself."""
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", stdout=io.StringIO())
    demo_vergaderingen = Vergadering.objects.count()

    uitvoer = io.StringIO()
    call_command("bench_data", "--scale", "1", "--zonder-demo", stdout=uitvoer)

    assert "Benchdata op schaal 1 gegenereerd in" in uitvoer.getvalue()
    assert Coalitie.objects.count() == 200
    assert Vergadering.objects.count() == 100 > demo_vergaderingen
    assert Deelname.objects.count() > 1_300


def test_without_demo_refuses_a_database_without_it():
    """`--zonder-demo` on a database without the demo changes nothing and says why in Dutch."""
    with pytest.raises(CommandError, match="bevat de demo nog niet"):
        call_command("bench_data", "--scale", "1", "--zonder-demo", stdout=io.StringIO())
    assert not Coalitie.objects.exists()


@pytest.mark.parametrize("waarde", ["0", "51", "tien", "2,5", ""])
def test_bad_scale_is_refused_in_dutch(waarde):
    """A scale outside 1–50 or not a whole number changes nothing and says why in Dutch."""
    with pytest.raises(CommandError, match="--scale"):
        call_command("bench_data", "--scale", waarde, stdout=io.StringIO())
    assert not Coalitie.objects.exists()


def test_bad_scale_exits_non_zero_on_the_command_line():
    """On the command line a wrong scale prints a Dutch error and exits with a non-zero status."""
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "bench_data", "--scale", "nul"], capture_output=True, text=True, timeout=120
    )
    assert resultaat.returncode != 0
    assert "verwacht een geheel getal" in resultaat.stderr
