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


@register.inclusion_tag("financiering/_inzet_en_bijdrage.html", takes_context=True)
def coalitie_inzet_en_bijdrage(context, coalitie, deelnames, jaar: int | None = None) -> dict:
    """On the coalition page: what each party committed next to what component 3 charges it, and how they relate."""
    from financiering import uitleg

    jaar = jaar or timezone.localdate().year
    regels, heeft_budget = selectors.inzet_en_bijdrage(coalitie, deelnames, jaar)
    return {
        "request": context.get("request"), "jaar": jaar, "coalitie": coalitie, "heeft_budget": heeft_budget,
        "regels": [(r, uitleg.inzet_tekst(r, jaar, heeft_budget)) for r in regels],
    }


@register.inclusion_tag("financiering/_variantwijziging.html")
def variantwijziging_financiering(deelname, variant, solidariteitsbijdrage=None, jaar: int | None = None) -> dict:
    """On the confirmation of a variant change: component 3 of the coalition this year, now and after."""
    jaar = jaar or timezone.localdate().year
    return {"gevolg": selectors.variantwijziging_gevolg(deelname, variant, solidariteitsbijdrage, jaar)}


@register.inclusion_tag("financiering/_overgangen_sectie.html")
def toe_en_uittredingen(tafel=None, coalitie=None) -> dict:
    """On a table's or a coalition's page: who joined or left it, when, under which terms, what was owed (1 query)."""
    return {"overgangen": selectors.recente_overgangen(tafel=tafel, coalitie=coalitie), "tafel": tafel, "coalitie": coalitie}
