"""Coalities: projects and programmes, and how each party takes part in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.invoer import valideer_datum, valideer_jaar
from drechtsteden.models import Organisatie, Thema
from tafels.models import BestuurlijkeTafel

from . import varianten


class Coalitie(models.Model):
    class Status(models.TextChoices):
        IDEE = "idee", _("Idee")
        IN_VORMING = "in_vorming", _("In vorming")
        LOPEND = "lopend", _("Lopend")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="coalities", verbose_name=_("thema"))
    tafel = models.ForeignKey(
        BestuurlijkeTafel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalities",
        verbose_name=_("tafel"),
    )
    doel = models.TextField(_("doel"), blank=True)
    beoogd_resultaat = models.TextField(_("beoogd concreet resultaat"), blank=True)
    resultaatdatum = models.DateField(_("datum resultaat"), null=True, blank=True, validators=[valideer_datum])
    trekker = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="getrokken_coalities", verbose_name=_("trekker")
    )
    projectleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("projectleider"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEE)
    startdatum = models.DateField(_("startdatum"), null=True, blank=True, validators=[valideer_datum])
    afhankelijkheden = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="afhankelijk_van_deze", verbose_name=_("hangt af van")
    )

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class DeelnameQuerySet(models.QuerySet):
    def aantallen_per_variant(self) -> models.QuerySet:
        """(variant, number) pairs of these deelnames. Counts rows, not ids: for one organisation's deelnames the
        index on organisation and variant alone answers it."""
        return self.order_by().values_list("variant").annotate(n=models.Count("*"))


class Deelname(models.Model):
    """How one organisation takes part in one coalition: one of the four variants."""

    class Variant(models.TextChoices):
        VOLLEDIG = varianten.VOLLEDIG, _("Volledige participatie")
        SOLIDARITEIT = varianten.SOLIDARITEIT, _("Solidariteit")
        INSTAP = varianten.INSTAP, _("Instapmodel")
        GEEN = varianten.GEEN, _("Geen deelname")

    coalitie = models.ForeignKey(Coalitie, on_delete=models.CASCADE, related_name="deelnames", verbose_name=_("coalitie"))
    # Indexed together with the variant and the coalition (Meta.indexes).
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("organisatie"), db_index=False
    )
    variant = models.CharField(_("variant"), max_length=20, choices=Variant.choices)
    solidariteitsbijdrage = models.DecimalField(
        _("solidariteitsbijdrage per jaar (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    instapdatum = models.DateField(_("instapdatum"), null=True, blank=True, validators=[valideer_datum])
    instapfee = models.DecimalField(_("instapfee (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van deelname"))

    objects = DeelnameQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["coalitie__naam", "organisatie__naam"]
        indexes = [
            # An organisation's deelnames counted per variant, and which coalitions it chose in (home page,
            # raadsinformatie), read from the index alone.
            models.Index(fields=["organisatie", "variant", "coalitie"], name="deelname_organisatie_variant"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["coalitie", "organisatie"],
                name="deelname_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al een deelname in deze coalitie."),
            ),
            # Each variant carries exactly its own fields; what needs other rows lives in services.py.
            models.CheckConstraint(
                condition=~Q(variant=varianten.SOLIDARITEIT)
                | Q(solidariteitsbijdrage__isnull=False, solidariteitsbijdrage__gt=0, instapdatum__isnull=True, instapfee__isnull=True),
                name="deelname_solidariteit_vraagt_bijdrage",
                violation_error_code="solidariteit_zonder_bijdrage",
                violation_error_message=_(
                    "Bij solidariteit hoort een solidariteitsbijdrage groter dan € 0 per jaar, zonder instapgegevens."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(variant=varianten.INSTAP)
                | Q(instapdatum__isnull=False, instapfee__isnull=False, instapfee__gte=0, solidariteitsbijdrage__isnull=True),
                name="deelname_instap_vraagt_datum_en_fee",
                violation_error_code="instap_onvolledig",
                violation_error_message=_(
                    "Bij instap horen een instapdatum en een instapfee (die mag € 0 zijn, maar moet zijn ingevuld)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(variant=varianten.GEEN)
                | Q(solidariteitsbijdrage__isnull=True, instapdatum__isnull=True, instapfee__isnull=True),
                name="deelname_geen_zonder_bedragen",
                violation_error_code="bedragen_bij_verkeerde_variant",
                violation_error_message=_(
                    "Bij geen deelname horen geen solidariteitsbijdrage, instapdatum of instapfee."
                ),
            ),
            # A volledig party that joined later keeps its entry date and fee: financing still charges
            # the fee and the pro-rata share in the entry year.
            models.CheckConstraint(
                condition=~Q(variant=varianten.VOLLEDIG)
                | Q(solidariteitsbijdrage__isnull=True, instapdatum__isnull=True, instapfee__isnull=True)
                | Q(solidariteitsbijdrage__isnull=True, instapdatum__isnull=False, instapfee__isnull=False, instapfee__gte=0),
                name="deelname_volledig_zonder_bijdrage",
                violation_error_code="bedragen_bij_verkeerde_variant",
                violation_error_message=_(
                    "Bij volledige deelname hoort geen solidariteitsbijdrage; een instapdatum alleen samen met de instapfee."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.coalitie}: {self.get_variant_display()}"


class Toezegging(models.Model):
    """What a volledig (or instap) party commits to a coalition: money, people or knowledge."""

    class Soort(models.TextChoices):
        GELD = "geld", _("Geld")
        MENSKRACHT = "menskracht", _("Menskracht")
        KENNIS = "kennis", _("Kennis")

    class Eenheid(models.TextChoices):
        EURO = "euro", _("euro per jaar")
        UREN = "uren", _("uur per jaar")
        FTE = "fte", _("fte")

    deelname = models.ForeignKey(
        Deelname, on_delete=models.PROTECT, related_name="toezeggingen", verbose_name=_("deelname")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    hoeveelheid = models.DecimalField(
        _("hoeveelheid"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Euro per jaar bij geld; uren per jaar of fte bij menskracht; leeg bij kennis."),
    )
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    jaar_van = models.PositiveSmallIntegerField(_("vanaf jaar"))
    jaar_tot = models.PositiveSmallIntegerField(_("tot en met jaar"))
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van toezegging"))

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["deelname__organisatie__naam", "soort", "jaar_van", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="geld") | Q(eenheid="euro", hoeveelheid__isnull=False, hoeveelheid__gt=0),
                name="toezegging_geld_in_euro",
                violation_error_code="geld_zonder_bedrag",
                violation_error_message=_("Een toezegging in geld heeft een bedrag in euro groter dan 0."),
            ),
            models.CheckConstraint(
                condition=~Q(soort="menskracht") | Q(eenheid__in=["uren", "fte"], hoeveelheid__isnull=False, hoeveelheid__gt=0),
                name="toezegging_menskracht_in_uren_of_fte",
                violation_error_code="menskracht_zonder_omvang",
                violation_error_message=_(
                    "Een toezegging in menskracht heeft een omvang groter dan 0 in uren per jaar of fte."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(soort="kennis") | (Q(eenheid="", hoeveelheid__isnull=True) & ~Q(omschrijving="")),
                name="toezegging_kennis_als_tekst",
                violation_error_code="kennis_zonder_omschrijving",
                violation_error_message=_("Een toezegging in kennis wordt omschreven in tekst, zonder hoeveelheid."),
            ),
            models.CheckConstraint(
                condition=Q(jaar_tot__gte=models.F("jaar_van")) & Q(jaar_van__gte=2000, jaar_tot__lte=2100),
                name="toezegging_jaren_oplopend",
                violation_error_code="jaren_verkeerd",
                violation_error_message=_("Het eindjaar mag niet voor het beginjaar liggen; beide liggen tussen 2000 en 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deelname.organisatie}: {self.get_soort_display()} {self.jaren}"

    @property
    def jaren(self) -> str:
        return str(self.jaar_van) if self.jaar_van == self.jaar_tot else f"{self.jaar_van}–{self.jaar_tot}"

    @property
    def aantal_jaren(self) -> int:
        return self.jaar_tot - self.jaar_van + 1

    @property
    def totaal_toegezegd(self):
        """The amount over all years (money and hours per year scale with the years; fte does not)."""
        if self.hoeveelheid is None:
            return None
        if self.eenheid == self.Eenheid.FTE:
            return self.hoeveelheid
        return self.hoeveelheid * self.aantal_jaren


class Realisatie(models.Model):
    """What was actually delivered on a commitment in one period (a year, or a quarter of it)."""

    toezegging = models.ForeignKey(
        Toezegging, on_delete=models.CASCADE, related_name="realisaties", verbose_name=_("toezegging")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"), validators=[valideer_jaar])
    kwartaal = models.PositiveSmallIntegerField(
        _("kwartaal"), null=True, blank=True, help_text=_("Leeg voor het hele jaar.")
    )
    hoeveelheid = models.DecimalField(_("geleverd"), max_digits=12, decimal_places=2, null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van realisatie"))

    class Meta:
        verbose_name = _("realisatie")
        verbose_name_plural = _("realisaties")
        ordering = ["toezegging", "jaar", "kwartaal"]
        constraints = [
            models.UniqueConstraint(
                fields=["toezegging", "jaar"],
                condition=Q(kwartaal__isnull=True),
                name="realisatie_een_per_jaar",
                violation_error_message=_("Voor deze periode is al een realisatie vastgelegd."),
            ),
            models.UniqueConstraint(
                fields=["toezegging", "jaar", "kwartaal"],
                name="realisatie_een_per_periode",
                violation_error_message=_("Voor deze periode is al een realisatie vastgelegd."),
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__isnull=True) | Q(kwartaal__gte=1, kwartaal__lte=4),
                name="realisatie_kwartaal_1_tot_4",
                violation_error_code="kwartaal_verkeerd",
                violation_error_message=_("Het kwartaal is 1, 2, 3 of 4 (of leeg voor het hele jaar)."),
            ),
            models.CheckConstraint(
                condition=Q(hoeveelheid__isnull=True) | Q(hoeveelheid__gte=0),
                name="realisatie_niet_negatief",
                violation_error_code="negatief",
                violation_error_message=_("Wat geleverd is, is niet negatief."),
            ),
            models.CheckConstraint(
                condition=Q(hoeveelheid__isnull=False) | ~Q(toelichting=""),
                name="realisatie_heeft_inhoud",
                violation_error_code="leeg",
                violation_error_message=_("Vul in wat geleverd is: een hoeveelheid of een toelichting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.toezegging}: {self.periode}"

    @property
    def periode(self) -> str:
        return f"{self.jaar}" if self.kwartaal is None else f"{self.jaar} K{self.kwartaal}"


class Voortgangsrapportage(models.Model):
    """The progress of a coalition in one period."""

    class Status(models.TextChoices):
        OP_KOERS = "op_koers", _("Op koers")
        AANDACHT = "aandacht", _("Aandacht")
        KRITIEK = "kritiek", _("Kritiek")

    coalitie = models.ForeignKey(
        Coalitie, on_delete=models.CASCADE, related_name="voortgangsrapportages", verbose_name=_("coalitie")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"), validators=[valideer_jaar])
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    mijlpalen = models.TextField(_("bereikte mijlpalen"), blank=True)
    tekst = models.TextField(_("toelichting"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("auteur"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["coalitie", "-jaar", "-kwartaal"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalitie", "jaar"],
                condition=Q(kwartaal__isnull=True),
                name="voortgang_een_per_jaar",
                violation_error_message=_("Voor deze periode is al een voortgangsrapportage vastgelegd."),
            ),
            models.UniqueConstraint(
                fields=["coalitie", "jaar", "kwartaal"],
                name="voortgang_een_per_periode",
                violation_error_message=_("Voor deze periode is al een voortgangsrapportage vastgelegd."),
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__isnull=True) | Q(kwartaal__gte=1, kwartaal__lte=4),
                name="voortgang_kwartaal_1_tot_4",
                violation_error_code="kwartaal_verkeerd",
                violation_error_message=_("Het kwartaal is 1, 2, 3 of 4 (of leeg voor het hele jaar)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coalitie}: {self.periode} ({self.get_status_display()})"

    @property
    def periode(self) -> str:
        return f"{self.jaar}" if self.kwartaal is None else f"{self.jaar} K{self.kwartaal}"


class ResultaatEnLes(models.Model):
    """A result or lesson of a coalition, fed back to the network."""

    class Soort(models.TextChoices):
        RESULTAAT = "resultaat", _("Resultaat")
        LES = "les", _("Les")

    coalitie = models.ForeignKey(
        Coalitie, on_delete=models.CASCADE, related_name="resultaten_en_lessen", verbose_name=_("coalitie")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"))
    datum = models.DateField(_("datum"), validators=[valideer_datum])
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("auteur"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("resultaat of les")
        verbose_name_plural = _("resultaten en lessen")
        ordering = ["-datum", "titel"]
        indexes = [
            # The newest results and lessons of a gemeente's coalitions (raadsinformatie): a few rows, not a sort of all.
            models.Index(fields=["-datum", "titel", "id"], name="resultaatenles_nieuwste"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.titel}"
