"""Static files taken one by one from node_modules: only the stylesheets the pages link to.

The NL Design System packages ship far more than the portal uses (15 MB of token formats, and
`background-image-icon.css`, which points to SVG files the package does not contain and so makes
the manifest storage of a production build refuse the whole collection). Naming the files keeps
the build small and lets `collectstatic` succeed.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning
from django.core.files.storage import FileSystemStorage


class BestandenFinder(BaseFinder):
    """Finds the files of `settings.STATICFILES_BESTANDEN` (URL path -> file on disk)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bestanden: dict[str, Path] = {pad: Path(bron) for pad, bron in settings.STATICFILES_BESTANDEN.items()}

    def check(self, **kwargs) -> list[Warning]:
        return [
            Warning(
                f"Het statische bestand {bron} voor {pad} ontbreekt; draai `npm ci`.",
                id="drechtsteden.W001",
            )
            for pad, bron in self.bestanden.items()
            if not bron.is_file()
        ]

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        bron = self.bestanden.get(path)
        gevonden = str(bron) if bron is not None and bron.is_file() else None
        if find_all:
            return [gevonden] if gevonden else []
        return gevonden or []

    def list(self, ignore_patterns):
        for pad, bron in self.bestanden.items():
            if not bron.is_file():
                continue
            storage = FileSystemStorage(location=bron.parent)
            storage.prefix = str(Path(pad).parent)
            yield bron.name, storage
