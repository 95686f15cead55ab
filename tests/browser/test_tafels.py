import datetime

import pytest
from django.db.models import F
from playwright.sync_api import expect

from drechtsteden.demo import DEMO_WACHTWOORD
from drechtsteden.models import Gebruiker, Organisatie, Rol
from tafels.models import BestuurlijkeTafel, Stukversie, Vergadering
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.tafels.factories import PDF_BYTES, houden, secretaris_van, tafel_met_leden, vergadering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = [
    ("Inspiratie: de fiets als ruggengraat", "Bestuurlijke verbinding en inspiratie"),
    ("Ambitie bereikbaarheid 2030", "(1) Ambitie bepalen"),
    ("Projectvoorstellen fietsroutes", "(2) Projecten definiëren"),
    ("Kleur bekennen per gemeente", "(3) Belangen- en commitmentgesprek"),
    ("Voortgang portfolio", "(6) Voortgang portfolio"),
]


def _uitloggen(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("networkidle")


def test_secretary_builds_agenda_and_others_see_it_or_not(page, live_server, login, screenshot, tmp_path):
    """A secretary builds and reorders an agenda, uploads on time and late, is told before the meeting that
    decisions come later, records a decision and an action after it; a member bestuurder sees the meeting;
    an outsider gets 404."""
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))
    v = vergadering(tafel, over_dagen=30)
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    gorinchem = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    buitenstaander = GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.BESTUURDER])
    url = f"{live_server.url}/tafels/vergaderingen/{v.pk}/"

    login(tafel.secretaris)
    page.goto(url)
    page.evaluate("window.zelfdePagina = true")
    formulier = page.locator("form[aria-labelledby=kop-nieuw-punt]")
    for titel, stap in ITEMS:
        formulier = page.locator("form[aria-labelledby=kop-nieuw-punt]")
        formulier.get_by_label("Titel", exact=True).fill(titel)
        formulier.get_by_label("Processtap").select_option(label=stap)
        formulier.get_by_label("Minuten").fill("20")
        formulier.get_by_role("button", name="Agendapunt toevoegen").click()
        expect(page.locator("#agenda")).to_contain_text(titel)
    agenda = page.locator("#agenda")
    expect(agenda.locator("h3.utrecht-heading-3").nth(5)).to_have_text("6. Voortgang portfolio")
    expect(page.locator("#minuten-totaal")).to_have_text("Gepland: 105 van 120 minuten")

    # Reorder: "Projectvoorstellen" moves above "Ambitie".
    page.get_by_role("button", name="Omlaag: Ambitie bereikbaarheid 2030").click()
    expect(agenda.locator("h3.utrecht-heading-3").nth(2)).to_have_text("3. Projectvoorstellen fietsroutes")
    expect(agenda.locator("h3.utrecht-heading-3").nth(3)).to_have_text("4. Ambitie bereikbaarheid 2030")
    assert page.evaluate("window.zelfdePagina") is True  # no page reload

    pdf = tmp_path / "notitie-ambitie.pdf"
    pdf.write_bytes(PDF_BYTES)
    punt = page.locator("li.tafels-punt", has_text="4. Ambitie bereikbaarheid 2030")
    punt.get_by_text("Stuk toevoegen").click()
    punt.get_by_label("Titel van het stuk").fill("Notitie ambitie")
    punt.get_by_label("Bestand (PDF, DOCX, XLSX of ODT)").set_input_files(str(pdf))
    punt.get_by_role("button", name="Uploaden").click()
    expect(page.locator("li.tafels-punt", has_text="Notitie ambitie")).to_contain_text("op tijd")

    # Time passes: the meeting is now four days away, past the ten-day deadline.
    Vergadering.objects.filter(pk=v.pk).update(begint_om=F("begint_om") - datetime.timedelta(days=26))
    Stukversie.objects.update(geupload_op=F("geupload_op") - datetime.timedelta(days=26))
    page.reload()
    punt = page.locator("li.tafels-punt", has_text="4. Ambitie bereikbaarheid 2030")
    punt.get_by_text("Stuk toevoegen").click()
    punt.get_by_label("Titel van het stuk").fill("Nazending kaart")
    punt.get_by_label("Bestand (PDF, DOCX, XLSX of ODT)").set_input_files(str(pdf))
    punt.get_by_role("button", name="Uploaden").click()
    nazending = page.locator("li.tafels-punt ul.tafels-stukken > li", has_text="Nazending kaart")
    expect(nazending.locator(".portaal-badge--fout")).to_have_text("te laat")
    page.reload()
    expect(page.locator("#stukken-op-tijd")).to_have_text("1 van 2")
    # Before the meeting the page says when decisions are recorded instead of offering the form.
    expect(page.locator("#besluit-beletsel")).to_contain_text("Een besluit legt u vast tijdens of na de vergadering")
    expect(page.get_by_text("Besluit vastleggen")).to_have_count(0)

    # The meeting was held yesterday.
    Vergadering.objects.filter(pk=v.pk).update(begint_om=F("begint_om") - datetime.timedelta(days=5))
    Stukversie.objects.update(geupload_op=F("geupload_op") - datetime.timedelta(days=5))
    v.refresh_from_db()
    houden(v)
    page.reload()
    expect(page.locator("#besluit-beletsel")).to_have_count(0)
    punt = page.locator("li.tafels-punt", has_text="4. Ambitie bereikbaarheid 2030")
    punt.get_by_text("Besluit vastleggen").click()
    punt.get_by_label("Besluit", exact=True).fill("De tafel stelt de ambitie bereikbaarheid 2030 vast.")
    punt.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("#agenda")).to_contain_text("De tafel stelt de ambitie bereikbaarheid 2030 vast.")

    punt = page.locator("li.tafels-punt", has_text="4. Ambitie bereikbaarheid 2030")
    punt.get_by_text("Actiepunt toevoegen").click()
    punt.get_by_label("Actie", exact=True).fill("Ambitie vertalen naar projectvoorstellen")
    punt.get_by_label("Eigenaar (organisatie)").select_option(label="Zwijndrecht")
    punt.get_by_label("Uiterlijk gereed").fill((v.datum + datetime.timedelta(days=45)).isoformat())
    punt.get_by_role("button", name="Actiepunt opslaan").click()
    expect(page.locator("#agenda")).to_contain_text("Ambitie vertalen naar projectvoorstellen — Zwijndrecht")
    screenshot("tafels-agendabouwer")
    assert_no_serious_axe_violations(page)
    _uitloggen(page)

    login(bestuurder)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    expect(page.locator("#agenda")).to_contain_text("Nazending kaart")
    expect(page.locator("#agenda")).to_contain_text("te laat")
    expect(page.get_by_role("button", name="Agendapunt toevoegen")).to_have_count(0)
    screenshot("tafels-vergadering-bestuurder")
    assert_no_serious_axe_violations(page)
    _uitloggen(page)

    login(buitenstaander)
    response = page.goto(url)
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Ambitie bereikbaarheid 2030")


