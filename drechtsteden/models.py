"""The network's core: organisations, themes, people and their roles."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .expressies import IdLijst
from .invoer import valideer_datum


class OrganisatieQuerySet(models.QuerySet["Organisatie"]):
    def drechtstedengemeenten(self) -> OrganisatieQuerySet:
        return self.filter(soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE)

    def aanpalende_gemeenten(self) -> OrganisatieQuerySet:
        return self.filter(soort=Organisatie.Soort.AANPALENDE_GEMEENTE)

    def partners(self) -> OrganisatieQuerySet:
        """Triple-helix partners: businesses, knowledge institutions, civil society."""
        return self.filter(soort__in=Organisatie.TRIPLE_HELIX)

    def actief_op(self, datum: datetime.date) -> OrganisatieQuerySet:
        return self.filter(Q(actief_van__lte=datum), Q(actief_tot__isnull=True) | Q(actief_tot__gte=datum))

    def niet_actief_op(self, datum: datetime.date) -> OrganisatieQuerySet:
        """Not (yet, or no longer) active on `datum`: registered to join later, or left before it."""
        return self.exclude(Q(actief_van__lte=datum), Q(actief_tot__isnull=True) | Q(actief_tot__gte=datum))


class Organisatie(models.Model):
    """A party in the network: one of the seven gemeenten, a neighbour or a triple-helix partner."""

    class Soort(models.TextChoices):
        DRECHTSTEDENGEMEENTE = "drechtstedengemeente", _("Drechtstedengemeente")
        AANPALENDE_GEMEENTE = "aanpalende_gemeente", _("Aanpalende gemeente")
        BEDRIJF = "bedrijf", _("Bedrijf")
        KENNISINSTELLING = "kennisinstelling", _("Kennisinstelling")
        MAATSCHAPPELIJKE_ORGANISATIE = "maatschappelijke_organisatie", _("Maatschappelijke organisatie")

    GEMEENTEN = (Soort.DRECHTSTEDENGEMEENTE, Soort.AANPALENDE_GEMEENTE)
    TRIPLE_HELIX = (Soort.BEDRIJF, Soort.KENNISINSTELLING, Soort.MAATSCHAPPELIJKE_ORGANISATIE)

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        blank=True,
        help_text=_("Alleen voor gemeenten, bijvoorbeeld GM0505."),
    )
    actief_van = models.DateField(_("actief vanaf"), default=datetime.date(2000, 1, 1), validators=[valideer_datum])
    actief_tot = models.DateField(_("actief tot en met"), null=True, blank=True, validators=[valideer_datum])

    history = HistoricalRecords(verbose_name=_("historie van organisatie"))
    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(soort__in=["drechtstedengemeente", "aanpalende_gemeente"]) & Q(cbs_code__regex=r"^GM[0-9]{4}$"))
                | (~Q(soort__in=["drechtstedengemeente", "aanpalende_gemeente"]) & Q(cbs_code="")),
                name="organisatie_cbs_code_alleen_voor_gemeenten",
                violation_error_message=_(
                    "Een gemeente heeft een CBS-gemeentecode van de vorm GM0505; een partner heeft er geen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(actief_tot__isnull=True) | Q(actief_tot__gte=models.F("actief_van")),
                name="organisatie_actief_tot_na_actief_van",
                violation_error_message=_("'Actief tot' ligt voor 'actief vanaf'."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_gemeente(self) -> bool:
        return self.soort in self.GEMEENTEN

    @property
    def is_drechtstedengemeente(self) -> bool:
        return self.soort == self.Soort.DRECHTSTEDENGEMEENTE

    def is_actief_op(self, datum: datetime.date) -> bool:
        """Active on `datum` (a member of the cooperation), as `OrganisatieQuerySet.actief_op` selects."""
        return self.actief_van <= datum and (self.actief_tot is None or self.actief_tot >= datum)

    def inwoners_op(self, datum: datetime.date) -> Inwonertal | None:
        """The latest inhabitant count on or before ``datum``."""
        return self.inwonertallen.filter(peildatum__lte=datum).order_by("-peildatum").first()


class Inwonertal(models.Model):
    """Inhabitants of a gemeente on a reference date; basis for allocation keys and vote weights."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="inwonertallen", verbose_name=_("organisatie")
    )
    peildatum = models.DateField(_("peildatum"), validators=[valideer_datum])
    aantal = models.PositiveIntegerField(_("aantal inwoners"))
    indicatief = models.BooleanField(
        _("indicatief"), default=True, help_text=_("Benadering; nog niet vastgesteld op basis van CBS-cijfers.")
    )
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    history = HistoricalRecords(verbose_name=_("historie van inwonertal"))

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["organisatie__naam", "-peildatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "peildatum"],
                name="inwonertal_een_per_peildatum",
                violation_error_message=_("Voor deze organisatie bestaat al een inwonertal op deze peildatum."),
            ),
            models.CheckConstraint(
                condition=Q(aantal__gt=0),
                name="inwonertal_positief",
                violation_error_message=_("Het aantal inwoners moet groter dan nul zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.aantal} ({self.peildatum:%d-%m-%Y})"


class Thema(models.Model):
    """A theme of the cooperation, e.g. bereikbaarheid; each theme has its bestuurlijke tafel."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


def _new_token() -> str:
    return secrets.token_urlsafe(32)


# Dutch surname prefixes: "de Bruijn" sorts under B, "van der Linden" under L.
TUSSENVOEGSELS = frozenset({
    "d'", "de", "den", "der", "des", "het", "in", "'t", "te", "ten", "ter", "van", "von", "op", "aan", "bij", "onder",
    "uit", "uijt", "vd", "v.d.",
})


def sorteernaam(achternaam: str) -> str:
    """The surname without its tussenvoegsel, lower case, for sorting people the Dutch way."""
    woorden = (achternaam or "").split()
    while len(woorden) > 1 and woorden[0].lower() in TUSSENVOEGSELS:
        woorden.pop(0)
    return " ".join(woorden).lower()


class Gebruiker(AbstractUser):
    """A person using the portal; belongs to one organisation and has one or more roles."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="gebruikers",
        null=True,
        blank=True,
        verbose_name=_("organisatie"),
    )
    agenda_token = models.CharField(
        _("agenda-token"),
        max_length=64,
        unique=True,
        default=_new_token,
        editable=False,
        help_text=_("Geheime sleutel voor de persoonlijke agenda-feed."),
    )
    sorteernaam = models.CharField(
        _("sorteernaam"), max_length=150, blank=True, editable=False, db_index=True,
        help_text=_("De achternaam zonder tussenvoegsel, om personen op achternaam te sorteren."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["sorteernaam", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisatie__isnull=False) | Q(is_superuser=True),
                name="gebruiker_hoort_bij_organisatie",
                violation_error_message=_("Een gebruiker hoort bij een organisatie."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # What ``str()`` reads: a list of people shown by name selects only these (``naamvelden("eigenaar_persoon")``).
    NAAMVELDEN = ("first_name", "last_name", "username")

    @classmethod
    def naamvelden(cls, pad: str) -> tuple[str, ...]:
        """The fields ``str()`` needs of the user at ``pad``, for ``QuerySet.only``."""
        return tuple(f"{pad}__{veld}" for veld in cls.NAAMVELDEN)

    @classmethod
    def behalve_naam(cls, pad: str) -> tuple[str, ...]:
        """The other fields of the user at ``pad``, for ``QuerySet.defer`` (the rows themselves stay whole)."""
        return tuple(
            f"{pad}__{veld.name}" for veld in cls._meta.concrete_fields
            if not veld.primary_key and veld.name not in cls.NAAMVELDEN
        )

    def save(self, *args, **kwargs) -> None:
        self.sorteernaam = sorteernaam(self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "last_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sorteernaam"}
        super().save(*args, **kwargs)

    @classmethod
    def met_rolcodes(cls) -> models.QuerySet[Gebruiker]:
        """Users with their role codes read in the same query (``rolcodes`` then needs none of its own)."""
        return cls.objects.annotate(_rolcodes=IdLijst("rollen__rol"))

    @cached_property
    def rolcodes(self) -> frozenset[str]:
        """The user's roles: read with the user (``met_rolcodes``), else from prefetched ``rollen`` when present,
        else in a query of their own."""
        if "_rolcodes" in self.__dict__:
            return frozenset(self._rolcodes)
        return frozenset(rol.rol for rol in self.rollen.all())

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rolcodes.intersection(rollen))

    @property
    def is_beheerder(self) -> bool:
        return self.is_superuser or self.heeft_rol(Rol.Soort.BEHEERDER)

    @property
    def alleen_lezen(self) -> bool:
        """A raadslid only reads: no role that may change anything."""
        return not self.is_superuser and self.rolcodes <= {Rol.Soort.RAADSLID}


class Rol(models.Model):
    """A role a user holds; a bestuurder also has a function and a portfolio."""

    class Soort(models.TextChoices):
        BESTUURDER = "bestuurder", _("Bestuurder")
        GEMEENTESECRETARIS = "gemeentesecretaris", _("Gemeentesecretaris")
        MANAGER_SDD = "manager_sdd", _("Manager Smart Delta Drechtsteden")
        PROGRAMMAMANAGER = "programmamanager", _("Programmamanager")
        PROGRAMMAMEDEWERKER = "programmamedewerker", _("Programmamedewerker")
        COORDINEREND_AMBTENAAR = "coordinerend_ambtenaar", _("Coördinerend ambtenaar")
        RAADSLID = "raadslid", _("Raadslid (alleen lezen)")
        BEHEERDER = "beheerder", _("Beheerder")

    class Bestuursfunctie(models.TextChoices):
        BURGEMEESTER = "burgemeester", _("Burgemeester")
        WETHOUDER = "wethouder", _("Wethouder")

    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="rollen", verbose_name=_("gebruiker")
    )
    rol = models.CharField(_("rol"), max_length=40, choices=Soort.choices)
    bestuursfunctie = models.CharField(
        _("bestuursfunctie"), max_length=20, choices=Bestuursfunctie.choices, blank=True
    )
    portefeuille = models.CharField(_("portefeuille"), max_length=200, blank=True)

    history = HistoricalRecords(verbose_name=_("historie van rol"))

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "rol"],
                name="rol_een_keer_per_gebruiker",
                violation_error_message=_("Deze gebruiker heeft deze rol al."),
            ),
            models.CheckConstraint(
                condition=(Q(rol="bestuurder") & ~Q(bestuursfunctie=""))
                | (~Q(rol="bestuurder") & Q(bestuursfunctie="") & Q(portefeuille="")),
                name="rol_bestuursfunctie_alleen_voor_bestuurder",
                violation_error_message=_(
                    "Een bestuurder is burgemeester of wethouder; andere rollen hebben geen bestuursfunctie of portefeuille."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.rol == self.Soort.BESTUURDER:
            functie = self.get_bestuursfunctie_display()
            return f"{functie} ({self.portefeuille})" if self.portefeuille else functie
        return self.get_rol_display()


class Wijzigteller(models.Model):
    """Per table of the portal, a number that changes with every committed write to it (see `wijzigteller`).

    Kept by triggers in the database, not by the application: a save, a bulk update, the admin and a
    migration all count. The numbers come from one sequence, so a table's number never returns to an
    earlier value.
    """

    tabel = models.CharField(_("tabel"), max_length=63, primary_key=True)
    teller = models.BigIntegerField(_("teller"))

    class Meta:
        verbose_name = _("wijzigteller")
        verbose_name_plural = _("wijzigtellers")

    def __str__(self) -> str:
        return f"{self.tabel}: {self.teller}"
