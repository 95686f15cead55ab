from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Gebruiker, Inwonertal, Organisatie, Rol, Thema

admin.site.site_header = _("Drechtsteden samenwerkingsportaal — beheer")
admin.site.site_title = _("Beheer samenwerkingsportaal")
admin.site.index_title = _("Beheer")


class InwonertalInline(admin.TabularInline):
    model = Inwonertal
    extra = 0


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "cbs_code", "actief_van", "actief_tot"]
    list_filter = ["soort"]
    search_fields = ["naam", "cbs_code"]
    inlines = [InwonertalInline]


@admin.register(Inwonertal)
class InwonertalAdmin(SimpleHistoryAdmin):
    list_display = ["organisatie", "peildatum", "aantal", "indicatief"]
    list_filter = ["indicatief", "organisatie__soort"]
    list_select_related = ["organisatie"]


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


class RolInline(admin.TabularInline):
    model = Rol
    extra = 1


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "is_active"]
    list_filter = ["organisatie", "rollen__rol", "is_active", "is_staff"]
    list_select_related = ["organisatie"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Netwerk"), {"fields": ["organisatie"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Netwerk"), {"fields": ["first_name", "last_name", "email", "organisatie"]}),
    ]
    inlines = [RolInline]
