"""Security settings: CSRF on every change, no public media, a strict CSP, no network fetches in rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from drechtsteden.models import Rol
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, pdf, tafel_met_leden, vergadering

BASE_DIR = Path(settings.BASE_DIR)
APPS = ("drechtsteden", "documenten", "tafels", "coalities", "financiering", "regiekamer")


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


def test_no_source_uses_csrf_exempt():
    """The apps never import csrf_exempt."""
    for app in APPS:
        for bestand in (BASE_DIR / app).rglob("*.py"):
            assert "csrf_exempt" not in bestand.read_text(encoding="utf-8"), bestand


def test_every_post_form_carries_a_csrf_token():
    """Each <form method="post"> in the templates contains {% csrf_token %}."""
    formulier = re.compile(r"<form\b[^>]*method=[\"']post[\"'][^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
    for template in (BASE_DIR / "templates").rglob("*.html"):
        for inhoud in formulier.findall(template.read_text(encoding="utf-8")):
            assert "csrf_token" in inhoud, template


def test_htmx_requests_send_the_csrf_token():
    """htmx posts carry the token through hx-headers on <body>, so no htmx endpoint needs an exemption."""
    assert "x-csrftoken" in (BASE_DIR / "templates" / "base.html").read_text(encoding="utf-8").lower()


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


def test_templates_have_no_inline_styles_or_scripts():
    """No style="" attribute, no inline <script> without a nonce and no hx-on in the templates (CSP blocks them)."""
    for template in (BASE_DIR / "templates").rglob("*.html"):
        tekst = template.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle=", tekst), template
        assert not re.search(r"\shx-on", tekst), template
        for script in re.findall(r"<script\b[^>]*>", tekst, re.IGNORECASE):
            assert "src=" in script or "nonce" in script, template


# --- Uploaded documents are never public ----------------------------------------------------------


def test_no_url_serves_media():
    """Nothing in the URL configuration answers under MEDIA_URL: documents go through the download view."""
    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL.strip('/')}/tafels/stukken/bestand.pdf")
    assert not getattr(settings, "WHITENOISE_ROOT", None)
    assert Path(settings.MEDIA_ROOT).resolve() not in {Path(d if isinstance(d, str | Path) else d[1]).resolve()
                                                       for d in settings.STATICFILES_DIRS}


def test_templates_never_link_a_file_url():
    """No template links an uploaded file's .url; links go to the checked download view."""
    for template in (BASE_DIR / "templates").rglob("*.html"):
        assert not re.search(r"bestand\.url", template.read_text(encoding="utf-8")), template


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


# --- Rendering fetches nothing from the network ---------------------------------------------------


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
