"""Input as Dutch users type it: amounts, quantities, dates and years, bounded before use.

The one place where text from a form, an import file, a URL or a command becomes a number or a date.
Amounts are read the Dutch way ("7.500,50", "7500,50", "7500"); input that could mean two things
("7,500.50", "7.5000") is refused with a message instead of guessed. Every value is bounded in
length and size *before* it is converted, so "1e999999999" or a 5,000-digit number never reaches
`Decimal` arithmetic. Dates and years lie between 2000 and 2100.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .grenzen import BEDRAG_CIJFERS, BEDRAG_MAX, JAAR_MAX, JAAR_MIN, MAX_TEKENS

DATUM_MIN = datetime.date(JAAR_MIN, 1, 1)
DATUM_MAX = datetime.date(JAAR_MAX, 12, 31)

# Dutch: thousands in groups of three with dots, decimals after a comma: 7.500,50 / 7500,50 / 7500 / 7.500
_NEDERLANDS = re.compile(r"^(?P<heel>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?$", re.ASCII)
# A single dot followed by one or two digits cannot be a thousands separator: 7500.5 / 7500.50
_PUNT_DECIMAAL = re.compile(r"^(?P<heel>\d+)\.(?P<dec>\d{1,2})$", re.ASCII)
_SPATIES = re.compile(r"[\s\u00a0\u202f]")


def parse_decimaal(
    tekst: str | int | Decimal | None,
    *,
    decimalen: int = 2,
    max_cijfers: int = 12,
) -> Decimal | None:
    """The Decimal a Dutch user meant by `tekst`, or a ValidationError with a Dutch message.

    `max_cijfers` bounds the digits before the decimal comma, `decimalen` the digits after it.
    Empty input gives None. A euro sign and spaces are ignored.
    """
    if tekst is None:
        return None
    if isinstance(tekst, Decimal | int) and not isinstance(tekst, bool):
        tekst = format(Decimal(tekst), "f") if isinstance(tekst, Decimal) else str(tekst)
    if not isinstance(tekst, str):
        raise ValidationError(_("Voer een getal in, bijvoorbeeld 7.500,50."), code="ongeldig")
    if len(tekst) > MAX_TEKENS * 2:
        raise ValidationError(_("Dit getal is te lang."), code="te_lang")
    schoon = _SPATIES.sub("", tekst).removeprefix("€").removesuffix("€")
    if not schoon:
        return None
    if len(schoon) > MAX_TEKENS:
        raise ValidationError(_("Dit getal is te lang."), code="te_lang")
    negatief = schoon.startswith("-")
    if negatief:
        schoon = schoon[1:]
    match = _NEDERLANDS.match(schoon) or _PUNT_DECIMAAL.match(schoon)
    if not match:
        raise ValidationError(
            _("Voer een getal in zoals 7.500,50 of 7500,50: een komma voor de decimalen, eventueel punten voor de duizendtallen."),
            code="ongeldig",
        )
    heel = match["heel"].replace(".", "").lstrip("0") or "0"
    dec = match["dec"] or ""
    if len(heel) > max_cijfers:
        raise ValidationError(
            _("Dit getal is te groot: ten hoogste %(aantal)s cijfers voor de komma.") % {"aantal": max_cijfers},
            code="te_groot",
        )
    if len(dec.rstrip("0")) > decimalen:
        if decimalen == 0:
            raise ValidationError(_("Voer een heel getal in, zonder decimalen."), code="decimalen")
        raise ValidationError(
            _("Ten hoogste %(aantal)s cijfers na de komma.") % {"aantal": decimalen}, code="decimalen"
        )
    try:
        waarde = Decimal(f"{'-' if negatief else ''}{heel}.{dec or '0'}")
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        raise ValidationError(_("Voer een geldig getal in."), code="ongeldig") from None
    return waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def formatteer_decimaal(waarde: Decimal | int | None, decimalen: int = 2) -> str:
    """A number in Dutch notation for an input field or a CSV cell: 7.500,50. Empty for None."""
    if waarde is None or waarde == "":
        return ""
    tekst = f"{Decimal(waarde):,.{decimalen}f}"  # 7,500.50 in Python's notation
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def valideer_datum(waarde: datetime.date | datetime.datetime | None) -> None:
    """Refuses a date outside 2000–2100 (a typo such as 0001 or 9999 would break pages and feeds)."""
    if waarde is None:
        return
    datum = waarde.date() if isinstance(waarde, datetime.datetime) else waarde
    if not DATUM_MIN <= datum <= DATUM_MAX:
        raise ValidationError(
            _("Kies een datum tussen %(van)s en %(tot)s.") % {"van": JAAR_MIN, "tot": JAAR_MAX}, code="datum_bereik"
        )


def valideer_jaar(waarde: int | None) -> None:
    """Refuses a year outside 2000–2100."""
    if waarde is not None and not JAAR_MIN <= waarde <= JAAR_MAX:
        raise ValidationError(
            _("Kies een jaar tussen %(van)s en %(tot)s.") % {"van": JAAR_MIN, "tot": JAAR_MAX}, code="jaar_bereik"
        )


def parse_jaar(tekst: str | int | None) -> int:
    """A year from a URL, a command or a file: digits only, 2000–2100, else a Dutch ValidationError."""
    tekst = str(tekst if tekst is not None else "").strip()
    if not re.fullmatch(r"[0-9]{4}", tekst):
        raise ValidationError(
            _("Kies een jaar tussen %(van)s en %(tot)s.") % {"van": JAAR_MIN, "tot": JAAR_MAX}, code="jaar_bereik"
        )
    jaar = int(tekst)
    valideer_jaar(jaar)
    return jaar


def parse_geheel_getal(tekst: str | int | None, *, minimum: int = 0, maximum: int = 2**31 - 1) -> int:
    """A whole number from a query string or a hidden field (an id, a version): ASCII digits only, bounded
    before conversion; anything else is a ValidationError with a Dutch message."""
    tekst = str(tekst if tekst is not None else "").strip()
    if not re.fullmatch(r"-?[0-9]{1,10}", tekst) or not minimum <= int(tekst) <= maximum:
        raise ValidationError(_("Voer een geheel getal in."), code="ongeldig")
    return int(tekst)


# --- Form fields --------------------------------------------------------------------------------


class DecimaalInput(forms.TextInput):
    """A text box with the phone's numeric keyboard; never type=number (it drops the decimal comma)."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})


