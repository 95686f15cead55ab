"""Regiekamers: network steering by the bestuurlijke and ambtelijke regiekamer.

The rooms meet through a body of the tafels app (agenda, documents, decisions, actions, attendance);
this app adds what only the rooms have: their members, the rotating chair, escalations and the
samenwerkingsmonitor (reflection rounds). The rules themselves live in ``rules.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drechtsteden.invoer import valideer_datum, valideer_jaar
from drechtsteden.models import Organisatie


class Regiekamer(models.Model):
    class Soort(models.TextChoices):
        BESTUURLIJK = "bestuurlijk", _("Bestuurlijke regiekamer")
        AMBTELIJK = "ambtelijk", _("Ambtelijke regiekamer")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, unique=True)
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    taak = models.TextField(_("taak"), blank=True)
    orgaan = models.OneToOneField(
        "tafels.BestuurlijkeTafel",
        on_delete=models.PROTECT,
        related_name="regiekamer",
        verbose_name=_("vergaderorgaan"),
        help_text=_("Het orgaan waarmee de regiekamer vergadert: agenda, stukken, besluiten en acties."),
    )
    roulerend_voorzitterschap = models.BooleanField(_("roulerend voorzitterschap"), default=False)
    uitgesloten_van_voorzitterschap = models.ManyToManyField(
        Organisatie,
        blank=True,
        related_name="+",
        verbose_name=_("uitgesloten van het voorzitterschap"),
        help_text=_("Bijvoorbeeld Dordrecht: de werkgever van het programmateam is nooit voorzitter."),
    )

    class Meta:
        verbose_name = _("regiekamer")
        verbose_name_plural = _("regiekamers")
        ordering = ["soort"]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_ambtelijk(self) -> bool:
        return self.soort == self.Soort.AMBTELIJK


class Regiekamerlid(models.Model):
    """Membership of a person for their organisation, from ``van`` until ``tot`` (open when empty)."""

    class Rol(models.TextChoices):
        LID = "lid", _("Lid")
        VERBINDENDE_SCHAKEL = "verbindende_schakel", _("Verbindende schakel (zonder voorzittersrol)")

    regiekamer = models.ForeignKey(Regiekamer, on_delete=models.CASCADE, related_name="leden", verbose_name=_("regiekamer"))
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="regiekamerleden", verbose_name=_("persoon")
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices, default=Rol.LID)
    van = models.DateField(_("lid vanaf"), validators=[valideer_datum])
    tot = models.DateField(_("lid tot en met"), validators=[valideer_datum], null=True, blank=True)

    class Meta:
        verbose_name = _("lid van een regiekamer")
        verbose_name_plural = _("leden van regiekamers")
        ordering = ["regiekamer", "rol", "organisatie__naam", "-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="regiekamerlid_tot_na_van",
                violation_error_message=_("'Lid tot en met' ligt voor 'lid vanaf'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.organisatie}) — {self.regiekamer}"

    def actief_op(self, datum) -> bool:
        return self.van <= datum and (self.tot is None or self.tot >= datum)


class Voorzitterschap(models.Model):
    """One one-year term of the chair of a regiekamer."""

    regiekamer = models.ForeignKey(
        Regiekamer, on_delete=models.CASCADE, related_name="voorzitterschappen", verbose_name=_("regiekamer")
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"), validators=[valideer_jaar])
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("voorzitter"),
    )

    class Meta:
        verbose_name = _("voorzitterschap")
        verbose_name_plural = _("voorzitterschappen")
        ordering = ["regiekamer", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["regiekamer", "jaar"],
                name="voorzitterschap_een_per_jaar",
                violation_error_message=_("Voor dit jaar is al een voorzitter vastgelegd."),
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=2000, jaar__lte=2100),
                name="voorzitterschap_jaar_2000_2100",
                violation_error_message=_("Het jaar ligt tussen 2000 en 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jaar}: {self.organisatie}"


class Escalatie(models.Model):
    """A knelpunt that climbs the ladder one step at a time until it is closed with an outcome."""

    class Niveau(models.TextChoices):
        SIGNALERING = "signalering", _("Signalering")
        AMBTELIJK = "ambtelijke_regiekamer", _("Ambtelijke regiekamer")
        BESTUURLIJK = "bestuurlijke_regiekamer", _("Bestuurlijke regiekamer")
        COLLEGES_RADEN = "colleges_raden", _("Colleges en raden")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    titel = models.CharField(_("knelpunt"), max_length=200)
    omschrijving = models.TextField(_("wat is er aan de hand"))
    gevraagd = models.TextField(_("wat wordt gevraagd"))
    sinds = models.DateField(_("speelt sinds"), validators=[valideer_datum])
    geopend_op = models.DateField(_("ingediend op"), validators=[valideer_datum])
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingediend door")
    )
    tafel = models.ForeignKey(
        "tafels.BestuurlijkeTafel", on_delete=models.PROTECT, null=True, blank=True, related_name="escalaties",
        verbose_name=_("tafel"),
    )
    coalitie = models.ForeignKey(
        "coalities.Coalitie", on_delete=models.PROTECT, null=True, blank=True, related_name="escalaties",
        verbose_name=_("coalitie"),
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="escalaties",
        verbose_name=_("betreft gemeente"),
    )
    niveau = models.CharField(_("niveau"), max_length=30, choices=Niveau.choices, default=Niveau.SIGNALERING)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    gesloten_op = models.DateField(_("gesloten op"), validators=[valideer_datum], null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["status", "geopend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="open") & Q(gesloten_op__isnull=True) & Q(uitkomst=""))
                | (Q(status="gesloten") & Q(gesloten_op__isnull=False) & ~Q(uitkomst="")),
                name="escalatie_gesloten_met_uitkomst",
                violation_error_message=_("Een escalatie wordt gesloten met een uitkomst en een datum."),
            ),
            models.CheckConstraint(
                condition=Q(geopend_op__gte=models.F("sinds")),
                name="escalatie_sinds_voor_indienen",
                violation_error_message=_("'Speelt sinds' ligt niet na de datum van indienen."),
            ),
            models.CheckConstraint(
                condition=~Q(titel=""), name="escalatie_titel_verplicht",
                violation_error_message=_("Beschrijf het knelpunt in een titel."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Escalatiestap(models.Model):
    """One rung of the ladder: what was decided at that level, by whom it is owned and when it comes back."""

    escalatie = models.ForeignKey(Escalatie, on_delete=models.CASCADE, related_name="stappen", verbose_name=_("escalatie"))
    niveau = models.CharField(_("niveau"), max_length=30, choices=Escalatie.Niveau.choices)
    datum = models.DateField(_("datum"), validators=[valideer_datum])
    besluit = models.TextField(_("besluit"))
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    volgende_bespreking = models.DateField(_("volgende bespreking"), validators=[valideer_datum])
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("escalatiestap")
        verbose_name_plural = _("escalatiestappen")
        ordering = ["escalatie", "datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalatie", "niveau"],
                name="escalatiestap_een_per_niveau",
                violation_error_message=_("Deze escalatie heeft dit niveau al gehad."),
            ),
            models.CheckConstraint(
                condition=Q(volgende_bespreking__gte=models.F("datum")),
                name="escalatiestap_bespreking_na_datum",
                violation_error_message=_("De volgende bespreking ligt niet voor de datum van deze stap."),
            ),
            models.CheckConstraint(
                condition=~Q(besluit=""), name="escalatiestap_besluit_verplicht",
                violation_error_message=_("Leg het besluit van deze stap vast."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.escalatie}: {self.get_niveau_display()} ({self.datum:%d-%m-%Y})"


class Reflectieronde(models.Model):
    """A round of the samenwerkingsmonitor: opened and closed by the ambtelijke regiekamer."""

    periode = models.CharField(_("periode"), max_length=7, unique=True, help_text=_("Bijvoorbeeld 2026-H2 of 2026-Q3."))
    geopend_op = models.DateField(_("geopend op"), validators=[valideer_datum])
    gesloten_op = models.DateField(_("gesloten op"), validators=[valideer_datum], null=True, blank=True)
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geopend door")
    )

    class Meta:
        verbose_name = _("reflectieronde")
        verbose_name_plural = _("reflectierondes")
        ordering = ["-geopend_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gesloten_op__isnull=True) | Q(gesloten_op__gte=models.F("geopend_op")),
                name="reflectieronde_gesloten_na_geopend",
                violation_error_message=_("Een ronde sluit niet voordat zij geopend is."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Reflectieronde %(periode)s") % {"periode": self.periode})

    @property
    def is_open(self) -> bool:
        return self.gesloten_op is None


# The six dimensions of the reflection questionnaire, in the order of the form.
SCORES = (
    "eigenaarschap", "gesprek_aan_tafel", "relevantie_agenda", "nakomen_afspraken", "openheid_belangen",
    "bestuurlijke_drukte",
)


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, help_text=_("1 (slecht) tot en met 5 (uitstekend)"))


class Reflectieantwoord(models.Model):
    """One organisation's answer in one round; editable until the round closes."""

    ronde = models.ForeignKey(Reflectieronde, on_delete=models.CASCADE, related_name="antwoorden", verbose_name=_("ronde"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    eigenaarschap = _score(_("eigenaarschap"))
    gesprek_aan_tafel = _score(_("kwaliteit van het gesprek aan tafel"))
    relevantie_agenda = _score(_("relevantie van de agenda"))
    nakomen_afspraken = _score(_("nakomen van afspraken"))
    openheid_belangen = _score(_("openheid over belangen"))
    bestuurlijke_drukte = _score(_("bestuurlijke drukte (5 = goed te behappen)"))
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=4000)
    ingevuld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingevuld door")
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    SCORES = SCORES

    class Meta:
        verbose_name = _("reflectieantwoord")
        verbose_name_plural = _("reflectieantwoorden")
        ordering = ["ronde", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "organisatie"],
                name="reflectieantwoord_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft in deze ronde al geantwoord."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{veld}__gte": 1, f"{veld}__lte": 5}),
                    name=f"reflectieantwoord_{veld}_1_tot_5",
                    violation_error_message=_("Een score is 1, 2, 3, 4 of 5."),
                )
                for veld in SCORES
            ],
        ]

    def __str__(self) -> str:
        return f"{self.ronde}: {self.organisatie}"


class Themaambtenaar(models.Model):
    """An ambtenaar of a gemeente working on a theme in the werkorganisatie (seed 002, advice 5)."""

    thema = models.ForeignKey("drechtsteden.Thema", on_delete=models.CASCADE, related_name="+", verbose_name=_("thema"))
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("ambtenaar")
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))

    class Meta:
        verbose_name = _("ambtenaar per thema")
        verbose_name_plural = _("ambtenaren per thema")
        ordering = ["thema", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["thema", "gebruiker"],
                name="themaambtenaar_een_keer_per_thema",
                violation_error_message=_("Deze ambtenaar werkt al aan dit thema."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.organisatie}) — {self.thema}"
