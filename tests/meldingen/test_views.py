"""The notification pages: one's own list, marking read, the counter, the preference form and the
unsubscribe page without a session."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meldingen import services
from meldingen.models import Frequentie, Melding, Meldingsvoorkeur, Soort
from tests.factories import OrganisatieFactory
from tests.meldingen.helpers import persoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return persoon(OrganisatieFactory(), first_name="Anna", last_name="de Vries")


def _meldingen(gebruiker, aantal: int, *, begin: int = 0) -> list[Melding]:
    return [
        Melding.objects.create(
            ontvanger=gebruiker, soort=Soort.STUKKEN, onderwerp=f"Stuk {i}", tekst="Bij agendapunt 1.",
            url=f"/tafels/vergaderingen/{i}/", gebeurtenis=f"stukversie:{i}",
        )
        for i in range(begin, begin + aantal)
    ]


@pytest.mark.parametrize("aantal", [1, 30])
def test_list_shows_ones_own_in_a_fixed_number_of_queries(client, anna, aantal, django_assert_num_queries):
    """The list pages newest first, shows only one's own notifications, and costs the same queries at any size."""
    _meldingen(anna, aantal)
    _meldingen(persoon(anna.organisatie), 2, begin=100)
    client.force_login(anna)
    with django_assert_num_queries(4):  # session, user with roles and organisation, count, page
        response = client.get(reverse("meldingen:lijst"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stuk 100" not in html and f"Stuk {aantal - 1}" in html
    assert html.count('<li class="meldingen-item') == min(aantal, 20)
    if aantal > 20:
        assert "Pagina 1 van 2" in html
        tweede = client.get(reverse("meldingen:lijst"), {"pagina": 2}).content.decode()
        assert "Stuk 0" in tweede and "Stuk 29" not in tweede


def test_bad_page_number_shows_a_page(client, anna):
    """A page number that is not a number or too high shows a page, never a 500."""
    _meldingen(anna, 3)
    client.force_login(anna)
    for pagina in ("abc", "999", "-1"):
        assert client.get(reverse("meldingen:lijst"), {"pagina": pagina}).status_code == 200


def test_marking_read_one_and_all(client, anna):
    """One notification is marked read, then all; another person's stay unread."""
    eerste, tweede = _meldingen(anna, 2)
    [van_ander] = _meldingen(persoon(anna.organisatie), 1, begin=50)
    client.force_login(anna)
    response = client.post(reverse("meldingen:gelezen", args=[eerste.pk]), {"volgende": "/meldingen/?pagina=1"})
    assert response.status_code == 302 and response["Location"] == "/meldingen/?pagina=1"
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.gelezen_op is not None and tweede.gelezen_op is None
    client.post(reverse("meldingen:alles_gelezen"))
    assert not Melding.objects.filter(ontvanger=anna, gelezen_op__isnull=True).exists()
    van_ander.refresh_from_db()
    assert van_ander.gelezen_op is None


def test_another_persons_notification_is_404_and_unchanged(client, anna):
    """Marking someone else's notification read answers 404 and changes nothing."""
    [melding] = _meldingen(persoon(anna.organisatie), 1)
    client.force_login(anna)
    assert client.post(reverse("meldingen:gelezen", args=[melding.pk])).status_code == 404
    melding.refresh_from_db()
    assert melding.gelezen_op is None


def test_no_open_redirect_after_marking_read(client, anna):
    """A "volgende" address on another site is ignored."""
    [melding] = _meldingen(anna, 1)
    client.force_login(anna)
    response = client.post(reverse("meldingen:gelezen", args=[melding.pk]), {"volgende": "https://kwaad.example/"})
    assert response["Location"] == reverse("meldingen:lijst")


def test_counter_is_loaded_by_htmx_not_rendered_into_every_page(client, anna):
    """Pages carry an htmx placeholder for the counter; the tiny endpoint answers with the unread number."""
    _meldingen(anna, 3)
    client.force_login(anna)
    pagina = client.get(reverse("meldingen:voorkeuren")).content.decode()
    assert f'hx-get="{reverse("meldingen:aantal")}"' in pagina and 'hx-trigger="load"' in pagina
    assert "ongelezen meldingen" not in pagina
    teller = client.get(reverse("meldingen:aantal"), headers={"HX-Request": "true"}).content.decode()
    assert ">3<" in teller and "3 ongelezen meldingen" not in teller and "ongelezen meldingen" in teller
    Melding.objects.update(gelezen_op="2026-01-01T00:00:00Z")
    assert "ongelezen" not in client.get(reverse("meldingen:aantal")).content.decode()


def test_preferences_form_has_a_fieldset_per_kind_and_saves(client, anna):
    """Each kind is a fieldset with a legend and labelled radio buttons; a valid choice is stored."""
    client.force_login(anna)
    html = client.get(reverse("meldingen:voorkeuren")).content.decode()
    assert html.count("<fieldset") == len(Soort.values) == html.count("<legend")
    assert html.count('type="radio"') == 3 * len(Soort.values) == html.count("utrecht-form-label--radio")
    keuzes = {s: Frequentie.DIRECT for s in Soort.values} | {Soort.KEUZE: Frequentie.NOOIT}
    response = client.post(reverse("meldingen:voorkeuren"), keuzes)
    assert response.status_code == 302
    assert services.frequenties(anna)[Soort.KEUZE] == Frequentie.NOOIT


@pytest.mark.parametrize("knoeien", [
    lambda d: d | {Soort.KEUZE: "wekelijks"},
    lambda d: {k: v for k, v in d.items() if k != Soort.KEUZE},
])
def test_bad_preferences_get_a_dutch_message_and_change_nothing(client, anna, knoeien):
    """An unknown frequency or a missing choice: the form comes back with a Dutch message; nothing is stored."""
    client.force_login(anna)
    data = knoeien({s: Frequentie.NOOIT for s in Soort.values})
    response = client.post(reverse("meldingen:voorkeuren"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen: verbeter de gemarkeerde velden." in html
    assert "Kies direct, dagelijks of nooit." in html or "Kies hoe u over" in html
    assert not Meldingsvoorkeur.objects.exists()


def test_unsubscribe_page_works_without_login_and_changes_only_that_kind(client, anna):
    """Anonymous: the link asks for confirmation (GET changes nothing), the button stops that kind only."""
    url = reverse("meldingen:afmelden", args=[services.afmeldtoken(anna, Soort.AGENDAPAKKET)])
    response = client.get(url)
    assert response.status_code == 200 and "Agendapakket verzonden" in response.content.decode()
    assert not Meldingsvoorkeur.objects.exists()
    response = client.post(url)
    assert "U ontvangt geen meldingen meer over: Agendapakket verzonden." in response.content.decode()
    assert list(Meldingsvoorkeur.objects.values_list("gebruiker", "soort", "frequentie")) == [
        (anna.pk, Soort.AGENDAPAKKET, Frequentie.NOOIT)
    ]


def test_unsubscribe_with_a_tampered_token_changes_nothing(client, anna):
    """An altered token gets a Dutch message (400) and changes nothing, for GET and POST."""
    token = services.afmeldtoken(anna, Soort.STUKKEN)
    url = reverse("meldingen:afmelden", args=[token[:-1] + ("x" if token[-1] != "x" else "y")])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "Deze afmeldlink is ongeldig of beschadigd. Er is niets gewijzigd." in response.content.decode()
    assert not Meldingsvoorkeur.objects.exists()


def test_unsubscribe_link_of_another_user_changes_only_theirs(client, anna):
    """Signed in as Bert, Anna's link changes Anna's choice (the link is her key), never Bert's."""
    bert = persoon(anna.organisatie)
    client.force_login(bert)
    client.post(reverse("meldingen:afmelden", args=[services.afmeldtoken(anna, Soort.STUKKEN)]))
    assert services.frequenties(anna)[Soort.STUKKEN] == Frequentie.NOOIT
    assert services.frequenties(bert)[Soort.STUKKEN] == Frequentie.DIRECT