class DecimaalVeld(forms.Field):
    """A Dutch number: "7.500,50", "7500,50" or "7500"; cleaned to a Decimal, shown back in Dutch."""

    widget = DecimaalInput
    default_error_messages = {
        "min_value": _("Vul een waarde in van ten minste %(limit_value)s."),
        "max_value": _("Vul een waarde in van ten hoogste %(limit_value)s."),
    }

    def __init__(
        self,
        *,
        decimalen: int = 2,
        max_cijfers: int = 10,
        min_value: Decimal | int | None = None,
        max_value: Decimal | int | None = None,
        **kwargs,
    ) -> None:
        self.decimalen = decimalen
        self.max_cijfers = max_cijfers
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return formatteer_decimaal(value, self.decimalen)
        return value

    def to_python(self, value) -> Decimal | None:
        return parse_decimaal(value, decimalen=self.decimalen, max_cijfers=self.max_cijfers)

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit_value": formatteer_decimaal(self.min_value, self.decimalen)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": formatteer_decimaal(self.max_value, self.decimalen)},
            )

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != (None if initial in (None, "") else Decimal(str(initial)))
        except (ValidationError, InvalidOperation):
            return True


class BedragVeld(DecimaalVeld):
    """An amount in euros, to the cent, from € 0 up to (not including) € 10 billion."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", BEDRAG_MAX)
        super().__init__(decimalen=2, max_cijfers=BEDRAG_CIJFERS, **kwargs)


class PercentageVeld(DecimaalVeld):
    """A percentage from 0 to 100 with at most two decimals: "37,5"."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("100"))
        super().__init__(decimalen=2, max_cijfers=3, **kwargs)


