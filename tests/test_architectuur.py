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


