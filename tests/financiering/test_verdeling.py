"""Tests for financiering.verdeling: who pays what in the three financing components.

The worked examples are computed by hand; the arithmetic is in each docstring or comment, in cents
where the largest-remainder rule matters.
"""

import copy
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from financiering.verdeling import (
    SLEUTELS,
    VARIANTEN,
    Coalitie,
    Component,
    Deelname,
    Organisatie,
    Scenario,
    VerdelingFout,
    bedrag_nl,
    bereken,
    instapfactor,
    lees_scenario,
    meerjarige_basis_waarschuwing,
    projectfinanciering_waarschuwing,
    resultaat_als_dict,
    resultaat_als_rijen,
    scenario_uit_json,
    verdeel,
)

D = Decimal

ZEVEN_GEMEENTEN = [
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
]


def drie_gemeenten(dordrecht: int = 120_000, sliedrecht: int = 30_000, zwijndrecht: int = 50_000):
    return [
        {"naam": "Dordrecht", "inwoners": dordrecht},
        {"naam": "Sliedrecht", "inwoners": sliedrecht},
        {"naam": "Zwijndrecht", "inwoners": zwijndrecht},
    ]


def scenario(**velden: Any) -> dict[str, Any]:
    """A JSON scenario with three gemeenten and empty budgets, overridden by `velden`."""
    data: dict[str, Any] = {
        "jaar": 2026,
        "organisaties": drie_gemeenten(),
        "component_1": {"budget": "0.00", "sleutel": "gelijk"},
        "component_2": {"budget": "0.00", "sleutel": "gelijk"},
        "coalities": [],
    }
    data.update(velden)
    return data


def uitkomst(data: dict[str, Any]) -> dict[str, Any]:
    return resultaat_als_dict(bereken(scenario_uit_json(data)))["organisaties"]


def component(data: dict[str, Any], naam: str) -> dict[str, str]:
    """The amounts of one component (or one coalition) per organisation."""
    organisaties = uitkomst(data)
    if naam in ("component_1", "component_2"):
        return {org: bedragen[naam] for org, bedragen in organisaties.items()}
    return {
        org: bedragen["component_3"]["per_coalitie"][naam] for org, bedragen in organisaties.items()
    }


FIETSROUTE_ORGANISATIES = [
    {"naam": "Dordrecht", "inwoners": 121_000},
    {"naam": "Papendrecht", "inwoners": 32_000},
    {"naam": "Sliedrecht", "inwoners": 25_000},
    {"naam": "Zwijndrecht", "inwoners": 45_000},
    {"naam": "Gorinchem", "inwoners": 38_000, "soort": "partner"},
]


def fietsroute(instapdatum: str = "2026-07-01", budget: str = "90000.00") -> dict[str, Any]:
    """The coalition from the spec: Dordrecht full, Sliedrecht solidarity, Papendrecht enters."""
    return {
        "naam": "Fietsroute",
        "budget": budget,
        "profijt": "gelijk",
        "deelnames": [
            {"organisatie": "Dordrecht", "variant": "volledig"},
            {"organisatie": "Sliedrecht", "variant": "solidariteit", "bedrag": "5000.00"},
            {
                "organisatie": "Papendrecht",
                "variant": "instap",
                "instapdatum": instapdatum,
                "instapfee": "2500.00",
            },
            {"organisatie": "Zwijndrecht", "variant": "geen"},
        ],
    }


def volledig_scenario() -> dict[str, Any]:
    """The full example from the spec: every component, a partner and a coalition."""
    return {
        "jaar": 2026,
        "organisaties": copy.deepcopy(FIETSROUTE_ORGANISATIES),
        "component_1": {
            "budget": "250000.00",
            "sleutel": "vaste_voet_inwoners",
            "vaste_voet_pct": "30",
        },
        "component_2": {
            "budget": "400000.00",
            "sleutel": "inwoners",
            "vaste_bijdragen": [{"organisatie": "Gorinchem", "bedrag": "10000.00"}],
        },
        "coalities": [fietsroute()],
        "drempel_projectfinanciering_pct": "40",
    }


# --- verdeel: the largest-remainder rule ------------------------------------------------------


def test_verdeel_tie_gives_extra_cent_to_alphabetically_first_name():
    """100.00 over three equal weights is 33.34/33.33/33.33, the extra cent to the first name."""
    # 10000 cents / 3 = 3333 rest 1 each; remainders tie at 1/3, so Alblasserdam gets the cent.
    aandelen = verdeel(D("100.00"), {"Zwijndrecht": 1, "Dordrecht": 1, "Alblasserdam": 1})
    assert aandelen == {
        "Alblasserdam": D("33.34"),
        "Dordrecht": D("33.33"),
        "Zwijndrecht": D("33.33"),
    }
    assert list(aandelen) == ["Alblasserdam", "Dordrecht", "Zwijndrecht"]


def test_verdeel_largest_remainder_wins_before_name():
    """The leftover cent goes to the largest remainder even if that name sorts last."""
    # 10000 * 1/3 = 3333.33 and 10000 * 2/3 = 6666.67: floors 9999, one cent to B (0.67 > 0.33).
    assert verdeel(D("100.00"), {"A": 1, "B": 2}) == {"A": D("33.33"), "B": D("66.67")}


def test_verdeel_result_does_not_depend_on_input_order():
    """Reordering the weights gives the same shares."""
    gewichten = {"C": Fraction(1, 3), "A": D("0.5"), "B": 2}
    omgekeerd = dict(reversed(list(gewichten.items())))
    assert verdeel(D("10.01"), gewichten) == verdeel(D("10.01"), omgekeerd)


def test_verdeel_zero_weight_gets_nothing():
    """A name with weight 0 never receives a leftover cent."""
    # 5 cents / 2 = 2 rest 1/2 each for B and C; A has remainder 0; the cent goes to B.
    assert verdeel(D("0.05"), {"A": 0, "B": 1, "C": 1}) == {
        "A": D("0.00"),
        "B": D("0.03"),
        "C": D("0.02"),
    }


def test_verdeel_zero_amount_gives_zero_to_everyone():
    """Splitting 0 gives 0.00 to every name, even when all weights are 0."""
    assert verdeel(D("0"), {"A": 0, "B": 0}) == {"A": D("0.00"), "B": D("0.00")}


def test_verdeel_all_zero_weights_with_amount_raises():
    """A positive amount cannot be split when all weights are 0."""
    with pytest.raises(VerdelingFout, match="niemand heeft een gewicht groter dan 0"):
        verdeel(D("10.00"), {"A": 0, "B": 0})


def test_verdeel_without_names_raises():
    """A positive amount cannot be split over nobody."""
    with pytest.raises(VerdelingFout, match="kan niet verdeeld worden"):
        verdeel(D("10.00"), {})


@pytest.mark.parametrize(
    ("bedrag", "gewichten", "fragment"),
    [
        (D("-1.00"), {"A": 1}, "mag niet negatief"),
        (D("1.001"), {"A": 1}, "hoogstens twee decimalen"),
        (D("NaN"), {"A": 1}, "geen geldig getal"),
        (1.5, {"A": 1}, "verwacht een getal"),
        (D("1.00"), {"A": -1}, "mag niet negatief"),
        (D("1.00"), {"A": 0.5}, "verwacht een getal"),
    ],
)
def test_verdeel_refuses_bad_input(bedrag, gewichten, fragment):
    """Negative, over-precise, non-finite or float amounts and weights are refused."""
    with pytest.raises(VerdelingFout, match=fragment):
        verdeel(bedrag, gewichten)


# --- Components 1 and 2: the allocation keys --------------------------------------------------


