"""Forms of the portal's own pages: they only validate and normalise input."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from coalities.models import Coalitie, Deelname
from drechtsteden.forms import FilterFormulier
from drechtsteden.models import Organisatie, Thema
from tafels.models import BestuurlijkeTafel


class NetwerkFilterForm(FilterFormulier):
    """Narrows the network view to one table or one gemeente; unknown ids are refused with a message."""

    tafel = forms.ModelChoiceField(
        label=_("Tafel"), queryset=BestuurlijkeTafel.objects.order_by("naam"), required=False,
        empty_label=_("Alle tafels"),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Organisatie.objects.drechtstedengemeenten().order_by("naam"), required=False,
        empty_label=_("Alle gemeenten"),
    )


def _onbekend(wat: str) -> dict[str, str]:
    return {"invalid_choice": wat}


class GroeiperspectiefFilter(django_filters.FilterSet):
    """Narrows the groeiperspectief to a theme, a gemeente, a variant and a status.

    Gemeente and variant together mean one deelname: the coalitions in which *that* gemeente chose
    *that* variant. An unknown value is refused with a Dutch message and that filter is left out.
    """

    thema = django_filters.ModelChoiceFilter(
        queryset=Thema.objects.all(), label=_("Thema"), empty_label=_("Alle thema's"),
        error_messages=_onbekend(_("Dit thema bestaat niet; de kaart toont alle thema's.")),
    )
    gemeente = django_filters.ModelChoiceFilter(
        queryset=Organisatie.objects.filter(soort__in=Organisatie.GEMEENTEN).order_by("naam"),
        label=_("Gemeente"), empty_label=_("Alle gemeenten"), method="_samen_met_variant",
        error_messages=_onbekend(_("Deze gemeente kent het portaal niet; de kaart toont alle gemeenten.")),
    )
    variant = django_filters.ChoiceFilter(
        choices=Deelname.Variant.choices, label=_("Variant van deelname"), empty_label=_("Alle varianten"),
        method="_samen_met_variant",
        error_messages=_onbekend(_("Deze variant bestaat niet; kies volledig, solidariteit, instap of geen.")),
    )
    status = django_filters.ChoiceFilter(
        choices=Coalitie.Status.choices, label=_("Status"), empty_label=_("Alle statussen"),
        error_messages=_onbekend(_("Deze status bestaat niet; de kaart toont alle statussen.")),
    )

    class Meta:
        model = Coalitie
        fields = ["thema", "gemeente", "variant", "status"]
        form = FilterFormulier

    def _samen_met_variant(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        gemeente, variant = self.gekozen_gemeente, self.gekozen_variant
        if gemeente is None and not variant:
            return queryset
        deelnames = Deelname.objects.all()
        if gemeente is not None:
            deelnames = deelnames.filter(organisatie=gemeente)
        if variant:
            deelnames = deelnames.filter(variant=variant)
        return queryset.filter(pk__in=deelnames.values("coalitie"))

    def _waarde(self, naam: str):
        if not self.is_bound:
            return None
        self.form.is_valid()
        return self.form.cleaned_data.get(naam) or None

    @property
    def gekozen_thema(self) -> Thema | None:
        return self._waarde("thema")

    @property
    def gekozen_gemeente(self) -> Organisatie | None:
        return self._waarde("gemeente")

    @property
    def gekozen_variant(self) -> str | None:
        return self._waarde("variant")

    @property
    def parameters(self) -> dict[str, str]:
        """The valid filters as text, for a link or a document job."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        uitkomst = {}
        for naam, waarde in self.form.cleaned_data.items():
            if waarde:
                uitkomst[naam] = str(waarde.pk if hasattr(waarde, "pk") else waarde)
        return uitkomst
