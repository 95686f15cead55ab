"""Who pays what in the three financing components of the Drechtsteden, exact to the cent.

Component 1 keeps the network running and component 2 is the shared base for projects; both are
split over the seven Drechtstedengemeenten by an allocation key (sleutel), and in component 2 an
admitted partner pays an agreed fixed amount. Component 3 finances specific projects per coalition,
by participation variant (volledig, solidariteit, instap, geen) and benefit (profijt).

Pure Python on purpose (no Django), so the management command, views, exports and scenarios all
share one implementation. Money is always a non-negative `Decimal` with two decimals; every split
uses exact `Fraction` arithmetic and the largest-remainder method, so shares add up to the cent.

Input rules for `scenario_uit_json` (the spec left these open):
- amounts may be strings ("1250.00") or ints; Python floats are refused because they are already
  rounded. `lees_scenario` parses JSON text with numbers as `Decimal`, so there a JSON number such
  as 1250.50 is exact and accepted. Amounts may have at most two decimals.
- unknown fields are refused, so a typo such as "vaste_voet_pc" never goes unnoticed.
- every number is bounded before it is converted: at most 32 characters, an exponent of at most
  ±20, amounts below € 10 billion, percentages 0–100, weights 0–1,000,000, the year 2000–2100;
  malformed, hostile or too deeply nested JSON gives a VerdelingFout with a Dutch message.
- `profijt` and `component_1`/`component_2` are required; `coalities` (default none) and
  `drempel_projectfinanciering_pct` (default 40) are optional.
"""

from __future__ import annotations

import gc
import json
import math
import re
import reprlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Any

from drechtsteden.grenzen import BEDRAG_CIJFERS, BEDRAG_MAX, JAAR_MAX, JAAR_MIN, MAX_TEKENS

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

VARIANT_VOLLEDIG = "volledig"
VARIANT_SOLIDARITEIT = "solidariteit"
VARIANT_INSTAP = "instap"
VARIANT_GEEN = "geen"
VARIANTEN = (VARIANT_VOLLEDIG, VARIANT_SOLIDARITEIT, VARIANT_INSTAP, VARIANT_GEEN)

STANDAARD_DREMPEL = Decimal("40")

CSV_KOPTEKST = ["organisatie", "component_1", "component_2", "component_3", "totaal"]


class VerdelingFout(Exception):
    """Invalid input or an impossible split; `message` is a Dutch text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Scenario ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisatie:
    """A party that may pay: one of the seven gemeenten or a partner."""

    naam: str
    inwoners: int | None = None
    soort: str = SOORT_GEMEENTE


@dataclass(frozen=True)
class Component:
    """Budget and allocation key of component 1 or 2 for one year."""

    budget: Decimal
    sleutel: str = SLEUTEL_GELIJK
    vaste_voet_pct: Decimal | None = None
    percentages: Mapping[str, Decimal] = field(default_factory=dict)
    vaste_bijdragen: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Deelname:
    """How one organisation takes part in one coalition."""

    organisatie: str
    variant: str
    bedrag: Decimal | None = None
    instapdatum: date | None = None
    instapfee: Decimal | None = None


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
    waarschuwingen: Sequence[str] = ()

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

    @property
    def aandeel(self) -> Fraction:
        """The exact share of `basis`."""
        aandeel = self.teller / self.noemer if self.noemer else Fraction(0)
        return aandeel * Fraction(self.pct) / 100 if self.pct is not None else aandeel


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


@dataclass(frozen=True)
class OrganisatieUitleg:
    """Everything one organisation pays in one year, part by part."""

    organisatie: str
    jaar: int
    inwoners: int | None
    component_1: ComponentUitleg
    component_2: ComponentUitleg
    coalities: tuple[CoalitieUitleg, ...]

    @property
    def component_3(self) -> Decimal:
        return sum((c.bedrag for c in self.coalities), NUL)

    @property
    def totaal(self) -> Decimal:
        return self.component_1.bedrag + self.component_2.bedrag + self.component_3


@dataclass(frozen=True)
class ComponentBerekening:
    """The intermediate values of component 1 or 2, as `bereken` used them."""

    nummer: int
    component: Component
    budget: Decimal
    vaste_bijdragen: Mapping[str, Decimal]
    rest: Decimal
    gewichten: Mapping[str, Fraction]
    aandelen: Mapping[str, Decimal]
    inwoners: Mapping[str, int | None]

    def uitleg(self, naam: str) -> ComponentUitleg:
        component = self.component
        bedrag = self.aandelen.get(naam, self.vaste_bijdragen.get(naam, NUL))
        delen: list[Deel] = []
        if naam in self.vaste_bijdragen:
            delen.append(Deel(DEEL_VASTE_BIJDRAGE, self.vaste_bijdragen[naam]))
        elif naam in self.gewichten:
            aantal = len(self.gewichten)
            alle_inwoners = sum(i or 0 for i in self.inwoners.values())
            inwoners = Fraction(self.inwoners.get(naam) or 0)
            if component.sleutel == SLEUTEL_GELIJK:
                delen.append(Deel(DEEL_GELIJK, NUL, self.rest, Fraction(1), Fraction(aantal)))
            elif component.sleutel == SLEUTEL_INWONERS:
                delen.append(Deel(DEEL_INWONERS, NUL, self.rest, inwoners, Fraction(alle_inwoners)))
            elif component.sleutel == SLEUTEL_VASTE_PERCENTAGES:
                delen.append(Deel(DEEL_PERCENTAGE, NUL, self.rest, Fraction(1), Fraction(1),
                                  pct=component.percentages[naam]))
            else:
                vast = component.vaste_voet_pct or Decimal(0)
                delen.append(Deel(DEEL_VASTE_VOET, NUL, self.rest, Fraction(1), Fraction(aantal), pct=vast))
                if vast < 100:
                    delen.append(Deel(DEEL_INWONERS, NUL, self.rest, inwoners, Fraction(alle_inwoners),
                                      pct=Decimal(100) - vast))
            delen = _met_afronding(delen, bedrag)
        return ComponentUitleg(
            nummer=self.nummer,
            sleutel=component.sleutel,
            vaste_voet_pct=component.vaste_voet_pct,
            budget=self.budget,
            vaste_bijdragen=sum(self.vaste_bijdragen.values(), NUL),
            te_verdelen=self.rest,
            aantal_gemeenten=len(self.gewichten),
            delen=tuple(delen),
            bedrag=bedrag,
        )


@dataclass(frozen=True)
class CoalitieBerekening:
    """The intermediate values of one coalition, as `bereken` used them."""

    coalitie: Coalitie
    budget: Decimal
    vast: Mapping[str, Decimal]
    rest: Decimal
    gewichten: Mapping[str, Fraction]
    instapfactoren: Mapping[str, Fraction]
    verdeeld: Mapping[str, Decimal]
    aandelen: Mapping[str, Decimal]

    def uitleg(self, naam: str) -> CoalitieUitleg | None:
        deelname = next((d for d in self.coalitie.deelnames if d.organisatie == naam), None)
        if deelname is None:
            return None
        delen: list[Deel] = []
        if deelname.variant == VARIANT_SOLIDARITEIT:
            delen.append(Deel(DEEL_SOLIDARITEIT, self.vast[naam]))
        if deelname.variant == VARIANT_INSTAP and naam in self.vast:
            delen.append(Deel(DEEL_INSTAPFEE, self.vast[naam]))
        if naam in self.gewichten:
            totaal = sum(self.gewichten.values(), Fraction(0))
            profijt = [Deel(DEEL_PROFIJT, NUL, self.rest, self.gewichten[naam], totaal)]
            delen += _met_afronding(profijt, self.verdeeld.get(naam, NUL))
        profijt_soort = self.coalitie.profijt if isinstance(self.coalitie.profijt, str) else "gewichten"
        return CoalitieUitleg(
            coalitie=self.coalitie.naam,
            variant=deelname.variant,
            profijt=profijt_soort,
            budget=self.budget,
            vast=sum(self.vast.values(), NUL),
            te_verdelen=self.rest,
            instapfactor=self.instapfactoren.get(naam),
            delen=tuple(delen),
            bedrag=self.aandelen.get(naam, NUL),
        )


@dataclass(frozen=True)
class Toelichting:
    """The intermediate values of one year's computation; `voor(naam)` explains one organisation."""

    jaar: int
    organisaties: Mapping[str, Organisatie]
    component_1: ComponentBerekening
    component_2: ComponentBerekening
    coalities: Mapping[str, CoalitieBerekening]

    def voor(self, naam: str) -> OrganisatieUitleg:
        organisatie = self.organisaties.get(naam)
        return OrganisatieUitleg(
            organisatie=naam,
            jaar=self.jaar,
            inwoners=organisatie.inwoners if organisatie else None,
            component_1=self.component_1.uitleg(naam),
            component_2=self.component_2.uitleg(naam),
            coalities=tuple(
                uitleg for c in self.coalities.values() if (uitleg := c.uitleg(naam)) is not None
            ),
        )


