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
    DatumTijdVeld,
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


def test_datumtijdveld_bounds_the_moment_and_reads_dutch_input():
    """The date-and-time field reads the picker's value and a typed Dutch moment, and refuses year 1 or 9999."""
    veld = DatumTijdVeld()
    assert veld.clean("2027-03-11T14:00").hour == 14
    assert veld.clean("11-03-2027 14:00").date() == datetime.date(2027, 3, 11)
    for waarde in ("9999-12-31T23:00", "0001-01-01T00:00", "2101-01-01T00:00", "x" * 100, "2027-13-01T10:00"):
        with pytest.raises(ValidationError):
            veld.clean(waarde)


def test_every_date_and_year_a_person_enters_is_bounded_on_the_model():
    """Every editable date, datetime and year field of every model refuses values outside 2000–2100,
    so an admin form, an import or a service cannot store year 1 or 9999 either."""
    from django.apps import apps
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.db import models

    from drechtsteden.invoer import valideer_datum, valideer_jaar

    onbegrensd = []
    for model in apps.get_models():
        if model._meta.app_label not in {"drechtsteden", "tafels", "coalities", "regiekamer", "financiering"}:
            continue
        for veld in model._meta.concrete_fields:
            if (
                not veld.editable
                or getattr(veld, "auto_now", False)
                or getattr(veld, "auto_now_add", False)
                or veld.name in {"history_date", "last_login", "date_joined"}  # set by the system, never entered
            ):
                continue
            if isinstance(veld, models.DateField):  # DateTimeField too
                if valideer_datum not in veld.validators:
                    onbegrensd.append(f"{model.__name__}.{veld.name}")
            elif isinstance(veld, models.IntegerField) and veld.name == "jaar":
                grenzen = {(type(v), getattr(v, "limit_value", None)) for v in veld.validators}
                if valideer_jaar not in veld.validators and not {
                    (MinValueValidator, 2000), (MaxValueValidator, 2100)
                } <= grenzen:
                    onbegrensd.append(f"{model.__name__}.{veld.name}")
    assert onbegrensd == []
