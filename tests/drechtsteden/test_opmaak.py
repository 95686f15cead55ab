"""Money as people read it: "€" and its amount, and a sign and what follows it, never part at a line end."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from drechtsteden.opmaak import NBSP, euro, euro_verschil
from financiering.verdeling import bedrag_nl

D = Decimal


@pytest.mark.parametrize(("bedrag", "verwacht"), [
    (D("1234.56"), "€\u00a01.234,56"),
    (D("0"), "€\u00a00,00"),
    (D("1234567.8"), "€\u00a01.234.567,80"),
    (D("-1234.5"), "€\u00a0-1.234,50"),  # the portal's convention: the sign after "€", with the number
])
def test_euro_joins_the_sign_and_the_amount_with_a_no_break_space(bedrag, verwacht):
    """Every amount reads "€", a no-break space (U+00A0) and the number; there is no ordinary space in it."""
    assert NBSP == "\u00a0"
    assert euro(bedrag) == verwacht
    assert " " not in euro(bedrag)


def test_euro_without_cents_and_empty():
    """`decimalen=0` rounds half up to whole euros; no amount is an empty string."""
    assert euro(D("1234.5"), decimalen=0) == "€\u00a01.235"
    assert euro(None) == ""


@pytest.mark.parametrize(("verschil", "verwacht"), [
    (D("6666.67"), "+\u00a0€\u00a06.666,67"),
    (D("-10000"), "−\u00a0€\u00a010.000,00"),
    (D("0"), "€\u00a00,00"),
    (None, ""),
])
def test_euro_verschil_keeps_the_sign_with_the_amount(verschil, verwacht):
    """A difference has its sign in front, joined to "€" and the number: "+ € 6.666,67" on one line."""
    assert euro_verschil(verschil) == verwacht


def test_template_filters_write_the_no_break_space():
    """`|euro` and `|verschil` in a template give the same unbreakable text (not escaped into something else)."""
    html = Template("{% load humanize_nl financiering_tags %}{{ a|euro }} {{ b|verschil }}").render(
        Context({"a": D("250000"), "b": D("-12.5")}))
    assert html == "€\u00a0250.000,00 −\u00a0€\u00a012,50"


def test_english_pages_keep_the_no_break_space():
    """In English the separators change but "€" stays joined to the amount."""
    with translation.override("en"):
        assert euro(D("1234.56")).startswith("€\u00a0")


def test_the_engines_messages_join_the_amount_too():
    """The financing engine's own formatter (it imports no Django) writes amounts in messages the same way."""
    assert bedrag_nl(D("12500")) == euro(D("12500")) == "€\u00a012.500,00"


@pytest.mark.parametrize(("waarde", "argumenten", "nl", "en"), [
    (D("77.25"), {}, "77,3\u00a0%", "77.3\u00a0%"),  # one decimal, rounded half up
    (D("40.947563"), {"decimalen": 4}, "40,9476\u00a0%", "40.9476\u00a0%"),
    (D("37.50"), {"decimalen": 2, "kort": True}, "37,5\u00a0%", "37.5\u00a0%"),  # a key as adopted
    (D("50.00"), {"decimalen": 2, "kort": True}, "50\u00a0%", "50\u00a0%"),
    (D("1234.5"), {}, "1.234,5\u00a0%", "1,234.5\u00a0%"),
    (67.0, {"decimalen": 0}, "67\u00a0%", "67\u00a0%"),  # a chart's float
])
def test_procent_writes_the_languages_notation_with_a_no_break_space(waarde, argumenten, nl, en):
    """Percentages read the same everywhere (monitor, explanations, votes): the language's decimal sign and the
    "%" joined to the number, never "77,3%" next to "44,8 %" or a Dutch comma on an English page."""
    from drechtsteden.opmaak import procent

    with translation.override("nl"):
        assert procent(waarde, **argumenten) == nl
    with translation.override("en"):
        assert procent(waarde, **argumenten) == en
    assert procent(None) == ""


def test_procent_filter_takes_decimals_and_short_form():
    with translation.override("nl"):
        html = Template('{% load humanize_nl %}{{ a|procent }}|{{ a|procent:4 }}|{{ b|procent:"-2" }}|{{ c|procent }}').render(
            Context({"a": D("35"), "b": D("37.50"), "c": None}))
    assert html == "35,0\u00a0%|35,0000\u00a0%|37,5\u00a0%|"
