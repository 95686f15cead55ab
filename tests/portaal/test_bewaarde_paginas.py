"""The table page, the meeting page and the raadsinformatie are kept per process until a write to one of the
tables they read commits: kept, a view costs the session, the user and the change numbers; after every change
the next view shows it; what one user may see is never shown to another. These tests commit their writes, as
requests do (inside one test transaction nothing is kept)."""

import datetime
import unittest.mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from coalities import services as coalitie_services
from coalities.models import Deelname
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from tafels import selectors as tafel_selectors
from tafels import services as tafel_services
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.tafels.factories import agendapunt, houden, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db(transaction=True)

BEWAARD = 3  # session, user with roles and organisation, the change numbers


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))


def _bestuurder(naam="Papendrecht"):
    return GebruikerFactory(organisatie=Organisatie.objects.get(naam=naam), rollen=[Rol.Soort.BESTUURDER])


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_table_page_is_kept_and_shows_each_change_at_the_next_view(client, tafel, django_assert_num_queries):
    client.force_login(_bestuurder())
    url = reverse("tafels:detail", args=[tafel.pk])
    assert "Nog geen vergaderingen gepland." in _html(client, url)
    with django_assert_num_queries(BEWAARD):
        client.get(url)

    v = vergadering(tafel, over_dagen=-2)
    punt = agendapunt(v, "Fietsroutes")
    houden(v)
    assert "Nog geen besluiten." in _html(client, url)
    tafel_services.besluit_vastleggen(agendapunt=punt, tekst="De fietsroute komt er.", door=tafel.secretaris)
    html = _html(client, url)
    assert reverse("tafels:vergadering", args=[v.pk]) in html and "De fietsroute komt er." in html

    coalitie = coalitie_services.coalitie_create(
        naam="Snelfietsroute Merwede", tafel=tafel, thema=tafel.thema, trekker=Organisatie.objects.get(naam="Dordrecht"),
        door=tafel.secretaris,
    )
    assert "Snelfietsroute Merwede" in _html(client, url)
    coalitie_services.coalitie_update(coalitie=coalitie, naam="Snelfietsroute Drechtsteden", door=tafel.secretaris)
    coalitie_services.resultaat_en_les_create(
        coalitie=coalitie, soort="les", titel="Grond kost tijd", tekst="Begin vroeg.",
        datum=datetime.date(2026, 2, 1), door=tafel.secretaris,
    )
    html = _html(client, url)
    assert "Snelfietsroute Drechtsteden" in html and "Snelfietsroute Merwede" not in html and "Grond kost tijd" in html
    with django_assert_num_queries(BEWAARD):
        assert "Snelfietsroute Drechtsteden" in client.get(url).content.decode()


def test_what_a_member_saw_is_never_shown_to_an_outsider(client, tafel):
    """Kept per table and per what the reader may see: members see the meetings, outsiders not."""
    v = vergadering(tafel)
    link = reverse("tafels:vergadering", args=[v.pk])
    url = reverse("tafels:detail", args=[tafel.pk])
    client.force_login(tafel.secretaris)
    assert link in _html(client, url)  # the draft, for the secretary
    client.force_login(_bestuurder())
    assert link in _html(client, url)  # and for a member
    gorinchem = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    client.force_login(GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.BESTUURDER]))
    html = _html(client, url)
    assert link not in html and "Uw organisatie zit niet aan deze tafel" in html
    assert client.get(link).status_code == 404
    manager = GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.MANAGER_SDD])
    client.force_login(manager)
    assert link not in _html(client, url)  # a network role sees set agendas, not a draft


def test_a_meeting_moves_to_the_past_when_it_starts_although_nothing_was_written(tafel):
    lid = _bestuurder()
    straks = timezone.now() + datetime.timedelta(hours=1)
    v = tafel_services.vergadering_create(tafel=tafel, begint_om=straks, door=tafel.secretaris)
    pagina = tafel_selectors.tafel_pagina(tafel_pk=tafel.pk, gebruiker=lid)
    assert pagina.komende == [v] and pagina.eerdere == []
    assert tafel_selectors.tafel_pagina(tafel_pk=tafel.pk, gebruiker=lid).komende == [v]
    with unittest.mock.patch("django.utils.timezone.now", return_value=straks + datetime.timedelta(seconds=1)):
        pagina = tafel_selectors.tafel_pagina(tafel_pk=tafel.pk, gebruiker=lid)
    assert pagina.komende == [] and pagina.eerdere == [v]


