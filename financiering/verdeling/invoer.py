"""What the engine accepts: the rules a scenario keeps, and reading a scenario from JSON.

Every number in JSON input is bounded on its text before it is converted.
"""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from coalities import varianten
from drechtsteden.grenzen import BEDRAG_CIJFERS, BEDRAG_MAX, JAAR_MAX, JAAR_MIN, MAX_TEKENS

from .meldingen import Melding, gettext_noop
from .scenario import (
    Coalitie,
    Component,
    Deelname,
    Organisatie,
    PROFIJT_GELIJK,
    PROFIJT_INWONERS,
    SLEUTELS,
    SLEUTEL_INWONERS,
    SLEUTEL_VASTE_PERCENTAGES,
    SLEUTEL_VASTE_VOET_INWONERS,
    SOORTEN,
    SOORT_GEMEENTE,
    SOORT_PARTNER,
    STANDAARD_DREMPEL,
    Scenario,
    VARIANTEN,
    VARIANT_INSTAP,
    VARIANT_SOLIDARITEIT,
    VARIANT_VOLLEDIG,
    VerdelingFout,
)
from .uitvoer import getal_nl


# --- Checking single values -------------------------------------------------------------------


def _decimaal(waarde: object, plek: str) -> Decimal:
    """A finite Decimal from a Decimal or int; anything else is refused."""
    if isinstance(waarde, bool) or not isinstance(waarde, (int, Decimal)):
        raise VerdelingFout(
            gettext_noop("%(plek)s: verwacht een getal, niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    getal = Decimal(waarde)
    if not getal.is_finite():
        raise VerdelingFout(
            gettext_noop("%(plek)s: %(waarde)s is geen geldig getal."),
            plek=plek, waarde=waarde,
        )
    return getal


def _geldbedrag(waarde: object, plek: str) -> Decimal:
    """A non-negative amount with at most two decimals, returned with exactly two."""
    return _uit_centen(_geldcenten(waarde, plek))


def _geldcenten(waarde: object, plek: str) -> int:
    """The whole number of cents of a non-negative amount with at most two decimals."""
    centen = _geldige_centen(waarde)
    if centen is not None:
        return centen
    getal = _decimaal(waarde, plek)
    if getal < 0:
        raise VerdelingFout(
            gettext_noop("%(plek)s: een bedrag mag niet negatief zijn (%(getal)s)."),
            plek=plek, getal=getal,
        )
    # Integer arithmetic on the exact ratio: a Fraction here cost more than the split itself.
    teller, noemer = getal.as_integer_ratio()
    centen, rest = divmod(teller * 100, noemer)
    if rest:
        raise VerdelingFout(
            gettext_noop("%(plek)s: een bedrag heeft hoogstens twee decimalen (%(getal)s)."),
            plek=plek, getal=getal,
        )
    return centen


def _geldige_centen(waarde: object) -> int | None:
    """The cents of a plain Decimal or int that `_geldcenten` accepts, without its checks one by one;
    None for anything else, which `_geldcenten` then checks in full (and refuses with the reason).
    The engine reads every amount of every coalition: this is the usual case, made quick."""
    if type(waarde) is Decimal:
        if waarde.is_finite():
            teller, noemer = waarde.as_integer_ratio()
            if teller >= 0:
                centen, rest = divmod(teller * 100, noemer)
                if not rest:
                    return centen
        return None
    if type(waarde) is int and waarde >= 0:
        return waarde * 100
    return None


def _uit_centen(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


def _percentage(waarde: object, plek: str) -> Decimal:
    getal = _decimaal(waarde, plek)
    if not 0 <= getal <= 100:
        raise VerdelingFout(
            gettext_noop("%(plek)s: een percentage ligt tussen 0 en 100 (%(getal)s)."),
            plek=plek, getal=getal,
        )
    return getal


def _gewicht(waarde: object, plek: str) -> Fraction:
    getal = waarde if isinstance(waarde, Fraction) else Fraction(_decimaal(waarde, plek))
    if getal.numerator < 0:  # a Fraction keeps its sign in the numerator
        raise VerdelingFout(
            gettext_noop("%(plek)s: een gewicht mag niet negatief zijn (%(waarde)s)."),
            plek=plek, waarde=waarde,
        )
    return getal


def _maanden(waarde: object, plek: str) -> int:
    """Months of a year paid by a party that joins or leaves during it: a whole number 0–12."""
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not 0 <= waarde <= 12:
        raise VerdelingFout(
            gettext_noop("%(plek)s: het aantal maanden is een geheel getal van 0 tot en met 12, niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    return waarde


def _naam(waarde: object, plek: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise VerdelingFout(
            gettext_noop("%(plek)s: verwacht een naam (tekst), niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    return waarde


# --- Validation -------------------------------------------------------------------------------


def valideer_scenario(scenario: Scenario) -> None:
    """Raise VerdelingFout if the scenario breaks a rule; `bereken` calls this first."""
    if isinstance(scenario.jaar, bool) or not isinstance(scenario.jaar, int):
        raise VerdelingFout(
            gettext_noop("Jaar: verwacht een jaartal, niet %(jaar)s."),
            jaar=_kort(scenario.jaar),
        )
    if not 1 <= scenario.jaar <= 9999:
        raise VerdelingFout(
            gettext_noop("Jaar: %(jaar)s is geen geldig jaartal."),
            jaar=scenario.jaar,
        )
    _percentage(scenario.drempel, "Drempel projectfinanciering")

    organisaties: dict[str, Organisatie] = {}
    for organisatie in scenario.organisaties:
        naam = _naam(organisatie.naam, "Organisatie")
        if naam in organisaties:
            raise VerdelingFout(
                gettext_noop("Organisatie %(naam)s komt meer dan eens voor."),
                naam=naam,
            )
        if organisatie.soort not in SOORTEN:
            raise VerdelingFout(
                gettext_noop(
                    "Organisatie %(naam)s: onbekende soort %(soort)s; kies uit "
                    "%(soorten)s."
                ),
                naam=naam, soort=_kort(organisatie.soort), soorten=', '.join(SOORTEN),
            )
        inwoners = organisatie.inwoners
        if inwoners is not None and (
            isinstance(inwoners, bool) or not isinstance(inwoners, int) or inwoners < 0
        ):
            raise VerdelingFout(
                gettext_noop(
                    "Organisatie %(naam)s: het aantal inwoners is een geheel getal van "
                    "0 of meer, niet %(inwoners)s."
                ),
                naam=naam, inwoners=_kort(inwoners),
            )
        organisaties[naam] = organisatie

    _valideer_component(scenario.component_1, 1, organisaties)
    _valideer_component(scenario.component_2, 2, organisaties)

    coalitienamen: set[str] = set()
    for coalitie in scenario.coalities:
        naam = _naam(coalitie.naam, "Coalitie")
        if naam in coalitienamen:
            raise VerdelingFout(
                gettext_noop("Coalitie %(naam)s komt meer dan eens voor."),
                naam=naam,
            )
        coalitienamen.add(naam)
        _valideer_coalitie(coalitie, organisaties)


def _valideer_component(
    component: Component, nummer: int, organisaties: Mapping[str, Organisatie]
) -> None:
    plek = f"Component {nummer}"
    _geldbedrag(component.budget, f"{plek}, budget")
    if component.sleutel not in SLEUTELS:
        raise VerdelingFout(
            gettext_noop("%(plek)s: onbekende sleutel %(sleutel)s; kies uit %(sleutels)s."),
            plek=plek, sleutel=_kort(component.sleutel), sleutels=', '.join(SLEUTELS),
        )
    gemeenten = [o.naam for o in organisaties.values() if o.soort == SOORT_GEMEENTE]

    if component.sleutel in (SLEUTEL_INWONERS, SLEUTEL_VASTE_VOET_INWONERS):
        _inwoners_bekend(gemeenten, plek, organisaties)

    if component.sleutel == SLEUTEL_VASTE_VOET_INWONERS:
        if component.vaste_voet_pct is None:
            raise VerdelingFout(
                gettext_noop("%(plek)s: de sleutel vaste_voet_inwoners vraagt een vaste_voet_pct."),
                plek=plek,
            )
        _percentage(component.vaste_voet_pct, f"{plek}, vaste_voet_pct")
    elif component.vaste_voet_pct is not None:
        raise VerdelingFout(
            gettext_noop("%(plek)s: vaste_voet_pct hoort alleen bij sleutel vaste_voet_inwoners."),
            plek=plek,
        )

    if component.sleutel == SLEUTEL_VASTE_PERCENTAGES:
        _valideer_percentages(component.percentages, plek, organisaties, gemeenten)
    elif component.percentages:
        raise VerdelingFout(
            gettext_noop("%(plek)s: percentages horen alleen bij sleutel vaste_percentages."),
            plek=plek,
        )

    if component.vaste_bijdragen and nummer == 1:
        raise VerdelingFout(
            gettext_noop("Component 1: vaste bijdragen zijn alleen mogelijk in component 2; "
            "partners betalen geen component 1.")
        )
    for naam, maanden in component.maanden.items():
        if naam not in organisaties:
            raise VerdelingFout(
                gettext_noop("%(plek)s: maanden voor onbekende organisatie %(naam)s."), plek=plek, naam=naam,
            )
        _maanden(maanden, f"{plek}, maanden van {naam}")
    for naam, bedrag in component.vaste_bijdragen.items():
        _organisatie_van_soort(
            naam, plek, organisaties, SOORT_PARTNER,
            gettext_noop("%(plek)s: vaste bijdrage voor onbekende organisatie %(naam)s."),
            gettext_noop(
                "%(plek)s: %(naam)s is geen partner; een gemeente betaalt via de "
                "sleutel, niet met een vaste bijdrage."
            ),
        )
        _geldbedrag(bedrag, f"{plek}, vaste bijdrage van {naam}")


def _inwoners_bekend(namen: Sequence[str], plek: str, organisaties: Mapping[str, Organisatie]) -> None:
    """A split by inhabitants needs the number of inhabitants of each organisation it divides over."""
    for naam in sorted(namen):
        if organisaties[naam].inwoners is None:
            raise VerdelingFout(
                gettext_noop(
                    "%(plek)s verdeelt naar inwoners, maar van %(naam)s is het "
                    "aantal inwoners niet opgegeven."
                ),
                plek=plek, naam=naam,
            )


def _organisatie_van_soort(
    naam: str, plek: str, organisaties: Mapping[str, Organisatie], soort: str, onbekend: str, andere_soort: str
) -> None:
    """Refuses (with ``onbekend`` or ``andere_soort``) a name that is no organisation of ``soort``."""
    if naam not in organisaties:
        raise VerdelingFout(onbekend, plek=plek, naam=naam)
    if organisaties[naam].soort != soort:
        raise VerdelingFout(andere_soort, plek=plek, naam=naam)


def _valideer_percentages(
    percentages: Mapping[str, Decimal],
    plek: str,
    organisaties: Mapping[str, Organisatie],
    gemeenten: Sequence[str],
) -> None:
    for naam in sorted(percentages):
        _organisatie_van_soort(
            naam, plek, organisaties, SOORT_GEMEENTE,
            gettext_noop("%(plek)s: percentage voor onbekende organisatie %(naam)s."),
            gettext_noop("%(plek)s: %(naam)s is een partner en betaalt niet via vaste percentages."),
        )
    ontbrekend = sorted(set(gemeenten) - set(percentages))
    if ontbrekend:
        raise VerdelingFout(
            gettext_noop("%(plek)s: percentage ontbreekt voor %(ontbrekend)s."),
            plek=plek, ontbrekend=', '.join(ontbrekend),
        )
    som = sum(
        (
            Fraction(_percentage(pct, f"{plek}, percentage van {naam}"))
            for naam, pct in percentages.items()
        ),
        Fraction(0),
    )
    if som != 100:
        som_tekst = getal_nl(Decimal(som.numerator) / Decimal(som.denominator))
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: de vaste percentages tellen op tot %(som_tekst)s in plaats "
                "van 100."
            ),
            plek=plek, som_tekst=som_tekst,
        )


def _gewicht_in_orde(waarde: object) -> bool:
    """True for a plain Fraction, Decimal or int that `_gewicht` accepts."""
    if type(waarde) is Fraction:
        return waarde.numerator >= 0
    if type(waarde) is Decimal:
        return waarde.is_finite() and waarde >= 0
    return type(waarde) is int and waarde >= 0


def _coalitie_in_orde(coalitie: Coalitie, organisaties: Mapping[str, Organisatie]) -> bool:
    """A quick yes for a coalition that keeps every rule `_valideer_coalitie` checks, as nearly every
    coalition does; False means "check it in full", which then names the first rule it breaks. The same
    rules without building a message for each value: this runs for every coalition of every year."""
    if _geldige_centen(coalitie.budget) is None:
        return False
    gezien: set[str] = set()
    delers: list[str] = []
    for deelname in coalitie.deelnames:
        naam = deelname.organisatie
        if type(naam) is not str or naam not in organisaties or naam in gezien or deelname.maanden is not None:
            return False
        gezien.add(naam)
        variant = deelname.variant
        toegestaan = _VELDEN_PER_VARIANT.get(variant)
        if toegestaan is None or variant not in VARIANTEN:
            return False
        for veld in _DEELNAME_VELDEN:
            if veld not in toegestaan and getattr(deelname, veld) is not None:
                return False
        if variant == VARIANT_SOLIDARITEIT:
            if not _geldige_centen(deelname.bedrag):  # None (not a valid amount) or 0 (refused)
                return False
        elif variant == VARIANT_INSTAP:
            if not isinstance(deelname.instapdatum, date) or _geldige_centen(deelname.instapfee) is None:
                return False
        if variant in (VARIANT_VOLLEDIG, VARIANT_INSTAP):
            delers.append(naam)

    profijt = coalitie.profijt
    if profijt == PROFIJT_GELIJK:
        return True
    if profijt == PROFIJT_INWONERS:
        return all(organisaties[naam].inwoners is not None for naam in delers)
    if not isinstance(profijt, Mapping) or len(profijt) != len(delers):
        return False
    return all(naam in delers and _gewicht_in_orde(gewicht) for naam, gewicht in profijt.items())


def _valideer_coalitie(coalitie: Coalitie, organisaties: Mapping[str, Organisatie]) -> None:
    if _coalitie_in_orde(coalitie, organisaties):
        return
    plek = f"Coalitie {coalitie.naam}"
    _geldbedrag(coalitie.budget, f"{plek}, budget")

    gezien: set[str] = set()
    delers: list[str] = []
    for deelname in coalitie.deelnames:
        naam = _naam(deelname.organisatie, f"{plek}, deelname")
        if naam not in organisaties:
            raise VerdelingFout(
                gettext_noop("%(plek)s: onbekende organisatie %(naam)s."),
                plek=plek, naam=naam,
            )
        if naam in gezien:
            raise VerdelingFout(
                gettext_noop("%(plek)s: %(naam)s staat meer dan eens bij de deelnames."),
                plek=plek, naam=naam,
            )
        gezien.add(naam)
        _valideer_deelname(deelname, f"{plek}, {naam}")
        if deelname.variant in (VARIANT_VOLLEDIG, VARIANT_INSTAP):
            delers.append(naam)

    if coalitie.profijt == PROFIJT_GELIJK:
        return
    if coalitie.profijt == PROFIJT_INWONERS:
        _inwoners_bekend(delers, plek, organisaties)
        return
    if not isinstance(coalitie.profijt, Mapping):
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: onbekend profijt %(profijt)s; kies gelijk, inwoners of geef "
                "gewichten per organisatie."
            ),
            plek=plek, profijt=_kort(coalitie.profijt),
        )
    for naam, gewicht in coalitie.profijt.items():
        if naam not in delers:
            raise VerdelingFout(
                gettext_noop(
                    "%(plek)s: profijtgewicht voor %(naam)s, maar die neemt niet "
                    "volledig of via instap deel."
                ),
                plek=plek, naam=naam,
            )
        _gewicht(gewicht, f"{plek}, profijtgewicht van {naam}")
    ontbrekend = sorted(set(delers) - set(coalitie.profijt))
    if ontbrekend:
        raise VerdelingFout(
            gettext_noop("%(plek)s: profijtgewicht ontbreekt voor %(ontbrekend)s."),
            plek=plek, ontbrekend=', '.join(ontbrekend),
        )


# A scenario's deelname carries the coalitions' fields under the engine's names.
_ALS_VELD = {
    "solidariteitsbijdrage": "bedrag", "instapdatum": "instapdatum", "instapfee": "instapfee",
}
_DEELNAME_VELDEN = tuple(_ALS_VELD[veld] for veld in varianten.DEELNAME_VELDEN)
_VELDEN_PER_VARIANT = {
    variant: frozenset(_ALS_VELD[veld] for veld in velden)
    for variant, velden in varianten.VARIANT_VELDEN.items()
}


def _valideer_deelname(deelname: Deelname, plek: str) -> None:
    variant = deelname.variant
    if variant not in VARIANTEN:
        raise VerdelingFout(
            gettext_noop("%(plek)s: onbekende variant %(variant)s; kies uit %(varianten)s."),
            plek=plek, variant=_kort(variant), varianten=', '.join(VARIANTEN),
        )
    if deelname.maanden is not None:
        if variant not in (VARIANT_VOLLEDIG, VARIANT_SOLIDARITEIT, VARIANT_INSTAP):
            raise VerdelingFout(
                gettext_noop("%(plek)s: maanden horen niet bij geen deelname; wie niet deelneemt, betaalt niets."),
                plek=plek,
            )
        _maanden(deelname.maanden, f"{plek}, maanden")
    toegestaan = _VELDEN_PER_VARIANT[variant]
    for veld in _DEELNAME_VELDEN:
        if veld not in toegestaan and getattr(deelname, veld) is not None:
            raise VerdelingFout(
                gettext_noop("%(plek)s: %(veld)s hoort niet bij variant %(variant)s."),
                plek=plek, veld=veld, variant=variant,
            )

    if variant == VARIANT_SOLIDARITEIT:
        if deelname.bedrag is None:
            raise VerdelingFout(
                gettext_noop("%(plek)s: een solidariteitsbijdrage vraagt een bedrag."),
                plek=plek,
            )
        if _geldbedrag(deelname.bedrag, f"{plek}, bedrag") == 0:
            raise VerdelingFout(
                gettext_noop("%(plek)s: een solidariteitsbijdrage moet groter dan 0 zijn."),
                plek=plek,
            )
    elif variant == VARIANT_INSTAP:
        if not isinstance(deelname.instapdatum, date):
            raise VerdelingFout(gettext_noop("%(plek)s: instap vraagt een instapdatum."), plek=plek)
        if deelname.instapfee is None:
            raise VerdelingFout(
                gettext_noop("%(plek)s: instap vraagt een instapfee (mag 0 zijn)."),
                plek=plek,
            )
        _geldbedrag(deelname.instapfee, f"{plek}, instapfee")


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
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: het getal %(tekst)s is te lang (hoogstens %(max_tekens)s "
                "tekens)."
            ),
            plek=plek, tekst=_kort(tekst), max_tekens=MAX_TEKENS,
        )
    if not _TEKST_GETAL.fullmatch(tekst):
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: %(tekst)s is geen geldig getal; gebruik een punt als "
                'decimaalteken, bijvoorbeeld "1250.50".'
            ),
            plek=plek, tekst=_kort(tekst),
        )
    _mantisse, _e, exponent = tekst.lower().partition("e")
    if exponent and abs(int(exponent)) > EXPONENT_MAX:
        raise VerdelingFout(
            gettext_noop("%(plek)s: het getal %(tekst)s is te groot of te klein."),
            plek=plek, tekst=tekst,
        )
    getal = Decimal(tekst)
    if getal.is_finite() and getal != 0 and getal.adjusted() >= BEDRAG_CIJFERS + 2:
        raise VerdelingFout(
            gettext_noop("%(plek)s: het getal %(tekst)s is te groot."),
            plek=plek, tekst=tekst,
        )
    return getal


class _JsonGetalFout(ValueError):
    """A JSON number refused while parsing; carries the message."""

    def __init__(self, melding: Melding) -> None:
        super().__init__(melding.sjabloon)
        self.melding = melding


_ONGELDIG_GETAL = Melding(gettext_noop("Het scenario bevat een ongeldig getal"))


def _json_float(tekst: str) -> Decimal:
    try:
        return _begrensd_getal(tekst, _ONGELDIG_GETAL)
    except VerdelingFout as fout:
        raise _JsonGetalFout(fout.melding) from None


def _json_int(tekst: str) -> int:
    if len(tekst) > BEDRAG_CIJFERS + 3:
        raise _JsonGetalFout(Melding(
            gettext_noop(
                "Het scenario bevat een ongeldig getal: het gehele getal %(tekst)s is "
                "te groot."
            ),
            tekst=_kort(tekst),
        ))
    return int(tekst)


def _json_constante(tekst: str) -> Decimal:
    raise _JsonGetalFout(Melding(
        gettext_noop("Het scenario bevat een ongeldig getal: %(tekst)s is geen geldig getal."),
        tekst=tekst,
    ))


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
            gettext_noop(
                "Het scenario is geen geldige JSON (regel %(lineno)s, kolom %(colno)s): "
                "%(msg)s."
            ),
            lineno=fout.lineno, colno=fout.colno, msg=fout.msg,
        ) from fout
    except _JsonGetalFout as fout:
        raise VerdelingFout(fout.melding) from None
    except RecursionError:
        raise VerdelingFout(
            gettext_noop("Het scenario is te diep genest; dat is geen geldig scenario."),
        ) from None
    except ValueError as fout:
        raise VerdelingFout(
            gettext_noop("Het scenario kan niet gelezen worden: %(fout)s."),
            fout=_kort(str(fout)),
        ) from None
    try:
        return scenario_uit_json(data)
    except RecursionError:
        raise VerdelingFout(
            gettext_noop("Het scenario is te diep genest; dat is geen geldig scenario."),
        ) from None


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
        raise VerdelingFout(
            gettext_noop("%(plek)s: verwacht een object met velden, niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    onbekend = sorted(set(waarde) - verplicht - optioneel)
    if onbekend:
        raise VerdelingFout(
            gettext_noop("%(plek)s: onbekend veld %(velden)s."),
            plek=plek, velden=', '.join(map(str, onbekend)),
        )
    ontbrekend = sorted(verplicht - set(waarde))
    if ontbrekend:
        raise VerdelingFout(
            gettext_noop("%(plek)s: verplicht veld %(ontbrekend)s ontbreekt."),
            plek=plek, ontbrekend=', '.join(ontbrekend),
        )
    return waarde


def _lijst(waarde: Any, plek: str) -> list[Any]:
    if not isinstance(waarde, list):
        raise VerdelingFout(
            gettext_noop("%(plek)s: verwacht een lijst, niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    return waarde


def _geheel_getal(waarde: Any, plek: str) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise VerdelingFout(
            gettext_noop("%(plek)s: verwacht een geheel getal, niet %(waarde)s."),
            plek=plek, waarde=_kort(waarde),
        )
    return waarde


def _getal_uit_json(waarde: Any, plek: str, *, decimalen: int = DECIMALEN_MAX) -> Decimal:
    """A Decimal from a string, int or Decimal; floats are refused because they are inexact.

    The number is bounded (length, exponent, digits) before anything converts or expands it.
    """
    if isinstance(waarde, float):
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: schrijf het getal %(waarde)s als tekst, bijvoorbeeld "
                '"1250.50".'
            ),
            plek=plek, waarde=_kort(waarde),
        )
    if isinstance(waarde, str):
        waarde = _begrensd_getal(waarde.strip(), plek)
    elif isinstance(waarde, Decimal):
        waarde = _begrensd_getal(str(waarde), plek)
    elif isinstance(waarde, int) and not isinstance(waarde, bool) and abs(waarde) >= 10 ** (BEDRAG_CIJFERS + 2):
        raise VerdelingFout(gettext_noop("%(plek)s: het getal is te groot."), plek=plek)
    getal = _decimaal(waarde, plek)
    if getal.as_tuple().exponent < -decimalen and getal != getal.quantize(Decimal(1).scaleb(-decimalen)):
        raise VerdelingFout(
            gettext_noop("%(plek)s: hoogstens %(decimalen)s cijfers na de punt (%(getal)s)."),
            plek=plek, decimalen=decimalen, getal=_kort(str(getal)),
        )
    return getal


def _bedrag_uit_json(waarde: Any, plek: str) -> Decimal:
    bedrag = _geldbedrag(_getal_uit_json(waarde, plek), plek)
    if bedrag > BEDRAG_MAX:
        raise VerdelingFout(
            gettext_noop("%(plek)s: een bedrag ligt onder de € 10 miljard (%(bedrag)s)."),
            plek=plek, bedrag=bedrag,
        )
    return bedrag


def _percentage_uit_json(waarde: Any, plek: str) -> Decimal:
    return _percentage(_getal_uit_json(waarde, plek), plek)


def _gewicht_uit_json(waarde: Any, plek: str) -> Decimal:
    gewicht = _getal_uit_json(waarde, plek)
    if gewicht > GEWICHT_MAX:  # a negative weight gets the engine's own message
        raise VerdelingFout(
            gettext_noop("%(plek)s: een gewicht is hoogstens %(gewicht_max)s (%(gewicht)s)."),
            plek=plek, gewicht_max=GEWICHT_MAX, gewicht=gewicht,
        )
    return gewicht


def _jaar_uit_json(waarde: Any, plek: str) -> int:
    jaar = _geheel_getal(waarde, plek)
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s: kies een jaar tussen %(jaar_min)s en %(jaar_max)s, niet "
                "%(jaar)s."
            ),
            plek=plek, jaar_min=JAAR_MIN, jaar_max=JAAR_MAX, jaar=jaar,
        )
    return jaar