def test_sleutel_gelijk_over_seven_gemeenten():
    """250,000.00 equally over seven: the first four names get 35714.29, the last three 35714.28."""
    # 25,000,000 cents / 7 = 3,571,428 rest 4/7 each; 7 * 3,571,428 = 24,999,996, so 4 cents
    # are left and go to the first four names in alphabetical order.
    data = scenario(
        organisaties=[{"naam": naam} for naam in reversed(ZEVEN_GEMEENTEN)],
        component_1={"budget": "250000.00", "sleutel": "gelijk"},
    )
    assert component(data, "component_1") == {
        "Alblasserdam": "35714.29",
        "Dordrecht": "35714.29",
        "Hardinxveld-Giessendam": "35714.29",
        "Hendrik-Ido-Ambacht": "35714.29",
        "Papendrecht": "35714.28",
        "Sliedrecht": "35714.28",
        "Zwijndrecht": "35714.28",
    }


def test_sleutel_inwoners():
    """1000.00 by inhabitants 120,000/25,000/45,000 gives 631.58/131.58/236.84."""
    # Total 190,000 inhabitants; 100,000 cents:
    # Dordrecht   100000 * 120000/190000 = 1200000/19 = 63157 + 17/19
    # Sliedrecht  100000 *  25000/190000 =  250000/19 = 13157 + 17/19
    # Zwijndrecht 100000 *  45000/190000 =  450000/19 = 23684 +  4/19
    # Floors add to 99,998: two cents to the two largest remainders (Dordrecht, Sliedrecht).
    data = scenario(
        organisaties=drie_gemeenten(120_000, 25_000, 45_000),
        component_1={"budget": "1000.00", "sleutel": "inwoners"},
    )
    assert component(data, "component_1") == {
        "Dordrecht": "631.58",
        "Sliedrecht": "131.58",
        "Zwijndrecht": "236.84",
    }


def test_sleutel_vaste_voet_inwoners():
    """250,000.00 with a 30 % fixed base and the rest by inhabitants gives 130000/51250/68750."""
    # Inhabitants 120,000/30,000/50,000 of 200,000 = 0.60/0.15/0.25; fixed base 0.30/3 = 0.10.
    # Dordrecht   0.10 + 0.70 * 0.60 = 0.520 -> 130,000.00
    # Sliedrecht  0.10 + 0.70 * 0.15 = 0.205 ->  51,250.00
    # Zwijndrecht 0.10 + 0.70 * 0.25 = 0.275 ->  68,750.00
    data = scenario(
        component_1={
            "budget": "250000.00",
            "sleutel": "vaste_voet_inwoners",
            "vaste_voet_pct": "30",
        }
    )
    assert component(data, "component_1") == {
        "Dordrecht": "130000.00",
        "Sliedrecht": "51250.00",
        "Zwijndrecht": "68750.00",
    }


def test_sleutel_vaste_voet_inwoners_uses_one_combined_pass():
    """100.00 with a 50 % base over inhabitants 2 and 1 gives 58.33/41.67, adding up exactly."""
    # Dordrecht 1/4 + 1/2 * 2/3 = 7/12 -> 10000 * 7/12 = 5833 + 1/3
    # Sliedrecht 1/4 + 1/2 * 1/3 = 5/12 -> 10000 * 5/12 = 4166 + 2/3, gets the leftover cent.
    data = scenario(
        organisaties=[{"naam": "Dordrecht", "inwoners": 2}, {"naam": "Sliedrecht", "inwoners": 1}],
        component_1={"budget": "100.00", "sleutel": "vaste_voet_inwoners", "vaste_voet_pct": "50"},
    )
    assert component(data, "component_1") == {"Dordrecht": "58.33", "Sliedrecht": "41.67"}


def test_sleutel_vaste_percentages():
    """1000.00 at 40/25.5/34.5 percent gives 400.00/255.00/345.00."""
    data = scenario(
        component_2={
            "budget": "1000.00",
            "sleutel": "vaste_percentages",
            "percentages": {"Dordrecht": "40", "Sliedrecht": "25.5", "Zwijndrecht": "34.5"},
        }
    )
    assert component(data, "component_2") == {
        "Dordrecht": "400.00",
        "Sliedrecht": "255.00",
        "Zwijndrecht": "345.00",
    }


def test_sleutel_vaste_percentages_with_leftover_cent():
    """10.00 at 33.33/33.33/33.34 percent gives 3.33/3.33/3.34."""
    # 1000 cents: 333.3, 333.3, 333.4 -> floors 999; the cent goes to the largest remainder 0.4.
    data = scenario(
        component_1={
            "budget": "10.00",
            "sleutel": "vaste_percentages",
            "percentages": {"Dordrecht": "33.33", "Sliedrecht": "33.33", "Zwijndrecht": "33.34"},
        }
    )
    assert component(data, "component_1") == {
        "Dordrecht": "3.33",
        "Sliedrecht": "3.33",
        "Zwijndrecht": "3.34",
    }


def test_partner_pays_fixed_amount_in_component_2_and_nothing_in_component_1():
    """A partner pays its agreed 10,000.00; the gemeenten split the remaining 390,000.00."""
    # Rest 400,000 - 10,000 = 390,000 by inhabitants 0.60/0.15/0.25 = 234,000/58,500/97,500.
    # Molenlanden is a partner without an agreed amount: it pays nothing.
    data = scenario(
        organisaties=[
            *drie_gemeenten(),
            {"naam": "Gorinchem", "inwoners": 38_000, "soort": "partner"},
            {"naam": "Molenlanden", "soort": "partner"},
        ],
        component_1={"budget": "90000.00", "sleutel": "gelijk"},
        component_2={
            "budget": "400000.00",
            "sleutel": "inwoners",
            "vaste_bijdragen": [{"organisatie": "Gorinchem", "bedrag": "10000.00"}],
        },
    )
    assert component(data, "component_2") == {
        "Dordrecht": "234000.00",
        "Gorinchem": "10000.00",
        "Molenlanden": "0.00",
        "Sliedrecht": "58500.00",
        "Zwijndrecht": "97500.00",
    }
    assert component(data, "component_1") == {
        "Dordrecht": "30000.00",
        "Gorinchem": "0.00",
        "Molenlanden": "0.00",
        "Sliedrecht": "30000.00",
        "Zwijndrecht": "30000.00",
    }


def test_fixed_amounts_above_component_2_budget_are_refused():
    """Fixed partner amounts above the component 2 budget raise a Dutch error."""
    data = scenario(
        organisaties=[*drie_gemeenten(), {"naam": "Gorinchem", "soort": "partner"}],
        component_2={
            "budget": "5000.00",
            "sleutel": "gelijk",
            "vaste_bijdragen": [{"organisatie": "Gorinchem", "bedrag": "5000.01"}],
        },
    )
    with pytest.raises(VerdelingFout) as fout:
        bereken(scenario_uit_json(data))
    assert fout.value.message == (
        "De vaste bijdragen (€\u00a05.000,01) zijn hoger dan het budget (€\u00a05.000,00) van component 2."
    )


def test_inhabitants_key_with_no_inhabitants_is_refused():
    """A positive budget by inhabitants when every gemeente has 0 inhabitants raises."""
    data = scenario(
        organisaties=drie_gemeenten(0, 0, 0),
        component_1={"budget": "10.00", "sleutel": "inwoners"},
    )
    with pytest.raises(VerdelingFout, match=r"Component 1: .* niemand heeft een gewicht"):
        bereken(scenario_uit_json(data))


# --- Component 3: coalitions by participation and benefit -------------------------------------


def test_component_3_spec_example_in_entry_year():
    """In 2026: Sliedrecht 5000, Papendrecht 2500 fee + half a share, Dordrecht a full share."""
    # Rest 90,000 - 5,000 - 2,500 = 82,500. Papendrecht enters 1 July: 6/12 of a share.
    # Weights Dordrecht 1, Papendrecht 1/2 (total 3/2): 55,000 and 27,500 (+ 2,500 fee).
    data = scenario(organisaties=FIETSROUTE_ORGANISATIES, coalities=[fietsroute()])
    assert component(data, "Fietsroute") == {
        "Dordrecht": "55000.00",
        "Gorinchem": "0.00",
        "Papendrecht": "30000.00",
        "Sliedrecht": "5000.00",
        "Zwijndrecht": "0.00",
    }


