"""Forms of the tafels app: they only validate and normalise input; services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import DatumInput
from drechtsteden.models import Gebruiker, Organisatie, Rol

from .models import Aanwezigheid, Actiepunt, Agendapunt, BestuurlijkeTafel, Lidmaatschap, Processtap


class UtrechtFormMixin:
    """Gives inputs the NL Design System classes and links errors with aria-describedby."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            widget = veld.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            if isinstance(widget, forms.Select):
                css = "utrecht-select utrecht-select--html-select"
            elif isinstance(widget, forms.Textarea):
                css = "utrecht-textarea utrecht-textarea--html-textarea"
                widget.attrs.setdefault("rows", 3)
            elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
                css = "portaal-bestand"
            else:
                css = "utrecht-textbox utrecht-textbox--html-input"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for naam in self.errors:
            if naam in self.fields:
                widget = self.fields[naam].widget
                widget.attrs["aria-describedby"] = f"{self[naam].auto_id}-fout"
                widget.attrs["aria-invalid"] = "true"


class DatumTijdInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AfmeldForm(UtrechtFormMixin, forms.Form):
    reden = forms.CharField(label=_("Reden van afmelding"), widget=forms.Textarea, required=False)
    datum = forms.DateField(label=_("Datum van afmelding"), widget=DatumInput(), required=False)


class WeerDeelnemenForm(UtrechtFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum van terugkeer"), widget=DatumInput())
    reden = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, required=False)


class VertegenwoordigerForm(UtrechtFormMixin, forms.Form):
    vertegenwoordiger = forms.ModelChoiceField(
        label=_("Vertegenwoordigend bestuurder"), queryset=Gebruiker.objects.none(), required=False,
        empty_label=_("— geen —"),
    )

    def __init__(self, *args, lidmaatschap: Lidmaatschap, user: Gebruiker, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vertegenwoordiger"].queryset = Gebruiker.objects.filter(
            organisatie=lidmaatschap.organisatie, rollen__rol=Rol.Soort.BESTUURDER
        ).distinct()


class PartnerToelatenForm(UtrechtFormMixin, forms.Form):
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=Organisatie.objects.none())
    besluit_referentie = forms.CharField(
        label=_("Besluit van de tafel"), required=False, max_length=200,
        help_text=_("Bijvoorbeeld: besluit 3 van de vergadering van 12 maart 2025."),
    )
    datum = forms.DateField(label=_("Datum van toetreding"), widget=DatumInput(), required=False)

    def __init__(self, *args, tafel: BestuurlijkeTafel, user: Gebruiker, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        aan_tafel = tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).values("organisatie_id")
        self.fields["organisatie"].queryset = Organisatie.objects.exclude(
            soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE
        ).exclude(pk__in=aan_tafel)


class AmbitieForm(UtrechtFormMixin, forms.Form):
    tekst = forms.CharField(label=_("Ambitie"), widget=forms.Textarea(attrs={"rows": 5}))
    vastgesteld_op = forms.DateField(label=_("Vastgesteld op"), widget=DatumInput())


class VergaderingForm(UtrechtFormMixin, forms.Form):
    begint_om = forms.DateTimeField(label=_("Datum en tijd"), widget=DatumTijdInput(), input_formats=["%Y-%m-%dT%H:%M"])
    duur_minuten = forms.IntegerField(label=_("Duur (minuten)"), min_value=15, max_value=600, initial=120)
    plaats = forms.CharField(label=_("Plaats"), max_length=200, required=False)


