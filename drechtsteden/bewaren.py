"""Computed figures and page data kept per process until one of the tables they read changes.

Some pages show figures that cost hundreds of milliseconds or seconds to compute (the allocation of a
year, the samenwerkingsmonitor over four periods), and the most visited pages read a dozen lists, while
their inputs change a few times a day. Such a computation names the models it reads; `invoerstempel(modellen)`
reads their change numbers (`wijzigteller`) in one query, and a `Bewaarplaats` keeps the latest results of
this process by those numbers. A request whose stamp matches a kept result pays that one query.

The numbers are raised by the database when a write commits (triggers), whatever wrote it: a service, a
bulk update, the admin. Where no stamp can be given (the embedded SQLite of `make run`, or a transaction that
wrote to one of the tables and has not committed yet) nothing is kept and `bewaard` computes afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model
from django.utils import timezone, translation

from . import wijzigteller

T = TypeVar("T")


# The default of a `stempel` parameter: not read yet (None is a stamp read: nothing may be kept).
ONGELEZEN: Any = object()


def invoerstempel(modellen: Iterable[type[Model]]) -> str | None:
    """Changes whenever a write to one of the tables commits: one query. None where nothing may be kept."""
    return wijzigteller.stempel(modellen)


_alle: list[Bewaarplaats] = []


def alles_vergeten() -> None:
    """Empties every store of this process (a test that changes inputs behind the ORM's back uses it)."""
    for plaats in _alle:
        plaats.leeg()


class Bewaarplaats(Generic[T]):
    """The latest computed results of this process by key (least recently used out).

    Kept in memory rather than in Redis: the results hold many model instances and unpickling them
    would cost about as much as reading them again. The key begins with the database name and an
    `invoerstempel` (``bewaard`` puts them there), so a changed input never meets an old result. The
    results are shared between requests and threads: read them, never change them.
    """

    def __init__(self, maximum: int, *, alleen_nieuwste_stempel: bool = False) -> None:
        """``alleen_nieuwste_stempel``: keys begin with (database, stamp), and storing a result for a stamp
        drops that database's results for other stamps. For results that hold on to kept years of another
        `Bewaarplaats`: after a change of input they would keep those old years in memory until pushed out.
        """
        self.maximum = maximum
        self.alleen_nieuwste_stempel = alleen_nieuwste_stempel
        _alle.append(self)
        self._inhoud: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def haal(self, sleutel: Hashable) -> T | None:
        with self._lock:
            waarde = self._inhoud.get(sleutel)
            if waarde is not None:
                self._inhoud.move_to_end(sleutel)
            return waarde

    def bewaar(self, sleutel: Hashable, waarde: T) -> None:
        with self._lock:
            if self.alleen_nieuwste_stempel:
                for oud in [k for k in self._inhoud if k[0] == sleutel[0] and k[1] != sleutel[1]]:
                    del self._inhoud[oud]
            self._inhoud[sleutel] = waarde
            self._inhoud.move_to_end(sleutel)
            while len(self._inhoud) > self.maximum:
                self._inhoud.popitem(last=False)

    def vergeet(self, sleutel: Hashable) -> None:
        with self._lock:
            self._inhoud.pop(sleutel, None)

    def leeg(self) -> None:
        with self._lock:
            self._inhoud.clear()

    def __len__(self) -> int:
        return len(self._inhoud)


def bewaard(
    plaats: Bewaarplaats[T], modellen: Iterable[type[Model]], sleutel: tuple, bereken: Callable[[], T],
    *, stempel: str | None = ONGELEZEN,
) -> T:
    """``bereken()``, kept in ``plaats`` by database, input stamp, language and ``sleutel``: one query when kept.

    A result with a ``geldig_tot`` (a moment, e.g. when the next meeting starts) is computed afresh from then
    on. A caller that just read the stamp of the same models passes it as ``stempel``.
    """
    if stempel is ONGELEZEN:
        stempel = invoerstempel(modellen)
    if stempel is None:
        return bereken()
    volledig = (database_naam(), stempel, translation.get_language() or "", *sleutel)
    waarde = plaats.haal(volledig)
    if waarde is not None:
        geldig_tot = getattr(waarde, "geldig_tot", None)
        if geldig_tot is None or timezone.now() < geldig_tot:
            return waarde
    waarde = bereken()
    plaats.bewaar(volledig, waarde)
    return waarde


def database_naam() -> str:
    """The name of the current database, the first part of every key (tests and bench use several)."""
    return str(connection.settings_dict["NAME"])