def test_component_3_instap_after_entry_year_pays_full_share_without_fee():
    """In 2027 the entrant shares fully (12/12) and pays no fee again."""
    # Rest 90,000 - 5,000 = 85,000 over Dordrecht and Papendrecht, 1 each: 42,500 each.
    data = scenario(jaar=2027, organisaties=FIETSROUTE_ORGANISATIES, coalities=[fietsroute()])
    uit = component(data, "Fietsroute")
    assert (uit["Dordrecht"], uit["Papendrecht"], uit["Sliedrecht"]) == (
        "42500.00",
        "42500.00",
        "5000.00",
    )


def test_component_3_instap_before_entry_year_pays_nothing():
    """In 2025, before its entry year, the entrant pays neither fee nor share."""
    # Rest 90,000 - 5,000 = 85,000, all for Dordrecht.
    data = scenario(jaar=2025, organisaties=FIETSROUTE_ORGANISATIES, coalities=[fietsroute()])
    uit = component(data, "Fietsroute")
    assert (uit["Dordrecht"], uit["Papendrecht"], uit["Sliedrecht"]) == (
        "85000.00",
        "0.00",
        "5000.00",
    )


def test_component_3_instap_mid_month_counts_only_whole_months():
    """Entry on 15 July counts 5/12: Dordrecht 58235.29, Papendrecht 24264.71 + 2500 fee."""
    # Rest 82,500 = 8,250,000 cents; weights 1 and 5/12, total 17/12.
    # Dordrecht   8250000 * 12/17 = 99000000/17 = 5823529 + 7/17
    # Papendrecht 8250000 *  5/17 = 41250000/17 = 2426470 + 10/17 -> gets the leftover cent.
    data = scenario(
        organisaties=FIETSROUTE_ORGANISATIES, coalities=[fietsroute(instapdatum="2026-07-15")]
    )
    uit = component(data, "Fietsroute")
    assert (uit["Dordrecht"], uit["Papendrecht"]) == ("58235.29", "26764.71")


@pytest.mark.parametrize(
    ("instapdatum", "jaar", "factor"),
    [
        (date(2026, 7, 1), 2026, Fraction(6, 12)),
        (date(2026, 7, 15), 2026, Fraction(5, 12)),
        (date(2026, 1, 1), 2026, Fraction(12, 12)),
        (date(2026, 1, 2), 2026, Fraction(11, 12)),
        (date(2026, 12, 1), 2026, Fraction(1, 12)),
        (date(2026, 12, 31), 2026, Fraction(0)),
        (date(2026, 7, 15), 2027, Fraction(1)),
        (date(2026, 7, 15), 2025, Fraction(0)),
    ],
)
def test_instapfactor_counts_whole_calendar_months(instapdatum, jaar, factor):
    """The entry factor counts whole months left in the year; the 1st counts its month."""
    assert instapfactor(instapdatum, jaar) == factor


def test_component_3_profijt_inwoners():
    """10,000.00 by inhabitants 120k/50k/30k gives 6000/2500/1500; a 2025 entrant shares fully."""
    # Sliedrecht entered in 2025, so in 2026 its factor is 1 and it pays no fee.
    data = scenario(
        coalities=[
            {
                "naam": "Waterbus",
                "budget": "10000.00",
                "profijt": "inwoners",
                "deelnames": [
                    {"organisatie": "Dordrecht", "variant": "volledig"},
                    {"organisatie": "Zwijndrecht", "variant": "volledig"},
                    {
                        "organisatie": "Sliedrecht",
                        "variant": "instap",
                        "instapdatum": "2025-03-15",
                        "instapfee": "999.00",
                    },
                ],
            }
        ]
    )
    assert component(data, "Waterbus") == {
        "Dordrecht": "6000.00",
        "Sliedrecht": "1500.00",
        "Zwijndrecht": "2500.00",
    }


def test_component_3_custom_benefit_weights():
    """8,000.00 by weights 2/1.5/0.5 (total 4) gives 4000/3000/1000."""
    data = scenario(
        coalities=[
            {
                "naam": "Warmtenet",
                "budget": "8000.00",
                "profijt": {"Dordrecht": "2", "Sliedrecht": "1.5", "Zwijndrecht": "0.5"},
                "deelnames": [
                    {"organisatie": naam, "variant": "volledig"}
                    for naam in ("Dordrecht", "Sliedrecht", "Zwijndrecht")
                ],
            }
        ]
    )
    assert component(data, "Warmtenet") == {
        "Dordrecht": "4000.00",
        "Sliedrecht": "3000.00",
        "Zwijndrecht": "1000.00",
    }


def test_component_3_geen_and_absent_organisations_pay_nothing():
    """`geen` and organisations without a deelname pay 0.00; the one full participant pays all."""
    data = scenario(
        coalities=[
            {
                "naam": "Bouwtafel",
                "budget": "1234.56",
                "profijt": "gelijk",
                "deelnames": [
                    {"organisatie": "Dordrecht", "variant": "volledig"},
                    {"organisatie": "Sliedrecht", "variant": "geen"},
                ],
            }
        ]
    )
    assert component(data, "Bouwtafel") == {
        "Dordrecht": "1234.56",
        "Sliedrecht": "0.00",
        "Zwijndrecht": "0.00",
    }


def test_component_3_solidarity_covering_whole_budget_leaves_full_participants_nothing():
    """When solidarity contributions equal the budget, the rest is 0 and full participants pay 0."""
    data = scenario(
        coalities=[
            {
                "naam": "Dijkversterking",
                "budget": "3000.00",
                "profijt": "gelijk",
                "deelnames": [
                    {"organisatie": "Dordrecht", "variant": "volledig"},
                    {"organisatie": "Sliedrecht", "variant": "solidariteit", "bedrag": "1000.00"},
                    {"organisatie": "Zwijndrecht", "variant": "solidariteit", "bedrag": "2000.00"},
                ],
            }
        ]
    )
    assert component(data, "Dijkversterking") == {
        "Dordrecht": "0.00",
        "Sliedrecht": "1000.00",
        "Zwijndrecht": "2000.00",
    }


def test_component_3_contributions_above_budget_are_refused():
    """Solidarity plus fees above the project budget raise the Dutch message from the spec."""
    coalitie = fietsroute(budget="10000.00")
    coalitie["deelnames"][1]["bedrag"] = "10000.00"
    data = scenario(organisaties=FIETSROUTE_ORGANISATIES, coalities=[coalitie])
    with pytest.raises(VerdelingFout) as fout:
        bereken(scenario_uit_json(data))
    assert fout.value.message == (
        "De solidariteitsbijdragen en instapfees (€\u00a012.500,00) zijn hoger dan het projectbudget "
        "(€\u00a010.000,00) van coalitie Fietsroute."
    )


@pytest.mark.parametrize(
    "deelnames",
    [
        [{"organisatie": "Sliedrecht", "variant": "solidariteit", "bedrag": "100.00"}],
        # Entering on 31 December leaves no whole month, so nobody carries the rest in 2026.
        [
            {
                "organisatie": "Dordrecht",
                "variant": "instap",
                "instapdatum": "2026-12-31",
                "instapfee": "0",
            }
        ],
    ],
)
def test_component_3_rest_without_anyone_to_share_is_refused(deelnames):
    """A positive rest with no full participant or entered entrant raises a Dutch error."""
    data = scenario(
        coalities=[
            {"naam": "Haven", "budget": "500.00", "profijt": "gelijk", "deelnames": deelnames}
        ]
    )
    with pytest.raises(VerdelingFout, match="Coalitie Haven: niemand draagt het restant"):
        bereken(scenario_uit_json(data))


