"""Faults on the real stack: the broker away, a dropped database connection, two users saving at once.

Each test runs the portal in gunicorn (and where needed a Celery worker) as separate processes on the
test database, as production does. Redis is a private redis-server on a free loopback port, so the
shared Redis is never stopped.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from coalities.models import Toezegging
from documenten.models import Documentopdracht
from drechtsteden.models import Organisatie, Rol
from portaal.models import Systeemcontrole
from tests import factories
from tests.coalities.factories import ToezeggingFactory
from tests.conftest import CI, _worker_database_url
from tests.factories import GebruikerFactory

BASE_DIR = Path(__file__).resolve().parent.parent
APPNAAM = "storingstest"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="de storingen gaan over PostgreSQL"),
]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wacht_op(poort: int, proces: subprocess.Popen, log: Path, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        assert proces.poll() is None, log.read_text(errors="replace")[-3000:]
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", poort)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"poort {poort} ging niet open:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": _worker_database_url(),
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE, "PGAPPNAME": APPNAAM, "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


class _Server:
    """gunicorn with the test settings on the test database; ``workers`` sync workers."""

    def __init__(self, tmp_path: Path, workers: int = 2, **env: str) -> None:
        self.poort = _vrije_poort()
        self.log = tmp_path / f"gunicorn-{self.poort}.log"
        with open(self.log, "wb") as uit:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "drechtsteden.wsgi", "-b", f"127.0.0.1:{self.poort}",
                 "--workers", str(workers), "--timeout", "60"],
                cwd=BASE_DIR, env=_env(**env), stdout=uit, stderr=subprocess.STDOUT,
            )
        _wacht_op(self.poort, self.proces, self.log)

    def stop(self) -> None:
        _stop(self.proces)


class _Browser:
    """A visitor with its own cookies, over plain HTTP to the server on 127.0.0.1."""

    def __init__(self, poort: int) -> None:
        self.poort = poort
        self.cookies: dict[str, str] = {}

    def verzoek(self, methode: str, pad: str, data: dict | None = None, htmx: bool = False) -> tuple[int, str, str]:
        verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)
        headers = {"Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        verbinding.request(methode, pad, body=body, headers=headers)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read().decode()
        for kop, waarde in antwoord.getheaders():
            if kop.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam.strip()] = rest.split(";", 1)[0]
        verbinding.close()
        return antwoord.status, antwoord.getheader("Location", ""), inhoud

    def inloggen(self, gebruiker) -> None:
        self.verzoek("GET", "/inloggen/")
        status, _, _ = self.verzoek("POST", "/inloggen/", {"username": gebruiker.username, "password": factories.WACHTWOORD})
        assert status == 302


# --- PostgreSQL: a connection dropped between requests ---------------------------------------------


def _backends() -> list[int]:
    with psycopg.connect(_worker_database_url()) as verbinding:
        return [r[0] for r in verbinding.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()", [APPNAAM]
        )]


def test_a_dropped_database_connection_does_not_fail_the_next_request(tmp_path):
    """The server's kept connection is terminated between two requests; the next request still answers 200."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    gebruiker = GebruikerFactory(rollen=[Rol.Soort.BESTUURDER])
    server = _Server(tmp_path, workers=1)
    try:
        browser = _Browser(server.poort)
        browser.inloggen(gebruiker)
        assert browser.verzoek("GET", "/status/")[0] == 200
        oud = _backends()
        assert oud, "de server houdt geen verbinding open; CONN_MAX_AGE werkt niet"
        for _ in range(3):
            with psycopg.connect(_worker_database_url(), autocommit=True) as verbinding:
                for pid in oud:
                    verbinding.execute("SELECT pg_terminate_backend(%s)", [pid])
            status, _, html = browser.verzoek("GET", "/status/")
            assert status == 200
            assert "Het portaal werkt" in html
            nieuw = _backends()
            assert nieuw and not set(nieuw) & set(oud)
            oud = nieuw
    finally:
        server.stop()


# --- Two users saving the same commitment at once -------------------------------------------------


