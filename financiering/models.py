"""Financiering in three components: the adopted budgets, keys and agreed amounts per year.

The arithmetic lives in `verdeling.py`; these models only hold what was decided. Every model keeps
its history (simple-history), so each change to a budget, key or agreed amount is kept with who
changed it and when.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalities.models import Coalitie, Deelname
from drechtsteden.invoer import valideer_datum
from drechtsteden.models import Organisatie
from drechtsteden.opmaak import euro, procent


def _geld(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        **kwargs,
    )


def _percentage(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        **kwargs,
    )


class Sleutel(models.TextChoices):
    GELIJK = "gelijk", _("Gelijk")
    INWONERS = "inwoners", _("Naar inwoners")
    VASTE_VOET_INWONERS = "vaste_voet_inwoners", _("Vaste voet + inwoners")
    VASTE_PERCENTAGES = "vaste_percentages", _("Vaste percentages")


# Plain names of components 1 and 2, for screens that let people change them.
COMPONENT_NAMEN = {1: _("instandhouding netwerk"), 2: _("basisfinanciering projecten")}


class Begrotingsjaar(models.Model):
    """One year's components 1 and 2: budget and allocation key, and the reference date."""

    jaar = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    peildatum_inwoners = models.DateField(
        _("peildatum inwoners"),
        validators=[valideer_datum],
        help_text=_("De inwonertallen op of voor deze datum bepalen de verdeling naar inwoners."),
    )
    drempel_projectfinanciering_pct = _percentage(
        _("drempel projectfinanciering (%)"),
        default=Decimal("40"),
        help_text=_("Waarschuw als component 3 meer dan dit deel van het jaartotaal is."),
    )
    component_1_budget = _geld(_("component 1: budget instandhouding netwerk (€)"), default=Decimal("0"))
    component_1_sleutel = models.CharField(
        _("component 1: verdeelsleutel"), max_length=30, choices=Sleutel.choices, default=Sleutel.GELIJK
    )
    component_1_vaste_voet_pct = _percentage(_("component 1: vaste voet (%)"), null=True, blank=True)
    component_2_budget = _geld(_("component 2: budget basisfinanciering projecten (€)"), default=Decimal("0"))
    component_2_sleutel = models.CharField(
        _("component 2: verdeelsleutel"), max_length=30, choices=Sleutel.choices, default=Sleutel.GELIJK
    )
    component_2_vaste_voet_pct = _percentage(_("component 2: vaste voet (%)"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("historie van begrotingsjaar"))

    class Meta:
        verbose_name = _("begrotingsjaar")
        verbose_name_plural = _("begrotingsjaren")
        ordering = ["jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(component_1_budget__gte=0) & Q(component_2_budget__gte=0),
                name="begrotingsjaar_budgetten_niet_negatief",
                violation_error_message=_("Een budget mag niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(drempel_projectfinanciering_pct__gte=0) & Q(drempel_projectfinanciering_pct__lte=100),
                name="begrotingsjaar_drempel_percentage",
                violation_error_message=_("De drempel is een percentage tussen 0 en 100."),
            ),
            models.CheckConstraint(
                condition=(Q(component_1_sleutel="vaste_voet_inwoners") & Q(component_1_vaste_voet_pct__gte=0)
                           & Q(component_1_vaste_voet_pct__lte=100))
                | (~Q(component_1_sleutel="vaste_voet_inwoners") & Q(component_1_vaste_voet_pct__isnull=True)),
                name="begrotingsjaar_component_1_vaste_voet",
                violation_error_message=_(
                    "Component 1: een vaste voet (0–100 %) hoort bij, en alleen bij, de sleutel vaste voet + inwoners."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(component_2_sleutel="vaste_voet_inwoners") & Q(component_2_vaste_voet_pct__gte=0)
                           & Q(component_2_vaste_voet_pct__lte=100))
                | (~Q(component_2_sleutel="vaste_voet_inwoners") & Q(component_2_vaste_voet_pct__isnull=True)),
                name="begrotingsjaar_component_2_vaste_voet",
                violation_error_message=_(
                    "Component 2: een vaste voet (0–100 %) hoort bij, en alleen bij, de sleutel vaste voet + inwoners."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.jaar)

    @staticmethod
    def standaard_peildatum(jaar: int) -> datetime.date:
        """Inhabitants as known on 1 January of the year before: the figures the budget is made with."""
        return datetime.date(jaar - 1, 1, 1)


class SleutelPercentage(models.Model):
    """A gemeente's fixed percentage under the key `vaste_percentages` of component 1 or 2."""

    class ComponentKeuze(models.IntegerChoices):
        INSTANDHOUDING = 1, _("Component 1: instandhouding netwerk")
        BASISFINANCIERING = 2, _("Component 2: basisfinanciering projecten")

    begrotingsjaar = models.ForeignKey(
        Begrotingsjaar, on_delete=models.CASCADE, related_name="percentages", verbose_name=_("begrotingsjaar")
    )
    component = models.PositiveSmallIntegerField(_("component"), choices=ComponentKeuze.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    percentage = _percentage(_("percentage"))

    history = HistoricalRecords(verbose_name=_("historie van sleutelpercentage"))

    class Meta:
        verbose_name = _("sleutelpercentage")
        verbose_name_plural = _("sleutelpercentages")
        ordering = ["begrotingsjaar__jaar", "component", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["begrotingsjaar", "component", "organisatie"],
                name="sleutelpercentage_een_per_gemeente",
                violation_error_message=_("Deze gemeente heeft al een percentage voor deze component."),
            ),
            models.CheckConstraint(
                condition=Q(percentage__gte=0) & Q(percentage__lte=100),
                name="sleutelpercentage_tussen_0_en_100",
                violation_error_message=_("Een percentage ligt tussen 0 en 100."),
            ),
            models.CheckConstraint(
                condition=Q(component__in=[1, 2]),
                name="sleutelpercentage_component_1_of_2",
                violation_error_message=_("Alleen component 1 en 2 hebben een verdeelsleutel."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.begrotingsjaar} component {self.component}: {self.organisatie} {procent(self.percentage, decimalen=2, kort=True)}"


class VasteBijdrage(models.Model):
    """The agreed fixed amount a partner admitted to the base pays in component 2."""

    begrotingsjaar = models.ForeignKey(
        Begrotingsjaar, on_delete=models.CASCADE, related_name="vaste_bijdragen", verbose_name=_("begrotingsjaar")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vaste_bijdragen", verbose_name=_("partner")
    )
    bedrag = _geld(_("bedrag (€)"))

    history = HistoricalRecords(verbose_name=_("historie van vaste bijdrage"))

    class Meta:
        verbose_name = _("vaste bijdrage")
        verbose_name_plural = _("vaste bijdragen")
        ordering = ["begrotingsjaar__jaar", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["begrotingsjaar", "organisatie"],
                name="vaste_bijdrage_een_per_partner",
                violation_error_message=_("Deze partner heeft al een vaste bijdrage in dit jaar."),
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="vaste_bijdrage_niet_negatief",
                violation_error_message=_("Een bedrag mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.begrotingsjaar}: {self.organisatie} {euro(self.bedrag)}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.organisatie_id and self.organisatie.is_drechtstedengemeente:
            raise ValidationError({"organisatie": ValidationError(
                _("Een Drechtstedengemeente betaalt via de sleutel, niet met een vaste bijdrage."),
                code="gemeente_vaste_bijdrage",
            )})


class ProjectBudget(models.Model):
    """Component 3: a coalition's project budget for one year, and how benefit is weighed."""

    class Profijt(models.TextChoices):
        GELIJK = "gelijk", _("Gelijk")
        INWONERS = "inwoners", _("Naar inwoners")
        GEWICHTEN = "gewichten", _("Eigen gewichten per organisatie")

    coalitie = models.ForeignKey(
        Coalitie, on_delete=models.CASCADE, related_name="projectbudgetten", verbose_name=_("coalitie")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = _geld(_("projectbudget (€)"))
    profijt = models.CharField(_("profijt"), max_length=20, choices=Profijt.choices, default=Profijt.GELIJK)

    history = HistoricalRecords(verbose_name=_("historie van projectbudget"))

    class Meta:
        verbose_name = _("projectbudget")
        verbose_name_plural = _("projectbudgetten")
        ordering = ["jaar", "coalitie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalitie", "jaar"],
                name="projectbudget_een_per_jaar",
                violation_error_message=_("Deze coalitie heeft al een projectbudget voor dit jaar."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="projectbudget_niet_negatief",
                violation_error_message=_("Een budget mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coalitie} {self.jaar}"


class ProfijtGewicht(models.Model):
    """A custom benefit weight of one participant in a project budget (profijt `gewichten`)."""

    projectbudget = models.ForeignKey(
        ProjectBudget, on_delete=models.CASCADE, related_name="gewichten", verbose_name=_("projectbudget")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    gewicht = models.DecimalField(
        _("gewicht"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    history = HistoricalRecords(verbose_name=_("historie van profijtgewicht"))

    class Meta:
        verbose_name = _("profijtgewicht")
        verbose_name_plural = _("profijtgewichten")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["projectbudget", "organisatie"],
                name="profijtgewicht_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al een gewicht voor dit projectbudget."),
            ),
            models.CheckConstraint(
                condition=Q(gewicht__gte=0),
                name="profijtgewicht_niet_negatief",
                violation_error_message=_("Een gewicht mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.projectbudget}: {self.organisatie} {self.gewicht}"


class OpgeslagenScenario(models.Model):
    """A named what-if of one year, kept so it can be opened again, compared and adopted.

    `invoer` holds the scenario page's fields as typed ("300.000", "gelijk"), so opening it again
    fills the page exactly as it was saved.
    """

    naam = models.CharField(_("naam"), max_length=120)
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    invoer = models.JSONField(_("invoer"), default=dict, blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("gemaakt door"),
    )
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("historie van scenario"))

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        ordering = ["jaar", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "naam"],
                name="scenario_naam_uniek_per_jaar",
                violation_error_message=_("Er is al een scenario met deze naam voor dit jaar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.jaar})"


class Vaststelling(models.Model):
    """One adoption of a year's budget from a scenario: the decision, who adopted it, and before and after.

    `vorige` and `nieuw` hold the year's components and every organisation's amounts as they were
    just before and just after, so the previous adopted version stays readable.
    """

    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    scenario = models.ForeignKey(
        OpgeslagenScenario, on_delete=models.SET_NULL, null=True, blank=True, related_name="vaststellingen",
        verbose_name=_("scenario"),
    )
    scenario_naam = models.CharField(_("naam van het scenario"), max_length=120, blank=True)
    besluit = models.CharField(_("besluit"), max_length=200)
    besluitdatum = models.DateField(_("datum van het besluit"), validators=[valideer_datum])
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgesteld door")
    )
    op = models.DateTimeField(_("vastgesteld op"), auto_now_add=True)
    vorige = models.JSONField(_("vorige versie"), default=dict, blank=True)
    nieuw = models.JSONField(_("nieuwe versie"), default=dict, blank=True)

    class Meta:
        verbose_name = _("vaststelling")
        verbose_name_plural = _("vaststellingen")
        ordering = ["-op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(besluit=""),
                name="vaststelling_besluit_verplicht",
                violation_error_message=_("Noem het besluit waarmee de begroting is vastgesteld."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jaar}: {self.besluit}"


class Overgangsregel(models.Model):
    """The recorded rule for joining or leaving the cooperation, a table or a coalition.

    One rule per level and direction, kept by the beheerder in the admin; `overgang.py` does the
    arithmetic. Each change is kept in the history, and each recorded join or leave copies the rule
    it was decided under.
    """

    class Niveau(models.TextChoices):
        SAMENWERKING = "samenwerking", _("Samenwerking")
        TAFEL = "tafel", _("Bestuurlijke tafel")
        COALITIE = "coalitie", _("Coalitie")

    class Richting(models.TextChoices):
        UITTREDING = "uittreding", _("Uittreding")
        TOETREDING = "toetreding", _("Toetreding")

    class FinancieringPer(models.TextChoices):
        INGANG = "ingang", _("Op de ingangsdatum")
        EERSTE_VAN_MAAND = "eerste_van_maand", _("Op de eerste van de maand, op of na de ingangsdatum")
        EERSTE_JANUARI = "eerste_januari", _("Op 1 januari, op of na de ingangsdatum")

    class Verschuldigd(models.TextChoices):
        VOLLEDIG_JAAR = "volledig_jaar", _("Het volledige jaar")
        NAAR_RATO = "naar_rato", _("Naar rato van de maanden")
        NIETS = "niets", _("Niets")

    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    richting = models.CharField(_("richting"), max_length=20, choices=Richting.choices)
    opzegtermijn_maanden = models.PositiveSmallIntegerField(
        _("opzegtermijn (maanden)"), default=0, validators=[MaxValueValidator(60)],
        help_text=_("De uit- of toetreding gaat in zoveel maanden na de datum van de melding."),
    )
    terugwerkend_dagen = models.PositiveSmallIntegerField(
        _("terugwerkend (dagen)"), default=0, validators=[MaxValueValidator(366)],
        help_text=_("Hoe ver de datum van de melding in het verleden mag liggen, bijvoorbeeld voor een besluit van vorige week."),
    )
    financiering_per = models.CharField(
        _("financiering verandert"), max_length=20, choices=FinancieringPer.choices, default=FinancieringPer.EERSTE_JANUARI
    )
    verschuldigd = models.CharField(
        _("verschuldigd in het jaar van ingang"), max_length=20, choices=Verschuldigd.choices, default=Verschuldigd.NAAR_RATO
    )
    component_2_loopt_door = models.BooleanField(
        _("component 2 loopt door tot de financiering verandert"), default=False,
        help_text=_("Bij uittreding: de basisfinanciering (ook een vaste bijdrage) wordt betaald tot de datum waarop de financiering verandert."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords(verbose_name=_("historie van regel voor toe- en uittreding"))

    class Meta:
        verbose_name = _("regel voor toe- en uittreding")
        verbose_name_plural = _("regels voor toe- en uittreding")
        ordering = ["niveau", "-richting"]
        constraints = [
            models.UniqueConstraint(
                fields=["niveau", "richting"],
                name="overgangsregel_een_per_niveau_en_richting",
                violation_error_message=_("Er is al een regel voor dit niveau en deze richting."),
            ),
            models.CheckConstraint(
                condition=Q(opzegtermijn_maanden__lte=60) & Q(terugwerkend_dagen__lte=366),
                name="overgangsregel_termijnen_begrensd",
                violation_error_message=_("De opzegtermijn is hooguit 60 maanden en terugwerkend hooguit 366 dagen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_richting_display()}: {self.get_niveau_display()}"


class Overgang(models.Model):
    """A recorded join or leave: who, from what, under which rule, with the dates and amounts shown.

    The rule's terms are copied, so a later change of the rule does not change what was decided.
    """

    regel = models.ForeignKey(
        Overgangsregel, on_delete=models.PROTECT, related_name="overgangen", verbose_name=_("regel")
    )
    niveau = models.CharField(_("niveau"), max_length=20, choices=Overgangsregel.Niveau.choices)
    richting = models.CharField(_("richting"), max_length=20, choices=Overgangsregel.Richting.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="overgangen", verbose_name=_("organisatie")
    )
    tafel = models.ForeignKey(
        "tafels.BestuurlijkeTafel", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("tafel"),
    )
    coalitie = models.ForeignKey(
        Coalitie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("coalitie")
    )
    # A coalition: the variant the organisation left (or joined with) and that variant's amounts and entry
    # date, so the allocation counts it in the months it still (or already) pays.
    variant = models.CharField(_("variant"), max_length=20, choices=Deelname.Variant.choices, blank=True)
    solidariteitsbijdrage = models.DecimalField(
        _("solidariteitsbijdrage per jaar (€)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    instapdatum = models.DateField(_("instapdatum"), null=True, blank=True, validators=[valideer_datum])
    instapfee = models.DecimalField(
        _("instapfee (€)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    verandert_financiering = models.BooleanField(
        _("verandert de financiering"), default=True,
        help_text=_("Nee als de financiering niet verandert: een Drechtstedengemeente betaalt via de sleutel, aan "
                    "tafel of niet; een partner die aan een andere tafel blijft, betaalt zijn vaste bijdrage door."),
    )
    reden = models.TextField(_("reden"))
    meldingsdatum = models.DateField(_("datum van de melding"), validators=[valideer_datum])
    ingangsdatum = models.DateField(_("ingangsdatum"), validators=[valideer_datum])
    financiering_per = models.DateField(_("financiering verandert per"), validators=[valideer_datum])
    opzegtermijn_maanden = models.PositiveSmallIntegerField(_("opzegtermijn (maanden)"))
    verschuldigd = models.CharField(
        _("verschuldigd in het jaar van ingang"), max_length=20, choices=Overgangsregel.Verschuldigd.choices
    )
    component_2_loopt_door = models.BooleanField(_("component 2 loopt door tot de financiering verandert"))
    bedragen = models.JSONField(
        _("bedragen per jaar"), default=list,
        help_text=_("Per jaar: maanden en bedragen per component zoals getoond bij de bevestiging."),
    )
    totaal = _geld(_("nog verschuldigd (€)"))
    vastgelegd_door = models.ForeignKey(
        "drechtsteden.Gebruiker", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("historie van toe- of uittreding"))

    class Meta:
        verbose_name = _("toe- of uittreding")
        verbose_name_plural = _("toe- en uittredingen")
        ordering = ["-vastgelegd_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ingangsdatum__gte=models.F("meldingsdatum")) & Q(totaal__gte=0),
                name="overgang_ingang_na_melding",
                violation_error_message=_("De ingangsdatum ligt niet voor de melding en het bedrag is niet negatief."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_richting_display()} {self.organisatie} ({self.get_niveau_display()}) per {self.ingangsdatum}"

    @property
    def is_toetreding(self) -> bool:
        return self.richting == Overgangsregel.Richting.TOETREDING

    @property
    def per_jaar(self) -> list[tuple[int, Decimal, int, bool]]:
        """(year, amount, months of the component that changes, adopted) per recorded year, to show."""
        component = {Overgangsregel.Niveau.TAFEL: 1, Overgangsregel.Niveau.COALITIE: 2}.get(self.niveau)
        return [
            (j["jaar"], Decimal(j["totaal"]), j["maanden"][component] if component is not None else max(j["maanden"]),
             j["vastgesteld"])
            for j in self.bedragen
        ]

    @property
    def omschrijving(self) -> str:
        """What was joined or left: the cooperation, a table or a coalition, by name."""
        if self.tafel_id:
            return _("tafel %(naam)s") % {"naam": self.tafel.naam}
        if self.coalitie_id:
            return _("coalitie %(naam)s") % {"naam": self.coalitie.naam}
        return str(_("de samenwerking Drechtsteden"))
