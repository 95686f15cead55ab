"""A landing page per role: bestuurders their meetings, programme staff their commitments, secretaries the network."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coalities.models import Coalitie
from drechtsteden.models import Organisatie, Rol
from tafels import services as tafel_services
from tafels.models import Actiepunt, Agendapunt
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, na_vergadering, pdf, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


def _gemeente(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Wonen")


def _maak_vergaderingen(tafel, aantal: int):
    for i in range(aantal):
        v = vergadering(tafel, over_dagen=10 + i)
        agendapunt(v, titel=f"Besluit {i}", soort=Agendapunt.Soort.BESLUITVORMING)


@pytest.mark.parametrize(
    ("rol", "titel"),
    [
        (Rol.Soort.BESTUURDER, "Mijn vergaderingen"),
        (Rol.Soort.GEMEENTESECRETARIS, "Regiekamer: hoe gaat het met de samenwerking?"),
        (Rol.Soort.MANAGER_SDD, "Regiekamer: hoe gaat het met de samenwerking?"),
        (Rol.Soort.BEHEERDER, "Stukken, acties en keuzes aan alle tafels"),
        (Rol.Soort.PROGRAMMAMEDEWERKER, "Mijn toezeggingen"),
        (Rol.Soort.COORDINEREND_AMBTENAAR, "Mijn toezeggingen"),
        (Rol.Soort.RAADSLID, "Raadsinformatie Sliedrecht"),
    ],
)
def test_each_role_lands_on_its_own_page(client, tafel, rol, titel):
    """After login the home page is the role's own dashboard; a raadslid gets their gemeente's raadsinformatie."""
    client.force_login(GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[rol]))
    html = client.get(reverse("home"), follow=True).content.decode()
    assert f'<h1 class="utrecht-heading-1">{titel}</h1>' in html


def test_a_user_with_several_roles_switches_and_the_choice_sticks(client, tafel):
    """A bestuurder who is also programme staff switches; the home page then opens the chosen one."""
    gebruiker = GebruikerFactory(
        organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.BESTUURDER, Rol.Soort.PROGRAMMAMEDEWERKER]
    )
    client.force_login(gebruiker)
    html = client.get(reverse("home")).content.decode()
    assert "Mijn vergaderingen</h1>" in html
    assert f'href="{reverse("dashboard", args=["toezeggingen"])}"' in html
    client.get(reverse("dashboard", args=["toezeggingen"]))
    assert "Mijn toezeggingen</h1>" in client.get(reverse("home")).content.decode()
    # Opening the chosen dashboard again writes nothing: the session is saved only when the choice changes.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("dashboard", args=["toezeggingen"]))
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    client.get(reverse("dashboard", args=["vergaderingen"]))
    assert "Mijn vergaderingen</h1>" in client.get(reverse("home")).content.decode()


def test_a_dashboard_of_another_role_is_refused(client, tafel):
    """A raadslid cannot open the officials' dashboards; an unknown one is a 404."""
    client.force_login(GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.RAADSLID]))
    assert client.get(reverse("dashboard", args=["netwerk"])).status_code == 403
    assert client.get(reverse("dashboard", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("netwerk_export")).status_code == 403


def test_raadslid_network_page_has_no_action_list(client, tafel):
    """The officials' open actions are not shown to a raadslid."""
    v = vergadering(tafel)
    tafel_services.actiepunt_create(
        agendapunt=agendapunt(v), omschrijving="Notitie schrijven", deadline=na_vergadering(v),
        eigenaar_organisatie=_gemeente("Sliedrecht"), door=tafel.secretaris,
    )
    client.force_login(GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.RAADSLID]))
    html = client.get(reverse("netwerk")).content.decode()
    assert "Notitie schrijven" not in html
    assert 'id="kop-voor-u-acties"' not in html


