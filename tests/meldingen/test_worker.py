"""Notification mail through a real Celery worker: after commit, and once per person and event, however
often a task or the daily job runs. The worker writes its mail as files (tests/settings.py)."""

from __future__ import annotations

import datetime
import time
import uuid
from email import message_from_string
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from meldingen import services
from meldingen.models import Frequentie, Melding, Soort
from meldingen.tasks import melding_mailen, overzichten_mailen
from tafels import services as tafel_services
from tafels.tasks import dagelijkse_meldingen
from tests.meldingen.helpers import tafelwereld
from tests.tafels.factories import pdf

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _mails_aan(adres: str) -> list:
    """Every message the worker wrote to this address."""
    berichten = []
    for bestand in Path(settings.MAIL_TEST_DIR).glob("*.log"):
        for deel in bestand.read_text(errors="replace").split("-" * 79):
            if deel.strip():
                bericht = message_from_string(deel.strip())
                if bericht["To"] == adres:
                    berichten.append(bericht)
    return berichten


def _uniek_adres(gebruiker) -> str:
    gebruiker.email = f"{uuid.uuid4().hex}@example.nl"
    gebruiker.save(update_fields=["email"])
    return gebruiker.email


def _wachten(voorwaarde, timeout: float = 60) -> None:
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(0.2)
    pytest.fail("De worker rondde het werk niet af.")


def test_a_new_document_is_mailed_once_by_the_real_worker(celery_worker_process):
    """An upload commits, the worker mails each member once; running the task again sends nothing more."""
    w = tafelwereld()
    lid = w.vertegenwoordigers["Zwijndrecht"]
    adres = _uniek_adres(lid)
    tafel_services.stuk_uploaden(agendapunt=w.punt, bestand=pdf(), titel="Notitie bereikbaarheid", door=w.secretaris)
    melding = Melding.objects.get(ontvanger=lid, soort=Soort.STUKKEN)
    _wachten(lambda: Melding.objects.filter(pk=melding.pk, gemaild_op__isnull=False).exists())
    # A retry of the same task (a redelivered message) finds it mailed.
    assert melding_mailen.delay(melding.pk).get(timeout=60) is False
    berichten = _mails_aan(adres)
    assert len(berichten) == 1
    assert "Notitie bereikbaarheid" in berichten[0]["Subject"]
    assert not _mails_aan(w.secretaris.email)  # the uploader is not told of their own upload


def test_daily_job_and_overview_send_once_through_the_worker(celery_worker_process):
    """The beat's daily job announces an overdue action once; the overview mails it once; second runs do nothing."""
    w = tafelwereld(over_dagen=-7)  # the action was agreed at last week's meeting
    eigenaar = w.vertegenwoordigers["Papendrecht"]
    adres = _uniek_adres(eigenaar)
    services.voorkeuren_opslaan(gebruiker=eigenaar, keuzes={Soort.ACTIEPUNT: Frequentie.DAGELIJKS}, door=eigenaar)
    tafel_services.actiepunt_create(
        agendapunt=w.punt, omschrijving="Cijfers aanleveren", deadline=timezone.localdate() - datetime.timedelta(days=2),
        eigenaar_persoon=eigenaar, door=w.secretaris,
    )
    assert dagelijkse_meldingen.delay().get(timeout=60) == 1
    assert dagelijkse_meldingen.delay().get(timeout=60) == 0
    assert overzichten_mailen.delay().get(timeout=60) == 1
    assert overzichten_mailen.delay().get(timeout=60) == 0
    berichten = _mails_aan(adres)
    assert len(berichten) == 1
    tekst = berichten[0].get_payload(0).get_payload(decode=True).decode()
    # The assignment and the overdue notice, both in the one overview.
    assert tekst.count("Cijfers aanleveren") == 2
    assert not Melding.objects.filter(ontvanger=eigenaar, gemaild_op__isnull=True).exists()
