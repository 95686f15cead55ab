"""Spreadsheet exports for a Dutch finance officer: one writer for every CSV and XLSX of the portal.

- CSV: semicolon between cells and a decimal comma (what Dutch Excel expects), UTF-8 with a byte
  order mark so Excel reads é and ë.
- XLSX: amounts and quantities are numbers (with a euro or number format), years are integers, dates
  are dates, every sheet has a name that says what it holds and headers in Dutch words.
- In both, a text cell never starts a formula when the file is opened in Excel or Calc.

An export describes its columns (`Kolom`: header and kind) and its rows once; `exporteer` writes
them as CSV or XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .invoer import formatteer_decimaal

# A leading =, +, -, @, tab or carriage return makes a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")

CSV = "csv"
XLSX = "xlsx"
FORMATEN = (CSV, XLSX)

CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# The kinds of column; each decides how a value is written in CSV and XLSX.
TEKST = "tekst"
BEDRAG = "bedrag"  # euro to the cent
GETAL = "getal"  # a quantity with up to two decimals (hours, fte, weights, percentages)
JAAR = "jaar"  # a whole year, 2026
DATUM = "datum"

_XLSX_FORMATEN = {
    BEDRAG: '#,##0.00;-#,##0.00',
    GETAL: "#,##0.##",
    JAAR: "0",
    DATUM: "dd-mm-yyyy",
}
# Characters Excel does not allow in a sheet name; 31 characters at most.
_BLADNAAM_VERBODEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Kolom:
    """A column of an export: its Dutch header and the kind of its values."""

    kop: str
    soort: str = TEKST


@dataclass
class Blad:
    """One table: a sheet in the XLSX (the first one is the CSV)."""

    naam: str
    kolommen: Sequence[Kolom]
    rijen: list[Sequence] = field(default_factory=list)


def veilige_cel(waarde):
    """Text that would start a formula gets a leading apostrophe; numbers and other values stay as they are."""
    if isinstance(waarde, str) and waarde.startswith(_FORMULETEKENS):
        return "'" + waarde
    return waarde


def bladnaam(naam: str) -> str:
    """A sheet name Excel accepts: without []:*?/\\ and at most 31 characters."""
    return _BLADNAAM_VERBODEN.sub("-", str(naam)).strip()[:31] or "Blad"


def _als_getal(waarde) -> Decimal | int | None:
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, Decimal | int) and not isinstance(waarde, bool):
        return waarde
    return Decimal(str(waarde))


def _csv_waarde(waarde, soort: str) -> str:
    if waarde is None or waarde == "":
        return ""
    if soort in (BEDRAG, GETAL):
        getal = _als_getal(waarde)
        if soort == GETAL and getal == getal.to_integral_value():
            return str(int(getal))
        # No thousands separator: "200000,50" is read as a number by any Dutch spreadsheet.
        return formatteer_decimaal(getal, 2).replace(".", "")
    if soort == JAAR:
        return str(int(waarde))
    if soort == DATUM and isinstance(waarde, datetime.date):
        return waarde.strftime("%d-%m-%Y")
    return str(veilige_cel(str(waarde)))


def _xlsx_waarde(waarde, soort: str):
    if waarde is None or waarde == "":
        return None
    if soort in (BEDRAG, GETAL):
        return _als_getal(waarde)
    if soort == JAAR:
        return int(waarde)
    if soort == DATUM and isinstance(waarde, datetime.date):
        return waarde
    return veilige_cel(str(waarde))


def als_csv(blad: Blad) -> bytes:
    """The table as CSV for Dutch Excel: `;`, decimal comma, UTF-8 with byte order mark."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([veilige_cel(k.kop) for k in blad.kolommen])
    for rij in blad.rijen:
        schrijver.writerow([_csv_waarde(w, k.soort) for w, k in zip(rij, blad.kolommen, strict=True)])
    return uit.getvalue().encode("utf-8-sig")


def als_xlsx(bladen: Iterable[Blad]) -> bytes:
    """The tables as one workbook, a sheet each; numbers as numbers, headers bold and frozen."""
    boek = Workbook()
    boek.remove(boek.active)
    gebruikt: set[str] = set()
    for blad in bladen:
        naam = bladnaam(blad.naam)
        while naam.lower() in gebruikt:
            naam = bladnaam(f"{naam[:28]} {len(gebruikt) + 1}")
        gebruikt.add(naam.lower())
        werkblad = boek.create_sheet(naam)
        werkblad.append([veilige_cel(k.kop) for k in blad.kolommen])
        for cel in werkblad[1]:
            cel.font = Font(bold=True)
        for rij in blad.rijen:
            werkblad.append([_xlsx_waarde(w, k.soort) for w, k in zip(rij, blad.kolommen, strict=True)])
        for index, kolom in enumerate(blad.kolommen, start=1):
            letter = get_column_letter(index)
            breedte = max([len(kolom.kop)] + [len(_csv_waarde(r[index - 1], kolom.soort)) for r in blad.rijen])
            werkblad.column_dimensions[letter].width = min(max(breedte + 2, 10), 60)
            if kolom.soort in _XLSX_FORMATEN:
                for (cel,) in werkblad.iter_rows(min_row=2, min_col=index, max_col=index):
                    cel.number_format = _XLSX_FORMATEN[kolom.soort]
        werkblad.freeze_panes = "A2"
    if not boek.worksheets:
        boek.create_sheet("Blad")
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def exporteer(bladen: Sequence[Blad], formaat: str) -> bytes:
    """CSV holds the first table; XLSX holds them all, a sheet each."""
    if formaat == CSV:
        return als_csv(bladen[0])
    if formaat == XLSX:
        return als_xlsx(bladen)
    raise ValueError(formaat)


def download(inhoud: bytes, formaat: str, bestandsnaam: str) -> HttpResponse:
    """An exported file (csv or xlsx) as an attachment named ``<bestandsnaam>.<formaat>``."""
    response = HttpResponse(inhoud, content_type=CONTENT_TYPES[formaat])
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    return response
