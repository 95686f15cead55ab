"""Number formatting as Dutch readers expect it, whatever the active language (see `drechtsteden.opmaak`)."""

from django import template

from drechtsteden import opmaak

register = template.Library()

register.filter("aantal", opmaak.aantal)
register.filter("euro", opmaak.euro)


@register.filter
def procent(value, decimalen: int | str = 1) -> str:
    """``{{ x|procent }}`` 77,3 %; ``{{ x|procent:4 }}`` 35,0000 %; a negative number of decimals drops
    trailing zeros (``{{ x|procent:"-2" }}``: 37,5 %, 50 %)."""
    try:
        n = int(decimalen)
    except (TypeError, ValueError):
        n = 1
    return opmaak.procent(value, decimalen=abs(n), kort=n < 0)
