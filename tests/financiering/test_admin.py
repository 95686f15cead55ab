from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from financiering.models import VasteBijdrage
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer_client(client, netwerk):
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], is_staff=True, is_superuser=True))
    return client


def _post_vaste_bijdrage(client, netwerk, bedrag: str):
    vaste_bijdrage = VasteBijdrage.objects.get(organisatie=netwerk.gorinchem)
    url = reverse("admin:financiering_vastebijdrage_change", args=[vaste_bijdrage.pk])
    data = {"begrotingsjaar": netwerk.begrotingsjaar.pk, "organisatie": netwerk.gorinchem.pk, "bedrag": bedrag}
    return vaste_bijdrage, client.post(url, data)


def test_admin_edit_that_breaks_the_allocation_is_refused(beheer_client, netwerk):
    """A fixed amount above the component-2 budget, entered in the admin, is refused with the reason; nothing changes."""
    vaste_bijdrage, response = _post_vaste_bijdrage(beheer_client, netwerk, "500000.00")
    vaste_bijdrage.refresh_from_db()
    assert vaste_bijdrage.bedrag == Decimal("10000.00")
    assert response.status_code == 302
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("Niet opgeslagen:") for m in meldingen), meldingen
    assert VasteBijdrage.history.filter(bedrag=Decimal("500000.00")).count() == 0


def test_admin_edit_that_allocates_is_saved(beheer_client, netwerk):
    """A fixed amount that still allocates is saved through the admin, with history."""
    vaste_bijdrage, response = _post_vaste_bijdrage(beheer_client, netwerk, "12000.00")
    vaste_bijdrage.refresh_from_db()
    assert response.status_code == 302
    assert vaste_bijdrage.bedrag == Decimal("12000.00")
    assert vaste_bijdrage.history.first().bedrag == Decimal("12000.00")