# --- Warnings ---------------------------------------------------------------------------------


def projectscenario(**velden: Any) -> dict[str, Any]:
    """Component 1 47,700.00 and one coalition 52,300.00: component 3 is 52.3 % of 100,000."""
    return scenario(
        component_1={"budget": "47700.00", "sleutel": "gelijk"},
        coalities=[
            {
                "naam": "Fietsroute",
                "budget": "52300.00",
                "profijt": "gelijk",
                "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"}],
            }
        ],
        **velden,
    )


def test_warning_when_component_3_exceeds_40_percent():
    """52,300 of 100,000 is 52.3 % > 40 %: the project-financing warning is given."""
    resultaat = resultaat_als_dict(bereken(scenario_uit_json(projectscenario())))
    assert resultaat["waarschuwingen"] == [
        "Veel projectfinanciering: de specifieke projecten (component 3) zijn 52,3 % van het totaal (drempel 40 %). "
        "Risico op bureaucratie en discussie over wie wat betaalt."
    ]


def test_no_warning_below_a_higher_threshold():
    """With the threshold at 60 %, 52.3 % gives no warning."""
    data = projectscenario(drempel_projectfinanciering_pct="60")
    assert resultaat_als_dict(bereken(scenario_uit_json(data)))["waarschuwingen"] == []


def test_no_warning_at_exactly_the_threshold():
    """Exactly 40 % is not above the threshold."""
    assert projectfinanciering_waarschuwing(D("40000.00"), D("100000.00")) is None
    assert projectfinanciering_waarschuwing(D("40000.01"), D("100000.00")) is not None


def test_no_warning_when_nothing_is_paid():
    """A year without any money gives no warning."""
    assert projectfinanciering_waarschuwing(D("0.00"), D("0.00")) is None


def test_meerjarige_basis_warning_names_missing_years():
    """Components 1 and 2 set only for 2029 warns about 2027 and 2028."""
    assert meerjarige_basis_waarschuwing(2026, {2026, 2029}) == (
        "Geen meerjarige basis: netwerk en projectbasis (componenten 1 en 2) zijn niet vastgesteld voor 2027, 2028."
    )


def test_meerjarige_basis_no_warning_when_three_years_are_set():
    """Components 1 and 2 set for the next three years gives no warning."""
    assert meerjarige_basis_waarschuwing(2026, {2027, 2028, 2029}) is None


# --- Output -----------------------------------------------------------------------------------


def test_resultaat_als_dict_has_the_agreed_shape():
    """The JSON result has jaar, organisaties per name, totalen and waarschuwingen."""
    resultaat = resultaat_als_dict(bereken(scenario_uit_json(volledig_scenario())))
    assert resultaat["jaar"] == 2026
    assert list(resultaat["organisaties"]) == [
        "Dordrecht",
        "Gorinchem",
        "Papendrecht",
        "Sliedrecht",
        "Zwijndrecht",
    ]
    # Gorinchem: no component 1, its fixed 10,000 in component 2, nothing in the coalition.
    assert resultaat["organisaties"]["Gorinchem"] == {
        "component_1": "0.00",
        "component_2": "10000.00",
        "component_3": {"totaal": "0.00", "per_coalitie": {"Fietsroute": "0.00"}},
        "totaal": "10000.00",
    }
    assert resultaat["organisaties"]["Papendrecht"]["component_3"] == {
        "totaal": "30000.00",
        "per_coalitie": {"Fietsroute": "30000.00"},
    }
    assert resultaat["totalen"] == {
        "component_1": "250000.00",
        "component_2": "400000.00",
        "component_3": "90000.00",
        "totaal": "740000.00",
    }
    assert resultaat["waarschuwingen"] == []


def test_resultaat_als_rijen_for_csv():
    """CSV rows: the header, one row per organisation by name, and a Totaal row."""
    data = scenario(
        organisaties=[{"naam": "Zwijndrecht"}, {"naam": "Dordrecht"}],
        component_1={"budget": "100.01", "sleutel": "gelijk"},
        component_2={"budget": "50.00", "sleutel": "gelijk"},
    )
    assert resultaat_als_rijen(bereken(scenario_uit_json(data))) == [
        ["organisatie", "component_1", "component_2", "component_3", "totaal"],
        ["Dordrecht", "50.01", "25.00", "0.00", "75.01"],
        ["Zwijndrecht", "50.00", "25.00", "0.00", "75.00"],
        ["Totaal", "100.01", "50.00", "0.00", "150.01"],
    ]


def test_scenario_built_from_dataclasses_matches_json():
    """A scenario built directly (as from database rows) gives the same result as the JSON one."""
    direct = Scenario(
        jaar=2026,
        organisaties=[
            Organisatie("Dordrecht", 121_000),
            Organisatie("Papendrecht", 32_000),
            Organisatie("Sliedrecht", 25_000),
            Organisatie("Zwijndrecht", 45_000),
            Organisatie("Gorinchem", 38_000, "partner"),
        ],
        component_1=Component(D("250000.00"), "vaste_voet_inwoners", vaste_voet_pct=D("30")),
        component_2=Component(
            D("400000.00"), "inwoners", vaste_bijdragen={"Gorinchem": D("10000.00")}
        ),
        coalities=[
            Coalitie(
                "Fietsroute",
                D("90000.00"),
                "gelijk",
                [
                    Deelname("Dordrecht", "volledig"),
                    Deelname("Sliedrecht", "solidariteit", bedrag=D("5000.00")),
                    Deelname(
                        "Papendrecht",
                        "instap",
                        instapdatum=date(2026, 7, 1),
                        instapfee=D("2500.00"),
                    ),
                    Deelname("Zwijndrecht", "geen"),
                ],
            )
        ],
        drempel=D("40"),
    )
    uit_json = scenario_uit_json(volledig_scenario())
    assert resultaat_als_dict(bereken(direct)) == resultaat_als_dict(bereken(uit_json))


def test_dataclass_scenario_is_validated_too():
    """bereken checks a directly built scenario: a negative budget is refused."""
    direct = Scenario(
        jaar=2026,
        organisaties=[Organisatie("Dordrecht")],
        component_1=Component(D("-1.00")),
        component_2=Component(D("0")),
    )
    with pytest.raises(VerdelingFout, match="Component 1, budget: een bedrag mag niet negatief"):
        bereken(direct)


def test_lees_scenario_reads_json_numbers_exactly():
    """lees_scenario accepts JSON numbers with decimals exactly and refuses broken JSON."""
    tekst = (
        '{"jaar": 2026, "organisaties": [{"naam": "Dordrecht"}, {"naam": "Sliedrecht"}],'
        ' "component_1": {"budget": 0.03, "sleutel": "gelijk"},'
        ' "component_2": {"budget": 0, "sleutel": "gelijk"}}'
    )
    resultaat = resultaat_als_dict(bereken(lees_scenario(tekst)))
    assert resultaat["totalen"]["component_1"] == "0.03"
    assert resultaat["organisaties"]["Dordrecht"]["component_1"] == "0.02"
    with pytest.raises(VerdelingFout, match="geen geldige JSON"):
        lees_scenario('{"jaar": 2026,')


def test_bedrag_nl_formats_dutch():
    """Amounts in messages read € 12.500,00."""
    assert bedrag_nl(D("12500")) == "€\u00a012.500,00"
    assert bedrag_nl(D("1234567.8")) == "€\u00a01.234.567,80"


# --- Bad input --------------------------------------------------------------------------------


def zet(*pad: Any, waarde: Any):
    """A change to the full scenario: set the value at `pad`."""

    def wijzig(data: dict[str, Any]) -> None:
        doel = data
        for stap in pad[:-1]:
            doel = doel[stap]
        doel[pad[-1]] = waarde

    return wijzig


