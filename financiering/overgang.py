"""Toe- en uittreding: the pure arithmetic of joining or leaving under a recorded rule.

Given a rule (notice period, from when the financing changes, what is owed in the year of the change),
the date the notice was given and the adopted contribution of each year, `bereken` returns the date
the leave (or join) takes effect, the date the financing changes, and what is still owed per year and
component, in euros to the cent. No database (only gettext for the refusal): the selectors feed it,
tests call it with plain numbers.

Months are whole calendar months, as `verdeling.instapfactor` counts them for an entrant: a leave that
takes effect on the 1st does not pay that month (1 July -> January to June, 6/12); a leave later in the
month pays it (15 July -> 7/12). An entrant on 1 July pays 6/12, on 15 July 5/12, so no month is paid twice
or not at all when one party follows another.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext, ngettext

from drechtsteden.grenzen import JAAR_MAX

UITTREDING = "uittreding"
TOETREDING = "toetreding"

# When the financing changes, counted from the date the leave or join takes effect.
PER_INGANG = "ingang"  # on that date itself
PER_EERSTE_VAN_MAAND = "eerste_van_maand"  # on the first day of a month, on or after it
PER_EERSTE_JANUARI = "eerste_januari"  # on 1 January, on or after it

# What is owed in the year the leave takes effect (for a join: in the year of entry).
VOLLEDIG_JAAR = "volledig_jaar"
NAAR_RATO = "naar_rato"
NIETS = "niets"

# The documented defaults per (level, direction) (docs/toe-en-uittreding.md); the data migration stores
# them and the beheerder adapts them in the admin. The source documents ask for clear rules without
# naming terms.
STANDAARDREGELS: dict[tuple[str, str], dict[str, object]] = {
    ("samenwerking", UITTREDING): {"opzegtermijn_maanden": 12, "terugwerkend_dagen": 30,
                                   "financiering_per": PER_EERSTE_JANUARI, "verschuldigd": VOLLEDIG_JAAR,
                                   "component_2_loopt_door": True},
    ("samenwerking", TOETREDING): {"opzegtermijn_maanden": 0, "terugwerkend_dagen": 30,
                                   "financiering_per": PER_EERSTE_JANUARI, "verschuldigd": NIETS,
                                   "component_2_loopt_door": False},
    ("tafel", UITTREDING): {"opzegtermijn_maanden": 6, "terugwerkend_dagen": 30,
                            "financiering_per": PER_EERSTE_JANUARI, "verschuldigd": NAAR_RATO,
                            "component_2_loopt_door": True},
    ("tafel", TOETREDING): {"opzegtermijn_maanden": 0, "terugwerkend_dagen": 30,
                            "financiering_per": PER_EERSTE_VAN_MAAND, "verschuldigd": NAAR_RATO,
                            "component_2_loopt_door": False},
    ("coalitie", UITTREDING): {"opzegtermijn_maanden": 3, "terugwerkend_dagen": 30,
                               "financiering_per": PER_EERSTE_JANUARI, "verschuldigd": NAAR_RATO,
                               "component_2_loopt_door": False},
    ("coalitie", TOETREDING): {"opzegtermijn_maanden": 0, "terugwerkend_dagen": 30,
                               "financiering_per": PER_INGANG, "verschuldigd": NAAR_RATO,
                               "component_2_loopt_door": False},
}
STANDAARD_TOELICHTING = (
    "Standaardregel bij de inrichting van het portaal; de bronstukken noemen geen termijnen. "
    "Zie docs/toe-en-uittreding.md."
)

CENT = Decimal("0.01")
NUL = Decimal("0.00")
COMPONENTEN = (1, 2, 3)


class OvergangFout(ValueError):
    """A date the rule does not allow; `message` is a Dutch text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Regel:
    """The recorded rule for one level and direction (a copy of `Overgangsregel`, without the database)."""

    richting: str = UITTREDING
    opzegtermijn_maanden: int = 0
    terugwerkend_dagen: int = 0
    financiering_per: str = PER_EERSTE_JANUARI
    verschuldigd: str = NAAR_RATO
    component_2_loopt_door: bool = False


@dataclass(frozen=True)
class Bedragen:
    """The adopted contribution of one organisation in one year, per component (only the parts that change)."""

    component_1: Decimal = NUL
    component_2: Decimal = NUL
    component_3: Decimal = NUL
    # Component 3 per coalition (the cooperation: every coalition the organisation pays in). The allocation
    # takes the months of each coalition's share separately, so what is owed is the sum of those parts, not
    # the months of their sum: the two can differ by a cent per coalition.
    delen_3: tuple[Decimal, ...] = ()

    def component(self, nummer: int) -> Decimal:
        return (self.component_1, self.component_2, self.component_3)[nummer - 1]

    def deel(self, nummer: int, maanden: int) -> Decimal:
        """`maanden` twelfths of component `nummer`, to the cent as the allocation charges it."""
        if nummer == 3 and self.delen_3:
            return sum((_deel(bedrag, maanden) for bedrag in self.delen_3), NUL)
        return _deel(self.component(nummer), maanden)

    @property
    def totaal(self) -> Decimal:
        return self.component_1 + self.component_2 + self.component_3


