"""Weighted votes of a body (a table, a coalition, a regiekamer): weights, cap, totals and outcome.

Principle decision of 2020: decide by consensus; when a vote is held anyway, weigh along
inhabitants and financial contribution, yet prevent full domination by the urban or the polder area.

Plain Python (no Django), so a table, a coalition and the command line all count the same way:

1. A member's raw weight is the mix of its shares by the *weging* percentages: an equal share
   (1/n), its share of the inhabitants, its share of the contributions.
2. A cap keeps every organisation, and every configured group of organisations, at or below a set
   percentage of the total. Weight above the cap goes proportionally to the others, again and
   again, until nobody is above it. The arithmetic is exact (fractions); when no distribution can
   respect the caps (a 10 % cap among seven members leaves 30 % for nobody) the answer is
   `GeenOplossing`, never a silent approximation.
3. Weights are published as percentages with four decimals that add up to exactly 100.0000
   (largest remainder, first over groups, then within each group, ties by name), so a published
   weight is never above the cap. Totals and the outcome are counted on these published weights,
   so anyone can check them by hand.
4. A majority is counted over voor + tegen; abstentions do not count. A simple majority needs
   more than half, a two-thirds majority at least two thirds. Without any voor or tegen a proposal
   is not adopted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

VOOR = "voor"
TEGEN = "tegen"
ONTHOUDING = "onthouding"
STEMMEN = (VOOR, TEGEN, ONTHOUDING)

GEWONE_MEERDERHEID = "gewone_meerderheid"
TWEE_DERDE = "twee_derde"
DREMPELS = (GEWONE_MEERDERHEID, TWEE_DERDE)

AANGENOMEN = "aangenomen"
VERWORPEN = "verworpen"

# Published weights are counted in ten-thousandths of a percent: 100.0000 % is one million units.
EENHEDEN = 1_000_000
VIER_DECIMALEN = Decimal("0.0001")
HONDERD = Decimal(100)


class StemmingFout(ValueError):
    """Input the vote cannot be computed from; the message is Dutch and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class GeenOplossing(StemmingFout):
    """No distribution of the weight keeps everybody at or below the caps."""


@dataclass(frozen=True)
class Weging:
    """How the raw weight is mixed, in percentages that add up to 100."""

    gelijk: Decimal = HONDERD
    inwoners: Decimal = Decimal(0)
    bijdrage: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for naam in ("gelijk", "inwoners", "bijdrage"):
            waarde = Decimal(getattr(self, naam))
            if not waarde.is_finite() or not Decimal(0) <= waarde <= HONDERD:
                raise StemmingFout(f"De weging '{naam}' ligt tussen 0 en 100 procent.")
            object.__setattr__(self, naam, waarde)
        if self.gelijk + self.inwoners + self.bijdrage != HONDERD:
            raise StemmingFout(
                "De weging (gelijk, inwoners, bijdrage) telt op tot "
                f"{self.gelijk + self.inwoners + self.bijdrage} procent in plaats van 100."
            )


@dataclass(frozen=True)
class Lid:
    """One voting member: its name, inhabitants, contribution, optional group and its vote."""

    organisatie: str
    inwoners: int = 0
    bijdrage: Decimal = Decimal(0)
    groep: str = ""
    stem: str | None = None


@dataclass(frozen=True)
class Regels:
    """A body's voting rules: the mix, the caps in percent (None: no cap) and the threshold."""

    weging: Weging = field(default_factory=Weging)
    plafond_pct: Decimal | None = None
    groepsplafond_pct: Decimal | None = None
    drempel: str = GEWONE_MEERDERHEID

    def __post_init__(self) -> None:
        for naam in ("plafond_pct", "groepsplafond_pct"):
            waarde = getattr(self, naam)
            if waarde is None:
                continue
            waarde = Decimal(waarde)
            if not waarde.is_finite() or not Decimal(0) < waarde <= HONDERD:
                raise StemmingFout(f"Het {_PLAFONDNAAM[naam]} ligt boven 0 en ten hoogste op 100 procent.")
            if waarde != waarde.quantize(VIER_DECIMALEN):
                raise StemmingFout(f"Het {_PLAFONDNAAM[naam]} heeft ten hoogste vier decimalen.")
            object.__setattr__(self, naam, waarde)
        if self.drempel not in DREMPELS:
            raise StemmingFout(f"Onbekende drempel '{self.drempel}'; kies gewone_meerderheid of twee_derde.")


_PLAFONDNAAM = {"plafond_pct": "plafond per organisatie", "groepsplafond_pct": "plafond per groep"}


