"""PDF building blocks: safe WeasyPrint rendering, cached sections, merging, footers and metadata.

A long document (an agenda pack, a report) is a list of **sections**. Each section is HTML that
starts on a new page; sections are rendered with WeasyPrint in as few passes as possible and cached
by the hash of their HTML, so a rebuild renders only what changed. Attachment pages are reserved
in the HTML by placeholder pages (``plaatshouders``) and replaced by the real pages when the
document is assembled. Page numbers ("pagina X van Y") are stamped on every page of the merged
document at the end, in the document's own font, so they are right across attachments and cached
sections alike.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils.html import escape
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this made-up origin; the fetcher maps it to static and media files.
BASIS_URL = "https://portaal.pdf.invalid/"
A4 = (595.2756, 841.8898)
MM = 72 / 25.4
SECTIE_CACHE_SECONDEN = 60 * 60 * 24 * 30
PLAATSHOUDER_PREFIX = "plaatshouder-"


class GeweigerdeURL(ValueError):
    """A resource outside the portal's own static and media files."""


class VeiligeFetcher(URLFetcher):
    """Serves only the portal's own static and media files; fetches nothing else (no network, no file://)."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if not url.startswith(BASIS_URL):
            raise GeweigerdeURL(f"Geweigerd: {url[:200]}")
        pad = unquote(urlsplit(url).path).lstrip("/")
        genormaliseerd = posixpath.normpath(pad)
        if genormaliseerd != pad or genormaliseerd.startswith("..") or "\\" in pad or "\x00" in pad:
            raise GeweigerdeURL(f"Geweigerd: {url[:200]}")
        static = settings.STATIC_URL.strip("/") + "/"
        media = settings.MEDIA_URL.strip("/") + "/"
        if pad.startswith(static):
            gevonden = finders.find(pad.removeprefix(static))
            if not gevonden:
                raise GeweigerdeURL(f"Niet gevonden: {url[:200]}")
            with open(gevonden, "rb") as bestand:
                return URLFetcherResponse(url, bestand.read(), {"Content-Type": _mime(pad)})
        if pad.startswith(media):
            naam = pad.removeprefix(media)
            with default_storage.open(naam, "rb") as bestand:
                return URLFetcherResponse(url, bestand.read(), {"Content-Type": _mime(pad)})
        raise GeweigerdeURL(f"Geweigerd: {url[:200]}")


def _mime(pad: str) -> str:
    import mimetypes

    return mimetypes.guess_type(pad)[0] or "application/octet-stream"


def html_document(html: str):
    """A WeasyPrint document (laid out pages with anchors) from HTML, with the safe fetcher."""
    return HTML(string=html, base_url=BASIS_URL, url_fetcher=VeiligeFetcher()).render()


def html_naar_pdf(html: str) -> bytes:
    return html_document(html).write_pdf()


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def plaatshouders(anker: str, aantal: int) -> str:
    """HTML for ``aantal`` empty pages that the assembly replaces by attachment pages."""
    return "".join(
        f'<div class="plaatshouder" id="{PLAATSHOUDER_PREFIX}{escape(anker)}-{n}"></div>' for n in range(aantal)
    )


# --- Sections ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sectie:
    """HTML of one part of a document; it starts on a new page."""

    sleutel: str
    html: str


@dataclass
class GerenderdeSectie:
    sleutel: str
    blok: str
    start: int
    aantal: int
    # element id -> page offset within the section (for the table of contents and the outline)
    ankers: dict[str, int] = field(default_factory=dict)
    # page offset -> (attachment anchor, page of the attachment)
    plaatshouders: dict[int, tuple[str, int]] = field(default_factory=dict)


class Sectierenderer:
    """Renders sections (cached by content hash) inside one HTML frame (head with the stylesheet)."""

    def __init__(self, *, kop: str, taal: str = "nl") -> None:
        self.kop = kop
        self.taal = taal
        self.kop_hash = sha256(kop)
        self._blokken: dict[str, PdfReader] = {}
        self.gerenderd_aantal = 0

    def _sleutel(self, sectie: Sectie) -> str:
        return sha256(self.kop_hash + "\x00" + sectie.html)

    def _html(self, secties: Sequence[Sectie]) -> str:
        lichaam = "".join(
            f'<section class="sectie" id="sectie-{escape(s.sleutel)}">{s.html}</section>' for s in secties
        )
        return f'<!DOCTYPE html><html lang="{self.taal}"><head><meta charset="utf-8">{self.kop}</head><body>{lichaam}</body></html>'

    def renderen(
        self, secties: Sequence[Sectie], *, per_keer: int = 0, voortgang: Callable[[int], None] | None = None
    ) -> list[GerenderdeSectie]:
        """The sections in order; cached ones come from the cache, the others are rendered in batches."""
        resultaat: dict[str, GerenderdeSectie] = {}
        te_renderen: list[tuple[Sectie, str]] = []
        for sectie in secties:
            sleutel = self._sleutel(sectie)
            opgeslagen = cache.get(f"documenten:sectie:{sleutel}")
            if opgeslagen and self._blok(opgeslagen["blok"]) is not None:
                resultaat[sectie.sleutel] = GerenderdeSectie(
                    sleutel=sectie.sleutel, blok=opgeslagen["blok"], start=opgeslagen["start"],
                    aantal=opgeslagen["aantal"], ankers=opgeslagen["ankers"],
                    plaatshouders={int(k): tuple(v) for k, v in opgeslagen["plaatshouders"].items()},
                )
                if voortgang:
                    voortgang(1)
            else:
                te_renderen.append((sectie, sleutel))
        grootte = per_keer or len(te_renderen) or 1
        for i in range(0, len(te_renderen), grootte):
            partij = te_renderen[i : i + grootte]
            for gerenderd, (sectie, sleutel) in zip(self._partij(partij), partij, strict=True):
                resultaat[sectie.sleutel] = gerenderd
                cache.set(
                    f"documenten:sectie:{sleutel}",
                    {"blok": gerenderd.blok, "start": gerenderd.start, "aantal": gerenderd.aantal,
                     "ankers": gerenderd.ankers, "plaatshouders": gerenderd.plaatshouders},
                    SECTIE_CACHE_SECONDEN,
                )
            if voortgang:
                voortgang(len(partij))
        return [resultaat[s.sleutel] for s in secties]

    def _partij(self, partij: list[tuple[Sectie, str]]) -> list[GerenderdeSectie]:
        document = html_document(self._html([s for s, _ in partij]))
        self.gerenderd_aantal += len(partij)
        data = document.write_pdf()
        blok = sha256(data)
        cache.set(f"documenten:blok:{blok}", data, SECTIE_CACHE_SECONDEN)
        self._blokken[blok] = PdfReader(io.BytesIO(data))
        starts: dict[str, int] = {}
        ankers_per_pagina: list[Iterable[str]] = []
        for index, pagina in enumerate(document.pages):
            ankers_per_pagina.append(pagina.anchors.keys())
            for anker in pagina.anchors:
                if anker.startswith("sectie-"):
                    starts.setdefault(anker.removeprefix("sectie-"), index)
        uitkomst = []
        volgorde = [s.sleutel for s, _ in partij]
        for n, sleutel in enumerate(volgorde):
            start = starts[sleutel]
            einde = starts[volgorde[n + 1]] if n + 1 < len(volgorde) else len(document.pages)
            gerenderd = GerenderdeSectie(sleutel=sleutel, blok=blok, start=start, aantal=einde - start)
            for offset in range(einde - start):
                for anker in ankers_per_pagina[start + offset]:
                    if anker.startswith(PLAATSHOUDER_PREFIX):
                        naam, _, pagina = anker.removeprefix(PLAATSHOUDER_PREFIX).rpartition("-")
                        gerenderd.plaatshouders[offset] = (naam, int(pagina))
                        if pagina == "0":
                            gerenderd.ankers.setdefault(f"bijlage-{naam}", offset)
                    elif not anker.startswith("sectie-"):
                        gerenderd.ankers.setdefault(anker, offset)
            uitkomst.append(gerenderd)
        return uitkomst

    def _blok(self, naam: str) -> PdfReader | None:
        if naam not in self._blokken:
            data = cache.get(f"documenten:blok:{naam}")
            if data is None:
                return None
            self._blokken[naam] = PdfReader(io.BytesIO(data))
        return self._blokken[naam]

    def lezer(self, naam: str) -> PdfReader:
        lezer = self._blok(naam)
        if lezer is None:  # pragma: no cover - evicted between lookup and assembly
            raise RuntimeError("Sectie niet meer in de cache")
        return lezer


# --- Assembly ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bladwijzer:
    titel: str
    pagina: int  # 0-based page index in the merged document
    niveau: int = 0


def pagina_indeling(secties: Sequence[GerenderdeSectie], begin: int = 0) -> dict[str, int]:
    """Anchor -> 0-based page index in the merged document, for sections laid out from ``begin``."""
    indeling: dict[str, int] = {}
    pagina = begin
    for sectie in secties:
        indeling[f"sectie-{sectie.sleutel}"] = pagina
        for anker, offset in sectie.ankers.items():
            indeling.setdefault(anker, pagina + offset)
        pagina += sectie.aantal
    return indeling


def samenstellen(
    renderer: Sectierenderer,
    secties: Sequence[GerenderdeSectie],
    *,
    bijlagen: dict[str, PdfReader],
    voettekst: Voettekst | None,
    bladwijzers: Sequence[Bladwijzer] = (),
    titel: str = "",
    auteur: str = "",
    onderwerp: str = "",
) -> bytes:
    """One PDF: the sections' pages with each placeholder replaced by its attachment page."""
    writer = PdfWriter()
    for sectie in secties:
        lezer = renderer.lezer(sectie.blok)
        for offset in range(sectie.aantal):
            if offset in sectie.plaatshouders:
                anker, n = sectie.plaatshouders[offset]
                writer.add_page(bijlagen[anker].pages[n])
            else:
                writer.add_page(lezer.pages[sectie.start + offset])
    if voettekst is not None:
        voettekst.stempelen(writer)
    ouders: dict[int, object] = {}
    for bladwijzer in bladwijzers:
        ouder = ouders.get(bladwijzer.niveau - 1) if bladwijzer.niveau else None
        ouders[bladwijzer.niveau] = writer.add_outline_item(
            title=bladwijzer.titel, page_number=bladwijzer.pagina, parent=ouder
        )
    return afronden(writer, titel=titel, auteur=auteur, onderwerp=onderwerp)


