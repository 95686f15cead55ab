import pytest
from playwright.sync_api import expect

from coalities import services
from coalities.models import Deelname
from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, tafel_met_gemeenten
from tests.conftest import assert_no_serious_axe_violations
from tests.factories import GebruikerFactory, ThemaFactory, drechtsteden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def htmx_klaar(page) -> None:
    """Waits until htmx has finished requesting, swapping and settling, so new elements are live."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


@pytest.fixture
def bereikbaarheid():
    gemeenten = {g.naam: g for g in drechtsteden()}
    thema = ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid")
    tafel = tafel_met_gemeenten(gemeenten.values(), naam="Tafel Bereikbaarheid", thema=thema)
    fietsroutes = CoalitieFactory(naam="Regionale fietsroutes", tafel=tafel, thema=thema, trekker=gemeenten["Dordrecht"])
    deelauto = CoalitieFactory(naam="Deelmobiliteit", tafel=tafel, thema=thema, trekker=gemeenten["Zwijndrecht"])
    DeelnameFactory(coalitie=fietsroutes, organisatie=gemeenten["Sliedrecht"], solidair=True)
    medewerker = GebruikerFactory(
        first_name="Fatima", last_name="El Amrani", organisatie=gemeenten["Papendrecht"],
        rollen=[Rol.Soort.PROGRAMMAMEDEWERKER],
    )
    return gemeenten, tafel, fietsroutes, deelauto, medewerker


def test_papendrecht_staff_work_in_the_sorteerbak(page, live_server, login, screenshot, bereikbaarheid):
    """Papendrecht sets its variant with a commitment in the sorteerbak, is stopped on solidarity without money, and cannot touch Sliedrecht."""
    gemeenten, tafel, fietsroutes, deelauto, medewerker = bereikbaarheid
    login(medewerker)
    page.goto(f"{live_server.url}/coalities/tafel/{tafel.pk}/sorteerbak/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorteerbak Tafel Bereikbaarheid")
    matrix = page.get_by_role("table", name="Deelname per organisatie en coalitie aan Tafel Bereikbaarheid")
    expect(matrix.get_by_text("Nog geen keuze", exact=True)).to_have_count(13)
    screenshot("coalities-sorteerbak")
    assert_no_serious_axe_violations(page)

    # Papendrecht chooses volledig for the cycle routes, with its first commitment.
    page.get_by_role("link", name="Wijzigen keuze Papendrecht voor Regionale fietsroutes").click()
    htmx_klaar(page)
    cel = page.locator(f"#cel-{fietsroutes.pk}-{gemeenten['Papendrecht'].pk}")
    cel.get_by_label("Variant").select_option("volledig")
    expect(cel.get_by_text("minstens één toezegging (geld, menskracht of kennis)")).to_be_visible()
    htmx_klaar(page)
    expect(cel.get_by_role("group", name="Eerste toezegging")).to_be_visible()
    cel.get_by_label("Soort toezegging").select_option("menskracht")
    cel.get_by_label("Hoeveelheid").fill("0.4")
    cel.get_by_label("Eenheid").select_option("fte")
    cel.get_by_label("Vanaf jaar").fill("2026")
    cel.get_by_label("Tot en met jaar").fill("2027")
    screenshot("coalities-sorteerbak-cel")
    cel.get_by_role("button", name="Keuze opslaan").click()
    expect(cel.locator(".coalities-variant--volledig")).to_be_visible()
    expect(matrix.get_by_text("Nog geen keuze", exact=True)).to_have_count(12)
    expect(page.locator(f"#totaal-{gemeenten['Papendrecht'].pk}")).to_contain_text("1 volledig, 0 solidair")
    expect(page.locator(f"#totaal-{gemeenten['Papendrecht'].pk}")).to_contain_text("1 nog geen keuze")
    deelname = Deelname.objects.get(coalitie=fietsroutes, organisatie=gemeenten["Papendrecht"])
    assert deelname.variant == "volledig"
    assert str(deelname.toezeggingen.get().hoeveelheid) == "0.40"

    # Solidarity without money is refused with the rule shown at the field.
    page.get_by_role("link", name="Wijzigen keuze Papendrecht voor Deelmobiliteit").click()
    htmx_klaar(page)
    cel = page.locator(f"#cel-{deelauto.pk}-{gemeenten['Papendrecht'].pk}")
    cel.get_by_label("Variant").select_option("solidariteit")
    expect(cel.get_by_text("een solidariteitsbijdrage groter dan € 0 per jaar; geen menskracht")).to_be_visible()
    htmx_klaar(page)
    cel.get_by_role("button", name="Keuze opslaan").click()
    bijdrage = cel.get_by_label("Solidariteitsbijdrage per jaar (€)")
    expect(bijdrage).to_have_attribute("aria-invalid", "true")
    expect(cel.get_by_text("Bij solidariteit hoort een solidariteitsbijdrage groter dan € 0 per jaar.")).to_be_visible()
    screenshot("coalities-solidariteit-fout")
    assert not Deelname.objects.filter(coalitie=deelauto).exists()

    # Sliedrecht's cell offers no edit link, and a direct request is forbidden.
    expect(page.get_by_role("link", name="Wijzigen keuze Sliedrecht voor Regionale fietsroutes")).to_have_count(0)
    url = f"{live_server.url}/coalities/{fietsroutes.pk}/deelname/{gemeenten['Sliedrecht'].pk}/"
    assert page.request.get(url).status == 403
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    antwoord = page.request.post(url, form={"variant": "geen", "versie": "1", "csrfmiddlewaretoken": token})
    assert antwoord.status == 403
    assert Deelname.objects.get(coalitie=fietsroutes, organisatie=gemeenten["Sliedrecht"]).variant == "solidariteit"

    # The commitment is on the coalition page, promised next to delivered.
    page.get_by_role("link", name="Regionale fietsroutes").first.click()
    toezeggingen = page.get_by_role("table", name="Toezeggingen per partij met wat is geleverd")
    expect(toezeggingen).to_contain_text("Papendrecht")
    expect(toezeggingen).to_contain_text("fte")
    expect(page.get_by_role("table", name="Wijzigingen in deelnames, toezeggingen en realisaties")).to_contain_text(
        "Fatima El Amrani"
    )
    screenshot("coalities-coalitie")
    assert_no_serious_axe_violations(page)


def test_concurrent_edit_is_refused_in_the_browser(page, live_server, login, screenshot, bereikbaarheid):
    """While Fatima has the form open a colleague saves; Fatima's save is refused and shows the colleague's change."""
    gemeenten, tafel, fietsroutes, deelauto, medewerker = bereikbaarheid
    collega = GebruikerFactory(
        first_name="Karin", last_name="Smit", organisatie=gemeenten["Papendrecht"],
        rollen=[Rol.Soort.COORDINEREND_AMBTENAAR],
    )
    services.deelname_create(
        coalitie=deelauto, organisatie=gemeenten["Papendrecht"], variant="geen", door=medewerker
    )
    login(medewerker)
    page.goto(f"{live_server.url}/coalities/{deelauto.pk}/deelname/{gemeenten['Papendrecht'].pk}/")
    page.get_by_label("Variant").select_option("solidariteit")
    page.get_by_label("Solidariteitsbijdrage per jaar (€)").fill("3000")

    services.deelname_update(
        coalitie=deelauto, organisatie=gemeenten["Papendrecht"], variant="solidariteit", versie=1,
        door=collega, solidariteitsbijdrage=8000,
    )
    page.get_by_role("button", name="Keuze opslaan").click()
    melding = page.get_by_role("alert")
    expect(melding).to_contain_text("iemand anders was u voor")
    expect(melding).to_contain_text("Karin Smit")
    expect(melding).to_contain_text("€\u00a08.000,00")
    screenshot("coalities-gelijktijdig")
    assert_no_serious_axe_violations(page)
    assert Deelname.objects.get(coalitie=deelauto, organisatie=gemeenten["Papendrecht"]).solidariteitsbijdrage == 8000


def test_list_filters_and_import_preview(page, live_server, login, screenshot, bereikbaarheid):
    """The list filters by status in place, and an import with a bad row shows the row error; both pages pass axe."""
    gemeenten, tafel, fietsroutes, deelauto, medewerker = bereikbaarheid
    CoalitieFactory(naam="Techniekpact", status="idee", trekker=gemeenten["Sliedrecht"])
    login(medewerker)
    page.goto(f"{live_server.url}/coalities/")
    tabel = page.get_by_role("table")
    expect(tabel).to_contain_text("Techniekpact")
    page.get_by_label("Status").select_option("in_vorming")
    expect(tabel).not_to_contain_text("Techniekpact")
    expect(tabel).to_contain_text("Regionale fietsroutes")
    expect(tabel).to_contain_text("7 gemeenten nog geen keuze")
    assert "status=in_vorming" in page.url
    screenshot("coalities-lijst")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Importeren").click()
    page.get_by_label("Wat importeert u?").select_option("deelnames")
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(files=[{
        "name": "deelnames.csv", "mimeType": "text/csv",
        "buffer": "coalitie,organisatie,variant,solidariteitsbijdrage\n"
                  "Deelmobiliteit,Papendrecht,solidariteit,2500\n"
                  "Deelmobiliteit,Sliedrecht,geen,\n".encode(),
    }])
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_role("alert")).to_contain_text("Rij 3: U mag de deelname van Sliedrecht niet wijzigen.")
    screenshot("coalities-import-fout")
    assert_no_serious_axe_violations(page)
    assert not Deelname.objects.filter(coalitie=deelauto).exists()


@pytest.mark.parametrize("breedte", [1366, 390])
def test_import_preview_says_what_changes_and_saves_once(page, live_server, login, screenshot, bereikbaarheid, breedte):
    """The preview marks rows nieuw / gewijzigd / ongewijzigd with their amounts; confirming saves, and the
    same file again has nothing to save. Passes axe at desktop and phone width."""
    gemeenten, tafel, fietsroutes, deelauto, medewerker = bereikbaarheid
    DeelnameFactory(coalitie=deelauto, organisatie=gemeenten["Papendrecht"], solidair=True)
    DeelnameFactory(coalitie=fietsroutes, organisatie=gemeenten["Papendrecht"], variant="geen")
    page.set_viewport_size({"width": breedte, "height": 900})
    login(medewerker)
    bestand = {
        "name": "deelnames.csv", "mimeType": "text/csv",
        "buffer": "coalitie;organisatie;variant;solidariteitsbijdrage;toezegging_soort;toezegging_hoeveelheid;"
                  "toezegging_jaar_van;toezegging_jaar_tot\n"
                  "Deelmobiliteit;Papendrecht;solidariteit;7.500,50;;;;\n"
                  "Regionale fietsroutes;Papendrecht;geen;;;;;\n".encode(),
    }
    page.goto(f"{live_server.url}/coalities/importeren/")
    page.get_by_label("Wat importeert u?").select_option("deelnames")
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(files=[bestand])
    page.get_by_role("button", name="Voorbeeld tonen").click()
    tabel = page.get_by_role("table", name="Rijen in het bestand")
    expect(tabel).to_contain_text("€\u00a07.500,50")
    expect(tabel).to_contain_text("gewijzigd")
    expect(tabel).to_contain_text("€\u00a05.000,00 → €\u00a07.500,50")
    expect(tabel).to_contain_text("ongewijzigd")
    expect(page.get_by_role("status")).to_contain_text("Nieuw: 0 · gewijzigd: 1 · ongewijzigd: 1.")
    screenshot(f"coalities-import-voorbeeld-{breedte}")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Import bevestigen en opslaan").click()
    expect(page.get_by_text("De import is opgeslagen: 0 nieuw, 1 gewijzigd, 1 ongewijzigd.")).to_be_visible()
    deelname = Deelname.objects.get(coalitie=deelauto, organisatie=gemeenten["Papendrecht"])
    assert (str(deelname.solidariteitsbijdrage), deelname.versie) == ("7500.50", 2)

    page.goto(f"{live_server.url}/coalities/importeren/")
    page.get_by_label("Wat importeert u?").select_option("deelnames")
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(files=[bestand])
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_text("Het bestand komt overeen met wat er al is vastgelegd")).to_be_visible()
    expect(page.get_by_role("button", name="Import bevestigen en opslaan")).to_have_count(0)


def test_demo_sorteerbak_and_coalition_page(page, live_server, login, screenshot):
    """With the demo data the sorteerbak of bereikbaarheid shows all variants and one open choice, and passes axe."""
    from django.core.management import call_command

    from coalities.models import Coalitie
    from drechtsteden.models import Gebruiker

    call_command("demo_data")
    fietsroutes = Coalitie.objects.get(naam="Regionale fietsroutes")
    login(Gebruiker.objects.get(username="programmamedewerker"), password="Drechtsteden-demo-2026")
    page.goto(f"{live_server.url}/coalities/tafel/{fietsroutes.tafel_id}/sorteerbak/")
    matrix = page.get_by_role("table")
    for variant in ("Volledige participatie", "Solidariteit", "Instapmodel", "Geen deelname"):
        expect(matrix.get_by_text(variant, exact=True).first).to_be_visible()
    expect(matrix.get_by_text("Nog geen keuze", exact=True)).to_have_count(1)
    screenshot("coalities-demo-sorteerbak")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Regionale fietsroutes").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionale fietsroutes")
    expect(page.get_by_text("Nog geen keuze:")).to_be_visible()
    screenshot("coalities-demo-coalitie")
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("breedte", [1366, 390])
def test_refused_variant_change_offers_to_withdraw_the_commitments(page, live_server, login, screenshot, bereikbaarheid, breedte):
    """Fatima chooses geen while Papendrecht has two commitments: the refusal lists them and offers the way out;
    the confirmation says what goes and what the choice becomes; confirming withdraws both and changes the
    variant, with both in the history. Refusal and confirmation pass axe at desktop and phone width."""
    from decimal import Decimal

    from coalities.models import Toezegging
    from tests.coalities.factories import ToezeggingFactory

    gemeenten, tafel, fietsroutes, deelauto, medewerker = bereikbaarheid
    deelname = DeelnameFactory(coalitie=fietsroutes, organisatie=gemeenten["Papendrecht"], variant="volledig")
    ToezeggingFactory(deelname=deelname, hoeveelheid=Decimal("12500"), jaar_van=2026, jaar_tot=2027)
    ToezeggingFactory(deelname=deelname, soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Verkeerskundig advies")
    page.set_viewport_size({"width": breedte, "height": 900})
    login(medewerker)
    page.goto(f"{live_server.url}/coalities/{fietsroutes.pk}/deelname/{gemeenten['Papendrecht'].pk}/")
    page.get_by_label("Variant").select_option("geen")
    htmx_klaar(page)
    page.get_by_role("button", name="Keuze opslaan").click()

    weigering = page.get_by_role("alert")
    expect(weigering).to_contain_text("Bij geen deelname horen geen toezeggingen; trek eerst de 2 toezeggingen in.")
    in_de_weg = weigering.get_by_role("table", name="Deze toezeggingen staan de wijziging in de weg")
    expect(in_de_weg).to_contain_text("€\u00a012.500,00 per jaar")
    expect(in_de_weg).to_contain_text("Kennis: Verkeerskundig advies")
    screenshot(f"coalities-intrekken-weigering-{breedte}")
    assert_no_serious_axe_violations(page)
    assert Toezegging.objects.filter(deelname=deelname).count() == 2

    weigering.get_by_role("button", name="Toezeggingen intrekken en variant wijzigen").click()
    kop = page.get_by_role("heading", name="Toezeggingen intrekken en variant wijzigen")
    expect(kop).to_be_focused()  # htmx swapped the confirmation in; focus moved to its heading
    expect(page.get_by_role("table", name="Deze 2 toezeggingen worden ingetrokken")).to_contain_text("Verkeerskundig advies")
    expect(page.get_by_text("Nieuwe variant")).to_be_visible()
    expect(page.get_by_role("heading", name="Gevolg voor de projectfinanciering", exact=False)).to_be_visible()
    htmx_klaar(page)
    screenshot(f"coalities-intrekken-bevestiging-{breedte}")
    assert_no_serious_axe_violations(page)
    assert Deelname.objects.get(pk=deelname.pk).variant == "volledig"

    page.get_by_role("button", name="Intrekken en variant wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionale fietsroutes")
    expect(page.get_by_text(
        "De toezeggingen van Papendrecht zijn ingetrokken en de keuze is gewijzigd in geen deelname."
    )).to_be_visible()
    historie = page.get_by_role("table", name="Wijzigingen in deelnames, toezeggingen en realisaties")
    expect(historie).to_contain_text("Gewijzigd naar geen deelname; 2 toezeggingen ingetrokken.")
    expect(historie.get_by_text("Ingetrokken bij de wijziging naar geen deelname.")).to_have_count(2)
    deelname.refresh_from_db()
    assert (deelname.variant, deelname.versie) == ("geen", 2)
    assert not Toezegging.objects.filter(deelname=deelname).exists()
