"""Joining in the browser: a partner admitted to a table, and a new gemeente joining the cooperation, show
what they will pay before the secretary or the manager SDD confirms, at 1366 and 390 px under axe and without
sideways scrolling at 320 px; the table page and the organisation's financing page then list the join."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from drechtsteden.models import Inwonertal, Organisatie, Rol
from tests.conftest import op_breedtes
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.financiering.factories import BegrotingsjaarFactory, voorbeeld_netwerk
from tests.tafels.factories import tafel_met_leden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_sees_what_a_partner_will_pay_and_confirms_its_join(page, live_server, login, screenshot):
    voorbeeld_netwerk()
    OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    tafel = tafel_met_leden(naam="Tafel Economie")
    login(tafel.secretaris)
    page.goto(f"{live_server.url}/tafels/{tafel.pk}/")
    page.get_by_role("link", name="Partner toelaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner toelaten tot de tafel Tafel Economie")
    expect(page.get_by_role("button", name="Toetreding bevestigen")).to_have_count(0)
    page.get_by_label("Partner").select_option(label="Molenlanden")
    page.get_by_label("Besluit van de tafel").fill("Besluit 4 van de vergadering van 15 juli")
    page.get_by_role("button", name="Gevolgen tonen").click()

    gevolgen = page.locator(".fin-gevolgen")
    expect(gevolgen).to_contain_text("Molenlanden treedt toe tot de tafel Tafel Economie op")
    expect(gevolgen).to_contain_text("De financiering verandert per")
    expect(gevolgen).to_contain_text("nog geen vaste bijdrage van Molenlanden vastgesteld")
    expect(gevolgen.get_by_role("button", name="Toetreding bevestigen")).to_be_visible()
    op_breedtes(page, screenshot, "toetreding-tafel", smal=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    gevolgen.get_by_role("button", name="Toetreding bevestigen").click()
    expect(page.get_by_text("De toetreding van Molenlanden tot de tafel Tafel Economie is vastgelegd.")).to_be_visible()
    overgangen = page.locator("table", has_text="Besluit 4 van de vergadering van 15 juli").last
    expect(overgangen).to_contain_text("toetreding tot tafel Tafel Economie")
    op_breedtes(page, screenshot, "toetreding-tafelpagina")


def test_the_manager_sees_what_a_new_gemeente_will_pay_and_confirms_its_join_of_the_cooperation(
    page, live_server, login, screenshot
):
    """A gemeente the beheerder registered to join later is chosen on the page; the rule, the date it pays
    from and what it pays per year are shown before the manager SDD confirms, and its financing page lists
    the join afterwards."""
    netwerk = voorbeeld_netwerk()
    BegrotingsjaarFactory(jaar=2027, component_1_sleutel="vaste_voet_inwoners", component_1_vaste_voet_pct=Decimal("30"))
    molenlanden = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE,
                                     cbs_code="GM1978", actief_van=datetime.date(2100, 1, 1))
    Inwonertal.objects.create(organisatie=molenlanden, peildatum=datetime.date(2024, 1, 1), aantal=44000)
    login(GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD]))
    page.goto(f"{live_server.url}/financiering/")
    page.get_by_role("link", name="Toetreding van een organisatie tot de samenwerking voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toetreding tot de samenwerking Drechtsteden")
    expect(page.get_by_role("button", name="Toetreding bevestigen")).to_have_count(0)
    op_breedtes(page, screenshot, "toetreding-samenwerking-formulier")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Organisatie").select_option(label="Molenlanden")
    page.get_by_label("Reden of toelichting").fill("Besluit van de zeven raden en de raad van Molenlanden")
    page.get_by_role("button", name="Gevolgen tonen").click()

    gevolgen = page.locator(".fin-gevolgen")
    expect(gevolgen).to_contain_text("Molenlanden treedt toe tot de samenwerking Drechtsteden op")
    expect(gevolgen).to_contain_text("De financiering verandert per")
    expect(gevolgen).to_contain_text("Molenlanden betaalt in 2027 €")
    expect(gevolgen).to_contain_text("als Drechtstedengemeente component 1 en 2 via de verdeelsleutel")
    expect(gevolgen.get_by_role("button", name="Toetreding bevestigen")).to_be_visible()
    op_breedtes(page, screenshot, "toetreding-samenwerking", smal=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    gevolgen.get_by_role("button", name="Toetreding bevestigen").click()
    expect(page.get_by_text("De toetreding van Molenlanden tot de samenwerking Drechtsteden is vastgelegd.")).to_be_visible()
    page.goto(f"{live_server.url}/financiering/organisatie/{molenlanden.pk}/")
    expect(page.locator("body")).to_contain_text("Besluit van de zeven raden en de raad van Molenlanden")
    op_breedtes(page, screenshot, "toetreding-samenwerking-organisatie")
