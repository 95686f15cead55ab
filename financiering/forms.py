"""The what-if scenario form: start from a year's adopted numbers, change a key, budget or variant."""

from __future__ import annotations

import dataclasses

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coalities.forms import DeelnameForm
from coalities.models import Deelname
from drechtsteden.forms import UtrechtFormulier
from drechtsteden.models import Organisatie
from tafels.models import Lidmaatschap
from drechtsteden.invoer import BedragVeld, DatumInput, DatumVeld, DecimaalInput, PercentageVeld

from . import verdeling
from .models import COMPONENT_NAMEN, Sleutel
from .selectors import JaarVerdeling

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


def _bedrag(label: str, **kwargs) -> BedragVeld:
    """An amount typed the Dutch way: "300.000", "7.500,50", "7500,50"."""
    return BedragVeld(label=label, widget=DecimaalInput(attrs=TEXT), **kwargs)


def _pct(label: str, **kwargs) -> PercentageVeld:
    return PercentageVeld(label=label, widget=DecimaalInput(attrs=TEXT), **kwargs)


NOG_GEEN_KEUZE = "nog_geen_keuze"
# Short labels, so the variant fits its table cell on a phone; "nog geen keuze" is a party that has
# not chosen yet: it pays nothing in the coalition, and a scenario may model its choice.
VARIANT_KEUZES = [
    (NOG_GEEN_KEUZE, _("Nog geen keuze")),
    (verdeling.VARIANT_VOLLEDIG, _("Volledig")),
    (verdeling.VARIANT_SOLIDARITEIT, _("Solidariteit")),
    (verdeling.VARIANT_INSTAP, _("Instap")),
    (verdeling.VARIANT_GEEN, _("Geen deelname")),
]


