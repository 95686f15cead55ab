from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import UtrechtFormulier
from drechtsteden.invoer import DatumVeld, TijdVeld
from drechtsteden.models import Gebruiker, Organisatie, Rol

from .models import Muurbericht, Programmaonderdeel, Werkconferentie


class MuurberichtForm(UtrechtFormulier, forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=Muurbericht.Soort.choices)
    tekst = forms.CharField(label=_("Wat wilt u kwijt?"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))


class OogstForm(UtrechtFormulier, forms.Form):
    ronde = forms.IntegerField(label=_("Ronde"), min_value=1, max_value=20)
    tekst = forms.CharField(label=_("Oogst"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ConferentieForm(UtrechtFormulier, forms.Form):
    """A new meeting of the network; the service checks who may plan it."""

    soort = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=Werkconferentie.Soort.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    datum = DatumVeld(label=_("Datum"))
    locatie = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    centrale_vraag = forms.CharField(label=_("Centrale vraag"), max_length=2000, required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    dagvoorzitter = forms.CharField(label=_("Dagvoorzitter"), max_length=200, required=False)
    rondes = forms.IntegerField(label=_("Rondes world café"), min_value=1, max_value=12, initial=3,
                                help_text=_("Ten hoogste zoveel rondes als er tafels zijn."))


class ProgrammaonderdeelForm(UtrechtFormulier, forms.Form):
    begint_om = TijdVeld(label=_("Begint om"))
    eindigt_om = TijdVeld(label=_("Eindigt om"))
    soort = forms.ChoiceField(label=_("Onderdeel"), choices=Programmaonderdeel.Soort.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)

    def clean(self):
        gegevens = super().clean()
        begint, eindigt = gegevens.get("begint_om"), gegevens.get("eindigt_om")
        if begint and eindigt and eindigt <= begint:
            self.add_error("eindigt_om", _("Een onderdeel eindigt na het begin."))
        return gegevens


class PitchForm(UtrechtFormulier, forms.Form):
    organisatie = forms.ModelChoiceField(label=_("College"), queryset=Organisatie.objects.order_by("naam"))
    spreker = forms.CharField(label=_("Spreker"), max_length=200, required=False)
    max_minuten = forms.IntegerField(label=_("Ten hoogste minuten"), min_value=1, max_value=15, initial=3)
    stip_op_horizon = forms.CharField(label=_("Stip op de horizon"), max_length=2000, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    knelpunt_kans = forms.CharField(label=_("Knelpunt, kans of oplossingsrichting"), max_length=2000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    succes_vandaag = forms.CharField(label=_("Wat maakt vandaag tot een succes"), max_length=2000, required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class CafetafelForm(UtrechtFormulier, forms.Form):
    thema = forms.CharField(label=_("Thema"), max_length=200)
    stelling = forms.CharField(label=_("Stelling"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    moderatoren = forms.ModelMultipleChoiceField(
        label=_("Moderatoren (duo)"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Gebruiker.objects.filter(is_active=True, rollen__rol=Rol.Soort.GEMEENTESECRETARIS)
        .select_related("organisatie").distinct().order_by("last_name", "first_name"),
        help_text=_("Twee gemeentesecretarissen leiden samen de tafel."),
    )


class UitnodigenForm(UtrechtFormulier, forms.Form):
    rollen = forms.MultipleChoiceField(
        label=_("Wie nodigt u uit?"), widget=forms.CheckboxSelectMultiple,
        choices=[(r, label) for r, label in Rol.Soort.choices if r != Rol.Soort.BEHEERDER],
    )
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Van welke organisaties?"), required=False, queryset=Organisatie.objects.order_by("naam"),
        help_text=_("Kies niets om iedereen met deze rollen uit te nodigen."),
    )


class AanwezigheidForm(UtrechtFormulier, forms.Form):
    aanwezig = forms.TypedMultipleChoiceField(label=_("Wie was er?"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, deelnemers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [(d.pk, f"{d.gebruiker}{f', {d.gebruiker.organisatie}' if d.gebruiker.organisatie else ''}")
                                           for d in deelnemers]
        if not self.is_bound:
            self.initial["aanwezig"] = [d.pk for d in deelnemers if d.aanwezig]


class VerslagForm(UtrechtFormulier, forms.Form):
    verslag = forms.CharField(label=_("Kort verslag"), max_length=10_000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
