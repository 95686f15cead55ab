"""The impression report of a work conference as a document job: programme, pitches, world café,
harvest per table and round, and the wall. Plain functions; documenten runs them in a Celery job."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documenten.pdf import html_naar_pdf
from documenten.registry import Bouwfout

from . import selectors
from .models import Werkconferentie
from .permissions import mag_conferentie_organiseren

SOORT = "impressieverslag"


def parameters(gegevens: Mapping[str, str]) -> dict[str, Any]:
    waarde = str(gegevens.get("conferentie", "")).strip()
    if not (waarde.isascii() and waarde.isdigit() and len(waarde) <= 12):
        raise ValidationError(_("Kies een werkconferentie."), code="conferentie")
    if not Werkconferentie.objects.filter(pk=int(waarde)).exists():
        raise ValidationError(_("Deze werkconferentie bestaat niet."), code="conferentie")
    return {"conferentie": int(waarde)}


def _conferentie(parameters: dict[str, Any]) -> Werkconferentie | None:
    return Werkconferentie.objects.filter(pk=parameters.get("conferentie")).first()


def bouwen(parameters: dict[str, Any], voortgang) -> bytes:
    try:
        pagina = selectors.conferentie_pagina(parameters["conferentie"])
    except (KeyError, Werkconferentie.DoesNotExist):
        raise Bouwfout(_("Deze werkconferentie bestaat niet meer.")) from None
    voortgang(0, 1, _("Impressieverslag"))
    pdf = html_naar_pdf(render_to_string("conferenties/impressie_pdf.html", {"pagina": pagina, "conferentie": pagina.conferentie}))
    voortgang(1, 1, _("Impressieverslag"))
    return pdf


def mag_zien(gebruiker, parameters: dict[str, Any]) -> bool:
    return gebruiker.is_authenticated and _conferentie(parameters) is not None


def mag_starten(gebruiker, parameters: dict[str, Any]) -> bool:
    conferentie = _conferentie(parameters)
    return conferentie is not None and mag_conferentie_organiseren(gebruiker, conferentie)


def bestandsnaam(parameters: dict[str, Any]) -> str:
    conferentie = _conferentie(parameters)
    return f"impressieverslag-{slugify(conferentie.titel) if conferentie else 'conferentie'}-{conferentie.datum if conferentie else ''}.pdf"


def terug_url(parameters: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse("conferenties:detail", args=[parameters["conferentie"]]) + "#impressieverslag"
