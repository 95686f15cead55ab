from celery import shared_task

from . import services


# A mail server that is away (OSError covers smtplib's errors) is tried again later; the service
# marks a notification mailed in the same transaction as the sending, so a retry never sends twice.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def melding_mailen(melding_id: int) -> bool:
    """Mails one notification to its person if they want this kind directly and it was not mailed yet."""
    return services.melding_mailen(melding_id)


@shared_task
def overzichten_mailen() -> int:
    """Daily: one overview mail per person with the notifications they want once a day."""
    return services.overzichten_mailen()


@shared_task
def achtergebleven_mailen() -> int:
    """Every five minutes: direct mails that never reached the worker (the broker was away) go out now."""
    return services.achtergebleven_mailen()
