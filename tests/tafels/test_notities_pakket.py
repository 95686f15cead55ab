"""Private notes and the agenda pack: never in the PDF, still beside the item after a new version is sent."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from documenten import services as documenten_services
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from tafels import services
from tests.factories import GebruikerFactory
from tests.tafels.pakket import pagina_teksten, pakketwereld, pdf_upload

pytestmark = pytest.mark.django_db

GEHEIM = "Privé: vraag de wethouder van Sliedrecht naar de grondposities"


def _verzenden(w, door):
    """Build the pack for sending and freeze it, as the job does after the worker finished."""
    opdracht = documenten_services.documentopdracht_create(
        soort="agendapakket", gegevens={"vergadering": str(w.vergadering.pk), "verzenden": "1"}, door=door
    )
    return documenten_services.uitvoeren(opdracht.pk, door=systeem())


def test_note_is_never_in_the_pack_and_survives_a_new_version(client):
    """A bestuurder's note is absent from every pack version's text, and still there after version 2."""
    cache.clear()
    w = pakketwereld()
    punt = w.punten[1]
    bestuurder = GebruikerFactory(organisatie=w.tafel.lidmaatschappen.first().organisatie, rollen=[Rol.Soort.BESTUURDER])
    services.prive_notitie_opslaan(agendapunt=punt, tekst=GEHEIM, versie=0, door=bestuurder)

    eerste = _verzenden(w, w.tafel.secretaris)
    assert GEHEIM not in "\n".join(pagina_teksten(eerste.bestand.read()))

    # A document changes and a new version is sent.
    services.stuk_uploaden(agendapunt=punt, bestand=pdf_upload("Overzicht fietsroutes", 3, kenmerk="v2"),
                           stuk=w.stukken[1].stuk, door=w.tafel.secretaris)
    tweede = _verzenden(w, w.tafel.secretaris)
    assert tweede.pakketversie.nummer == 2
    assert GEHEIM not in "\n".join(pagina_teksten(tweede.bestand.read()))

    client.force_login(bestuurder)
    html = client.get(reverse("tafels:vergadering", args=[w.vergadering.pk])).content.decode()
    assert GEHEIM in html
    client.force_login(w.tafel.secretaris)
    assert GEHEIM not in client.get(reverse("tafels:vergadering", args=[w.vergadering.pk])).content.decode()
