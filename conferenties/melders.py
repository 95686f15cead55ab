"""Notifications from the meetings of the network: who is invited hears it, with the date and the page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker
from meldingen.models import Soort
from meldingen.services import in_het_nederlands, melden

from .models import Werkconferentie


@in_het_nederlands
def uitgenodigd(*, conferentie: Werkconferentie, gebruiker_ids: list[int], door: Gebruiker) -> None:
    """Everybody newly invited gets one invitation (once per meeting, also when invited again)."""
    gegevens = {"soort": conferentie.get_soort_display(), "titel": conferentie.titel,
                "datum": conferentie.datum.strftime("%d-%m-%Y")}
    tekst = _("U bent uitgenodigd voor %(soort)s ‘%(titel)s’ op %(datum)s.") % gegevens
    if conferentie.locatie:
        tekst += " " + _("Locatie: %(locatie)s.") % {"locatie": conferentie.locatie}
    melden(
        soort=Soort.UITNODIGING, gebeurtenis=f"bijeenkomst:{conferentie.pk}",
        ontvangers=Gebruiker.objects.filter(pk__in=gebruiker_ids),
        onderwerp=_("Uitnodiging: %(titel)s, %(datum)s") % gegevens, tekst=tekst,
        url=reverse("conferenties:detail", args=[conferentie.pk]), door=door,
    )
