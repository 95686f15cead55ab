"""How the portal writes numbers for people: money, counts. Templates, services and exports use this.

Dutch readers' notation for the portal's language, whatever it is (the template filters in
`templatetags/humanize_nl.py` call these functions).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def aantal(value: int | None) -> str:
    """A whole number with thousands separators: 121.000 (nl) or 121,000 (en)."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=0, force_grouping=True)


def euro(value: Decimal | None) -> str:
    """An amount in euros to the cent: € 1.234,56."""
    if value is None:
        return ""
    cents = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return "€ " + number_format(cents, decimal_pos=2, force_grouping=True)
