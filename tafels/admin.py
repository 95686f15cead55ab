from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actiepunt, Agendapunt, Ambitie, BestuurlijkeTafel, Besluit, Lidmaatschap, Stuk, Stukversie, Vergadering


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["organisatie"]
    raw_id_fields = ["vertegenwoordiger"]


@admin.register(BestuurlijkeTafel)
class BestuurlijkeTafelAdmin(admin.ModelAdmin):
    list_display = ["naam", "thema", "voorzitter", "secretaris", "vergaderingen_per_jaar", "deadline_stukken_dagen"]
    list_select_related = ["thema", "voorzitter", "secretaris"]
    raw_id_fields = ["voorzitter", "secretaris"]
    inlines = [LidmaatschapInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(SimpleHistoryAdmin):
    list_display = ["organisatie", "tafel", "status", "datum"]
    list_filter = ["status", "tafel"]
    list_select_related = ["organisatie", "tafel"]


@admin.register(Ambitie)
class AmbitieAdmin(admin.ModelAdmin):
    list_display = ["tafel", "versie", "vastgesteld_op"]


class AgendapuntInline(admin.TabularInline):
    model = Agendapunt
    extra = 0
    fields = ["volgorde", "titel", "soort", "processtap", "minuten"]


@admin.register(Vergadering)
class VergaderingAdmin(SimpleHistoryAdmin):
    list_display = ["tafel", "begint_om", "status", "plaats"]
    list_filter = ["status", "tafel"]
    list_select_related = ["tafel"]
    inlines = [AgendapuntInline]


class StukversieInline(admin.TabularInline):
    model = Stukversie
    extra = 0
    fields = ["versie", "bestandsnaam", "mime_type", "grootte", "geupload_op", "geupload_door"]
    readonly_fields = fields
    can_delete = False


@admin.register(Stuk)
class StukAdmin(admin.ModelAdmin):
    list_display = ["titel", "agendapunt"]
    inlines = [StukversieInline]


@admin.register(Besluit)
class BesluitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agendapunt"]


@admin.register(Actiepunt)
class ActiepuntAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "eigenaar_persoon", "eigenaar_organisatie", "deadline", "status"]
    list_filter = ["status"]
