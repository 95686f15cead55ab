"""`manage.py stemming --scenario FILE.json --format json`: the issue's shapes in and out; bad input
exits non-zero with a Dutch message and no traceback."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

BASE_DIR = Path(__file__).resolve().parents[2]

ZEVEN = {  # the demo's indicative inhabitants
    "Dordrecht": 121_000, "Zwijndrecht": 45_000, "Papendrecht": 32_500, "Hendrik-Ido-Ambacht": 32_000,
    "Sliedrecht": 26_000, "Alblasserdam": 20_500, "Hardinxveld-Giessendam": 18_500,
}
STEDELIJK = {"Dordrecht", "Zwijndrecht", "Papendrecht"}


def _scenario(**over) -> dict:
    scenario = {
        "weging": {"gelijk": "0", "inwoners": "100", "bijdrage": "0"},
        "plafond_pct": "35",
        "drempel": "gewone_meerderheid",
        "leden": [
            {"organisatie": naam, "inwoners": inwoners, "stem": "voor" if naam == "Dordrecht" else "tegen"}
            for naam, inwoners in ZEVEN.items()
        ],
    }
    return scenario | over


def _schrijf(tmp_path, data) -> str:
    pad = tmp_path / "stemming.json"
    pad.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(pad)


def _run(tmp_path, data) -> dict:
    out = io.StringIO()
    call_command("stemming", "--scenario", _schrijf(tmp_path, data), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_issue_example_shape(tmp_path):
    """Weights as strings with four decimals adding up to 100.0000; totals and the outcome."""
    uit = _run(tmp_path, _scenario())
    assert set(uit) == {"gewichten", "voor", "tegen", "onthouding", "uitkomst"}
    assert uit["gewichten"]["Dordrecht"] == "35.0000"
    assert uit["gewichten"]["Zwijndrecht"] == "16.7622"
    assert sum(Decimal(p) for p in uit["gewichten"].values()) == Decimal("100.0000")
    assert (uit["voor"], uit["tegen"], uit["onthouding"], uit["uitkomst"]) == ("35.0000", "65.0000", "0.0000", "verworpen")


def test_mix_groups_contribution_and_two_thirds(tmp_path):
    """50 % equal + 50 % inhabitants, 60 % group cap on the urban area, numbers as JSON numbers or text."""
    leden = [
        {"organisatie": naam, "inwoners": inwoners, "bijdrage": "250000.00" if naam == "Dordrecht" else 10000,
         "groep": "stedelijk" if naam in STEDELIJK else "polder", "stem": "tegen" if naam == "Dordrecht" else "voor"}
        for naam, inwoners in ZEVEN.items()
    ]
    uit = _run(tmp_path, _scenario(weging={"gelijk": "50", "inwoners": "50", "bijdrage": "0"},
                                   groepsplafond_pct="60", drempel="twee_derde", leden=leden))
    stad = sum(Decimal(uit["gewichten"][n]) for n in STEDELIJK)
    assert stad <= Decimal(60)
    assert Decimal(uit["tegen"]) == Decimal(uit["gewichten"]["Dordrecht"])
    assert uit["uitkomst"] == "aangenomen"


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ("{niet json", "geen geldige JSON"),
        ("[" * 100_000 + "]" * 100_000, "te diep genest"),
        (_scenario(plafond_pct="1e999999999"), "plafond_pct"),
        (_scenario(plafond_pct=1e300), "plafond_pct"),
        ('{"weging": {"gelijk": NaN}, "leden": []}', "NaN is geen getal"),
        (_scenario(leden=[{"organisatie": "A", "inwoners": "9" * 5000, "stem": "voor"}]), "te lang"),
        ('{"weging": {"gelijk": 100}, "leden": [{"organisatie": "A", "stem": "voor", "inwoners": '
         + "9" * 5000 + "}]}", "te lang"),
        (_scenario(plafond_pct="-5"), "0 of meer"),
        (_scenario(plafond_pct="150"), "ten hoogste 100"),
        (_scenario(weging={"gelijk": "50", "inwoners": "40"}), "telt op tot 90"),
        ({"leden": []}, "verplicht veld weging ontbreekt"),
        (_scenario(leden=[{"organisatie": "A", "stem": "voor"}]), "verplicht veld inwoners ontbreekt"),
        (_scenario(leden=[{"organisatie": "A", "inwoners": 5, "stem": "misschien"}]), "onbekende stem"),
        (_scenario(leden=[{"organisatie": "A", "inwoners": 5, "stem": "voor", "kleur": "rood"}]), "onbekend veld kleur"),
        (_scenario(leden=[]), "ten minste één lid"),
        (_scenario(leden="Dordrecht"), "ten minste één lid"),
        (_scenario(drempel="unaniem"), "drempel"),
        (_scenario(plafond_pct="10"), "geen verdeling mogelijk"),
        (_scenario(leden=[{"organisatie": "A", "inwoners": 5, "stem": "voor"}] * 2), "meer dan eens"),
        ([1, 2, 3], "verwacht een object"),
    ],
)
def test_bad_input_is_a_dutch_command_error(tmp_path, data, melding):
    """Malformed JSON, hostile numbers, deep nesting, missing fields and unknown votes: a Dutch CommandError."""
    with pytest.raises(CommandError, match=melding):
        _run(tmp_path, data)


def test_missing_file(tmp_path):
    """A file that does not exist is named in the message."""
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("stemming", "--scenario", str(tmp_path / "weg.json"))


def _subprocess(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.run([sys.executable, "manage.py", "stemming", *args], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=60)


def test_exit_codes_as_a_process(tmp_path):
    """As a process: good input exits 0 with JSON; bad input exits non-zero, Dutch on stderr, no traceback."""
    goed = _subprocess("--scenario", _schrijf(tmp_path, _scenario()), "--format", "json")
    assert goed.returncode == 0, goed.stderr
    assert json.loads(goed.stdout)["uitkomst"] == "verworpen"
    for data in ("[" * 100_000 + "]" * 100_000, _scenario(plafond_pct="1e999999999")):
        slecht = _subprocess("--scenario", _schrijf(tmp_path, data), "--format", "json")
        assert slecht.returncode != 0
        assert slecht.stdout == ""
        assert "Traceback" not in slecht.stderr
    assert "te diep genest" in _subprocess("--scenario", _schrijf(tmp_path, "[" * 100_000)).stderr
    onbekend = _subprocess("--scenario", _schrijf(tmp_path, _scenario()), "--format", "xml")
    assert onbekend.returncode == 2 and "ongeldige keuze" in onbekend.stderr
