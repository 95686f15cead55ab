"""The agenda pack on real Celery workers through the configured broker: built, and killed mid-job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from documenten import services as documenten_services
from documenten.models import Documentopdracht
from tests.conftest import BASE_DIR, _worker_database_url
from tests.tafels.pakket import TITELS, lezer, pagina_teksten, pakketwereld

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wachten(opdracht: Documentopdracht, klaar, timeout: float = 240) -> Documentopdracht:
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        opdracht.refresh_from_db()
        if klaar(opdracht):
            return opdracht
        time.sleep(0.1)
    pytest.fail(f"Opdracht bleef {opdracht.status} ({opdracht.sectie}): {opdracht.fout}")


def test_real_worker_builds_the_pack(celery_worker_process):
    """A member asks for the pack; the worker builds it through Redis and PostgreSQL; the file reads back."""
    cache.clear()
    w = pakketwereld()
    opdracht = documenten_services.documentopdracht_create(
        soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk)}, door=w.tafel.secretaris
    )
    opdracht = _wachten(opdracht, lambda o: o.is_afgerond)
    assert opdracht.status == Documentopdracht.Status.KLAAR, opdracht.fout
    data = opdracht.bestand.read()
    reader = lezer(data)
    assert len(reader.pages) == opdracht.resultaat["paginas"]
    tekst = "\n".join(pagina_teksten(data))
    for titel in TITELS:
        assert titel in tekst
    assert opdracht.secties_klaar == opdracht.secties_totaal > 0


def _worker(queue: str, naam: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": _worker_database_url(),
           "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE}
    with open(log, "wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "drechtsteden", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "-n", f"{naam}-{os.getpid()}@%h"],
            cwd=BASE_DIR, env=env, stdout=uit, stderr=subprocess.STDOUT,
        )
    einde = time.monotonic() + 60
    while b"ready." not in log.read_bytes():
        if proces.poll() is not None or time.monotonic() > einde:
            proces.kill()
            pytest.fail("De worker startte niet:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    return proces


def test_worker_killed_mid_job_leaves_no_file_and_the_retry_completes(settings, tmp_path):
    """SIGKILL during the build: no file appears, the job is seen as stopped; a retry on a new worker finishes it."""
    wachtrij = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-documenten-{os.getpid()}"
    settings.DOCUMENTEN_QUEUE = wachtrij
    cache.clear()
    w = pakketwereld()
    map_ = Path(settings.MEDIA_ROOT) / "documenten" / "agendapakket"
    voor = set(map_.glob("*")) if map_.exists() else set()
    eerste = _worker(wachtrij, "eerste", tmp_path / "eerste.log")
    try:
        opdracht = documenten_services.documentopdracht_create(
            soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk)}, door=w.tafel.secretaris
        )
        _wachten(opdracht, lambda o: o.status == Documentopdracht.Status.BEZIG and o.secties_klaar >= 1, timeout=120)
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(timeout=10)
    finally:
        if eerste.poll() is None:
            eerste.kill()
    time.sleep(0.5)
    opdracht.refresh_from_db()
    assert opdracht.status == Documentopdracht.Status.BEZIG
    assert not opdracht.bestand
    na = set(map_.glob("*")) if map_.exists() else set()
    assert na == voor  # nothing written under a final name

    settings.DOCUMENTEN_VASTGELOPEN_NA = 0
    assert documenten_services.mag_opnieuw(opdracht)
    tweede = _worker(wachtrij, "tweede", tmp_path / "tweede.log")
    try:
        documenten_services.documentopdracht_opnieuw(opdracht=opdracht, door=w.tafel.secretaris)
        opdracht = _wachten(opdracht, lambda o: o.is_afgerond)
    finally:
        tweede.terminate()
        tweede.wait(timeout=15)
    assert opdracht.status == Documentopdracht.Status.KLAAR, opdracht.fout
    assert opdracht.pogingen == 2
    assert len(lezer(opdracht.bestand.read()).pages) == opdracht.resultaat["paginas"]
