from django import template

from drechtsteden.opmaak import euro

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ dict|get_item:key }}` for keys that are not identifiers, such as organisation names."""
    return mapping.get(key) if mapping else None


@register.filter
def verschil(value) -> str:
    """A difference in euros with its sign in front: + € 1.234,56 or − € 1.234,56."""

    if value is None:
        return ""
    if value > 0:
        return f"+ {euro(value)}"
    if value < 0:
        return f"− {euro(-value)}"
    return euro(value)
