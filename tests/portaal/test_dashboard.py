"""The "Voor u" dashboard on the home page: one block per concern, read-only for a raadslid, fixed queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coalities.models import Coalitie, Deelname
from portaal import dashboard
from drechtsteden.models import Organisatie, Rol
from tafels import services as tafel_services
from tests.coalities.factories import CoalitieFactory, DeelnameFactory
from tests.factories import GebruikerFactory, ThemaFactory
from tests.financiering.factories import BegrotingsjaarFactory, ProjectBudgetFactory
from tests.tafels.factories import agendapunt, na_vergadering, secretaris_van, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


def _gemeente(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))


@pytest.fixture
def secretaris(tafel):
    return GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.GEMEENTESECRETARIS])


def _vul(tafel, aantal: int) -> None:
    """``aantal`` meetings, actions of Sliedrecht, coalitions without its choice and budgets for this year."""
    sliedrecht, dordrecht = _gemeente("Sliedrecht"), _gemeente("Dordrecht")
    jaar = timezone.localdate().year
    BegrotingsjaarFactory(jaar=jaar, peildatum_inwoners=datetime.date(jaar - 1, 1, 1))
    for i in range(aantal):
        v = vergadering(tafel, over_dagen=5 + i)
        punt = agendapunt(v, f"Punt {i}")
        tafel_services.actiepunt_create(agendapunt=punt, omschrijving=f"Actie {i} van Sliedrecht",
                                        deadline=na_vergadering(v), eigenaar_organisatie=sliedrecht,
                                        door=secretaris_van(punt))
        coalitie = CoalitieFactory(naam=f"Coalitie {i}", tafel=tafel, thema=tafel.thema, trekker=dordrecht,
                                   status=Coalitie.Status.LOPEND)
        DeelnameFactory(coalitie=coalitie, organisatie=dordrecht, variant=Deelname.Variant.VOLLEDIG)
        ProjectBudgetFactory(coalitie=coalitie, jaar=jaar, budget=Decimal("50000.00"))


def test_meetings_block_lists_the_next_meetings_of_the_organisations_tables(client, tafel, secretaris):
    """The next meeting of a table Sliedrecht sits at is listed with date, table and link; past ones are not."""
    komend = vergadering(tafel, over_dagen=7)
    voorbij = vergadering(tafel, over_dagen=-7)
    elders = tafel_met_leden(naam="Tafel Zonder Sliedrecht")
    elders.lidmaatschappen.filter(organisatie__naam="Sliedrecht").delete()
    vergadering(elders, over_dagen=3)
    client.force_login(secretaris)
    html = client.get(reverse("netwerk")).content.decode()
    blok = html.split('id="kop-voor-u-vergaderingen"')[1].split("</section>")[0]
    assert f'href="{reverse("tafels:vergadering", args=[komend.pk])}"' in blok
    assert "Tafel Bereikbaarheid" in blok
    assert reverse("tafels:vergadering", args=[voorbij.pk]) + '"' not in blok
    assert "Tafel Zonder Sliedrecht" not in blok


def test_actions_block_lists_open_actions_of_the_organisation_and_the_user(client, tafel, secretaris):
    """Open actions owned by Sliedrecht or by the user are shown; done ones and others' actions are not."""
    punt = agendapunt(vergadering(tafel), "Voortgang")
    deadline = datetime.date(2030, 1, 1)
    tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Notitie woningbouw aanleveren",
                                    deadline=deadline, eigenaar_organisatie=_gemeente("Sliedrecht"),
                                    door=secretaris_van(punt))
    tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Bestuurder bellen", deadline=deadline,
                                    eigenaar_persoon=secretaris, door=secretaris_van(punt))
    gereed = tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Al gedaan", deadline=deadline,
                                             eigenaar_organisatie=_gemeente("Sliedrecht"), door=secretaris_van(punt))
    tafel_services.actiepunt_status_wijzigen(actiepunt=gereed, status="gereed", door=secretaris_van(gereed))
    tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Taak van Dordrecht", deadline=deadline,
                                    eigenaar_organisatie=_gemeente("Dordrecht"), door=secretaris_van(punt))
    client.force_login(secretaris)
    html = client.get(reverse("netwerk")).content.decode()
    blok = html.split('id="kop-voor-u-acties"')[1].split("</section>")[0]
    assert "Notitie woningbouw aanleveren" in blok and "Bestuurder bellen" in blok
    assert "Al gedaan" not in blok and "Taak van Dordrecht" not in blok
    assert f'href="{reverse("tafels:vergadering", args=[punt.vergadering_id])}"' in blok


def test_choices_block_links_to_the_deelname_form_and_sorteerbak(client, tafel):
    """A programmamedewerker of Sliedrecht gets a link to record the choice and to the table's sorteerbak."""
    open_ = CoalitieFactory(naam="Snelfietsroute", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                            status=Coalitie.Status.IN_VORMING)
    gekozen = CoalitieFactory(naam="Al gekozen", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                              status=Coalitie.Status.LOPEND)
    DeelnameFactory(coalitie=gekozen, organisatie=_gemeente("Sliedrecht"))
    CoalitieFactory(naam="Nog maar een idee", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                    status=Coalitie.Status.IDEE)
    medewerker = GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    client.force_login(medewerker)
    html = client.get(reverse("netwerk")).content.decode()
    blok = html.split('id="kop-voor-u-keuzes"')[1].split("</section>")[0]
    sliedrecht = _gemeente("Sliedrecht")
    assert f'href="{reverse("coalities:deelname", args=[open_.pk, sliedrecht.pk])}"' in blok
    assert f'href="{reverse("coalities:sorteerbak", args=[tafel.pk])}"' in blok
    assert "Al gekozen" not in blok and "Nog maar een idee" not in blok