def _half_omhoog(waarde: Fraction) -> Decimal:
    """A non-negative exact amount rounded half up to the cent."""
    return _uit_centen(math.floor(waarde * 100 + Fraction(1, 2)))


def _met_afronding(delen: list[Deel], bedrag: Decimal) -> list[Deel]:
    """Each part rounded half up, plus a rounding part when the allocated cents differ."""
    afgerond = [
        dataclass_replace(d, bedrag=_half_omhoog(Fraction(d.basis) * d.aandeel)) for d in delen
    ]
    verschil = bedrag - sum((d.bedrag for d in afgerond), NUL)
    if verschil:
        afgerond.append(Deel(DEEL_AFRONDING, verschil))
    return afgerond


# --- Formatting -------------------------------------------------------------------------------


def bedrag_nl(bedrag: Decimal) -> str:
    """Format an amount the Dutch way: `€ 12.500,00`."""
    engels = format(bedrag, ",.2f")
    return "€ " + engels.translate(str.maketrans({",": ".", ".": ","}))


def _getal_nl(getal: Decimal) -> str:
    """Format a number with a decimal comma, without trailing zeros: 37.50 -> `37,5`."""
    tekst = format(getal, "f")
    if "." in tekst:
        tekst = tekst.rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _tekst_bedrag(bedrag: Decimal) -> str:
    return format(bedrag, ".2f")


# --- Checking single values -------------------------------------------------------------------


def _decimaal(waarde: object, plek: str) -> Decimal:
    """A finite Decimal from a Decimal or int; anything else is refused."""
    if isinstance(waarde, bool) or not isinstance(waarde, (int, Decimal)):
        raise VerdelingFout(f"{plek}: verwacht een getal, niet {_kort(waarde)}.")
    getal = Decimal(waarde)
    if not getal.is_finite():
        raise VerdelingFout(f"{plek}: {waarde} is geen geldig getal.")
    return getal


def _geldbedrag(waarde: object, plek: str) -> Decimal:
    """A non-negative amount with at most two decimals, returned with exactly two."""
    return _uit_centen(_geldcenten(waarde, plek))


def _geldcenten(waarde: object, plek: str) -> int:
    """The whole number of cents of a non-negative amount with at most two decimals."""
    getal = _decimaal(waarde, plek)
    if getal < 0:
        raise VerdelingFout(f"{plek}: een bedrag mag niet negatief zijn ({getal}).")
    # Integer arithmetic on the exact ratio: a Fraction here cost more than the split itself.
    teller, noemer = getal.as_integer_ratio()
    centen, rest = divmod(teller * 100, noemer)
    if rest:
        raise VerdelingFout(f"{plek}: een bedrag heeft hoogstens twee decimalen ({getal}).")
    return centen


