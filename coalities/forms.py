"""Forms of the coalities app: they validate and normalise input; services.py saves."""

from __future__ import annotations


import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import FilterFormulier, UtrechtFormulier
from drechtsteden.invoer import BedragVeld, DatumVeld, DecimaalVeld, JaarVeld, formfield_callback, parse_geheel_getal
from drechtsteden.models import Gebruiker, Organisatie, Thema
from tafels.models import BestuurlijkeTafel

from . import regels
from .models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage
from .services import ToezeggingGegevens

FORMATEN = [("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
IMPORT_MAX_BYTES = 2 * 1024 * 1024


class VersieVeld(forms.IntegerField):
    """The hidden version a save was based on; a tampered or garbled one is refused, never a 500."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": _("Deze pagina is niet volledig verstuurd; laad hem opnieuw en probeer het nog eens."),
        "min_value": _("Deze pagina is niet volledig verstuurd; laad hem opnieuw en probeer het nog eens."),
        "max_value": _("Deze pagina is niet volledig verstuurd; laad hem opnieuw en probeer het nog eens."),
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, min_value=0, max_value=2**31 - 1, **kwargs)


class CoalitieForm(UtrechtFormulier, forms.ModelForm):
    class Meta:
        model = Coalitie
        fields = [
            "naam", "thema", "tafel", "status", "doel", "beoogd_resultaat", "resultaatdatum", "startdatum",
            "trekker", "projectleider", "afhankelijkheden",
        ]
        formfield_callback = formfield_callback

    def __init__(self, *args, user: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tafel"].queryset = BestuurlijkeTafel.objects.thematafels().select_related("thema")
        self.fields["projectleider"].queryset = Gebruiker.objects.filter(is_active=True).select_related("organisatie")
        afhankelijk = Coalitie.objects.all()
        if self.instance.pk:
            afhankelijk = afhankelijk.exclude(pk=self.instance.pk)
        self.fields["afhankelijkheden"].queryset = afhankelijk
        if not user.is_beheerder:
            # Programme staff start coalitions with their own organisation as trekker; once started, only a
            # beheerder hands the lead to another organisation (a project leader cannot take it over).
            trekker_id = self.instance.trekker_id if self.instance.pk else user.organisatie_id
            self.fields["trekker"].queryset = Organisatie.objects.filter(pk=trekker_id)
            self.fields["trekker"].initial = trekker_id


class DeelnameForm(UtrechtFormulier, forms.Form):
    """One organisation's choice; with volledig or instap it also takes the first commitment."""

    variant = forms.ChoiceField(label=_("Variant"), choices=[("", _("Kies een variant"))] + Deelname.Variant.choices)
    solidariteitsbijdrage = BedragVeld(label=_("Solidariteitsbijdrage per jaar (€)"), required=False)
    instapdatum = DatumVeld(label=_("Instapdatum"), required=False)
    instapfee = BedragVeld(
        label=_("Instapfee (€)"), required=False, help_text=_("Mag € 0 zijn, maar moet zijn ingevuld."),
    )
    versie = VersieVeld()
    toezegging_soort = forms.ChoiceField(
        label=_("Soort toezegging"), required=False, choices=[("", "—")] + Toezegging.Soort.choices
    )
    toezegging_hoeveelheid = DecimaalVeld(
        label=_("Hoeveelheid"), required=False, min_value=0,
        help_text=_("Euro per jaar bij geld; uren per jaar of fte bij menskracht."),
    )
    toezegging_eenheid = forms.ChoiceField(
        label=_("Eenheid"), required=False, choices=[("", "—")] + Toezegging.Eenheid.choices
    )
    toezegging_omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij kennis."),
    )
    toezegging_jaar_van = JaarVeld(label=_("Vanaf jaar"), required=False)
    toezegging_jaar_tot = JaarVeld(label=_("Tot en met jaar"), required=False)

    # (message, code) for a field the chosen variant asks for but that is empty.
    ONTBREEKT = {
        "solidariteitsbijdrage": (
            _("Bij solidariteit hoort een solidariteitsbijdrage groter dan € 0 per jaar."), "solidariteit_zonder_bijdrage",
        ),
        "instapdatum": (_("Vul de instapdatum in."), "required"),
        "instapfee": (_("Vul de instapfee in (€ 0 mag)."), "required"),
    }
    TOEZEGGING_VELDEN = (
        "toezegging_soort", "toezegging_hoeveelheid", "toezegging_eenheid", "toezegging_omschrijving",
        "toezegging_jaar_van", "toezegging_jaar_tot",
    )

    def __init__(self, *args, heeft_toezeggingen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.heeft_toezeggingen = heeft_toezeggingen

    def zonder_fouten(self) -> DeelnameForm:
        """The same input as an unbound form: it shows what the chosen variant asks, without messages yet."""
        initial = {naam: self[naam].data for naam in self.fields}
        return DeelnameForm(initial=initial, heeft_toezeggingen=self.heeft_toezeggingen, prefix=self.prefix)

    @property
    def gekozen_variant(self) -> str:
        return self.data.get(self.add_prefix("variant")) if self.is_bound else (self.initial.get("variant") or "")

    @property
    def vraagt_toezegging(self) -> bool:
        return self.gekozen_variant in regels.MET_TOEZEGGING and not self.heeft_toezeggingen

    def variant_velden(self):
        return [self[naam] for naam in regels.variant_velden(self.gekozen_variant)]

    def toezegging_velden(self):
        return [self[naam] for naam in self.TOEZEGGING_VELDEN]

    def clean(self):
        data = super().clean()
        variant = data.get("variant")
        # Fields that do not belong to the chosen variant are dropped, so switching variants is painless.
        for veld in regels.DEELNAME_VELDEN:
            if veld not in regels.variant_velden(variant):
                data[veld] = None
        ontbrekend = regels.ontbrekende_variantvelden(
            variant, solidariteitsbijdrage=data.get("solidariteitsbijdrage"), instapdatum=data.get("instapdatum"),
            instapfee=data.get("instapfee"),
        )
        for veld in ontbrekend:
            # A field that already has a message (such as an amount that could not be read) gets no second one.
            if veld not in self.errors:
                bericht, code = self.ONTBREEKT[veld]
                self.add_error(veld, forms.ValidationError(bericht, code=code))
        if self.vraagt_toezegging:
            self._clean_toezegging(data)
        return data

    def _clean_toezegging(self, data) -> None:
        if not data.get("toezegging_soort"):
            self.add_error(
                "toezegging_soort",
                forms.ValidationError(
                    _("Bij deze variant hoort minstens één toezegging: kies geld, menskracht of kennis."),
                    code="toezegging_nodig",
                ),
            )
            return
        for veld in ("toezegging_jaar_van", "toezegging_jaar_tot"):
            if data.get(veld) is None and veld not in self.errors:
                self.add_error(veld, forms.ValidationError(_("Vul het jaar in."), code="required"))

    def eerste_toezegging(self) -> ToezeggingGegevens | None:
        data = self.cleaned_data
        if not self.vraagt_toezegging or not data.get("toezegging_soort"):
            return None
        return _toezegging_gegevens(
            soort=data["toezegging_soort"], hoeveelheid=data.get("toezegging_hoeveelheid"),
            eenheid=data.get("toezegging_eenheid") or "", omschrijving=data.get("toezegging_omschrijving") or "",
            jaar_van=data["toezegging_jaar_van"], jaar_tot=data["toezegging_jaar_tot"],
        )


def _toezegging_gegevens(*, soort, hoeveelheid, eenheid, omschrijving, jaar_van, jaar_tot) -> ToezeggingGegevens:
    """Money is always in euro; knowledge has no amount: the form fills in what follows from the kind."""
    eenheid, hoeveelheid = regels.toezegging_normaliseren(soort, eenheid, hoeveelheid)
    return ToezeggingGegevens(
        soort=soort, hoeveelheid=hoeveelheid, eenheid=eenheid, omschrijving=omschrijving,
        jaar_van=jaar_van, jaar_tot=jaar_tot,
    )


class ToezeggingVersiesVeld(forms.Field):
    """The commitments a confirmation names, each as "id:versie" (the version shown): a dict id -> versie."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": VersieVeld.default_error_messages["invalid"]}
    MAXIMUM = 500

    def to_python(self, value) -> dict[int, int]:
        if not value:
            return {}
        if not isinstance(value, list | tuple) or len(value) > self.MAXIMUM:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        versies: dict[int, int] = {}
        for item in value:
            pk, _dubbelepunt, versie = str(item).partition(":")
            try:
                pk, versie = parse_geheel_getal(pk, minimum=1), parse_geheel_getal(versie, minimum=0)
            except forms.ValidationError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
            if pk in versies:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            versies[pk] = versie
        return versies


class IntrekkenForm(UtrechtFormulier, forms.Form):
    """The confirmation of withdrawing a deelname's commitments for a variant without them.

    The choice comes along from the refused form (as typed there), the commitments from the
    confirmation page, each with the version that was shown.
    """

    variant = forms.ChoiceField(
        choices=[(v, l) for v, l in Deelname.Variant.choices if v in regels.ZONDER_TOEZEGGING], widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Toezeggingen worden alleen ingetrokken voor solidariteit of geen deelname."),
                        "required": VersieVeld.default_error_messages["invalid"]},
    )
    solidariteitsbijdrage = BedragVeld(required=False, widget=forms.HiddenInput)
    versie = VersieVeld()
    toezegging = ToezeggingVersiesVeld(required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("versie") is None:
            raise forms.ValidationError(VersieVeld.default_error_messages["invalid"], code="invalid")
        if data["variant"] != Deelname.Variant.SOLIDARITEIT:
            data["solidariteitsbijdrage"] = None
        elif regels.ontbrekende_variantvelden(
            data["variant"], solidariteitsbijdrage=data["solidariteitsbijdrage"], instapdatum=None, instapfee=None
        ):
            bericht, code = DeelnameForm.ONTBREEKT["solidariteitsbijdrage"]
            raise forms.ValidationError(bericht, code=code)
        return data

    def fouten_bovenaan(self) -> None:
        """Every field here is hidden: their messages are shown above the form, with the form's own."""
        for veld in [v for v in self.errors if v != forms.forms.NON_FIELD_ERRORS]:
            self.add_error(None, self.errors.pop(veld))


class ToezeggingForm(UtrechtFormulier, forms.ModelForm):
    versie = VersieVeld()

    class Meta:
        model = Toezegging
        fields = ["soort", "hoeveelheid", "eenheid", "omschrijving", "jaar_van", "jaar_tot"]
        formfield_callback = formfield_callback

    def clean(self):
        data = super().clean()
        data["eenheid"], data["hoeveelheid"] = regels.toezegging_normaliseren(
            data.get("soort"), data.get("eenheid"), data.get("hoeveelheid")
        )
        return data

    def gegevens(self) -> ToezeggingGegevens:
        d = self.cleaned_data
        return _toezegging_gegevens(
            soort=d["soort"], hoeveelheid=d.get("hoeveelheid"), eenheid=d.get("eenheid") or "",
            omschrijving=d.get("omschrijving") or "", jaar_van=d["jaar_van"], jaar_tot=d["jaar_tot"],
        )


class RealisatieForm(UtrechtFormulier, forms.ModelForm):
    class Meta:
        model = Realisatie
        fields = ["jaar", "kwartaal", "hoeveelheid", "toelichting"]
        formfield_callback = formfield_callback


class RealisatieCorrectieForm(RealisatieForm):
    """A correction of a recorded realisation: the period stays, the version guards against overwrites."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)

    class Meta(RealisatieForm.Meta):
        fields = ["hoeveelheid", "toelichting"]


class VoortgangForm(UtrechtFormulier, forms.ModelForm):
    class Meta:
        model = Voortgangsrapportage
        fields = ["jaar", "kwartaal", "status", "mijlpalen", "tekst"]
        formfield_callback = formfield_callback


class VoortgangCorrectieForm(VoortgangForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)

    class Meta(VoortgangForm.Meta):
        fields = ["status", "mijlpalen", "tekst"]


class ResultaatEnLesForm(UtrechtFormulier, forms.ModelForm):
    class Meta:
        model = ResultaatEnLes
        fields = ["soort", "titel", "tekst", "datum"]
        formfield_callback = formfield_callback


class ImportForm(UtrechtFormulier, forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat importeert u?"),
        choices=[("coalities", _("Coalities")), ("deelnames", _("Deelnames")), ("toezeggingen", _("Toezeggingen"))],
    )
    bestand = forms.FileField(label=_("Bestand (CSV of XLSX)"), help_text=_("De eerste rij bevat de kolomnamen."))

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        naam = bestand.name.lower()
        if not naam.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Kies een CSV- of XLSX-bestand."), code="verkeerd_formaat")
        if bestand.size > IMPORT_MAX_BYTES:
            # The file waits in the session between preview and confirmation: keep it small.
            raise forms.ValidationError(
                _("Het bestand is te groot: maximaal %(mb)s MB.") % {"mb": IMPORT_MAX_BYTES // (1024 * 1024)},
                code="te_groot",
            )
        return bestand


class CoalitieFilter(django_filters.FilterSet):
    thema = django_filters.ModelChoiceFilter(queryset=Thema.objects.all(), label=_("Thema"), empty_label=_("Alle thema's"))
    tafel = django_filters.ModelChoiceFilter(
        queryset=BestuurlijkeTafel.objects.thematafels(), label=_("Tafel"), empty_label=_("Alle tafels")
    )
    status = django_filters.ChoiceFilter(choices=Coalitie.Status.choices, label=_("Status"), empty_label=_("Alle statussen"))
    organisatie = django_filters.ModelChoiceFilter(
        queryset=Organisatie.objects.all(), label=_("Organisatie"), empty_label=_("Alle organisaties"),
        method="filter_organisatie",
    )

    class Meta:
        model = Coalitie
        fields = ["thema", "tafel", "status", "organisatie"]
        form = FilterFormulier

    def filter_organisatie(self, queryset, name, value):
        """Coalitions the organisation leads or has a deelname in."""
        if not value:
            return queryset
        return queryset.filter(pk__in=Deelname.objects.filter(organisatie=value).values("coalitie")) | queryset.filter(
            trekker=value
        )


