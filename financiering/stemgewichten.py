"""Contributions as vote weights: what each organisation pays in a year, for the chosen components.

The tables app weighs votes by contribution but may not import this app; `apps.py` registers
`bijdragen_voor_stemming` with it.
"""

from __future__ import annotations

from decimal import Decimal

from . import selectors


def bijdragen_voor_stemming(jaar: int, componenten: str, organisatie_ids: list[int]) -> dict[int, Decimal]:
    """Organisation id -> the sum of its adopted contributions in `jaar` for the components in `componenten`
    ("123": all three). An organisation that pays nothing that year gets 0."""
    jaar_verdeling = selectors.verdeling_voor_jaar(jaar)
    resultaat = jaar_verdeling.resultaat
    naam_van = {pk: naam for naam, pk in jaar_verdeling.organisatie_pks.items()}
    bedragen: dict[int, Decimal] = {}
    for pk in organisatie_ids:
        bijdrage = resultaat.bijdragen.get(naam_van.get(pk, "")) if resultaat else None
        bedrag = Decimal(0)
        if bijdrage is not None:
            delen = {"1": bijdrage.component_1, "2": bijdrage.component_2, "3": bijdrage.component_3}
            bedrag = sum((delen[c] for c in componenten if c in delen), Decimal(0))
        bedragen[pk] = bedrag
    return bedragen
