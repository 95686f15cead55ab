"""Fill a database with scale data for benchmarks: ``python manage.py bench_data --scale 10``."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from drechtsteden.management.nederlands import NederlandseFoutenMixin
from portaal import benchdata


def _schaal(waarde: str) -> int:
    try:
        schaal = int(waarde)
    except ValueError:
        raise CommandError(
            f"Fout: --scale verwacht een geheel getal van 1 tot en met {benchdata.MAX_SCHAAL}, niet '{waarde}'."
        ) from None
    if not 1 <= schaal <= benchdata.MAX_SCHAAL:
        raise CommandError(f"Fout: --scale ligt tussen 1 en {benchdata.MAX_SCHAAL} (1 is de echte omvang), niet {schaal}.")
    return schaal


class Command(NederlandseFoutenMixin, BaseCommand):
    # The system checks import every URL module (WeasyPrint among them): seconds per run, and the
    # benchmark runs this twice, right after `migrate` checked the same project.
    requires_system_checks: list[str] = []
    help = (
        "Vult een lege database met benchdata: de demo, vergroot tot N keer de echte omvang van de "
        "Drechtsteden (--scale 10: 2.000 coalities, 1.000 vergaderingen, 10 jaar financiering)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", required=True, metavar="N", help="1 is de echte omvang; 10 is tien keer zo groot.")
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde van de toevalsgenerator (zelfde seed, zelfde data).")
        parser.add_argument(
            "--zonder-demo", action="store_true",
            help="De demo niet laden: de database bevat die al (bijvoorbeeld een kopie van een database waarin "
            "demo_data draaide).",
        )

    def handle(self, *args, scale: str, seed: int, zonder_demo: bool, **options) -> None:
        schaal = _schaal(scale)
        melden = self.stdout.write if options["verbosity"] >= 2 else (lambda _: None)
        try:
            verslag = benchdata.genereer(schaal, seed=seed, demo=not zonder_demo, melding=melden)
        except benchdata.BenchDataFout as fout:
            raise CommandError(f"Fout: {fout}") from fout
        for naam, aantal in verslag.aantallen.items():
            self.stdout.write(f"  {naam}: {aantal}")
        self.stdout.write(self.style.SUCCESS(f"Benchdata op schaal {schaal} gegenereerd in {verslag.seconden:.1f} s."))