def afronden(writer: PdfWriter, *, titel: str, auteur: str = "", onderwerp: str = "", taal: str = "nl") -> bytes:
    """Language, title and viewer preferences on the document catalog, then the bytes."""
    metadata = {"/Title": titel, "/Producer": "Samenwerkingsportaal Drechtsteden"}
    if auteur:
        metadata["/Author"] = auteur
    if onderwerp:
        metadata["/Subject"] = onderwerp
    writer.add_metadata(metadata)
    writer._root_object[NameObject("/Lang")] = TextStringObject(taal)
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): NameObject("/true")}
    )
    if len(writer.outline):
        writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def samenvoegen(pdfs: Iterable[bytes], *, titel: str) -> bytes:
    """Appends whole PDFs one after another."""
    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    return afronden(writer, titel=titel)


# --- Footer stamp --------------------------------------------------------------------------------

_TF = re.compile(rb"/(\S+) [\d.]+ Tf")
_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


class Voettekst:
    """Stamps a footer on every page: a fixed text on the left, "pagina X van Y" on the right.

    The left text and the glyphs of the right text are rendered once by WeasyPrint (same font as
    the document, set in ``css``); each page then gets a small form XObject with its own page
    number. Rendering a footer page per page would cost as much as the document itself.
    """

    RECHTS = "pagina {x} van {y}"

    def __init__(self, *, links: str, css: str, lettergrootte: float = 8.0, kleur: tuple[float, float, float] = (0.2, 0.2, 0.2), marge_mm: float = 18.0, hoogte_mm: float = 9.0) -> None:
        self.links = links
        self.lettergrootte = lettergrootte
        self.kleur = kleur
        self.marge = marge_mm * MM
        self.hoogte = hoogte_mm * MM
        tekens = "".join(sorted(set(self.RECHTS.replace("{x}", "").replace("{y}", "") + "0123456789")))
        html = (
            f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>{css}'
            f"@page {{ size: A4; margin: 0; }} body {{ margin: 0; }} .voet-pagina {{ height: 100mm; }}"
            f".voet-links {{ position: absolute; left: {marge_mm}mm; bottom: {hoogte_mm - 0.45:.2f}mm; font-size: {lettergrootte}pt; line-height: 1; }}"
            f".voet-tekens {{ break-before: page; font-size: {lettergrootte}pt; font-variant-ligatures: none; }}"
            f'</style></head><body><div class="voet-pagina"><div class="voet-links">{escape(links)}</div></div>'
            f'<div class="voet-tekens">{escape(tekens)}</div></body></html>'
        )
        lezer = PdfReader(io.BytesIO(html_naar_pdf(html)))
        eerste, tweede = lezer.pages[0], lezer.pages[1]
        self._links_inhoud = eerste.get_contents().get_data()
        self._bronnen = eerste["/Resources"]
        fontnaam = _TF.search(tweede.get_contents().get_data()).group(1).decode()
        font = tweede["/Resources"]["/Font"][f"/{fontnaam}"].get_object()
        self._fontnaam = fontnaam
        cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        self._glyph: dict[str, str] = {}
        for code, uni in _BFCHAR.findall(cmap.split("beginbfchar", 1)[-1]):
            self._glyph[chr(int(uni, 16))] = code.lower()
        afstammeling = font["/DescendantFonts"][0].get_object()
        self._breedte: dict[int, float] = {}
        w = afstammeling.get("/W", [])
        i = 0
        while i < len(w):
            begin = int(w[i])
            if isinstance(w[i + 1], list | ArrayObject):
                for n, breedte in enumerate(w[i + 1]):
                    self._breedte[begin + n] = float(breedte)
                i += 2
            else:
                for code in range(begin, int(w[i + 1]) + 1):
                    self._breedte[code] = float(w[i + 2])
                i += 3
        self._standaard_breedte = float(afstammeling.get("/DW", 1000))

    def _rechts(self, tekst: str) -> bytes:
        codes = [self._glyph[teken] for teken in tekst]
        breedte = sum(self._breedte.get(int(c, 16), self._standaard_breedte) for c in codes) * self.lettergrootte / 1000
        x = A4[0] - self.marge - breedte
        y = self.hoogte
        r, g, b = self.kleur
        return (
            f"q {r} {g} {b} rg BT /{self._fontnaam} {self.lettergrootte} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm "
            f"<{''.join(codes)}> Tj ET Q"
        ).encode()

    def stempelen(self, writer: PdfWriter) -> None:
        totaal = len(writer.pages)
        bronnen = self._bronnen.clone(writer)
        bronnen_ref = bronnen.indirect_reference or writer._add_object(bronnen)
        open_ref = writer._add_object(_stroom(b"q\n"))
        for index, pagina in enumerate(writer.pages):
            inhoud = b"q " + self._links_inhoud + b" Q\n" + self._rechts(self.RECHTS.format(x=index + 1, y=totaal))
            xobject = _stroom(inhoud)
            xobject.update({
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(A4[0]), FloatObject(A4[1])]),
                NameObject("/Resources"): bronnen_ref,
            })
            naam = f"/DsVoet{index}"
            resources = pagina.get("/Resources")
            if resources is None:
                resources = DictionaryObject()
                pagina[NameObject("/Resources")] = resources
            else:
                resources = resources.get_object()
            xobjects = resources.get("/XObject")
            if xobjects is None:
                xobjects = DictionaryObject()
                resources[NameObject("/XObject")] = xobjects
            else:
                xobjects = xobjects.get_object()
            xobjects[NameObject(naam)] = writer._add_object(xobject)
            kader = pagina.mediabox
            breedte, laag, links = float(kader.width), float(kader.bottom), float(kader.left)
            schaal = min(1.0, breedte / A4[0])
            tx = links + (breedte - A4[0] * schaal) / 2
            sluit = _stroom(f"Q q {schaal:.4f} 0 0 {schaal:.4f} {tx:.2f} {laag:.2f} cm {naam} Do Q\n".encode())
            ruw = dict.get(pagina, "/Contents")
            bestaand = ruw.get_object() if ruw is not None else None
            delen = list(bestaand) if isinstance(bestaand, ArrayObject) else ([ruw] if ruw is not None else [])
            pagina[NameObject("/Contents")] = ArrayObject([open_ref, *delen, writer._add_object(sluit)])


def _stroom(data: bytes) -> DecodedStreamObject:
    stroom = DecodedStreamObject()
    stroom.set_data(data)
    stroom[NameObject("/Length")] = NumberObject(len(data))
    return stroom