class AgendapuntForm(UtrechtFormMixin, forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    processtap = forms.ChoiceField(
        label=_("Processtap"), choices=[(w, l) for w, l in Processtap.choices if w != Processtap.URGENT]
    )
    soort = forms.ChoiceField(label=_("Soort"), choices=Agendapunt.Soort.choices, initial=Agendapunt.Soort.BESPREKING)
    minuten = forms.IntegerField(label=_("Minuten"), min_value=1, max_value=600, initial=15)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, required=False)
    coalitie = forms.ModelChoiceField(
        label=_("Gaat over één project (coalitie)"), queryset=None, required=False, empty_label=_("— nee —"),
        help_text=_("Projecten bespreekt u in de coalitie, niet aan tafel."),
    )

    def __init__(self, *args, tafel: BestuurlijkeTafel, user: Gebruiker, agendapunt: Agendapunt | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this table's coalitions: an item about another table's project does not belong here. The
        # model comes from the field, so this app does not import the coalities app above it.
        coalitie_model = Agendapunt._meta.get_field("coalitie").related_model
        self.fields["coalitie"].queryset = coalitie_model.objects.filter(tafel=tafel).order_by("naam")
        if agendapunt is not None and agendapunt.processtap == Processtap.URGENT:
            self.fields["processtap"].choices = Processtap.choices


JA_NEE = [("", _("— kies —")), ("ja", _("Ja")), ("nee", _("Nee"))]


def _ja_nee(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


class UrgentietoetsForm(UtrechtFormMixin, forms.Form):
    titel = forms.CharField(label=_("Onderwerp van het urgente dossier of nieuwe thema"), max_length=200)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, required=False)
    past_binnen_scope = forms.TypedChoiceField(
        label=_("Past het binnen de scope van de tafel?"), choices=JA_NEE, coerce=_ja_nee, empty_value=None, required=False
    )
    capaciteit_beschikbaar = forms.TypedChoiceField(
        label=_("Is er capaciteit om het te ondersteunen?"), choices=JA_NEE, coerce=_ja_nee, empty_value=None, required=False
    )
    urgent_gevoeld = forms.TypedChoiceField(
        label=_("Wordt het als urgent gevoeld?"), choices=JA_NEE, coerce=_ja_nee, empty_value=None, required=False
    )
    minuten = forms.IntegerField(label=_("Minuten"), min_value=1, max_value=600, initial=15)


class StukForm(UtrechtFormMixin, forms.Form):
    titel = forms.CharField(label=_("Titel van het stuk"), max_length=200, required=False)
    stuk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    bestand = forms.FileField(label=_("Bestand (PDF, DOCX, XLSX of ODT)"))

    def clean(self):
        data = super().clean()
        if not data.get("stuk") and not (data.get("titel") or "").strip():
            self.add_error("titel", forms.ValidationError(_("Geef het stuk een titel."), code="titel_verplicht"))
        return data


class BesluitForm(UtrechtFormMixin, forms.Form):
    tekst = forms.CharField(label=_("Besluit"), widget=forms.Textarea)


class ActiepuntForm(UtrechtFormMixin, forms.Form):
    omschrijving = forms.CharField(label=_("Actie"), widget=forms.Textarea)
    eigenaar_persoon = forms.ModelChoiceField(label=_("Eigenaar (persoon)"), queryset=Gebruiker.objects.none(), required=False)
    eigenaar_organisatie = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"), queryset=Organisatie.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("Uiterlijk gereed"), widget=DatumInput())

    def __init__(self, *args, tafel: BestuurlijkeTafel, user: Gebruiker, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eigenaar_organisatie"].queryset = Organisatie.objects.filter(lidmaatschappen__tafel=tafel)
        self.fields["eigenaar_persoon"].queryset = Gebruiker.objects.filter(
            organisatie__lidmaatschappen__tafel=tafel, is_active=True
        ).distinct()

    def clean(self):
        data = super().clean()
        if not data.get("eigenaar_persoon") and not data.get("eigenaar_organisatie"):
            raise forms.ValidationError(_("Kies een eigenaar: een persoon of een organisatie."), code="eigenaar_verplicht")
        return data


class ActiepuntStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Actiepunt.Status.choices)


class AanwezigheidForm(forms.Form):
    organisatie = forms.IntegerField()
    status = forms.ChoiceField(choices=Aanwezigheid.Status.choices)
