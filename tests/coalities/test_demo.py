import pytest
from django.core.management import call_command

from coalities import selectors
from coalities.models import Coalitie, Deelname, Toezegging

pytestmark = pytest.mark.django_db


def test_demo_coalities_cover_all_variants_and_one_open_choice(capsys):
    """demo_data (twice) gives coalitions per theme, all four variants, and exactly one gemeente without a choice."""
    call_command("demo_data")
    aantallen = (Coalitie.objects.count(), Deelname.objects.count(), Toezegging.objects.count())
    call_command("demo_data")
    assert (Coalitie.objects.count(), Deelname.objects.count(), Toezegging.objects.count()) == aantallen
    fietsroutes = Coalitie.objects.get(naam="Regionale fietsroutes")
    assert fietsroutes.thema.slug == "bereikbaarheid"
    assert set(Deelname.objects.values_list("variant", flat=True)) == set(Deelname.Variant.values)
    assert set(Coalitie.objects.values_list("thema__slug", flat=True)) == {
        "economie", "wonen-en-bouwen", "bereikbaarheid", "energietransitie", "arbeidsmarkt-en-onderwijs"}
    open_ = {c.naam: selectors.aantal_nog_geen_keuze(c) for c in selectors.coalitie_lijst()}
    assert sum(open_.values()) == 1 and open_["Regionale fietsroutes"] == 1
    assert [o.naam for o in selectors.coalitie_pagina(fietsroutes.pk).nog_geen_keuze] == ["Hardinxveld-Giessendam"]
    assert "nog geen keuze: Regionale fietsroutes: Hardinxveld-Giessendam" in capsys.readouterr().out