class DatumInput(forms.DateInput):
    """A native date picker; the value in ISO form, as the browser expects it."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DatumVeld(forms.DateField):
    """A date between 2000 and 2100, from the date picker or typed the Dutch way (31-12-2026)."""

    widget = DatumInput
    input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
    default_validators = [valideer_datum]

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_TEKENS:
            raise ValidationError(_("Vul een geldige datum in, bijvoorbeeld 31-12-2026."), code="invalid")
        return super().to_python(value)


class DatumTijdInput(forms.DateTimeInput):
    """A native date-and-time picker (datetime-local); the value as the browser expects it."""

    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DatumTijdVeld(forms.DateTimeField):
    """A moment between 2000 and 2100, from the date-and-time picker or typed as 31-12-2026 14:30."""

    widget = DatumTijdInput
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M"]
    default_validators = [valideer_datum]

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_TEKENS:
            raise ValidationError(_("Vul een geldige datum en tijd in, bijvoorbeeld 31-12-2026 14:30."), code="invalid")
        try:
            return super().to_python(value)
        except OverflowError:  # 9999-12-31T23:00 in a zone ahead of UTC lies past datetime.max
            raise ValidationError(
                _("Kies een datum tussen %(van)s en %(tot)s.") % {"van": JAAR_MIN, "tot": JAAR_MAX}, code="datum_bereik"
            ) from None


class TijdInput(forms.TimeInput):
    """A native time picker; the value as the browser expects it (14:30)."""

    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


class TijdVeld(forms.TimeField):
    """A time of day from the time picker or typed the Dutch way: 14:30, 14.30 or 9:05."""

    widget = TijdInput
    input_formats = ["%H:%M", "%H.%M", "%H:%M:%S"]

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_TEKENS:
            raise ValidationError(_("Vul een tijd in, bijvoorbeeld 14:30."), code="invalid")
        return super().to_python(value)


class JaarVeld(forms.IntegerField):
    """A year between 2000 and 2100."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", JAAR_MIN)
        kwargs.setdefault("max_value", JAAR_MAX)
        super().__init__(**kwargs)


class JaarConverter:
    """URL part `<jaar:jaar>`: four digits, 2000–2100; anything else is a 404, never a 500."""

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        try:
            return parse_jaar(value)
        except ValidationError:
            raise ValueError(value) from None

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


# --- Model forms and the admin --------------------------------------------------------------------


def _is_jaarveld(db_field) -> bool:
    from django.db import models

    return isinstance(db_field, models.IntegerField) and (db_field.name == "jaar" or db_field.name.startswith("jaar_"))


def formfield_voor(db_field, **kwargs) -> forms.Field | None:
    """The Dutch input field for a model field: DecimalField -> DecimaalVeld bounded by the field's digits
    and validators (never more than ten digits before the comma), a year (`jaar`, `jaar_*`) -> JaarVeld,
    DateField -> DatumVeld. None for every other field."""
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.db import models
    from django.utils.text import capfirst

    if db_field.choices or not (
        isinstance(db_field, models.DecimalField | models.DateField) or _is_jaarveld(db_field)
    ) or isinstance(db_field, models.DateTimeField):
        return None
    defaults = {"label": capfirst(db_field.verbose_name), "required": not db_field.blank, "help_text": db_field.help_text}
    if db_field.has_default():
        defaults["initial"] = db_field.get_default()
    defaults |= {k: v for k, v in kwargs.items() if k in ("label", "required", "help_text", "initial", "widget")}
    if isinstance(db_field, models.DecimalField):
        for validator in db_field.validators:
            if isinstance(validator, MinValueValidator):
                defaults["min_value"] = validator.limit_value
            elif isinstance(validator, MaxValueValidator):
                defaults["max_value"] = validator.limit_value
        return DecimaalVeld(
            decimalen=db_field.decimal_places,
            max_cijfers=min(db_field.max_digits - db_field.decimal_places, BEDRAG_CIJFERS),
            **defaults,
        )
    if isinstance(db_field, models.DateField):
        defaults.pop("widget", None)
        return DatumVeld(**defaults)
    defaults.pop("widget", None)
    return JaarVeld(**defaults)


def formfield_callback(db_field, **kwargs) -> forms.Field | None:
    """`Meta.formfield_callback` of a ModelForm: Dutch number, year and date fields, Django's for the rest."""
    return formfield_voor(db_field, **kwargs) or db_field.formfield(**kwargs)


class NederlandseInvoerAdmin:
    """Mix into a ModelAdmin or inline: amounts, percentages, weights and years typed the Dutch way."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return formfield_voor(db_field) or super().formfield_for_dbfield(db_field, request, **kwargs)
