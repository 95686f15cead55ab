"""The areas link to each other where a reader naturally goes next."""

import pytest
from django.urls import reverse

from drechtsteden.models import Organisatie, Rol
from tests.coalities.factories import CoalitieFactory
from tests.factories import GebruikerFactory
from tests.tafels.factories import tafel_met_leden

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalitie():
    tafel = tafel_met_leden(naam="Tafel Wonen")
    return CoalitieFactory(naam="Woondeal", tafel=tafel, thema=tafel.thema, trekker=Organisatie.objects.get(naam="Dordrecht"))


@pytest.fixture
def ingelogd(client, coalitie):
    client.force_login(GebruikerFactory(organisatie=Organisatie.objects.get(naam="Sliedrecht"),
                                        rollen=[Rol.Soort.GEMEENTESECRETARIS]))
    return client


def _links(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_coalition_page_links_to_its_table_sorteerbak_and_financing(ingelogd, coalitie):
    """The coalition page leads to its table, the table's sorteerbak and who pays what."""
    html = _links(ingelogd, reverse("coalities:detail", args=[coalitie.pk]))
    assert f'href="{reverse("tafels:detail", args=[coalitie.tafel_id])}"' in html
    assert f'href="{reverse("coalities:sorteerbak", args=[coalitie.tafel_id])}"' in html
    assert f'href="{reverse("financiering:coalitie", args=[coalitie.pk])}"' in html


def test_financing_of_a_coalition_links_back_to_the_coalition(ingelogd, coalitie):
    """"Wie betaalt wat" leads back to the coalition page."""
    html = _links(ingelogd, reverse("financiering:coalitie", args=[coalitie.pk]))
    assert f'href="{reverse("coalities:detail", args=[coalitie.pk])}"' in html


def test_sorteerbak_links_to_its_table(ingelogd, coalitie):
    """The sorteerbak leads to the table page."""
    html = _links(ingelogd, reverse("coalities:sorteerbak", args=[coalitie.tafel_id]))
    assert f'href="{reverse("tafels:detail", args=[coalitie.tafel_id])}"' in html


def test_organisation_pages_of_coalities_and_financiering_link_to_each_other(ingelogd):
    """A gemeente's coalitions and what it pays are one click apart."""
    sliedrecht = Organisatie.objects.get(naam="Sliedrecht")
    coalities = _links(ingelogd, reverse("coalities:organisatie", args=[sliedrecht.pk]))
    financiering = _links(ingelogd, reverse("financiering:organisatie", args=[sliedrecht.pk]))
    assert f'href="{reverse("financiering:organisatie", args=[sliedrecht.pk])}"' in coalities
    assert f'href="{reverse("coalities:organisatie", args=[sliedrecht.pk])}"' in financiering
