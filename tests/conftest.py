"""Shared fixtures: the real stack (database, Celery worker, Chromium) and logged-in users."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from tests import factories

# Playwright runs an event loop in the test thread; Django's ORM is used synchronously beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent.parent
SCREENSHOTS = BASE_DIR / "var" / "screenshots"
CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


# Property tests explore new random examples on a developer's machine; under CI=true they run a fixed,
# reproducible sequence, so a build does not pass or fail by chance (a counterexample found locally
# becomes a named test).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Under CI a missing service or browser fails the run instead of skipping tests."""
    if not CI:
        return
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL wijst niet naar PostgreSQL")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is niet gezet")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        problems.append(f"Chromium ontbreekt ({CHROMIUM})")
    if problems:
        raise pytest.UsageError("CI=true, maar: " + "; ".join(problems))


# --- Celery worker ------------------------------------------------------------------------------


def _worker_database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the configured broker, using the test database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _worker_database_url(),
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    log_path = BASE_DIR / "var" / "celery-test-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "drechtsteden", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "-n", f"test-{os.getpid()}@%h"],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while b"ready." not in log_path.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("De Celery-worker startte niet:\n" + log_path.read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    yield process
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


# --- Live server --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _database_rustig_voor_legen(request):
    """Before a live-server test's database is emptied, waits until no other connection is mid-query.

    The browser is closed first, but the live server (or the worker) may still be answering its last
    request; emptying the tables then deadlocks against that request's locks. This fixture is set up after
    the database fixture, so its teardown runs before the flush.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + 30
    rustig_sinds = None
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0]:
                rustig_sinds = None
            elif rustig_sinds is None:
                rustig_sinds = time.monotonic()
            elif time.monotonic() - rustig_sinds >= 0.2:
                return
            time.sleep(0.05)


# --- Browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        if CI:
            pytest.fail(f"Chromium ontbreekt ({CHROMIUM}); CI vereist een browser.")
        pytest.skip(f"Chromium niet gevonden ({CHROMIUM}); installeer het Debian-pakket chromium.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Dutch users: the browser asks for Dutch, as theirs does."""
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot under var/screenshots/ (git-ignored) and returns its path."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(page, live_server):
    """Logs a user in through the real login form; returns a function taking the user."""

    def do_login(user, password: str = factories.WACHTWOORD) -> None:
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("networkidle")

    return do_login


def assert_no_serious_axe_violations(page) -> None:
    """Runs axe-core on the page; serious or critical violations fail with their description."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in serious
    )


def op_breedtes(page, screenshot, naam: str, *, smal: bool = False) -> None:
    """Looks at the page at desktop and phone width: a screenshot `naam-1366` and `naam-390`, each without
    serious axe violations; with `smal`, also no sideways scrolling at 320 px. The page stays at the last width."""
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        screenshot(f"{naam}-{breedte}")
        assert_no_serious_axe_violations(page)
    if smal:
        page.set_viewport_size({"width": 320, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def volgende_pagina_met_toetsenbord(page, navigatie) -> None:
    """Goes to the next page of a paged list as a keyboard user does: focus "Volgende pagina", press Enter."""
    navigatie.get_by_role("link", name="Volgende pagina").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


def assert_table_regions_labelled(html: str) -> None:
    """Each `.utrecht-table__container` is focusable, a region, and labelled by one existing, unique id."""
    import re

    containers = re.findall(r'<div[^>]*class="utrecht-table__container[^"]*"[^>]*>', html)
    ids = re.findall(r'\bid="([^"]+)"', html)
    for container in containers:
        assert 'tabindex="0"' in container and 'role="region"' in container, container
        gelabeld = re.search(r'aria-labelledby="([^"]+)"', container)
        assert gelabeld, container
        assert ids.count(gelabeld.group(1)) == 1, f"{gelabeld.group(1)} komt {ids.count(gelabeld.group(1))} keer voor"


@pytest.fixture
def jaar_2026(monkeypatch):
    """The multi-year financing overviews start in 2026, whatever today's date (use with usefixtures)."""
    from financiering import selectors

    monkeypatch.setattr(selectors, "meerjarige_jaren", lambda vanaf=None: list(range(2026, 2031)))
