"""PDFs that bring several apps together: context in, PDF bytes out.

WeasyPrint gets a URL fetcher that serves only the project's own static files and fetches nothing
else: no network, no ``file://``. User text is escaped by the template engine.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .selectors import Raadsinformatie

# A base URL that resolves nowhere: relative links become absolute under it and are then refused,
# except the project's own static files.
BASIS_URL = "https://portaal.invalid/"
STATIC_PREFIX = BASIS_URL + "static/"


class AlleenEigenBestanden(URLFetcher):
    """Serves the project's static files to WeasyPrint; every other URL is refused."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if not url.startswith(STATIC_PREFIX):
            raise ValueError(f"Geweigerd: {url[:100]}")
        relatief = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
        if ".." in relatief.split("/") or relatief.startswith("/"):
            raise ValueError(f"Geweigerd: {url[:100]}")
        pad = finders.find(relatief)
        if not pad:
            raise ValueError(f"Niet gevonden: {relatief[:100]}")
        with open(pad, "rb") as bestand:
            inhoud = bestand.read()
        soort = "text/css" if relatief.endswith(".css") else "application/octet-stream"
        return URLFetcherResponse(url, inhoud, {"Content-Type": soort})


def html_naar_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASIS_URL, url_fetcher=AlleenEigenBestanden()).write_pdf(pdf_tags=True)


def raadsinformatie_html(info: Raadsinformatie) -> str:
    with translation.override("nl"):
        return render_to_string("portaal/raadsinformatie_pdf.html", {"info": info, "static_basis": STATIC_PREFIX})


def raadsinformatie_pdf(info: Raadsinformatie) -> bytes:
    """The raadsinformatie of one gemeente and year as a PDF, in Dutch."""
    return html_naar_pdf(raadsinformatie_html(info))


def bestandsnaam(info: Raadsinformatie) -> str:
    from django.utils.text import slugify

    return f"raadsinformatie-{slugify(info.organisatie.naam)}-{info.jaar}.pdf"
