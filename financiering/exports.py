"""CSV and XLSX exports; the numbers come from the same selector and engine as the screens."""

from __future__ import annotations

from decimal import Decimal

import tablib

from drechtsteden.spreadsheets import veilige_cel

from . import verdeling
from .selectors import JaarVerdeling, OrganisatieJaar

CSV = "csv"
XLSX = "xlsx"
FORMATEN = (CSV, XLSX)


def _dataset(rijen: list[list], titel: str) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=rijen[0], title=titel[:31])
    for rij in rijen[1:]:
        dataset.append([veilige_cel(w) for w in rij])
    return dataset


def _getallen(rijen: list[list[str]]) -> list[list]:
    """Amount strings as Decimal, so a spreadsheet gets numbers; the header stays text."""
    return [rijen[0]] + [[rij[0], *(Decimal(x) for x in rij[1:])] for rij in rijen[1:]]


def als_bytes(boek: tablib.Databook | tablib.Dataset, formaat: str) -> bytes:
    inhoud = boek.export(formaat)
    return inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud


def netwerk_export(jaar_verdeling: JaarVerdeling, formaat: str) -> bytes:
    """A year of the network: one row per organisation and a total, as `verdeling --format csv`."""
    rijen = verdeling.resultaat_als_rijen(jaar_verdeling.resultaat_met_waarschuwingen())
    if formaat == CSV:
        return als_bytes(_dataset(rijen, str(jaar_verdeling.jaar)), CSV)
    waarschuwingen = _dataset([["waarschuwing"], *([w] for w in jaar_verdeling.waarschuwingen)], "Waarschuwingen")
    return als_bytes(tablib.Databook([_dataset(_getallen(rijen), f"Verdeling {jaar_verdeling.jaar}"), waarschuwingen]), XLSX)


def organisatie_export(naam: str, overzicht: list[OrganisatieJaar], formaat: str) -> bytes:
    """One organisation over the years; the XLSX has a second sheet with the coalitions of component 3."""
    rijen = [["jaar", *verdeling.CSV_KOPTEKST[1:]]]
    for jaar in overzicht:
        b = jaar.bijdrage
        rijen.append([str(jaar.jaar), *(f"{x:.2f}" for x in (b.component_1, b.component_2, b.component_3, b.totaal))])
    if formaat == CSV:
        return als_bytes(_dataset(rijen, naam), CSV)
    coalities = [["jaar", "coalitie", "variant", "bedrag"]]
    for jaar in overzicht:
        for c in jaar.coalities:
            coalities.append([jaar.jaar, c.coalitie, c.variant, c.bedrag])
    jaren = [[int(rij[0]), *(Decimal(x) for x in rij[1:])] for rij in rijen[1:]]
    return als_bytes(
        tablib.Databook([_dataset([rijen[0], *jaren], naam), _dataset(coalities, "Component 3")]), XLSX
    )


SCENARIO_KOPTEKST = [
    "organisatie",
    "vastgesteld component_1", "vastgesteld component_2", "vastgesteld component_3", "vastgesteld totaal",
    "scenario component_1", "scenario component_2", "scenario component_3", "scenario totaal",
    "verschil",
]


def scenario_rijen(vastgesteld: verdeling.Resultaat, scenario: verdeling.Resultaat) -> list[list]:
    """Side by side per organisation: adopted, scenario and the difference in total."""
    rijen = [list(SCENARIO_KOPTEKST)]
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
    rijen = scenario_rijen(vastgesteld, scenario)
    if formaat == CSV:
        rijen = [rijen[0]] + [[r[0], *(f"{x:.2f}" for x in r[1:])] for r in rijen[1:]]
    return als_bytes(_dataset(rijen, f"Scenario {jaar}"), formaat)
