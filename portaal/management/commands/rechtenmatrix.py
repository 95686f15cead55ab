"""Writes docs/permissions.md: roles × actions of every app, from the permission functions."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portaal.rechten import matrix_markdown

BESTAND = Path(settings.BASE_DIR) / "docs" / "permissions.md"


class Command(BaseCommand):
    help = "Schrijft docs/permissions.md: rollen × acties, berekend uit de functies in <app>/permissions.py."

    def handle(self, *args, **options) -> None:
        BESTAND.write_text(matrix_markdown(), encoding="utf-8")
        self.stdout.write(f"{BESTAND} geschreven.")
