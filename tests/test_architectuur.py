"""The import contract: the core imports no domain app, domain apps import only downward, portaal on top."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"


def _contract() -> dict:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]


def test_import_contract_is_kept():
    """lint-imports finds no upward or circular import between the project's apps."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_project_app_has_its_place_in_the_layers():
    """A new app is placed in the contract before it lands, so its imports are checked too."""
    eigen_apps = {c.name for c in apps.get_app_configs() if Path(c.path).parent == settings.BASE_DIR}
    contract = _contract()
    lagen = {laag.strip("()") for laag in contract["contracts"][0]["layers"]}
    assert eigen_apps <= lagen, f"niet in het importcontract: {sorted(eigen_apps - lagen)}"
    assert set(contract["root_packages"]) == lagen


def test_no_bulk_update_of_a_table_whose_history_stamps_a_kept_computation():
    """A kept computation (allocation, monitor) notices a changed row of a table with history by its new history
    row; `QuerySet.update()` writes none, so application code never updates such a table in bulk by name (the
    generic version claim in the services is followed by a save). Demo data runs in its own command."""
    import re

    from financiering.selectors import BRONNEN as FINANCIERING
    from regiekamer.monitor import BRONNEN as MONITOR

    namen = {bron.model.__name__ for bron in (*FINANCIERING, *MONITOR) if bron.heeft_historie}
    assert {"Deelname", "Toezegging", "Vergadering"} <= namen
    patroon = re.compile(r"\b(" + "|".join(sorted(namen)) + r")\.objects\b[^\n]*\.update\(")
    eigen_apps = [Path(c.path) for c in apps.get_app_configs() if Path(c.path).parent == settings.BASE_DIR]
    gevonden = [
        f"{pad.relative_to(settings.BASE_DIR)}:{nummer}"
        for app in eigen_apps for pad in app.rglob("*.py")
        if "migrations" not in pad.parts and pad.name != "demo.py"
        for nummer, regel in enumerate(pad.read_text().splitlines(), 1) if patroon.search(regel)
    ]
    assert not gevonden, gevonden
