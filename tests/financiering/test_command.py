import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from financiering import selectors, verdeling
from tests.financiering.conftest import VOORBEELD_SCENARIO

BASE_DIR = Path(__file__).resolve().parents[2]


def _run(*args) -> str:
    out = io.StringIO()
    call_command("verdeling", *args, stdout=out)
    return out.getvalue()


def _schrijf(tmp_path, data) -> str:
    pad = tmp_path / "scenario.json"
    pad.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(pad)


@pytest.mark.django_db
def test_jaar_json_from_database(netwerk):
    """--jaar prints the adopted allocation with strings of two decimals, totals and warnings."""
    data = json.loads(_run("--jaar", "2026", "--format", "json"))
    assert data["jaar"] == 2026
    assert data["organisaties"]["Dordrecht"]["component_3"]["per_coalitie"] == {"Fietsroute": "55000.00"}
    assert data["organisaties"]["Gorinchem"]["component_2"] == "10000.00"
    assert data["totalen"]["totaal"] == "740000.00"
    assert any("Geen meerjarige basis" in w for w in data["waarschuwingen"])


@pytest.mark.django_db
def test_scenario_file_equals_database(netwerk, tmp_path):
    """The example as a file gives the same amounts as the same example adopted in the database."""
    uit_bestand = json.loads(_run("--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO)))
    uit_db = json.loads(_run("--jaar", "2026"))
    assert uit_bestand["organisaties"] == uit_db["organisaties"]
    assert uit_bestand["totalen"] == uit_db["totalen"]


@pytest.mark.django_db
def test_jaar_csv_with_organisatie(netwerk):
    """--organisatie limits the CSV to that organisation, with header and total row."""
    rijen = list(csv.reader(io.StringIO(_run("--jaar", "2026", "--organisatie", "Sliedrecht", "--format", "csv"))))
    assert rijen[0] == verdeling.CSV_KOPTEKST
    assert rijen[1][0] == "Sliedrecht"
    assert rijen[1][3] == "5000.00"
    assert rijen[-1][0] == "Totaal"
    assert rijen[1][1:] == rijen[-1][1:]


@pytest.mark.django_db
def test_csv_equals_selector_to_the_cent(netwerk):
    """The command's CSV is the selector's result, row for row."""
    rijen = list(csv.reader(io.StringIO(_run("--jaar", "2026", "--format", "csv"))))
    assert rijen == verdeling.resultaat_als_rijen(selectors.verdeling_voor_jaar(2026).resultaat)


def test_scenario_touches_no_database(tmp_path):
    """--scenario works without database access: pytest-django blocks it in this test."""
    data = json.loads(_run("--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO), "--format", "json"))
    assert data["organisaties"]["Sliedrecht"]["component_3"]["totaal"] == "5000.00"
    assert data["waarschuwingen"] == []


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"component_1": {"budget": "1.00", "sleutel": "lotto"}}, "onbekende sleutel 'lotto'"),
        ({"component_1": {"budget": "1.00", "sleutel": "vaste_percentages", "percentages": {"Dordrecht": "90"}}},
         "percentage ontbreekt"),
        ({"component_2": {"budget": "-5.00", "sleutel": "gelijk"}}, "mag niet negatief zijn"),
        ({"coalities": [{"naam": "X", "budget": "10.00", "profijt": "gelijk",
                         "deelnames": [{"organisatie": "Atlantis", "variant": "volledig"}]}]},
         "onbekende organisatie Atlantis"),
    ],
)
def test_bad_scenario_is_refused_without_numbers(tmp_path, wijziging, melding):
    """Bad input raises a CommandError with a Dutch message; nothing is printed."""
    out = io.StringIO()
    with pytest.raises(CommandError, match=melding):
        call_command("verdeling", "--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO | wijziging), stdout=out)
    assert out.getvalue() == ""


def test_percentages_not_100(tmp_path):
    """Fixed percentages that add up to 99 are refused with the sum in the message."""
    percentages = {o["naam"]: "14" for o in VOORBEELD_SCENARIO["organisaties"] if o.get("soort") != "partner"}
    percentages["Dordrecht"] = "15"  # 6 × 14 + 15 = 99
    data = VOORBEELD_SCENARIO | {"component_1": {"budget": "1.00", "sleutel": "vaste_percentages",
                                                  "percentages": percentages}}
    with pytest.raises(CommandError, match="tellen op tot 99 in plaats van 100"):
        _run("--scenario", _schrijf(tmp_path, data))


def test_malformed_json_and_missing_file(tmp_path):
    """Broken JSON and a missing file each give a clear Dutch message."""
    with pytest.raises(CommandError, match="geen geldige JSON"):
        _run("--scenario", _schrijf(tmp_path, '{"jaar": 2026,'))
    with pytest.raises(CommandError, match="bestaat niet"):
        _run("--scenario", str(tmp_path / "weg.json"))


@pytest.mark.django_db
def test_unknown_organisatie(netwerk):
    """An unknown --organisatie is refused and lists who is in the year."""
    with pytest.raises(CommandError, match="Onbekende organisatie 'Atlantis'"):
        _run("--jaar", "2026", "--organisatie", "Atlantis")


def _subprocess(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.run([sys.executable, "manage.py", "verdeling", *args], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=60)


def test_exit_code_as_subprocess(tmp_path):
    """As a process: bad input exits non-zero with the message on stderr and nothing on stdout; good input 0."""
    slecht = _subprocess("--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO | {"jaar": "twee"}), "--format", "csv")
    assert slecht.returncode != 0
    assert slecht.stdout == ""
    assert "jaar: verwacht een geheel getal" in slecht.stderr
    goed = _subprocess("--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO), "--format", "csv")
    assert goed.returncode == 0, goed.stderr
    assert goed.stdout.splitlines()[-1] == "Totaal,250000.00,400000.00,90000.00,740000.00"
