from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` for dictionaries built by the selectors."""
    return mapping.get(key)


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
