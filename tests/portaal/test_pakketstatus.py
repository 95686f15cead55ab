"""Mijn vergaderingen shows a bestuurder the agenda pack's state: not sent, sent, opened, changed since opened."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from documenten import services as documenten_services
from documenten.models import Documentinzage
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from tafels import services
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.tafels.pakket import pakketwereld, pdf_upload

pytestmark = pytest.mark.django_db


def _verzenden(w):
    opdracht = documenten_services.documentopdracht_create(
        soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk), "verzenden": "1"}, door=w.tafel.secretaris
    )
    return documenten_services.uitvoeren(opdracht.pk, door=systeem())


def _pakketregel(client) -> str:
    html = client.get(reverse("dashboard", args=["vergaderingen"])).content.decode()
    begin = html.index("<dt>Agendapakket</dt>")
    return " ".join(html[begin: html.index("</dd>", begin)].split())


def test_pack_state_follows_sending_and_opening(client):
    cache.clear()
    w = pakketwereld()
    organisatie = w.tafel.lidmaatschappen.first().organisatie
    lezer = GebruikerFactory(organisatie=organisatie, rollen=[Rol.Soort.BESTUURDER])
    ander = GebruikerFactory(organisatie=organisatie, rollen=[Rol.Soort.BESTUURDER])

    client.force_login(lezer)
    assert "nog niet verzonden" in _pakketregel(client)

    eerste = _verzenden(w)
    regel = _pakketregel(client)
    assert "Versie 1, verzonden" in regel and "nog niet geopend" in regel

    assert client.get(reverse("documenten:download", args=[eerste.pk])).status_code == 200
    regel = _pakketregel(client)
    assert "Versie 1, verzonden" in regel and "nog niet geopend" not in regel and "gewijzigd" not in regel

    services.stuk_uploaden(agendapunt=w.punten[1], bestand=pdf_upload("Overzicht fietsroutes", 3, kenmerk="v2"),
                           stuk=w.stukken[1].stuk, door=w.tafel.secretaris)
    _verzenden(w)
    regel = _pakketregel(client)
    assert "Versie 2, verzonden" in regel and "gewijzigd sinds u versie 1 opende" in regel

    client.force_login(ander)
    regel = _pakketregel(client)
    assert "Versie 2, verzonden" in regel and "nog niet geopend" in regel and "gewijzigd" not in regel


def test_a_user_who_may_not_see_the_pack_gets_404_and_no_record(client):
    cache.clear()
    w = pakketwereld()
    eerste = _verzenden(w)
    buiten = OrganisatieFactory(naam="Gorinchem")
    buitenstaander = GebruikerFactory(organisatie=buiten, rollen=[Rol.Soort.BESTUURDER])
    client.force_login(buitenstaander)
    assert client.get(reverse("documenten:download", args=[eerste.pk])).status_code == 404
    assert not Documentinzage.objects.exists()
