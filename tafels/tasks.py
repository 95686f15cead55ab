from celery import shared_task
from django.utils import timezone

from drechtsteden.permissions import systeem

from . import melders


@shared_task
def dagelijkse_meldingen() -> int:
    """Daily: notify who must deliver papers due in three days and the owners of overdue actions."""
    return melders.dagelijks(vandaag=timezone.localdate(), door=systeem())
