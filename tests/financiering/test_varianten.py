"""The allocation engine and the coalitions speak of the same participation variants, with the same fields."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from coalities import regels, varianten
from coalities.models import Deelname
from financiering import verdeling


def test_the_engines_variants_are_the_model_choices():
    assert verdeling.VARIANTEN == tuple(Deelname.Variant.values)
    assert verdeling.VARIANT_VOLLEDIG == Deelname.Variant.VOLLEDIG
    assert verdeling.VARIANT_SOLIDARITEIT == Deelname.Variant.SOLIDARITEIT
    assert verdeling.VARIANT_INSTAP == Deelname.Variant.INSTAP
    assert verdeling.VARIANT_GEEN == Deelname.Variant.GEEN
    assert set(varianten.VARIANT_VELDEN) == set(Deelname.Variant.values)


def _velden(variant: str) -> dict:
    """A deelname of ``variant`` with exactly the fields the variant asks for, filled in."""
    gevuld = {"solidariteitsbijdrage": Decimal("500.00"), "instapdatum": datetime.date(2026, 7, 1),
              "instapfee": Decimal("0.00")}
    return {veld: gevuld[veld] if veld in regels.variant_velden(variant) else None for veld in regels.DEELNAME_VELDEN}


@pytest.mark.parametrize("variant", Deelname.Variant.values)
def test_what_a_variant_asks_is_accepted_by_the_engine_and_by_the_rule(variant):
    velden = _velden(variant)
    assert regels.variantvelden_kloppen(variant, **velden)
    deelname = verdeling.Deelname(
        "Dordrecht", variant, bedrag=velden["solidariteitsbijdrage"], instapdatum=velden["instapdatum"],
        instapfee=velden["instapfee"],
    )
    gemeente = verdeling.Organisatie("Dordrecht", 100, verdeling.SOORT_GEMEENTE)
    scenario = verdeling.Scenario(
        jaar=2026, organisaties=(gemeente,), component_1=verdeling.Component(verdeling.NUL),
        component_2=verdeling.Component(verdeling.NUL),
        coalities=(verdeling.Coalitie("Fietsroutes", Decimal("1000.00"), verdeling.PROFIJT_GELIJK, (deelname,)),),
    )
    verdeling.valideer_scenario(scenario)


@pytest.mark.parametrize("variant", [v for v in Deelname.Variant.values if regels.variant_velden(v)])
def test_a_missing_field_is_refused_by_the_rule(variant):
    for veld in regels.variant_velden(variant):
        velden = _velden(variant) | {veld: None}
        assert not regels.variantvelden_kloppen(variant, **velden)
        assert regels.ontbrekende_variantvelden(variant, **velden) == [veld]


def test_an_allocation_error_speaks_the_readers_language():
    """The engine's messages are Dutch msgids, translated when shown: English readers read English."""
    from django.utils import translation

    scenario = verdeling.Scenario(
        jaar=2026, organisaties=(), component_1=verdeling.Component(Decimal("100.00")),
        component_2=verdeling.Component(verdeling.NUL),
    )
    with pytest.raises(verdeling.VerdelingFout) as fout:
        verdeling.bereken(scenario)
    with translation.override("nl"):
        assert fout.value.message == "Component 1: er is geen Drechtstedengemeente om €\u00a0100,00 over te verdelen."
    with translation.override("en"):
        assert fout.value.message == "Component 1: there is no Drechtsteden municipality to divide €\u00a0100,00 over."
