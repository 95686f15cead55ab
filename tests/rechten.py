"""Helpers of the tests that prove each writing service refuses the wrong user and saves nothing."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied


def momentopname(*app_labels: str) -> dict[str, list[dict]]:
    """Every row of every model (history included) of the given apps: equal before and after means nothing was saved."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


def publieke_functies(module: ModuleType) -> dict[str, object]:
    """The functions a module defines itself (not the ones it imports), without the private ones."""
    return {
        naam: functie
        for naam, functie in inspect.getmembers(module, inspect.isfunction)
        if functie.__module__ == module.__name__ and not naam.startswith("_")
    }


def zonder_verplichte_door(functie) -> bool:
    """True when ``door`` is missing, positional, or has a default."""
    parameter = inspect.signature(functie).parameters.get("door")
    return (
        parameter is None
        or parameter.kind is not inspect.Parameter.KEYWORD_ONLY
        or parameter.default is not inspect.Parameter.empty
    )


def controleer_services(modules: list[ModuleType], geen_schrijvers: dict[str, str], geteste: set[str]) -> None:
    """Every public function of ``modules`` either writes, taking a required keyword ``door`` and covered by
    a refusal test (``geteste``), or is listed in ``geen_schrijvers`` with the reason it writes nothing."""
    schrijvers = {}
    for module in modules:
        for naam, functie in publieke_functies(module).items():
            volle_naam = f"{module.__name__}.{naam}"
            if volle_naam not in geen_schrijvers:
                schrijvers[volle_naam] = functie
    zonder_door = sorted(naam for naam, functie in schrijvers.items() if zonder_verplichte_door(functie))
    assert zonder_door == [], "writes without a required keyword door"
    assert set(schrijvers) == geteste, "every writing service has a refusal test, and only those"
    assert set(geen_schrijvers) <= {f"{m.__name__}.{n}" for m in modules for n in publieke_functies(m)}, (
        "an exception names a function that no longer exists"
    )


@dataclass(frozen=True)
class Geval:
    """One writing service: how to prepare its arguments, who may call it and who is refused (keys of
    the test world's ``gebruikers``)."""

    service: Callable
    argumenten: Callable[[SimpleNamespace], dict]
    mag: str
    geweigerd: tuple[str, ...]

    @property
    def naam(self) -> str:
        return f"{self.service.__module__}.{self.service.__name__}"


def weigeringen(gevallen: list[Geval]) -> list:
    """pytest parameters (geval, rol) for every refused user of every case."""
    return [pytest.param(g, rol, id=f"{g.service.__name__}-{rol}") for g in gevallen for rol in g.geweigerd]


def toestemmingen(gevallen: list[Geval]) -> list:
    return [pytest.param(g, id=g.service.__name__) for g in gevallen]


def weigert_zonder_te_schrijven(geval: Geval, w: SimpleNamespace, rol: str, app_labels: tuple[str, ...]) -> None:
    """The call by ``rol`` raises PermissionDenied and leaves every row of ``app_labels`` as it was."""
    argumenten = geval.argumenten(w)
    voor = momentopname(*app_labels)
    with pytest.raises(PermissionDenied):
        geval.service(**argumenten, door=w.gebruikers[rol])
    assert momentopname(*app_labels) == voor


def schrijft_met_recht(geval: Geval, w: SimpleNamespace, app_labels: tuple[str, ...]) -> None:
    """The same call by the user holding the right is saved (so the refusal above is not an empty check)."""
    argumenten = geval.argumenten(w)
    voor = momentopname(*app_labels)
    geval.service(**argumenten, door=w.gebruikers[geval.mag])
    assert momentopname(*app_labels) != voor


def schrijvende_functies(module: ModuleType, lezend: set[str]) -> set[str]:
    """The public functions defined in ``module`` that are not declared as reading helpers."""
    namen = set(publieke_functies(module))
    onbekend = lezend - namen
    assert not onbekend, f"{module.__name__}: als lezend opgegeven maar geen functie van de module: {onbekend}"
    return namen - lezend


def namen_zonder_verplichte_door(module: ModuleType, namen: set[str]) -> list[str]:
    """The names among ``namen`` whose function lacks a keyword-only ``door`` without a default."""
    return [naam for naam in sorted(namen) if zonder_verplichte_door(getattr(module, naam))]


def stand(*modellen) -> dict[str, list[dict]]:
    """Every stored row (and history row) of ``modellen``, to compare before and after a refused call."""
    rijen = {}
    for model in modellen:
        history = getattr(model, "history", None)
        for soort in [model, *([history.model] if history is not None and hasattr(history, "model") else [])]:
            rijen[soort._meta.label] = list(soort._default_manager.order_by("pk").values())
    return rijen
