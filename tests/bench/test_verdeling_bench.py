"""Benchmark: ten years of allocation with 2,000 coalitions each, using the pure engine."""

import datetime
import random
from decimal import Decimal

import pytest

from financiering import verdeling

pytestmark = pytest.mark.bench

GEMEENTEN = [
    ("Dordrecht", 121_000), ("Zwijndrecht", 45_000), ("Papendrecht", 32_500), ("Hendrik-Ido-Ambacht", 32_000),
    ("Sliedrecht", 26_000), ("Alblasserdam", 20_500), ("Hardinxveld-Giessendam", 18_500),
]
PARTNERS = [("Gorinchem", 38_000), ("Hoeksche Waard", 89_000), ("Molenlanden", 45_500)]
SLEUTELS = [
    verdeling.Component(Decimal("250000.00"), verdeling.SLEUTEL_VASTE_VOET_INWONERS, vaste_voet_pct=Decimal("30")),
    verdeling.Component(Decimal("400000.00"), verdeling.SLEUTEL_INWONERS, vaste_bijdragen={"Gorinchem": Decimal("10000.00")}),
    verdeling.Component(Decimal("260000.00"), verdeling.SLEUTEL_GELIJK),
]


def _scenario(jaar: int, aantal: int, rng: random.Random) -> verdeling.Scenario:
    organisaties = [verdeling.Organisatie(n, i) for n, i in GEMEENTEN]
    organisaties += [verdeling.Organisatie(n, i, verdeling.SOORT_PARTNER) for n, i in PARTNERS]
    namen = [o.naam for o in organisaties]
    coalities = []
    for c in range(aantal):
        leden = rng.sample(namen, rng.randint(2, 6))
        deelnames = [verdeling.Deelname(leden[0], verdeling.VARIANT_VOLLEDIG)]
        for naam in leden[1:]:
            keuze = rng.choice(verdeling.VARIANTEN)
            if keuze == verdeling.VARIANT_SOLIDARITEIT:
                deelnames.append(verdeling.Deelname(naam, keuze, bedrag=Decimal(rng.randint(1, 50) * 100)))
            elif keuze == verdeling.VARIANT_INSTAP:
                deelnames.append(verdeling.Deelname(
                    naam, keuze, instapdatum=datetime.date(jaar, rng.randint(1, 12), rng.choice([1, 15])),
                    instapfee=Decimal(rng.randint(0, 20) * 100)))
            else:
                deelnames.append(verdeling.Deelname(naam, keuze))
        profijt = rng.choice([verdeling.PROFIJT_GELIJK, verdeling.PROFIJT_INWONERS])
        budget = Decimal(rng.randint(50_000, 500_000)) + Decimal(rng.randint(0, 99)) / 100
        coalities.append(verdeling.Coalitie(f"Coalitie {c:04d}", budget, profijt, tuple(deelnames)))
    return verdeling.Scenario(
        jaar=jaar, organisaties=tuple(organisaties), component_1=SLEUTELS[0],
        component_2=SLEUTELS[1] if jaar % 2 else SLEUTELS[2], coalities=tuple(coalities),
    )


def test_tien_jaar_2000_coalities(benchmark):
    """Computing 10 years × 2,000 coalities; every budget still adds up to the cent."""
    rng = random.Random(2026)
    scenarios = [_scenario(jaar, 2000, rng) for jaar in range(2026, 2036)]

    resultaten = benchmark.pedantic(lambda: [verdeling.bereken(s) for s in scenarios], rounds=3, iterations=1)

    for scenario, resultaat in zip(scenarios, resultaten, strict=True):
        assert resultaat.totalen["component_3"] == sum((c.budget for c in scenario.coalities), Decimal("0"))
        assert resultaat.totalen["component_1"] == scenario.component_1.budget
