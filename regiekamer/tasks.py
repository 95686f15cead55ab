"""Scheduled jobs of the regiekamer: the monitoring report when a period has ended."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from . import rules


def afgelopen_perioden(vandaag: datetime.date) -> list[str]:
    """The quarter that ended yesterday, and the half year too when that ended with it."""
    gisteren = vandaag - datetime.timedelta(days=1)
    kwartaal = rules.periode_voor(gisteren, soort="Q")
    perioden = [kwartaal.code] if kwartaal.eind == gisteren else []
    halfjaar = rules.periode_voor(gisteren, soort="H")
    if halfjaar.eind == gisteren:
        perioden.append(halfjaar.code)
    return perioden


@shared_task
def monitoring_periode_afgelopen() -> list[int]:
    """Queues the network's monitoring report for each period that just ended, as the portal itself."""
    from documenten.services import documentopdracht_create
    from drechtsteden.permissions import systeem

    return [
        documentopdracht_create(soort="monitoring", gegevens={"periode": code}, door=systeem()).pk
        for code in afgelopen_perioden(timezone.localdate())
    ]
