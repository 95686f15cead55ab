"""Benchmarks (make bench): the network overview with a large network."""

import pytest

from drechtsteden import selectors
from tests.factories import InwonertalFactory, OrganisatieFactory, ThemaFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def test_bench_netwerk_overzicht(benchmark):
    """The home page's selector on 500 organisations with inhabitants and 20 themes."""
    for _ in range(500):
        InwonertalFactory(organisatie=OrganisatieFactory())
    for _ in range(20):
        ThemaFactory()
    netwerk = benchmark(selectors.netwerk_overzicht)
    assert len(netwerk.gemeenten) == 500
