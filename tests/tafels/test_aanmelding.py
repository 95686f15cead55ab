"""Aanmelden and afmelden: a bestuurder says whether they come, with an optional vervanger; the secretary sees it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tafels.models import Aanmelding, Aanwezigheid, Vergadering
from tests.factories import GebruikerFactory, PartnerFactory
from tests.tafels.factories import tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def opzet():
    tafel = tafel_met_leden()
    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    bestuurder = GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER])
    collega = GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER], first_name="Kees", last_name="Jansen")
    return tafel, vergadering(tafel), bestuurder, collega


def test_afmelden_with_a_vervanger_of_the_own_organisation(opzet):
    """An afmelding with a colleague as vervanger is stored; the organisation is expected present."""
    _tafel, verg, bestuurder, collega = opzet
    aanmelding = services.aanmelding_vastleggen(
        vergadering=verg, status=Aanmelding.Status.AFGEMELD, vervanger=collega, door=bestuurder
    )
    assert aanmelding.vervanger == collega
    assert aanmelding.verwachte_aanwezigheid == Aanwezigheid.Status.AANWEZIG


def test_the_same_answer_again_changes_nothing(opzet):
    """Saving the same choice twice keeps one row and one history line."""
    _tafel, verg, bestuurder, _collega = opzet
    for _ in range(2):
        services.aanmelding_vastleggen(vergadering=verg, status=Aanmelding.Status.AANGEMELD, door=bestuurder)
    assert Aanmelding.objects.count() == 1
    assert Aanmelding.history.count() == 1


@pytest.mark.parametrize("soort", ["andere_organisatie", "zichzelf", "bij_aanmelding"])
def test_a_wrong_vervanger_is_refused_and_nothing_saved(opzet, soort):
    """The vervanger comes from the own organisation, is someone else, and only with an afmelding."""
    _tafel, verg, bestuurder, collega = opzet
    vervanger = {
        "andere_organisatie": GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht")),
        "zichzelf": bestuurder,
        "bij_aanmelding": collega,
    }[soort]
    status = Aanmelding.Status.AANGEMELD if soort == "bij_aanmelding" else Aanmelding.Status.AFGEMELD
    with pytest.raises(ValidationError):
        services.aanmelding_vastleggen(vergadering=verg, status=status, vervanger=vervanger, door=bestuurder)
    assert not Aanmelding.objects.exists()


def test_only_bestuurders_of_member_organisations_before_the_meeting(opzet):
    """A secretaris, a bestuurder of a non-member and anyone after the meeting are refused."""
    tafel, verg, bestuurder, _collega = opzet
    buiten = GebruikerFactory(organisatie=PartnerFactory(),
                              rollen=[Rol.Soort.BESTUURDER])
    for gebruiker in (tafel.secretaris, buiten):
        with pytest.raises(PermissionDenied):
            services.aanmelding_vastleggen(vergadering=verg, status=Aanmelding.Status.AANGEMELD, door=gebruiker)
    Vergadering.objects.filter(pk=verg.pk).update(status=Vergadering.Status.GEHOUDEN)
    verg.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.aanmelding_vastleggen(vergadering=verg, status=Aanmelding.Status.AANGEMELD, door=bestuurder)
    assert not Aanmelding.objects.exists()


def test_htmx_post_answers_with_the_block_and_the_secretary_sees_the_list(client, opzet):
    """The bestuurder's answer comes back in place; the meeting page shows it to the secretary, attendance prefilled."""
    tafel, verg, bestuurder, collega = opzet
    client.force_login(bestuurder)
    response = client.post(
        reverse("tafels:aanmelden", args=[verg.pk]),
        {"status": "afgemeld", "vervanger": collega.pk}, HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kees Jansen komt in uw plaats" in html
    assert "<html" not in html
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[verg.pk])).content.decode()
    assert "afgemeld, vervanger Kees Jansen" in html
    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    assert f'id="aanwezigheid-{zwijndrecht.pk}"' in html
    keuze = html.split(f'id="aanwezigheid-{zwijndrecht.pk}"')[1].split("</select>")[0]
    assert 'value="aanwezig" selected' in keuze


def test_malformed_input_gets_a_message_and_changes_nothing(client, opzet):
    """An unknown status or another organisation's person as vervanger: a Dutch message, nothing saved."""
    _tafel, verg, bestuurder, _collega = opzet
    client.force_login(bestuurder)
    dordrecht = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"))
    for data in ({"status": "misschien"}, {"status": "afgemeld", "vervanger": dordrecht.pk}, {"status": "afgemeld", "vervanger": "abc"}):
        response = client.post(reverse("tafels:aanmelden", args=[verg.pk]), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "utrecht-form-field-error-message" in response.content.decode()
    assert not Aanmelding.objects.exists()
    assert client.post(reverse("tafels:aanmelden", args=[999999]), {"status": "aangemeld"}).status_code == 404
