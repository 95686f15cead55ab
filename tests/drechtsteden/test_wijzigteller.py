"""The change numbers: raised by the database when a write to a table commits, whatever wrote it; never
overtaken by a transaction that commits later; no deadlock between transactions that write the same tables in
opposite order; on every table of the portal."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from drechtsteden import wijzigteller
from drechtsteden.models import Gebruiker, Organisatie, Thema
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory


@pytest.mark.django_db(transaction=True)
def test_every_committed_write_changes_the_stamp_and_nothing_else_does():
    thema = ThemaFactory()
    stempels = [wijzigteller.stempel([Thema])]

    def na(stap):
        stap()
        stempels.append(wijzigteller.stempel([Thema]))

    na(lambda: ThemaFactory(slug="tweede", naam="Tweede"))
    na(lambda: Thema.objects.filter(pk=thema.pk).update(omschrijving="Bijgewerkt in bulk"))
    na(lambda: thema.save())
    with connection.cursor() as cursor:
        na(lambda: cursor.execute("UPDATE drechtsteden_thema SET volgorde = volgorde + 1"))
    na(lambda: Thema.objects.filter(slug="tweede").delete())
    assert None not in stempels and len(set(stempels)) == len(stempels)

    voor = wijzigteller.stempel([Thema])
    Thema.objects.filter(pk=-1).update(naam="niets")  # no row
    OrganisatieFactory()  # another table
    assert wijzigteller.stempel([Thema]) == voor


@pytest.mark.django_db(transaction=True)
def test_signing_in_does_not_count_as_a_change_of_the_user():
    gebruiker = GebruikerFactory()
    voor = wijzigteller.stempel([Gebruiker])
    gebruiker.last_login = timezone.now()
    gebruiker.save(update_fields=["last_login"])
    assert wijzigteller.stempel([Gebruiker]) == voor
    gebruiker.first_name = "Anders"
    gebruiker.save()
    assert wijzigteller.stempel([Gebruiker]) != voor


@pytest.mark.django_db
def test_pending_writes_of_the_own_transaction_give_no_stamp_for_those_tables_only():
    assert wijzigteller.stempel([Thema]) is not None
    ThemaFactory()
    assert wijzigteller.stempel([Thema]) is None
    assert wijzigteller.stempel([Thema, Organisatie]) is None
    assert wijzigteller.stempel([Organisatie]) is not None


@pytest.mark.django_db
def test_one_query_for_many_tables():
    with CaptureQueriesContext(connection) as queries:
        wijzigteller.stempel([Thema, Organisatie, Gebruiker])
    assert len(queries) == 1


def _andere_verbinding():
    """A second connection to the test database, in its own transaction."""
    verbinding = connections.create_connection("default")
    verbinding.ensure_connection()
    verbinding.set_autocommit(False)
    verbinding.inc_thread_sharing()  # committed from a thread of its own
    return verbinding


@pytest.mark.django_db(transaction=True)
def test_a_write_that_commits_after_a_later_one_still_changes_the_stamp():
    """With an id or history id as stamp, a reader could see the later number first and keep what it read
    under it after the earlier transaction commits. The number is raised at commit, so each commit counts."""
    eerste, tweede = _andere_verbinding(), _andere_verbinding()
    try:
        with eerste.cursor() as cursor:
            cursor.execute("INSERT INTO drechtsteden_thema (slug, naam, omschrijving, volgorde) VALUES ('a', 'A', '', 1)")
        with tweede.cursor() as cursor:
            cursor.execute("INSERT INTO drechtsteden_thema (slug, naam, omschrijving, volgorde) VALUES ('b', 'B', '', 2)")
        tweede.commit()
        gelezen = wijzigteller.stempel([Thema])
        assert set(Thema.objects.values_list("slug", flat=True)) == {"b"}
        eerste.commit()
        assert wijzigteller.stempel([Thema]) != gelezen
        assert set(Thema.objects.values_list("slug", flat=True)) == {"a", "b"}
    finally:
        eerste.close()
        tweede.close()


@pytest.mark.django_db(transaction=True)
def test_a_commit_raises_its_tables_numbers_in_the_order_of_their_names():
    """So two transactions that wrote the same tables in opposite order never wait for each other in a circle
    at commit. Seen from outside: a transaction that wrote the thema table before the organisatie table, whose
    commit waits for the thema number (held by another), already holds the organisatie number."""
    import psycopg

    houder, schrijver, kijker = _andere_verbinding(), _andere_verbinding(), _andere_verbinding()
    fouten: list[BaseException] = []
    try:
        with houder.cursor() as cursor:
            cursor.execute("SELECT 1 FROM drechtsteden_wijzigteller WHERE tabel = 'drechtsteden_thema' FOR UPDATE")
        with schrijver.cursor() as cursor:
            cursor.execute("INSERT INTO drechtsteden_thema (slug, naam, omschrijving, volgorde) VALUES ('t', 'T', '', 1)")
            cursor.execute("INSERT INTO drechtsteden_organisatie (naam, soort, cbs_code, actief_van) "
                           "VALUES ('O', 'bedrijf', '', '2026-01-01')")

        def commit():
            try:
                schrijver.commit()
            except BaseException as exc:  # noqa: BLE001 - reported below
                fouten.append(exc)

        draad = threading.Thread(target=commit)
        draad.start()
        with kijker.cursor() as cursor:
            for _ in range(100):  # until the commit waits for the thema number
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %s",
                               [schrijver.connection.info.backend_pid])
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("de commit wachtte niet op het nummer van de thema-tabel")
            with pytest.raises(psycopg.errors.LockNotAvailable):
                cursor.connection.execute(
                    "SELECT 1 FROM drechtsteden_wijzigteller WHERE tabel = 'drechtsteden_organisatie' FOR UPDATE NOWAIT"
                )
        kijker.rollback()
        houder.rollback()
        draad.join(10)
    finally:
        for verbinding in (houder, schrijver, kijker):
            verbinding.close()
    assert not fouten
    assert Thema.objects.filter(slug="t").exists() and Organisatie.objects.filter(naam="O").exists()


@pytest.mark.django_db
def test_every_table_of_the_portal_has_both_triggers():
    tabellen = {model._meta.db_table for model in wijzigteller.modellen()}
    assert {"tafels_vergadering", "coalities_toezegging", "financiering_projectbudget",
            "coalities_historicaldeelname", "coalities_coalitie_afhankelijkheden"} <= tabellen
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, array_agg(t.tgname::text ORDER BY t.tgname) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'wijzigteller_%%' GROUP BY c.relname"
        )
        triggers = dict(cursor.fetchall())
    ontbreekt = {t for t in tabellen if triggers.get(t) != ["wijzigteller_noteer", "wijzigteller_tel"]}
    assert not ontbreekt


@pytest.mark.django_db
def test_installing_again_changes_every_number_and_keeps_one_pair_of_triggers():
    voor = wijzigteller.stempel([Thema, Organisatie])
    assert wijzigteller.installeer() == len(wijzigteller.modellen())
    na = wijzigteller.stempel([Thema, Organisatie])
    assert na != voor and na.count(",") == 1


@pytest.mark.django_db(transaction=True)
def test_within_a_request_the_numbers_are_read_once_until_it_writes():
    wijzigteller.verzoek_begint()
    try:
        with CaptureQueriesContext(connection) as queries:
            eerst = wijzigteller.stempel([Thema])
            assert wijzigteller.stempel([Thema, Organisatie]) == wijzigteller.stempel([Organisatie, Thema])
        assert len(queries) == 1
        with transaction.atomic():  # until it writes, and then with its own pending writes
            assert wijzigteller.stempel([Thema]) == eerst
            ThemaFactory()
            assert wijzigteller.stempel([Thema]) is None
    finally:
        wijzigteller.verzoek_eindigt()
    assert wijzigteller.stempel([Thema]) != eerst  # outside a request: read afresh


@pytest.mark.django_db(transaction=True)
def test_both_ways_of_reading_give_the_same_stamp():
    ThemaFactory()
    buiten = wijzigteller.stempel([Thema, Organisatie, Gebruiker])
    wijzigteller.verzoek_begint()
    try:
        assert wijzigteller.stempel([Thema, Organisatie, Gebruiker]) == buiten
    finally:
        wijzigteller.verzoek_eindigt()


@pytest.mark.django_db(transaction=True)
def test_a_request_that_writes_reads_the_numbers_again():
    """An htmx form that saves and then shows the saved list again must not be answered from what was kept."""
    wijzigteller.verzoek_begint()
    try:
        eerst = wijzigteller.stempel([Thema])
        ThemaFactory()  # committed at once (autocommit)
        with CaptureQueriesContext(connection) as queries:
            na = wijzigteller.stempel([Thema])
            assert wijzigteller.stempel([Organisatie]) is not None
        assert na != eerst and len(queries) == 1
        with connection.cursor() as cursor:  # a read, also when it starts with a parenthesis
            cursor.execute("(SELECT 1) UNION ALL (SELECT 2)")
            cursor.execute(" select 1")
        with CaptureQueriesContext(connection) as queries:
            assert wijzigteller.stempel([Thema]) == na
        assert len(queries) == 0
    finally:
        wijzigteller.verzoek_eindigt()
