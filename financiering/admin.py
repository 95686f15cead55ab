from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from drechtsteden.invoer import NederlandseInvoerAdmin

from . import services

from .models import Begrotingsjaar, Overgang, Overgangsregel, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage


class _Geweigerd(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


class VerdelingGecontroleerdAdmin(NederlandseInvoerAdmin, SimpleHistoryAdmin):
    """Admin edits of adopted numbers pass the same allocation check as the portal's services.

    Amounts, percentages, weights and years are typed the Dutch way ("300.000", "37,5"). The check runs
    after the inlines are saved, inside the admin's transaction: a refusal rolls
    everything back and the editor gets the reason.
    """

    def jaar_van(self, obj) -> int:
        return obj.jaar

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        try:
            services.verdeling_controleren(self.jaar_van(form.instance))
        except ValidationError as fout:
            raise _Geweigerd(" ".join(fout.messages)) from fout

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except _Geweigerd as fout:
            self.message_user(request, _("Niet opgeslagen: %(reden)s") % {"reden": fout.message}, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class SleutelPercentageInline(NederlandseInvoerAdmin, admin.TabularInline):
    model = SleutelPercentage
    extra = 0


class VasteBijdrageInline(NederlandseInvoerAdmin, admin.TabularInline):
    model = VasteBijdrage
    extra = 0


@admin.register(Begrotingsjaar)
class BegrotingsjaarAdmin(VerdelingGecontroleerdAdmin):
    list_display = ["jaar", "component_1_budget", "component_1_sleutel", "component_2_budget", "component_2_sleutel"]
    inlines = [SleutelPercentageInline, VasteBijdrageInline]


class ProfijtGewichtInline(NederlandseInvoerAdmin, admin.TabularInline):
    model = ProfijtGewicht
    extra = 0


@admin.register(ProjectBudget)
class ProjectBudgetAdmin(VerdelingGecontroleerdAdmin):
    list_display = ["coalitie", "jaar", "budget", "profijt"]
    list_filter = ["jaar"]
    list_select_related = ["coalitie"]
    inlines = [ProfijtGewichtInline]


@admin.register(SleutelPercentage, VasteBijdrage)
class BegrotingsjaarOnderdeelAdmin(VerdelingGecontroleerdAdmin):
    def jaar_van(self, obj) -> int:
        return obj.begrotingsjaar.jaar


@admin.register(ProfijtGewicht)
class ProfijtGewichtAdmin(VerdelingGecontroleerdAdmin):
    def jaar_van(self, obj) -> int:
        return obj.projectbudget.jaar


@admin.register(Overgangsregel)
class OvergangsregelAdmin(SimpleHistoryAdmin):
    """The beheerder adapts the rules; there is one per level and direction (made by a data migration)."""

    list_display = ["niveau", "richting", "opzegtermijn_maanden", "financiering_per", "verschuldigd", "component_2_loopt_door"]
    readonly_fields = ["niveau", "richting"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Overgang)
class OvergangAdmin(SimpleHistoryAdmin):
    """Recorded joins and leaves are decisions: read-only here."""

    list_display = ["organisatie", "richting", "niveau", "meldingsdatum", "ingangsdatum", "financiering_per", "totaal",
                    "verandert_financiering"]
    list_filter = ["niveau", "richting", "verandert_financiering"]
    list_select_related = ["organisatie"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
