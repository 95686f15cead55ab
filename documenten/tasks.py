from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from drechtsteden.permissions import systeem

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=2, default_retry_delay=5)
def documentopdracht_uitvoeren(self, opdracht_id: int) -> None:
    """Thin: builds the job's document through the registered plain function, as the portal itself."""
    portaal = systeem()
    try:
        services.uitvoeren(opdracht_id, door=portaal)
    except SoftTimeLimitExceeded:
        services.mislukt(opdracht_id, "Het maken van het document duurde te lang. Probeer het opnieuw.", door=portaal)
    except Exception as fout:
        if self.request.retries >= self.max_retries:
            services.mislukt(opdracht_id, services.ALGEMENE_FOUT, door=portaal)
            raise
        raise self.retry(exc=fout) from fout


@shared_task
def bewaarde_opdrachten_aanbieden() -> int:
    """Every minute: jobs asked for while the broker was away go to the worker once it is back."""
    return services.bewaarde_opdrachten_aanbieden(door=systeem())