def test_bestuurder_sees_meetings_with_deadline_items_and_the_aanmelding(client, tafel):
    """Mijn vergaderingen: each meeting with its paper deadline, the items to decide on and the form to reply."""
    _maak_vergaderingen(tafel, 2)
    bestuurder = GebruikerFactory(organisatie=_gemeente("Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    client.force_login(bestuurder)
    html = client.get(reverse("dashboard", args=["vergaderingen"])).content.decode()
    assert html.count('class="portaal-sectie portaal-vergaderkaart"') == 2
    assert "Besluit 0" in html and "Besluit 1" in html
    assert "Stukken uiterlijk" in html
    assert html.count('name="status"') == 4  # two radio buttons per meeting
    assert "webcal://" in html
    assert "privénotitie" not in html


def test_bestuurder_sees_how_many_private_notes_they_keep_per_meeting(client, tafel):
    """Only their own notes count; a colleague's note is not theirs."""
    _maak_vergaderingen(tafel, 1)
    punt = Agendapunt.objects.get(titel="Besluit 0")
    bestuurder, collega = (GebruikerFactory(organisatie=_gemeente("Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
                           for _ in range(2))
    tafel_services.prive_notitie_opslaan(agendapunt=punt, tekst="Vraag naar de kosten.", versie=0, door=bestuurder)
    tafel_services.prive_notitie_opslaan(agendapunt=punt, tekst="Eigen notitie van de collega.", versie=0, door=collega)
    client.force_login(bestuurder)
    html = client.get(reverse("dashboard", args=["vergaderingen"])).content.decode()
    assert "1 privénotitie bij de agenda" in html


@pytest.mark.parametrize("aantal", [1, 6])
def test_dashboards_take_a_fixed_number_of_queries(client, tafel, django_assert_num_queries, aantal):
    """Every dashboard needs the same number of queries for 1 or 6 of everything."""
    _maak_vergaderingen(tafel, aantal)
    sliedrecht = _gemeente("Sliedrecht")
    for i in range(aantal):
        coalitie = CoalitieFactory(
            naam=f"Coalitie {i}", tafel=tafel, thema=tafel.thema, trekker=sliedrecht, status=Coalitie.Status.LOPEND
        )
        ToezeggingFactory(deelname=DeelnameFactory(coalitie=coalitie, organisatie=sliedrecht))
        # An overdue action comes from a meeting held before its deadline.
        tafel_services.actiepunt_create(
            agendapunt=agendapunt(vergadering(tafel, over_dagen=-10 - i)), omschrijving=f"Actie {i}",
            deadline=timezone.localdate() - datetime.timedelta(days=3), eigenaar_organisatie=sliedrecht,
            door=tafel.secretaris,
        )
    verwacht = {"vergaderingen": 13, "toezeggingen": 10, "netwerk": 13}  # toezeggingen: with the change numbers
    for soort, rol in (("vergaderingen", Rol.Soort.BESTUURDER), ("toezeggingen", Rol.Soort.PROGRAMMAMEDEWERKER),
                       ("netwerk", Rol.Soort.GEMEENTESECRETARIS)):
        client.force_login(GebruikerFactory(organisatie=sliedrecht, rollen=[rol]))
        with django_assert_num_queries(verwacht[soort]):
            response = client.get(reverse("dashboard", args=[soort]))
        assert response.status_code == 200


def test_programme_staff_see_what_needs_entering(client, tafel):
    """Choices not made, commitments without realisation and progress reports due, with links to the forms."""
    sliedrecht = _gemeente("Sliedrecht")
    lopend = CoalitieFactory(naam="Warmtenet", tafel=tafel, thema=tafel.thema, trekker=sliedrecht,
                             status=Coalitie.Status.LOPEND)
    toezegging = ToezeggingFactory(deelname=DeelnameFactory(coalitie=lopend, organisatie=sliedrecht),
                                   jaar_van=2020, jaar_tot=2100)
    open_ = CoalitieFactory(naam="Fietsroute", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                            status=Coalitie.Status.IN_VORMING)
    client.force_login(GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    html = client.get(reverse("dashboard", args=["toezeggingen"])).content.decode()
    assert reverse("coalities:deelname", args=[open_.pk, sliedrecht.pk]) in html
    assert reverse("coalities:realisatie_nieuw", args=[toezegging.pk]) in html
    assert reverse("coalities:voortgang_nieuw", args=[lopend.pk]) in html


def test_network_view_lists_late_and_missing_papers_overdue_actions_and_open_choices(client, tafel):
    """Across all tables, filterable by table and gemeente, and exported as CSV with the same filters."""
    v = vergadering(tafel, over_dagen=2)  # the paper deadline has passed
    leeg = agendapunt(v, titel="Woonagenda")
    laat = agendapunt(v, titel="Huisvesting")
    tafel_services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    vorige = vergadering(tafel, over_dagen=-14)  # the overdue action was agreed at the previous meeting
    tafel_services.actiepunt_create(
        agendapunt=agendapunt(vorige, titel="Woningbouwprogramma"), omschrijving="Cijfers aanleveren",
        deadline=timezone.localdate() - datetime.timedelta(days=1),
        eigenaar_organisatie=_gemeente("Papendrecht"), door=tafel.secretaris,
    )
    tafel_services.stuk_uploaden(agendapunt=laat, bestand=pdf(), titel="Notitie huisvesting", door=tafel.secretaris)
    CoalitieFactory(naam="Flexwonen", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                    status=Coalitie.Status.IN_VORMING)
    client.force_login(GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.GEMEENTESECRETARIS]))
    html = client.get(reverse("dashboard", args=["netwerk"])).content.decode()
    assert "Notitie huisvesting" in html and "Woonagenda" in html
    assert "Cijfers aanleveren" in html
    assert "Flexwonen" in html
    gefilterd = client.get(reverse("dashboard", args=["netwerk"]), {"organisatie": _gemeente("Sliedrecht").pk}).content.decode()
    assert "Cijfers aanleveren" not in gefilterd
    fragment = client.get(reverse("dashboard", args=["netwerk"]), {"tafel": "999999"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    csv = client.get(reverse("netwerk_export")).content.decode("utf-8-sig")
    assert "Cijfers aanleveren" in csv and "Flexwonen" in csv


def test_programme_staff_dashboard_shows_ten_per_list_and_pages_the_rest(client, tafel):
    """Each list shows ten with the total and a link; the whole list is paged; the coalitions are counted per variant."""
    sliedrecht = _gemeente("Sliedrecht")
    for i in range(12):
        coalitie = CoalitieFactory(naam=f"Coalitie {i:02d}", tafel=tafel, thema=tafel.thema, trekker=sliedrecht,
                                   status=Coalitie.Status.LOPEND)
        ToezeggingFactory(deelname=DeelnameFactory(coalitie=coalitie, organisatie=sliedrecht), jaar_van=2020, jaar_tot=2100)
    client.force_login(GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    html = client.get(reverse("dashboard", args=["toezeggingen"])).content.decode()
    assert html.count("realisatie invullen") == 10 and html.count("voortgang rapporteren") == 10
    assert html.count("10 van 12 getoond.") == 2
    assert reverse("te_doen_lijst", args=["realisatie"]) in html and reverse("te_doen_lijst", args=["voortgang"]) in html
    assert "Aantal coalities per deelnamevariant" in html and "Alle 12 coalities van uw organisatie" in html
    lijst = client.get(reverse("te_doen_lijst", args=["realisatie"])).content.decode()
    assert lijst.count("realisatie invullen") == 12 and "Coalitie 11" in lijst
    assert client.get(reverse("te_doen_lijst", args=["onbekend"])).status_code == 404
    client.force_login(GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.BESTUURDER]))
    assert client.get(reverse("te_doen_lijst", args=["realisatie"])).status_code == 403


@pytest.mark.parametrize("aantal", [1, 60])
def test_whole_list_page_takes_a_fixed_number_of_queries(client, tafel, django_assert_num_queries, aantal):
    sliedrecht = _gemeente("Sliedrecht")
    for i in range(aantal):
        coalitie = CoalitieFactory(naam=f"Coalitie {i:02d}", tafel=tafel, thema=tafel.thema, trekker=sliedrecht,
                                   status=Coalitie.Status.LOPEND)
        ToezeggingFactory(deelname=DeelnameFactory(coalitie=coalitie, organisatie=sliedrecht), jaar_van=2020, jaar_tot=2100)
    client.force_login(GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    with django_assert_num_queries(4):  # session, user with roles and organisation, count, page
        assert client.get(reverse("te_doen_lijst", args=["realisatie"])).status_code == 200