def _uit_centen(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


def _percentage(waarde: object, plek: str) -> Decimal:
    getal = _decimaal(waarde, plek)
    if not 0 <= getal <= 100:
        raise VerdelingFout(f"{plek}: een percentage ligt tussen 0 en 100 ({getal}).")
    return getal


def _gewicht(waarde: object, plek: str) -> Fraction:
    getal = waarde if isinstance(waarde, Fraction) else Fraction(_decimaal(waarde, plek))
    if getal.numerator < 0:  # a Fraction keeps its sign in the numerator
        raise VerdelingFout(f"{plek}: een gewicht mag niet negatief zijn ({waarde}).")
    return getal


def _naam(waarde: object, plek: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise VerdelingFout(f"{plek}: verwacht een naam (tekst), niet {_kort(waarde)}.")
    return waarde


# --- Largest-remainder allocation -------------------------------------------------------------


def verdeel(
    bedrag: Decimal, gewichten: Mapping[str, Fraction | int | Decimal]
) -> dict[str, Decimal]:
    """Split `bedrag` over the names in proportion to their weights, exact to the cent.

    Each name gets floor(cents * w / W) cents; the cents left over go one each to the largest
    fractional remainders, ties to the name that sorts first. The shares add up to `bedrag`.
    """
    centen = _geldcenten(bedrag, "Te verdelen bedrag")
    exact = {naam: _gewicht(w, f"Gewicht van {naam}") for naam, w in gewichten.items()}
    namen = sorted(exact)
    if centen == 0:
        return {naam: NUL for naam in namen}
    # The same computation in integers: every weight times the common denominator, so each share
    # centen * w / W is a whole quotient plus a remainder over the one denominator W, and comparing
    # remainders compares the exact fractional parts. (Fraction arithmetic was most of the time here.)
    noemer = math.lcm(*(w.denominator for w in exact.values()))
    gehele = {naam: w.numerator * (noemer // w.denominator) for naam, w in exact.items()}
    totaal = sum(gehele.values())
    if totaal == 0:
        raise VerdelingFout(
            f"{bedrag_nl(bedrag)} kan niet verdeeld worden: niemand heeft een gewicht groter dan 0."
        )

    aandelen: dict[str, int] = {}
    restanten: dict[str, int] = {}
    for naam in namen:
        aandelen[naam], restanten[naam] = divmod(centen * gehele[naam], totaal)
    over = centen - sum(aandelen.values())
    # Sorting on the name as well makes the result independent of the input order.
    for naam in sorted(namen, key=lambda n: (-restanten[n], n))[:over]:
        aandelen[naam] += 1
    return {naam: _uit_centen(aandelen[naam]) for naam in namen}


# --- Validation -------------------------------------------------------------------------------


def valideer_scenario(scenario: Scenario) -> None:
    """Raise VerdelingFout if the scenario breaks a rule; `bereken` calls this first."""
    if isinstance(scenario.jaar, bool) or not isinstance(scenario.jaar, int):
        raise VerdelingFout(f"Jaar: verwacht een jaartal, niet {_kort(scenario.jaar)}.")
    if not 1 <= scenario.jaar <= 9999:
        raise VerdelingFout(f"Jaar: {scenario.jaar} is geen geldig jaartal.")
    _percentage(scenario.drempel, "Drempel projectfinanciering")

    organisaties: dict[str, Organisatie] = {}
    for organisatie in scenario.organisaties:
        naam = _naam(organisatie.naam, "Organisatie")
        if naam in organisaties:
            raise VerdelingFout(f"Organisatie {naam} komt meer dan eens voor.")
        if organisatie.soort not in SOORTEN:
            raise VerdelingFout(
                f"Organisatie {naam}: onbekende soort {_kort(organisatie.soort)}; "
                f"kies uit {', '.join(SOORTEN)}."
            )
        inwoners = organisatie.inwoners
        if inwoners is not None and (
            isinstance(inwoners, bool) or not isinstance(inwoners, int) or inwoners < 0
        ):
            raise VerdelingFout(
                f"Organisatie {naam}: het aantal inwoners is een geheel getal van 0 of meer, "
                f"niet {_kort(inwoners)}."
            )
        organisaties[naam] = organisatie

    _valideer_component(scenario.component_1, 1, organisaties)
    _valideer_component(scenario.component_2, 2, organisaties)

    coalitienamen: set[str] = set()
    for coalitie in scenario.coalities:
        naam = _naam(coalitie.naam, "Coalitie")
        if naam in coalitienamen:
            raise VerdelingFout(f"Coalitie {naam} komt meer dan eens voor.")
        coalitienamen.add(naam)
        _valideer_coalitie(coalitie, organisaties)


def _valideer_component(
    component: Component, nummer: int, organisaties: Mapping[str, Organisatie]
) -> None:
    plek = f"Component {nummer}"
    _geldbedrag(component.budget, f"{plek}, budget")
    if component.sleutel not in SLEUTELS:
        raise VerdelingFout(
            f"{plek}: onbekende sleutel {_kort(component.sleutel)}; kies uit {', '.join(SLEUTELS)}."
        )
    gemeenten = [o.naam for o in organisaties.values() if o.soort == SOORT_GEMEENTE]

    if component.sleutel in (SLEUTEL_INWONERS, SLEUTEL_VASTE_VOET_INWONERS):
        for naam in sorted(gemeenten):
            if organisaties[naam].inwoners is None:
                raise VerdelingFout(
                    f"{plek} verdeelt naar inwoners, maar van {naam} is het aantal inwoners "
                    "niet opgegeven."
                )

    if component.sleutel == SLEUTEL_VASTE_VOET_INWONERS:
        if component.vaste_voet_pct is None:
            raise VerdelingFout(
                f"{plek}: de sleutel vaste_voet_inwoners vraagt een vaste_voet_pct."
            )
        _percentage(component.vaste_voet_pct, f"{plek}, vaste_voet_pct")
    elif component.vaste_voet_pct is not None:
        raise VerdelingFout(f"{plek}: vaste_voet_pct hoort alleen bij sleutel vaste_voet_inwoners.")

    if component.sleutel == SLEUTEL_VASTE_PERCENTAGES:
        _valideer_percentages(component.percentages, plek, organisaties, gemeenten)
    elif component.percentages:
        raise VerdelingFout(f"{plek}: percentages horen alleen bij sleutel vaste_percentages.")

    if component.vaste_bijdragen and nummer == 1:
        raise VerdelingFout(
            "Component 1: vaste bijdragen zijn alleen mogelijk in component 2; "
            "partners betalen geen component 1."
        )
    for naam, bedrag in component.vaste_bijdragen.items():
        if naam not in organisaties:
            raise VerdelingFout(f"{plek}: vaste bijdrage voor onbekende organisatie {naam}.")
        if organisaties[naam].soort != SOORT_PARTNER:
            raise VerdelingFout(
                f"{plek}: {naam} is geen partner; een gemeente betaalt via de sleutel, "
                "niet met een vaste bijdrage."
            )
        _geldbedrag(bedrag, f"{plek}, vaste bijdrage van {naam}")


def _valideer_percentages(
    percentages: Mapping[str, Decimal],
    plek: str,
    organisaties: Mapping[str, Organisatie],
    gemeenten: Sequence[str],
) -> None:
    for naam in sorted(percentages):
        if naam not in organisaties:
            raise VerdelingFout(f"{plek}: percentage voor onbekende organisatie {naam}.")
        if organisaties[naam].soort != SOORT_GEMEENTE:
            raise VerdelingFout(
                f"{plek}: {naam} is een partner en betaalt niet via vaste percentages."
            )
    ontbrekend = sorted(set(gemeenten) - set(percentages))
    if ontbrekend:
        raise VerdelingFout(f"{plek}: percentage ontbreekt voor {', '.join(ontbrekend)}.")
    som = sum(
        (
            Fraction(_percentage(pct, f"{plek}, percentage van {naam}"))
            for naam, pct in percentages.items()
        ),
        Fraction(0),
    )
    if som != 100:
        som_tekst = _getal_nl(Decimal(som.numerator) / Decimal(som.denominator))
        raise VerdelingFout(
            f"{plek}: de vaste percentages tellen op tot {som_tekst} in plaats van 100."
        )


def _valideer_coalitie(coalitie: Coalitie, organisaties: Mapping[str, Organisatie]) -> None:
    plek = f"Coalitie {coalitie.naam}"
    _geldbedrag(coalitie.budget, f"{plek}, budget")

    gezien: set[str] = set()
    delers: list[str] = []
    for deelname in coalitie.deelnames:
        naam = _naam(deelname.organisatie, f"{plek}, deelname")
        if naam not in organisaties:
            raise VerdelingFout(f"{plek}: onbekende organisatie {naam}.")
        if naam in gezien:
            raise VerdelingFout(f"{plek}: {naam} staat meer dan eens bij de deelnames.")
        gezien.add(naam)
        _valideer_deelname(deelname, f"{plek}, {naam}")
        if deelname.variant in (VARIANT_VOLLEDIG, VARIANT_INSTAP):
            delers.append(naam)

    if coalitie.profijt == PROFIJT_GELIJK:
        return
    if coalitie.profijt == PROFIJT_INWONERS:
        for naam in sorted(delers):
            if organisaties[naam].inwoners is None:
                raise VerdelingFout(
                    f"{plek} verdeelt naar inwoners, maar van {naam} is het aantal inwoners "
                    "niet opgegeven."
                )
        return
    if not isinstance(coalitie.profijt, Mapping):
        raise VerdelingFout(
            f"{plek}: onbekend profijt {_kort(coalitie.profijt)}; kies gelijk, inwoners "
            "of geef gewichten per organisatie."
        )
    for naam, gewicht in coalitie.profijt.items():
        if naam not in delers:
            raise VerdelingFout(
                f"{plek}: profijtgewicht voor {naam}, maar die neemt niet volledig of via "
                "instap deel."
            )
        _gewicht(gewicht, f"{plek}, profijtgewicht van {naam}")
    ontbrekend = sorted(set(delers) - set(coalitie.profijt))
    if ontbrekend:
        raise VerdelingFout(f"{plek}: profijtgewicht ontbreekt voor {', '.join(ontbrekend)}.")


_DEELNAME_VELDEN = ("bedrag", "instapdatum", "instapfee")
_VELDEN_PER_VARIANT = {
    VARIANT_VOLLEDIG: frozenset(),
    VARIANT_GEEN: frozenset(),
    VARIANT_SOLIDARITEIT: frozenset({"bedrag"}),
    VARIANT_INSTAP: frozenset({"instapdatum", "instapfee"}),
}


def _valideer_deelname(deelname: Deelname, plek: str) -> None:
    variant = deelname.variant
    if variant not in VARIANTEN:
        raise VerdelingFout(
            f"{plek}: onbekende variant {_kort(variant)}; kies uit {', '.join(VARIANTEN)}."
        )
    toegestaan = _VELDEN_PER_VARIANT[variant]
    for veld in _DEELNAME_VELDEN:
        if veld not in toegestaan and getattr(deelname, veld) is not None:
            raise VerdelingFout(f"{plek}: {veld} hoort niet bij variant {variant}.")

    if variant == VARIANT_SOLIDARITEIT:
        if deelname.bedrag is None:
            raise VerdelingFout(f"{plek}: een solidariteitsbijdrage vraagt een bedrag.")
        if _geldbedrag(deelname.bedrag, f"{plek}, bedrag") == 0:
            raise VerdelingFout(f"{plek}: een solidariteitsbijdrage moet groter dan 0 zijn.")
    elif variant == VARIANT_INSTAP:
        if not isinstance(deelname.instapdatum, date):
            raise VerdelingFout(f"{plek}: instap vraagt een instapdatum.")
        if deelname.instapfee is None:
            raise VerdelingFout(f"{plek}: instap vraagt een instapfee (mag 0 zijn).")
        _geldbedrag(deelname.instapfee, f"{plek}, instapfee")


# --- Computation ------------------------------------------------------------------------------


def bereken(scenario: Scenario) -> Resultaat:
    """Compute every organisation's contribution for the scenario's year."""
    return bereken_met_toelichting(scenario)[0]


@contextmanager
def _zonder_cyclusopruiming() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a year is computed.

    A year allocates a few hundred thousand small objects (amounts, weights, explanations) and none
    of them form reference cycles, so reference counting frees them anyway; meanwhile every full
    collection walks all objects of the process (in a web worker: every model instance loaded), which
    cost more than the computation itself at 2,000 coalities. Re-enabled only if it was on.
    """
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def bereken_met_toelichting(scenario: Scenario) -> tuple[Resultaat, Toelichting]:
    """Compute the year and keep the intermediate values that explain each contribution."""
    with _zonder_cyclusopruiming():
        return _bereken_met_toelichting(scenario)


def _bereken_met_toelichting(scenario: Scenario) -> tuple[Resultaat, Toelichting]:
    valideer_scenario(scenario)
    organisaties = {o.naam: o for o in scenario.organisaties}
    component_1, berekening_1 = _bereken_component(scenario.component_1, 1, organisaties)
    component_2, berekening_2 = _bereken_component(scenario.component_2, 2, organisaties)
    coalities = sorted(scenario.coalities, key=lambda c: c.naam)
    berekeningen = {c.naam: _bereken_coalitie(c, scenario.jaar, organisaties) for c in coalities}
    # Every organisation gets every coalition (NUL where it pays nothing), in coalition order; filled
    # from each coalition's few payers rather than by asking every coalition about every organisation.
    per_coalitie = {naam: dict.fromkeys(berekeningen, NUL) for naam in sorted(organisaties)}
    for coalitie, berekening in berekeningen.items():
        for naam, bedrag in berekening.aandelen.items():
            per_coalitie[naam][coalitie] = bedrag

    bijdragen = {
        naam: Bijdrage(
            component_1=component_1.get(naam, NUL),
            component_2=component_2.get(naam, NUL),
            per_coalitie=bedragen,
        )
        for naam, bedragen in per_coalitie.items()
    }
    waarschuwing = projectfinanciering_waarschuwing(
        component_3=sum((b.component_3 for b in bijdragen.values()), NUL),
        totaal=sum((b.totaal for b in bijdragen.values()), NUL),
        drempel=scenario.drempel,
    )
    resultaat = Resultaat(
        jaar=scenario.jaar,
        bijdragen=bijdragen,
        waarschuwingen=(waarschuwing,) if waarschuwing else (),
    )
    toelichting = Toelichting(
        jaar=scenario.jaar,
        organisaties=organisaties,
        component_1=berekening_1,
        component_2=berekening_2,
        coalities=berekeningen,
    )
    return resultaat, toelichting


def _sleutelgewichten(
    component: Component, gemeenten: Sequence[Organisatie]
) -> dict[str, Fraction]:
    """The exact weight of each gemeente under the component's allocation key."""
    if component.sleutel == SLEUTEL_GELIJK:
        return {g.naam: Fraction(1) for g in gemeenten}
    if component.sleutel == SLEUTEL_INWONERS:
        return {g.naam: Fraction(g.inwoners or 0) for g in gemeenten}
    if component.sleutel == SLEUTEL_VASTE_PERCENTAGES:
        return {g.naam: Fraction(component.percentages[g.naam]) for g in gemeenten}

    # One combined weight per gemeente and a single pass, so the fixed base and the
    # inhabitants part are not rounded separately and the total stays exact.
    vast = Fraction(component.vaste_voet_pct or 0) / 100
    alle_inwoners = sum(g.inwoners or 0 for g in gemeenten)
    if alle_inwoners == 0 and vast < 1:
        raise VerdelingFout(
            "De vaste voet met inwoners kan niet berekend worden: het totaal aantal inwoners is 0."
        )
    return {
        g.naam: vast / len(gemeenten)
        + ((1 - vast) * Fraction(g.inwoners or 0, alle_inwoners) if alle_inwoners else 0)
        for g in gemeenten
    }


def _bereken_component(
    component: Component, nummer: int, organisaties: Mapping[str, Organisatie]
) -> tuple[dict[str, Decimal], ComponentBerekening]:
    budget = _geldbedrag(component.budget, f"Component {nummer}, budget")
    vast = {naam: _geldbedrag(b, naam) for naam, b in component.vaste_bijdragen.items()}
    totaal_vast = sum(vast.values(), NUL)
    if totaal_vast > budget:
        raise VerdelingFout(
            f"De vaste bijdragen ({bedrag_nl(totaal_vast)}) zijn hoger dan het budget "
            f"({bedrag_nl(budget)}) van component {nummer}."
        )
    gemeenten = [o for o in organisaties.values() if o.soort == SOORT_GEMEENTE]
    rest = budget - totaal_vast
    if rest > 0 and not gemeenten:
        raise VerdelingFout(
            f"Component {nummer}: er is geen Drechtstedengemeente om {bedrag_nl(rest)} "
            "over te verdelen."
        )
    try:
        gewichten = _sleutelgewichten(component, gemeenten)
        aandelen = verdeel(rest, gewichten)
    except VerdelingFout as fout:
        raise VerdelingFout(f"Component {nummer}: {fout.message}") from fout
    berekening = ComponentBerekening(
        nummer=nummer,
        component=component,
        budget=budget,
        vaste_bijdragen=vast,
        rest=rest,
        gewichten=gewichten,
        aandelen=aandelen,
        inwoners={g.naam: g.inwoners for g in gemeenten},
    )
    return aandelen | vast, berekening


def instapfactor(instapdatum: date, jaar: int) -> Fraction:
    """Share of `jaar` an entrant takes part in, by whole calendar months from the entry date.

    Entry on the 1st counts that month (1 July -> 6/12); later in the month it does not
    (15 July -> 5/12). Before the entry year 0, after it 1.
    """
    if jaar < instapdatum.year:
        return Fraction(0)
    if jaar > instapdatum.year:
        return Fraction(1)
    maanden = 12 - instapdatum.month + (1 if instapdatum.day == 1 else 0)
    return Fraction(maanden, 12)


def _bereken_coalitie(
    coalitie: Coalitie, jaar: int, organisaties: Mapping[str, Organisatie]
) -> CoalitieBerekening:
    budget = _geldbedrag(coalitie.budget, f"Coalitie {coalitie.naam}, budget")
    vast: dict[str, Decimal] = {}
    gewichten: dict[str, Fraction] = {}
    factoren: dict[str, Fraction] = {}
    for deelname in coalitie.deelnames:
        naam = deelname.organisatie
        if deelname.variant == VARIANT_SOLIDARITEIT:
            vast[naam] = _geldbedrag(deelname.bedrag, naam)
        elif deelname.variant == VARIANT_VOLLEDIG:
            gewichten[naam] = _profijt(coalitie, organisaties[naam])
        elif deelname.variant == VARIANT_INSTAP:
            assert deelname.instapdatum is not None  # checked by valideer_scenario
            if deelname.instapdatum.year == jaar:
                # The fee is a one-off "passagiersbijdrage" in the year of entry.
                vast[naam] = _geldbedrag(deelname.instapfee, naam)
            factor = instapfactor(deelname.instapdatum, jaar)
            factoren[naam] = factor
            gewichten[naam] = _profijt(coalitie, organisaties[naam]) * factor

    totaal_vast = sum(vast.values(), NUL)
    if totaal_vast > budget:
        raise VerdelingFout(
            f"De solidariteitsbijdragen en instapfees ({bedrag_nl(totaal_vast)}) zijn hoger dan "
            f"het projectbudget ({bedrag_nl(budget)}) van coalitie {coalitie.naam}."
        )
    rest = budget - totaal_vast
    if rest > 0 and not any(gewichten.values()):
        raise VerdelingFout(
            f"Coalitie {coalitie.naam}: niemand draagt het restant van {bedrag_nl(rest)}; er is "
            "geen volledige deelnemer of ingegane instapper met een profijtgewicht groter dan 0."
        )
    aandelen = verdeel(rest, gewichten)
    return CoalitieBerekening(
        coalitie=coalitie,
        budget=budget,
        vast=vast,
        rest=rest,
        gewichten=gewichten,
        instapfactoren=factoren,
        verdeeld=aandelen,
        aandelen={
            naam: aandelen.get(naam, NUL) + vast.get(naam, NUL)
            for naam in sorted(aandelen | vast)
        },
    )


_EEN = Fraction(1)


def _profijt(coalitie: Coalitie, organisatie: Organisatie) -> Fraction:
    if coalitie.profijt == PROFIJT_GELIJK:
        return _EEN
    if coalitie.profijt == PROFIJT_INWONERS:
        return Fraction(organisatie.inwoners or 0)
    assert isinstance(coalitie.profijt, Mapping)  # checked by valideer_scenario
    return _gewicht(coalitie.profijt[organisatie.naam], organisatie.naam)


# --- Warnings ---------------------------------------------------------------------------------


def projectfinanciering_waarschuwing(
    component_3: Decimal, totaal: Decimal, drempel: Decimal = STANDAARD_DREMPEL
) -> str | None:
    """Warn when component 3 is more than `drempel` percent of the year's total."""
    if totaal <= 0:
        return None
    aandeel = Fraction(component_3) * 100 / Fraction(totaal)
    if aandeel <= Fraction(drempel):
        return None
    afgerond = (Decimal(aandeel.numerator) / Decimal(aandeel.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return (
        f"Veel projectfinanciering: component 3 is {format(afgerond, 'f').replace('.', ',')} % "
        f"van het totaal (drempel {_getal_nl(Decimal(drempel))} %). "
        "Risico op bureaucratie en discussie over wie wat betaalt."
    )


def meerjarige_basis_waarschuwing(jaar: int, jaren_met_basis: set[int]) -> str | None:
    """Warn unless components 1 and 2 are set for each of the three years after `jaar`."""
    ontbrekend = [j for j in range(jaar + 1, jaar + 4) if j not in jaren_met_basis]
    if not ontbrekend:
        return None
    return (
        "Geen meerjarige basis: componenten 1 en 2 zijn niet vastgesteld voor "
        f"{', '.join(str(j) for j in ontbrekend)}."
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
        "waarschuwingen": list(resultaat.waarschuwingen),
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


# --- Scenario input (JSON) --------------------------------------------------------------------


# Bounds of JSON input, checked on the text of a number before it is converted: no number has more
# than MAX_TEKENS characters or twelve digits before the point, and an exponent beyond ±EXPONENT_MAX
# is refused (1e999999999 would take minutes to expand into a Fraction).
EXPONENT_MAX = 20
DECIMALEN_MAX = 6  # percentages and weights; amounts have two
GEWICHT_MAX = Decimal("1000000")
INWONERS_MAX = 100_000_000
_TEKST_GETAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def _begrensd_getal(tekst: str, plek: str) -> Decimal:
    """The Decimal of a number's text, refused on its length or exponent before converting it."""
    if len(tekst) > MAX_TEKENS:
        raise VerdelingFout(f"{plek}: het getal {_kort(tekst)} is te lang (hoogstens {MAX_TEKENS} tekens).")
    if not _TEKST_GETAL.fullmatch(tekst):
        raise VerdelingFout(
            f"{plek}: {_kort(tekst)} is geen geldig getal; gebruik een punt als decimaalteken, "
            'bijvoorbeeld "1250.50".'
        )
    _mantisse, _e, exponent = tekst.lower().partition("e")
    if exponent and abs(int(exponent)) > EXPONENT_MAX:
        raise VerdelingFout(f"{plek}: het getal {tekst} is te groot of te klein.")
    getal = Decimal(tekst)
    if getal.is_finite() and getal != 0 and getal.adjusted() >= BEDRAG_CIJFERS + 2:
        raise VerdelingFout(f"{plek}: het getal {tekst} is te groot.")
    return getal


class _JsonGetalFout(ValueError):
    """A JSON number refused while parsing; carries the Dutch message."""


_ONGELDIG_GETAL = "Het scenario bevat een ongeldig getal"


def _json_float(tekst: str) -> Decimal:
    try:
        return _begrensd_getal(tekst, _ONGELDIG_GETAL)
    except VerdelingFout as fout:
        raise _JsonGetalFout(fout.message) from None


def _json_int(tekst: str) -> int:
    if len(tekst) > BEDRAG_CIJFERS + 3:
        raise _JsonGetalFout(f"{_ONGELDIG_GETAL}: het gehele getal {_kort(tekst)} is te groot.")
    return int(tekst)


def _json_constante(tekst: str) -> Decimal:
    raise _JsonGetalFout(f"{_ONGELDIG_GETAL}: {tekst} is geen geldig getal.")


def lees_scenario(tekst: str) -> Scenario:
    """Parse and validate a JSON scenario text; JSON numbers are read exactly as Decimal.

    Every number is bounded on its text before conversion, and any malformed, hostile or too deeply
    nested input becomes a VerdelingFout with a Dutch message.
    """
    try:
        data = json.loads(
            tekst, parse_float=_json_float, parse_int=_json_int, parse_constant=_json_constante
        )
    except json.JSONDecodeError as fout:
        raise VerdelingFout(
            f"Het scenario is geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): "
            f"{fout.msg}."
        ) from fout
    except _JsonGetalFout as fout:
        raise VerdelingFout(str(fout)) from None
    except RecursionError:
        raise VerdelingFout("Het scenario is te diep genest; dat is geen geldig scenario.") from None
    except ValueError as fout:
        raise VerdelingFout(f"Het scenario kan niet gelezen worden: {_kort(str(fout))}.") from None
    try:
        return scenario_uit_json(data)
    except RecursionError:
        raise VerdelingFout("Het scenario is te diep genest; dat is geen geldig scenario.") from None


def _kort(waarde: Any) -> str:
    """A short repr for a message: a hostile value never fills the screen or recurses deeply."""
    try:
        return reprlib.repr(waarde)
    except (ValueError, RecursionError):  # an int beyond Python's 4,300 digits, or absurd nesting
        return "(een te grote waarde)"


def scenario_uit_json(data: Any) -> Scenario:
    """Build and validate a Scenario from decoded JSON data (see the module docstring)."""
    _object(
        data,
        "Scenario",
        verplicht={"jaar", "organisaties", "component_1", "component_2"},
        optioneel={"coalities", "drempel_projectfinanciering_pct"},
    )
    organisaties = tuple(
        _organisatie_uit_json(o, f"Organisatie nr. {i}")
        for i, o in enumerate(_lijst(data["organisaties"], "organisaties"), start=1)
    )
    coalities = tuple(
        _coalitie_uit_json(c, f"Coalitie nr. {i}")
        for i, c in enumerate(_lijst(data.get("coalities", []), "coalities"), start=1)
    )
    drempel = STANDAARD_DREMPEL
    if "drempel_projectfinanciering_pct" in data:
        drempel = _percentage_uit_json(
            data["drempel_projectfinanciering_pct"], "drempel_projectfinanciering_pct"
        )
    scenario = Scenario(
        jaar=_jaar_uit_json(data["jaar"], "jaar"),
        organisaties=organisaties,
        component_1=_component_uit_json(data["component_1"], "component_1"),
        component_2=_component_uit_json(data["component_2"], "component_2"),
        coalities=coalities,
        drempel=drempel,
    )
    valideer_scenario(scenario)
    return scenario


def _object(waarde: Any, plek: str, verplicht: set[str], optioneel: set[str]) -> Mapping[str, Any]:
    if not isinstance(waarde, Mapping):
        raise VerdelingFout(f"{plek}: verwacht een object met velden, niet {_kort(waarde)}.")
    onbekend = sorted(set(waarde) - verplicht - optioneel)
    if onbekend:
        raise VerdelingFout(f"{plek}: onbekend veld {', '.join(map(str, onbekend))}.")
    ontbrekend = sorted(verplicht - set(waarde))
    if ontbrekend:
        raise VerdelingFout(f"{plek}: verplicht veld {', '.join(ontbrekend)} ontbreekt.")
    return waarde


def _lijst(waarde: Any, plek: str) -> list[Any]:
    if not isinstance(waarde, list):
        raise VerdelingFout(f"{plek}: verwacht een lijst, niet {_kort(waarde)}.")
    return waarde


def _geheel_getal(waarde: Any, plek: str) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise VerdelingFout(f"{plek}: verwacht een geheel getal, niet {_kort(waarde)}.")
    return waarde


def _getal_uit_json(waarde: Any, plek: str, *, decimalen: int = DECIMALEN_MAX) -> Decimal:
    """A Decimal from a string, int or Decimal; floats are refused because they are inexact.

    The number is bounded (length, exponent, digits) before anything converts or expands it.
    """
    if isinstance(waarde, float):
        raise VerdelingFout(
            f'{plek}: schrijf het getal {_kort(waarde)} als tekst, bijvoorbeeld "1250.50".'
        )
    if isinstance(waarde, str):
        waarde = _begrensd_getal(waarde.strip(), plek)
    elif isinstance(waarde, Decimal):
        waarde = _begrensd_getal(str(waarde), plek)
    elif isinstance(waarde, int) and not isinstance(waarde, bool) and abs(waarde) >= 10 ** (BEDRAG_CIJFERS + 2):
        raise VerdelingFout(f"{plek}: het getal is te groot.")
    getal = _decimaal(waarde, plek)
    if getal.as_tuple().exponent < -decimalen and getal != getal.quantize(Decimal(1).scaleb(-decimalen)):
        raise VerdelingFout(f"{plek}: hoogstens {decimalen} cijfers na de punt ({_kort(str(getal))}).")
    return getal


def _bedrag_uit_json(waarde: Any, plek: str) -> Decimal:
    bedrag = _geldbedrag(_getal_uit_json(waarde, plek), plek)
    if bedrag > BEDRAG_MAX:
        raise VerdelingFout(f"{plek}: een bedrag ligt onder de € 10 miljard ({bedrag}).")
    return bedrag


def _percentage_uit_json(waarde: Any, plek: str) -> Decimal:
    return _percentage(_getal_uit_json(waarde, plek), plek)


def _gewicht_uit_json(waarde: Any, plek: str) -> Decimal:
    gewicht = _getal_uit_json(waarde, plek)
    if gewicht > GEWICHT_MAX:  # a negative weight gets the engine's own message
        raise VerdelingFout(f"{plek}: een gewicht is hoogstens {GEWICHT_MAX} ({gewicht}).")
    return gewicht


def _jaar_uit_json(waarde: Any, plek: str) -> int:
    jaar = _geheel_getal(waarde, plek)
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        raise VerdelingFout(f"{plek}: kies een jaar tussen {JAAR_MIN} en {JAAR_MAX}, niet {jaar}.")
    return jaar


def _datum_uit_json(waarde: Any, plek: str) -> date:
    if isinstance(waarde, str):
        try:
            datum = date.fromisoformat(waarde)
        except ValueError:
            datum = None
        if datum is not None and datum.isoformat() == waarde:
            return datum
    raise VerdelingFout(f"{plek}: {_kort(waarde)} is geen geldige datum; schrijf JJJJ-MM-DD.")


def _organisatie_uit_json(data: Any, plek: str) -> Organisatie:
    _object(data, plek, verplicht={"naam"}, optioneel={"inwoners", "soort"})
    inwoners = data.get("inwoners")
    return Organisatie(
        naam=_naam(data["naam"], f"{plek}, naam"),
        inwoners=None if inwoners is None else _inwoners_uit_json(inwoners, f"{plek}, inwoners"),
        soort=data.get("soort", SOORT_GEMEENTE),
    )


def _inwoners_uit_json(waarde: Any, plek: str) -> int:
    inwoners = _geheel_getal(waarde, plek)
    if inwoners > INWONERS_MAX:  # a negative number gets the engine's own message
        raise VerdelingFout(f"{plek}: het aantal inwoners is hoogstens 100.000.000 ({inwoners}).")
    return inwoners


def _component_uit_json(data: Any, plek: str) -> Component:
    _object(
        data,
        plek,
        verplicht={"budget", "sleutel"},
        optioneel={"vaste_voet_pct", "percentages", "vaste_bijdragen"},
    )
    percentages = data.get("percentages", {})
    if not isinstance(percentages, Mapping):
        raise VerdelingFout(
            f"{plek}, percentages: verwacht een object met een percentage per gemeente."
        )
    vaste_bijdragen: dict[str, Decimal] = {}
    for i, regel in enumerate(
        _lijst(data.get("vaste_bijdragen", []), f"{plek}, vaste_bijdragen"), 1
    ):
        regel_plek = f"{plek}, vaste bijdrage nr. {i}"
        _object(regel, regel_plek, verplicht={"organisatie", "bedrag"}, optioneel=set())
        naam = _naam(regel["organisatie"], f"{regel_plek}, organisatie")
        if naam in vaste_bijdragen:
            raise VerdelingFout(f"{plek}: {naam} heeft meer dan een vaste bijdrage.")
        vaste_bijdragen[naam] = _bedrag_uit_json(regel["bedrag"], f"{regel_plek}, bedrag")
    vaste_voet = data.get("vaste_voet_pct")
    return Component(
        budget=_bedrag_uit_json(data["budget"], f"{plek}, budget"),
        sleutel=data["sleutel"],
        vaste_voet_pct=None
        if vaste_voet is None
        else _percentage_uit_json(vaste_voet, f"{plek}, vaste_voet_pct"),
        percentages={
            naam: _percentage_uit_json(pct, f"{plek}, percentage van {naam}")
            for naam, pct in percentages.items()
        },
        vaste_bijdragen=vaste_bijdragen,
    )


def _coalitie_uit_json(data: Any, plek: str) -> Coalitie:
    _object(data, plek, verplicht={"naam", "budget", "profijt", "deelnames"}, optioneel=set())
    naam = _naam(data["naam"], f"{plek}, naam")
    plek = f"Coalitie {naam}"
    profijt = data["profijt"]
    if isinstance(profijt, Mapping):
        profijt = {
            org: _gewicht_uit_json(gewicht, f"{plek}, profijtgewicht van {org}")
            for org, gewicht in profijt.items()
        }
    return Coalitie(
        naam=naam,
        budget=_bedrag_uit_json(data["budget"], f"{plek}, budget"),
        profijt=profijt,
        deelnames=tuple(
            _deelname_uit_json(d, f"{plek}, deelname nr. {i}")
            for i, d in enumerate(_lijst(data["deelnames"], f"{plek}, deelnames"), start=1)
        ),
    )


def _deelname_uit_json(data: Any, plek: str) -> Deelname:
    _object(
        data,
        plek,
        verplicht={"organisatie", "variant"},
        optioneel={"bedrag", "instapdatum", "instapfee"},
    )
    bedrag, instapdatum, instapfee = (data.get(v) for v in ("bedrag", "instapdatum", "instapfee"))
    return Deelname(
        organisatie=_naam(data["organisatie"], f"{plek}, organisatie"),
        variant=data["variant"],
        bedrag=None if bedrag is None else _bedrag_uit_json(bedrag, f"{plek}, bedrag"),
        instapdatum=None
        if instapdatum is None
        else _datum_uit_json(instapdatum, f"{plek}, instapdatum"),
        instapfee=None if instapfee is None else _bedrag_uit_json(instapfee, f"{plek}, instapfee"),
    )
