"""The sorteerbak's cells, rendered in Python: at 20 organisations × 300 coalitions a template per cell
cost most of the page's time (about 0.15 ms of template lookups per cell).

One implementation for the whole matrix and for the single cell that htmx swaps after a change.
"""

import functools

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drechtsteden.opmaak import euro
from drechtsteden.templatetags.tabellen import keuzelabel

from ..models import Deelname
from .coalities_tags import deelname_telling

register = template.Library()


def _stukken() -> dict[str | None, str]:
    """The escaped content of a cell per variant, "nog geen keuze" (key True) and empty (None), per language."""
    return _stukken_in(translation.get_language() or "")


@functools.lru_cache(maxsize=8)
def _stukken_in(taal: str) -> dict[str | None, str]:
    stukken: dict[str | bool | None, str] = {
        waarde: format_html('<span class="coalities-variant coalities-variant--{}">{}</span>', waarde, label)
        for waarde, label in Deelname.Variant.choices
    }
    stukken[True] = format_html('<span class="coalities-open">{}</span>', _("Nog geen keuze"))
    stukken[None] = '<span class="coalities-leeg">—</span>'
    return stukken


def _cel(cel, stukken: dict, bijgewerkt: bool = False) -> str:
    """The cell's HTML. Only integers and the pre-escaped pieces go in unescaped; names are escaped."""
    coalitie_pk, organisatie_pk = int(cel.coalitie.pk), int(cel.organisatie.pk)
    if cel.variant is not None:
        variant = cel.variant
        inhoud = stukken.get(variant) or format_html('<span class="coalities-variant">{}</span>', variant)
    else:
        inhoud = stukken[True if cel.nog_geen_keuze else None]
    wijzig = ""
    if cel.bewerkbaar:
        url = reverse("coalities:deelname", args=[coalitie_pk, organisatie_pk])
        wijzig = format_html(
            '<a class="utrecht-link coalities-wijzig" href="{url}" hx-get="{url}?cel=1" '
            'hx-target="#cel-{c}-{o}" hx-swap="outerHTML">{tekst}<span class="portaal-visueel-verborgen"> {uitleg}</span></a>',
            url=url, c=coalitie_pk, o=organisatie_pk, tekst=_("Wijzigen"),
            uitleg=_("keuze %(o)s voor %(c)s") % {"o": cel.organisatie.naam, "c": cel.coalitie.naam},
        )
    rol = ' role="status"' if bijgewerkt else ""
    return f'<div id="cel-{coalitie_pk}-{organisatie_pk}" class="coalities-cel"{rol}>{inhoud}{wijzig}</div>'


@register.simple_tag
def sorteerbak_cel(cel, bijgewerkt=False) -> SafeString:
    """One cell's content: the chosen variant, "nog geen keuze" or a dash, and the change link if allowed."""
    return mark_safe(_cel(cel, _stukken(), bool(bijgewerkt)))


@register.simple_tag
def sorteerbak_koppen(bak) -> SafeString:
    """The column headers: each coalition of the page with its status."""
    detail = reverse("coalities:detail", args=[0]).replace("/0/", "/{}/")
    return mark_safe("".join(format_html(
        '\n        <th class="utrecht-table__header-cell" scope="col"><a class="utrecht-link" href="{}">{}</a>'
        '<br><span class="portaal-soort">{}</span></th>\n      ',
        detail.format(int(coalitie.pk)), coalitie.naam, keuzelabel(coalitie, "status"),
    ) for coalitie in bak.coalities))


@register.simple_tag
def sorteerbak_rijen(bak) -> SafeString:
    """The rows: the organisation (with its kind when it does not sit at the table), its cells and its total."""
    organisatie = reverse("coalities:organisatie", args=[0]).replace("/0/", "/{}/")
    stukken = _stukken()
    rijen = []
    for rij in bak.rijen:
        o = rij.organisatie
        soort = "" if rij.aan_tafel else format_html('<br><span class="portaal-soort">{}</span>', keuzelabel(o, "soort").lower())
        rijen.append(format_html(
            '\n      <tr class="utrecht-table__row">'
            '\n        <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="{}">{}</a>{}</th>'
            '\n        {}\n        {}\n      </tr>\n    ',
            organisatie.format(int(o.pk)), o.naam, soort, _cellen(rij, stukken), sorteerbak_totaal(rij),
        ))
    return mark_safe("".join(rijen))


def _cellen(rij, stukken: dict) -> SafeString:
    return mark_safe("".join(
        f'<td class="utrecht-table__cell{" coalities-cel--open" if cel.nog_geen_keuze else ""}">{_cel(cel, stukken)}</td>'
        for cel in rij.cellen
    ))


@register.simple_tag
def sorteerbak_totaal(rij, oob=False) -> SafeString:
    """The row's total cell: participants per variant, the choices still open and the solidarity amount."""
    t = rij.totalen
    inhoud = [escape(deelname_telling(t.get("volledig", 0), t.get("solidariteit", 0), t.get("instap", 0), t.get("geen", 0)))]
    if t.get("open"):
        inhoud.append(format_html('<br><span class="coalities-open">{}</span>', ngettext(
            "%(aantal)s nog geen keuze", "%(aantal)s nog geen keuze", t["open"]) % {"aantal": t["open"]}))
    if rij.solidariteit_totaal:
        inhoud.append(format_html("<br>{}", _("solidariteit %(bedrag)s per jaar") % {"bedrag": euro(rij.solidariteit_totaal)}))
    return format_html(
        '<td class="utrecht-table__cell coalities-totaal" id="totaal-{}"{}>{}</td>', int(rij.organisatie.pk),
        mark_safe(' hx-swap-oob="true"') if oob else "", mark_safe("".join(inhoud)),
    )
