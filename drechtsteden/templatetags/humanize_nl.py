"""Number formatting as Dutch readers expect it, whatever the active language (see `drechtsteden.opmaak`)."""

from django import template

from drechtsteden import opmaak

register = template.Library()

register.filter("aantal", opmaak.aantal)
register.filter("euro", opmaak.euro)
