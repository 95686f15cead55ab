"""``python manage.py rapport SOORT [--naam waarde ...] --out BESTAND.pdf``: a registered document, built here."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from documenten import registry, services


class Command(BaseCommand):
    help = "Maakt een geregistreerd document (bijvoorbeeld raadsinformatie of monitoring) en schrijft de PDF weg."

    def add_arguments(self, parser) -> None:
        parser.add_argument("soort", help="Documentsoort, bijvoorbeeld raadsinformatie.")
        parser.add_argument("--out", required=True, help="Pad van het PDF-bestand dat wordt geschreven.")
        parser.add_argument("rest", nargs="*", help="Parameters als --naam waarde.")

    def run_from_argv(self, argv: list[str]) -> None:
        # Document-specific options (--organisatie, --jaar, ...) are collected as --naam waarde pairs.
        self._extra: dict[str, str] = {}
        bekend, i = argv[:2], 2
        while i < len(argv):
            arg = argv[i]
            if arg.startswith("--") and arg.split("=", 1)[0] not in ("--out", "--settings", "--pythonpath", "--traceback", "--no-color", "--force-color", "--verbosity", "--skip-checks"):
                naam, _, waarde = arg[2:].partition("=")
                if not waarde:
                    if i + 1 >= len(argv) or argv[i + 1].startswith("--"):
                        sys.stderr.write(f"Fout: bij --{naam} hoort een waarde.\n")
                        sys.exit(2)
                    waarde = argv[i + 1]
                    i += 1
                self._extra[naam.replace("-", "_")] = waarde
            else:
                bekend.append(arg)
            i += 1
        super().run_from_argv(bekend)

    def handle(self, *args, soort: str, out: str, rest: list[str], **options) -> None:
        if rest:
            raise CommandError(f"Onbekende argumenten: {' '.join(rest)}.")
        doel = Path(out)
        if not doel.parent.is_dir():
            raise CommandError(f"De map {doel.parent} bestaat niet.")
        try:
            registry.soort(soort)
            data, _ = services.synchroon_bouwen(soort, getattr(self, "_extra", {}))
        except (ValidationError, registry.Bouwfout, PermissionDenied, Http404) as fout:
            tekst = " ".join(fout.messages) if isinstance(fout, ValidationError) else (str(fout) or "Niet gevonden.")
            raise CommandError(tekst) from None
        tijdelijk = doel.with_suffix(doel.suffix + ".part")
        tijdelijk.write_bytes(data)
        tijdelijk.replace(doel)
        self.stdout.write(f"{doel} geschreven ({len(data)} bytes).")