@dataclass(frozen=True)
class Gewichten:
    """The weights of all members, exact and as published percentages."""

    ruw: dict[str, Fraction]  # shares of 1 before the cap
    exact: dict[str, Fraction]  # shares of 1 after the cap
    procent: dict[str, Decimal]  # published: four decimals, adding up to exactly 100.0000
    ruw_procent: dict[str, Decimal]  # the raw weights published the same way, to show the cap's effect
    begrensd: tuple[str, ...]  # organisations held at the cap
    begrensde_groepen: tuple[str, ...]  # groups held at the group cap

    @property
    def plafond_had_effect(self) -> bool:
        return bool(self.begrensd or self.begrensde_groepen)


@dataclass(frozen=True)
class Uitslag:
    gewichten: Gewichten
    voor: Decimal
    tegen: Decimal
    onthouding: Decimal
    niet_gestemd: Decimal
    drempel: str
    uitkomst: str

    @property
    def aangenomen(self) -> bool:
        return self.uitkomst == AANGENOMEN

    @property
    def uitgebracht(self) -> Decimal:
        """The weight the majority is counted over: voor + tegen."""
        return self.voor + self.tegen


# --- Raw weights ---------------------------------------------------------------------------------


def _controleer_leden(leden: Sequence[Lid]) -> None:
    if not leden:
        raise StemmingFout("Er zijn geen stemgerechtigde leden.")
    namen = [lid.organisatie for lid in leden]
    if any(not isinstance(n, str) or not n.strip() for n in namen):
        raise StemmingFout("Elk lid heeft de naam van een organisatie.")
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise StemmingFout(f"Deze organisatie staat meer dan eens in de lijst: {', '.join(dubbel)}.")
    for lid in leden:
        if isinstance(lid.inwoners, bool) or not isinstance(lid.inwoners, int) or lid.inwoners < 0:
            raise StemmingFout(f"{lid.organisatie}: het aantal inwoners is een geheel getal van 0 of meer.")
        bijdrage = Decimal(lid.bijdrage)
        if not bijdrage.is_finite() or bijdrage < 0:
            raise StemmingFout(f"{lid.organisatie}: de bijdrage is een bedrag van 0 of meer.")
        if lid.stem is not None and lid.stem not in STEMMEN:
            raise StemmingFout(
                f"{lid.organisatie}: onbekende stem '{lid.stem}'; kies voor, tegen of onthouding."
            )


def ruwe_gewichten(leden: Sequence[Lid], weging: Weging) -> dict[str, Fraction]:
    """Each member's mix of its equal share, inhabitants share and contribution share; they add up to 1."""
    _controleer_leden(leden)
    n = len(leden)
    inwoners_totaal = sum(lid.inwoners for lid in leden)
    bijdrage_totaal = sum(Fraction(Decimal(lid.bijdrage)) for lid in leden)
    if weging.inwoners and not inwoners_totaal:
        raise StemmingFout("De weging telt inwoners mee, maar geen enkel lid heeft inwoners.")
    if weging.bijdrage and not bijdrage_totaal:
        raise StemmingFout("De weging telt de bijdrage mee, maar geen enkel lid heeft een bijdrage.")
    gelijk, inwoners, bijdrage = (Fraction(w) / 100 for w in (weging.gelijk, weging.inwoners, weging.bijdrage))
    ruw = {}
    for lid in leden:
        gewicht = gelijk / n
        if inwoners:
            gewicht += inwoners * Fraction(lid.inwoners, inwoners_totaal)
        if bijdrage:
            gewicht += bijdrage * Fraction(Decimal(lid.bijdrage)) / bijdrage_totaal
        ruw[lid.organisatie] = gewicht
    return ruw


# --- The cap -------------------------------------------------------------------------------------


def _verdeel_met_plafond(budget: Fraction, ruw: Mapping[str, Fraction], plafond: Fraction | None) -> dict[str, Fraction]:
    """Shares `budget` proportionally to `ruw`, nobody above `plafond`; the excess goes to the others.

    Who is above the cap at the current share stays above it once others are held at the cap
    (the others' share only grows), so holding them and sharing the rest again ends in at most
    len(ruw) rounds.
    """
    vast: dict[str, Fraction] = {}
    while True:
        vrij = {k: r for k, r in ruw.items() if k not in vast}
        rest = budget - sum(vast.values(), Fraction(0))
        totaal = sum(vrij.values(), Fraction(0))
        if not totaal:
            if rest:
                raise GeenOplossing("Het gewicht kan niet verdeeld worden zonder iemand boven het plafond te zetten.")
            return vast | dict.fromkeys(vrij, Fraction(0))
        deel = {k: rest * r / totaal for k, r in vrij.items()}
        boven = [k for k, w in deel.items() if plafond is not None and w > plafond]
        if not boven:
            return vast | deel
        vast.update(dict.fromkeys(boven, plafond))


