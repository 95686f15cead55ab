from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Muurbericht


class MuurberichtForm(forms.Form):
    use_required_attribute = False  # the server checks; an empty box is not shown as an error before typing
    soort = forms.ChoiceField(label=_("Soort"), choices=Muurbericht.Soort.choices)
    tekst = forms.CharField(label=_("Wat wilt u kwijt?"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea utrecht-textarea--html-textarea"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"


class OogstForm(forms.Form):
    ronde = forms.IntegerField(label=_("Ronde"), min_value=1, max_value=20,
                               widget=forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
    tekst = forms.CharField(label=_("Oogst"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}))