class ScenarioForm(forms.Form):
    """Fields for components 1 and 2, the partners' fixed amounts, project budgets and variants.

    Built from the adopted scenario of a year; `scenario()` returns the changed copy. Field names use
    primary keys (`c1_pct_<organisatie>`, `pb_<coalitie>`, `dn_<coalitie>_<organisatie>`).
    """

    def __init__(self, *args, jaar_verdeling: JaarVerdeling, user, **kwargs) -> None:
        self.jaar_verdeling = jaar_verdeling
        self.user = user
        adopted = jaar_verdeling.scenario
        pks = jaar_verdeling.organisatie_pks
        self.gemeenten = [o for o in adopted.organisaties if o.soort == verdeling.SOORT_GEMEENTE]
        initial = {}
        super().__init__(*args, **kwargs)
        self.componentvelden: dict[int, dict] = {}
        for nummer in (1, 2):
            component: verdeling.Component = getattr(adopted, f"component_{nummer}")
            titel = COMPONENT_NAMEN[nummer]
            self.fields[f"c{nummer}_budget"] = _bedrag(_("Budget %(component)s (€)") % {"component": titel})
            self.fields[f"c{nummer}_sleutel"] = forms.ChoiceField(
                label=_("Verdeelsleutel %(component)s") % {"component": titel},
                choices=Sleutel.choices, widget=forms.Select(attrs=SELECT),
            )
            self.fields[f"c{nummer}_vaste_voet_pct"] = _pct(
                _("Vaste voet %(component)s (%%)") % {"component": titel}, required=False,
            )
            initial |= {
                f"c{nummer}_budget": component.budget,
                f"c{nummer}_sleutel": component.sleutel,
                f"c{nummer}_vaste_voet_pct": component.vaste_voet_pct,
            }
            pct_velden = []
            for gemeente in self.gemeenten:
                naam = f"c{nummer}_pct_{pks[gemeente.naam]}"
                self.fields[naam] = _pct(
                    _("Percentage %(gemeente)s, %(component)s") % {"gemeente": gemeente.naam, "component": titel},
                    required=False)
                initial[naam] = component.percentages.get(gemeente.naam)
                pct_velden.append(naam)
            self.componentvelden[nummer] = {"pct": pct_velden}

        self.vaste_bijdrage_velden = []
        for naam, bedrag in sorted(adopted.component_2.vaste_bijdragen.items()):
            veld = f"vb_{pks[naam]}"
            self.fields[veld] = _bedrag(_("Vaste bijdrage %(naam)s (€)") % {"naam": naam})
            self.fields[veld].organisatie = naam
            initial[veld] = bedrag
            self.vaste_bijdrage_velden.append((veld, naam))

        self.coalitievelden = []
        for coalitie in adopted.coalities:
            coalitie_pk = jaar_verdeling.coalitie_pks[coalitie.naam]
            budget_veld = f"pb_{coalitie_pk}"
            self.fields[budget_veld] = _bedrag(_("Projectbudget %(naam)s (€)") % {"naam": coalitie.naam})
            initial[budget_veld] = coalitie.budget
            bestaand = {d.organisatie: d for d in coalitie.deelnames}
            # Every gemeente is a row: one without a participation is modelled as "nog geen keuze".
            namen = sorted(set(bestaand) | {g.naam for g in self.gemeenten})
            deelnames = []
            for naam in namen:
                deelname = bestaand.get(naam)
                prefix = f"dn_{coalitie_pk}_{pks[naam]}"
                self.fields[f"{prefix}_variant"] = forms.ChoiceField(
                    label=_("Variant %(organisatie)s in %(coalitie)s") % {"organisatie": naam, "coalitie": coalitie.naam},
                    choices=VARIANT_KEUZES, widget=forms.Select(attrs=SELECT),
                )
                self.fields[f"{prefix}_bedrag"] = _bedrag(
                    _("Solidariteitsbijdrage %(naam)s (€)") % {"naam": naam}, required=False
                )
                initial[f"{prefix}_variant"] = deelname.variant if deelname else NOG_GEEN_KEUZE
                initial[f"{prefix}_bedrag"] = deelname.bedrag if deelname else None
                deelnames.append((f"{prefix}_variant", f"{prefix}_bedrag", deelname or verdeling.Deelname(naam, NOG_GEEN_KEUZE)))
            self.coalitievelden.append((coalitie.naam, budget_veld, deelnames))
        self.initial = initial | dict(self.initial)

    # --- Layout helpers for the template ------------------------------------------------------

    def componenten(self):
        for nummer in (1, 2):
            yield {
                "nummer": nummer,
                "titel": COMPONENT_NAMEN[nummer],
                "budget": self[f"c{nummer}_budget"],
                "sleutel": self[f"c{nummer}_sleutel"],
                "vaste_voet": self[f"c{nummer}_vaste_voet_pct"],
                "percentages": [self[v] for v in self.componentvelden[nummer]["pct"]],
            }

    def percentage_rijen(self):
        """Per gemeente its fixed percentage in component 1 and 2 (used only with the key vaste percentages)."""
        for index, gemeente in enumerate(self.gemeenten):
            yield gemeente.naam, [self[self.componentvelden[n]["pct"][index]] for n in (1, 2)]

    def vaste_bijdragen(self):
        return [(naam, self[veld]) for veld, naam in self.vaste_bijdrage_velden]

    def coalities(self):
        for naam, budget_veld, deelnames in self.coalitievelden:
            yield {
                "naam": naam,
                "budget": self[budget_veld],
                "deelnames": [(d.organisatie, self[v], self[b]) for v, b, d in deelnames],
            }

    def data_uit_vastgesteld(self) -> dict[str, str]:
        """The adopted figures as the page's fields would send them: the starting point of a scenario."""
        data = {"jaar": str(self.jaar_verdeling.jaar)}
        for naam, veld in self.fields.items():
            waarde = veld.prepare_value(self.initial.get(naam))
            data[naam] = "" if waarde is None else str(waarde)
        return data

    def invoer(self) -> dict[str, str]:
        """The fields as typed, for keeping the scenario under a name."""
        return {"jaar": str(self.jaar_verdeling.jaar)} | {
            naam: str(self.data.get(naam, "")) for naam in self.fields
        }

    # --- Validation ------------------------------------------------------------------------------

    def _component(self, nummer: int, adopted: verdeling.Component) -> verdeling.Component:
        data = self.cleaned_data
        sleutel = data[f"c{nummer}_sleutel"]
        vaste_voet = data.get(f"c{nummer}_vaste_voet_pct")
        if sleutel == verdeling.SLEUTEL_VASTE_VOET_INWONERS and vaste_voet is None:
            self.add_error(f"c{nummer}_vaste_voet_pct", ValidationError(
                _("Geef het percentage van de vaste voet."), code="vaste_voet_ontbreekt"))
        percentages = {}
        if sleutel == verdeling.SLEUTEL_VASTE_PERCENTAGES:
            for veld, gemeente in zip(self.componentvelden[nummer]["pct"], self.gemeenten, strict=True):
                if data.get(veld) is None:
                    self.add_error(veld, ValidationError(_("Geef een percentage."), code="percentage_ontbreekt"))
                else:
                    percentages[gemeente.naam] = data[veld]
        vaste_bijdragen = adopted.vaste_bijdragen
        if nummer == 2:
            vaste_bijdragen = {naam: data[veld] for veld, naam in self.vaste_bijdrage_velden if veld in data}
        return verdeling.Component(
            budget=data.get(f"c{nummer}_budget") or verdeling.NUL,
            sleutel=sleutel,
            vaste_voet_pct=vaste_voet if sleutel == verdeling.SLEUTEL_VASTE_VOET_INWONERS else None,
            percentages=percentages,
            vaste_bijdragen=vaste_bijdragen,
            maanden=adopted.maanden,  # recorded joins and leaves are not part of a what-if
        )

    def _coalitie(self, coalitie: verdeling.Coalitie, budget_veld: str, deelnames) -> verdeling.Coalitie:
        data = self.cleaned_data
        nieuw = []
        for variant_veld, bedrag_veld, deelname in deelnames:
            variant = data.get(variant_veld, deelname.variant)
            if variant == NOG_GEEN_KEUZE:
                continue
            # A recorded join or leave keeps its months while the variant stays what it is.
            maanden = deelname.maanden if variant == deelname.variant else None
            if variant == verdeling.VARIANT_SOLIDARITEIT:
                bedrag = data.get(bedrag_veld)
                if not bedrag:
                    self.add_error(bedrag_veld, ValidationError(
                        _("Solidariteit vraagt een bijdrage groter dan 0."), code="bijdrage_ontbreekt"))
                nieuw.append(verdeling.Deelname(deelname.organisatie, variant, bedrag=bedrag, maanden=maanden))
            elif variant == verdeling.VARIANT_INSTAP:
                if deelname.instapdatum is None:
                    self.add_error(variant_veld, ValidationError(
                        _("Voor instap is een instapdatum nodig; die staat nog niet bij de deelname."),
                        code="instapdatum_ontbreekt"))
                nieuw.append(verdeling.Deelname(
                    deelname.organisatie, variant, instapdatum=deelname.instapdatum,
                    instapfee=deelname.instapfee if deelname.instapfee is not None else verdeling.NUL))
            elif variant == verdeling.VARIANT_VOLLEDIG:
                nieuw.append(verdeling.Deelname(deelname.organisatie, variant, maanden=maanden))
            else:
                nieuw.append(verdeling.Deelname(deelname.organisatie, variant))
        profijt = coalitie.profijt
        if isinstance(profijt, dict):
            delers = {d.organisatie for d in nieuw if d.variant in (verdeling.VARIANT_VOLLEDIG, verdeling.VARIANT_INSTAP)}
            profijt = {naam: gewicht for naam, gewicht in profijt.items() if naam in delers}
        return dataclasses.replace(
            coalitie, budget=data.get(budget_veld) or verdeling.NUL, profijt=profijt, deelnames=tuple(nieuw)
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        adopted = self.jaar_verdeling.scenario
        coalities = {c.naam: c for c in adopted.coalities}
        scenario = dataclasses.replace(
            adopted,
            component_1=self._component(1, adopted.component_1),
            component_2=self._component(2, adopted.component_2),
            coalities=tuple(self._coalitie(coalities[naam], budget_veld, deelnames)
                            for naam, budget_veld, deelnames in self.coalitievelden),
        )
        if self.errors:
            return cleaned
        try:
            verdeling.bereken(scenario)
        except verdeling.VerdelingFout as fout:
            raise ValidationError(fout.message, code="verdeling") from fout
        self._scenario = scenario
        return cleaned

    def scenario(self) -> verdeling.Scenario:
        return self._scenario

    def varianten_gewijzigd(self) -> bool:
        """True when the scenario changes a participation variant, which is not adopted here."""
        def deelnames(scenario):
            return {(c.naam, d.organisatie): d for c in scenario.coalities for d in c.deelnames}

        return deelnames(self.jaar_verdeling.scenario) != deelnames(self._scenario)


class ScenarioNaamForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam van het scenario"), max_length=120,
        # The field sits beside the result but belongs to the save form inside it (see scenario.html).
        widget=forms.TextInput(attrs=TEXT | {"form": "scenario-bewaren"}),
        help_text=_("Bewaar onder dezelfde naam om een eerder bewaard scenario te vervangen."),
    )


