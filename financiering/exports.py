"""CSV and XLSX exports; the numbers come from the same selector and engine as the screens.

Every table is described once (Dutch headers, kinds of column) and written by
`drechtsteden.spreadsheets`: CSV with `;` and a decimal comma, XLSX with real numbers.
"""

from __future__ import annotations

from drechtsteden.spreadsheets import BEDRAG, CSV, FORMATEN, JAAR, TEKST, XLSX, Blad, Kolom, exporteer

from . import verdeling
from .selectors import JaarVerdeling, OrganisatieJaar

__all__ = ["CSV", "FORMATEN", "XLSX", "netwerk_export", "organisatie_export", "scenario_export", "scenario_rijen"]

COMPONENT_KOLOMMEN = (
    Kolom("Component 1: instandhouding netwerk (€)", BEDRAG),
    Kolom("Component 2: basisfinanciering projecten (€)", BEDRAG),
    Kolom("Component 3: specifieke projecten (€)", BEDRAG),
    Kolom("Totaal (€)", BEDRAG),
)


def verdeling_blad(resultaat: verdeling.Resultaat) -> Blad:
    """Who pays what in a year: a row per organisation by name and a total, as the command prints it."""
    rijen = []
    for naam in sorted(resultaat.bijdragen):
        b = resultaat.bijdragen[naam]
        rijen.append([naam, b.component_1, b.component_2, b.component_3, b.totaal])
    totalen = resultaat.totalen
    rijen.append(["Totaal", *(totalen[k] for k in ("component_1", "component_2", "component_3", "totaal"))])
    return Blad(f"Verdeling {resultaat.jaar}", [Kolom("Organisatie"), *COMPONENT_KOLOMMEN], rijen)


def waarschuwingen_blad(jaar: int, waarschuwingen: list[str]) -> Blad:
    return Blad(f"Waarschuwingen {jaar}", [Kolom("Waarschuwing")], [[w] for w in waarschuwingen])


def netwerk_export(jaar_verdeling: JaarVerdeling, formaat: str) -> bytes:
    """A year of the network: one row per organisation and a total; the XLSX adds the warnings."""
    resultaat = jaar_verdeling.resultaat_met_waarschuwingen()
    return exporteer(
        [verdeling_blad(resultaat), waarschuwingen_blad(jaar_verdeling.jaar, jaar_verdeling.waarschuwingen)], formaat
    )


def organisatie_export(naam: str, overzicht: list[OrganisatieJaar], formaat: str) -> bytes:
    """One organisation over the years; the XLSX has a second sheet with the coalitions of component 3."""
    per_jaar = Blad(
        f"Bijdrage {naam}",
        [Kolom("Jaar", JAAR), *COMPONENT_KOLOMMEN],
        [
            [jaar.jaar, b.component_1, b.component_2, b.component_3, b.totaal]
            for jaar in overzicht
            for b in [jaar.bijdrage]
        ],
    )
    projecten = Blad(
        "Projecten (component 3)",
        [Kolom("Jaar", JAAR), Kolom("Coalitie"), Kolom("Variant"), Kolom("Bedrag (€)", BEDRAG)],
        [[jaar.jaar, c.coalitie, c.variant_label, c.bedrag] for jaar in overzicht for c in jaar.coalities],
    )
    return exporteer([per_jaar, projecten], formaat)


SCENARIO_KOLOMMEN = (
    Kolom("Organisatie", TEKST),
    Kolom("Vastgesteld component 1 (€)", BEDRAG),
    Kolom("Vastgesteld component 2 (€)", BEDRAG),
    Kolom("Vastgesteld component 3 (€)", BEDRAG),
    Kolom("Vastgesteld totaal (€)", BEDRAG),
    Kolom("Scenario component 1 (€)", BEDRAG),
    Kolom("Scenario component 2 (€)", BEDRAG),
    Kolom("Scenario component 3 (€)", BEDRAG),
    Kolom("Scenario totaal (€)", BEDRAG),
    Kolom("Verschil totaal (€)", BEDRAG),
)


def scenario_rijen(vastgesteld: verdeling.Resultaat, scenario: verdeling.Resultaat) -> list[list]:
    """Side by side per organisation: adopted, scenario and the difference in total."""
    rijen = []
    leeg = verdeling.Bijdrage(verdeling.NUL, verdeling.NUL, {})
    for naam in sorted(set(vastgesteld.bijdragen) | set(scenario.bijdragen)):
        a, b = vastgesteld.bijdragen.get(naam, leeg), scenario.bijdragen.get(naam, leeg)
        rijen.append([
            naam,
            a.component_1, a.component_2, a.component_3, a.totaal,
            b.component_1, b.component_2, b.component_3, b.totaal,
            b.totaal - a.totaal,
        ])
    return rijen


def scenario_export(vastgesteld: verdeling.Resultaat, scenario: verdeling.Resultaat, jaar: int, formaat: str) -> bytes:
    return exporteer([Blad(f"Scenario {jaar}", SCENARIO_KOLOMMEN, scenario_rijen(vastgesteld, scenario))], formaat)
