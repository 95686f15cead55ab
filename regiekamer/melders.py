"""Notifications from the regiekamer: an escalation raised or moved up, to those it concerns."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Rol
from meldingen.models import Soort
from meldingen.services import in_het_nederlands, melden

from .models import Escalatie, Regiekamer, Regiekamerlid


def betrokkenen(escalatie: Escalatie, vandaag: datetime.date) -> list[Gebruiker]:
    """Whom an escalation concerns at its level: the members of the room that handles it (the ambtelijke
    regiekamer up to its rung, the bestuurlijke above), the step's owner, the table's chair and secretary,
    the coalition's projectleider and the gemeentesecretarissen of the gemeente it is about."""
    kamer = Regiekamer.Soort.AMBTELIJK if escalatie.niveau in (
        Escalatie.Niveau.SIGNALERING, Escalatie.Niveau.AMBTELIJK
    ) else Regiekamer.Soort.BESTUURLIJK
    ids = set(
        Regiekamerlid.objects.filter(regiekamer__soort=kamer, van__lte=vandaag)
        .exclude(tot__lt=vandaag)
        .values_list("gebruiker_id", flat=True)
    )
    stap = escalatie.stappen.order_by("-datum", "-id").first()
    if stap is not None:
        ids.add(stap.eigenaar_id)
    if escalatie.tafel is not None:
        ids |= {escalatie.tafel.voorzitter_id, escalatie.tafel.secretaris_id}
    if escalatie.coalitie is not None:
        ids.add(escalatie.coalitie.projectleider_id)
    if escalatie.organisatie_id is not None:
        ids |= set(
            Gebruiker.objects.filter(organisatie_id=escalatie.organisatie_id, rollen__rol=Rol.Soort.GEMEENTESECRETARIS)
            .values_list("pk", flat=True)
        )
    return list(Gebruiker.objects.filter(pk__in=ids - {None}, is_active=True))


@in_het_nederlands
def escalatie_gewijzigd(*, escalatie: Escalatie, door: Gebruiker) -> None:
    """Raised or moved up: once per level, to whom it concerns at that level."""
    escalatie = Escalatie.objects.select_related("tafel", "coalitie").get(pk=escalatie.pk)
    niveau = escalatie.get_niveau_display()
    if escalatie.niveau == Escalatie.Niveau.SIGNALERING:
        onderwerp = _("Nieuw knelpunt: %(titel)s") % {"titel": escalatie.titel}
    else:
        onderwerp = _("Escalatie naar %(niveau)s: %(titel)s") % {"niveau": niveau, "titel": escalatie.titel}
    melden(
        soort=Soort.ESCALATIE, gebeurtenis=f"escalatie:{escalatie.pk}:{escalatie.niveau}",
        ontvangers=betrokkenen(escalatie, timezone.localdate()), onderwerp=onderwerp,
        tekst=_("Gevraagd: %(gevraagd)s") % {"gevraagd": escalatie.gevraagd},
        url=reverse("regiekamer:escalatie", args=[escalatie.pk]), door=door,
    )