def _met_plafonds(
    ruw: Mapping[str, Fraction], groepen: Mapping[str, str], plafond: Fraction | None, groepsplafond: Fraction | None
) -> tuple[dict[str, Fraction], set[str], set[str]]:
    """Applies the cap per organisation and per group; returns the weights and who was held at a cap.

    Members outside held groups share what is left proportionally to their raw weight, each at most
    `plafond`; a group above `groepsplafond` is held at it and shares exactly that among its own
    members (again each at most `plafond`). Both sets only grow, so this ends.
    """
    leden_per_groep: dict[str, list[str]] = {}
    for naam, groep in groepen.items():
        if groep:
            leden_per_groep.setdefault(groep, []).append(naam)

    # Can the caps hold at all? Members without raw weight never receive any.
    plafond_of_alles = plafond if plafond is not None else Fraction(1)
    capaciteit = Fraction(0)
    for naam, r in ruw.items():
        if r and not groepen.get(naam):
            capaciteit += plafond_of_alles
    for leden in leden_per_groep.values():
        binnen = plafond_of_alles * sum(1 for naam in leden if ruw[naam])
        capaciteit += min(binnen, groepsplafond) if groepsplafond is not None else binnen
    if capaciteit < 1:
        raise GeenOplossing(
            "Met deze plafonds is geen verdeling mogelijk: samen kunnen de leden (en groepen) ten hoogste "
            f"{_procent_tekst(capaciteit)} procent van het gewicht dragen, minder dan 100 procent."
        )

    vast_lid: set[str] = set()
    vaste_groep: set[str] = set()
    while True:
        in_vaste_groep = {naam for groep in vaste_groep for naam in leden_per_groep[groep]}
        gewicht: dict[str, Fraction] = {}
        for groep in vaste_groep:
            gewicht |= _verdeel_met_plafond(groepsplafond, {n: ruw[n] for n in leden_per_groep[groep]}, plafond)
        vrij = {n: r for n, r in ruw.items() if n not in in_vaste_groep and n not in vast_lid}
        rest = 1 - len(vaste_groep) * (groepsplafond or 0) - len(vast_lid - in_vaste_groep) * (plafond or 0)
        totaal = sum(vrij.values(), Fraction(0))
        if not totaal and rest:
            raise GeenOplossing("Het gewicht kan niet verdeeld worden zonder iemand boven het plafond te zetten.")
        for naam, r in vrij.items():
            gewicht[naam] = rest * r / totaal if totaal else Fraction(0)
        for naam in vast_lid - in_vaste_groep:
            gewicht[naam] = plafond

        boven = {n for n in vrij if plafond is not None and gewicht[n] > plafond}
        if boven:
            vast_lid |= boven
            continue
        if groepsplafond is not None:
            boven_groep = {
                g for g, leden in leden_per_groep.items()
                if g not in vaste_groep and sum((gewicht[n] for n in leden), Fraction(0)) > groepsplafond
            }
            if boven_groep:
                vaste_groep |= boven_groep
                continue
        # Held at the cap: whoever ends exactly on it (their excess went to the others).
        begrensd = {n for n, w in gewicht.items() if plafond is not None and w == plafond}
        return gewicht, begrensd, vaste_groep


# --- Publishing: four decimals adding up to 100.0000 ---------------------------------------------