def weg(*pad: Any):
    """A change to the full scenario: remove the key at `pad`."""

    def wijzig(data: dict[str, Any]) -> None:
        doel = data
        for stap in pad[:-1]:
            doel = doel[stap]
        del doel[pad[-1]]

    return wijzig


def erbij(*pad: Any, waarde: Any):
    """A change to the full scenario: append a value to the list at `pad`."""

    def wijzig(data: dict[str, Any]) -> None:
        doel = data
        for stap in pad:
            doel = doel[stap]
        doel.append(waarde)

    return wijzig


SLIEDRECHT = ("coalities", 0, "deelnames", 1)
PAPENDRECHT = ("coalities", 0, "deelnames", 2)

FOUTE_INVOER = [
    # Unknown names and values.
    ("onbekende sleutel", zet("component_1", "sleutel", waarde="oppervlakte"), "onbekende sleutel"),
    ("onbekende soort", zet("organisaties", 0, "soort", waarde="provincie"), "onbekende soort"),
    ("onbekende variant", zet(*SLIEDRECHT, "variant", waarde="half"), "onbekende variant"),
    ("onbekend profijt", zet("coalities", 0, "profijt", waarde="nut"), "onbekend profijt"),
    (
        "onbekend veld",
        zet("component_1", "vaste_voet_pc", waarde="30"),
        "onbekend veld vaste_voet_pc",
    ),
    # Percentages.
    (
        "percentages niet 100",
        zet(
            "component_2",
            waarde={
                "budget": "1.00",
                "sleutel": "vaste_percentages",
                "percentages": {
                    "Dordrecht": "40",
                    "Papendrecht": "20",
                    "Sliedrecht": "20",
                    "Zwijndrecht": "19.5",
                },
            },
        ),
        "tellen op tot 99,5 in plaats van 100",
    ),
    (
        "percentage ontbreekt",
        zet(
            "component_2",
            waarde={
                "budget": "1.00",
                "sleutel": "vaste_percentages",
                "percentages": {"Dordrecht": "50", "Papendrecht": "25", "Sliedrecht": "25"},
            },
        ),
        "percentage ontbreekt voor Zwijndrecht",
    ),
    (
        "percentage voor onbekende organisatie",
        zet(
            "component_2",
            waarde={
                "budget": "1.00",
                "sleutel": "vaste_percentages",
                "percentages": {
                    "Dordrecht": "25",
                    "Papendrecht": "25",
                    "Sliedrecht": "25",
                    "Zwijndrecht": "25",
                    "Breda": "0",
                },
            },
        ),
        "percentage voor onbekende organisatie Breda",
    ),
    (
        "percentage voor partner",
        zet(
            "component_2",
            waarde={
                "budget": "1.00",
                "sleutel": "vaste_percentages",
                "percentages": {
                    "Dordrecht": "25",
                    "Papendrecht": "25",
                    "Sliedrecht": "25",
                    "Zwijndrecht": "25",
                    "Gorinchem": "0",
                },
            },
        ),
        "Gorinchem is een partner",
    ),
    (
        "negatief percentage",
        zet(
            "component_2",
            waarde={
                "budget": "1.00",
                "sleutel": "vaste_percentages",
                "percentages": {
                    "Dordrecht": "110",
                    "Papendrecht": "-10",
                    "Sliedrecht": "0",
                    "Zwijndrecht": "0",
                },
            },
        ),
        "tussen 0 en 100",
    ),
    (
        "percentages bij andere sleutel",
        zet("component_2", "percentages", waarde={"Dordrecht": "100"}),
        "percentages horen alleen bij sleutel vaste_percentages",
    ),
    ("vaste voet ontbreekt", weg("component_1", "vaste_voet_pct"), "vraagt een vaste_voet_pct"),
    ("vaste voet te groot", zet("component_1", "vaste_voet_pct", waarde="120"), "tussen 0 en 100"),
    (
        "vaste voet bij andere sleutel",
        zet("component_2", "vaste_voet_pct", waarde="30"),
        "vaste_voet_pct hoort alleen bij sleutel vaste_voet_inwoners",
    ),
    # Negative and malformed amounts.
    ("negatief budget", zet("component_1", "budget", waarde="-250000.00"), "mag niet negatief"),
    ("negatief projectbudget", zet("coalities", 0, "budget", waarde="-1"), "mag niet negatief"),
    ("negatief bedrag", zet(*SLIEDRECHT, "bedrag", waarde="-5000.00"), "mag niet negatief"),
    ("negatieve instapfee", zet(*PAPENDRECHT, "instapfee", waarde="-1.00"), "mag niet negatief"),
    (
        "negatieve vaste bijdrage",
        zet("component_2", "vaste_bijdragen", 0, "bedrag", waarde="-10.00"),
        "mag niet negatief",
    ),
    ("drie decimalen", zet("component_1", "budget", waarde="100.005"), "hoogstens twee decimalen"),
    ("komma als decimaalteken", zet("component_1", "budget", waarde="12,50"), "geen geldig getal"),
    ("tekst als bedrag", zet("component_2", "budget", waarde="veel"), "geen geldig getal"),
    ("NaN als bedrag", zet("component_2", "budget", waarde="NaN"), "geen geldig getal"),
    ("float als bedrag", zet("component_1", "budget", waarde=250000.5), "als tekst"),
    ("boolean als bedrag", zet("component_1", "budget", waarde=True), "verwacht een getal"),
    ("drempel te groot", zet("drempel_projectfinanciering_pct", waarde="150"), "tussen 0 en 100"),
    # Dates.
    (
        "verkeerde datum",
        zet(*PAPENDRECHT, "instapdatum", waarde="01-07-2026"),
        "geen geldige datum",
    ),
    (
        "onmogelijke datum",
        zet(*PAPENDRECHT, "instapdatum", waarde="2026-02-30"),
        "geen geldige datum",
    ),
    ("datum als getal", zet(*PAPENDRECHT, "instapdatum", waarde=20260701), "geen geldige datum"),
    # Unknown and duplicate organisations.
    (
        "onbekende deelnemer",
        zet(*SLIEDRECHT, "organisatie", waarde="Hoeksche Waard"),
        "Coalitie Fietsroute: onbekende organisatie Hoeksche Waard",
    ),
    (
        "onbekende vaste bijdrager",
        zet("component_2", "vaste_bijdragen", 0, "organisatie", waarde="Molenlanden"),
        "vaste bijdrage voor onbekende organisatie Molenlanden",
    ),
    (
        "dubbele organisatie",
        erbij("organisaties", waarde={"naam": "Dordrecht", "inwoners": 1}),
        "Organisatie Dordrecht komt meer dan eens voor",
    ),
    (
        "dubbele deelname",
        erbij("coalities", 0, "deelnames", waarde={"organisatie": "Dordrecht", "variant": "geen"}),
        "Dordrecht staat meer dan eens bij de deelnames",
    ),
    ("dubbele coalitie", erbij("coalities", waarde=fietsroute()), "Coalitie Fietsroute komt meer"),
    (
        "dubbele vaste bijdrage",
        erbij("component_2", "vaste_bijdragen", waarde={"organisatie": "Gorinchem", "bedrag": "1"}),
        "Gorinchem heeft meer dan een vaste bijdrage",
    ),
    # Missing fields.
    ("jaar ontbreekt", weg("jaar"), "verplicht veld jaar ontbreekt"),
    ("component ontbreekt", weg("component_2"), "verplicht veld component_2 ontbreekt"),
    ("budget ontbreekt", weg("coalities", 0, "budget"), "verplicht veld budget ontbreekt"),
    ("naam ontbreekt", weg("organisaties", 1, "naam"), "verplicht veld naam ontbreekt"),
    ("inwoners ontbreken", weg("organisaties", 0, "inwoners"), "aantal inwoners"),
    ("bedrag ontbreekt", weg(*SLIEDRECHT, "bedrag"), "vraagt een bedrag"),
    ("instapfee ontbreekt", weg(*PAPENDRECHT, "instapfee"), "vraagt een instapfee"),
    ("instapdatum ontbreekt", weg(*PAPENDRECHT, "instapdatum"), "vraagt een instapdatum"),
    # Variant rules.
    ("solidariteit nul", zet(*SLIEDRECHT, "bedrag", waarde="0.00"), "groter dan 0"),
    (
        "bedrag bij volledig",
        zet("coalities", 0, "deelnames", 0, "bedrag", waarde="1.00"),
        "bedrag hoort niet bij variant volledig",
    ),
    # Component rules.
    (
        "vaste bijdrage in component 1",
        zet("component_1", "vaste_bijdragen", waarde=[{"organisatie": "Gorinchem", "bedrag": "1"}]),
        "alleen mogelijk in component 2",
    ),
    (
        "vaste bijdrage van gemeente",
        zet("component_2", "vaste_bijdragen", 0, "organisatie", waarde="Sliedrecht"),
        "Sliedrecht is geen partner",
    ),
    # Benefit weights.
    (
        "profijtgewicht ontbreekt",
        zet("coalities", 0, "profijt", waarde={"Dordrecht": "1"}),
        "profijtgewicht ontbreekt voor Papendrecht",
    ),
    (
        "negatief profijtgewicht",
        zet("coalities", 0, "profijt", waarde={"Dordrecht": "1", "Papendrecht": "-1"}),
        "mag niet negatief",
    ),
    (
        "profijtgewicht voor niet-deelnemer",
        zet(
            "coalities",
            0,
            "profijt",
            waarde={"Dordrecht": "1", "Papendrecht": "1", "Sliedrecht": "1"},
        ),
        "profijtgewicht voor Sliedrecht",
    ),
    # Wrong types.
    ("jaar als tekst", zet("jaar", waarde="2026"), "jaar: verwacht een geheel getal"),
    (
        "organisaties geen lijst",
        zet("organisaties", waarde={"naam": "Dordrecht"}),
        "verwacht een lijst",
    ),
    (
        "inwoners als tekst",
        zet("organisaties", 0, "inwoners", waarde="121000"),
        "verwacht een geheel getal",
    ),
    ("negatieve inwoners", zet("organisaties", 0, "inwoners", waarde=-5), "0 of meer"),
    ("naam geen tekst", zet("organisaties", 0, "naam", waarde=7), "verwacht een naam"),
    ("lege naam", zet("organisaties", 0, "naam", waarde="  "), "verwacht een naam"),
    ("component geen object", zet("component_1", waarde="250000"), "verwacht een object"),
    (
        "percentages geen object",
        zet("component_2", "percentages", waarde=["40"]),
        "verwacht een object",
    ),
    # Months of a party that joins or leaves during the year.
    ("maanden boven 12", zet("coalities", 0, "deelnames", 0, "maanden", waarde=13), "van 0 tot en met 12"),
    ("maanden als tekst", zet("coalities", 0, "deelnames", 0, "maanden", waarde="6"), "van 0 tot en met 12"),
    ("maanden bij geen", zet("coalities", 0, "deelnames", 3, "maanden", waarde=6), "niet bij geen deelname"),
    ("maanden onbekend", zet("component_1", "maanden", waarde={"Rotterdam": 6}), "onbekende organisatie Rotterdam"),
    ("maanden negatief", zet("component_2", "maanden", waarde={"Gorinchem": -1}), "van 0 tot en met 12"),
    ("maanden geen object", zet("component_2", "maanden", waarde=[6]), "aantal maanden per organisatie"),
]


