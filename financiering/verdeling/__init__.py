"""Who pays what in the three financing components of the Drechtsteden, exact to the cent.

Component 1 keeps the network running and component 2 is the shared base for projects; both are
split over the seven Drechtstedengemeenten by an allocation key (sleutel), and in component 2 an
admitted partner pays an agreed fixed amount. Component 3 finances specific projects per coalition,
by participation variant (volledig, solidariteit, instap, geen) and benefit (profijt).

Pure Python on purpose (no Django), so the management command, views, exports and scenarios all
share one implementation. The package is split by what the code does: `scenario` (the input and
output types), `invoer` (the rules a scenario keeps, and reading JSON), `rekenen` (the arithmetic),
`uitvoer` (amounts, warnings, JSON and CSV output) and `meldingen` (messages, translated when
shown). Money is always a non-negative `Decimal` with two decimals; every split
uses exact `Fraction` arithmetic and the largest-remainder method, so shares add up to the cent.

A party that joins or leaves during the year (a recorded `Overgang`) is given the months it pays
(`Component.maanden`, `Deelname.maanden`): it pays that many twelfths of the share it would have had
for the whole year, rounded half up to the cent (`naar_rato`, the same sum `financiering.overgang`
records), and the parties of the whole year carry the rest by their weights, as if each month were
split among those taking part that month.

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

from .meldingen import (
    Melding,
    gettext_noop,
    stel_vertaling_in,
)
from .scenario import (
    CSV_KOPTEKST,
    DEEL_AFRONDING,
    DEEL_GELIJK,
    DEEL_INSTAPFEE,
    DEEL_OVERNAME,
    DEEL_INWONERS,
    DEEL_PERCENTAGE,
    DEEL_PROFIJT,
    DEEL_SOLIDARITEIT,
    DEEL_VASTE_BIJDRAGE,
    DEEL_VASTE_VOET,
    NUL,
    PROFIJT_GELIJK,
    PROFIJT_INWONERS,
    SLEUTELS,
    SLEUTEL_GELIJK,
    SLEUTEL_INWONERS,
    SLEUTEL_VASTE_PERCENTAGES,
    SLEUTEL_VASTE_VOET_INWONERS,
    SOORTEN,
    SOORT_GEMEENTE,
    SOORT_PARTNER,
    STANDAARD_DREMPEL,
    VARIANTEN,
    VARIANT_GEEN,
    VARIANT_INSTAP,
    VARIANT_SOLIDARITEIT,
    VARIANT_VOLLEDIG,
    Bijdrage,
    Coalitie,
    CoalitieUitleg,
    Component,
    ComponentUitleg,
    Deel,
    Deelname,
    Organisatie,
    OrganisatieUitleg,
    Resultaat,
    Scenario,
    VerdelingFout,
)
from .uitvoer import (
    bedrag_nl,
    getal_nl,
    meerjarige_basis_waarschuwing,
    projectfinanciering_waarschuwing,
    resultaat_als_dict,
    resultaat_als_rijen,
)
from .invoer import (
    DECIMALEN_MAX,
    EXPONENT_MAX,
    GEWICHT_MAX,
    INWONERS_MAX,
    lees_scenario,
    scenario_uit_json,
    valideer_scenario,
)
from .rekenen import (
    CoalitieBerekening,
    ComponentBerekening,
    Toelichting,
    bereken,
    bereken_met_toelichting,
    deel_van_jaar,
    instapfactor,
    naar_rato,
    verdeel,
)

__all__ = [
    "getal_nl",
    "Melding",
    "gettext_noop",
    "stel_vertaling_in",
    "CSV_KOPTEKST",
    "DEEL_AFRONDING",
    "DEEL_GELIJK",
    "DEEL_INSTAPFEE",
    "DEEL_OVERNAME",
    "DEEL_INWONERS",
    "DEEL_PERCENTAGE",
    "DEEL_PROFIJT",
    "DEEL_SOLIDARITEIT",
    "DEEL_VASTE_BIJDRAGE",
    "DEEL_VASTE_VOET",
    "NUL",
    "PROFIJT_GELIJK",
    "PROFIJT_INWONERS",
    "SLEUTELS",
    "SLEUTEL_GELIJK",
    "SLEUTEL_INWONERS",
    "SLEUTEL_VASTE_PERCENTAGES",
    "SLEUTEL_VASTE_VOET_INWONERS",
    "SOORTEN",
    "SOORT_GEMEENTE",
    "SOORT_PARTNER",
    "STANDAARD_DREMPEL",
    "VARIANTEN",
    "VARIANT_GEEN",
    "VARIANT_INSTAP",
    "VARIANT_SOLIDARITEIT",
    "VARIANT_VOLLEDIG",
    "Bijdrage",
    "Coalitie",
    "CoalitieUitleg",
    "Component",
    "ComponentUitleg",
    "Deel",
    "Deelname",
    "Organisatie",
    "OrganisatieUitleg",
    "Resultaat",
    "Scenario",
    "VerdelingFout",
    "bedrag_nl",
    "meerjarige_basis_waarschuwing",
    "projectfinanciering_waarschuwing",
    "resultaat_als_dict",
    "resultaat_als_rijen",
    "DECIMALEN_MAX",
    "EXPONENT_MAX",
    "GEWICHT_MAX",
    "INWONERS_MAX",
    "lees_scenario",
    "scenario_uit_json",
    "valideer_scenario",
    "CoalitieBerekening",
    "ComponentBerekening",
    "Toelichting",
    "bereken",
    "bereken_met_toelichting",
    "deel_van_jaar",
    "instapfactor",
    "naar_rato",
    "verdeel",
]
