"""Template tags through which pages of lower apps show what the portal app offers."""

from django import template

from portaal.permissions import mag_raadsinformatie_zien

register = template.Library()


@register.inclusion_tag("portaal/_raadsinformatie_link.html", takes_context=True)
def raadsinformatie_link(context, organisatie):
    """A link to the gemeente's raadsinformatie, for those who may read it."""
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    toon = gebruiker is not None and mag_raadsinformatie_zien(gebruiker, organisatie)
    return {"organisatie": organisatie, "toon": toon}
