"""Bestuurlijke tafels: one per theme, with members, ambition, meetings, agendas and documents."""

from __future__ import annotations

import datetime
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from drechtsteden.invoer import valideer_datum
from drechtsteden.opmaak import datum as datum_tekst
from drechtsteden.models import Organisatie, Thema


class BestuurlijkeTafelQuerySet(models.QuerySet["BestuurlijkeTafel"]):
    def thematafels(self) -> BestuurlijkeTafelQuerySet:
        """The tables per theme; the bodies of the regiekamers meet with the same machinery but are no table."""
        return self.filter(soort=BestuurlijkeTafel.Soort.THEMATAFEL)


class BestuurlijkeTafel(models.Model):
    """A body that meets: a table per theme, or the meeting body of a regiekamer.

    The regiekamers hold their meetings (agenda, documents, decisions, actions, attendance) with the
    machinery of the tables; ``soort`` keeps them apart so the table lists only show themed tables.
    """

    class Soort(models.TextChoices):
        THEMATAFEL = "thematafel", _("Thematafel")
        REGIEKAMER = "regiekamer", _("Regiekamer")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.THEMATAFEL)
    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="tafels", verbose_name=_("thema"), null=True, blank=True
    )
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    scope = models.TextField(_("scope"), blank=True)
    vergaderingen_per_jaar = models.PositiveSmallIntegerField(_("geplande vergaderingen per jaar"), default=2)
    deadline_stukken_dagen = models.PositiveSmallIntegerField(
        _("deadline stukken (dagen voor de vergadering)"), default=10
    )
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorzitter"),
    )
    secretaris = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretaris"),
    )

    objects = BestuurlijkeTafelQuerySet.as_manager()

    class Meta:
        verbose_name = _("bestuurlijke tafel")
        verbose_name_plural = _("bestuurlijke tafels")
        ordering = ["thema__volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort="regiekamer") | Q(thema__isnull=False),
                name="tafel_thematafel_heeft_thema",
                violation_error_message=_("Een thematafel hoort bij een thema."),
            ),
        ]

    @property
    def is_regiekamer(self) -> bool:
        return self.soort == self.Soort.REGIEKAMER

    def __str__(self) -> str:
        return self.naam

    def deelnemende_organisaties(self) -> models.QuerySet[Organisatie]:
        """Organisations currently at the table: participating gemeenten and admitted partners."""
        return Organisatie.objects.filter(
            lidmaatschappen__tafel=self,
            lidmaatschappen__status__in=Lidmaatschap.AAN_TAFEL,
        )


