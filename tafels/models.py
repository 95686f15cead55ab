"""Bestuurlijke tafels: one per theme, with the organisations that take part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.models import Organisatie, Thema


class BestuurlijkeTafel(models.Model):
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="tafels", verbose_name=_("thema"))
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

    class Meta:
        verbose_name = _("bestuurlijke tafel")
        verbose_name_plural = _("bestuurlijke tafels")
        ordering = ["thema__volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    def deelnemende_organisaties(self) -> models.QuerySet[Organisatie]:
        """Organisations currently at the table: participating gemeenten and admitted partners."""
        return Organisatie.objects.filter(
            lidmaatschappen__tafel=self,
            lidmaatschappen__status__in=[Lidmaatschap.Status.DEELNEMEND, Lidmaatschap.Status.TOEGETREDEN_PARTNER],
        )


class Lidmaatschap(models.Model):
    """The current membership of one organisation at one table; its history is kept."""

    class Status(models.TextChoices):
        DEELNEMEND = "deelnemend", _("Deelnemend")
        AFGEMELD = "afgemeld", _("Afgemeld")
        TOEGETREDEN_PARTNER = "toegetreden_partner", _("Toegetreden partner")

    tafel = models.ForeignKey(
        BestuurlijkeTafel, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("tafel")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="lidmaatschappen", verbose_name=_("organisatie")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DEELNEMEND)

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
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.tafel} ({self.get_status_display()})"
