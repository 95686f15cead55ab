"""`python manage.py voorzitterschap`: the chair of the ambtelijke regiekamer per year, stored and proposed."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from drechtsteden.management.nederlands import NederlandseFoutenMixin
from regiekamer import selectors


class Command(NederlandseFoutenMixin, BaseCommand):
    help = (
        "Toont het rooster van het voorzitterschap van de ambtelijke regiekamer: vastgelegde jaren zoals ze "
        "zijn, de overige jaren volgens de rotatieregels."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--vanaf", type=int, required=True, help="Het eerste jaar, bijvoorbeeld 2027.")
        parser.add_argument("--jaren", type=int, default=5, help="Aantal jaren (1 tot en met 50).")
        parser.add_argument("--format", choices=["json", "tekst"], default="json", help="Uitvoer: json of tekst.")

    def handle(self, *args, vanaf: int, jaren: int = 5, format: str = "json", **options) -> None:
        if not 2000 <= vanaf <= 2100:
            raise CommandError(f"Het jaar {vanaf} ligt niet tussen 2000 en 2100.")
        if not 1 <= jaren <= 50:
            raise CommandError(f"Het aantal jaren is 1 tot en met 50, niet {jaren}.")
        if vanaf + jaren - 1 > 2100:
            raise CommandError("Het rooster loopt niet verder dan 2100; kies minder jaren.")
        kamer = selectors.ambtelijke_regiekamer()
        if kamer is None:
            raise CommandError("Er is nog geen ambtelijke regiekamer ingericht.")
        rooster = selectors.rooster(kamer, vanaf=vanaf, jaren=jaren, peildatum=timezone.localdate())
        if not rooster.regels:
            raise CommandError("De ambtelijke regiekamer heeft geen gemeenten die voorzitter kunnen zijn.")
        if format == "tekst":
            for regel in rooster.regels:
                soort = "vastgelegd" if regel.vastgelegd else "voorstel"
                self.stdout.write(f"{regel.jaar}  {regel.organisatie}  ({soort})")
            return
        self.stdout.write(json.dumps(
            [{"jaar": r.jaar, "organisatie": r.organisatie} for r in rooster.regels], ensure_ascii=False, indent=2
        ))
