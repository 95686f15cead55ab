"""Database expressions that work on PostgreSQL (production, CI) and on the embedded SQLite of `make run`."""

from __future__ import annotations

import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Aggregate, BooleanField, F, Field, Func, OuterRef, QuerySet, Subquery
from django.db.models.lookups import In


class _Lijst(Field):
    """A list of values as the database returns it: an array from PostgreSQL, JSON text from SQLite."""

    def get_internal_type(self) -> str:
        return "IdLijst"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        return json.loads(value) if isinstance(value, str) else value


class IdLijst(Aggregate):
    """The distinct non-null values of an expression per group, as a list (empty for none): ``ARRAY_AGG`` on
    PostgreSQL, ``JSON_GROUP_ARRAY`` on SQLite."""

    function = "ARRAY_AGG"
    template = "%(function)s(DISTINCT %(expressions)s) FILTER (WHERE %(expressions)s IS NOT NULL)"
    output_field = _Lijst()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="JSON_GROUP_ARRAY",
            template="%(function)s(DISTINCT %(expressions)s) FILTER (WHERE %(expressions)s IS NOT NULL)",
            **extra_context,
        )


class IsEenVan(Func):
    """``veld = ANY(ARRAY(subquery))``: PostgreSQL looks the values up by the field's index, where a join or
    ``IN (subquery)`` made it read the whole table (all agenda items, to find those of one table's meetings).
    ``veld IN (subquery)`` on SQLite, which has no arrays."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()

    def __init__(self, veld: str, waarden: QuerySet) -> None:
        super().__init__(F(veld), ArraySubquery(waarden.order_by()))

    def as_sqlite(self, compiler, connection, **extra_context):
        veld, waarden = self.get_source_expressions()
        return In(veld, waarden.query).as_sql(compiler, connection)


def nieuwste_per(queryset: QuerySet, groep: str, *volgorde: str) -> QuerySet:
    """The first row of ``queryset`` per value of ``groep`` in the order ``volgorde`` (e.g. a coalition's latest
    report): ``DISTINCT ON`` on PostgreSQL; on SQLite the rows that are the first of their group."""
    if connections[queryset.db].features.can_distinct_on_fields:
        return queryset.order_by(groep, *volgorde).distinct(groep)
    eerste = queryset.filter(**{groep: OuterRef(groep)}).order_by(*volgorde).values("pk")[:1]
    return queryset.filter(pk=Subquery(eerste)).order_by(groep)


def samen(*querysets: QuerySet) -> list:
    """The rows of several limited querysets: one ``UNION ALL`` where the database allows a limit inside it
    (PostgreSQL), else one query each (SQLite). A union's order is not kept: sort the rows afterwards."""
    eerste, *rest = querysets
    if connections[eerste.db].features.supports_slicing_ordering_in_compound:
        return list(eerste.union(*rest, all=True))
    return [rij for queryset in querysets for rij in queryset]
