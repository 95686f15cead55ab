"""Security as the portal behaves: CSRF on every change, no public media, a strict CSP on every page.

That rendering fetches nothing from the network is tested with a real PDF in tests/documenten/test_pdf.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from drechtsteden.models import Rol
from tests.factories import GebruikerFactory
from tests.test_toegang import MATRIX, wereld  # noqa: F401  (the fixture of the access matrix)
from tests.tafels.factories import agendapunt, pdf, tafel_met_leden, vergadering


def _callbacks():
    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns)
            elif isinstance(p, URLPattern):
                yield str(p.pattern), p.callback

    return list(walk(get_resolver().url_patterns))


def test_no_view_is_csrf_exempt():
    """No URL, the admin included, switches CSRF protection off."""
    vrijgesteld = [patroon for patroon, callback in _callbacks() if getattr(callback, "csrf_exempt", False)]
    assert vrijgesteld == []
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_csp_has_no_unsafe_sources():
    """The Content-Security-Policy allows no unsafe-inline or unsafe-eval in any directive."""
    for richtlijn, bronnen in settings.SECURE_CSP.items():
        for bron in bronnen:
            assert "unsafe" not in str(bron), richtlijn
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_pages_send_the_strict_csp_header(client):
    """A real page answers with the CSP header: scripts by nonce only, styles from the site itself."""
    client.force_login(GebruikerFactory(rollen=[Rol.Soort.BESTUURDER]))
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp and "style-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"


# --- What every page sends ------------------------------------------------------------------------

FORMULIER_POST = re.compile(r"<form\b[^>]*method=[\"']post[\"'][^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
PAGINAS = sorted(naam for naam, regel in MATRIX.items() if regel.get and regel.get[3] == 200)


def _html_van(client, gebruiker, url: str) -> list[str]:
    """The page at ``url`` and its htmx fragment as ``gebruiker`` gets them, as far as they are HTML."""
    client.force_login(gebruiker)
    antwoorden = (client.get(url, headers=headers) for headers in ({}, {"HX-Request": "true"}))
    return [
        response.content.decode() for response in antwoorden
        if response.status_code == 200 and not getattr(response, "streaming", False)
        and response["Content-Type"].startswith("text/html")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("naam", PAGINAS)
def test_every_page_is_safe_as_sent(client, wereld, naam):
    """Each page and its htmx fragment, as the allowed user gets them: every post form carries the CSRF token,
    htmx sends it along, nothing inline that the CSP blocks, and no link to an uploaded file's storage URL."""
    gebruiker = wereld.gebruikers[MATRIX[naam].toegestaan]
    url = MATRIX[naam].url(wereld, gebruiker)
    for html in _html_van(client, gebruiker, url):
        for inhoud in FORMULIER_POST.findall(html):
            assert 'name="csrfmiddlewaretoken"' in inhoud, f"{url}: formulier zonder CSRF-token"
        if "<body" in html:
            # htmx posts carry the token through hx-headers on <body>, so no htmx endpoint needs an exemption.
            body = re.search(r"<body\b[^>]*>", html).group(0)
            assert re.search(r"hx-headers='\{\"x-csrftoken\": \"[A-Za-z0-9]{32,}\"\}'", body), f"{url}: {body}"
        assert not re.search(r"<[^>]+\sstyle=", html), f"{url}: style-attribuut"
        assert not re.search(r"<[^>]+\shx-on", html), f"{url}: hx-on"
        for script in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE):
            assert "src=" in script or "nonce=" in script, f"{url}: inline script zonder nonce"
        assert f'href="{settings.MEDIA_URL}' not in html and f'src="{settings.MEDIA_URL}' not in html, url


# --- Uploaded documents are never public ----------------------------------------------------------


def test_no_url_serves_media():
    """Nothing in the URL configuration answers under MEDIA_URL: documents go through the download view."""
    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL.strip('/')}/tafels/stukken/bestand.pdf")
    assert not getattr(settings, "WHITENOISE_ROOT", None)
    assert Path(settings.MEDIA_ROOT).resolve() not in {Path(d if isinstance(d, str | Path) else d[1]).resolve()
                                                       for d in settings.STATICFILES_DIRS}


