"""A meeting with real multi-page PDF documents, for agenda pack tests."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from drechtsteden.models import Rol
from tafels import services
from tafels.demo import demo_stuk_pdf
from tafels.models import Agendapunt, BestuurlijkeTafel, Stukversie, Vergadering
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, secretaris_van, tafel_met_leden, vergadering

TITELS = ["Ambitie bereikbaarheid 2030", "Projectvoorstellen fietsroutes", "Kleur bekennen per gemeente"]
STUKKEN = [(0, "Notitie ambitie", 3), (1, "Overzicht fietsroutes", 2), (1, "Kaartbijlage", 1), (2, "Sorteerbak", 2)]


@dataclass
class Pakketwereld:
    tafel: BestuurlijkeTafel
    vergadering: Vergadering
    punten: list[Agendapunt]
    stukken: list[Stukversie]


def pdf_upload(titel: str, paginas: int, kenmerk: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{titel.lower().replace(' ', '-')}.pdf", demo_stuk_pdf(titel, paginas, kenmerk=kenmerk),
                              content_type="application/pdf")


def pakketwereld(*, naam: str = "Tafel Bereikbaarheid") -> Pakketwereld:
    tafel = tafel_met_leden(naam=naam)
    for lid in tafel.lidmaatschappen.select_related("organisatie").order_by("organisatie__naam")[:2]:
        bestuurder = GebruikerFactory(organisatie=lid.organisatie, rollen=[Rol.Soort.BESTUURDER],
                                      email=f"bestuurder-{lid.organisatie.pk}@example.nl")
        services.lidmaatschap_vertegenwoordiger_instellen(
            lidmaatschap=lid, vertegenwoordiger=bestuurder, door=secretaris_van(lid),
        )
    v = vergadering(tafel)
    punten = [
        agendapunt(v, titel=titel, toelichting=f"Toelichting bij {titel.lower()}.\nTweede regel van de toelichting.",
                   door=tafel.secretaris)
        for titel in TITELS
    ]
    stukken = [
        services.stuk_uploaden(agendapunt=punten[i], bestand=pdf_upload(titel, n), titel=titel, door=tafel.secretaris)
        for i, titel, n in STUKKEN
    ]
    return Pakketwereld(tafel, v, punten, stukken)


def lezer(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pagina_teksten(data: bytes) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it (layout mode)."""
    tekst = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    paginas = tekst.split("\f")
    return paginas[:-1] if paginas and not paginas[-1].strip() else paginas
