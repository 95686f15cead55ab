from celery import shared_task

from drechtsteden.permissions import systeem

from . import services


@shared_task(ignore_result=True)
def systeemcontrole_uitvoeren(controle_id: str) -> None:
    services.systeemcontrole_uitvoeren(controle_id=controle_id, door=systeem())


@shared_task(ignore_result=True)
def bewaarde_systeemcontroles_versturen() -> int:
    return services.bewaarde_systeemcontroles_versturen(door=systeem())
