from celery import shared_task
from django.utils import timezone

from drechtsteden.permissions import systeem

from . import services


@shared_task
def instap_omzetten() -> list[int]:
    """Daily: instap deelnames whose entry date has come become volledig."""
    return [d.pk for d in services.instap_omzetten(peildatum=timezone.localdate(), door=systeem())]
