"""Paging a list group by group (``PerGroep``) gives exactly the pages of the whole list in that order."""

import pytest
from django.core.paginator import Paginator
from django.db.models import Case, When

from drechtsteden.models import Organisatie
from drechtsteden.paginering import PerGroep
from tests.factories import OrganisatieFactory, PartnerFactory

pytestmark = pytest.mark.django_db

# Groups in this order, one of them empty, with names that sort differently from their creation order.
GROEPEN = {
    Organisatie.Soort.BEDRIJF: ["Zeta", "Alfa", "Mu"],
    Organisatie.Soort.MAATSCHAPPELIJKE_ORGANISATIE: [],
    Organisatie.Soort.KENNISINSTELLING: ["Kappa"],
    Organisatie.Soort.DRECHTSTEDENGEMEENTE: ["Omega", "Beta", "Gamma", "Delta", "Epsilon"],
}


def test_every_page_of_every_size_is_that_of_the_whole_list(django_assert_max_num_queries):
    for soort, namen in GROEPEN.items():
        for naam in namen:
            fabriek = OrganisatieFactory if soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE else PartnerFactory
            fabriek(naam=naam, soort=soort)
    alle = Organisatie.objects.filter(soort__in=list(GROEPEN))
    volgorde = Case(*(When(soort=soort, then=i) for i, soort in enumerate(GROEPEN)))
    verwacht = list(alle.order_by(volgorde, "naam", "pk"))
    groepsgewijs = PerGroep(alle, "soort", {soort: len(namen) for soort, namen in GROEPEN.items()}, ("naam", "pk"))

    assert len(groepsgewijs) == len(verwacht) == 9
    for per_pagina in range(1, 11):
        paginator = Paginator(groepsgewijs, per_pagina)
        for nummer in paginator.page_range:
            with django_assert_max_num_queries(1):  # one query, whatever groups the page spans
                pagina = list(paginator.page(nummer).object_list)
            assert pagina == verwacht[(nummer - 1) * per_pagina:nummer * per_pagina], (per_pagina, nummer)
    assert groepsgewijs[9:20] == []
    assert groepsgewijs[2:2] == []