def test_table_pages_in_browser(page, live_server, login, screenshot):
    """The table list and table page show members, an opt-out with reason, and pass axe."""
    from tafels import services

    tafel = tafel_met_leden(naam="Tafel Energietransitie", thema=ThemaFactory(naam="Energietransitie", slug="energietransitie"))
    services.lidmaatschap_afmelden(
        lidmaatschap=tafel.lidmaatschappen.get(organisatie__naam="Hardinxveld-Giessendam"),
        reden="Sluit aan bij de Alblasserwaard", datum=datetime.date(2026, 2, 1),
        door=secretaris_van(tafel),
    )
    services.ambitie_vaststellen(
        tafel=tafel, tekst="In 2030 een regionaal warmtenet.", vastgesteld_op=datetime.date(2026, 1, 15),
        door=secretaris_van(tafel),
    )
    vergadering(tafel)
    login(tafel.secretaris)
    page.goto(f"{live_server.url}/tafels/")
    tabel = page.get_by_role("table", name="Tafels per thema")
    expect(tabel).to_contain_text("Hardinxveld-Giessendam")
    screenshot("tafels-lijst")
    assert_no_serious_axe_violations(page)
    tabel.get_by_role("link", name="Tafel Energietransitie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tafel Energietransitie")
    expect(page.get_by_role("table", name="Organisaties aan deze tafel, afmeldingen en toegetreden partners")).to_contain_text(
        "Sluit aan bij de Alblasserwaard"
    )
    screenshot("tafels-tafel")
    assert_no_serious_axe_violations(page)


def test_demo_tables_as_bestuurder_and_secretary(page, live_server, login, screenshot, settings, tmp_path):
    """With the demo data a bestuurder reads the bereikbaarheid table and its held meeting; the
    secretary sees a membership's history; all pages pass axe."""
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", stdout=open("/dev/null", "w"))
    tafel = BestuurlijkeTafel.objects.get(thema__slug="bereikbaarheid")
    gehouden = tafel.vergaderingen.order_by("begint_om").first()

    login(Gebruiker.objects.get(username="bestuurder"), password=DEMO_WACHTWOORD)
    page.goto(f"{live_server.url}/tafels/{tafel.pk}/")
    leden = page.get_by_role("table", name="Organisaties aan deze tafel, afmeldingen en toegetreden partners")
    expect(leden).to_contain_text("Hoeksche Waard")
    expect(leden).to_contain_text("Toegetreden partner")
    screenshot("tafels-demo-bereikbaarheid")
    assert_no_serious_axe_violations(page)
    page.goto(f"{live_server.url}/tafels/vergaderingen/{gehouden.pk}/")
    expect(page.locator("#vergaderstatus")).to_have_text("Besluitenlijst vastgesteld")
    expect(page.locator("#stukken-op-tijd")).to_have_text("2 van 3")
    screenshot("tafels-demo-vergadering")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Besluitenlijst").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluitenlijst")
    screenshot("tafels-demo-besluitenlijst")
    assert_no_serious_axe_violations(page)
    _uitloggen(page)

    login(Gebruiker.objects.get(username="programmamanager"), password=DEMO_WACHTWOORD)
    energie = BestuurlijkeTafel.objects.get(thema__slug="energietransitie")
    lid = energie.lidmaatschappen.get(organisatie__naam="Hardinxveld-Giessendam")
    page.goto(f"{live_server.url}/tafels/{energie.pk}/lidmaatschappen/{lid.pk}/")
    expect(page.get_by_role("table", name="Alle wijzigingen van dit lidmaatschap")).to_contain_text("Afgemeld")
    screenshot("tafels-demo-lidmaatschap")
    assert_no_serious_axe_violations(page)
    volgende = tafel.vergaderingen.order_by("begint_om").last()
    page.goto(f"{live_server.url}/tafels/vergaderingen/{volgende.pk}/")
    expect(page.locator("#agenda")).to_contain_text("Tijdelijke sluiting Drechttunnel")
    expect(page.locator("#agenda")).to_contain_text("Nieuwe parkeerregeling binnenstad Dordrecht")
    screenshot("tafels-demo-volgende")
    assert_no_serious_axe_violations(page)


