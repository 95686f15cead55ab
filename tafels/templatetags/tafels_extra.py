from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` for dictionaries built by the selectors."""
    return mapping.get(key)


@register.simple_tag
def vervanger_opties(vervangers, gekozen_id) -> str:
    """The options of the vervanger select (the chosen one selected): built in one go, as a page with many
    meetings shows the same people under each."""
    return format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((p.pk, " selected" if p.pk == gekozen_id else "", p.get_full_name() or p.username) for p in vervangers),
    )


@register.filter
def nog_tijd(moment) -> str:
    """Time left until `moment` in one unit, as people say it: "11 dagen", "5 uur", "20 minuten"
    (never "1 week, 4 dagen")."""
    from django.utils import timezone
    from django.utils.translation import ngettext, npgettext

    seconden = max(0, int((moment - timezone.now()).total_seconds()))
    if seconden >= 86400:
        n = seconden // 86400
        return ngettext("%(n)s dag", "%(n)s dagen", n) % {"n": n}
    if seconden >= 3600:
        n = seconden // 3600
        return npgettext("resterende tijd", "%(n)s uur", "%(n)s uur", n) % {"n": n}
    n = max(1, seconden // 60)
    return ngettext("%(n)s minuut", "%(n)s minuten", n) % {"n": n}
