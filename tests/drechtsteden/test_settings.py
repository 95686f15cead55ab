import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "portaal.drechtsteden.nl",
    "DATABASE_URL": "postgres://portaal@db:5432/portaal",
    "REDIS_URL": "redis://redis:6379/0",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True,
        timeout=120,
    )


def test_production_settings_pass_deploy_check():
    """Production settings pass `check --deploy` with no warnings at all."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_has_no_default_secret():
    """Without DJANGO_SECRET_KEY a production start fails instead of using a default."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_build_collects_static_files_with_a_manifest(tmp_path):
    """The image's build step works: collectstatic under production settings writes a manifest with the
    stylesheets the pages link to, and only those of node_modules; the deploy check passes beside it."""
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'build.sqlite3'}",
           "DJANGO_STATIC_ROOT": str(tmp_path / "static")}
    result = _manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr

    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for naam in ("tokens/index.css", "nlds/index.css", "css/portaal.css", "css/tafels.css", "js/tafels-upload.js"):
        assert naam in manifest
        assert (tmp_path / "static" / manifest[naam]).is_file()
    assert not [naam for naam in manifest if naam.startswith("tokens/") and naam != "tokens/index.css"]

    check = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert check.returncode == 0, check.stdout + check.stderr


def test_production_configuration_serves_login_pages_and_static_files():
    """scripts/productie-rooktest passes: gunicorn with DEBUG off serves a login, three pages and a hashed
    stylesheet through whitenoise, on a throwaway database (PostgreSQL when the tests use it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = _database_url()
    result = subprocess.run(
        [sys.executable, "scripts/productie-rooktest"], cwd=BASE_DIR, env={**env, "PYTHON": sys.executable},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ROOKTEST GESLAAGD" in result.stdout
    if connection.vendor == "postgresql":
        assert "op PostgreSQL" in result.stdout


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/postgres"
