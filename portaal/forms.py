"""Forms of the portal's own pages: they only validate and normalise input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import UtrechtFormulier
from drechtsteden.models import Organisatie
from tafels.models import BestuurlijkeTafel


class NetwerkFilterForm(UtrechtFormulier, forms.Form):
    """Narrows the network view to one table or one gemeente; unknown ids are refused with a message."""

    tafel = forms.ModelChoiceField(
        label=_("Tafel"), queryset=BestuurlijkeTafel.objects.order_by("naam"), required=False,
        empty_label=_("Alle tafels"),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Organisatie.objects.drechtstedengemeenten().order_by("naam"), required=False,
        empty_label=_("Alle gemeenten"),
    )
