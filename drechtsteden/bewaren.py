"""Computed figures kept per process until one of their inputs changes.

Some pages show figures that cost hundreds of milliseconds or seconds to compute (the allocation of a
year, the samenwerkingsmonitor over four periods) while their inputs change a few times a day. Such a
computation names its input tables as `Bron`s; `invoerstempel(bronnen)` reads in one query a stamp that
changes whenever a row of any of them is added, removed or saved, and a `Bewaarplaats` keeps the latest
results of this process by that stamp. A request whose stamp matches a kept result pays one query.

Per table the stamp holds:
- the highest id (every added row);
- for a table with history (django-simple-history): the highest history id, as every save and delete
  through the ORM, a service or the admin leaves a history row;
- for a table without history: the number of rows (a removed row) and, for a row saved in place, the
  sum of a version column that every save raises (`teller`) or else a hash of the columns the
  computation reads (`velden`).

A `QuerySet.update()` leaves no history row, so on a table with history it must be followed by a `save()`
of the row (as the services' version checks do); `tests/test_architectuur.py` checks that no code outside
the demo data updates such a table of a kept computation in bulk.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import psycopg
from django.db import connection
from django.db.models import Model

T = TypeVar("T")


@dataclass(frozen=True)
class Bron:
    """One input table of a kept computation, and the columns read from it that change in place."""

    model: type[Model]
    velden: tuple[str, ...] = ()
    # A version column that every save raises by one (optimistic locking): its sum is cheaper than a hash.
    teller: str | None = None

    @property
    def heeft_historie(self) -> bool:
        return hasattr(self.model, "history") and hasattr(self.model.history, "model")

    def sql(self) -> str:
        """One scalar subquery per table (two with history), each a single pass."""
        q = connection.ops.quote_name
        tabel = q(self.model._meta.db_table)
        pk = q(self.model._meta.pk.column)
        if self.heeft_historie:
            historie = q(self.model.history.model._meta.db_table)
            return (f"(SELECT COALESCE(MAX({pk}), 0) FROM {tabel}) || '-' || "
                    f"(SELECT COALESCE(MAX(history_id), 0) FROM {historie})")
        delen = ["COUNT(*)", f"COALESCE(MAX({pk}), 0)"]
        if self.teller:
            delen.append(f"COALESCE(SUM({q(self.model._meta.get_field(self.teller).column)}), 0)")
        if self.velden:
            kolommen = [pk] + [q(self.model._meta.get_field(veld).column) for veld in self.velden]
            rij = " || '|' || ".join(f"COALESCE(CAST({k} AS text), '~')" for k in kolommen)
            if connection.vendor == "postgresql":
                # A 64-bit hash per row (its id included), summed: no long string is built and sorted.
                delen.append(f"COALESCE(SUM(hashtextextended({rij}, 0)), 0)")
            else:  # the embedded SQLite of `make run`: the rows themselves
                delen.append(f"COALESCE(group_concat({rij}, ','), '')")
        return "(SELECT " + " || '-' || ".join(delen) + f" FROM {tabel})"


@functools.lru_cache(maxsize=32)
def _stempel_sql(bronnen: tuple[Bron, ...], vendor: str) -> str:
    return "SELECT " + " || ':' || ".join(bron.sql() for bron in bronnen)


def invoerstempel(bronnen: Iterable[Bron]) -> str:
    """Changes whenever a row of one of the tables is added, removed or saved: one query."""
    with _cursor() as cursor:
        cursor.execute(_stempel_sql(tuple(bronnen), connection.vendor))
        return cursor.fetchone()[0]


class _Voorbereid(psycopg.Cursor):
    """A psycopg cursor that has each statement prepared once per connection, then only executed."""

    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True)


def _cursor():
    """On PostgreSQL a cursor whose statements are prepared: planning the stamp's dozens of subqueries took
    1.5 ms, running it 0.5 ms. Wrapped like Django's own cursors, so that the query is logged and counted as
    any other."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    ruw = _Voorbereid(connection.connection)
    return connection.make_debug_cursor(ruw) if connection.queries_logged else connection.make_cursor(ruw)


_alle: list[Bewaarplaats] = []


def alles_vergeten() -> None:
    """Empties every store of this process (a test that changes inputs behind the ORM's back uses it)."""
    for plaats in _alle:
        plaats.leeg()


class Bewaarplaats(Generic[T]):
    """The latest computed results of this process by key (least recently used out).

    Kept in memory rather than in Redis: the results hold many model instances and unpickling them
    would cost about as much as reading them again. Callers put the database name and an
    `invoerstempel` in the key, so a changed input never meets an old result. The results are shared
    between requests and threads: read them, never change them.
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


def database_naam() -> str:
    """The name of the current database, the first part of every key (tests and bench use several)."""
    return str(connection.settings_dict["NAME"])
