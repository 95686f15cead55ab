"""The arithmetic of the allocation: exact Fractions and whole cents.

The largest-remainder split per component and per coalition, and the explanation of each share.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .meldingen import gettext_noop
from .scenario import (
    Bijdrage,
    Coalitie,
    CoalitieUitleg,
    Component,
    ComponentUitleg,
    DEEL_AFRONDING,
    DEEL_GELIJK,
    DEEL_INSTAPFEE,
    DEEL_INWONERS,
    DEEL_OVERNAME,
    DEEL_PERCENTAGE,
    DEEL_PROFIJT,
    DEEL_SOLIDARITEIT,
    DEEL_VASTE_BIJDRAGE,
    DEEL_VASTE_VOET,
    Deel,
    NUL,
    Organisatie,
    OrganisatieUitleg,
    PROFIJT_GELIJK,
    PROFIJT_INWONERS,
    Resultaat,
    SLEUTEL_GELIJK,
    SLEUTEL_INWONERS,
    SLEUTEL_VASTE_PERCENTAGES,
    SOORT_GEMEENTE,
    Scenario,
    VARIANT_INSTAP,
    VARIANT_SOLIDARITEIT,
    VARIANT_VOLLEDIG,
    VerdelingFout,
)
from .uitvoer import bedrag_nl, projectfinanciering_waarschuwing
from .invoer import _geldbedrag, _geldcenten, _gewicht, _uit_centen, valideer_scenario


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
    # Joined or left during the year: the months paid, what the others carry and how.
    maanden: Mapping[str, int] = None  # type: ignore[assignment]
    onbetaald: Decimal = NUL
    dragers: Mapping[str, Fraction] = None  # type: ignore[assignment]

    def uitleg(self, naam: str) -> ComponentUitleg:
        component = self.component
        bedrag = self.aandelen.get(naam, self.vaste_bijdragen.get(naam, NUL))
        maanden = (self.maanden or {}).get(naam)
        delen: list[Deel] = []
        if naam in self.vaste_bijdragen:
            delen.append(Deel(DEEL_VASTE_BIJDRAGE, bedrag, basis=self.vaste_bijdragen[naam], teller=Fraction(1),
                              maanden=maanden))
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
            if maanden is not None:
                delen = [dataclass_replace(d, maanden=maanden) for d in delen]
            delen += _overname(naam, self.onbetaald, self.dragers)
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
    verdeeld: Mapping[str, Decimal]  # each party's part of the rest, after joins and leaves
    aandelen: Mapping[str, Decimal]
    # Joined or left during the year: the months paid, what the others carry and how.
    maanden: Mapping[str, int] = None  # type: ignore[assignment]
    onbetaald: Decimal = NUL
    dragers: Mapping[str, Fraction] = None  # type: ignore[assignment]

    def uitleg(self, naam: str) -> CoalitieUitleg | None:
        deelname = next((d for d in self.coalitie.deelnames if d.organisatie == naam), None)
        if deelname is None:
            return None
        maanden = (self.maanden or {}).get(naam)
        delen: list[Deel] = []
        if deelname.variant == VARIANT_SOLIDARITEIT:
            delen.append(Deel(DEEL_SOLIDARITEIT, self.vast[naam], basis=self.vast[naam], teller=Fraction(1)))
        if deelname.variant == VARIANT_INSTAP and naam in self.vast:
            delen.append(Deel(DEEL_INSTAPFEE, self.vast[naam], basis=self.vast[naam], teller=Fraction(1)))
        profijt: list[Deel] = []
        if naam in self.gewichten:
            totaal = sum(self.gewichten.values(), Fraction(0))
            profijt = [Deel(DEEL_PROFIJT, NUL, self.rest, self.gewichten[naam], totaal)]
            profijt += _overname(naam, self.onbetaald, self.dragers)
        if maanden is not None:
            # Part of the year: every part of the whole-year amount times the months, to the cent paid.
            delen = _met_afronding([dataclass_replace(d, maanden=maanden) for d in delen + profijt],
                                   self.aandelen.get(naam, NUL))
        elif profijt:
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
            maanden=maanden,
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


def _overname(naam: str, onbetaald: Decimal, dragers: Mapping[str, Fraction] | None) -> list[Deel]:
    """The part of what joiners and leavers do not pay that `naam` carries, as a share of it by weight."""
    if not onbetaald or not dragers or naam not in dragers:
        return []
    return [Deel(DEEL_OVERNAME, NUL, onbetaald, dragers[naam], sum(dragers.values(), Fraction(0)))]


# --- Joining or leaving during the year -------------------------------------------------------


def deel_van_jaar(bedrag: Decimal, maanden: int) -> Decimal:
    """`maanden` twelfths of an amount, rounded half up to the cent (as `financiering.overgang` records it)."""
    return _uit_centen((_geldcenten(bedrag, "Bedrag") * maanden * 2 + 12) // 24)


def naar_rato(
    aandelen: Mapping[str, Decimal], gewichten: Mapping[str, Fraction], maanden: Mapping[str, int]
) -> tuple[dict[str, Decimal], Decimal, dict[str, Fraction]]:
    """Shares of the whole year, with the parties in `maanden` paying only those months.

    Each such party pays `maanden`/12 of its share, rounded half up to the cent; what they do not pay
    together is split by weight (largest remainder) over the parties of the whole year with a weight
    above 0. Returns the amounts, the amount carried by others and the weights of those who carry it.
    With one party joining or leaving and equal weights this is the split month by month: the months
    it takes part are shared with it, the others among the rest.
    """
    deels = {naam: m for naam, m in maanden.items() if naam in aandelen and m < 12}
    if not deels:
        return dict(aandelen), NUL, {}
    betaald = dict(aandelen)
    for naam, m in deels.items():
        betaald[naam] = deel_van_jaar(aandelen[naam], m)
    onbetaald = sum((aandelen[naam] - betaald[naam] for naam in deels), NUL)
    dragers = {naam: w for naam, w in gewichten.items() if naam not in deels and w > 0}
    if onbetaald and not dragers:
        raise VerdelingFout(
            gettext_noop(
                "%(bedrag)s kan niet verdeeld worden: wie in dit jaar toe- of uittreedt, betaalt alleen "
                "de eigen maanden, en er is niemand die het hele jaar deelneemt om de rest te dragen."
            ),
            bedrag=bedrag_nl(onbetaald),
        )
    for naam, extra in (verdeel(onbetaald, dragers) if onbetaald else {}).items():
        betaald[naam] += extra
    return betaald, onbetaald, dragers


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
    if centen == 0:
        return {naam: NUL for naam in sorted(exact)}
    aandelen = _verdeel_centen(centen, exact)
    if aandelen is None:
        raise VerdelingFout(
            gettext_noop(
                "%(bedrag)s kan niet verdeeld worden: niemand heeft een gewicht groter "
                "dan 0."
            ),
            bedrag=bedrag_nl(bedrag),
        )
    return {naam: _uit_centen(c) for naam, c in aandelen.items()}


def _verdeel_centen(centen: int, gewichten: Mapping[str, Fraction]) -> dict[str, int] | None:
    """`verdeel` in whole cents, by name in sorted order, for weights already checked; None when every
    weight is 0.

    The same computation in integers: every weight times the common denominator, so each share
    centen * w / W is a whole quotient plus a remainder over the one denominator W, and comparing
    remainders compares the exact fractional parts. (Fraction arithmetic was most of the time here.)
    """
    namen = sorted(gewichten)
    exact = [gewichten[naam] for naam in namen]
    noemer = 1
    for w in exact:
        if w.denominator != 1:
            noemer = math.lcm(noemer, w.denominator)
    if noemer == 1:  # equal shares or inhabitants: whole weights, nothing to scale
        gehele = [w.numerator for w in exact]
    else:
        gehele = [w.numerator * (noemer // w.denominator) for w in exact]
    totaal = sum(gehele)
    if totaal == 0:
        return None
    delen = [divmod(centen * g, totaal) for g in gehele]
    aandelen = {naam: deel for naam, (deel, _) in zip(namen, delen)}
    over = centen - sum(aandelen.values())
    if over:
        # Largest remainder first; on a tie the name that sorts first (the names are in sorted order),
        # so the result does not depend on the input order.
        for i in sorted(range(len(namen)), key=lambda i: (-delen[i][1], i))[:over]:
            aandelen[namen[i]] += 1
    return aandelen


# --- Computation ------------------------------------------------------------------------------


def bereken(scenario: Scenario) -> Resultaat:
    """Compute every organisation's contribution for the scenario's year."""
    with _zonder_cyclusopruiming():
        # Without the explanation: its values are most of the objects a year makes, and the
        # collection that follows would walk them all.
        return _bereken_met_toelichting(scenario, uitleg=False)[0]


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


def _bereken_met_toelichting(scenario: Scenario, *, uitleg: bool = True) -> tuple[Resultaat, Toelichting | None]:
    valideer_scenario(scenario)
    organisaties = {o.naam: o for o in scenario.organisaties}
    component_1, berekening_1 = _bereken_component(scenario.component_1, 1, organisaties)
    component_2, berekening_2 = _bereken_component(scenario.component_2, 2, organisaties)
    coalities = sorted(scenario.coalities, key=lambda c: c.naam)
    # Each gemeente's inhabitants as a weight once, rather than once per coalition it takes part in.
    inwoners = {naam: Fraction(o.inwoners or 0) for naam, o in organisaties.items()}
    if uitleg:
        berekeningen = {c.naam: _bereken_coalitie(c, scenario.jaar, inwoners) for c in coalities}
        per_partij = {naam: berekening.aandelen for naam, berekening in berekeningen.items()}
    else:
        per_partij = {c.naam: _coalitie_aandelen(c, scenario.jaar, inwoners) for c in coalities}
    # Every organisation gets every coalition (NUL where it pays nothing), in coalition order; filled
    # from each coalition's few payers rather than by asking every coalition about every organisation.
    # Each organisation's component 3 is summed over its own shares on the way: the zeros of the other
    # coalitions add nothing, and summing them was most of the time after the coalitions themselves.
    geen = dict.fromkeys(per_partij, NUL)
    per_coalitie = {naam: geen.copy() for naam in sorted(organisaties)}
    component_3 = dict.fromkeys(per_coalitie, NUL)
    for coalitie, aandelen in per_partij.items():
        for naam, bedrag in aandelen.items():
            per_coalitie[naam][coalitie] = bedrag
            component_3[naam] += bedrag

    bijdragen = {
        naam: _bijdrage(component_1.get(naam, NUL), component_2.get(naam, NUL), bedragen, component_3[naam])
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
    if not uitleg:
        return resultaat, None
    toelichting = Toelichting(
        jaar=scenario.jaar,
        organisaties=organisaties,
        component_1=berekening_1,
        component_2=berekening_2,
        coalities=berekeningen,
    )
    return resultaat, toelichting


def _bijdrage(
    component_1: Decimal, component_2: Decimal, per_coalitie: dict[str, Decimal], component_3: Decimal
) -> Bijdrage:
    """A Bijdrage with its component 3 already known (the sum of `per_coalitie`), as the cached
    property would find it, rather than added up again over every coalition of the year."""
    bijdrage = Bijdrage(component_1=component_1, component_2=component_2, per_coalitie=per_coalitie)
    bijdrage.__dict__["component_3"] = component_3  # where functools.cached_property keeps its value
    return bijdrage


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
            gettext_noop(
                "De vaste voet met inwoners kan niet berekend worden: het totaal aantal "
                "inwoners is 0."
            ),
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
            gettext_noop(
                "De vaste bijdragen (%(totaal_vast)s) zijn hoger dan het budget "
                "(%(budget)s) van component %(nummer)s."
            ),
            totaal_vast=bedrag_nl(totaal_vast), budget=bedrag_nl(budget), nummer=nummer,
        )
    gemeenten = [o for o in organisaties.values() if o.soort == SOORT_GEMEENTE]
    rest = budget - totaal_vast
    if rest > 0 and not gemeenten:
        raise VerdelingFout(
            gettext_noop(
                "Component %(nummer)s: er is geen Drechtstedengemeente om %(rest)s over "
                "te verdelen."
            ),
            nummer=nummer, rest=bedrag_nl(rest),
        )
    maanden = {naam: m for naam, m in component.maanden.items() if m < 12}
    try:
        gewichten = _sleutelgewichten(component, gemeenten)
        # Whole-year amounts first; who joins or leaves during the year pays its months of it.
        aandelen, onbetaald, dragers = naar_rato(verdeel(rest, gewichten) | vast, gewichten, maanden)
    except VerdelingFout as fout:
        raise VerdelingFout(
            gettext_noop("Component %(nummer)s: %(fout)s"),
            nummer=nummer, fout=fout.melding,
        ) from fout
    berekening = ComponentBerekening(
        nummer=nummer,
        component=component,
        budget=budget,
        vaste_bijdragen=vast,
        rest=rest,
        gewichten=gewichten,
        aandelen=aandelen,
        inwoners={g.naam: g.inwoners for g in gemeenten},
        maanden=maanden,
        onbetaald=onbetaald,
        dragers=dragers,
    )
    return aandelen, berekening


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


def _bereken_coalitie(coalitie: Coalitie, jaar: int, inwoners: Mapping[str, Fraction]) -> CoalitieBerekening:
    budget_centen, vast_centen, verdeeld_centen, gewichten, factoren, maanden = _in_centen(coalitie, jaar, inwoners)
    vast = {naam: _uit_centen(c) for naam, c in vast_centen.items()}
    verdeeld = {naam: _uit_centen(c) for naam, c in verdeeld_centen.items()}
    # Whole-year amounts first; who joins or leaves during the year pays its months of it.
    heel: dict[str, Decimal] = {}
    for naam in sorted(verdeeld_centen | vast_centen):
        if naam not in vast:
            heel[naam] = verdeeld[naam]
        elif naam not in verdeeld:
            heel[naam] = vast[naam]
        else:
            heel[naam] = _uit_centen(verdeeld_centen[naam] + vast_centen[naam])
    aandelen, onbetaald, dragers = heel, NUL, {}
    if maanden:  # only then: most coalitions have nobody joining or leaving, and this runs for each
        try:
            aandelen, onbetaald, dragers = naar_rato(heel, gewichten, maanden)
        except VerdelingFout as fout:
            raise VerdelingFout(
                gettext_noop("Coalitie %(naam)s: %(fout)s"), naam=coalitie.naam, fout=fout.melding,
            ) from fout
        verdeeld = {naam: aandelen[naam] - vast.get(naam, NUL) for naam in verdeeld}
    return CoalitieBerekening(
        coalitie=coalitie,
        budget=_uit_centen(budget_centen),
        vast=vast,
        rest=_uit_centen(budget_centen - sum(vast_centen.values())),
        gewichten=gewichten,
        instapfactoren=factoren,
        verdeeld=verdeeld,
        aandelen=aandelen,
        maanden=maanden,
        onbetaald=onbetaald,
        dragers=dragers,
    )


def _coalitie_aandelen(coalitie: Coalitie, jaar: int, inwoners: Mapping[str, Fraction]) -> dict[str, Decimal]:
    """Each party's amount in the coalition, as `_bereken_coalitie` gives it, without the values that
    explain it: all that `bereken` needs."""
    _, vast, verdeeld, _, _, maanden = _in_centen(coalitie, jaar, inwoners)
    if maanden:  # someone joined or left during the year (rare): as with the explanation
        return _bereken_coalitie(coalitie, jaar, inwoners).aandelen
    return {naam: _uit_centen(verdeeld.get(naam, 0) + vast.get(naam, 0)) for naam in sorted(verdeeld | vast)}


def _in_centen(
    coalitie: Coalitie, jaar: int, inwoners: Mapping[str, Fraction]
) -> tuple[int, dict[str, int], dict[str, int], dict[str, Fraction], dict[str, Fraction], dict[str, int]]:
    """The budget, the fixed amounts and the split of the rest of one coalition in whole cents, with the
    weights, entry factors and months behind them. In cents until the amounts are written out: the same
    sums as in Decimals, at a fraction of the cost (this runs for every coalition of every year)."""
    budget_centen = _geldcenten(coalitie.budget, f"Coalitie {coalitie.naam}, budget")
    vast_centen: dict[str, int] = {}
    gewichten: dict[str, Fraction] = {}
    factoren: dict[str, Fraction] = {}
    maanden: dict[str, int] = {}
    profijt = _profijt_van(coalitie, inwoners)
    for deelname in coalitie.deelnames:
        naam = deelname.organisatie
        if deelname.maanden is not None and deelname.maanden < 12:
            maanden[naam] = deelname.maanden
        variant = deelname.variant
        if variant == VARIANT_VOLLEDIG:
            gewichten[naam] = profijt(naam)
        elif variant == VARIANT_SOLIDARITEIT:
            vast_centen[naam] = _geldcenten(deelname.bedrag, naam)
        elif variant == VARIANT_INSTAP:
            assert deelname.instapdatum is not None  # checked by valideer_scenario
            if deelname.instapdatum.year == jaar:
                # The fee is a one-off "passagiersbijdrage" in the year of entry.
                vast_centen[naam] = _geldcenten(deelname.instapfee, naam)
            factor = instapfactor(deelname.instapdatum, jaar)
            factoren[naam] = factor
            gewichten[naam] = profijt(naam) * factor

    totaal_vast = sum(vast_centen.values())
    if totaal_vast > budget_centen:
        raise VerdelingFout(
            gettext_noop(
                "De solidariteitsbijdragen en instapfees (%(totaal_vast)s) zijn hoger "
                "dan het projectbudget (%(budget)s) van coalitie %(naam)s."
            ),
            totaal_vast=bedrag_nl(_uit_centen(totaal_vast)), budget=bedrag_nl(_uit_centen(budget_centen)),
            naam=coalitie.naam,
        )
    rest_centen = budget_centen - totaal_vast
    if rest_centen > 0 and not any(gewichten.values()):
        raise VerdelingFout(
            gettext_noop(
                "Coalitie %(naam)s: niemand draagt het restant van %(rest)s; er is geen "
                "volledige deelnemer of ingegane instapper met een profijtgewicht "
                "groter dan 0."
            ),
            naam=coalitie.naam, rest=bedrag_nl(_uit_centen(rest_centen)),
        )
    # The weights are Fractions of 0 or more (checked by valideer_scenario), and some are above 0
    # when there is something to split.
    verdeeld_centen = (
        _verdeel_centen(rest_centen, gewichten) if rest_centen else dict.fromkeys(sorted(gewichten), 0)
    )
    return budget_centen, vast_centen, verdeeld_centen, gewichten, factoren, maanden


_EEN = Fraction(1)


def _profijt_van(coalitie: Coalitie, inwoners: Mapping[str, Fraction]) -> Callable[[str], Fraction]:
    """The benefit weight of a party in the coalition by its name; the kind of profijt read once."""
    if coalitie.profijt == PROFIJT_GELIJK:
        return _gelijk
    if coalitie.profijt == PROFIJT_INWONERS:
        return inwoners.__getitem__
    assert isinstance(coalitie.profijt, Mapping)  # checked by valideer_scenario
    gewichten = coalitie.profijt
    return lambda naam: _gewicht(gewichten[naam], naam)


def _gelijk(naam: str) -> Fraction:
    return _EEN
