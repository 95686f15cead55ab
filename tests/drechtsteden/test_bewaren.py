"""The input stamp of kept computations changes with every added, saved or removed input row, in one query;
the kept-results store; amounts written fast and exactly as Django writes them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalities.models import Voortgangsrapportage
from drechtsteden.bewaren import Bewaarplaats, Bron, invoerstempel
from drechtsteden.models import Organisatie, Thema
from tests.coalities.factories import CoalitieFactory
from tests.factories import OrganisatieFactory, ThemaFactory

pytestmark = pytest.mark.django_db


def test_table_with_history_added_saved_and_removed():
    bronnen = [Bron(Organisatie)]
    voor = invoerstempel(bronnen)
    organisatie = OrganisatieFactory()
    toegevoegd = invoerstempel(bronnen)
    organisatie.naam = organisatie.naam + " (nieuw)"
    organisatie.save()
    opgeslagen = invoerstempel(bronnen)
    organisatie.delete()
    verwijderd = invoerstempel(bronnen)
    assert len({voor, toegevoegd, opgeslagen, verwijderd}) == 4
    assert invoerstempel(bronnen) == verwijderd  # nothing changed, nothing moves


def test_table_without_history_hashes_the_named_columns_only():
    thema = ThemaFactory()
    ThemaFactory()
    bronnen = [Bron(Thema, velden=("naam", "volgorde"))]
    voor = invoerstempel(bronnen)
    Thema.objects.filter(pk=thema.pk).update(omschrijving="Niet gelezen door de berekening")
    assert invoerstempel(bronnen) == voor
    Thema.objects.filter(pk=thema.pk).update(volgorde=thema.volgorde + 1)
    na = invoerstempel(bronnen)
    assert na != voor
    Thema.objects.filter(pk=thema.pk).delete()  # not the highest id: the count tells
    assert invoerstempel(bronnen) != na


def test_version_counter_of_a_table_without_history():
    coalitie = CoalitieFactory()
    rapportage = Voortgangsrapportage.objects.create(coalitie=coalitie, jaar=2026, kwartaal=3, status="kritiek", tekst="x")
    bronnen = [Bron(Voortgangsrapportage, teller="versie")]
    voor = invoerstempel(bronnen)
    Voortgangsrapportage.objects.filter(pk=rapportage.pk).update(versie=rapportage.versie + 1)
    assert invoerstempel(bronnen) != voor


def test_one_query_for_many_tables():
    bronnen = [Bron(Organisatie), Bron(Thema, velden=("naam",)), Bron(Voortgangsrapportage, teller="versie")]
    with CaptureQueriesContext(connection) as queries:
        invoerstempel(bronnen)
    assert len(queries) == 1


def test_store_forgets_the_least_recently_used():
    plaats: Bewaarplaats[str] = Bewaarplaats(maximum=2)
    plaats.bewaar("a", "A")
    plaats.bewaar("b", "B")
    assert plaats.haal("a") == "A"  # a is now the most recently used
    plaats.bewaar("c", "C")
    assert plaats.haal("b") is None and plaats.haal("a") == "A" and plaats.haal("c") == "C"
    assert len(plaats) == 2


def test_store_of_the_newest_stamp_drops_the_results_of_older_stamps_of_its_database():
    plaats: Bewaarplaats[str] = Bewaarplaats(maximum=10, alleen_nieuwste_stempel=True)
    plaats.bewaar(("db", "s1", "Dordrecht"), "oud")
    plaats.bewaar(("db", "s1", "Zwijndrecht"), "oud")
    plaats.bewaar(("andere", "s1", "Dordrecht"), "andere database")
    plaats.bewaar(("db", "s2", "Dordrecht"), "nieuw")
    assert plaats.haal(("db", "s1", "Dordrecht")) is None and plaats.haal(("db", "s1", "Zwijndrecht")) is None
    assert plaats.haal(("db", "s2", "Dordrecht")) == "nieuw"
    assert plaats.haal(("andere", "s1", "Dordrecht")) == "andere database"
    assert len(plaats) == 2


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_amounts_written_as_django_writes_them(taal):
    """`opmaak.getal` writes with Python's formatting and the language's separators: the same text as
    Django's number_format, also for negative amounts, rounding to zero and large sums."""
    import random
    from decimal import ROUND_HALF_UP, Decimal

    from django.utils import translation
    from django.utils.formats import number_format

    from drechtsteden.opmaak import euro, getal

    rng = random.Random(7)
    waarden = [Decimal(0), Decimal("-0"), Decimal("-0.004"), Decimal("0.005"), Decimal("999.995"), Decimal("1E+3"),
               Decimal("-1234567.891"), Decimal("123456789012.345"), 0, 12, -7]
    waarden += [Decimal(rng.randint(-10**9, 10**9)) / Decimal(10) ** rng.randint(0, 4) for _ in range(500)]
    with translation.override(taal):
        for waarde in waarden:
            for decimalen in (0, 1, 2):
                afgerond = Decimal(waarde).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
                assert getal(waarde, decimalen=decimalen) == number_format(afgerond, decimal_pos=decimalen, force_grouping=True)
        assert euro(Decimal("7500.5")) == ("€\u00a07.500,50" if taal == "nl" else "€\u00a07,500.50")
