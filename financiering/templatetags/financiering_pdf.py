"""Inclusion tags that show financing on pages and documents of lower apps (agenda packs)."""

from django import template
from django.utils import timezone

from financiering import selectors

register = template.Library()


@register.inclusion_tag("financiering/_coalitie_jaar_pdf.html")
def coalitie_financiering_dit_jaar(coalitie, jaar: int | None = None) -> dict:
    """The coalition's project budget this year and who pays what, as the financing screens show it."""
    jaar = jaar or timezone.localdate().year
    regel = next((r for r in selectors.coalitie_overzicht(coalitie) if r.jaar == jaar), None)
    return {"jaar": jaar, "regel": regel}