@dataclass(frozen=True)
class JaarBedrag:
    """What is owed in one year: the adopted amounts times the share of the year, per component.

    `vastgesteld` is False when the year has no adopted financing: then every amount is 0.
    """

    jaar: int
    maanden: tuple[int, int, int]  # per component, months of the year owed (0–12)
    bedragen: Bedragen
    vastgesteld: bool

    @property
    def totaal(self) -> Decimal:
        return self.bedragen.totaal

    @property
    def regels(self) -> list[tuple[int, int, Decimal]]:
        """(component, months, amount) per component, for a table row."""
        return [(c, self.maanden[c - 1], self.bedragen.component(c)) for c in COMPONENTEN]


@dataclass(frozen=True)
class Uitkomst:
    regel: Regel
    meldingsdatum: datetime.date
    ingangsdatum: datetime.date
    financiering_per: datetime.date
    per_jaar: tuple[JaarBedrag, ...]

    @property
    def totaal(self) -> Decimal:
        return sum((j.totaal for j in self.per_jaar), NUL)

    @property
    def jaren(self) -> list[int]:
        return [j.jaar for j in self.per_jaar]


def plus_maanden(datum: datetime.date, maanden: int) -> datetime.date:
    """`datum` plus whole months; the 31st becomes the last day of a shorter month (31 August + 6 -> 28 February)."""
    index = datum.year * 12 + datum.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    return datetime.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def ingangsdatum(regel: Regel, meldingsdatum: datetime.date) -> datetime.date:
    """The leave (or join) takes effect when the notice period after the notice has passed."""
    return plus_maanden(meldingsdatum, regel.opzegtermijn_maanden)


def financiering_per(regel: Regel, ingang: datetime.date) -> datetime.date:
    """The date from which the allocation no longer (or, for a join, first) counts the organisation."""
    if regel.financiering_per == PER_INGANG or (regel.financiering_per == PER_EERSTE_VAN_MAAND and ingang.day == 1):
        return ingang
    if regel.financiering_per == PER_EERSTE_VAN_MAAND:
        return plus_maanden(ingang.replace(day=1), 1)
    if regel.financiering_per == PER_EERSTE_JANUARI:
        return ingang if (ingang.month, ingang.day) == (1, 1) else datetime.date(ingang.year + 1, 1, 1)
    raise ValueError(f"Onbekende regel voor de financiering: {regel.financiering_per}")


def maanden_lid(tot: datetime.date, jaar: int) -> int:
    """Months of `jaar` an organisation is still a member when its membership ends on `tot`.

    Before the year of `tot` all 12, after it 0; in it the months before `tot`, plus the month of
    `tot` itself when it is not the 1st.
    """
    if jaar < tot.year:
        return 12
    if jaar > tot.year:
        return 0
    return tot.month - 1 + (0 if tot.day == 1 else 1)


def maanden_vanaf(van: datetime.date, jaar: int) -> int:
    """Months of `jaar` an entrant takes part from `van` (the complement of `maanden_lid`)."""
    return 12 - maanden_lid(van, jaar)


def _maanden(regel: Regel, ingang: datetime.date, per: datetime.date, jaar: int, component: int) -> int:
    if regel.richting == TOETREDING:
        # An entrant pays from the date the financing first counts it; in the year of entry the rule may
        # ask the whole year or nothing instead.
        if jaar != ingang.year:
            return maanden_vanaf(per, jaar)
        return {VOLLEDIG_JAAR: 12, NAAR_RATO: maanden_vanaf(per, jaar), NIETS: 0}[regel.verschuldigd]
    if jaar < ingang.year:
        maanden = 12  # a member for the whole year
    else:
        maanden = {
            VOLLEDIG_JAAR: 12 if maanden_lid(ingang, jaar) else 0,
            NAAR_RATO: maanden_lid(ingang, jaar),
            NIETS: 0,
        }[regel.verschuldigd]
    if component == 2 and regel.component_2_loopt_door:
        maanden = max(maanden, maanden_lid(per, jaar))
    return maanden


def _deel(bedrag: Decimal, maanden: int) -> Decimal:
    exact = Fraction(bedrag) * Fraction(maanden, 12)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(CENT, rounding=ROUND_HALF_UP) if maanden else NUL


