"""What the engine writes for people and files.

Amounts the Dutch way, the warnings of a year, and the result as JSON data or CSV rows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .meldingen import Melding, gettext_noop
from .scenario import CSV_KOPTEKST, Resultaat, STANDAARD_DREMPEL


# --- Formatting -------------------------------------------------------------------------------


def bedrag_nl(bedrag: Decimal) -> str:
    """Format an amount the Dutch way in a message: `€ 12.500,00`, joined by a no-break space (U+00A0).

    The engine's own copy of `drechtsteden.opmaak.euro` (it imports no Django); files get plain numbers.
    """
    engels = format(bedrag, ",.2f")
    return "€\u00a0" + engels.translate(str.maketrans({",": ".", ".": ","}))


def getal_nl(getal: Decimal) -> str:
    """Format a number with a decimal comma, without trailing zeros: 37.50 -> `37,5`."""
    tekst = format(getal, "f")
    if "." in tekst:
        tekst = tekst.rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _tekst_bedrag(bedrag: Decimal) -> str:
    return format(bedrag, ".2f")


# --- Warnings ---------------------------------------------------------------------------------


def projectfinanciering_waarschuwing(
    component_3: Decimal, totaal: Decimal, drempel: Decimal = STANDAARD_DREMPEL
) -> Melding | None:
    """Warn when component 3 is more than `drempel` percent of the year's total."""
    if totaal <= 0:
        return None
    aandeel = Fraction(component_3) * 100 / Fraction(totaal)
    if aandeel <= Fraction(drempel):
        return None
    afgerond = (Decimal(aandeel.numerator) / Decimal(aandeel.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return Melding(
        gettext_noop(
            "Veel projectfinanciering: de specifieke projecten (component 3) zijn %(aandeel)s %% van het totaal "
            "(drempel %(drempel)s %%). Risico op bureaucratie en discussie over wie wat "
            "betaalt."
        ),
        aandeel=format(afgerond, "f").replace(".", ","), drempel=getal_nl(Decimal(drempel)),
    )


def meerjarige_basis_waarschuwing(jaar: int, jaren_met_basis: set[int]) -> Melding | None:
    """Warn unless components 1 and 2 are set for each of the three years after `jaar`."""
    ontbrekend = [j for j in range(jaar + 1, jaar + 4) if j not in jaren_met_basis]
    if not ontbrekend:
        return None
    return Melding(
        gettext_noop(
            "Geen meerjarige basis: netwerk en projectbasis (componenten 1 en 2) zijn niet vastgesteld voor "
            "%(jaren)s."
        ),
        jaren=", ".join(str(j) for j in ontbrekend),
    )


# --- Output -----------------------------------------------------------------------------------


def resultaat_als_dict(resultaat: Resultaat) -> dict[str, Any]:
    """The result as JSON-ready data; amounts are strings with two decimals."""
    return {
        "jaar": resultaat.jaar,
        "organisaties": {
            naam: {
                "component_1": _tekst_bedrag(b.component_1),
                "component_2": _tekst_bedrag(b.component_2),
                "component_3": {
                    "totaal": _tekst_bedrag(b.component_3),
                    "per_coalitie": {c: _tekst_bedrag(x) for c, x in b.per_coalitie.items()},
                },
                "totaal": _tekst_bedrag(b.totaal),
            }
            for naam, b in resultaat.bijdragen.items()
        },
        "totalen": {k: _tekst_bedrag(v) for k, v in resultaat.totalen.items()},
        "waarschuwingen": [str(w) for w in resultaat.waarschuwingen],
    }


def resultaat_als_rijen(resultaat: Resultaat) -> list[list[str]]:
    """The result as CSV rows: a header, one row per organisation by name, then `Totaal`."""
    rijen = [list(CSV_KOPTEKST)]
    for naam in sorted(resultaat.bijdragen):
        b = resultaat.bijdragen[naam]
        bedragen = [b.component_1, b.component_2, b.component_3, b.totaal]
        rijen.append([naam, *(_tekst_bedrag(x) for x in bedragen)])
    totalen = resultaat.totalen
    rijen.append(["Totaal", *(_tekst_bedrag(totalen[k]) for k in CSV_KOPTEKST[1:])])
    return rijen
