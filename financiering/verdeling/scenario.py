"""The allocation engine's vocabulary: the scenario it reads, the result and explanation it gives.

And its error, `VerdelingFout`, whose message is translated when it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from coalities import varianten

from .meldingen import Melding


NUL = Decimal("0.00")

SOORT_GEMEENTE = "drechtstedengemeente"
SOORT_PARTNER = "partner"
SOORTEN = (SOORT_GEMEENTE, SOORT_PARTNER)

SLEUTEL_GELIJK = "gelijk"
SLEUTEL_INWONERS = "inwoners"
SLEUTEL_VASTE_VOET_INWONERS = "vaste_voet_inwoners"
SLEUTEL_VASTE_PERCENTAGES = "vaste_percentages"
SLEUTELS = (
    SLEUTEL_GELIJK,
    SLEUTEL_INWONERS,
    SLEUTEL_VASTE_VOET_INWONERS,
    SLEUTEL_VASTE_PERCENTAGES,
)

PROFIJT_GELIJK = "gelijk"
PROFIJT_INWONERS = "inwoners"

# The participation variants are the coalitions' own (``coalities.varianten``, plain Python).
VARIANT_VOLLEDIG = varianten.VOLLEDIG
VARIANT_SOLIDARITEIT = varianten.SOLIDARITEIT
VARIANT_INSTAP = varianten.INSTAP
VARIANT_GEEN = varianten.GEEN
VARIANTEN = varianten.VARIANTEN

STANDAARD_DREMPEL = Decimal("40")

CSV_KOPTEKST = ["organisatie", "component_1", "component_2", "component_3", "totaal"]


class VerdelingFout(Exception):
    """Invalid input or an impossible split; `message` is the text for the user, in the active language.

    ``VerdelingFout(gettext_noop("%(plek)s: ..."), plek=...)``: the Dutch text is the msgid.
    """

    def __init__(self, melding: str | Melding, **waarden: Any) -> None:
        self.melding = melding if isinstance(melding, Melding) else Melding(melding, **waarden)
        super().__init__(self.melding.sjabloon)

    @property
    def message(self) -> str:
        return str(self.melding)

    def __str__(self) -> str:
        return self.message


# --- Scenario ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisatie:
    """A party that may pay: one of the seven gemeenten or a partner."""

    naam: str
    inwoners: int | None = None
    soort: str = SOORT_GEMEENTE


@dataclass(frozen=True)
class Component:
    """Budget and allocation key of component 1 or 2 for one year.

    `maanden` holds, for an organisation that joins or leaves during the year, the months of the year
    it pays (0–12; an organisation not named pays the whole year): see `rekenen` for how the rest of
    its share is carried.
    """

    budget: Decimal
    sleutel: str = SLEUTEL_GELIJK
    vaste_voet_pct: Decimal | None = None
    percentages: Mapping[str, Decimal] = field(default_factory=dict)
    vaste_bijdragen: Mapping[str, Decimal] = field(default_factory=dict)
    maanden: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Deelname:
    """How one organisation takes part in one coalition.

    `maanden`: the months of the year a party that joins or leaves during the year pays (0–12) of what
    it would pay for the whole year (for instap: its fee and its share from the `instapdatum`); None is
    the whole year.
    """

    organisatie: str
    variant: str
    bedrag: Decimal | None = None
    instapdatum: date | None = None
    instapfee: Decimal | None = None
    maanden: int | None = None


@dataclass(frozen=True)
class Coalitie:
    """A project coalition with its budget for the year (component 3)."""

    naam: str
    budget: Decimal
    profijt: str | Mapping[str, Decimal]
    deelnames: Sequence[Deelname] = ()


@dataclass(frozen=True)
class Scenario:
    """Everything needed to compute one year's contributions."""

    jaar: int
    organisaties: Sequence[Organisatie]
    component_1: Component
    component_2: Component
    coalities: Sequence[Coalitie] = ()
    drempel: Decimal = STANDAARD_DREMPEL


# --- Result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bijdrage:
    """What one organisation pays in one year."""

    component_1: Decimal
    component_2: Decimal
    per_coalitie: Mapping[str, Decimal]

    # Cached: per_coalitie holds every coalition of the year, and pages read these sums many times.
    @cached_property
    def component_3(self) -> Decimal:
        return sum(self.per_coalitie.values(), NUL)

    @cached_property
    def totaal(self) -> Decimal:
        return self.component_1 + self.component_2 + self.component_3