def test_full_scenario_is_valid():
    """The scenario that the bad-input cases start from is itself valid."""
    bereken(scenario_uit_json(volledig_scenario()))


@pytest.mark.parametrize(
    ("wijziging", "fragment"),
    [(wijziging, fragment) for _, wijziging, fragment in FOUTE_INVOER],
    ids=[naam for naam, _, _ in FOUTE_INVOER],
)
def test_bad_input_raises_verdelingfout_with_dutch_message(wijziging, fragment):
    """Every kind of bad input raises VerdelingFout with a clear Dutch message."""
    data = volledig_scenario()
    wijziging(data)
    with pytest.raises(VerdelingFout) as fout:
        bereken(scenario_uit_json(data))
    assert fragment in fout.value.message


def test_scenario_must_be_an_object():
    """A JSON list instead of an object is refused."""
    with pytest.raises(VerdelingFout, match="verwacht een object"):
        scenario_uit_json([])


# --- Properties -------------------------------------------------------------------------------

PARTNERS = ["Gorinchem", "Hoeksche Waard", "Molenlanden", "Economic Development Board"]


def als_bedrag(centen: int) -> str:
    return f"{centen // 100}.{centen % 100:02d}"


def in_centen(bedrag: str) -> int:
    return int(D(bedrag) * 100)


@st.composite
def componenten(draw, gemeenten: list[str], partners: list[str]) -> dict[str, Any]:
    sleutel = draw(st.sampled_from(SLEUTELS))
    data: dict[str, Any] = {"sleutel": sleutel}
    if sleutel == "vaste_voet_inwoners":
        data["vaste_voet_pct"] = str(draw(st.decimals(0, 100, places=2)))
    if sleutel == "vaste_percentages":
        # Cut 100.00 % into one piece per gemeente, in hundredths of a percent.
        sneden = sorted(
            draw(
                st.lists(
                    st.integers(0, 10_000), min_size=len(gemeenten) - 1, max_size=len(gemeenten) - 1
                )
            )
        )
        grenzen = [0, *sneden, 10_000]
        data["percentages"] = {
            naam: str(D(hoog - laag) / 100)
            for naam, laag, hoog in zip(gemeenten, grenzen, grenzen[1:], strict=False)
        }
    vast = (
        {
            p: draw(st.integers(0, 10**7))
            for p in draw(st.lists(st.sampled_from(partners), unique=True))
        }
        if partners
        else {}
    )
    data["vaste_bijdragen"] = [{"organisatie": p, "bedrag": als_bedrag(c)} for p, c in vast.items()]
    data["budget"] = als_bedrag(sum(vast.values()) + draw(st.integers(0, 10**10)))
    return data


@st.composite
def coalities(draw, naam: str, organisaties: list[dict[str, Any]], jaar: int) -> dict[str, Any]:
    namen = [o["naam"] for o in organisaties]
    deelnemers = draw(st.lists(st.sampled_from(namen), unique=True))
    deelnames = []
    vast = 0
    for organisatie in deelnemers:
        variant = draw(st.sampled_from(VARIANTEN))
        deelname: dict[str, Any] = {"organisatie": organisatie, "variant": variant}
        if variant == "solidariteit":
            bedrag = draw(st.integers(1, 10**7))
            deelname["bedrag"] = als_bedrag(bedrag)
            vast += bedrag
        if variant == "instap":
            datum = draw(st.dates(date(jaar - 2, 1, 1), date(jaar + 2, 12, 31)))
            fee = draw(st.integers(0, 10**7))
            deelname |= {"instapdatum": datum.isoformat(), "instapfee": als_bedrag(fee)}
            if datum.year == jaar:
                vast += fee
        deelnames.append(deelname)

    delers = [d["organisatie"] for d in deelnames if d["variant"] in ("volledig", "instap")]
    soort = draw(st.sampled_from(["gelijk", "inwoners", "gewichten"]))
    if soort == "gewichten":
        profijt: Any = {d: str(draw(st.decimals(0, 100, places=2))) for d in delers}
        gewicht = {d: D(w) for d, w in profijt.items()}
    else:
        profijt = soort
        inwoners = {o["naam"]: o["inwoners"] for o in organisaties}
        gewicht = {d: 1 if soort == "gelijk" else inwoners[d] for d in delers}
    # Only a full participant with a positive weight is sure to carry a rest.
    kan_dragen = any(
        d["variant"] == "volledig" and gewicht[d["organisatie"]] > 0 for d in deelnames
    )
    rest = draw(st.integers(0, 10**9)) if kan_dragen else 0
    return {
        "naam": naam,
        "budget": als_bedrag(vast + rest),
        "profijt": profijt,
        "deelnames": deelnames,
    }


