"""How the portal writes values for people: money, counts, dates and history lines. Templates, services and exports use this.

Dutch readers' notation for the portal's language, whatever it is (the template filters in
`templatetags/humanize_nl.py` call these functions).
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Field
from django.utils import dateformat, formats, timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.formats import get_format, number_format


def aantal(value: int | None) -> str:
    """A whole number with thousands separators: 121.000 (nl) or 121,000 (en)."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=0, force_grouping=True)


# A no-break space (U+00A0): "€" and its amount, or a sign and what follows it, never part at the end of a line.
# Browsers, WeasyPrint and mail readers all honour it; spreadsheets never see it (their money columns are numbers).
NBSP = "\u00a0"


def euro(value: Decimal | None, *, decimalen: int = 2) -> str:
    """An amount in euros, to the cent unless asked otherwise: € 1.234,56 (or € 1.235 with ``decimalen=0``).

    The euro sign is joined to the amount by a no-break space, so it never wraps onto a line of its own. A
    negative amount reads € -1.234,56; a hyphen-minus before a digit is no place to break a line either.
    """
    if value is None:
        return ""
    return "€" + NBSP + getal(value, decimalen=decimalen)


def euro_verschil(value: Decimal | None) -> str:
    """A difference in euros with its sign in front, unbreakable: + € 1.234,56, − € 1.234,56 or € 0,00."""
    if value is None:
        return ""
    if value > 0:
        return "+" + NBSP + euro(value)
    if value < 0:
        return "−" + NBSP + euro(-value)
    return euro(value)


@functools.lru_cache(maxsize=16)
def _scheidingstekens(taal: str) -> dict[int, str] | None:
    """Python's "1,234.50" to the language's notation, or None when it groups other than per three digits."""
    if get_format("NUMBER_GROUPING") != 3:
        return None
    return str.maketrans({",": get_format("THOUSAND_SEPARATOR"), ".": get_format("DECIMAL_SEPARATOR")})


def getal(value: Decimal | int | None, *, decimalen: int = 2) -> str:
    """A number rounded half up to ``decimalen`` decimals, with thousands separators: 1.234,50 (nl).

    The same text as Django's ``number_format(..., force_grouping=True)``, written by Python's own
    formatting with the language's separators: a page with hundreds of amounts spent a fifth of its
    time in Django's per-call format lookups.
    """
    if value is None:
        return ""
    afgerond = Decimal(value).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    tekens = _scheidingstekens(translation.get_language() or "")
    if tekens is None:
        return number_format(afgerond, decimal_pos=decimalen, force_grouping=True)
    if not afgerond:
        afgerond = abs(afgerond)  # no "-0,00", as Django writes it
    return format(afgerond, f",.{decimalen}f").translate(tekens)


def procent(value: Decimal | float | int | None, *, decimalen: int = 1, kort: bool = False) -> str:
    """A percentage in the language's notation, joined to its sign by a no-break space: 77,3 % (nl), 77.3 % (en).

    ``kort`` drops trailing zeros after rounding (a key or cap as adopted: 37,5 %, 50 %).
    """
    if value is None:
        return ""
    tekst = getal(Decimal(str(value)) if isinstance(value, float) else value, decimalen=decimalen)
    if kort and decimalen > 0:
        scheiding = get_format("DECIMAL_SEPARATOR")
        tekst = tekst.rstrip("0").removesuffix(scheiding)
    return tekst + NBSP + "%"


def datum(value: datetime.date | None) -> str:
    """A date as a history line or a message writes it: 1 maart 2026."""
    if value is None:
        return ""
    return formats.date_format(value, "j F Y")


# The pieces of a date format that `als_date_filter` writes itself; any other format character goes to Django.
_DATUMDELEN = {
    "j": lambda d: str(d.day),
    "d": lambda d: "%02d" % d.day,
    "n": lambda d: str(d.month),
    "m": lambda d: "%02d" % d.month,
    "Y": lambda d: "%04d" % d.year,
    "H": lambda d: "%02d" % d.hour,
    "G": lambda d: str(d.hour),
    "i": lambda d: "%02d" % d.minute,
}


@functools.lru_cache(maxsize=64)
def _datumopmaak(formaat: str, taal: str, tijd: bool):
    """The pieces of ``formaat`` as functions of a date, for one language (month and day names translated
    once), or None when the format has a character this module does not write itself or a time of day."""
    maanden = {nummer: str(naam) for nummer, naam in MONTHS.items()}
    dagen = {nummer: str(naam) for nummer, naam in WEEKDAYS.items()}
    delen = []
    for i, deel in enumerate(dateformat.re_formatchars.split(formaat)):
        if i % 2:
            if deel == "F":
                delen.append(lambda d: maanden[d.month])
            elif deel == "l":
                delen.append(lambda d: dagen[d.weekday()])
            elif deel in _DATUMDELEN and (tijd or deel not in "HGi"):
                delen.append(_DATUMDELEN[deel])
            else:
                return None
        elif deel:
            tekst = dateformat.re_escaped.sub(r"\1", deel)
            delen.append(lambda d, tekst=tekst: tekst)
    return delen


def als_date_filter(value: datetime.date | datetime.datetime | None, formaat: str) -> str:
    """``value|date:formaat`` as a template writes it (a datetime in the local time zone, names in the
    language of the request), for pages that write many dates in Python: Django looks the format and
    the names up again for every date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    delen = _datumopmaak(formaat, translation.get_language() or "", isinstance(value, datetime.datetime))
    if delen is None:  # as Django writes it, or refuses a time of day of a date
        return formats.date_format(value, formaat)
    return "".join(deel(value) for deel in delen)


def veldwaarde(field: Field, waarde: Any, *, geld: bool = False) -> str:
    """A model field's value in a history line: the choice's label, money, a number or a date; empty is "—"."""
    if waarde is None or waarde == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(waarde, waarde))
    if isinstance(waarde, Decimal):
        return euro(waarde) if geld else getal(waarde)
    if isinstance(waarde, datetime.date):
        return datum(waarde)
    return str(waarde)


def veldwijziging(field: Field, oud: Any, nieuw: Any, *, geld: bool = False, nieuw_veld: bool = False) -> str:
    """One history line of a field: "label: old → new", or "label: new" for a new row."""
    if nieuw_veld:
        return f"{field.verbose_name}: {veldwaarde(field, nieuw, geld=geld)}"
    return f"{field.verbose_name}: {veldwaarde(field, oud, geld=geld)} → {veldwaarde(field, nieuw, geld=geld)}"
