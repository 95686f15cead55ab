"""Scrolling table containers that keyboard and screen-reader users can reach (WCAG 2.1.1, 1.3.1).

    <div class="utrecht-table__container" {% tabelregio %}>
      <table class="utrecht-table …">
        <caption class="utrecht-table__caption" {% tabelbijschrift %}>…</caption>

`tabelregio` makes the container a focusable, named region labelled by the caption that follows;
`tabelbijschrift` gives that caption the id. Ids are unique within one response, also when a
partial with a table is included several times.

`{{ obj|keuzelabel:"status" }}` is `obj.get_status_display` for table rows: Django's version rebuilds
the choices and translates every label at each call, which adds up over a long list.
"""

import functools
import itertools

from django import template
from django.db.models import Model
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_reserve = itertools.count(1)
_SLEUTEL = "_tabelregio_volgnummer"
_HUIDIG = "tabelregio_id"


def _volgend_id(context: template.Context) -> str:
    request = context.get("request")
    if request is None:
        return f"tabel-r{next(_reserve)}"
    nummer = getattr(request, _SLEUTEL, 0) + 1
    setattr(request, _SLEUTEL, nummer)
    return f"tabel-{nummer}"


@register.simple_tag(takes_context=True)
def tabelregio(context: template.Context) -> str:
    kop_id = _volgend_id(context)
    context[_HUIDIG] = kop_id
    return format_html('tabindex="0" role="region" aria-labelledby="{}"', kop_id)


@register.simple_tag(takes_context=True)
def tabelbijschrift(context: template.Context) -> str:
    return format_html('id="{}"', context.get(_HUIDIG, ""))


@functools.cache
def _labels(model: type[Model], veld: str, taal: str) -> dict:
    return {waarde: str(label) for waarde, label in model._meta.get_field(veld).flatchoices}


@register.filter
def keuzelabel(obj: Model, veld: str) -> str:
    """The label of the choice in ``obj.<veld>`` in the active language, as ``get_<veld>_display``; empty
    for no object (a missing row in the context)."""
    if obj is None or obj == "":
        return ""
    waarde = getattr(obj, veld)
    return _labels(type(obj), veld, translation.get_language() or "").get(waarde, waarde)


# Rows and list items written in Python by the tags of long pages (a template per row costs lookups,
# translations and a URL reversal for each).


def url_met_id(naam: str, *args) -> str:
    """The URL ``naam`` with ``{}`` where its last argument, an id, goes: reversed once for a whole list (and
    kept per URL configuration and script prefix, as a page asks for it in every agenda item)."""
    return _url_met_id(get_urlconf(), get_script_prefix(), naam, args)


@functools.lru_cache(maxsize=256)
def _url_met_id(urlconf, prefix: str, naam: str, args: tuple) -> str:
    return reverse(naam, urlconf=urlconf, args=[*args, 0]).replace("/0/", "/{}/")


def regels(stukken, inspringing: int | None) -> SafeString:
    """Rows or list items (each already escaped) as a ``{% for %}`` writes them: each on its own line indented by
    ``inspringing`` spaces and the loop's closing line two less, or (None) one after the other."""
    if inspringing is None:
        return mark_safe("".join(stukken))
    voor, na = "\n" + " " * inspringing, "\n" + " " * (inspringing - 2)
    return mark_safe("".join(f"{voor}{stuk}{na}" for stuk in stukken))
