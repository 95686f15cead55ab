from django.contrib import admin

from .models import Cafetafel, Muurbericht, Pitch, Programmaonderdeel, Werkconferentie


class ProgrammaInline(admin.TabularInline):
    model = Programmaonderdeel
    extra = 0


class PitchInline(admin.StackedInline):
    model = Pitch
    extra = 0


class CafetafelInline(admin.StackedInline):
    model = Cafetafel
    extra = 0
    filter_horizontal = ["moderatoren"]


@admin.register(Werkconferentie)
class WerkconferentieAdmin(admin.ModelAdmin):
    list_display = ["titel", "datum", "locatie"]
    inlines = [ProgrammaInline, PitchInline, CafetafelInline]


admin.site.register(Muurbericht)
