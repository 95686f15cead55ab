"""Spreadsheet exports: a text cell never starts a formula when the file is opened in Excel or Calc."""

from __future__ import annotations

import tablib
from django.http import HttpResponse

# A leading =, +, -, @, tab or carriage return makes a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def veilige_cel(waarde):
    """Text that would start a formula gets a leading apostrophe; numbers and other values stay as they are."""
    if isinstance(waarde, str) and waarde.startswith(_FORMULETEKENS):
        return "'" + waarde
    return waarde


def veilige_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset with every text cell made safe; headers and title are kept."""
    veilig = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for rij in dataset:
        veilig.append([veilige_cel(w) for w in rij])
    return veilig


def download(inhoud: bytes, formaat: str, bestandsnaam: str) -> HttpResponse:
    """An exported file (csv or xlsx) as an attachment named ``<bestandsnaam>.<formaat>``."""
    response = HttpResponse(inhoud, content_type=CONTENT_TYPES[formaat])
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    return response
