from celery import shared_task

from . import services


@shared_task
def health_check() -> dict:
    return services.health_report()
