"""World café rotation: who sits at which table in which round (plain Python, no Django).

Participants are spread over the tables in blocks of one per table; within a block participant k
starts at table a and moves b tables on each round, with b coprime to the number of tables. So:

- over as many rounds as there are tables, everybody visits every table exactly once (a + r·b runs
  through all tables when b is coprime to their number); with fewer rounds, no table twice;
- in every round the tables are equally full (each block puts one person at each table), differing
  by at most one person;
- groups mix: blocks step with different b, so a round's table group is split up in the next round;
- colleagues start apart: participants are ordered by organisation before they are spread, so in
  the first round up to as many colleagues as there are tables sit at different tables.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from math import gcd


class IndelingFout(ValueError):
    """Rounds and tables that cannot be combined; the message is Dutch."""


def _stappen(tafels: int) -> list[int]:
    """Step sizes that visit every table: numbers coprime to the number of tables, small ones first."""
    return [b for b in range(1, tafels) if gcd(b, tafels) == 1] or [1]


def indeling(
    deelnemers: Sequence[tuple[Hashable, str]], *, tafels: int, rondes: int
) -> dict[Hashable, list[int]]:
    """Per participant (key, organisation) the table number (0-based) in each round.

    The result does not depend on the order of `deelnemers`: they are sorted by organisation and key.
    """
    if tafels < 1:
        raise IndelingFout("Er is ten minste één tafel nodig.")
    if not 1 <= rondes <= tafels:
        raise IndelingFout(
            f"Met {tafels} tafels zijn er 1 tot en met {tafels} rondes mogelijk: niemand komt twee keer aan dezelfde tafel."
        )
    sleutels = [sleutel for sleutel, _ in deelnemers]
    if len(set(sleutels)) != len(sleutels):
        raise IndelingFout("Een deelnemer staat meer dan eens in de lijst.")
    stappen = _stappen(tafels)
    geordend = sorted(deelnemers, key=lambda d: (d[1], str(d[0])))
    uitkomst: dict[Hashable, list[int]] = {}
    for k, (sleutel, _organisatie) in enumerate(geordend):
        start = k % tafels
        stap = stappen[(k // tafels) % len(stappen)]
        uitkomst[sleutel] = [(start + ronde * stap) % tafels for ronde in range(rondes)]
    return uitkomst
