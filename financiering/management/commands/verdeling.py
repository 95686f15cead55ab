"""`python manage.py verdeling`: who pays what in a year, from the database or from a scenario file."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from drechtsteden.invoer import parse_jaar
from drechtsteden.management.nederlands import NederlandseFoutenMixin
from drechtsteden.spreadsheets import als_csv
from financiering import verdeling
from financiering.exports import verdeling_blad

# A scenario of a few hundred coalitions is a few hundred kilobytes; anything far larger is no scenario.
SCENARIO_MAX_BYTES = 2 * 1024 * 1024


class Command(NederlandseFoutenMixin, BaseCommand):
    help = (
        "Toont de vastgestelde verdeling van een jaar (--jaar) of rekent een scenario uit een "
        "JSON-bestand door (--scenario) zonder de database te gebruiken. --format csv geeft een "
        "bestand voor Excel (puntkomma's, decimale komma); json blijft machineleesbaar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        bron = parser.add_mutually_exclusive_group(required=True)
        bron.add_argument("--jaar", type=int, help="Het begrotingsjaar, bijvoorbeeld 2026.")
        bron.add_argument("--scenario", metavar="BESTAND.json", help="Een scenario als JSON-bestand.")
        parser.add_argument("--organisatie", metavar="NAAM", help="Alleen deze organisatie tonen.")
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="Uitvoer: json of csv.")

    def handle(self, *args, jaar=None, scenario=None, organisatie=None, format="json", **options) -> None:
        try:
            resultaat = self._uit_scenario(scenario) if scenario else self._uit_database(jaar)
        except verdeling.VerdelingFout as fout:
            raise CommandError(fout.message) from None
        if organisatie is not None:
            if organisatie not in resultaat.bijdragen:
                keuze = ", ".join(resultaat.bijdragen) or "er betaalt nog niemand in dat jaar"
                raise CommandError(
                    f"Onbekende organisatie {organisatie!r} in de verdeling van {resultaat.jaar}; kies uit: {keuze}."
                )
            resultaat = verdeling.Resultaat(
                jaar=resultaat.jaar,
                bijdragen={organisatie: resultaat.bijdragen[organisatie]},
                waarschuwingen=resultaat.waarschuwingen,
            )
        if format == "csv":
            self.stdout.write(als_csv(verdeling_blad(resultaat)).decode("utf-8"), ending="")
        else:
            self.stdout.write(json.dumps(verdeling.resultaat_als_dict(resultaat), ensure_ascii=False, indent=2))

    def _uit_scenario(self, bestand: str) -> verdeling.Resultaat:
        pad = Path(bestand)
        try:
            if pad.stat().st_size > SCENARIO_MAX_BYTES:
                raise CommandError(
                    f"Het scenariobestand {bestand} is te groot: hoogstens {SCENARIO_MAX_BYTES // (1024 * 1024)} MB."
                )
            tekst = pad.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"Het scenariobestand {bestand} bestaat niet.") from None
        except (OSError, UnicodeDecodeError) as fout:
            raise CommandError(f"Het scenariobestand {bestand} kan niet gelezen worden: {fout}.") from None
        return verdeling.bereken(verdeling.lees_scenario(tekst))

    def _uit_database(self, jaar: int) -> verdeling.Resultaat:
        from financiering import selectors

        try:
            jaar_ = parse_jaar(jaar)
        except ValidationError:
            raise CommandError(
                f"{str(jaar)[:24]} is geen geldig begrotingsjaar; kies een jaar van 2000 tot en met 2100."
            ) from None
        return selectors.verdeling_voor_jaar(jaar_).resultaat_met_waarschuwingen()