class VaststellingForm(forms.Form):
    """The decision an adoption rests on: required, so the history says on what grounds."""

    besluit = forms.CharField(
        label=_("Besluit"), max_length=200, widget=forms.TextInput(attrs=TEXT),
        help_text=_("Bijvoorbeeld: besluit algemeen bestuur 2026-14."),
    )
    besluitdatum = DatumVeld(label=_("Datum van het besluit"), widget=DatumInput(attrs=TEXT))


class UittredingForm(UtrechtFormulier, forms.Form):
    """A notice of leaving: the date it was given and the reason; the rule does the rest."""

    meldingsdatum = DatumVeld(
        label=_("Datum van de melding"),
        help_text=_("De dag waarop de uittreding is gemeld of besloten; de opzegtermijn telt vanaf deze datum."),
        error_messages={
            "required": _("Geef de datum van de melding."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."),
        },
    )
    reden = forms.CharField(
        label=_("Reden van uittreding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": _("Geef de reden van de uittreding.")},
    )

    def clean_reden(self) -> str:
        reden = self.cleaned_data["reden"].strip()
        if not reden:
            raise ValidationError(_("Geef de reden van de uittreding."), code="reden_verplicht")
        return reden

    def gegevens(self) -> dict:
        """What the service is told, besides what is left and the acting user."""
        return {"meldingsdatum": self.cleaned_data["meldingsdatum"], "reden": self.cleaned_data["reden"]}


class ToetredingForm(UtrechtFormulier, forms.Form):
    """A join: the date it is decided or takes effect, and why; the rule does the rest."""

    meldingsdatum = DatumVeld(
        label=_("Datum van toetreding"),
        help_text=_("De dag waarop de toetreding is besloten of ingaat; een termijn in de regel telt vanaf deze dag."),
        error_messages={
            "required": _("Geef de datum van toetreding."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."),
        },
    )
    reden = forms.CharField(
        label=_("Reden of toelichting"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": _("Geef de reden van de toetreding.")},
    )

    def clean_reden(self) -> str:
        reden = self.cleaned_data["reden"].strip()
        if not reden:
            raise ValidationError(_("Geef de reden van de toetreding."), code="reden_verplicht")
        return reden

    def gegevens(self) -> dict:
        """What the service is told, besides the object joined and the acting user."""
        return {"meldingsdatum": self.cleaned_data["meldingsdatum"], "reden": self.cleaned_data["reden"]}

    # A form that lets the user choose the organisation says this when there is none to choose.
    geen_keuze_tekst = ""

    @property
    def geen_keuze(self) -> bool:
        """True when the organisation to choose has no options: the page explains instead of an empty list."""
        veld = self.fields.get("organisatie")
        return bool(self.geen_keuze_tekst and veld is not None and not veld.queryset.exists())


class SamenwerkingToetredingForm(ToetredingForm):
    """An organisation joins the cooperation: one that is not active today, registered to join or left before."""

    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none(),
        help_text=_("Een nieuwe gemeente of partner legt de beheerder eerst vast in het beheer, met "
                    "“actief vanaf” op de beoogde datum; een eerder uitgetreden organisatie staat hier ook."),
        error_messages={"required": _("Kies de organisatie die toetreedt.")},
    )
    field_order = ["organisatie", "meldingsdatum", "reden"]
    geen_keuze_tekst = _("Er is nu geen organisatie die kan toetreden: alle vastgelegde organisaties doen al mee. "
                         "Een nieuwe gemeente of partner legt de beheerder eerst vast in het beheer, met “actief "
                         "vanaf” op de beoogde datum; daarna staat zij hier.")

    def __init__(self, *args, vandaag, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.niet_actief_op(vandaag).order_by("naam")

    def gegevens(self) -> dict:
        return {"organisatie": self.cleaned_data["organisatie"]} | super().gegevens()


class PartnerToetredingForm(ToetredingForm):
    """A partner joins a table by a recorded decision of the table; the decision is the reason."""

    organisatie = forms.ModelChoiceField(label=_("Partner"), queryset=Organisatie.objects.none(),
                                         error_messages={"required": _("Kies de partner die toetreedt.")})
    besluit_referentie = forms.CharField(
        label=_("Besluit van de tafel"), max_length=200,
        help_text=_("Bijvoorbeeld: besluit 3 van de vergadering van 12 maart 2026."),
        error_messages={"required": _("Een partner treedt alleen toe met een vastgelegd besluit van de tafel.")},
    )
    field_order = ["organisatie", "besluit_referentie", "meldingsdatum"]
    geen_keuze_tekst = _("Er is geen partner die nog kan toetreden: alle partners zitten al aan deze tafel.")

    def __init__(self, *args, tafel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["reden"]
        aan_tafel = tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).values("organisatie_id")
        self.fields["organisatie"].queryset = Organisatie.objects.exclude(
            soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE).exclude(pk__in=aan_tafel).order_by("naam")

    def gegevens(self) -> dict:
        data = self.cleaned_data
        return {"organisatie": data["organisatie"], "besluit_referentie": data["besluit_referentie"].strip(),
                "meldingsdatum": data["meldingsdatum"]}


class CoalitieToetredingForm(DeelnameForm, ToetredingForm):
    """A coalition joined as a paying party: volledig (with its first commitment) or solidariteit."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [("", _("Kies een variant"))] + [
            (v.value, v.label) for v in (Deelname.Variant.VOLLEDIG, Deelname.Variant.SOLIDARITEIT)]
        for veld in ("instapdatum", "instapfee", "versie"):
            del self.fields[veld]
        self.fields["solidariteitsbijdrage"].help_text = _("Alleen bij solidariteit: het bedrag per jaar.")

    def gegevens(self) -> dict:
        data = self.cleaned_data
        return {
            "variant": data["variant"], "solidariteitsbijdrage": data.get("solidariteitsbijdrage"),
            "eerste_toezegging": self.eerste_toezegging(), "meldingsdatum": data["meldingsdatum"],
            "reden": data["reden"],
        }