@pytest.mark.django_db
def test_uploaded_document_is_not_reachable_by_its_storage_url(client):
    """The stored file's own URL gives 404 even to a member; the download view serves it as an attachment."""
    from tafels import services

    tafel = tafel_met_leden()
    punt = agendapunt(vergadering(tafel))
    versie = services.stuk_uploaden(agendapunt=punt, bestand=pdf("begroting.pdf"), titel="Begroting", door=tafel.secretaris)
    client.force_login(tafel.secretaris)
    assert client.get("/" + versie.bestand.url.lstrip("/")).status_code == 404
    response = client.get(reverse("tafels:stuk_download", args=[versie.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "begroting" not in versie.bestand.name  # stored under a random name


# --- Error pages speak Dutch --------------------------------------------------------------------


@pytest.mark.django_db
def test_error_pages_are_dutch(client):
    """404 and 403 answer with a Dutch page in the portal's layout, not Django's English default."""
    raadslid = GebruikerFactory(rollen=[Rol.Soort.RAADSLID])
    client.force_login(raadslid)
    niet_gevonden = client.get("/bestaat-niet/")
    assert niet_gevonden.status_code == 404
    assert "Pagina niet gevonden" in niet_gevonden.content.decode()
    geweigerd = client.get(reverse("coalities:nieuw"))
    assert geweigerd.status_code == 403
    assert "Geen toegang" in geweigerd.content.decode() and "Er is niets gewijzigd." in geweigerd.content.decode()
    scenario = client.get(reverse("financiering:scenario"))
    assert "Als raadslid kunt u de cijfers inzien" in scenario.content.decode()


def test_server_error_page_is_dutch_and_standalone():
    """The 500 page renders without a request and speaks Dutch."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html and 'lang="nl"' in html


# --- What users typed comes out escaped -------------------------------------------------------------

# Quotes and a tag: on a page unescaped, the tag would stand in the HTML as it is.
MARKERING = "\"'<x-x>"
GETYPT = {
    "naam", "titel", "tekst", "omschrijving", "doel", "beoogd_resultaat", "plaats", "first_name", "last_name",
    "toelichting", "reden", "gevraagd", "stelling", "besluit", "onderwerp",
}
EIGEN_APPS = {"drechtsteden", "tafels", "coalities", "financiering", "regiekamer", "documenten", "meldingen",
              "conferenties"}


def _markup_in_alles_wat_getypt_is() -> int:
    """Appends MARKERING to every name and text a user types, in every table of the portal; returns the count."""
    from django.apps import apps
    from django.db.models import CharField, F, TextField, Value
    from django.db.models.functions import Concat, Left

    from drechtsteden import bewaren

    aantal = 0
    for model in apps.get_models():
        if model._meta.app_label not in EIGEN_APPS or model.__name__.startswith("Historical"):
            continue
        velden = {}
        for veld in model._meta.concrete_fields:
            if veld.name in GETYPT and isinstance(veld, CharField | TextField) and not veld.choices:
                waarde = F(veld.name) if not veld.max_length else Left(veld.name, veld.max_length - len(MARKERING))
                velden[veld.name] = Concat(waarde, Value(MARKERING), output_field=veld)
        if velden:
            aantal += model.objects.update(**velden)
    bewaren.alles_vergeten()  # kept figures hold the names as they were
    return aantal


@pytest.mark.django_db
def test_every_page_escapes_what_users_typed(client, wereld):
    """Names, titles and texts with quotes and a tag in them come out escaped on every page and fragment,
    also where rows are written by template tags rather than templates."""
    paginas = []  # the addresses first: some are found by name
    for naam in PAGINAS:
        gebruiker = wereld.gebruikers[MATRIX[naam].toegestaan]
        paginas.append((gebruiker, MATRIX[naam].url(wereld, gebruiker)))
    assert _markup_in_alles_wat_getypt_is() > 50
    getoond = []
    for gebruiker, url in paginas:
        for html in _html_van(client, gebruiker, url):
            assert "<x-x>" not in html, f"{url}: {html[max(0, html.index('<x-x>') - 300):html.index('<x-x>') + 20]}"
            if "&lt;x-x&gt;" in html:
                getoond.append(url)
    # The marked names did reach the pages (most pages show some).
    assert len(set(getoond)) > len(PAGINAS) // 2, sorted(set(getoond))
