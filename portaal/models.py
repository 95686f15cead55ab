"""What the portal itself keeps: requests for a system check, so none is lost when the broker is away."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Systeemcontrole(models.Model):
    """One request of a beheerder to check the background processing; the worker fills in the answer."""

    class Status(models.TextChoices):
        BEWAARD = "bewaard", _("Bewaard; nog niet bij de achtergrondverwerking")
        IN_WACHTRIJ = "in_wachtrij", _("In de wachtrij")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BEWAARD)
    pogingen = models.PositiveSmallIntegerField(_("pogingen om te versturen"), default=0)
    antwoord = models.JSONField(_("antwoord"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("systeemcontrole")
        verbose_name_plural = _("systeemcontroles")
        ordering = ["-aangevraagd_op"]

    def __str__(self) -> str:
        return f"{self.aangevraagd_op:%d-%m-%Y %H:%M} ({self.get_status_display()})"