class Lidmaatschap(models.Model):
    """The current membership of one organisation at one table; its history is kept."""

    class Status(models.TextChoices):
        DEELNEMEND = "deelnemend", _("Deelnemend")
        AFGEMELD = "afgemeld", _("Afgemeld")
        TOEGETREDEN_PARTNER = "toegetreden_partner", _("Toegetreden partner")

    AAN_TAFEL = (Status.DEELNEMEND, Status.TOEGETREDEN_PARTNER)

    tafel = models.ForeignKey(
        BestuurlijkeTafel, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("tafel")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="lidmaatschappen", verbose_name=_("organisatie")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DEELNEMEND)
    datum = models.DateField(_("datum"), null=True, blank=True, validators=[valideer_datum], help_text=_("Datum van de laatste statuswijziging."))
    reden = models.TextField(_("reden"), blank=True)
    besluit_referentie = models.CharField(
        _("besluit van de tafel"),
        max_length=200,
        blank=True,
        help_text=_("Het vastgelegde besluit van de tafel waarmee de partner is toegelaten."),
    )
    vertegenwoordiger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vertegenwoordigingen",
        verbose_name=_("vertegenwoordigend bestuurder"),
    )

    history = HistoricalRecords(verbose_name=_("historie van lidmaatschap"))

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["tafel", "organisatie"],
                name="lidmaatschap_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al een lidmaatschap bij deze tafel."),
            ),
            models.CheckConstraint(
                condition=~Q(status="afgemeld") | (~Q(reden="") & Q(datum__isnull=False)),
                name="lidmaatschap_afmelding_met_reden_en_datum",
                violation_error_message=_("Een afmelding vraagt een reden en een datum."),
            ),
            models.CheckConstraint(
                condition=~Q(status="toegetreden_partner") | (~Q(besluit_referentie="") & Q(datum__isnull=False)),
                name="lidmaatschap_partner_met_besluit_en_datum",
                violation_error_message=_("Een partner treedt alleen toe met een vastgelegd besluit van de tafel en een datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.tafel} ({self.get_status_display()})"

    @property
    def aan_tafel(self) -> bool:
        return self.status in self.AAN_TAFEL


class Ambitie(models.Model):
    """The shared ambition of a table; each adoption is a new version, the latest is current."""

    tafel = models.ForeignKey(BestuurlijkeTafel, on_delete=models.CASCADE, related_name="ambities", verbose_name=_("tafel"))
    versie = models.PositiveIntegerField(_("versie"))
    tekst = models.TextField(_("ambitie"))
    vastgesteld_op = models.DateField(_("vastgesteld op"), validators=[valideer_datum])

    class Meta:
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        ordering = ["tafel", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["tafel", "versie"],
                name="ambitie_versie_uniek_per_tafel",
                violation_error_message=_("Deze versie van de ambitie bestaat al."),
            ),
            models.CheckConstraint(
                condition=~Q(tekst=""), name="ambitie_tekst_verplicht", violation_error_message=_("Vul de ambitie in.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tafel} — ambitie versie {self.versie}"


class Vergadering(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        AGENDA_VASTGESTELD = "agenda_vastgesteld", _("Agenda vastgesteld")
        STUKKEN_VERZONDEN = "stukken_verzonden", _("Stukken verzonden")
        GEHOUDEN = "gehouden", _("Gehouden")
        BESLUITENLIJST_VASTGESTELD = "besluitenlijst_vastgesteld", _("Besluitenlijst vastgesteld")

    VOLGORDE = list(Status.values)

    tafel = models.ForeignKey(
        BestuurlijkeTafel, on_delete=models.CASCADE, related_name="vergaderingen", verbose_name=_("tafel")
    )
    begint_om = models.DateTimeField(_("datum en tijd"), validators=[valideer_datum])
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), default=120)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.CONCEPT)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van vergadering"))

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["begint_om"]
        indexes = [
            # A table's meetings by date (its latest decisions, its next and last meetings) without sorting them all.
            models.Index(fields=["tafel", "begint_om"], name="vergadering_tafel_begint"),
            # The decisions of adopted meetings in a period, newest first (raadsinformatie): a few rows, not a scan.
            models.Index(fields=["status", "begint_om"], name="vergadering_status_begin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duur_minuten__gt=0),
                name="vergadering_duur_positief",
                violation_error_message=_("Een vergadering duurt langer dan nul minuten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tafel} — {self.begint_om:%d-%m-%Y}"

    def _verschoven(self, verschil: datetime.timedelta) -> datetime.datetime | None:
        # A moment stored before dates were bounded (year 1 or 9999) must not break the page: no value then.
        try:
            moment = self.begint_om + verschil
            moment.astimezone(datetime.UTC)
            return moment
        except OverflowError:
            return None

    @property
    def deadline_stukken(self) -> datetime.datetime | None:
        return self._verschoven(-datetime.timedelta(days=self.tafel.deadline_stukken_dagen))

    @property
    def deadline_verstreken(self) -> bool:
        return timezone.now() > (self.deadline_stukken or self.begint_om)

    @property
    def eindigt_om(self) -> datetime.datetime | None:
        return self._verschoven(datetime.timedelta(minutes=self.duur_minuten))

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT

    @property
    def is_gehouden(self) -> bool:
        return self.status in (self.Status.GEHOUDEN, self.Status.BESLUITENLIJST_VASTGESTELD)

    @property
    def datum(self) -> datetime.date:
        """The day of the meeting, in the portal's time zone."""
        try:
            return timezone.localtime(self.begint_om).date()
        except OverflowError:  # a moment at the very edge of the calendar
            return self.begint_om.date()

    def stukken_beletsel(self) -> ValidationError | None:
        """Why no paper (or new version) can be added now, or None: papers go out before the meeting; once it
        is held they are the record of what was discussed. The service raises this; the page hides the form."""
        if self.status in (self.Status.GEHOUDEN, self.Status.BESLUITENLIJST_VASTGESTELD):
            return ValidationError(
                gettext("De vergadering is al gehouden; stukken toevoegen kan niet meer."), code="vergadering_gehouden"
            )
        return None

    def besluit_beletsel(self, vandaag: datetime.date | None = None) -> ValidationError | None:
        """Why no decision (by consensus, by vote, or admitting a partner) can be recorded now, or None.

        A decision is recorded on the day of the meeting or after it, once the agenda is set, and until
        the list of decisions is adopted. Services raise this error; pages show its message instead
        of the form.
        """
        vandaag = vandaag or timezone.localdate()
        if self.datum > vandaag:
            return ValidationError(
                gettext("Een besluit legt u vast tijdens of na de vergadering; deze vergadering is op %(datum)s.")
                % {"datum": datum_tekst(self.datum)},
                code="vergadering_in_toekomst",
            )
        if self.is_concept:
            return ValidationError(
                gettext("Een besluit legt u vast als de agenda is vastgesteld; deze vergadering heeft nog een "
                        "conceptagenda."),
                code="concept",
            )
        if self.status == self.Status.BESLUITENLIJST_VASTGESTELD:
            return ValidationError(
                gettext("De besluitenlijst is vastgesteld; er komen geen besluiten meer bij."), code="vastgesteld"
            )
        return None

    @property
    def volgende_status(self) -> str | None:
        index = self.VOLGORDE.index(self.status)
        return self.VOLGORDE[index + 1] if index + 1 < len(self.VOLGORDE) else None

    @property
    def volgende_status_label(self) -> str:
        volgende = self.volgende_status
        return self.Status(volgende).label if volgende else ""


class Aanwezigheid(models.Model):
    class Status(models.TextChoices):
        AANWEZIG = "aanwezig", _("Aanwezig")
        AFWEZIG_MET_BERICHT = "afwezig_met_bericht", _("Afwezig met bericht")
        AFWEZIG = "afwezig", _("Afwezig")

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="aanwezigheden", verbose_name=_("vergadering")
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    status = models.CharField(_("aanwezigheid"), max_length=30, choices=Status.choices)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "organisatie"],
                name="aanwezigheid_een_per_organisatie",
                violation_error_message=_("De aanwezigheid van deze organisatie is al vastgelegd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_status_display()}"


class Processtap(models.TextChoices):
    """The standard process of a table (seed 002, advice 1)."""

    VERBINDING = "verbinding", _("Bestuurlijke verbinding en inspiratie")
    AMBITIE_BEPALEN = "1_ambitie", _("(1) Ambitie bepalen")
    PROJECTEN_DEFINIEREN = "2_projecten", _("(2) Projecten definiëren")
    BELANGEN_COMMITMENT = "3_commitment", _("(3) Belangen- en commitmentgesprek")
    COALITIES_VORMEN = "4_coalities", _("(4) Coalities vormen")
    AFSPRAKEN_MAKEN = "5_afspraken", _("(5) Afspraken maken")
    VOORTGANG = "6_voortgang", _("(6) Voortgang portfolio")
    KNELPUNTEN = "7_knelpunten", _("(7) Knelpunten signaleren")
    DOORONTWIKKELEN = "8_doorontwikkelen", _("(8) Ambitie en visie doorontwikkelen")
    URGENT = "urgent", _("Urgent dossier / nieuw thema")
    OVERIG = "overig", _("Overig")


class Urgentietoets(models.Model):
    """The three questions for an urgent dossier or new theme, with their recorded answers."""

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="urgentietoetsen", verbose_name=_("vergadering")
    )
    titel = models.CharField(_("onderwerp"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    past_binnen_scope = models.BooleanField(_("past binnen de scope van de tafel"))
    capaciteit_beschikbaar = models.BooleanField(_("er is capaciteit om het te ondersteunen"))
    urgent_gevoeld = models.BooleanField(_("wordt als urgent gevoeld"))
    toegelaten = models.BooleanField(_("toegelaten"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("urgentietoets")
        verbose_name_plural = _("urgentietoetsen")
        ordering = ["vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(toegelaten=True, past_binnen_scope=True, capaciteit_beschikbaar=True, urgent_gevoeld=True)
                | (Q(toegelaten=False) & ~Q(past_binnen_scope=True, capaciteit_beschikbaar=True, urgent_gevoeld=True)),
                name="urgentietoets_toegelaten_alleen_bij_drie_keer_ja",
                violation_error_message=_("Alleen met drie keer ja is een urgent dossier toegelaten."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class Agendapunt(models.Model):
    class Soort(models.TextChoices):
        INFORMATIE = "informatie", _("Ter informatie")
        BESPREKING = "bespreking", _("Ter bespreking")
        BESLUITVORMING = "besluitvorming", _("Ter besluitvorming")

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="agendapunten", verbose_name=_("vergadering")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.BESPREKING)
    minuten = models.PositiveSmallIntegerField(_("geplande minuten"), default=15)
    processtap = models.CharField(_("processtap"), max_length=20, choices=Processtap.choices)
    vast_punt_actiepunten = models.BooleanField(
        _("vast punt openstaande actiepunten"), default=False, editable=False
    )
    urgentietoets = models.OneToOneField(
        Urgentietoets, on_delete=models.PROTECT, null=True, blank=True, related_name="agendapunt",
        verbose_name=_("urgentietoets"),
    )
    # Items about one single project belong in that project's coalition; the link shows a warning.
    coalitie = models.ForeignKey(
        "coalities.Coalitie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agendapunten",
        verbose_name=_("gaat over één project (coalitie)"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["vergadering", "volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(processtap="urgent") | Q(urgentietoets__isnull=False),
                name="agendapunt_urgent_alleen_na_toets",
                violation_error_message=_(
                    "Een urgent dossier of nieuw thema komt alleen op de agenda na drie keer ja op de toetsvragen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(titel=""), name="agendapunt_titel_verplicht", violation_error_message=_("Vul een titel in.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.titel}"


# The extension follows the type found in the content, never the name the uploader gave the file.
EXTENSIE_PER_TYPE = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


def veilige_bestandsnaam(naam: str, mime_type: str) -> str:
    """The uploader's name without path, odd characters or its own extension, with that of the real type.

    "../rapport def.html" checked as PDF becomes "rapport_def.pdf".
    """
    stam = re.sub(r"[^-\w]+", "_", PurePath((naam or "").replace("\\", "/")).stem).strip("._-")[:100] or "stuk"
    return f"{stam}{EXTENSIE_PER_TYPE.get(mime_type, '.bin')}"


def _stuk_pad(instance: Stukversie, filename: str) -> str:
    # A random name with the extension of the checked type; the original name is kept in a field and
    # files are only served through a view.
    return f"tafels/stukken/{uuid.uuid4().hex}{EXTENSIE_PER_TYPE.get(instance.mime_type, '.bin')}"


class Stuk(models.Model):
    """A document of an agenda item; each upload is a new version."""

    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.CASCADE, related_name="stukken", verbose_name=_("agendapunt")
    )
    titel = models.CharField(_("titel"), max_length=200)

    class Meta:
        verbose_name = _("stuk")
        verbose_name_plural = _("stukken")
        ordering = ["agendapunt", "id"]

    def __str__(self) -> str:
        return self.titel


class Stukversie(models.Model):
    stuk = models.ForeignKey(Stuk, on_delete=models.CASCADE, related_name="versies", verbose_name=_("stuk"))
    versie = models.PositiveIntegerField(_("versie"))
    bestand = models.FileField(_("bestand"), upload_to=_stuk_pad)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    mime_type = models.CharField(_("bestandstype"), max_length=120)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"))
    geupload_op = models.DateTimeField(_("geüpload op"), validators=[valideer_datum])
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("geüpload door"),
    )

    class Meta:
        verbose_name = _("versie van stuk")
        verbose_name_plural = _("versies van stukken")
        ordering = ["stuk", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["stuk", "versie"], name="stukversie_uniek", violation_error_message=_("Deze versie bestaat al.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stuk} (versie {self.versie})"


class Besluit(models.Model):
    class Wijze(models.TextChoices):
        CONSENSUS = "consensus", _("Bij consensus")
        STEMMING = "stemming", _("Bij stemming")

    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.CASCADE, related_name="besluiten", verbose_name=_("agendapunt")
    )
    tekst = models.TextField(_("besluit"))
    # Principle decision 2020: decide by consensus; a vote (see Stemming) is the exception.
    wijze = models.CharField(_("besluitvorming"), max_length=20, choices=Wijze.choices, default=Wijze.CONSENSUS)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["agendapunt__volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tekst=""), name="besluit_tekst_verplicht", violation_error_message=_("Vul het besluit in.")
            ),
        ]

    def __str__(self) -> str:
        return self.tekst[:80]


class Actiepunt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEREED = "gereed", _("Gereed")
        VERVALLEN = "vervallen", _("Vervallen")

    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.CASCADE, related_name="actiepunten", verbose_name=_("agendapunt")
    )
    omschrijving = models.TextField(_("actie"))
    eigenaar_persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("eigenaar (persoon)"),
    )
    eigenaar_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("eigenaar (organisatie)"),
    )
    deadline = models.DateField(_("uiterlijk gereed"), validators=[valideer_datum])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van actiepunt"))

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eigenaar_persoon__isnull=False) | Q(eigenaar_organisatie__isnull=False),
                name="actiepunt_heeft_eigenaar",
                violation_error_message=_("Een actiepunt heeft een eigenaar: een persoon of een organisatie."),
            ),
            models.CheckConstraint(
                condition=~Q(omschrijving=""), name="actiepunt_omschrijving_verplicht",
                violation_error_message=_("Beschrijf de actie."),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def eigenaar(self) -> str:
        return str(self.eigenaar_persoon or self.eigenaar_organisatie)


def is_te_laat(*, versie: Stukversie, vergadering: Vergadering) -> bool:
    """A document is late when it arrived after the table's deadline for this meeting."""
    return versie.geupload_op > (vergadering.deadline_stukken or vergadering.begint_om)


class Aanmelding(models.Model):
    """A bestuurder says before the meeting whether they come; when not, a vervanger may come instead.

    The secretary sees these before the meeting; the recorded attendance starts from them.
    """

    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", _("Ik kom")
        AFGEMELD = "afgemeld", _("Ik kom niet")

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("vergadering")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("bestuurder")
    )
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    vervanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervangingen",
        verbose_name=_("vervanger"),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(verbose_name=_("historie van aanmelding"))

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["organisatie__naam", "gebruiker__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "gebruiker"],
                name="aanmelding_een_per_bestuurder",
                violation_error_message=_("U heeft zich voor deze vergadering al aan- of afgemeld."),
            ),
            models.CheckConstraint(
                condition=Q(status="afgemeld") | Q(vervanger__isnull=True),
                name="aanmelding_vervanger_alleen_bij_afmelding",
                violation_error_message=_("Een vervanger komt alleen als u zich afmeldt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} — {self.vergadering}: {self.get_status_display()}"

    @property
    def verwachte_aanwezigheid(self) -> str:
        """What the secretary records by default: present when the bestuurder or a vervanger comes."""
        if self.status == self.Status.AANGEMELD or self.vervanger_id:
            return Aanwezigheid.Status.AANWEZIG
        return Aanwezigheid.Status.AFWEZIG_MET_BERICHT


class PriveNotitieQuerySet(models.QuerySet["PriveNotitie"]):
    def van(self, gebruiker) -> PriveNotitieQuerySet:
        """Only the notes of this user: the one way the portal reads notes."""
        return self.filter(auteur_id=gebruiker.pk)


class PriveNotitie(models.Model):
    """A bestuurder's private note on an agenda item; nobody but its author reads it.

    It belongs to the agenda item, not to a file of the agenda pack, so it stays beside the item in
    every later version of the pack. It is never registered in the admin and never printed.
    """

    MAX_LENGTE = 5000

    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.CASCADE, related_name="prive_notities", verbose_name=_("agendapunt")
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prive_notities", verbose_name=_("auteur")
    )
    tekst = models.TextField(_("notitie"), max_length=MAX_LENGTE)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = PriveNotitieQuerySet.as_manager()

    class Meta:
        verbose_name = _("privénotitie")
        verbose_name_plural = _("privénotities")
        ordering = ["agendapunt", "auteur"]
        constraints = [
            models.UniqueConstraint(
                fields=["agendapunt", "auteur"],
                name="prive_notitie_een_per_auteur",
                violation_error_message=_("U heeft al een notitie bij dit agendapunt."),
            ),
            models.CheckConstraint(
                condition=~Q(tekst=""), name="prive_notitie_niet_leeg",
                violation_error_message=_("Een lege notitie wordt niet bewaard."),
            ),
        ]

    def __str__(self) -> str:
        # No text here: a str() ends up in logs, admin links and error pages.
        return f"Privénotitie {self.pk}"


class Pakketversie(models.Model):
    """A sent (frozen) version of a meeting's agenda pack: the file, its hash and what it contained."""

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="pakketversies", verbose_name=_("vergadering")
    )
    nummer = models.PositiveIntegerField(_("versie"))
    opdracht = models.OneToOneField(
        "documenten.Documentopdracht", on_delete=models.PROTECT, related_name="pakketversie",
        verbose_name=_("documentopdracht"),
    )
    bestand = models.FileField(_("bestand"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pagina_aantal = models.PositiveIntegerField(_("aantal pagina's"))
    inhoud = models.JSONField(_("inhoud"), default=dict, help_text=_("Agendapunten en stukken van deze versie."))
    wijzigingen = models.JSONField(_("wijzigingen"), default=list, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), validators=[valideer_datum])
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verzonden door"),
    )

    class Meta:
        verbose_name = _("versie van agendapakket")
        verbose_name_plural = _("versies van agendapakketten")
        ordering = ["vergadering", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "nummer"], name="pakketversie_uniek",
                violation_error_message=_("Deze versie van het agendapakket bestaat al."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vergadering} — agendapakket versie {self.nummer}"


# --- Weighted votes (principle decision 2020; the arithmetic is in tafels/stemming.py) ------------


class Drempel(models.TextChoices):
    GEWONE_MEERDERHEID = "gewone_meerderheid", _("Gewone meerderheid (meer dan de helft)")
    TWEE_DERDE = "twee_derde", _("Twee derde (ten minste twee derde)")


def _pct(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=2, **kwargs)


def _gewicht(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=4, **kwargs)


_WEGING_100 = Q(weging_gelijk__gte=0, weging_inwoners__gte=0, weging_bijdrage__gte=0) & Q(
    weging_gelijk=100 - models.F("weging_inwoners") - models.F("weging_bijdrage")
)
_PLAFONDS = (Q(plafond_pct__isnull=True) | Q(plafond_pct__gt=0, plafond_pct__lte=100)) & (
    Q(groepsplafond_pct__isnull=True) | Q(groepsplafond_pct__gt=0, groepsplafond_pct__lte=100)
)
_BIJDRAGE_MET_JAAR = Q(weging_bijdrage=0) | (Q(bijdrage_jaar__isnull=False) & ~Q(bijdrage_componenten=""))


class Stemregeling(models.Model):
    """How a table weighs a vote: the mix, the caps, the threshold; groups are assigned in Stemgroep."""

    tafel = models.OneToOneField(
        BestuurlijkeTafel, on_delete=models.CASCADE, related_name="stemregeling", verbose_name=_("tafel")
    )
    weging_gelijk = _pct(_("gelijk deel (%)"), default=100)
    weging_inwoners = _pct(_("naar inwoners (%)"), default=0)
    weging_bijdrage = _pct(_("naar financiële bijdrage (%)"), default=0)
    bijdrage_jaar = models.PositiveSmallIntegerField(_("bijdrage van het jaar"), null=True, blank=True)
    bijdrage_componenten = models.CharField(
        _("componenten van de bijdrage"), max_length=3, default="123", blank=True,
        help_text=_("Welke financieringscomponenten meetellen, bijvoorbeeld 12 of 123."),
    )
    plafond_pct = _pct(_("plafond per organisatie (%)"), null=True, blank=True)
    groepsplafond_pct = _pct(_("plafond per groep (%)"), null=True, blank=True)
    drempel = models.CharField(_("drempel"), max_length=20, choices=Drempel.choices, default=Drempel.GEWONE_MEERDERHEID)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    history = HistoricalRecords(verbose_name=_("historie van stemregeling"))

    class Meta:
        verbose_name = _("stemregeling")
        verbose_name_plural = _("stemregelingen")
        constraints = [
            models.CheckConstraint(
                condition=_WEGING_100, name="stemregeling_weging_telt_op_tot_100",
                violation_error_message=_("De weging (gelijk, inwoners, bijdrage) telt op tot 100 procent."),
            ),
            models.CheckConstraint(
                condition=_PLAFONDS, name="stemregeling_plafonds_tussen_0_en_100",
                violation_error_message=_("Een plafond ligt boven 0 en ten hoogste op 100 procent."),
            ),
            models.CheckConstraint(
                condition=_BIJDRAGE_MET_JAAR, name="stemregeling_bijdrage_met_jaar",
                violation_error_message=_("Weeg naar bijdrage alleen met een jaar en de componenten die meetellen."),
            ),
            models.CheckConstraint(
                condition=Q(bijdrage_componenten__regex=r"^(1?2?3?)$"), name="stemregeling_componenten_1_2_3",
                violation_error_message=_("Kies de componenten uit 1, 2 en 3, bijvoorbeeld 12."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tafel}: {self.get_drempel_display()}"


class Stemgroep(models.Model):
    """A member's group for the group cap, e.g. stedelijk gebied or poldergebied: data, not code."""

    regeling = models.ForeignKey(Stemregeling, on_delete=models.CASCADE, related_name="groepen", verbose_name=_("stemregeling"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie"))
    groep = models.CharField(_("groep"), max_length=40)

    class Meta:
        verbose_name = _("stemgroep")
        verbose_name_plural = _("stemgroepen")
        ordering = ["groep", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["regeling", "organisatie"], name="stemgroep_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al een groep."),
            ),
            models.CheckConstraint(
                condition=~Q(groep=""), name="stemgroep_naam_verplicht", violation_error_message=_("Geef de groep een naam.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.groep}"


_COMPONENTNAMEN = {"1": _("netwerk"), "2": _("projectbasis"), "3": _("projecten")}


def componenten_tekst(code: str) -> str:
    """The financing components of a contribution in words: "12" is "netwerk en projectbasis, componenten 1 en 2"."""
    nummers = [c for c in code if c in _COMPONENTNAMEN]
    if not nummers:
        return ""
    return ngettext("%(namen)s, component %(nummers)s", "%(namen)s, componenten %(nummers)s", len(nummers)) % {
        "namen": get_text_list([str(_COMPONENTNAMEN[c]) for c in nummers], str(_("en"))),
        "nummers": get_text_list(nummers, str(_("en"))),
    }


class Stemming(models.Model):
    """A vote on a decision, with the rules and figures it was counted with, so it stays checkable."""

    class Uitkomst(models.TextChoices):
        AANGENOMEN = "aangenomen", _("Aangenomen")
        VERWORPEN = "verworpen", _("Verworpen")

    besluit = models.OneToOneField(Besluit, on_delete=models.CASCADE, related_name="stemming", verbose_name=_("besluit"))
    weging_gelijk = _pct(_("gelijk deel (%)"))
    weging_inwoners = _pct(_("naar inwoners (%)"))
    weging_bijdrage = _pct(_("naar financiële bijdrage (%)"))
    bijdrage_jaar = models.PositiveSmallIntegerField(_("bijdrage van het jaar"), null=True, blank=True)
    bijdrage_componenten = models.CharField(_("componenten van de bijdrage"), max_length=3, blank=True)
    inwoners_peildatum = models.DateField(_("inwoners op"), validators=[valideer_datum], null=True, blank=True)
    plafond_pct = _pct(_("plafond per organisatie (%)"), null=True, blank=True)
    groepsplafond_pct = _pct(_("plafond per groep (%)"), null=True, blank=True)
    drempel = models.CharField(_("drempel"), max_length=20, choices=Drempel.choices)
    voor = _gewicht(_("gewicht voor (%)"))
    tegen = _gewicht(_("gewicht tegen (%)"))
    onthouding = _gewicht(_("gewicht onthouding (%)"))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    begrensde_groepen = models.CharField(_("begrensde groepen"), max_length=200, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        constraints = [
            models.CheckConstraint(
                condition=_WEGING_100, name="stemming_weging_telt_op_tot_100",
                violation_error_message=_("De weging (gelijk, inwoners, bijdrage) telt op tot 100 procent."),
            ),
            models.CheckConstraint(
                condition=Q(voor__gte=0, tegen__gte=0, onthouding__gte=0)
                & Q(voor__lte=100 - models.F("tegen") - models.F("onthouding")),
                name="stemming_totalen_binnen_100",
                violation_error_message=_("Voor, tegen en onthouding samen zijn ten hoogste 100 procent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.besluit}: {self.get_uitkomst_display()}"

    @property
    def bijdrage_componenten_tekst(self) -> str:
        """Which components the contribution counted, in words (see `componenten_tekst`)."""
        return componenten_tekst(self.bijdrage_componenten)

    @property
    def uitgebracht(self):
        return self.voor + self.tegen

    @property
    def heeft_plafond(self) -> bool:
        return self.plafond_pct is not None or self.groepsplafond_pct is not None


class Stem(models.Model):
    """One member's vote with the figures and the weight it carried."""

    class Keuze(models.TextChoices):
        VOOR = "voor", _("Voor")
        TEGEN = "tegen", _("Tegen")
        ONTHOUDING = "onthouding", _("Onthouding")

    stemming = models.ForeignKey(Stemming, on_delete=models.CASCADE, related_name="stemmen", verbose_name=_("stemming"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    stem = models.CharField(_("stem"), max_length=20, choices=Keuze.choices)
    inwoners = models.PositiveIntegerField(_("inwoners"), default=0)
    bijdrage = models.DecimalField(_("bijdrage"), max_digits=14, decimal_places=2, default=0)
    groep = models.CharField(_("groep"), max_length=40, blank=True)
    ruw_pct = _gewicht(_("gewicht zonder plafond (%)"))
    gewicht_pct = _gewicht(_("gewicht (%)"))
    begrensd = models.BooleanField(_("op het plafond"), default=False)

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["stemming", "organisatie"], name="stem_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al gestemd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_stem_display()}"


class Toelating(models.Model):
    """A partner admitted to a table by a decision of the seven gemeenten, with its conditions and its
    yearly contribution to the shared base (financing component 2, fixed amount)."""

    besluit = models.OneToOneField(Besluit, on_delete=models.PROTECT, related_name="toelating", verbose_name=_("besluit"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="toelatingen",
                                    verbose_name=_("partner"))
    voorwaarden = models.TextField(_("voorwaarden"), blank=True)
    basisbijdrage = models.DecimalField(
        _("bijdrage aan de basis per jaar (€)"), max_digits=12, decimal_places=2,
        help_text=_("Financieringscomponent 2, vast bedrag."),
    )

    class Meta:
        verbose_name = _("toelating")
        verbose_name_plural = _("toelatingen")
        constraints = [
            models.CheckConstraint(condition=Q(basisbijdrage__gte=0), name="toelating_bijdrage_niet_negatief",
                                   violation_error_message=_("De bijdrage is € 0 of meer.")),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.besluit}"
