"""What other apps' pages show of coalitions: a table page lists its coalitions and their lessons.

Lower apps (tafels) show coalities data through these tags in their templates, never by importing
this app in Python, so imports keep pointing one way.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

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
