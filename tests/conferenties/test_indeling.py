"""World café rotation: a worked example and properties over many conferences."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conferenties.indeling import IndelingFout, indeling

ORGANISATIES = ["Alblasserdam", "Dordrecht", "Hendrik-Ido-Ambacht", "Hardinxveld-Giessendam", "Papendrecht",
                "Sliedrecht", "Zwijndrecht"]


def test_seven_colleges_four_tables_three_rounds_by_hand():
    """Seven bestuurders at four tables: the first block of four starts at tables 0–3 and moves one table a
    round, the next three start at 0–2 and move three (coprime to four) a round."""
    deelnemers = [(naam, naam) for naam in ORGANISATIES]
    schema = indeling(deelnemers, tafels=4, rondes=3)
    assert schema == {
        "Alblasserdam": [0, 1, 2],
        "Dordrecht": [1, 2, 3],
        "Hardinxveld-Giessendam": [2, 3, 0],  # sorted by name: Hardinxveld before Hendrik
        "Hendrik-Ido-Ambacht": [3, 0, 1],
        "Papendrecht": [0, 3, 2],
        "Sliedrecht": [1, 0, 3],
        "Zwijndrecht": [2, 1, 0],
    }


def test_more_rounds_than_tables_is_refused_in_dutch():
    """With four tables a fifth round would send somebody to a table twice."""
    with pytest.raises(IndelingFout, match="1 tot en met 4 rondes"):
        indeling([("a", "x")], tafels=4, rondes=5)
    with pytest.raises(IndelingFout, match="meer dan eens"):
        indeling([("a", "x"), ("a", "y")], tafels=2, rondes=1)


conferenties = st.integers(1, 8).flatmap(
    lambda tafels: st.tuples(
        st.just(tafels),
        st.integers(1, tafels),
        st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(ORGANISATIES)), max_size=60, unique_by=lambda d: d[0]),
    )
)


@settings(max_examples=300, deadline=None)
@given(conferenties)
def test_nobody_visits_a_table_twice_and_tables_are_equally_full(conferentie):
    """Every participant gets a different table in every round; per round the tables differ by at most one
    person; with as many rounds as tables everybody meets every table exactly once."""
    tafels, rondes, deelnemers = conferentie
    schema = indeling(deelnemers, tafels=tafels, rondes=rondes)
    assert set(schema) == {d[0] for d in deelnemers}
    for rij in schema.values():
        assert len(rij) == rondes and len(set(rij)) == rondes and all(0 <= t < tafels for t in rij)
        if rondes == tafels:
            assert sorted(rij) == list(range(tafels))
    for ronde in range(rondes):
        bezetting = Counter(rij[ronde] for rij in schema.values())
        aantallen = [bezetting.get(t, 0) for t in range(tafels)]
        assert max(aantallen) - min(aantallen) <= 1


@settings(max_examples=200, deadline=None)
@given(conferenties, st.randoms(use_true_random=False))
def test_the_order_of_the_list_does_not_matter(conferentie, toeval):
    tafels, rondes, deelnemers = conferentie
    geschud = list(deelnemers)
    toeval.shuffle(geschud)
    assert indeling(geschud, tafels=tafels, rondes=rondes) == indeling(deelnemers, tafels=tafels, rondes=rondes)


@settings(max_examples=200, deadline=None)
@given(st.integers(3, 8), st.integers(2, 5))
def test_groups_mix_and_colleagues_start_apart(tafels, blokken):
    """With at least two full blocks, no table group of one round sits together again in the next;
    up to as many colleagues as there are tables start at different tables."""
    deelnemers = [(f"{org}-{i}", org) for i in range(tafels * blokken // len(ORGANISATIES) + 1) for org in ORGANISATIES]
    deelnemers = deelnemers[: tafels * blokken]
    schema = indeling(deelnemers, tafels=tafels, rondes=2)
    for t in range(tafels):
        groep = {k for k, rij in schema.items() if rij[0] == t}
        assert len({schema[k][1] for k in groep}) > 1
    for org in ORGANISATIES:
        collega = [rij[0] for k, rij in schema.items() if k.startswith(org + "-")]
        if len(collega) <= tafels:
            assert len(set(collega)) == len(collega)
