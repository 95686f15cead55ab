from django.contrib import admin

from .models import Melding, Meldingsvoorkeur


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["onderwerp", "ontvanger", "soort", "aangemaakt_op", "gelezen_op", "gemaild_op"]
    list_filter = ["soort"]
    search_fields = ["onderwerp", "ontvanger__username", "gebeurtenis"]
    list_select_related = ["ontvanger"]
    readonly_fields = ["aangemaakt_op"]


@admin.register(Meldingsvoorkeur)
class MeldingsvoorkeurAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "soort", "frequentie"]
    list_filter = ["soort", "frequentie"]
    list_select_related = ["gebruiker"]
