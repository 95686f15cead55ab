"""Simultaneous saves behave the same on both databases: one wins, the others get the Dutch
"iemand anders was u voor", never a 500 such as SQLite's "database is locked"."""

import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

BASE_DIR = Path(__file__).resolve().parents[2]
AANTAL = 8


def parallel_opslaan() -> dict:
    """Eight threads save one deelname from version 1 at the same moment; returns what each got."""
    from coalities import services
    from coalities.models import Deelname
    from drechtsteden.permissions import systeem
    from tests.coalities.factories import DeelnameFactory

    deelname = DeelnameFactory()
    door = systeem()
    start = threading.Barrier(AANTAL)
    uitkomsten: list[str] = []

    def sla_op(bedrag: int) -> None:
        try:
            start.wait()
            services.deelname_update(
                coalitie=deelname.coalitie, organisatie=deelname.organisatie, variant="solidariteit", versie=1,
                solidariteitsbijdrage=Decimal(bedrag), door=door,
            )
            uitkomsten.append("opgeslagen")
        except ValidationError as exc:
            uitkomsten.append(exc.error_list[0].code)
            if "iemand anders was u voor" in exc.messages[0]:
                uitkomsten.append("melding")
        except Exception as exc:  # noqa: BLE001 - the test reports whatever else went wrong
            uitkomsten.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sla_op, args=(1000 * (i + 1),)) for i in range(AANTAL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deelname.refresh_from_db()
    return {
        "uitkomsten": sorted(uitkomsten),
        "versie": deelname.versie,
        "historie": Deelname.history.filter(id=deelname.pk).count(),
    }


def _controleer(resultaat: dict) -> None:
    verwacht = ["gelijktijdige_wijziging"] * (AANTAL - 1) + ["melding"] * (AANTAL - 1) + ["opgeslagen"]
    assert resultaat["uitkomsten"] == verwacht
    assert resultaat["versie"] == 2
    assert resultaat["historie"] == 2


def test_parallel_saves_on_sqlite_let_one_win_and_tell_the_others(tmp_path):
    """On the embedded SQLite database (a file, as in production use) one of eight simultaneous saves
    wins and seven get "iemand anders was u voor"; none fails with "database is locked"."""
    code = (
        "import json, django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from tests.drechtsteden.test_database import parallel_opslaan; print(json.dumps(parallel_opslaan()))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portaal.sqlite3'}",
        "CELERY_DIR": str(tmp_path / "celery"),
    })
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    _controleer(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="de tests draaien op SQLite")
def test_parallel_saves_on_postgresql_let_one_win_and_tell_the_others():
    """On PostgreSQL the same eight simultaneous saves give the same result."""
    _controleer(parallel_opslaan())


def test_a_newcomer_gets_the_demo_on_the_embedded_sqlite_database(tmp_path):
    """`make run` migrates an empty SQLite file and loads the demo: every query of the demo and the
    allocation it adopts works on SQLite too (raw SQL written for PostgreSQL alone would fail here)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'nieuw.sqlite3'}", "CELERY_DIR": str(tmp_path / "celery")})
    for stap in (["migrate", "--noinput", "-v0"], ["demo_data"]):
        result = subprocess.run([sys.executable, "manage.py", *stap], cwd=BASE_DIR, env=env, capture_output=True,
                                text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]
    assert "Demodata geladen." in result.stdout

    # Every page a demo user reaches from their start page works there too (a query PostgreSQL alone
    # understands, such as DISTINCT ON, arrays or a limit inside a UNION, fails on SQLite), and no link
    # on them leads to a page the user cannot open.
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("sqlite_paginas.py"))], cwd=BASE_DIR,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == []
    bezocht = dict(regel.split(": ") for regel in result.stderr.splitlines() if regel.endswith("pagina's"))
    assert all(int(aantal.split()[0]) >= 20 for aantal in bezocht.values()), bezocht
