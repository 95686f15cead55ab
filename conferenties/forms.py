from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import UtrechtFormulier

from .models import Muurbericht


class MuurberichtForm(UtrechtFormulier, forms.Form):
    use_required_attribute = False  # the server checks; an empty box is not shown as an error before typing
    soort = forms.ChoiceField(label=_("Soort"), choices=Muurbericht.Soort.choices)
    tekst = forms.CharField(label=_("Wat wilt u kwijt?"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))


class OogstForm(UtrechtFormulier, forms.Form):
    ronde = forms.IntegerField(label=_("Ronde"), min_value=1, max_value=20)
    tekst = forms.CharField(label=_("Oogst"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
