"""The four participation variants and what each asks of a party, in plain Python.

``Deelname.Variant`` takes its values from here, and the financing engine
(``financiering.verdeling``, which imports no Django) checks its scenarios against the same table.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

VOLLEDIG = "volledig"
SOLIDARITEIT = "solidariteit"
INSTAP = "instap"
GEEN = "geen"
VARIANTEN = (VOLLEDIG, SOLIDARITEIT, INSTAP, GEEN)

# Variants that bring at least one commitment, and variants that bring none.
MET_TOEZEGGING = (VOLLEDIG, INSTAP)
ZONDER_TOEZEGGING = (SOLIDARITEIT, GEEN)
# Variants that share in a coalition's costs by benefit (profijt).
DELEN_IN_PROFIJT = MET_TOEZEGGING

# The amounts and dates a variant asks for when it is chosen; every other one stays empty.
# (A volledig party that joined later keeps its entry date and fee: see ``variantvelden_kloppen``.)
VARIANT_VELDEN: dict[str, tuple[str, ...]] = {
    VOLLEDIG: (),
    SOLIDARITEIT: ("solidariteitsbijdrage",),
    INSTAP: ("instapdatum", "instapfee"),
    GEEN: (),
}
DEELNAME_VELDEN = ("solidariteitsbijdrage", "instapdatum", "instapfee")


def variant_velden(variant: str) -> tuple[str, ...]:
    """The amounts and dates ``variant`` asks for (none for an unknown variant)."""
    return VARIANT_VELDEN.get(variant, ())


def ontbrekende_variantvelden(
    variant: str,
    *,
    solidariteitsbijdrage: Decimal | None,
    instapdatum: datetime.date | None,
    instapfee: Decimal | None,
) -> list[str]:
    """The fields ``variant`` asks for that are not filled in (a solidarity contribution must be above 0)."""
    waarden = {"solidariteitsbijdrage": solidariteitsbijdrage, "instapdatum": instapdatum, "instapfee": instapfee}
    ontbrekend = [veld for veld in variant_velden(variant) if waarden[veld] is None]
    if "solidariteitsbijdrage" in variant_velden(variant) and solidariteitsbijdrage is not None and solidariteitsbijdrage <= 0:
        ontbrekend.append("solidariteitsbijdrage")
    return ontbrekend


def variantvelden_kloppen(
    variant: str,
    *,
    solidariteitsbijdrage: Decimal | None,
    instapdatum: datetime.date | None,
    instapfee: Decimal | None,
) -> bool:
    """The one-row rule of each variant, as the CheckConstraints on ``Deelname`` state it."""
    if instapfee is not None and instapfee < 0:
        return False
    gevraagd = variant_velden(variant)
    gevuld = {
        veld for veld, waarde in (
            ("solidariteitsbijdrage", solidariteitsbijdrage), ("instapdatum", instapdatum), ("instapfee", instapfee),
        ) if waarde is not None
    }
    if variant == VOLLEDIG and gevuld == {"instapdatum", "instapfee"}:
        return True  # joined later: the entry date and fee stay
    if variant not in VARIANT_VELDEN:
        return True  # an unknown variant is refused by its choices, not here
    return gevuld == set(gevraagd) and not ontbrekende_variantvelden(
        variant, solidariteitsbijdrage=solidariteitsbijdrage, instapdatum=instapdatum, instapfee=instapfee
    )