def test_raadslid_sees_the_same_blocks_read_only(client, tafel):
    """A raadslid sees the open choice of the gemeente, linked to the coalition page, not to the form."""
    open_ = CoalitieFactory(naam="Snelfietsroute", tafel=tafel, thema=tafel.thema, trekker=_gemeente("Dordrecht"),
                            status=Coalitie.Status.LOPEND)
    raadslid = GebruikerFactory(organisatie=_gemeente("Sliedrecht"), rollen=[Rol.Soort.RAADSLID])
    client.force_login(raadslid)
    html = client.get(reverse("netwerk")).content.decode()
    blok = html.split('id="kop-voor-u-keuzes"')[1].split("</section>")[0]
    assert f'href="{reverse("coalities:detail", args=[open_.pk])}"' in blok
    assert reverse("coalities:deelname", args=[open_.pk, _gemeente("Sliedrecht").pk]) not in html
    assert 'id="kop-voor-u-financiering"' in html


def test_financing_block_shows_this_years_components_from_the_allocation(client, tafel, secretaris):
    """The amounts per component and the total equal financiering's own overview of the year, with a link."""
    from financiering import selectors as financiering_selectors

    _vul(tafel, 1)
    client.force_login(secretaris)
    html = client.get(reverse("netwerk")).content.decode()
    blok = html.split('id="kop-voor-u-financiering"')[1].split("</section>")[0]
    sliedrecht = _gemeente("Sliedrecht")
    jaar = timezone.localdate().year
    verwacht = financiering_selectors.organisatie_jaar("Sliedrecht", financiering_selectors.verdeling_voor_jaar(jaar))
    from drechtsteden.opmaak import euro

    assert verwacht.bijdrage.totaal > 0
    for bedrag in (verwacht.bijdrage.component_1, verwacht.bijdrage.component_2, verwacht.bijdrage.totaal):
        assert euro(bedrag) in blok
    assert f'href="{reverse("financiering:organisatie", args=[sliedrecht.pk])}"' in blok


def test_user_without_organisation_gets_only_personal_blocks(tafel):
    """A superuser without an organisation has nothing to pay or choose, and no error."""
    beheerder = GebruikerFactory(organisatie=None, is_superuser=True)
    voor_u = dashboard.voor_u(beheerder)
    assert voor_u.organisatie is None and voor_u.financiering is None and voor_u.nog_geen_keuze == []


@pytest.mark.parametrize("aantal", [1, 6])
def test_dashboard_takes_a_fixed_number_of_queries(django_assert_max_num_queries, tafel, secretaris, aantal):
    """The dashboard selector needs at most 17 queries for 1 or 6 meetings, actions and coalitions (the year's
    allocation included: nothing is kept within the test's own transaction)."""
    _vul(tafel, aantal)
    gebruiker = type(secretaris).objects.get(pk=secretaris.pk)
    with django_assert_max_num_queries(17):
        voor_u = dashboard.voor_u(gebruiker)
    assert len(voor_u.vergaderingen) == min(aantal, 5)
    assert len(voor_u.actiepunten) == aantal
    assert len(voor_u.nog_geen_keuze) == aantal


@pytest.mark.parametrize("aantal", [1, 6])
def test_home_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, tafel, secretaris, aantal):
    """The whole home page with the dashboard stays under the same ceiling for 1 or 6 of everything."""
    _vul(tafel, aantal)
    client.force_login(secretaris)
    with django_assert_max_num_queries(19):
        html = client.get(reverse("netwerk")).content.decode()
    assert html.count("van Sliedrecht") == aantal


@pytest.mark.django_db(transaction=True)
def test_cached_figures_follow_every_change_of_an_input(django_assert_max_num_queries):
    """The home page's figures come from the cache until a budget, key or participation changes; then anew."""
    from decimal import Decimal

    from django.db.models import F

    from coalities.models import Deelname
    from financiering import selectors as financiering_selectors
    from financiering import services as financiering_services
    from drechtsteden.permissions import systeem
    from financiering.models import ProjectBudget
    from tests.financiering.factories import voorbeeld_netwerk

    netwerk = voorbeeld_netwerk()
    dordrecht = netwerk.gemeenten["Dordrecht"]
    budget = ProjectBudget.objects.get(coalitie=netwerk.fietsroute, jaar=2026)
    eerst = dashboard.financiering_van(dordrecht, 2026)
    with django_assert_max_num_queries(1):
        assert dashboard.financiering_van(dordrecht, 2026) == eerst

    financiering_services.projectbudget_vaststellen(
        coalitie=netwerk.fietsroute, jaar=2026, budget=budget.budget + 7000, door=systeem(),
    )
    tweede = dashboard.financiering_van(dordrecht, 2026)
    assert tweede.bijdrage.component_3 > eerst.bijdrage.component_3
    assert tweede == financiering_selectors.organisatie_jaar("Dordrecht", financiering_selectors.verdeling_voor_jaar(2026))

    zwijndrecht = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie__naam="Zwijndrecht")
    zwijndrecht.variant, zwijndrecht.solidariteitsbijdrage = "solidariteit", Decimal("1000.00")
    zwijndrecht.save()
    Deelname.objects.filter(pk=zwijndrecht.pk).update(versie=F("versie") + 1)
    derde = dashboard.financiering_van(dordrecht, 2026)
    assert derde.bijdrage.component_3 < tweede.bijdrage.component_3
