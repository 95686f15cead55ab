import pytest
from django.urls import reverse

from drechtsteden.models import Rol
from tests.factories import GebruikerFactory, ThemaFactory, drechtsteden

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    """An anonymous visitor is sent to the login page."""
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_shows_the_network(client):
    """The home page lists the seven gemeenten with inhabitants and the themes."""
    gemeenten = drechtsteden()
    ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid")
    client.force_login(GebruikerFactory(organisatie=gemeenten[0]))
    html = client.get(reverse("home")).content.decode()
    for gemeente in ("Dordrecht", "Zwijndrecht", "Papendrecht", "Hendrik-Ido-Ambacht", "Sliedrecht",
                     "Alblasserdam", "Hardinxveld-Giessendam"):
        assert gemeente in html
    assert "121.000" in html
    assert "295.500" in html  # the seven added up
    assert "indicatief" in html
    assert "Bereikbaarheid" in html
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html


def test_home_queries_do_not_grow_with_the_network(client, django_assert_max_num_queries):
    """The home page, with its dashboard, needs the same few queries for 7 or 70 organisations."""
    from tests.factories import InwonertalFactory, OrganisatieFactory

    user = GebruikerFactory()
    client.force_login(user)
    for _ in range(70):
        InwonertalFactory(organisatie=OrganisatieFactory())
    # 6 for the network and the session, up to 12 more for the "Voor u" dashboard (see test_dashboard.py).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("home"))
    assert response.content.decode().count("<tr class=\"utrecht-table__row\">") >= 70


@pytest.mark.parametrize("name", ["tafels:index", "coalities:index", "regiekamer:index", "financiering:index"])
def test_area_index_pages(client, name):
    """Each of the four areas has an index page in the navigation, marked as current."""
    client.force_login(GebruikerFactory())
    html = client.get(reverse(name)).content.decode()
    assert f'href="{reverse(name)}" aria-current="page"' in html
    assert "<h1" in html


def test_bad_login_shows_dutch_message(client):
    """A wrong password gets a clear Dutch message and no session."""
    GebruikerFactory(username="sanne")
    response = client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_errors_are_linked_and_summarised(client):
    """An empty submit: each field's aria-describedby points at an error that exists, and the summary takes focus."""
    import re

    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    verwijzingen = [v for attr in re.findall(r'aria-describedby="([^"]+)"', html) for v in attr.split()]
    assert verwijzingen and set(verwijzingen) <= ids
    assert re.search(r'<div[^>]*id="inlogfout"[^>]*tabindex="-1" autofocus', html)
    assert 'href="#id_username"' in html and 'href="#id_password"' in html
    assert 'novalidate' in html


def test_login_is_throttled_after_five_failures(client):
    """After five wrong passwords the user name is locked for this address, even with the right password."""
    from tests.factories import WACHTWOORD

    GebruikerFactory(username="sanne")
    for _ in range(5):
        client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    response = client.post(reverse("login"), {"username": "sanne", "password": WACHTWOORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_english_is_available(client):
    """Switching the language shows the navigation in English."""
    client.force_login(GebruikerFactory())
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in html
    assert "Governance tables" in html


def test_systeemstatus_only_for_beheerder(client):
    """A gemeentesecretaris may not trigger worker checks."""
    client.force_login(GebruikerFactory(rollen=[Rol.Soort.GEMEENTESECRETARIS]))
    assert client.get(reverse("systeemstatus")).status_code == 403


def test_dutch_even_for_an_english_browser(client):
    """A browser asking for English still gets Dutch until the user switches."""
    client.force_login(GebruikerFactory())
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html
    assert "Bestuurlijke tafels" in html
