"""Exports of coalities, deelnames and toezeggingen as CSV or XLSX for Dutch Excel.

Each export is a list of columns: the import's column name (so an exported file can be imported
again), a Dutch header and the kind of value; `drechtsteden.spreadsheets` writes the file.
"""

from __future__ import annotations

from collections.abc import Callable

from drechtsteden.spreadsheets import BEDRAG, DATUM, GETAL, JAAR, TEKST, Blad, Kolom, exporteer

from .models import Coalitie, Deelname, Toezegging

# (column name of the import, Dutch header, kind, value of a row)
_Kolom = tuple[str, str, str, Callable]

KOLOMMEN: dict[str, list[_Kolom]] = {
    "coalities": [
        ("naam", "Naam", TEKST, lambda c: c.naam),
        ("thema", "Thema", TEKST, lambda c: c.thema.naam),
        ("tafel", "Tafel", TEKST, lambda c: c.tafel.naam if c.tafel_id else ""),
        ("status", "Status", TEKST, lambda c: c.get_status_display()),
        ("trekker", "Trekker", TEKST, lambda c: c.trekker.naam),
        ("doel", "Doel", TEKST, lambda c: c.doel),
        ("beoogd_resultaat", "Beoogd resultaat", TEKST, lambda c: c.beoogd_resultaat),
        ("resultaatdatum", "Resultaatdatum", DATUM, lambda c: c.resultaatdatum),
        ("startdatum", "Startdatum", DATUM, lambda c: c.startdatum),
    ],
    "deelnames": [
        ("coalitie", "Coalitie", TEKST, lambda d: d.coalitie.naam),
        ("organisatie", "Organisatie", TEKST, lambda d: d.organisatie.naam),
        ("variant", "Variant", TEKST, lambda d: d.get_variant_display()),
        ("solidariteitsbijdrage", "Solidariteitsbijdrage per jaar (€)", BEDRAG, lambda d: d.solidariteitsbijdrage),
        ("instapdatum", "Instapdatum", DATUM, lambda d: d.instapdatum),
        ("instapfee", "Instapfee (€)", BEDRAG, lambda d: d.instapfee),
    ],
    "toezeggingen": [
        ("coalitie", "Coalitie", TEKST, lambda t: t.deelname.coalitie.naam),
        ("organisatie", "Organisatie", TEKST, lambda t: t.deelname.organisatie.naam),
        ("soort", "Soort", TEKST, lambda t: t.get_soort_display()),
        ("hoeveelheid", "Hoeveelheid", GETAL, lambda t: t.hoeveelheid),
        ("eenheid", "Eenheid", TEKST, lambda t: t.get_eenheid_display()),
        ("omschrijving", "Omschrijving", TEKST, lambda t: t.omschrijving),
        ("jaar_van", "Vanaf jaar", JAAR, lambda t: t.jaar_van),
        ("jaar_tot", "Tot en met jaar", JAAR, lambda t: t.jaar_tot),
    ],
}

BLADNAMEN = {"coalities": "Coalities", "deelnames": "Deelnames", "toezeggingen": "Toezeggingen"}

QUERYSETS: dict[str, Callable] = {
    "coalities": lambda: Coalitie.objects.select_related("thema", "tafel", "trekker").order_by("naam"),
    "deelnames": lambda: Deelname.objects.select_related("coalitie", "organisatie"),
    "toezeggingen": lambda: Toezegging.objects.select_related("deelname__coalitie", "deelname__organisatie"),
}

SOORTEN = tuple(KOLOMMEN)

# A Dutch header read back by the import: "solidariteitsbijdrage per jaar (€)" -> "solidariteitsbijdrage".
KOP_NAAR_KOLOM = {kop.lower(): naam for kolommen in KOLOMMEN.values() for naam, kop, _soort, _w in kolommen}


def exporteer_soort(soort: str, formaat: str) -> bytes:
    """All coalities, deelnames or toezeggingen as a CSV or XLSX file."""
    kolommen = KOLOMMEN[soort]
    rijen = [[waarde(obj) for _naam, _kop, _soort, waarde in kolommen] for obj in QUERYSETS[soort]()]
    blad = Blad(BLADNAMEN[soort], [Kolom(kop, soort_) for _naam, kop, soort_, _w in kolommen], rijen)
    return exporteer([blad], formaat)
