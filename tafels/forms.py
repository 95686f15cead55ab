"""Forms of the tafels app: they only validate and normalise input; services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import UtrechtFormulier
from drechtsteden.invoer import DatumTijdVeld, DatumVeld, JaarVeld, PercentageVeld, formatteer_decimaal
from drechtsteden.models import Gebruiker, Organisatie, Rol

from .models import (
    Aanmelding,
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    BestuurlijkeTafel,
    Drempel,
    Lidmaatschap,
    Processtap,
    Stem,
)


class VertegenwoordigerForm(UtrechtFormulier, forms.Form):
    vertegenwoordiger = forms.ModelChoiceField(
        label=_("Vertegenwoordigend bestuurder"), queryset=Gebruiker.objects.none(), required=False,
        empty_label=_("— geen —"),
    )

    def __init__(self, *args, lidmaatschap: Lidmaatschap, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vertegenwoordiger"].queryset = Gebruiker.objects.filter(
            organisatie=lidmaatschap.organisatie, rollen__rol=Rol.Soort.BESTUURDER
        ).distinct()


class AmbitieForm(UtrechtFormulier, forms.Form):
    tekst = forms.CharField(label=_("Ambitie"), widget=forms.Textarea(attrs={"rows": 5}))
    vastgesteld_op = DatumVeld(label=_("Vastgesteld op"))


class VergaderingForm(UtrechtFormulier, forms.Form):
    begint_om = DatumTijdVeld(label=_("Datum en tijd"))
    duur_minuten = forms.IntegerField(label=_("Duur (minuten)"), min_value=15, max_value=600, initial=120)
    plaats = forms.CharField(label=_("Plaats"), max_length=200, required=False)


class AgendapuntForm(UtrechtFormulier, forms.Form):
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

    def __init__(self, *args, tafel: BestuurlijkeTafel, agendapunt: Agendapunt | None = None, **kwargs):
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


class UrgentietoetsForm(UtrechtFormulier, forms.Form):
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


class StukForm(UtrechtFormulier, forms.Form):
    titel = forms.CharField(label=_("Titel van het stuk"), max_length=200, required=False)
    stuk = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    bestand = forms.FileField(label=_("Bestand (PDF, DOCX, XLSX of ODT)"))

    def clean(self):
        data = super().clean()
        if not data.get("stuk") and not (data.get("titel") or "").strip():
            self.add_error("titel", forms.ValidationError(_("Geef het stuk een titel."), code="titel_verplicht"))
        return data


class BesluitForm(UtrechtFormulier, forms.Form):
    tekst = forms.CharField(label=_("Besluit"), widget=forms.Textarea)


class ActiepuntForm(UtrechtFormulier, forms.Form):
    omschrijving = forms.CharField(label=_("Actie"), widget=forms.Textarea)
    eigenaar_persoon = forms.ModelChoiceField(label=_("Eigenaar (persoon)"), queryset=Gebruiker.objects.none(), required=False)
    eigenaar_organisatie = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"), queryset=Organisatie.objects.none(), required=False
    )
    deadline = DatumVeld(label=_("Uiterlijk gereed"))

    def __init__(self, *args, tafel: BestuurlijkeTafel, **kwargs) -> None:
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


class AanmeldingForm(UtrechtFormulier, forms.Form):
    """A bestuurder's answer to "komt u?"; with an afmelding optionally a vervanger of their organisation."""

    status = forms.ChoiceField(label=_("Komt u?"), choices=Aanmelding.Status.choices, widget=forms.RadioSelect)
    vervanger = forms.ModelChoiceField(
        label=_("Vervanger (optioneel)"), queryset=Gebruiker.objects.none(), required=False,
        empty_label=_("— geen vervanger —"),
        help_text=_("Iemand van uw organisatie die in uw plaats komt."),
    )

    def __init__(self, *args, user: Gebruiker, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vervanger"].queryset = (
            Gebruiker.objects.filter(organisatie_id=user.organisatie_id, is_active=True)
            .exclude(pk=user.pk)
            .order_by("sorteernaam", "first_name")
        )
