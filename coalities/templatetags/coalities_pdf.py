"""Inclusion tags that show a coalition's data on pages and documents of lower apps (agenda packs)."""

from django import template

from coalities import selectors

register = template.Library()


@register.inclusion_tag("coalities/_statuskaart_pdf.html")
def coalitie_statuskaart(coalitie_id: int | None) -> dict:
    """The status card of a coalition: variants per gemeente, commitments, progress and financing."""
    if not coalitie_id:
        return {"pagina": None}
    pagina = selectors.coalitie_pagina(coalitie_id)
    rapportages = pagina.voortgang
    return {
        "pagina": pagina,
        "coalitie": pagina.coalitie,
        "toezeggingen": [t for d in pagina.deelnames for t in d.toezeggingen.all()],
        "laatste_rapportage": rapportages[0] if rapportages else None,
    }
