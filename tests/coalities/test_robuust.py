"""Saves that change nothing, malformed values and double submissions: nothing changes, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from coalities import services
from coalities.models import Coalitie, Deelname, ResultaatEnLes, Toezegging
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from financiering import selectors as financiering_selectors
from tests.coalities.factories import CoalitieFactory, ToezeggingFactory, volledig
from tests.factories import GebruikerFactory
from tests.financiering.factories import voorbeeld_netwerk

pytestmark = pytest.mark.django_db


def test_resaving_a_converted_instap_deelname_changes_nothing(client):
    """Papendrecht joined on 1 July 2026 and was turned into volledig; saving its choice again without a
    change keeps the entry date and fee, writes no version or history, and the 2026 allocation is identical."""
    netwerk = voorbeeld_netwerk()
    papendrecht = netwerk.gemeenten["Papendrecht"]
    deelname = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=papendrecht)
    ToezeggingFactory(deelname=deelname, jaar_van=2026, jaar_tot=2027)
    services.instap_omzetten(peildatum=datetime.date(2026, 7, 1), door=systeem())
    deelname.refresh_from_db()
    assert (deelname.variant, deelname.instapdatum, deelname.instapfee) == (
        "volledig", datetime.date(2026, 7, 1), Decimal("2500.00"))
    voor = financiering_selectors.verdeling_voor_jaar(2026).resultaat
    historie = deelname.history.count()

    client.force_login(GebruikerFactory(organisatie=papendrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    response = client.post(
        reverse("coalities:deelname", args=[netwerk.fietsroute.pk, papendrecht.pk]),
        {"variant": "volledig", "versie": deelname.versie},
    )
    assert response.status_code == 302

    opnieuw = Deelname.objects.get(pk=deelname.pk)
    assert (opnieuw.variant, opnieuw.instapdatum, opnieuw.instapfee, opnieuw.versie) == (
        "volledig", datetime.date(2026, 7, 1), Decimal("2500.00"), deelname.versie)
    assert opnieuw.history.count() == historie
    assert financiering_selectors.verdeling_voor_jaar(2026).resultaat == voor


def test_resaving_a_coalition_without_changes_writes_nothing(client):
    """The edit form sent back unchanged leaves the coalition as it was."""
    medewerker = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    coalitie = CoalitieFactory(trekker=medewerker.organisatie)
    voor = Coalitie.objects.values().get(pk=coalitie.pk)
    services.coalitie_update(coalitie=coalitie, door=medewerker, naam=coalitie.naam, trekker=coalitie.trekker)
    assert Coalitie.objects.values().get(pk=coalitie.pk) == voor


# --- Malformed values -----------------------------------------------------------------------------


@pytest.mark.parametrize("versie", ["abc", "", "-1", "1e5", "9" * 40, "٣"])
def test_withdrawing_with_a_malformed_version_gets_a_message_not_a_500(client, versie):
    """versie=abc (or empty, negative, huge, non-ASCII digits) on withdrawing: a Dutch message, nothing withdrawn."""
    deelname = volledig()
    tweede = ToezeggingFactory(deelname=deelname, jaar_van=2028, jaar_tot=2028)
    client.force_login(GebruikerFactory(organisatie=deelname.organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    response = client.post(reverse("coalities:toezegging_intrekken", args=[tweede.pk]), {"versie": versie}, follow=True)
    assert response.status_code == 200
    assert "De toezegging is niet ingetrokken: laad de pagina opnieuw en probeer het nog eens." in response.content.decode()
    assert Toezegging.objects.filter(pk=tweede.pk).exists()


def test_saving_a_choice_for_a_deelname_that_does_not_exist_gets_a_message(client):
    """A POST with a version for a deelname that does not exist (any more): a form message, nothing saved."""
    medewerker = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    coalitie = CoalitieFactory()
    client.force_login(medewerker)
    response = client.post(
        reverse("coalities:deelname", args=[coalitie.pk, medewerker.organisatie.pk]),
        {"variant": "geen", "versie": "3"},
    )
    assert response.status_code == 200
    assert "deze keuze is niet (meer) vastgelegd" in response.content.decode()
    assert not Deelname.objects.exists()


@pytest.mark.parametrize("versie", ["abc", "-1", "99999999999999999999"])
def test_malformed_hidden_version_in_forms_is_a_form_message(client, versie):
    """A malformed hidden versie on the choice and commitment forms is a form error, never a 500."""
    deelname = volledig()
    toezegging = deelname.toezeggingen.get()
    client.force_login(GebruikerFactory(organisatie=deelname.organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    response = client.post(
        reverse("coalities:deelname", args=[deelname.coalitie_id, deelname.organisatie_id]),
        {"variant": "geen", "versie": versie},
    )
    assert response.status_code == 200
    response = client.post(reverse("coalities:toezegging", args=[toezegging.pk]), {
        "soort": "geld", "hoeveelheid": "5", "jaar_van": "2026", "jaar_tot": "2026", "versie": versie})
    assert response.status_code == 200
    deelname.refresh_from_db()
    toezegging.refresh_from_db()
    assert (deelname.variant, toezegging.hoeveelheid) == ("volledig", Decimal("10000.00"))


@pytest.mark.parametrize("pad", [
    "/coalities/999999/deelname/999999/", "/coalities/99999999999999999999/deelname/1/",
    "/coalities/toezegging/99999999999999999999/intrekken/", "/coalities/realisatie/999999/",
    "/coalities/voortgang/99999999999999999999/",
])
def test_posts_to_records_that_do_not_exist_are_404(client, pad):
    """A POST to a coalition, deelname, commitment or report that does not exist is a 404."""
    client.force_login(GebruikerFactory(rollen=[Rol.Soort.BEHEERDER]))
    assert client.post(pad, {"variant": "geen", "versie": "1"}).status_code == 404


# --- Double submissions ---------------------------------------------------------------------------


def test_the_same_commitment_posted_twice_is_stored_once(client):
    """Two identical POSTs of a new commitment: one is stored, the second gets a Dutch message."""
    deelname = volledig()
    client.force_login(GebruikerFactory(organisatie=deelname.organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    url = reverse("coalities:toezegging_nieuw", args=[deelname.coalitie_id, deelname.organisatie_id])
    gegevens = {"soort": "kennis", "omschrijving": "Verkeerskundig advies", "jaar_van": "2026", "jaar_tot": "2026"}
    assert client.post(url, gegevens).status_code == 302
    response = client.post(url, gegevens)
    assert response.status_code == 200
    assert "precies hetzelfde is zojuist opgeslagen" in response.content.decode()
    assert deelname.toezeggingen.filter(soort="kennis").count() == 1


def test_the_same_result_posted_twice_is_stored_once(client):
    """Two identical POSTs of a result: stored once; the same title with other text is a new result."""
    medewerker = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    coalitie = CoalitieFactory(trekker=medewerker.organisatie)
    client.force_login(medewerker)
    url = reverse("coalities:resultaat_nieuw", args=[coalitie.pk])
    gegevens = {"soort": "les", "titel": "Samen aanbesteden", "tekst": "Tien procent goedkoper.", "datum": "2026-04-01"}
    assert client.post(url, gegevens).status_code == 302
    response = client.post(url, gegevens)
    assert "precies hetzelfde is zojuist opgeslagen" in response.content.decode()
    assert ResultaatEnLes.objects.count() == 1
    assert client.post(url, {**gegevens, "tekst": "Ook sneller."}).status_code == 302
    assert ResultaatEnLes.objects.count() == 2


def test_forms_disable_their_button_while_the_request_runs(client):
    """The coalities forms carry hx-disabled-elt, so a second click cannot send a second request."""
    medewerker = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    coalitie = CoalitieFactory(trekker=medewerker.organisatie)
    client.force_login(medewerker)
    for url in (reverse("coalities:resultaat_nieuw", args=[coalitie.pk]),
                reverse("coalities:deelname", args=[coalitie.pk, medewerker.organisatie.pk])):
        assert "hx-disabled-elt=\"find button[type='submit']\"" in client.get(url).content.decode()
