from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import UtrechtFormulier

from .models import Frequentie, Soort


class VoorkeurenForm(UtrechtFormulier, forms.Form):
    """One choice per kind of notification: directly, in the daily overview, or never."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for soort in Soort:
            self.fields[soort.value] = forms.ChoiceField(
                label=soort.label,
                choices=Frequentie.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies hoe u over “%(soort)s” hoort.") % {"soort": soort.label},
                    "invalid_choice": _("Kies direct, dagelijks of nooit."),
                },
            )
