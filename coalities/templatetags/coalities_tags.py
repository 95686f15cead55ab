"""What other apps' pages show of coalitions: a table page lists its coalitions and their lessons.

Lower apps (tafels) show coalities data through these tags in their templates, never by importing
this app in Python, so imports keep pointing one way.
"""

from django import template

from .. import selectors
from ..models import Coalitie

register = template.Library()


@register.inclusion_tag("coalities/_tafel_coalities.html")
def tafel_coalities(tafel) -> dict:
    """The table's coalitions with their status, trekker and the gemeenten that have not chosen yet."""
    coalities = selectors.coalitie_lijst(Coalitie.objects.filter(tafel=tafel))
    return {"tafel": tafel, "coalities": [(c, selectors.aantal_nog_geen_keuze(c)) for c in coalities]}


@register.inclusion_tag("coalities/_resultaten_en_lessen.html")
def tafel_resultaten_en_lessen(tafel) -> dict:
    """The results and lessons of the table's coalitions, fed back to the network."""
    return {"resultaten_en_lessen": selectors.resultaten_en_lessen_voor_tafel(tafel)}
