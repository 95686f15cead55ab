"""Coalities: projects and programmes, and how each party takes part in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drechtsteden.models import Organisatie, Thema
from tafels.models import BestuurlijkeTafel


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
    resultaatdatum = models.DateField(_("datum resultaat"), null=True, blank=True)
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
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    afhankelijkheden = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="afhankelijk_van_deze", verbose_name=_("hangt af van")
    )

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Deelname(models.Model):
    """How one organisation takes part in one coalition: one of the four variants."""

    class Variant(models.TextChoices):
        VOLLEDIG = "volledig", _("Volledige participatie")
        SOLIDARITEIT = "solidariteit", _("Solidariteit")
        INSTAP = "instap", _("Instapmodel")
        GEEN = "geen", _("Geen deelname")

    coalitie = models.ForeignKey(Coalitie, on_delete=models.CASCADE, related_name="deelnames", verbose_name=_("coalitie"))
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("organisatie")
    )
    variant = models.CharField(_("variant"), max_length=20, choices=Variant.choices)
    solidariteitsbijdrage = models.DecimalField(
        _("solidariteitsbijdrage per jaar (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    instapdatum = models.DateField(_("instapdatum"), null=True, blank=True)
    instapfee = models.DecimalField(_("instapfee (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(verbose_name=_("historie van deelname"))

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["coalitie__naam", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalitie", "organisatie"],
                name="deelname_een_per_organisatie",
                violation_error_message=_("Deze organisatie heeft al een deelname in deze coalitie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.coalitie}: {self.get_variant_display()}"