class PriveNotitieForm(UtrechtFormulier, forms.Form):
    """A private note: free text (empty removes it) and the version the screen showed."""

    tekst = forms.CharField(
        label=_("Mijn notitie"), required=False, strip=True, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    versie = forms.IntegerField(min_value=0, max_value=2_000_000_000, required=False, widget=forms.HiddenInput)
# --- Vote rules and votes ------------------------------------------------------------------------


class StemregelingForm(UtrechtFormulier, forms.Form):
    """The table's vote rules and, per member, its group for the group cap (e.g. stedelijk, polder)."""

    COMPONENTEN = [
        ("123", _("Alle drie de componenten")),
        ("12", _("Component 1 en 2 (netwerk en basis)")),
        ("2", _("Alleen component 2 (basisfinanciering)")),
        ("3", _("Alleen component 3 (projecten)")),
    ]

    weging_gelijk = PercentageVeld(label=_("Gelijk deel (%)"), help_text=_("Ieder lid hetzelfde: 1/n."))
    weging_inwoners = PercentageVeld(label=_("Naar inwoners (%)"))
    weging_bijdrage = PercentageVeld(label=_("Naar financiële bijdrage (%)"))
    bijdrage_jaar = JaarVeld(label=_("Bijdrage van het jaar"), required=False,
                             help_text=_("Nodig als de bijdrage meeweegt."))
    bijdrage_componenten = forms.ChoiceField(label=_("Welke bijdrage telt"), choices=COMPONENTEN, initial="123")
    plafond_pct = PercentageVeld(
        label=_("Plafond per organisatie (%)"), required=False,
        help_text=_("Leeg: geen plafond. Wat erboven valt, gaat naar rato naar de anderen."),
    )
    groepsplafond_pct = PercentageVeld(
        label=_("Plafond per groep (%)"), required=False,
        help_text=_("Bijvoorbeeld 50: het stedelijk gebied of het poldergebied heeft nooit alleen de meerderheid."),
    )
    drempel = forms.ChoiceField(label=_("Drempel"), choices=Drempel.choices)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, leden: list[Lidmaatschap], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groepvelden = []
        for lid in leden:
            naam = f"groep_{lid.organisatie_id}"
            self.fields[naam] = forms.CharField(
                label=_("Groep van %(organisatie)s") % {"organisatie": lid.organisatie}, max_length=40, required=False
            )
            self.fields[naam].widget.attrs.update({"class": "utrecht-textbox utrecht-textbox--html-input", "list": "stemgroepen"})
            self.groepvelden.append(naam)

    def clean(self):
        data = super().clean()
        delen = [data.get(v) for v in ("weging_gelijk", "weging_inwoners", "weging_bijdrage")]
        if all(d is not None for d in delen) and sum(delen) != 100:
            raise forms.ValidationError(
                _("De weging telt op tot %(som)s procent; dat moet 100 zijn.") % {"som": formatteer_decimaal(sum(delen))},
                code="weging_niet_100",
            )
        if data.get("weging_bijdrage") and not data.get("bijdrage_jaar"):
            self.add_error("bijdrage_jaar", forms.ValidationError(_("Kies het jaar van de bijdrage."), code="jaar_verplicht"))
        for veld in ("plafond_pct", "groepsplafond_pct"):
            if data.get(veld) == 0:
                self.add_error(veld, forms.ValidationError(_("Een plafond ligt boven 0; laat het leeg voor geen plafond."),
                                                           code="plafond_nul"))
        return data

    def groeprijen(self):
        return [self[naam] for naam in self.groepvelden]

    def groepen(self) -> dict[int, str]:
        return {int(naam.removeprefix("groep_")): self.cleaned_data.get(naam, "") for naam in self.groepvelden}

    def regeling(self) -> dict:
        velden = ("weging_gelijk", "weging_inwoners", "weging_bijdrage", "bijdrage_jaar", "bijdrage_componenten",
                  "plafond_pct", "groepsplafond_pct", "drempel")
        return {v: self.cleaned_data[v] for v in velden}


class StemmingForm(UtrechtFormulier, forms.Form):
    """A decision by vote: the text and each voting member's vote."""

    tekst = forms.CharField(label=_("Besluit"), widget=forms.Textarea, max_length=5000)

    def __init__(self, *args, leden: list[Lidmaatschap], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stemvelden = []
        for lid in leden:
            naam = f"stem_{lid.organisatie_id}"
            self.fields[naam] = forms.ChoiceField(
                label=str(lid.organisatie), choices=Stem.Keuze.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Kies de stem van %(organisatie)s.") % {"organisatie": lid.organisatie}},
            )
            self.stemvelden.append((lid, naam))

    def stemmen(self) -> dict[int, str]:
        return {lid.organisatie_id: self.cleaned_data[naam] for lid, naam in self.stemvelden}

    def stemrijen(self):
        return [(lid, self[naam]) for lid, naam in self.stemvelden]
