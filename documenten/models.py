"""Document jobs: one status row per generated document (agenda pack, report, ...)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Documentopdracht(models.Model):
    """A request to generate one document; the worker fills in progress, error and file."""

    class Status(models.TextChoices):
        IN_WACHTRIJ = "in_wachtrij", _("In de wachtrij")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    soort = models.CharField(_("soort"), max_length=50)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_WACHTRIJ)
    secties_klaar = models.PositiveIntegerField(_("onderdelen klaar"), default=0)
    secties_totaal = models.PositiveIntegerField(_("onderdelen totaal"), default=0)
    sectie = models.CharField(_("huidig onderdeel"), max_length=200, blank=True)
    fout = models.TextField(_("foutmelding"), blank=True)
    bestand = models.FileField(_("bestand"), upload_to="documenten/", max_length=255, blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True, help_text=_("Gegevens die het document vastlegt."))
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    aangeboden_op = models.DateTimeField(
        _("aangeboden op"), null=True, blank=True,
        help_text=_("Wanneer de achtergrondverwerking de opdracht kreeg; leeg zolang die niet bereikbaar was."),
    )
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("documentopdracht")
        verbose_name_plural = _("documentopdrachten")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["soort", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="klaar") | (~Q(bestand="") & ~Q(sha256="")),
                name="documentopdracht_klaar_met_bestand",
                violation_error_message=_("Een klaar document heeft een bestand."),
            ),
            models.CheckConstraint(
                condition=~Q(status="mislukt") | ~Q(fout=""),
                name="documentopdracht_mislukt_met_fout",
                violation_error_message=_("Een mislukte opdracht heeft een foutmelding."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} #{self.pk} ({self.get_status_display()})"

    @property
    def is_afgerond(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)

    @property
    def is_bewaard(self) -> bool:
        """Kept while the background processing was away: it is offered again until it is taken."""
        return self.status == self.Status.IN_WACHTRIJ and self.aangeboden_op is None

    @property
    def procent(self) -> int:
        if self.status == self.Status.KLAAR:
            return 100
        if not self.secties_totaal:
            return 0
        return min(99, round(100 * self.secties_klaar / self.secties_totaal))


class Documentinzage(models.Model):
    """Who downloaded a finished document, first and last: pages say "changed since you opened it"."""

    opdracht = models.ForeignKey(
        Documentopdracht, on_delete=models.CASCADE, related_name="inzages", verbose_name=_("documentopdracht")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    eerst_op = models.DateTimeField(_("eerst geopend op"), auto_now_add=True)
    laatst_op = models.DateTimeField(_("laatst geopend op"))

    class Meta:
        verbose_name = _("inzage van een document")
        verbose_name_plural = _("inzages van documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["opdracht", "gebruiker"], name="documentinzage_uniek",
                violation_error_message=_("Deze inzage is al vastgelegd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opdracht} — {self.gebruiker}"