def bereken(
    regel: Regel,
    meldingsdatum: datetime.date,
    bedragen_per_jaar: Mapping[int, Bedragen | None],
    *,
    vandaag: datetime.date,
) -> Uitkomst:
    """Dates and amounts owed for a notice given on `meldingsdatum` under `regel`.

    `bedragen_per_jaar` holds the adopted contribution of each year in `jaren_nodig(...)`; None (or a
    missing year) means no adopted financing that year. A notice more than `terugwerkend_dagen` before
    `vandaag` is refused.
    """
    if meldingsdatum < vandaag - datetime.timedelta(days=regel.terugwerkend_dagen):
        if regel.terugwerkend_dagen:
            raise OvergangFout(ngettext(
                "De datum mag hooguit %(dagen)s dag in het verleden liggen.",
                "De datum mag hooguit %(dagen)s dagen in het verleden liggen.",
                regel.terugwerkend_dagen,
            ) % {"dagen": regel.terugwerkend_dagen})
        raise OvergangFout(gettext("De datum mag niet in het verleden liggen."))
    ingang = ingangsdatum(regel, meldingsdatum)
    per = financiering_per(regel, ingang)
    if per.year > JAAR_MAX:
        raise OvergangFout(gettext("Met deze datum zou de wijziging na %(jaar)s ingaan; kies een eerdere datum.")
                           % {"jaar": JAAR_MAX})
    per_jaar = []
    for jaar in jaren_nodig(regel, meldingsdatum):
        adopted = bedragen_per_jaar.get(jaar)
        maanden = tuple(_maanden(regel, ingang, per, jaar, c) for c in COMPONENTEN)
        basis = adopted or Bedragen()
        per_jaar.append(JaarBedrag(
            jaar=jaar,
            maanden=maanden,  # type: ignore[arg-type]
            bedragen=Bedragen(*(basis.deel(c, maanden[c - 1]) for c in COMPONENTEN)),
            vastgesteld=adopted is not None,
        ))
    return Uitkomst(regel, meldingsdatum, ingang, per, tuple(per_jaar))


def jaren_nodig(regel: Regel, meldingsdatum: datetime.date) -> list[int]:
    """The years whose contribution the computation reads: from the year of the notice to the last year
    anything is owed (a leaver); for an entrant the year of entry and the year after it (or the year the
    financing first counts it, if that is later)."""
    ingang = ingangsdatum(regel, meldingsdatum)
    if regel.richting == TOETREDING:
        per = financiering_per(regel, ingang)
        if per.year > JAAR_MAX:
            return [ingang.year]
        return list(range(ingang.year, min(max(per.year, ingang.year + 1), JAAR_MAX) + 1))
    per = financiering_per(regel, ingang)
    laatste = (max(ingang, per) - datetime.timedelta(days=1)).year
    return list(range(meldingsdatum.year, max(laatste, meldingsdatum.year) + 1))


def als_json(uitkomst: Uitkomst) -> list[dict[str, object]]:
    """The amounts per year as they are recorded with the decision (amounts as strings, to the cent)."""
    return [
        {
            "jaar": j.jaar,
            "vastgesteld": j.vastgesteld,
            "maanden": list(j.maanden),
            "component_1": str(j.bedragen.component_1),
            "component_2": str(j.bedragen.component_2),
            "component_3": str(j.bedragen.component_3),
            "totaal": str(j.totaal),
        }
        for j in uitkomst.per_jaar
    ]


# --- What the allocation reads: the months each recorded join or leave gives a year ------------------


@dataclass(frozen=True)
class Vastgelegd:
    """A recorded join or leave as the allocation reads it: its direction and the months per component
    of each year it recorded (`als_json`), in the order they take effect; `bron` is the record itself."""

    richting: str
    maanden: Mapping[int, tuple[int, int, int]]
    bron: Any = None

    @property
    def eerste_jaar(self) -> int:
        return min(self.maanden)

    @classmethod
    def uit_json(cls, richting: str, bedragen: list[dict[str, Any]], bron: Any = None) -> Vastgelegd:
        return cls(richting, {j["jaar"]: tuple(j["maanden"]) for j in bedragen}, bron)  # type: ignore[misc]


HELE_JAAR = (12, 12, 12)
GEEN_MAAND = (0, 0, 0)


def stand_in_jaar(
    vastleggingen: Sequence[Vastgelegd], jaar: int
) -> tuple[Vastgelegd | None, tuple[int, int, int] | None]:
    """The recorded join or leave that decides `jaar` for one organisation (at one level), and the months
    per component it gives that year.

    In the years a record covers: its months. Before the first record: a leaver took part the whole year
    (12), an entrant not at all (0). After the years of the last record before `jaar`: (that record, None),
    the current state applies (a leaver has left, an entrant takes part). No record: (None, None).
    """
    if not vastleggingen:
        return None, None
    eerder = [v for v in vastleggingen if v.maanden and v.eerste_jaar <= jaar]
    if not eerder:
        eerste = vastleggingen[0]
        return eerste, (HELE_JAAR if eerste.richting == UITTREDING else GEEN_MAAND)
    laatste = eerder[-1]
    return laatste, laatste.maanden.get(jaar)