@st.composite
def scenarios(draw) -> dict[str, Any]:
    jaar = draw(st.integers(2024, 2030))
    gemeenten = draw(st.lists(st.sampled_from(ZEVEN_GEMEENTEN), min_size=1, unique=True))
    partners = draw(st.lists(st.sampled_from(PARTNERS), max_size=3, unique=True))
    organisaties = [{"naam": g, "inwoners": draw(st.integers(1, 200_000))} for g in gemeenten] + [
        {"naam": p, "inwoners": draw(st.integers(0, 50_000)), "soort": "partner"} for p in partners
    ]
    component_1 = draw(componenten(gemeenten, []))
    del component_1["vaste_bijdragen"]
    aantal = draw(st.integers(0, 3))
    return {
        "jaar": jaar,
        "organisaties": organisaties,
        "component_1": component_1,
        "component_2": draw(componenten(gemeenten, partners)),
        "coalities": [draw(coalities(f"Coalitie {i}", organisaties, jaar)) for i in range(aantal)],
        "drempel_projectfinanciering_pct": str(draw(st.integers(0, 100))),
    }


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_shares_are_non_negative_and_add_up_to_every_budget(data):
    """For any valid scenario every share is >= 0 with two decimals and each budget adds up."""
    resultaat = resultaat_als_dict(bereken(scenario_uit_json(data)))
    organisaties = resultaat["organisaties"]
    for bedragen in organisaties.values():
        alle = [bedragen["component_1"], bedragen["component_2"], bedragen["totaal"]]
        alle += [
            bedragen["component_3"]["totaal"],
            *bedragen["component_3"]["per_coalitie"].values(),
        ]
        assert all(D(b) >= 0 and D(b) == D(b).quantize(D("0.01")) for b in alle)

    for nummer in ("component_1", "component_2"):
        assert sum(in_centen(b[nummer]) for b in organisaties.values()) == in_centen(
            data[nummer]["budget"]
        )
    for coalitie in data["coalities"]:
        betaald = sum(
            in_centen(b["component_3"]["per_coalitie"][coalitie["naam"]])
            for b in organisaties.values()
        )
        assert betaald == in_centen(coalitie["budget"])

    partners = [o["naam"] for o in data["organisaties"] if o.get("soort") == "partner"]
    vast = {v["organisatie"]: v["bedrag"] for v in data["component_2"]["vaste_bijdragen"]}
    for partner in partners:
        assert organisaties[partner]["component_1"] == "0.00"
        assert organisaties[partner]["component_2"] == vast.get(partner, "0.00")


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.randoms(use_true_random=False))
def test_result_is_deterministic_and_independent_of_order(data, willekeur):
    """Computing twice, or with organisations, deelnames and coalitions shuffled, gives the same."""
    eerste = resultaat_als_dict(bereken(scenario_uit_json(data)))
    assert resultaat_als_dict(bereken(scenario_uit_json(copy.deepcopy(data)))) == eerste

    geschud = copy.deepcopy(data)
    willekeur.shuffle(geschud["organisaties"])
    willekeur.shuffle(geschud["coalities"])
    willekeur.shuffle(geschud["component_2"]["vaste_bijdragen"])
    for coalitie in geschud["coalities"]:
        willekeur.shuffle(coalitie["deelnames"])
        if isinstance(coalitie["profijt"], dict):
            coalitie["profijt"] = dict(reversed(list(coalitie["profijt"].items())))
    if "percentages" in geschud["component_1"]:
        percentages = geschud["component_1"]["percentages"]
        geschud["component_1"]["percentages"] = dict(reversed(list(percentages.items())))
    assert resultaat_als_dict(bereken(scenario_uit_json(geschud))) == eerste


gewichten_strategie = st.dictionaries(
    st.text(min_size=1, max_size=5),
    st.one_of(
        st.integers(0, 10**6),
        st.decimals(0, 1000, places=3),
        st.fractions(0, 1000, max_denominator=97),
    ),
    min_size=1,
    max_size=12,
).filter(lambda g: any(w > 0 for w in g.values()))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12), gewichten_strategie)
def test_verdeel_adds_up_and_stays_within_a_cent_of_exact(centen, gewichten):
    """Shares are >= 0, add up exactly, differ < 1 cent from exact, and ignore input order."""
    bedrag = D(centen).scaleb(-2)
    aandelen = verdeel(bedrag, gewichten)
    assert sum(aandelen.values()) == bedrag
    totaal = sum(Fraction(w) for w in gewichten.values())
    for naam, aandeel in aandelen.items():
        assert aandeel >= 0
        exact = Fraction(centen) * Fraction(gewichten[naam]) / totaal
        assert abs(Fraction(aandeel) * 100 - exact) < 1
    assert verdeel(bedrag, dict(reversed(list(gewichten.items())))) == aandelen


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.integers(1, 10**6), min_size=1, max_size=7))
def test_vaste_voet_extremes_match_the_plain_keys(centen, inwoners):
    """A fixed base of 0 % equals the inhabitants key; 100 % equals the equal key."""
    organisaties = [
        {"naam": n, "inwoners": i} for n, i in zip(ZEVEN_GEMEENTEN, inwoners, strict=False)
    ]
    budget = als_bedrag(centen)

    def verdeling(sleutel: dict[str, Any]) -> dict[str, str]:
        return component(
            scenario(organisaties=organisaties, component_1={"budget": budget, **sleutel}),
            "component_1",
        )

    assert verdeling({"sleutel": "vaste_voet_inwoners", "vaste_voet_pct": "0"}) == verdeling(
        {"sleutel": "inwoners"}
    )
    assert verdeling({"sleutel": "vaste_voet_inwoners", "vaste_voet_pct": "100"}) == verdeling(
        {"sleutel": "gelijk"}
    )


# --- Joining or leaving during the year: months paid, the rest carried by the others -------------


def test_a_leaver_pays_its_months_and_the_others_carry_the_rest():
    """Fietsroute € 90.000,00, Dordrecht and Papendrecht volledig, equal benefit: € 45.000,00 each for the
    whole year. Papendrecht leaves on 1 June (5 of 12 months): it pays € 45.000,00 × 5/12 = € 18.750,00
    and Dordrecht the rest, € 71.250,00. Month by month that is the same: € 7.500,00 a month, January to
    May shared by two (5 × € 3.750,00 each), June to December by Dordrecht alone (7 × € 7.500,00)."""
    data = scenario(coalities=[{
        "naam": "Fietsroute", "budget": "90000.00", "profijt": "gelijk",
        "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"},
                      {"organisatie": "Sliedrecht", "variant": "volledig", "maanden": 5}],
    }])
    assert component(data, "Fietsroute") == {"Dordrecht": "71250.00", "Sliedrecht": "18750.00", "Zwijndrecht": "0.00"}


