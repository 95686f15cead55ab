"""Dutch numbers, dates and years: what users type becomes the value they meant, or a Dutch message."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from drechtsteden.invoer import (
    BedragVeld,
    DatumVeld,
    JaarConverter,
    PercentageVeld,
    formatteer_decimaal,
    parse_decimaal,
    parse_jaar,
)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("7.500,50", Decimal("7500.50")),
        ("7500,50", Decimal("7500.50")),
        ("7500", Decimal("7500.00")),
        ("7.500", Decimal("7500.00")),
        ("300.000", Decimal("300000.00")),
        ("1.234.567,8", Decimal("1234567.80")),
        ("€ 7.500,50", Decimal("7500.50")),
        (" 7 500,50 ", Decimal("7500.50")),
        ("7500.50", Decimal("7500.50")),
        ("0,5", Decimal("0.50")),
        ("-12,5", Decimal("-12.50")),
        ("", None),
        ("   ", None),
    ],
)
def test_dutch_input_becomes_the_meant_decimal(tekst, verwacht):
    """Dutch notation (and an unambiguous decimal point) gives the amount the user meant."""
    assert parse_decimaal(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    ["7,500.50", "7.5000", "7.50.0", "1,2,3", "abc", "1e5", "1e999999999", "Infinity", "NaN", "7,5,0", "--5", "٣"],
)
def test_ambiguous_or_malformed_input_is_refused_in_dutch(tekst):
    """Input that could mean two things, or is no number, is refused rather than guessed."""
    with pytest.raises(ValidationError) as fout:
        parse_decimaal(tekst)
    assert fout.value.code == "ongeldig"
    assert "komma" in str(fout.value.messages[0])


def test_size_is_bounded_before_conversion():
    """A 5,000-digit number is refused on its length; too many digits or decimals get their own message."""
    with pytest.raises(ValidationError) as fout:
        parse_decimaal("9" * 5000)
    assert fout.value.code == "te_lang"
    with pytest.raises(ValidationError) as fout:
        parse_decimaal("12345678901234", max_cijfers=12)
    assert fout.value.code == "te_groot"
    with pytest.raises(ValidationError) as fout:
        parse_decimaal("7,505", decimalen=2)
    assert fout.value.code == "decimalen"
    assert parse_decimaal("7,500", decimalen=2) == Decimal("7.50")


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2))
def test_dutch_format_reads_back_to_the_same_amount(bedrag):
    """What the form shows back ("7.500,50") is read as the same amount."""
    assert parse_decimaal(formatteer_decimaal(bedrag)) == bedrag


class _Formulier(forms.Form):
    bedrag = BedragVeld(label="Bedrag")
    pct = PercentageVeld(label="Percentage", required=False)
    datum = DatumVeld(label="Datum", required=False)


@pytest.mark.parametrize("tekst", ["7.500,50", "7500,50"])
def test_bedrag_field_cleans_dutch_input(tekst):
    """The money field stores a Decimal to the cent from Dutch input."""
    form = _Formulier(data={"bedrag": tekst})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bedrag"] == Decimal("7500.50")


def test_bedrag_field_renders_as_text_with_decimal_keyboard_and_dutch_value():
    """The field is a text box with inputmode=decimal, showing the stored amount in Dutch notation."""
    html = str(_Formulier(initial={"bedrag": Decimal("7500.5")})["bedrag"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="7.500,50"' in html


@pytest.mark.parametrize(
    ("data", "veld", "stuk"),
    [
        ({"bedrag": "-1"}, "bedrag", "ten minste 0,00"),
        ({"bedrag": "10.000.000.000"}, "bedrag", "ten hoogste"),
        ({"bedrag": "1", "pct": "100,5"}, "pct", "ten hoogste 100,00"),
        ({"bedrag": "1", "datum": "9999-12-31"}, "datum", "tussen 2000 en 2100"),
        ({"bedrag": "1", "datum": "0001-01-01"}, "datum", "tussen 2000 en 2100"),
    ],
)
def test_out_of_range_is_refused_with_a_dutch_message(data, veld, stuk):
    """Values out of range are refused at their field with a Dutch message."""
    form = _Formulier(data=data)
    assert not form.is_valid()
    assert stuk in " ".join(form.errors[veld])


def test_date_field_accepts_dutch_typed_dates():
    """A date typed the Dutch way (31-12-2026) is accepted, as is the picker's ISO value."""
    for tekst in ("31-12-2026", "2026-12-31"):
        form = _Formulier(data={"bedrag": "1", "datum": tekst})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["datum"] == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("tekst", ["0", "1999", "2101", "99999999999999999999", "20a6", ""])
def test_years_outside_the_range_are_refused(tekst):
    """Years come from URLs and commands as text: only 2000–2100 pass."""
    with pytest.raises(ValidationError):
        parse_jaar(tekst)
    with pytest.raises(ValueError):
        JaarConverter().to_python(tekst)


def test_year_within_range():
    assert parse_jaar("2026") == 2026
    assert JaarConverter().to_url(2026) == "2026"
