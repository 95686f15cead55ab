"""The kept-results store and `bewaard`; amounts written fast and exactly as Django writes them. The stamp
itself is tested in test_wijzigteller.py."""

import datetime

import pytest
from django.utils import timezone, translation

from drechtsteden import bewaren
from drechtsteden.bewaren import Bewaarplaats
from drechtsteden.models import Organisatie, Thema
from tests.factories import OrganisatieFactory, ThemaFactory


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


class _Telling:
    """A computation that says how many times it ran."""

    def __init__(self):
        self.keer = 0

    def __call__(self):
        self.keer += 1
        return {"keer": self.keer}


class _Uitkomst(dict):
    """A result valid until ``geldig_tot``."""

    def __init__(self, waarden, geldig_tot):
        super().__init__(waarden)
        self.geldig_tot = geldig_tot


@pytest.mark.django_db(transaction=True)
def test_kept_until_a_write_to_one_of_its_tables_commits_per_language_and_key(django_assert_num_queries):
    plaats: Bewaarplaats[dict] = Bewaarplaats(maximum=8)
    telling = _Telling()
    ThemaFactory()
    with django_assert_num_queries(1):  # the stamp; computed
        assert bewaren.bewaard(plaats, [Thema], ("a",), telling)["keer"] == 1
    with django_assert_num_queries(1):  # the stamp; kept
        assert bewaren.bewaard(plaats, [Thema], ("a",), telling)["keer"] == 1
    assert bewaren.bewaard(plaats, [Thema], ("b",), telling)["keer"] == 2  # another key
    with translation.override("en"):
        assert bewaren.bewaard(plaats, [Thema], ("a",), telling)["keer"] == 3  # another language
    OrganisatieFactory()  # not one of its tables
    assert bewaren.bewaard(plaats, [Thema], ("a",), telling)["keer"] == 1
    ThemaFactory()
    assert bewaren.bewaard(plaats, [Thema], ("a",), telling)["keer"] == 4
    assert bewaren.bewaard(plaats, [Thema, Organisatie], ("a",), telling)["keer"] == 5


@pytest.mark.django_db(transaction=True)
def test_a_result_with_a_validity_is_computed_afresh_when_it_has_passed():
    plaats: Bewaarplaats[dict] = Bewaarplaats(maximum=8)
    telling = _Telling()

    def bereken():
        return _Uitkomst(telling(), geldig_tot=moment)

    moment = timezone.now() + datetime.timedelta(hours=1)
    assert bewaren.bewaard(plaats, [Thema], (), bereken)["keer"] == 1
    assert bewaren.bewaard(plaats, [Thema], (), bereken)["keer"] == 1
    moment = timezone.now() - datetime.timedelta(seconds=1)
    plaats.leeg()
    assert bewaren.bewaard(plaats, [Thema], (), bereken)["keer"] == 2  # stored, but already past
    assert bewaren.bewaard(plaats, [Thema], (), bereken)["keer"] == 3


@pytest.mark.django_db
def test_nothing_is_kept_while_the_own_transaction_has_written_to_its_tables():
    """A request that reads what it just wrote (and every test inside one transaction) computes afresh."""
    plaats: Bewaarplaats[dict] = Bewaarplaats(maximum=8)
    telling = _Telling()
    assert bewaren.bewaard(plaats, [Thema], (), telling)["keer"] == 1
    assert bewaren.bewaard(plaats, [Thema], (), telling)["keer"] == 1
    ThemaFactory()
    assert bewaren.bewaard(plaats, [Thema], (), telling)["keer"] == 2
    assert bewaren.bewaard(plaats, [Thema], (), telling)["keer"] == 3
    assert len(plaats) == 1


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
