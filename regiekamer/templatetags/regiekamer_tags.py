"""Template tags with which the pages of lower apps (tables, coalitions) offer to raise a knelpunt."""

from __future__ import annotations

from django import template

from .. import permissions

register = template.Library()


@register.inclusion_tag("regiekamer/_knelpunt_melden.html", takes_context=True)
def knelpunt_melden(context, tafel=None, coalitie=None, rapporten=()) -> dict:
    """A link to raise a knelpunt from a table or coalition page; a coalition whose latest report says
    kritiek is offered prominently (``rapporten``: the coalition's progress reports, which its page has read)."""
    kritiek = False
    if coalitie is not None and rapporten:
        laatste = max(rapporten, key=lambda r: (r.jaar, r.kwartaal or 0))
        kritiek = laatste.status == "kritiek"
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    return {
        "mag": gebruiker is not None and permissions.mag_escalatie_indienen(gebruiker),
        "tafel": tafel,
        "coalitie": coalitie,
        "kritiek": kritiek,
    }