def test_secretary_edits_an_item_and_records_an_urgent_dossier(page, live_server, login, screenshot):
    """The secretary edits an item inline and records an urgent dossier that is not admitted; axe passes."""
    from tests.tafels.factories import agendapunt

    tafel = tafel_met_leden(naam="Tafel Wonen", thema=ThemaFactory(naam="Wonen", slug="wonen"))
    v = vergadering(tafel)
    agendapunt(v, "Woonagenda")
    login(tafel.secretaris)
    page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/")
    page.get_by_role("link", name="Bewerken: Woonagenda").click()
    bewerk = page.locator("li.tafels-punt", has_text="Agendapunt 2 bewerken")
    bewerk.get_by_label("Titel", exact=True).fill("Regionale woonagenda 2030")
    screenshot("tafels-punt-bewerken")
    assert_no_serious_axe_violations(page)
    bewerk.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#agenda")).to_contain_text("2. Regionale woonagenda 2030")

    page.get_by_text("Urgent dossier of nieuw thema aanmelden").click()
    page.get_by_label("Onderwerp van het urgente dossier of nieuwe thema").fill("Noodopvang statushouders")
    page.get_by_label("Past het binnen de scope van de tafel?").select_option(label="Ja")
    page.get_by_label("Is er capaciteit om het te ondersteunen?").select_option(label="Nee")
    page.get_by_label("Wordt het als urgent gevoeld?").select_option(label="Ja")
    page.get_by_role("button", name="Toets vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("„Noodopvang statushouders” is niet toegelaten")
    expect(page.locator("#agenda")).to_contain_text("Noodopvang statushouders: past binnen de scope ja, capaciteit nee, urgent ja")
    screenshot("tafels-urgent-niet-toegelaten")
    assert_no_serious_axe_violations(page)


def test_plan_meeting_with_bounded_date_and_double_click_adds_one_item(page, live_server, login, screenshot):
    """Planning a meeting in 9999 shows the Dutch range message; a valid date plans it. A double click on
    "Agendapunt toevoegen" adds the item once: the button is disabled while the request runs."""
    tafel = tafel_met_leden(naam="Tafel Wonen", thema=ThemaFactory(naam="Wonen", slug="wonen"))
    login(tafel.secretaris)
    for breedte, hoogte in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": breedte, "height": hoogte})
        page.goto(f"{live_server.url}/tafels/{tafel.pk}/vergaderingen/nieuw/")
        page.get_by_label("Datum en tijd").fill("9999-12-31T23:00")
        page.get_by_role("button", name="Plannen").click()
        expect(page.locator("main")).to_contain_text("Kies een datum tussen 2000 en 2100.")
        screenshot(f"tafels-vergadering-plannen-fout-{breedte}")
    assert not Vergadering.objects.exists()

    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Datum en tijd").fill("2027-03-11T14:00")
    page.get_by_label("Plaats").fill("Stadskantoor Dordrecht")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van 11 maart 2027")
    v = Vergadering.objects.get()

    formulier = page.locator("form[aria-labelledby=kop-nieuw-punt]")
    formulier.get_by_label("Titel", exact=True).fill("Woningbouwprogramma")
    formulier.get_by_label("Processtap").select_option(label="(6) Voortgang portfolio")
    knop = formulier.get_by_role("button", name="Agendapunt toevoegen")
    knop.dblclick()
    expect(page.locator("#agenda")).to_contain_text("Woningbouwprogramma")
    page.wait_for_load_state("networkidle")
    assert v.agendapunten.filter(titel="Woningbouwprogramma").count() == 1
    for breedte, hoogte in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": breedte, "height": hoogte})
        page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/")
        screenshot(f"tafels-vergadering-{breedte}")
    assert_no_serious_axe_violations(page)
