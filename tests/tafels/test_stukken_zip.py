""""Alle stukken downloaden": one ZIP of the meeting's current documents, checked like single downloads."""

import io
import zipfile

import pytest
from django.urls import reverse

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.tafels.factories import PDF_BYTES, agendapunt, docx, pdf, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def stukken():
    tafel = tafel_met_leden(naam="Tafel Wonen")
    verg = vergadering(tafel)
    secretaris = tafel.secretaris
    een = agendapunt(verg, titel="Woonagenda")
    twee = agendapunt(verg, titel="Voortgang")
    oud = services.stuk_uploaden(agendapunt=een, bestand=pdf("v1.pdf"), titel="Woonagenda 2030", door=secretaris)
    nieuw = pdf("v2.pdf")
    nieuw.file = io.BytesIO(PDF_BYTES + b"% versie 2\n")
    nieuw.size = len(PDF_BYTES) + 11
    services.stuk_uploaden(agendapunt=een, bestand=nieuw, stuk=oud.stuk, door=secretaris)
    # A hostile title and a misleading upload name: the archive uses a slug and the detected type.
    services.stuk_uploaden(agendapunt=een, bestand=pdf("rapport.exe"), titel="../../etc/passwd ☂ Ōverzicht",
                           door=secretaris)
    services.stuk_uploaden(agendapunt=twee, bestand=docx("notitie.pdf"), titel="Woonagenda 2030", door=secretaris)
    return verg


def _bestuurder(naam="Zwijndrecht"):
    return GebruikerFactory(organisatie=Organisatie.objects.get(naam=naam), rollen=[Rol.Soort.BESTUURDER])


def test_zip_holds_the_current_versions_with_safe_names(client, stukken):
    """Current versions only, in agenda order, names safe and with the extension of the detected type."""
    client.force_login(_bestuurder())
    response = client.get(reverse("tafels:stukken_zip", args=[stukken.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'stukken-tafel-wonen-{stukken.begint_om:%Y}' in response["Content-Disposition"]
    archief = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archief.namelist() == [
        "02-01-woonagenda-2030.pdf",
        "02-02-etcpasswd-overzicht.pdf",
        "03-01-woonagenda-2030.docx",
    ]
    assert archief.read("02-01-woonagenda-2030.pdf").endswith(b"% versie 2\n")
    for naam in archief.namelist():
        assert "/" not in naam and "\\" not in naam and not naam.startswith(".")


def test_meeting_page_offers_the_zip(client, stukken):
    """The meeting page links to the ZIP with the number of documents."""
    client.force_login(_bestuurder())
    html = client.get(reverse("tafels:vergadering", args=[stukken.pk])).content.decode()
    assert reverse("tafels:stukken_zip", args=[stukken.pk]) in html
    assert "Alle stukken downloaden (ZIP, 3 stukken)" in html


def test_outsider_gets_404_like_for_single_downloads(client, stukken):
    """Who may not see the draft meeting gets 404, for the ZIP as for one document."""
    client.force_login(GebruikerFactory(organisatie=OrganisatieFactory(naam="Gorinchem"), rollen=[Rol.Soort.BESTUURDER]))
    assert client.get(reverse("tafels:stukken_zip", args=[stukken.pk])).status_code == 404


def test_meeting_without_documents_is_404(client):
    """No documents, no archive."""
    verg = vergadering(tafel_met_leden())
    client.force_login(_bestuurder())
    assert client.get(reverse("tafels:stukken_zip", args=[verg.pk])).status_code == 404
