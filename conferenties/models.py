"""Werkconferenties of the colleges (seed 000): programme, pitches, world café, harvest and the wall."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from drechtsteden.invoer import valideer_datum
from drechtsteden.models import Organisatie


class Werkconferentie(models.Model):
    """A meeting of the network planned in the portal: a work conference of the colleges (seed 000), a
    quarterly network meeting or the yearly inspiration day with the councils (seeds 001, 002)."""

    class Soort(models.TextChoices):
        WERKCONFERENTIE = "werkconferentie", _("Werkconferentie")
        NETWERKBIJEENKOMST = "netwerkbijeenkomst", _("Netwerkbijeenkomst (per kwartaal)")
        INSPIRATIEDAG = "inspiratiedag", _("Inspiratiedag met de raden")

    soort = models.CharField(_("soort bijeenkomst"), max_length=30, choices=Soort.choices, default=Soort.WERKCONFERENTIE)
    titel = models.CharField(_("titel"), max_length=200)
    datum = models.DateField(_("datum"), validators=[valideer_datum])
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    centrale_vraag = models.TextField(_("centrale vraag"), blank=True)
    dagvoorzitter = models.CharField(_("dagvoorzitter"), max_length=200, blank=True)
    rondes = models.PositiveSmallIntegerField(
        _("rondes world café"), default=3, help_text=_("Ten hoogste zoveel rondes als er tafels zijn.")
    )
    verslag = models.TextField(_("kort verslag"), blank=True, max_length=10_000)

    class Meta:
        verbose_name = _("werkconferentie")
        verbose_name_plural = _("werkconferenties")
        ordering = ["-datum"]
        constraints = [
            models.CheckConstraint(condition=Q(rondes__gte=1), name="werkconferentie_ten_minste_een_ronde",
                                   violation_error_message=_("Een world café heeft ten minste één ronde.")),
            models.CheckConstraint(condition=Q(rondes__lte=12), name="werkconferentie_ten_hoogste_twaalf_rondes",
                                   violation_error_message=_("Een world café heeft ten hoogste twaalf rondes.")),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.datum:%d-%m-%Y})"


class Programmaonderdeel(models.Model):
    class Soort(models.TextChoices):
        INLOOP = "inloop", _("Inloop")
        OPENING = "opening", _("Opening")
        MINICOLLEGE = "minicollege", _("Minicollege")
        PITCHES = "pitches", _("Pitches")
        WORLD_CAFE = "world_cafe", _("World café")
        PAUZE = "pauze", _("Pauze")
        LUNCH = "lunch", _("Lunch")
        PLENAIR = "plenair", _("Plenaire reflectie")
        AFSLUITING = "afsluiting", _("Afsluiting")

    conferentie = models.ForeignKey(Werkconferentie, on_delete=models.CASCADE, related_name="programma",
                                    verbose_name=_("conferentie"))
    begint_om = models.TimeField(_("begint om"))
    eindigt_om = models.TimeField(_("eindigt om"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programmaonderdelen")
        ordering = ["conferentie", "begint_om"]
        constraints = [
            models.CheckConstraint(condition=Q(eindigt_om__gt=F("begint_om")), name="programmaonderdeel_eindigt_na_begin",
                                   violation_error_message=_("Een onderdeel eindigt na het begin.")),
        ]

    def __str__(self) -> str:
        return f"{self.begint_om:%H:%M}–{self.eindigt_om:%H:%M} {self.titel}"


class Pitch(models.Model):
    """One college's kick-off pitch: who, how long at most, and the three key points."""

    conferentie = models.ForeignKey(Werkconferentie, on_delete=models.CASCADE, related_name="pitches",
                                    verbose_name=_("conferentie"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("college"))
    spreker = models.CharField(_("spreker"), max_length=200, blank=True)
    max_minuten = models.PositiveSmallIntegerField(_("ten hoogste minuten"), default=3)
    stip_op_horizon = models.TextField(_("stip op de horizon"), blank=True)
    knelpunt_kans = models.TextField(_("knelpunt, kans of oplossingsrichting"), blank=True)
    succes_vandaag = models.TextField(_("wat maakt vandaag tot een succes"), blank=True)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        ordering = ["conferentie", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(fields=["conferentie", "organisatie"], name="pitch_een_per_college",
                                    violation_error_message=_("Dit college pitcht al.")),
            models.CheckConstraint(condition=Q(max_minuten__gte=1, max_minuten__lte=15), name="pitch_minuten_1_tot_15",
                                   violation_error_message=_("Een pitch duurt 1 tot 15 minuten.")),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.max_minuten} min)"