def _datum_uit_json(waarde: Any, plek: str) -> date:
    if isinstance(waarde, str):
        try:
            datum = date.fromisoformat(waarde)
        except ValueError:
            datum = None
        if datum is not None and datum.isoformat() == waarde:
            return datum
    raise VerdelingFout(
        gettext_noop("%(plek)s: %(waarde)s is geen geldige datum; schrijf JJJJ-MM-DD."),
        plek=plek, waarde=_kort(waarde),
    )


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
        raise VerdelingFout(
            gettext_noop("%(plek)s: het aantal inwoners is hoogstens 100.000.000 (%(inwoners)s)."),
            plek=plek, inwoners=inwoners,
        )
    return inwoners


def _component_uit_json(data: Any, plek: str) -> Component:
    _object(
        data,
        plek,
        verplicht={"budget", "sleutel"},
        optioneel={"vaste_voet_pct", "percentages", "vaste_bijdragen", "maanden"},
    )
    percentages = data.get("percentages", {})
    if not isinstance(percentages, Mapping):
        raise VerdelingFout(
            gettext_noop(
                "%(plek)s, percentages: verwacht een object met een percentage per "
                "gemeente."
            ),
            plek=plek,
        )
    vaste_bijdragen: dict[str, Decimal] = {}
    for i, regel in enumerate(
        _lijst(data.get("vaste_bijdragen", []), f"{plek}, vaste_bijdragen"), 1
    ):
        regel_plek = f"{plek}, vaste bijdrage nr. {i}"
        _object(regel, regel_plek, verplicht={"organisatie", "bedrag"}, optioneel=set())
        naam = _naam(regel["organisatie"], f"{regel_plek}, organisatie")
        if naam in vaste_bijdragen:
            raise VerdelingFout(
                gettext_noop("%(plek)s: %(naam)s heeft meer dan een vaste bijdrage."),
                plek=plek, naam=naam,
            )
        vaste_bijdragen[naam] = _bedrag_uit_json(regel["bedrag"], f"{regel_plek}, bedrag")
    maanden = data.get("maanden", {})
    if not isinstance(maanden, Mapping):
        raise VerdelingFout(
            gettext_noop("%(plek)s, maanden: verwacht een object met het aantal maanden per organisatie."),
            plek=plek,
        )
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
        maanden={naam: _maanden(m, f"{plek}, maanden van {naam}") for naam, m in maanden.items()},
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
        optioneel={"bedrag", "instapdatum", "instapfee", "maanden"},
    )
    bedrag, instapdatum, instapfee = (data.get(v) for v in ("bedrag", "instapdatum", "instapfee"))
    maanden = data.get("maanden")
    return Deelname(
        organisatie=_naam(data["organisatie"], f"{plek}, organisatie"),
        variant=data["variant"],
        bedrag=None if bedrag is None else _bedrag_uit_json(bedrag, f"{plek}, bedrag"),
        instapdatum=None
        if instapdatum is None
        else _datum_uit_json(instapdatum, f"{plek}, instapdatum"),
        instapfee=None if instapfee is None else _bedrag_uit_json(instapfee, f"{plek}, instapfee"),
        maanden=None if maanden is None else _maanden(maanden, f"{plek}, maanden"),
    )
