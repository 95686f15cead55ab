from django import template

from drechtsteden.opmaak import euro_verschil

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ dict|get_item:key }}` for keys that are not identifiers, such as organisation names."""
    return mapping.get(key) if mapping else None


# A difference in euros with its sign in front: + € 1.234,56 or − € 1.234,56 (see `opmaak.euro_verschil`).
register.filter("verschil", euro_verschil)