@dataclass(frozen=True)
class Resultaat:
    """Contributions per organisation (sorted by name) and the warnings for the year."""

    jaar: int
    bijdragen: Mapping[str, Bijdrage]
    waarschuwingen: Sequence[Melding] = ()

    @cached_property
    def totalen(self) -> dict[str, Decimal]:
        bijdragen = list(self.bijdragen.values())
        return {
            "component_1": sum((b.component_1 for b in bijdragen), NUL),
            "component_2": sum((b.component_2 for b in bijdragen), NUL),
            "component_3": sum((b.component_3 for b in bijdragen), NUL),
            "totaal": sum((b.totaal for b in bijdragen), NUL),
        }


# --- Explanation ------------------------------------------------------------------------------

# The kinds of part an amount is made of (`Deel.soort`).
DEEL_GELIJK = "gelijk"  # an equal share of the amount to split
DEEL_VASTE_VOET = "vaste_voet"  # the fixed-base percentage, split equally over the gemeenten
DEEL_INWONERS = "inwoners"  # a share by inhabitants (of the whole, or of what the fixed base leaves)
DEEL_PERCENTAGE = "percentage"  # a fixed percentage of the amount to split
DEEL_VASTE_BIJDRAGE = "vaste_bijdrage"  # a partner's agreed amount in component 2
DEEL_PROFIJT = "profijt"  # a coalition share by benefit (equal, inhabitants or weights)
DEEL_SOLIDARITEIT = "solidariteit"  # a fixed solidarity contribution to a coalition
DEEL_INSTAPFEE = "instapfee"  # the one-off fee in the year of entry
DEEL_OVERNAME = "overname"  # a share of what parties that joined or left during the year do not pay
DEEL_AFRONDING = "afronding"  # cents from the largest-remainder rounding


@dataclass(frozen=True)
class Deel:
    """One part of a contribution: what it is a share of, the share, and the amount in cents.

    `bedrag` is the exact share rounded half up to the cent; the `DEEL_AFRONDING` part holds what
    the largest-remainder method adds or takes, so the parts add up to the contribution exactly.
    """

    soort: str
    bedrag: Decimal
    basis: Decimal = NUL  # the amount this part is a share of
    teller: Fraction = Fraction(0)  # share = teller / noemer (times pct / 100 when pct is set)
    noemer: Fraction = Fraction(1)
    pct: Decimal | None = None
    maanden: int | None = None  # paid for this many months of 12 (joined or left during the year)

    @property
    def aandeel(self) -> Fraction:
        """The exact share of `basis`."""
        aandeel = self.teller / self.noemer if self.noemer else Fraction(0)
        if self.pct is not None:
            aandeel = aandeel * Fraction(self.pct) / 100
        return aandeel * Fraction(self.maanden, 12) if self.maanden is not None else aandeel


@dataclass(frozen=True)
class ComponentUitleg:
    """How one organisation's amount in component 1 or 2 came about."""

    nummer: int
    sleutel: str
    vaste_voet_pct: Decimal | None
    budget: Decimal
    vaste_bijdragen: Decimal  # the partners' fixed amounts, subtracted before the key applies
    te_verdelen: Decimal
    aantal_gemeenten: int
    delen: tuple[Deel, ...]
    bedrag: Decimal


@dataclass(frozen=True)
class CoalitieUitleg:
    """How one organisation's share in one coalition (component 3) came about."""

    coalitie: str
    variant: str
    profijt: str  # PROFIJT_GELIJK, PROFIJT_INWONERS or "gewichten"
    budget: Decimal
    vast: Decimal  # solidarity contributions and entry fees, subtracted before the benefit split
    te_verdelen: Decimal
    instapfactor: Fraction | None  # months taken part / 12, for an instap party
    delen: tuple[Deel, ...]
    bedrag: Decimal
    maanden: int | None = None  # months paid, for a party that joined or left during the year


@dataclass(frozen=True)
class OrganisatieUitleg:
    """Everything one organisation pays in one year, part by part."""

    organisatie: str
    jaar: int
    inwoners: int | None
    component_1: ComponentUitleg
    component_2: ComponentUitleg
    coalities: tuple[CoalitieUitleg, ...]

    # Cached: a kept year's explanation is read by every page view, and Dordrecht takes part in ~1.500
    # coalitions at ten times the real size.
    @cached_property
    def component_3(self) -> Decimal:
        return sum((c.bedrag for c in self.coalities), NUL)

    @cached_property
    def totaal(self) -> Decimal:
        return self.component_1.bedrag + self.component_2.bedrag + self.component_3