def test_two_users_saving_one_commitment_at_once_lose_nothing(tmp_path):
    """Two staff members save the same commitment from the same version, 15 rounds over HTTP: each round one
    save lands and the other is refused with a Dutch message; every landed value is in the history."""
    toezegging = ToezeggingFactory(soort="geld", eenheid="euro", hoeveelheid=1000)
    organisatie = toezegging.deelname.organisatie
    gebruikers = [GebruikerFactory(organisatie=organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]) for _ in range(2)]
    server = _Server(tmp_path, workers=2)
    pad = f"/coalities/toezegging/{toezegging.pk}/"
    try:
        browsers = [_Browser(server.poort) for _ in gebruikers]
        for browser, gebruiker in zip(browsers, gebruikers, strict=True):
            browser.inloggen(gebruiker)
        opgeslagen: list[str] = []
        for ronde in range(15):
            versie = Toezegging.objects.get(pk=toezegging.pk).versie
            for browser in browsers:
                html = browser.verzoek("GET", pad)[2]
                assert f'name="versie" value="{versie}"' in html
            start = threading.Barrier(2)
            uitkomsten: list[tuple[str, int, str]] = []

            def opslaan(browser: _Browser, bedrag: str) -> None:
                start.wait()
                status, _, html = browser.verzoek("POST", pad, {
                    "soort": "geld", "hoeveelheid": bedrag, "eenheid": "euro", "omschrijving": "",
                    "jaar_van": str(toezegging.jaar_van), "jaar_tot": str(toezegging.jaar_tot), "versie": str(versie),
                })
                uitkomsten.append((bedrag, status, html))

            threads = [threading.Thread(target=opslaan, args=(b, f"{ronde + 2}{i}00")) for i, b in enumerate(browsers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            gelukt = [b for b, status, _ in uitkomsten if status == 302]
            geweigerd = [html for _, status, html in uitkomsten if status == 200]
            assert len(gelukt) == 1 and len(geweigerd) == 1, [(b, s) for b, s, _ in uitkomsten]
            assert "iemand anders was u voor" in geweigerd[0]
            opgeslagen.append(gelukt[0])

        toezegging.refresh_from_db()
        assert toezegging.versie == 1 + len(opgeslagen)
        assert toezegging.hoeveelheid == int(opgeslagen[-1])
        historie = [int(h.hoeveelheid) for h in Toezegging.history.filter(id=toezegging.pk).order_by("history_date")]
        assert historie[1:] == [int(b) for b in opgeslagen]
    finally:
        server.stop()


# --- Redis away while a beheerder asks for a system check -----------------------------------------


class _Redis:
    """A private redis-server on a free loopback port, without persistence."""

    def __init__(self, tmp_path: Path) -> None:
        binair = shutil.which("redis-server")
        if binair is None:
            if CI:
                pytest.fail("redis-server ontbreekt; CI vereist het.")
            pytest.skip("redis-server niet gevonden")
        self.binair = binair
        self.poort = _vrije_poort()
        self.map = tmp_path
        self.proces: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        self.proces = subprocess.Popen(
            [self.binair, "--port", str(self.poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.map)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wacht_op(self.poort, self.proces, Path(os.devnull))

    def stop(self) -> None:
        if self.proces is not None:
            _stop(self.proces)


def _wacht_tot(voorwaarde, seconden: float, melding: str) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(0.5)
    pytest.fail(melding)


def _worker(log: Path, redis: _Redis, naam: str) -> subprocess.Popen:
    """A real Celery worker on the private Redis, logging to `log`; returns once it is ready."""
    with open(log, "wb") as uit:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "drechtsteden", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE,
             "-n", f"{naam}-{os.getpid()}@%h"],
            cwd=BASE_DIR, env=_env(REDIS_URL=redis.url), stdout=uit, stderr=subprocess.STDOUT,
        )
    try:
        _wacht_tot(lambda: b"ready." in log.read_bytes(), 60, "de worker startte niet")
    except BaseException:
        _stop(worker)
        raise
    return worker


@pytest.mark.worker
def test_redis_away_keeps_the_request_and_runs_it_when_back(tmp_path):
    """With Redis stopped the system status page answers 200 in Dutch and keeps the request; once Redis is
    back the kept request reaches the worker and runs once."""
    beheerder = GebruikerFactory(rollen=[Rol.Soort.BEHEERDER], is_staff=True)
    redis = _Redis(tmp_path)
    redis.start()
    server = _Server(tmp_path, workers=1, REDIS_URL=redis.url)
    log = tmp_path / "worker.log"
    worker = None
    try:
        worker = _worker(log, redis, "storing")
        browser = _Browser(server.poort)
        browser.inloggen(beheerder)

        redis.stop()
        begin = time.monotonic()
        status, _, html = browser.verzoek("GET", "/systeemstatus/")
        assert status == 200
        assert time.monotonic() - begin < 30
        assert "niet bereikbaar" in html and "Uw aanvraag is bewaard" in html
        controle = Systeemcontrole.objects.get()
        assert controle.status == Systeemcontrole.Status.BEWAARD
        pad = re.search(r'/systeemstatus/([0-9a-f-]{36})/', html).group(0)
        assert browser.verzoek("GET", pad, htmx=True)[0] == 200  # a poll while Redis is still away
        assert Systeemcontrole.objects.get().status == Systeemcontrole.Status.BEWAARD

        redis.start()  # the same port: the worker reconnects
        def klaar() -> bool:
            browser.verzoek("GET", pad, htmx=True)  # each poll sends a kept request again
            return Systeemcontrole.objects.get().status == Systeemcontrole.Status.KLAAR

        _wacht_tot(klaar, 90, "de bewaarde aanvraag werd niet uitgevoerd:\n" + log.read_text(errors="replace")[-2000:])
        controle = Systeemcontrole.objects.get()
        assert controle.antwoord["drechtstedengemeenten"] == Organisatie.objects.drechtstedengemeenten().count()
        status, _, html = browser.verzoek("GET", pad)
        assert status == 200 and "antwoordt" in html
        uitgevoerd = re.findall(r"portaal\.tasks\.systeemcontrole_uitvoeren\[[0-9a-f-]+\] succeeded", log.read_text(errors="replace"))
        assert len(uitgevoerd) == 1
        assert Systeemcontrole.objects.count() == 1
    finally:
        if worker is not None:
            _stop(worker)
        server.stop()
        redis.stop()


@pytest.mark.worker
def test_redis_away_while_asking_for_a_report_keeps_it_and_builds_it_once_back(tmp_path):
    """A report asked for while Redis is stopped: the answer is 200 with a Dutch message, the job is kept (not
    lost, not failed); once Redis is back a poll of its page hands it to the worker, which builds it once."""
    secretaris = GebruikerFactory(rollen=[Rol.Soort.GEMEENTESECRETARIS])
    redis = _Redis(tmp_path)
    redis.start()
    server = _Server(tmp_path, workers=1, REDIS_URL=redis.url)
    log = tmp_path / "worker.log"
    worker = None
    try:
        worker = _worker(log, redis, "rapport")
        browser = _Browser(server.poort)
        browser.inloggen(secretaris)
        assert browser.verzoek("GET", "/groeiperspectief/")[0] == 200

        redis.stop()
        status, _, html = browser.verzoek("POST", "/documenten/groeiperspectief/starten/", {}, htmx=True)
        assert status == 200
        assert "niet bereikbaar" in html and "Uw aanvraag is bewaard" in html
        opdracht = Documentopdracht.objects.get()
        assert (opdracht.status, opdracht.aangeboden_op) == (Documentopdracht.Status.IN_WACHTRIJ, None)
        pad = f"/documenten/opdrachten/{opdracht.pk}/"
        status, _, html = browser.verzoek("GET", pad, htmx=True)  # a poll while Redis is still away
        assert status == 200 and "Uw aanvraag is bewaard" in html
        assert Documentopdracht.objects.get().is_bewaard

        redis.start()  # the same port: the worker reconnects

        def klaar() -> bool:
            browser.verzoek("GET", pad, htmx=True)  # each poll offers the kept job again
            return Documentopdracht.objects.get().status == Documentopdracht.Status.KLAAR

        _wacht_tot(klaar, 120, "de bewaarde opdracht werd niet gemaakt:\n" + log.read_text(errors="replace")[-2000:])
        opdracht = Documentopdracht.objects.get()
        assert opdracht.aangeboden_op is not None and opdracht.pogingen == 1
        status, _, html = browser.verzoek("GET", pad, htmx=True)
        assert status == 200 and "Download groeiperspectief" in html and "bewaard" not in html
        with opdracht.bestand.open("rb") as bestand:
            assert bestand.read(5) == b"%PDF-"
        gemaakt = re.findall(r"documenten\.tasks\.documentopdracht_uitvoeren\[[0-9a-f-]+\] succeeded",
                             log.read_text(errors="replace"))
        assert len(gemaakt) == 1
    finally:
        if worker is not None:
            _stop(worker)
        server.stop()
        redis.stop()
