"""Writes of the portal app: system checks that survive a broker outage."""

from __future__ import annotations


from django.db import transaction
from django.db.models import F
from django.utils import timezone

from drechtsteden.models import Gebruiker
from drechtsteden.permissions import vereis
from drechtsteden.services import health_report
from drechtsteden.wachtrij import aanbieden

from .models import Systeemcontrole
from .permissions import mag_systeemcontrole_aanvragen



def systeemcontrole_aanvragen(*, door: Gebruiker) -> Systeemcontrole:
    """Keeps the request first, then hands it to the worker; if the broker is away it stays kept."""
    vereis(mag_systeemcontrole_aanvragen(door))
    controle = Systeemcontrole.objects.create(aangevraagd_door=door)
    systeemcontrole_versturen(controle=controle, door=door)
    controle.refresh_from_db()
    return controle


def systeemcontrole_versturen(*, controle: Systeemcontrole, door: Gebruiker) -> bool:
    """Puts a kept check on the queue; False (and the row unchanged but for the attempt) when the broker is away."""
    from .tasks import systeemcontrole_uitvoeren

    vereis(mag_systeemcontrole_aanvragen(door, controle))
    if controle.status != Systeemcontrole.Status.BEWAARD:
        return True
    Systeemcontrole.objects.filter(pk=controle.pk).update(pogingen=F("pogingen") + 1)
    if not aanbieden(systeemcontrole_uitvoeren, str(controle.pk)):
        return False
    Systeemcontrole.objects.filter(pk=controle.pk, status=Systeemcontrole.Status.BEWAARD).update(
        status=Systeemcontrole.Status.IN_WACHTRIJ
    )
    return True


def bewaarde_systeemcontroles_versturen(*, door: Gebruiker) -> int:
    """Sends every kept check again; the number that reached the queue."""
    vereis(mag_systeemcontrole_aanvragen(door))
    return sum(
        systeemcontrole_versturen(controle=c, door=door) for c in Systeemcontrole.objects.filter(status="bewaard")
    )


@transaction.atomic
def systeemcontrole_uitvoeren(*, controle_id: str, door: Gebruiker) -> Systeemcontrole | None:
    """Runs the check once: a second delivery of the same task finds it done and changes nothing."""
    vereis(mag_systeemcontrole_aanvragen(door))
    controle = Systeemcontrole.objects.select_for_update().filter(pk=controle_id).first()
    if controle is None or controle.status == Systeemcontrole.Status.KLAAR:
        return controle
    controle.antwoord = health_report()
    controle.status = Systeemcontrole.Status.KLAAR
    controle.uitgevoerd_op = timezone.now()
    controle.save()
    return controle
