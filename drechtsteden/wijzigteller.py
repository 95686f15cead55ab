"""A change number per table, kept by PostgreSQL triggers and raised when a write commits.

Kept computations and pages (`bewaren`) key their results by the numbers of the tables they read: a result
kept under the numbers read before it was computed is never older than those numbers say.

Why at commit: a number taken when a row is written (a sequence, a history id) can be overtaken. A reader
could see number 101 of a transaction that committed while number 100's transaction was still running, keep
what it read under 101, and keep it after 100 commits. So each write statement only notes its table in the
transaction (a statement trigger), and a deferred trigger raises the numbers of the noted tables when the
transaction commits, in the order of their names, so that two committing transactions never wait for each
other in a circle. Until then the transaction's own pending tables are in `PENDING`: a request that reads
what it just wrote, or a test inside one transaction, computes afresh (`stempel` gives None).

The triggers are installed on every table of the portal's own apps after each `migrate` (and `flush`, which
tests use), and the numbers of all tables are raised then, so data written by a migration counts too. On the embedded SQLite of `make run`
there are none: `stempel` gives None and nothing is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.models import Model

PENDING = "wijzigteller.tabellen"
VOLGNUMMER = "drechtsteden_wijzigteller_volgnummer"

# Columns whose writes change nothing any page or computation shows: signing in saves last_login.
NIET_GETELD = {"drechtsteden.Gebruiker": ("last_login",)}

_FUNCTIES = f"""
CREATE SEQUENCE IF NOT EXISTS {VOLGNUMMER};

CREATE OR REPLACE FUNCTION wijzigteller_noteer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lijst text := coalesce(current_setting('{PENDING}', true), '');
BEGIN
    IF position(' ' || TG_TABLE_NAME || ' ' IN lijst) = 0 THEN
        PERFORM set_config('{PENDING}', lijst || ' ' || TG_TABLE_NAME || ' ', true);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION wijzigteller_tel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lijst text := coalesce(current_setting('{PENDING}', true), '');
BEGIN
    IF lijst <> '' THEN
        PERFORM set_config('{PENDING}', '', true);
        INSERT INTO drechtsteden_wijzigteller AS w (tabel, teller)
        SELECT t.tabel, nextval('{VOLGNUMMER}')
        FROM (SELECT DISTINCT tabel FROM regexp_split_to_table(btrim(lijst), '\\s+') AS tabel ORDER BY tabel) AS t
        ON CONFLICT (tabel) DO UPDATE SET teller = excluded.teller;
    END IF;
    RETURN NULL;
END $$;
"""


def modellen() -> list[type[Model]]:
    """Every table of the portal's own apps (those in the project directory), history included."""
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table != "drechtsteden_wijzigteller"
    ]


def _gebeurtenissen(model: type[Model], q) -> str:
    niet = set(NIET_GETELD.get(model._meta.label, ()))
    if not niet:
        return "INSERT OR UPDATE OR DELETE"
    kolommen = [q(veld.column) for veld in model._meta.concrete_fields if veld.name not in niet]
    return f"INSERT OR DELETE OR UPDATE OF {', '.join(kolommen)}"


def installeer(using: str = "default") -> int:
    """(Re)creates the triggers on every table of the portal and raises every table's number; returns how
    many tables. Idempotent; run after each migrate."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    q = connection.ops.quote_name
    tabellen = []
    with connection.cursor() as cursor:
        cursor.execute(_FUNCTIES)
        for model in modellen():
            tabel = q(model._meta.db_table)
            gebeurtenissen = _gebeurtenissen(model, q)
            cursor.execute(
                f"DROP TRIGGER IF EXISTS wijzigteller_noteer ON {tabel};"
                f"DROP TRIGGER IF EXISTS wijzigteller_tel ON {tabel};"
                f"CREATE TRIGGER wijzigteller_noteer AFTER {gebeurtenissen} ON {tabel} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION wijzigteller_noteer();"
                f"CREATE CONSTRAINT TRIGGER wijzigteller_tel AFTER {gebeurtenissen} ON {tabel} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wijzigteller_tel();"
            )
            tabellen.append(model._meta.db_table)
        cursor.execute(
            f"INSERT INTO drechtsteden_wijzigteller AS w (tabel, teller) "
            f"SELECT t, nextval('{VOLGNUMMER}') FROM unnest(%s::text[]) AS t ORDER BY t "
            f"ON CONFLICT (tabel) DO UPDATE SET teller = excluded.teller",
            [sorted(tabellen)],
        )
    return len(tabellen)


# Within a request (between request_started and request_finished) the numbers of all tables and the
# transaction's pending tables are read once, at the first stamp asked for: what the request reads after it is
# at least as new, so it may be kept under them. A statement other than a SELECT (the request writes, or rolls
# back to a savepoint) has them read again, so that what the request wrote is never answered from what was
# kept before.
_verzoek = Local()


def verzoek_begint(**kwargs) -> None:
    _verzoek.nummers = {}


def verzoek_eindigt(**kwargs) -> None:
    _verzoek.nummers = None


def schrijven_wist_nummers(execute, sql, params, many, context):
    """An execute wrapper on every connection (see apps.py): a write forgets the numbers read in the request."""
    per_verzoek = getattr(_verzoek, "nummers", None)
    if per_verzoek and sql.lstrip(" \t\n(")[:6].upper() != "SELECT":  # "(SELECT …) UNION …" reads too
        per_verzoek.pop(context["connection"].alias, None)
    return execute(sql, params, many, context)


def stempel(tabellen: Iterable[type[Model]], using: str = "default") -> str | None:
    """The committed numbers of the tables, in one query (once per request); None where nothing may be kept:
    on SQLite, and while the current transaction has written to one of them and not yet committed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    namen = sorted({model._meta.db_table for model in tabellen})
    per_verzoek = getattr(_verzoek, "nummers", None)
    stand = per_verzoek.get(using) if per_verzoek is not None else None
    if stand is None or (stand[1] and not connection.in_atomic_block):  # pending tables, since committed
        stand = _lees(connection)
        if per_verzoek is not None:
            per_verzoek[using] = stand
    nummers, open_ = stand
    if open_.intersection(namen):
        return None
    return ",".join(f"{naam}:{nummers.get(naam, '-')}" for naam in namen)


def _lees(connection) -> tuple[dict[str, int], frozenset[str]]:
    """Every table's number, and the tables the current transaction wrote to and has not committed."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce(current_setting('{PENDING}', true), ''), array_agg(tabel), array_agg(teller) "
            "FROM drechtsteden_wijzigteller"
        )
        open_, tabellen, tellers = cursor.fetchone()
    return dict(zip(tabellen or (), tellers or ())), frozenset(open_.split())
