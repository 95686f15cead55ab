"""docs/permissions.md is the roles × actions matrix the permission functions give today."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from portaal import rechten
from portaal.management.commands import rechtenmatrix

DOCS = Path(settings.BASE_DIR) / "docs" / "permissions.md"


def test_docs_permissions_matches_the_code():
    assert DOCS.read_text(encoding="utf-8") == rechten.matrix_markdown(), (
        "docs/permissions.md wijkt af van de rechten in de code: voer `python manage.py rechtenmatrix` uit"
    )


def test_every_permission_function_of_every_app_is_in_the_matrix():
    """A new mag_ function (or a new app with a permissions module) needs its row in portaal/rechten.py."""
    apps = {p.parent.name for p in Path(settings.BASE_DIR).glob("*/permissions.py")} - {"drechtsteden"}
    assert apps == set(rechten.APPS)
    in_matrix = {actie.functie.__name__ for actie in rechten.ACTIES}
    for app, functies in rechten.permissie_functies().items():
        assert functies - in_matrix - rechten.DOORVERWEZEN.keys() == set(), app


@pytest.mark.django_db
def test_the_matrix_asks_pure_functions_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        tekst = rechten.matrix_markdown()
    # One own and one other object where it matters: the trekker's staff keep only their own coalition.
    regel = next(r for r in tekst.splitlines() if r.startswith("| Coalitie wijzigen |"))
    assert regel.split(" | ")[1:] == [
        "–", "–", "–", *["✓ eigen organisatie is trekker (of projectleider)"] * 3, "–", "✓ |"
    ]


def test_the_command_writes_the_matrix(tmp_path, monkeypatch):
    bestand = tmp_path / "permissions.md"
    monkeypatch.setattr(rechtenmatrix, "BESTAND", bestand)
    call_command("rechtenmatrix", stdout=open(tmp_path / "uit.txt", "w"))
    assert bestand.read_text(encoding="utf-8") == rechten.matrix_markdown()
