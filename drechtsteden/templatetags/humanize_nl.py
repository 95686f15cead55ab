"""Number formatting as Dutch readers expect it, whatever the active language."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def aantal(value: int | None) -> str:
    """A whole number with thousands separators: 121.000 (nl) or 121,000 (en)."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def euro(value: Decimal | None) -> str:
    """An amount in euros to the cent: € 1.234,56."""
    if value is None:
        return ""
    cents = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return "€ " + number_format(cents, decimal_pos=2, force_grouping=True)
