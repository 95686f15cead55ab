"""What other apps' pages show of coalitions: a table page lists its coalitions and their lessons.

Lower apps (tafels) show coalities data through these tags in their templates, never by importing
this app in Python, so imports keep pointing one way.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drechtsteden.opmaak import als_date_filter
from drechtsteden.templatetags.tabellen import keuzelabel, regels, url_met_id

from .. import selectors
from ..models import Coalitie, Voortgangsrapportage

register = template.Library()


TAFEL_COALITIES = 10  # coalitions on a table page; the whole list is the coalition list filtered on the table


@register.inclusion_tag("coalities/_tafel_coalities.html")
def tafel_coalities(tafel) -> dict:
    """The table's first coalitions with their status, trekker and the gemeenten that have not chosen yet,
    with how many there are in all: one query."""
    coalities, aantal = selectors.coalities_van_tafel(tafel, TAFEL_COALITIES)
    return {
        "tafel": tafel,
        "coalities": [(c, selectors.aantal_nog_geen_keuze(c)) for c in coalities],
        "aantal": aantal,
        "alle_url": f"{reverse('coalities:index')}?{urlencode({'tafel': tafel.pk})}",
    }


@register.simple_tag
def tafel_coalitie_rijen(coalities) -> SafeString:
    """The rows of a table page's coalitions (``tafel_coalities``): name (a link), status, trekker and how many
    gemeenten have not chosen yet."""
    detail = url_met_id("coalities:detail")
    rijen = []
    for coalitie, open_ in coalities:
        rijen.append(format_html(
            '<tr class="utrecht-table__row">'
            '\n          <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="{}">{}</a></th>'
            '\n          <td class="utrecht-table__cell"><span class="portaal-badge portaal-badge--{}">{}</span></td>'
            '\n          <td class="utrecht-table__cell">{}</td>'
            '\n          <td class="utrecht-table__cell utrecht-table__cell--numeric">{}</td>'
            '\n        </tr>',
            detail.format(int(coalitie.pk)), coalitie.naam, badge_toon(coalitie.status), keuzelabel(coalitie, "status"),
            coalitie.trekker,
            ngettext("%(aantal)s gemeente", "%(aantal)s gemeenten", open_) % {"aantal": open_} if open_ else "—",
        ))
    return regels(rijen, 8)


@register.simple_tag
def resultaat_en_les_items(items) -> SafeString:
    """The results and lessons on a table page as list items: kind, title, coalition (a link), date and text."""
    detail = url_met_id("coalities:detail")
    return regels((
        format_html(
            '<li class="utrecht-unordered-list__item"><strong>{}: {}</strong>'
            '\n        (<a class="utrecht-link" href="{}">{}</a>, {}) — {}</li>',
            keuzelabel(item, "soort"), item.titel, detail.format(int(item.coalitie_id)), item.coalitie.naam,
            als_date_filter(item.datum, "j F Y"), item.tekst,
        )
        for item in items
    ), 6)


@register.inclusion_tag("coalities/_resultaten_en_lessen.html")
def tafel_resultaten_en_lessen(tafel) -> dict:
    """The results and lessons of the table's coalitions, fed back to the network."""
    return {"resultaten_en_lessen": selectors.resultaten_en_lessen_voor_tafel(tafel)}


# The badge tone (see `.portaal-badge--*`) of a coalition's status, a progress report and an import row.
BADGE_TONEN = {
    Coalitie.Status.IDEE: "neutraal",
    Coalitie.Status.IN_VORMING: "let-op",
    Coalitie.Status.LOPEND: "goed",
    Coalitie.Status.AFGEROND: "info",
    Coalitie.Status.GESTOPT: "fout",
    Voortgangsrapportage.Status.OP_KOERS: "goed",
    Voortgangsrapportage.Status.AANDACHT: "let-op",
    Voortgangsrapportage.Status.KRITIEK: "fout",
    "nieuw": "goed",
    "gewijzigd": "let-op",
    "ongewijzigd": "neutraal",
}


@register.filter
def badge_toon(waarde: str) -> str:
    """`portaal-badge--{{ x|badge_toon }}`: the tone of a coalities value (neutraal when unknown)."""
    return BADGE_TONEN.get(waarde, "neutraal")


def deelname_telling(volledig: int, solidariteit: int, instap: int, geen: int) -> str:
    """Participants per variant in words, as the coalition list and the sorteerbak's totals show them."""
    return _("%(v)s volledig, %(s)s solidair, %(i)s instap, %(g)s geen") % {
        "v": volledig, "s": solidariteit, "i": instap, "g": geen}


@register.simple_tag
def coalitielijst_rijen(coalities) -> SafeString:
    """The rows of the coalition list (``selectors.coalitie_lijst``), rendered in Python: a template per row
    cost a third of the page's time in lookups, translations and URL reversals. Only integers and fixed
    pieces go in unescaped; every name and label is escaped."""
    detail = reverse("coalities:detail", args=[0]).replace("/0/", "/{}/")
    rijen = []
    for c in coalities:
        tafel = f'<br><span class="portaal-soort">{escape(c.tafel.naam)}</span>' if c.tafel_id else ""
        open_ = selectors.aantal_nog_geen_keuze(c)
        if open_:
            open_ = '<br><span class="coalities-open">{}</span>'.format(escape(ngettext(
                "%(aantal)s gemeente nog geen keuze", "%(aantal)s gemeenten nog geen keuze", open_) % {"aantal": open_}))
        telling = c.telling_per_variant or {}
        telling = escape(deelname_telling(*(telling.get(code, 0) for code in ("volledig", "solidariteit", "instap", "geen"))))
        rijen.append(
            '\n        <tr class="utrecht-table__row">'
            f'\n          <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="{detail.format(int(c.pk))}">{escape(c.naam)}</a></th>'
            f'\n          <td class="utrecht-table__cell">{escape(c.thema.naam)}{tafel}</td>'
            f'\n          <td class="utrecht-table__cell"><span class="portaal-badge portaal-badge--{badge_toon(c.status)}">{escape(keuzelabel(c, "status"))}</span></td>'
            f'\n          <td class="utrecht-table__cell">{escape(c.trekker.naam)}</td>'
            f'\n          <td class="utrecht-table__cell">\n            {telling}\n            {open_ or ""}\n          </td>'
            '\n        </tr>\n      '
        )
    return mark_safe("".join(rijen))