def test_a_solidarity_party_of_part_of_the_year_pays_its_months_of_its_amount():
    """Sliedrecht pays € 5.000,00 a year in solidarity and joins for the last 5 months: € 2.083,33
    (5.000 × 5/12 = 2.083,333…, half up). The € 85.000,00 left after its whole-year amount is shared by
    benefit (€ 42.500,00 each), and the € 2.916,67 it does not pay is carried by the two of the whole year."""
    data = scenario(coalities=[{
        "naam": "Fietsroute", "budget": "90000.00", "profijt": "gelijk",
        "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"},
                      {"organisatie": "Zwijndrecht", "variant": "volledig"},
                      {"organisatie": "Sliedrecht", "variant": "solidariteit", "bedrag": "5000.00", "maanden": 5}],
    }])
    assert component(data, "Fietsroute") == {"Dordrecht": "43958.34", "Sliedrecht": "2083.33", "Zwijndrecht": "43958.33"}


def test_a_gemeente_of_part_of_the_year_pays_its_months_of_its_key_share():
    """Component 1 € 1.200,00 equally over three: € 400,00 each. Zwijndrecht pays 5 months: € 166,67
    (400 × 5/12 = 166,666…); the € 233,33 it does not pay is split by the key over the two others
    (€ 116,67 and € 116,66, the extra cent by name). A partner's fixed € 12.000,00 in component 2 for 7
    months is € 7.000,00, and the gemeenten share what is left of the budget."""
    data = scenario(
        organisaties=[*drie_gemeenten(), {"naam": "Gorinchem", "inwoners": 38000, "soort": "partner"}],
        component_1={"budget": "1200.00", "sleutel": "gelijk", "maanden": {"Zwijndrecht": 5}},
        component_2={"budget": "30000.00", "sleutel": "gelijk", "maanden": {"Gorinchem": 7},
                     "vaste_bijdragen": [{"organisatie": "Gorinchem", "bedrag": "12000.00"}]},
    )
    assert component(data, "component_1") == {
        "Dordrecht": "516.67", "Gorinchem": "0.00", "Sliedrecht": "516.66", "Zwijndrecht": "166.67"}
    assert component(data, "component_2") == {
        "Dordrecht": "7666.67", "Gorinchem": "7000.00", "Sliedrecht": "7666.67", "Zwijndrecht": "7666.66"}


def test_twelve_months_is_the_whole_year_and_zero_pays_nothing():
    basis = scenario(coalities=[{"naam": "X", "budget": "1000.00", "profijt": "gelijk",
                                 "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"},
                                               {"organisatie": "Sliedrecht", "variant": "volledig"}]}])
    hele_jaar = copy.deepcopy(basis)
    hele_jaar["coalities"][0]["deelnames"][1]["maanden"] = 12
    assert component(hele_jaar, "X") == component(basis, "X")
    niets = copy.deepcopy(basis)
    niets["coalities"][0]["deelnames"][1]["maanden"] = 0
    assert component(niets, "X")["Sliedrecht"] == "0.00" and component(niets, "X")["Dordrecht"] == "1000.00"


def test_nobody_of_the_whole_year_to_carry_the_rest_is_refused():
    data = scenario(coalities=[{"naam": "X", "budget": "1000.00", "profijt": "gelijk",
                                "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig", "maanden": 6}]}])
    with pytest.raises(VerdelingFout, match="niemand die het hele jaar deelneemt"):
        bereken(scenario_uit_json(data))


def test_the_explanation_of_a_leaver_and_of_who_carries_its_months_adds_up():
    from financiering.verdeling import DEEL_OVERNAME, DEEL_PROFIJT, bereken_met_toelichting

    data = scenario(coalities=[{"naam": "X", "budget": "90000.00", "profijt": "gelijk",
                                "deelnames": [{"organisatie": "Dordrecht", "variant": "volledig"},
                                              {"organisatie": "Sliedrecht", "variant": "volledig", "maanden": 5}]}])
    _resultaat, toelichting = bereken_met_toelichting(scenario_uit_json(data))
    (dordrecht,) = toelichting.voor("Dordrecht").coalities
    (sliedrecht,) = toelichting.voor("Sliedrecht").coalities
    assert [(d.soort, d.bedrag) for d in sliedrecht.delen] == [(DEEL_PROFIJT, D("18750.00"))]
    assert sliedrecht.maanden == 5 and sliedrecht.delen[0].aandeel == Fraction(1, 2) * Fraction(5, 12)
    assert [(d.soort, d.bedrag) for d in dordrecht.delen] == [(DEEL_PROFIJT, D("45000.00")), (DEEL_OVERNAME, D("26250.00"))]


@st.composite
def met_maanden(draw) -> dict[str, Any]:
    """A scenario where some gemeenten, partners and parties join or leave during the year; one gemeente
    with a key weight and one volledig party with a benefit weight stay the whole year to carry the rest."""
    data = draw(scenarios())
    gemeenten = [o["naam"] for o in data["organisaties"] if o.get("soort") != "partner"]
    partners = [o["naam"] for o in data["organisaties"] if o.get("soort") == "partner"]
    maand = st.integers(0, 12)
    for nummer in ("component_1", "component_2"):
        component = data[nummer]
        percentages = component.get("percentages", {})
        dragers = [g for g in gemeenten if component["sleutel"] != "vaste_percentages" or D(percentages[g]) > 0]
        drager = draw(st.sampled_from(dragers))
        namen = [g for g in gemeenten if g != drager] + (partners if nummer == "component_2" else [])
        component["maanden"] = {n: draw(maand) for n in draw(st.lists(st.sampled_from(namen), unique=True))} if namen else {}
    for coalitie in data["coalities"]:
        profijt = coalitie["profijt"]
        inwoners = {o["naam"]: o["inwoners"] for o in data["organisaties"]}

        def gewicht(naam: str) -> Decimal:
            return D(profijt[naam]) if isinstance(profijt, dict) else D(1 if profijt == "gelijk" else inwoners[naam])

        dragers = [d for d in coalitie["deelnames"] if d["variant"] == "volledig" and gewicht(d["organisatie"]) > 0]
        if not dragers:
            continue  # nobody to carry what a party of part of the year does not pay
        drager = draw(st.sampled_from(dragers))
        for deelname in coalitie["deelnames"]:
            if deelname is not drager and deelname["variant"] != "geen" and draw(st.booleans()):
                deelname["maanden"] = draw(maand)
    return data


@settings(max_examples=150, deadline=None)
@given(met_maanden())
def test_with_joiners_and_leavers_every_budget_still_adds_up_and_each_pays_its_months(data):
    """Every budget adds up to the cent, and each party of part of the year pays exactly its months of the
    share it would have for the whole year (rounded half up), as `financiering.overgang` records it."""
    from financiering.verdeling import deel_van_jaar

    organisaties = uitkomst(data)
    for nummer in ("component_1", "component_2"):
        assert sum(in_centen(b[nummer]) for b in organisaties.values()) == in_centen(data[nummer]["budget"])
    for coalitie in data["coalities"]:
        assert sum(in_centen(b["component_3"]["per_coalitie"][coalitie["naam"]]) for b in organisaties.values()) \
            == in_centen(coalitie["budget"])

    # The whole-year amounts: the same scenario without any months.
    heel = copy.deepcopy(data)
    for nummer in ("component_1", "component_2"):
        heel[nummer]["maanden"] = {}
    for coalitie in heel["coalities"]:
        for deelname in coalitie["deelnames"]:
            deelname.pop("maanden", None)
    zonder = uitkomst(heel)
    for nummer in ("component_1", "component_2"):
        for naam, maanden in data[nummer]["maanden"].items():
            if maanden < 12:  # with 12 it is of the whole year and may carry others' months
                assert organisaties[naam][nummer] == str(deel_van_jaar(D(zonder[naam][nummer]), maanden))
    for coalitie in data["coalities"]:
        for deelname in coalitie["deelnames"]:
            if deelname.get("maanden", 12) < 12:
                naam, c = deelname["organisatie"], coalitie["naam"]
                assert organisaties[naam]["component_3"]["per_coalitie"][c] \
                    == str(deel_van_jaar(D(zonder[naam]["component_3"]["per_coalitie"][c]), deelname["maanden"]))
