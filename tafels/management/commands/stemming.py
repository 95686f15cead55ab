"""`python manage.py stemming --scenario FILE.json`: the weights and outcome of a vote, checkable by hand.

The file:
    {"weging": {"gelijk": "50", "inwoners": "50", "bijdrage": "0"}, "plafond_pct": "35",
     "groepsplafond_pct": "60", "drempel": "gewone_meerderheid" | "twee_derde",
     "leden": [{"organisatie": "Dordrecht", "inwoners": 121566, "bijdrage": "250000.00",
                "groep": "stedelijk", "stem": "voor" | "tegen" | "onthouding"}, ...]}
Caps, group and threshold are optional (threshold: gewone_meerderheid); inhabitants and contribution
are needed when the mix counts them. Numbers may be JSON numbers or strings, the Dutch way or with a
decimal point; every number is bounded before it is used. The database is not touched.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from drechtsteden.invoer import parse_decimaal
from drechtsteden.management.nederlands import NederlandseFoutenMixin
from tafels import stemming

MAX_BYTES = 1_000_000
MAX_LEDEN = 200
MAX_NAAM = 120


class _Fout(Exception):
    pass


def _object(waarde: Any, plek: str, verplicht: set[str], optioneel: set[str]) -> Mapping[str, Any]:
    if not isinstance(waarde, dict):
        raise _Fout(f"{plek}: verwacht een object met velden.")
    onbekend = sorted(set(waarde) - verplicht - optioneel)
    if onbekend:
        raise _Fout(f"{plek}: onbekend veld {', '.join(onbekend)}.")
    ontbrekend = sorted(verplicht - set(waarde))
    if ontbrekend:
        raise _Fout(f"{plek}: verplicht veld {', '.join(ontbrekend)} ontbreekt.")
    return waarde


def _getal(waarde: Any, plek: str, *, decimalen: int, max_cijfers: int) -> Decimal:
    """A number from the file (a JSON number arrives as its text), bounded by drechtsteden.invoer."""
    if not isinstance(waarde, str) or not waarde.strip():
        raise _Fout(f"{plek}: verwacht een getal.")
    try:
        getal = parse_decimaal(waarde, decimalen=decimalen, max_cijfers=max_cijfers)
    except ValidationError as fout:
        raise _Fout(f"{plek}: {' '.join(fout.messages)}") from None
    if getal is None:
        raise _Fout(f"{plek}: verwacht een getal.")
    if getal < 0:
        raise _Fout(f"{plek}: een getal van 0 of meer.")
    return getal


def _procent(waarde: Any, plek: str) -> Decimal:
    getal = _getal(waarde, plek, decimalen=2, max_cijfers=3)
    if getal > 100:
        raise _Fout(f"{plek}: een percentage van ten hoogste 100.")
    return getal


def _tekst(waarde: Any, plek: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise _Fout(f"{plek}: verwacht een naam.")
    if len(waarde) > MAX_NAAM:
        raise _Fout(f"{plek}: ten hoogste {MAX_NAAM} tekens.")
    return waarde.strip()


def _weiger_constante(naam: str) -> None:
    raise _Fout(f"{naam} is geen getal.")


def lees_scenario(tekst: str) -> tuple[list[stemming.Lid], stemming.Regels]:
    """Members and rules from the JSON text, or a Dutch `_Fout`/`StemmingFout`."""
    try:
        # Numbers stay text until parse_decimaal has bounded them: no 5,000-digit int, no 1e999999999.
        data = json.loads(tekst, parse_int=str, parse_float=str, parse_constant=_weiger_constante)
    except json.JSONDecodeError as fout:
        raise _Fout(f"Het scenario is geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): {fout.msg}.") from None
    except RecursionError:
        raise _Fout("Het scenario is te diep genest.") from None
    _object(data, "Scenario", {"weging", "leden"}, {"plafond_pct", "groepsplafond_pct", "drempel"})
    w = _object(data["weging"], "weging", set(), {"gelijk", "inwoners", "bijdrage"})
    weging = stemming.Weging(**{k: _procent(w.get(k, "0"), f"weging.{k}") for k in ("gelijk", "inwoners", "bijdrage")})
    plafonds = {
        k: None if data.get(k) is None else _procent(data[k], k) for k in ("plafond_pct", "groepsplafond_pct")
    }
    drempel = data.get("drempel", stemming.GEWONE_MEERDERHEID)
    if drempel not in stemming.DREMPELS:
        raise _Fout("drempel: kies gewone_meerderheid of twee_derde.")
    regels = stemming.Regels(weging=weging, drempel=drempel, **plafonds)

    if not isinstance(data["leden"], list) or not data["leden"]:
        raise _Fout("leden: verwacht een lijst met ten minste één lid.")
    if len(data["leden"]) > MAX_LEDEN:
        raise _Fout(f"leden: ten hoogste {MAX_LEDEN} leden.")
    verplicht = {"organisatie", "stem"} | ({"inwoners"} if weging.inwoners else set()) | (
        {"bijdrage"} if weging.bijdrage else set()
    )
    leden = []
    for nr, rij in enumerate(data["leden"], start=1):
        plek = f"Lid nr. {nr}"
        _object(rij, plek, verplicht, {"organisatie", "inwoners", "bijdrage", "groep", "stem"})
        stem = rij["stem"]
        if stem not in stemming.STEMMEN:
            raise _Fout(f"{plek}: onbekende stem {stem!r}; kies voor, tegen of onthouding.")
        groep = rij.get("groep")
        leden.append(
            stemming.Lid(
                organisatie=_tekst(rij["organisatie"], f"{plek}: organisatie"),
                inwoners=int(_getal(rij.get("inwoners", "0"), f"{plek}: inwoners", decimalen=0, max_cijfers=9)),
                bijdrage=_getal(rij.get("bijdrage", "0"), f"{plek}: bijdrage", decimalen=2, max_cijfers=12),
                groep="" if groep is None else _tekst(groep, f"{plek}: groep"),
                stem=stem,
            )
        )
    return leden, regels


class Command(NederlandseFoutenMixin, BaseCommand):
    help = "Rekent de gewichten en de uitkomst van een gewogen stemming uit een JSON-bestand door."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scenario", metavar="BESTAND.json", required=True, help="De stemming als JSON-bestand.")
        parser.add_argument("--format", choices=["json"], default="json", help="Uitvoer: json.")

    def handle(self, *args, scenario: str, format: str = "json", **options) -> None:
        pad = Path(scenario)
        try:
            if pad.stat().st_size > MAX_BYTES:
                raise CommandError(f"Het scenariobestand {scenario} is groter dan 1 MB.")
            tekst = pad.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"Het scenariobestand {scenario} bestaat niet.") from None
        except (OSError, UnicodeDecodeError):
            raise CommandError(f"Het scenariobestand {scenario} kan niet gelezen worden (geen UTF-8-tekst?).") from None
        try:
            leden, regels = lees_scenario(tekst)
            uitslag = stemming.stemming(leden, regels)
        except _Fout as fout:
            raise CommandError(str(fout)) from None
        except stemming.StemmingFout as fout:
            raise CommandError(fout.message) from None
        self.stdout.write(json.dumps(stemming.uitslag_als_dict(uitslag), ensure_ascii=False, indent=2))
