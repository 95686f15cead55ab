"""Notifications in the portal and by e-mail, and each user's choice per kind of notification.

The catalogue of kinds lives here (``Soort``); the apps that produce notifications (tafels, coalities,
regiekamer) name a kind and call ``meldingen.services.melden``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    STUKKEN = "stukken", _("Nieuwe stukken voor een vergadering van uw tafel")
    AGENDAPAKKET = "agendapakket", _("Agendapakket verzonden")
    DEADLINE_STUKKEN = "deadline_stukken", _("Deadline voor stukken over drie dagen")
    ACTIEPUNT = "actiepunt", _("Actiepunt aan u toegewezen of verlopen")
    KEUZE = "keuze", _("Coalitie wacht op de keuze van uw gemeente")
    ESCALATIE = "escalatie", _("Escalatie die u aangaat")
    UITNODIGING = "uitnodiging", _("Uitnodiging voor een bijeenkomst van het netwerk")


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("Direct een e-mail")
    DAGELIJKS = "dagelijks", _("Eén keer per dag een overzicht")
    NOOIT = "nooit", _("Nooit")


# Reminders come every day until they are dealt with, so they go in the daily overview by default.
STANDAARD_FREQUENTIE: dict[str, str] = {soort: Frequentie.DIRECT for soort in Soort.values} | {
    Soort.DEADLINE_STUKKEN: Frequentie.DAGELIJKS,
}


class Melding(models.Model):
    """One notification for one person about one event; the same event never notifies a person twice."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("ontvanger")
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=250)
    tekst = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("pagina"), max_length=500, help_text=_("Pad van de pagina in het portaal."))
    gebeurtenis = models.CharField(
        _("gebeurtenis"), max_length=200, help_text=_("Sleutel van de gebeurtenis, bijvoorbeeld stukversie:12.")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "gebeurtenis"], name="melding_een_keer_per_gebeurtenis",
                violation_error_message=_("Deze persoon heeft over deze gebeurtenis al een melding."),
            ),
            models.CheckConstraint(
                condition=models.Q(url__startswith="/"), name="melding_url_in_portaal",
                violation_error_message=_("Een melding verwijst naar een pagina in het portaal."),
            ),
        ]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"], name="melding_ongelezen")]

    def __str__(self) -> str:
        return self.onderwerp

    @property
    def is_gelezen(self) -> bool:
        return self.gelezen_op is not None


class Meldingsvoorkeur(models.Model):
    """How a person wants to hear about one kind of notification; without a row the default applies."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingsvoorkeuren",
        verbose_name=_("gebruiker"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    frequentie = models.CharField(_("frequentie"), max_length=20, choices=Frequentie.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        ordering = ["gebruiker", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort"], name="meldingsvoorkeur_een_per_soort",
                violation_error_message=_("Voor deze soort melding is al een voorkeur vastgelegd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker}: {self.get_soort_display()} — {self.get_frequentie_display()}"
