import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from decimal import Decimal as D
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


def _csv(tekst: str) -> list[list[str]]:
    """CSV for Dutch Excel: byte order mark, semicolons, decimal comma."""
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.django_db
def test_jaar_csv_with_organisatie(netwerk):
    """--organisatie limits the CSV to that organisation, with Dutch headers, a decimal comma and a total row."""
    rijen = _csv(_run("--jaar", "2026", "--organisatie", "Sliedrecht", "--format", "csv"))
    assert rijen[0][0] == "Organisatie"
    assert rijen[0][4] == "Totaal (€)"
    assert rijen[1][0] == "Sliedrecht"
    assert rijen[1][3] == "5000,00"
    assert rijen[-1][0] == "Totaal"
    assert rijen[1][1:] == rijen[-1][1:]


@pytest.mark.django_db
def test_csv_equals_selector_to_the_cent(netwerk):
    """The command's CSV is the selector's result, row for row, amounts with a decimal comma."""
    rijen = _csv(_run("--jaar", "2026", "--format", "csv"))
    verwacht = verdeling.resultaat_als_rijen(selectors.verdeling_voor_jaar(2026).resultaat)
    assert [r[0] for r in rijen[1:]] == [r[0] for r in verwacht[1:]]
    assert [[D(x.replace(",", ".")) for x in r[1:]] for r in rijen[1:]] == [[D(x) for x in r[1:]] for r in verwacht[1:]]
    assert all("." not in x for r in rijen[1:] for x in r[1:])


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
    assert goed.stdout.splitlines()[-1] == "Totaal;250000,00;400000,00;90000,00;740000,00"
    assert json.loads(_subprocess("--scenario", _schrijf(tmp_path, VOORBEELD_SCENARIO)).stdout)["totalen"] == {
        "component_1": "250000.00", "component_2": "400000.00", "component_3": "90000.00", "totaal": "740000.00",
    }


# --- Hostile JSON: a Dutch message and a non-zero exit, never a traceback or a hang -----------------

_GROOT_GETAL = "9" * 5000
_DIEP = "[" * 100_000 + "]" * 100_000


def _met_budget(budget: str) -> str:
    """The example scenario as JSON text with component 1's budget written literally (number or string)."""
    data = json.dumps(VOORBEELD_SCENARIO | {"component_1": {"budget": "__BUDGET__", "sleutel": "gelijk"}})
    return data.replace('"__BUDGET__"', budget)


VIJANDIG = [
    (f'{{"jaar": {_GROOT_GETAL}}}', "gehele getal .* is te groot"),
    (_DIEP, "te diep genest"),
    (json.dumps(VOORBEELD_SCENARIO | {"organisaties": "__X__"}).replace('"__X__"', "[" * 5000 + "]" * 5000),
     "te diep genest|verwacht een object"),
    (_met_budget("1e999999999"), "1e999999999 is te groot of te klein"),
    (_met_budget('"1e999999999"'), "1e999999999 is te groot of te klein"),
    (_met_budget("1e-999999999"), "te groot of te klein"),
    (_met_budget("1e400"), "1e400 is te groot of te klein"),
    (_met_budget('"1e400"'), "1e400 is te groot of te klein"),
    (_met_budget("10000000000"), "onder de € 10 miljard"),
    (_met_budget('"10000000000.00"'), "onder de € 10 miljard"),
    (_met_budget("12.345"), "hoogstens twee decimalen"),
    (_met_budget(f'"{_GROOT_GETAL}"'), "te lang"),
    (_met_budget("NaN"), "NaN is geen geldig getal"),
    (_met_budget("Infinity"), "Infinity is geen geldig getal"),
    (_met_budget('"Infinity"'), "geen geldig getal"),
    (_met_budget('"7.500,50"'), "geen geldig getal"),
    (json.dumps(VOORBEELD_SCENARIO | {"jaar": 99999}), "kies een jaar tussen 2000 en 2100"),
    (json.dumps(VOORBEELD_SCENARIO | {"drempel_projectfinanciering_pct": "250"}), "tussen 0 en 100"),
    (json.dumps(VOORBEELD_SCENARIO | {"component_1": {"budget": "1.00", "sleutel": "vaste_voet_inwoners",
                                                      "vaste_voet_pct": "1e15"}}), "te groot"),
    (json.dumps(VOORBEELD_SCENARIO | {"coalities": [VOORBEELD_SCENARIO["coalities"][0] | {
        "profijt": {"Dordrecht": "5000000", "Papendrecht": "1"}}]}), "een gewicht is hoogstens 1000000"),
    (json.dumps(VOORBEELD_SCENARIO | {"organisaties": [{"naam": "X" * 10, "inwoners": 10**12}]}),
     "het aantal inwoners is hoogstens 100.000.000"),
    (json.dumps(VOORBEELD_SCENARIO | {"component_1": {"budget": "1.00", "sleutel": [[[[[[[["diep"]]]]]]]]}}),
     "onbekende sleutel"),
    ("\ufeff{", "geen geldige JSON"),
]


@pytest.mark.parametrize(("tekst", "melding"), VIJANDIG, ids=range(len(VIJANDIG)))
def test_hostile_json_is_refused_quickly_in_dutch(tmp_path, tekst, melding):
    """Every hostile scenario raises a CommandError with a Dutch message within a second; nothing is printed."""
    out = io.StringIO()
    begin = time.monotonic()
    with pytest.raises(CommandError, match=melding) as fout:
        call_command("verdeling", "--scenario", _schrijf(tmp_path, tekst), stdout=out)
    assert time.monotonic() - begin < 1
    assert out.getvalue() == ""
    assert len(str(fout.value)) < 400


def test_amount_below_ten_billion_with_cents_is_kept(tmp_path):
    """The largest budget allowed keeps its cents; JSON numbers and strings read the same."""
    for budget in ("9999999999.99", '"9999999999.99"'):
        data = json.loads(_run("--scenario", _schrijf(tmp_path, _met_budget(budget))))
        assert D(data["totalen"]["component_1"]) == D("9999999999.99")


@pytest.mark.parametrize("index", [0, 1, 3, 6, 12])
def test_hostile_json_as_subprocess(tmp_path, index):
    """As a process: exit code 1, the Dutch message on stderr, no traceback, nothing on stdout, quickly."""
    tekst, melding = VIJANDIG[index]
    begin = time.monotonic()
    uitkomst = _subprocess("--scenario", _schrijf(tmp_path, tekst))
    assert time.monotonic() - begin < 30
    assert uitkomst.returncode == 1
    assert uitkomst.stdout == ""
    assert "Traceback" not in uitkomst.stderr
    assert re.search(melding, uitkomst.stderr)


def test_oversized_scenario_file_is_refused(tmp_path):
    """A file far larger than any scenario is refused on its size before it is read."""
    pad = tmp_path / "groot.json"
    pad.write_text(" " * (3 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(CommandError, match="te groot: hoogstens 2 MB"):
        _run("--scenario", str(pad))