def _grootste_rest(exact: Mapping, eenheden: int) -> dict:
    """Whole units per key adding up to `eenheden`, given each key's exact number of units: floors,
    then one more for the largest remainders.

    `eenheden` is the floor or the ceiling of the exact total, so a key with a whole exact number
    (a member held exactly at its cap) never receives an extra unit. Ties go to the name that sorts
    first, so the result does not depend on the order of the input.
    """
    vloer = {k: e.numerator // e.denominator for k, e in exact.items()}
    over = eenheden - sum(vloer.values())
    volgorde = sorted(exact, key=lambda k: (-(exact[k] - vloer[k]), k))
    for k in volgorde[:over]:
        vloer[k] += 1
    return vloer


def publiceer(gewicht: Mapping[str, Fraction], groepen: Mapping[str, str]) -> dict[str, Decimal]:
    """Percentages with four decimals adding up to exactly 100.0000.

    Rounded first per group (a member without a group is its own unit), then within each group on
    the members' own exact shares (never rescaled to the group's rounded total), so a group held
    exactly at its cap is published exactly at its cap and so is a member.
    """
    totaal = sum(gewicht.values(), Fraction(0))
    if not totaal:
        gewicht, totaal = dict.fromkeys(gewicht, Fraction(1)), Fraction(len(gewicht))
    exact = {naam: w * EENHEDEN / totaal for naam, w in gewicht.items()}
    # Key: (name, is_group); a group and an organisation with the same name stay apart.
    per_eenheid: dict[tuple[str, bool], Fraction] = {}
    for naam, e in exact.items():
        sleutel = (groepen[naam], True) if groepen.get(naam) else (naam, False)
        per_eenheid[sleutel] = per_eenheid.get(sleutel, Fraction(0)) + e
    uitkomst: dict[str, int] = {}
    for (naam, is_groep), eenheden in _grootste_rest(per_eenheid, EENHEDEN).items():
        if is_groep:
            uitkomst |= _grootste_rest({n: e for n, e in exact.items() if groepen.get(n) == naam}, eenheden)
        else:
            uitkomst[naam] = eenheden
    return {naam: (Decimal(e) / 10_000).quantize(VIER_DECIMALEN) for naam, e in uitkomst.items()}


def _procent_tekst(deel: Fraction) -> str:
    return f"{Decimal(deel.numerator * 100) / Decimal(deel.denominator):.4f}".replace(".", ",")


# --- The whole computation -----------------------------------------------------------------------


def bereken_gewichten(leden: Sequence[Lid], regels: Regels) -> Gewichten:
    """The members' weights under the body's rules."""
    ruw = ruwe_gewichten(leden, regels.weging)
    groepen = {lid.organisatie: (lid.groep or "").strip() for lid in leden}
    plafond = None if regels.plafond_pct is None else Fraction(regels.plafond_pct) / 100
    groepsplafond = None if regels.groepsplafond_pct is None else Fraction(regels.groepsplafond_pct) / 100
    exact, begrensd, begrensde_groepen = _met_plafonds(ruw, groepen, plafond, groepsplafond)
    volgorde = sorted(ruw)
    return Gewichten(
        ruw={n: ruw[n] for n in volgorde},
        exact={n: exact[n] for n in volgorde},
        procent={n: p for n, p in sorted(publiceer(exact, groepen).items())},
        ruw_procent={n: p for n, p in sorted(publiceer(ruw, {}).items())},
        begrensd=tuple(sorted(begrensd)),
        begrensde_groepen=tuple(sorted(begrensde_groepen)),
    )


def uitkomst(voor: Decimal, tegen: Decimal, drempel: str) -> str:
    """Adopted when voor has the threshold's share of voor + tegen; abstentions do not count."""
    if drempel not in DREMPELS:
        raise StemmingFout(f"Onbekende drempel '{drempel}'; kies gewone_meerderheid of twee_derde.")
    if voor + tegen <= 0:
        return VERWORPEN
    if drempel == TWEE_DERDE:
        return AANGENOMEN if 3 * voor >= 2 * (voor + tegen) else VERWORPEN
    return AANGENOMEN if 2 * voor > voor + tegen else VERWORPEN


def stemming(leden: Sequence[Lid], regels: Regels) -> Uitslag:
    """Weights, totals per vote and the outcome."""
    gewichten = bereken_gewichten(leden, regels)
    totalen = dict.fromkeys((*STEMMEN, None), Decimal("0.0000"))
    for lid in leden:
        totalen[lid.stem] += gewichten.procent[lid.organisatie]
    return Uitslag(
        gewichten=gewichten,
        voor=totalen[VOOR],
        tegen=totalen[TEGEN],
        onthouding=totalen[ONTHOUDING],
        niet_gestemd=totalen[None],
        drempel=regels.drempel,
        uitkomst=uitkomst(totalen[VOOR], totalen[TEGEN], regels.drempel),
    )


def uitslag_als_dict(uitslag: Uitslag) -> dict[str, object]:
    """The result as the command prints it: percentages as strings with four decimals."""
    return {
        "gewichten": {naam: f"{p:.4f}" for naam, p in uitslag.gewichten.procent.items()},
        "voor": f"{uitslag.voor:.4f}",
        "tegen": f"{uitslag.tegen:.4f}",
        "onthouding": f"{uitslag.onthouding:.4f}",
        "uitkomst": uitslag.uitkomst,
    }
