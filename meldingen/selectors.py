"""Reads for the notification pages, each in a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from drechtsteden.models import Gebruiker

from .models import Melding

PER_PAGINA = 20


def meldingen_pagina(gebruiker: Gebruiker, pagina: str | int | None) -> Page:
    """One page of the person's notifications, newest first (two queries: count and page)."""
    return Paginator(Melding.objects.filter(ontvanger=gebruiker).order_by("-aangemaakt_op", "-id"), PER_PAGINA).get_page(
        pagina
    )


def aantal_ongelezen(gebruiker: Gebruiker) -> int:
    return Melding.objects.filter(ontvanger=gebruiker, gelezen_op__isnull=True).count()
