from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ dict|get_item:key }}` for keys that are not identifiers, such as organisation names."""
    return mapping.get(key) if mapping else None
