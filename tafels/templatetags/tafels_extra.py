from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` for dictionaries built by the selectors."""
    return mapping.get(key)
