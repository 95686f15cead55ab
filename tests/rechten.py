"""Shared checks for the rights tests: which services write, and a picture of what is stored.

Every public function of a services module is a write that must take a required keyword-only
``door``, unless the module's test declares it as a reading helper; and every write has a case in
the refusal test of its app, so a new service without one fails.
"""

from __future__ import annotations

import inspect
from types import ModuleType

from django.db import models


def schrijvende_functies(module: ModuleType, lezend: set[str]) -> set[str]:
    """The public functions defined in ``module`` that are not declared as reading helpers."""
    namen = {
        naam for naam, functie in inspect.getmembers(module, inspect.isfunction)
        if functie.__module__ == module.__name__ and not naam.startswith("_")
    }
    onbekend = lezend - namen
    assert not onbekend, f"{module.__name__}: als lezend opgegeven maar geen functie van de module: {onbekend}"
    return namen - lezend


def zonder_verplichte_door(module: ModuleType, namen: set[str]) -> list[str]:
    """The names among ``namen`` whose function lacks a keyword-only ``door`` without a default."""
    fout = []
    for naam in sorted(namen):
        parameter = inspect.signature(getattr(module, naam)).parameters.get("door")
        if (
            parameter is None
            or parameter.kind is not inspect.Parameter.KEYWORD_ONLY
            or parameter.default is not inspect.Parameter.empty
        ):
            fout.append(naam)
    return fout


def stand(*modellen: type[models.Model]) -> dict[str, list[dict]]:
    """Every stored row (and history row) of ``modellen``, to compare before and after a refused call."""
    rijen = {}
    for model in modellen:
        soorten = [model]
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            soorten.append(history.model)
        for soort in soorten:
            rijen[soort._meta.label] = list(soort._default_manager.order_by("pk").values())
    return rijen
