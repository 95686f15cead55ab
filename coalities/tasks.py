from celery import shared_task
from django.utils import timezone

from drechtsteden.permissions import systeem

from . import melders, services


@shared_task
def instap_omzetten() -> list[int]:
    """Daily: instap deelnames whose entry date has come become volledig."""
    return [d.pk for d in services.instap_omzetten(peildatum=timezone.localdate(), door=systeem())]


@shared_task
def keuze_meldingen() -> int:
    """Daily: tell each gemeente at a table which of its coalitions still wait for its choice."""
    return melders.open_keuzes(door=systeem())
