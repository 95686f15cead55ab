from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from drechtsteden.invoer import NederlandseInvoerAdmin

from .models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage


@admin.register(Coalitie)
class CoalitieAdmin(NederlandseInvoerAdmin, admin.ModelAdmin):
    list_display = ["naam", "thema", "tafel", "status", "trekker", "startdatum"]
    list_filter = ["thema", "status"]
    search_fields = ["naam"]
    filter_horizontal = ["afhankelijkheden"]


@admin.register(Deelname)
class DeelnameAdmin(NederlandseInvoerAdmin, SimpleHistoryAdmin):
    list_display = ["coalitie", "organisatie", "variant", "solidariteitsbijdrage", "instapdatum", "instapfee", "versie"]
    list_filter = ["variant", "coalitie__thema"]
    list_select_related = ["coalitie", "organisatie"]


@admin.register(Toezegging)
class ToezeggingAdmin(NederlandseInvoerAdmin, SimpleHistoryAdmin):
    list_display = ["deelname", "soort", "hoeveelheid", "eenheid", "jaar_van", "jaar_tot", "versie"]
    list_filter = ["soort"]
    list_select_related = ["deelname__coalitie", "deelname__organisatie"]


@admin.register(Realisatie)
class RealisatieAdmin(NederlandseInvoerAdmin, SimpleHistoryAdmin):
    list_display = ["toezegging", "jaar", "kwartaal", "hoeveelheid"]


@admin.register(Voortgangsrapportage, ResultaatEnLes)
class VerslagAdmin(NederlandseInvoerAdmin, admin.ModelAdmin):
    pass