class Cafetafel(models.Model):
    """A world café table: a theme, a statement, a moderator duo and who reports back."""

    conferentie = models.ForeignKey(Werkconferentie, on_delete=models.CASCADE, related_name="tafels",
                                    verbose_name=_("conferentie"))
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    thema = models.CharField(_("thema"), max_length=200)
    stelling = models.TextField(_("stelling"))
    moderatoren = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True,
                                         verbose_name=_("moderatoren (duo)"))
    terugkoppelaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("koppelt plenair terug"))

    class Meta:
        verbose_name = _("world-café-tafel")
        verbose_name_plural = _("world-café-tafels")
        ordering = ["conferentie", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["conferentie", "nummer"], name="cafetafel_nummer_uniek",
                                    violation_error_message=_("Deze conferentie heeft al een tafel met dit nummer.")),
            models.CheckConstraint(condition=~Q(stelling=""), name="cafetafel_stelling_verplicht",
                                   violation_error_message=_("Een tafel heeft een stelling.")),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.thema}"


class Deelnemer(models.Model):
    conferentie = models.ForeignKey(Werkconferentie, on_delete=models.CASCADE, related_name="deelnemers",
                                    verbose_name=_("conferentie"))
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("deelnemer"))
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    aanwezig = models.BooleanField(_("aanwezig"), null=True, blank=True, help_text=_("Leeg: nog niet vastgelegd."))

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["gebruiker__organisatie__naam", "gebruiker__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["conferentie", "gebruiker"], name="deelnemer_een_keer",
                                    violation_error_message=_("Deze persoon doet al mee.")),
        ]

    def __str__(self) -> str:
        return str(self.gebruiker)


class Plaatsing(models.Model):
    """Where a participant sits in one round of the world café."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="plaatsingen",
                                  verbose_name=_("deelnemer"))
    ronde = models.PositiveSmallIntegerField(_("ronde"))
    tafel = models.ForeignKey(Cafetafel, on_delete=models.CASCADE, related_name="plaatsingen", verbose_name=_("tafel"))

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["ronde", "tafel__nummer"]
        constraints = [
            models.UniqueConstraint(fields=["deelnemer", "ronde"], name="plaatsing_een_tafel_per_ronde",
                                    violation_error_message=_("Een deelnemer zit per ronde aan één tafel.")),
            models.UniqueConstraint(fields=["deelnemer", "tafel"], name="plaatsing_elke_tafel_een_keer",
                                    violation_error_message=_("Een deelnemer komt maar één keer aan dezelfde tafel.")),
        ]


class Oogst(models.Model):
    """Harvest notes of one table in one round."""

    tafel = models.ForeignKey(Cafetafel, on_delete=models.CASCADE, related_name="oogst", verbose_name=_("tafel"))
    ronde = models.PositiveSmallIntegerField(_("ronde"))
    tekst = models.TextField(_("oogst"))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("vastgelegd door"))
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("oogst")
        verbose_name_plural = _("oogst")
        ordering = ["tafel__nummer", "ronde", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(tekst=""), name="oogst_tekst_verplicht",
                                   violation_error_message=_("Vul de oogst in.")),
        ]


class Muurbericht(models.Model):
    """A note on the wall of complaints, wishes and compliments."""

    class Soort(models.TextChoices):
        KLACHT = "klacht", _("Klacht")
        WENS = "wens", _("Wens")
        COMPLIMENT = "compliment", _("Compliment")

    conferentie = models.ForeignKey(Werkconferentie, on_delete=models.CASCADE, related_name="muur",
                                    verbose_name=_("conferentie"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    tekst = models.CharField(_("tekst"), max_length=500)
    geplaatst_op = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("muurbericht")
        verbose_name_plural = _("muurberichten")
        ordering = ["soort", "geplaatst_op", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(tekst=""), name="muurbericht_tekst_verplicht",
                                   violation_error_message=_("Schrijf iets op de muur.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.tekst[:60]}"
