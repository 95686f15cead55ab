"""Forms of the regiekamer: they validate and normalise input; services and rules decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drechtsteden.invoer import DatumVeld, JaarVeld
from drechtsteden.models import Gebruiker, Organisatie, Rol
from drechtsteden.forms import UtrechtFormulier

from . import rules
from .models import SCORES, Escalatie, Reflectieantwoord

VERSIE = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class EscalatieForm(UtrechtFormulier, forms.Form):
    titel = forms.CharField(label=_("Knelpunt (korte titel)"), max_length=200)
    omschrijving = forms.CharField(label=_("Wat is er aan de hand?"), widget=forms.Textarea, max_length=4000)
    sinds = DatumVeld(label=_("Speelt sinds"))
    gevraagd = forms.CharField(label=_("Wat wordt gevraagd?"), widget=forms.Textarea, max_length=4000)
    organisatie = forms.ModelChoiceField(
        label=_("Betreft gemeente (optioneel)"), queryset=Organisatie.objects.none(), required=False,
        empty_label=_("Geen specifieke gemeente"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(soort__in=Organisatie.GEMEENTEN).order_by("naam")


def _eigenaren():
    rollen = [Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.MANAGER_SDD, Rol.Soort.BESTUURDER, Rol.Soort.PROGRAMMAMANAGER]
    return Gebruiker.objects.filter(Q(rollen__rol__in=rollen), is_active=True).select_related("organisatie").distinct().order_by(
        "sorteernaam", "first_name")


class EigenaarVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gebruiker) -> str:
        return f"{obj} ({obj.organisatie})" if obj.organisatie_id else str(obj)


class OpschalenForm(UtrechtFormulier, forms.Form):
    naar = forms.ChoiceField(choices=Escalatie.Niveau.choices, widget=forms.HiddenInput)
    datum = DatumVeld(label=_("Datum"))
    besluit = forms.CharField(label=_("Besluit"), widget=forms.Textarea, max_length=4000)
    eigenaar = EigenaarVeld(label=_("Eigenaar"), queryset=Gebruiker.objects.none())
    volgende_bespreking = DatumVeld(label=_("Volgende bespreking"))
    versie = VERSIE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = _eigenaren()


class SluitenForm(UtrechtFormulier, forms.Form):
    uitkomst = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea, max_length=4000)
    datum = DatumVeld(label=_("Gesloten op"))
    versie = VERSIE


class RondeForm(UtrechtFormulier, forms.Form):
    periode = forms.CharField(label=_("Periode"), max_length=7, help_text=_("Bijvoorbeeld 2026-H2 of 2027-Q1."))

    def clean_periode(self) -> str:
        try:
            return rules.periode_parse(self.cleaned_data["periode"]).code
        except ValueError as fout:
            raise forms.ValidationError(str(fout), code="periode") from fout


SCORE_KEUZES = [(n, str(n)) for n in range(1, 6)]


class ReflectieForm(UtrechtFormulier, forms.Form):
    toelichting = forms.CharField(label=_("Toelichting (optioneel)"), widget=forms.Textarea, required=False, max_length=4000)
    versie = VERSIE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for veld in reversed(SCORES):
            model_veld = Reflectieantwoord._meta.get_field(veld)
            self.fields = {
                veld: forms.TypedChoiceField(
                    label=str(model_veld.verbose_name).capitalize(), choices=SCORE_KEUZES, coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
                    help_text=_("1 = slecht, 5 = uitstekend"),
                ),
                **self.fields,
            }

    @property
    def scores(self) -> dict[str, int]:
        return {veld: self.cleaned_data[veld] for veld in SCORES}


class VoorzitterForm(UtrechtFormulier, forms.Form):
    jaar = JaarVeld(label=_("Jaar"))
    organisatie = forms.ModelChoiceField(label=_("Gemeente"), queryset=Organisatie.objects.none())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.drechtstedengemeenten().order_by("naam")