def test_meeting_page_is_kept_and_shows_each_change_at_the_next_view(client, tafel, django_assert_num_queries):
    v = vergadering(tafel)
    agendapunt(v, "Fietsroutes")
    client.force_login(_bestuurder())
    url = reverse("tafels:vergadering", args=[v.pk])
    assert "Fietsroutes" in _html(client, url)
    # and the user's notes, the pack's job and versions; for a draft the members (may the user keep notes) and
    # the table's secretary
    with django_assert_num_queries(BEWAARD + 5):
        client.get(url)
    agendapunt(v, "Energieopslag")
    assert "Energieopslag" in _html(client, url)
    tafel_services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    assert "Agenda vastgesteld" in _html(client, url)
    Organisatie.objects.filter(naam="Papendrecht").update(naam="Papendrecht (nieuw)")  # even in bulk
    assert "Papendrecht (nieuw)" in _html(client, url)


def test_the_meeting_of_an_opted_out_gemeente_is_no_longer_shown_to_it(client, tafel):
    v = vergadering(tafel)
    client.force_login(_bestuurder("Sliedrecht"))
    url = reverse("tafels:vergadering", args=[v.pk])
    assert client.get(url).status_code == 200
    lid = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    tafel_services.lidmaatschap_afmelden(
        lidmaatschap=lid, reden="Geen opgave", datum=datetime.date(2026, 3, 1), door=tafel.secretaris,
    )
    assert client.get(url).status_code == 404


def test_raadsinformatie_is_kept_and_shows_each_change_at_the_next_view(client, tafel, django_assert_num_queries):
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    client.force_login(GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]))
    url = reverse("raadsinformatie", args=[dordrecht.pk])
    coalitie = coalitie_services.coalitie_create(
        naam="Snelfietsroute Merwede", tafel=tafel, thema=tafel.thema, trekker=dordrecht, door=tafel.secretaris,
    )
    assert "Snelfietsroute Merwede" not in _html(client, url)
    coalitie_services.deelname_create(coalitie=coalitie, organisatie=dordrecht, variant="geen", door=systeem())
    assert "Snelfietsroute Merwede" in _html(client, url)
    with django_assert_num_queries(BEWAARD + 2):  # and the gemeente, its latest document job
        client.get(url)
    coalitie_services.coalitie_update(coalitie=coalitie, naam="Snelfietsroute Drechtsteden", door=tafel.secretaris)
    html = _html(client, url)
    assert "Snelfietsroute Drechtsteden" in html and "Snelfietsroute Merwede" not in html
    client.cookies["django_language"] = "en"
    html = _html(client, url)  # kept per language
    with translation.override("en"):
        engels = str(Deelname.Variant.GEEN.label)
    with translation.override("nl"):
        assert str(Deelname.Variant.GEEN.label) != engels
    assert 'lang="en"' in html and "Snelfietsroute Drechtsteden" in html and f">{engels}<" in html


def test_groeiperspectief_is_kept_per_filter_and_shows_a_new_dependency(client, tafel, django_assert_num_queries):
    """A dependency is a row of the coalitions' link table, which has its own change number too."""
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    fiets, brug = (
        coalitie_services.coalitie_create(naam=naam, tafel=tafel, thema=tafel.thema, trekker=dordrecht, door=tafel.secretaris)
        for naam in ("Snelfietsroute Merwede", "Fietsbrug Noord")
    )
    client.force_login(_bestuurder())
    url = reverse("groeiperspectief")
    html = _html(client, url)
    assert "Snelfietsroute Merwede" in html and "Hangt af van" not in html
    with django_assert_num_queries(BEWAARD + 2):  # and its latest document job, the gemeenten of the filter
        client.get(url)
    assert "Snelfietsroute Merwede" not in _html(client, url + "?status=lopend")  # another filter, another page
    coalitie_services.coalitie_update(coalitie=fiets, afhankelijkheden=[brug], door=tafel.secretaris)
    html = _html(client, url)
    assert "Hangt af van" in html and "Nodig voor" in html


def test_start_page_of_programme_staff_is_kept_and_drops_a_commitment_once_realised(client, django_assert_num_queries):
    """'Mijn toezeggingen' lists commitments without a realisation for the last quarter; recording one takes it
    off at the next view."""
    from decimal import Decimal

    from coalities.models import Coalitie
    from coalities.selectors import vorig_kwartaal
    from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory
    from tests.factories import drechtsteden

    drechtsteden()
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    coalitie = CoalitieFactory(naam="Snelfietsroute Merwede", status=Coalitie.Status.LOPEND, trekker=dordrecht)
    toezegging = ToezeggingFactory(deelname=DeelnameFactory(coalitie=coalitie, organisatie=dordrecht, variant="volledig"))
    medewerker = GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    client.force_login(medewerker)
    url = reverse("home")
    realiseren = reverse("coalities:realisatie_nieuw", args=[toezegging.pk])
    assert realiseren in _html(client, url)
    with django_assert_num_queries(BEWAARD):
        client.get(url)
    jaar, kwartaal = vorig_kwartaal(timezone.localdate())
    coalitie_services.realisatie_create(
        toezegging=toezegging, jaar=jaar, kwartaal=kwartaal, hoeveelheid=Decimal("2500"), door=medewerker,
    )
    assert realiseren not in _html(client, url)
