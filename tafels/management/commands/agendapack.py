"""``python manage.py agendapack VERGADERING_ID --out BESTAND.pdf``: the agenda pack, built here."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tafels.models import Vergadering


class Command(BaseCommand):
    help = "Maakt het agendapakket van een vergadering (als concept van de volgende versie) en schrijft de PDF weg."

    def add_arguments(self, parser) -> None:
        parser.add_argument("vergadering", help="Nummer (id) van de vergadering.")
        parser.add_argument("--out", required=True, help="Pad van het PDF-bestand dat wordt geschreven.")

    def handle(self, *args, vergadering: str, out: str, **options) -> None:
        from tafels import pdfs

        if not vergadering.isdigit() or len(vergadering) > 12:
            raise CommandError(f"“{vergadering}” is geen nummer van een vergadering.")
        gevonden = Vergadering.objects.select_related("tafel").filter(pk=int(vergadering)).first()
        if gevonden is None:
            raise CommandError(f"Vergadering {vergadering} bestaat niet.")
        doel = Path(out)
        if doel.suffix.lower() != ".pdf":
            raise CommandError("Het uitvoerbestand moet op .pdf eindigen.")
        if not doel.parent.is_dir():
            raise CommandError(f"De map {doel.parent} bestaat niet.")
        nummer, laatste = pdfs.volgende_versie(gevonden)
        resultaat = pdfs.agendapakket_pdf(gevonden, versie=nummer, vorige_inhoud=laatste.inhoud if laatste else None)
        tijdelijk = doel.with_name(doel.name + ".part")
        tijdelijk.write_bytes(resultaat.data)
        tijdelijk.replace(doel)
        self.stdout.write(f"{doel} geschreven: {resultaat.gegevens['paginas']} pagina's.")
