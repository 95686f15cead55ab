"""Starting, running and retrying document jobs."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker
from drechtsteden.permissions import vereis
from drechtsteden.wachtrij import aanbieden

from . import registry
from .models import Documentinzage, Documentopdracht
from .opslag import atomair_opslaan
from .pdf import sha256
from .permissions import mag_opdracht_inzien, mag_opdracht_starten, mag_opdracht_uitvoeren

logger = logging.getLogger(__name__)

ALGEMENE_FOUT = (
    "Het document kon niet worden gemaakt door een fout op de server. "
    "Probeer het opnieuw; lukt het dan nog niet, neem contact op met de beheerder."
)


def vastgelopen_na() -> datetime.timedelta:
    """A running job without any progress for this long is taken as stopped (its worker died)."""
    return datetime.timedelta(seconds=getattr(settings, "DOCUMENTEN_VASTGELOPEN_NA", settings.CELERY_TASK_TIME_LIMIT + 60))


def is_vastgelopen(opdracht: Documentopdracht) -> bool:
    return opdracht.status == Documentopdracht.Status.BEZIG and opdracht.bijgewerkt_op < timezone.now() - vastgelopen_na()


def mag_opnieuw(opdracht: Documentopdracht) -> bool:
    return opdracht.status == Documentopdracht.Status.MISLUKT or is_vastgelopen(opdracht)


def _in_wachtrij(opdracht: Documentopdracht) -> None:
    """Offers the job to the worker once the transaction commits; while the broker is away it stays kept."""
    transaction.on_commit(lambda: _aanbieden(opdracht))


def _aanbieden(opdracht: Documentopdracht) -> bool:
    from .tasks import documentopdracht_uitvoeren

    # Heavy document jobs may run on their own queue (and workers): DOCUMENTEN_QUEUE.
    if not aanbieden(documentopdracht_uitvoeren, opdracht.pk, queue=getattr(settings, "DOCUMENTEN_QUEUE", None) or None):
        return False
    opdracht.aangeboden_op = timezone.now()
    Documentopdracht.objects.filter(pk=opdracht.pk, aangeboden_op__isnull=True).update(aangeboden_op=opdracht.aangeboden_op)
    return True


def documentopdracht_aanbieden(*, opdracht: Documentopdracht, door: Gebruiker) -> bool:
    """Offers a job kept while the broker was away again (a poll of its page, or the periodic job);
    True once the worker has it."""
    vereis(mag_opdracht_inzien(door, opdracht) or mag_opdracht_uitvoeren(door), _("U mag dit document niet inzien."))
    if not opdracht.is_bewaard:
        return True
    return _aanbieden(opdracht)


def bewaarde_opdrachten_aanbieden(*, door: Gebruiker, ouder_dan: datetime.timedelta = datetime.timedelta(seconds=30)) -> int:
    """Offers every job kept while the broker was away again; the number the worker now has."""
    vereis(mag_opdracht_uitvoeren(door))
    bewaard = Documentopdracht.objects.filter(
        status=Documentopdracht.Status.IN_WACHTRIJ, aangeboden_op__isnull=True, aangemaakt_op__lt=timezone.now() - ouder_dan
    )
    return sum(documentopdracht_aanbieden(opdracht=o, door=door) for o in bewaard)


@transaction.atomic
def documentopdracht_create(*, soort: str, gegevens: Mapping[str, str], door: Gebruiker) -> Documentopdracht:
    """A new job for ``soort`` with the submitted values; queued once the transaction commits.

    While the same document for the same parameters is still queued or running, that job is
    returned instead of starting a second one.
    """
    parameters = registry.soort(soort).parameters(gegevens)
    opdracht = Documentopdracht(soort=soort, parameters=parameters, door=door)
    vereis(mag_opdracht_starten(door, opdracht), _("U mag dit document niet laten maken."))
    lopend = (
        Documentopdracht.objects.select_for_update()
        .filter(soort=soort, parameters=parameters, status__in=[Documentopdracht.Status.IN_WACHTRIJ, Documentopdracht.Status.BEZIG])
        .first()
    )
    if lopend is not None and not is_vastgelopen(lopend):
        return lopend
    opdracht.full_clean()
    opdracht.save()
    _in_wachtrij(opdracht)
    return opdracht


@transaction.atomic
def documentopdracht_opnieuw(*, opdracht: Documentopdracht, door: Gebruiker) -> Documentopdracht:
    """Queues a failed (or stopped) job again."""
    opdracht = Documentopdracht.objects.select_for_update().get(pk=opdracht.pk)
    vereis(mag_opdracht_starten(door, opdracht), _("U mag dit document niet laten maken."))
    if not mag_opnieuw(opdracht):
        raise ValidationError(_("Deze opdracht loopt nog of is al klaar."), code="niet_opnieuw")
    opdracht.status = Documentopdracht.Status.IN_WACHTRIJ
    opdracht.aangeboden_op = None
    opdracht.fout = ""
    opdracht.secties_klaar = 0
    opdracht.sectie = ""
    opdracht.save()
    _in_wachtrij(opdracht)
    return opdracht


def inzage_vastleggen(*, opdracht: Documentopdracht, door: Gebruiker) -> None:
    """Records that `door` opened (downloaded) the finished document: the first and the last time."""
    vereis(mag_opdracht_inzien(door, opdracht), _("U mag dit document niet inzien."))
    if opdracht.status != Documentopdracht.Status.KLAAR:
        raise ValidationError(_("Dit document is nog niet klaar."), code="niet_klaar")
    Documentinzage.objects.update_or_create(opdracht=opdracht, gebruiker=door, defaults={"laatst_op": timezone.now()})


def _voortgang(opdracht_id: int):
    def melden(klaar: int, totaal: int, onderdeel: str) -> None:
        Documentopdracht.objects.filter(pk=opdracht_id).update(
            secties_klaar=klaar, secties_totaal=totaal, sectie=onderdeel[:200], bijgewerkt_op=timezone.now()
        )

    return melden


def uitvoeren(opdracht_id: int, *, door: Gebruiker) -> Documentopdracht | None:
    """Builds the document of a job and stores it; safe to call again for the same job.

    ``door`` is the portal itself (``systeem()``) in the worker. Returns None when there is nothing to
    do (already done, or gone). A ``registry.Bouwfout`` marks the job failed with its message; other
    exceptions propagate so the task can retry.
    """
    vereis(mag_opdracht_uitvoeren(door))
    with transaction.atomic():
        opdracht = Documentopdracht.objects.select_for_update().filter(pk=opdracht_id).first()
        if opdracht is None or opdracht.status == Documentopdracht.Status.KLAAR:
            return None
        opdracht.status = Documentopdracht.Status.BEZIG
        opdracht.gestart_op = timezone.now()
        opdracht.pogingen = F("pogingen") + 1
        opdracht.fout = ""
        opdracht.save(update_fields=["status", "gestart_op", "pogingen", "fout", "bijgewerkt_op"])
    opdracht.refresh_from_db()
    documentsoort = registry.soort(opdracht.soort)
    try:
        uitkomst = documentsoort.bouwen(opdracht.parameters, _voortgang(opdracht.pk))
    except registry.Bouwfout as fout:
        mislukt(opdracht_id, str(fout), door=door)
        return None
    data, gegevens = (uitkomst.data, uitkomst.gegevens) if isinstance(uitkomst, registry.Resultaat) else (uitkomst, {})
    naam = atomair_opslaan(opdracht.bestand.storage, f"documenten/{opdracht.soort}/{documentsoort.bestandsnaam(opdracht.parameters)}", data)
    try:
        with transaction.atomic():
            opdracht = Documentopdracht.objects.select_for_update().get(pk=opdracht_id)
            if opdracht.status == Documentopdracht.Status.KLAAR:  # another delivery finished first
                opdracht.bestand.storage.delete(naam)
                return opdracht
            opdracht.bestand.name = naam
            opdracht.bestandsnaam = documentsoort.bestandsnaam(opdracht.parameters)
            opdracht.sha256 = sha256(data)
            opdracht.grootte = len(data)
            opdracht.resultaat = gegevens
            opdracht.status = Documentopdracht.Status.KLAAR
            opdracht.secties_klaar = opdracht.secties_totaal
            opdracht.sectie = ""
            opdracht.klaar_op = timezone.now()
            opdracht.full_clean()
            opdracht.save()
            if documentsoort.na_afloop is not None:
                documentsoort.na_afloop(opdracht)
    except (ValidationError, PermissionDenied) as fout:
        # The document cannot be kept (e.g. its version number was taken meanwhile): no file stays behind.
        opdracht.bestand.storage.delete(naam)
        melding = " ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout)
        mislukt(opdracht_id, melding, door=door)
        return None
    return opdracht


def mislukt(opdracht_id: int, melding: str, *, door: Gebruiker) -> None:
    """Marks a job that is not done as failed, with a message the user can act on."""
    vereis(mag_opdracht_uitvoeren(door))
    Documentopdracht.objects.filter(pk=opdracht_id).exclude(status=Documentopdracht.Status.KLAAR).update(
        status=Documentopdracht.Status.MISLUKT, fout=melding or ALGEMENE_FOUT, bijgewerkt_op=timezone.now()
    )


def synchroon_bouwen(soort: str, gegevens: Mapping[str, str], voortgang=None) -> tuple[bytes, dict[str, Any]]:
    """The document built in this process (for commands): bytes and the parsed parameters."""
    documentsoort = registry.soort(soort)
    parameters = documentsoort.parameters(gegevens)
    uitkomst = documentsoort.bouwen(parameters, voortgang or (lambda *a: None))
    return (uitkomst.data if isinstance(uitkomst, registry.Resultaat) else uitkomst), parameters
