"""PDFs that bring several apps together: context in, PDF bytes out.

Rendering goes through ``documenten.pdf``: its URL fetcher serves only the project's own static and
media files and fetches nothing else (no network, no ``file://``). User text is escaped by the
template engine.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from documenten import pdf as docpdf

from .selectors import Groeiperspectief, Raadsinformatie

STATIC_BASIS = docpdf.BASIS_URL + "static/"


def html_naar_pdf(html: str) -> bytes:
    """Tagged PDF (WeasyPrint's structure tree) through the safe fetcher."""
    return docpdf.html_document(html).write_pdf(pdf_tags=True)


def raadsinformatie_html(info: Raadsinformatie) -> str:
    with translation.override("nl"):
        return render_to_string("portaal/raadsinformatie_pdf.html", {"info": info, "static_basis": STATIC_BASIS})


def raadsinformatie_pdf(info: Raadsinformatie) -> bytes:
    """The raadsinformatie of one gemeente and year as a PDF, in Dutch."""
    return html_naar_pdf(raadsinformatie_html(info))


def bestandsnaam(info: Raadsinformatie) -> str:
    return f"raadsinformatie-{slugify(info.organisatie.naam)}-{info.jaar}.pdf"


def groeiperspectief_html(gp: Groeiperspectief, kaart, omschrijving: str) -> str:
    with translation.override("nl"):
        return render_to_string(
            "portaal/groeiperspectief_pdf.html",
            {"gp": gp, "kaart": kaart, "omschrijving": omschrijving, "static_basis": STATIC_BASIS, "pdf": True},
        )


def groeiperspectief_pdf(gp: Groeiperspectief, kaart, omschrijving: str) -> bytes:
    """The map (inline SVG, nothing fetched) and its list as a landscape PDF, in Dutch."""
    return html_naar_pdf(groeiperspectief_html(gp, kaart, omschrijving))
