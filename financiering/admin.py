from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Begrotingsjaar, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage


class SleutelPercentageInline(admin.TabularInline):
    model = SleutelPercentage
    extra = 0


class VasteBijdrageInline(admin.TabularInline):
    model = VasteBijdrage
    extra = 0


@admin.register(Begrotingsjaar)
class BegrotingsjaarAdmin(SimpleHistoryAdmin):
    list_display = ["jaar", "component_1_budget", "component_1_sleutel", "component_2_budget", "component_2_sleutel"]
    inlines = [SleutelPercentageInline, VasteBijdrageInline]


class ProfijtGewichtInline(admin.TabularInline):
    model = ProfijtGewicht
    extra = 0


@admin.register(ProjectBudget)
class ProjectBudgetAdmin(SimpleHistoryAdmin):
    list_display = ["coalitie", "jaar", "budget", "profijt"]
    list_filter = ["jaar"]
    list_select_related = ["coalitie"]
    inlines = [ProfijtGewichtInline]


admin.site.register(SleutelPercentage, SimpleHistoryAdmin)
admin.site.register(VasteBijdrage, SimpleHistoryAdmin)
admin.site.register(ProfijtGewicht, SimpleHistoryAdmin)
