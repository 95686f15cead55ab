import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from coalities import services
from coalities.models import Deelname, Toezegging
from drechtsteden.models import Organisatie, Rol
from tests.coalities.factories import (
    beheerder,
    CoalitieFactory,
    DeelnameFactory,
    ToezeggingFactory,
    tafel_met_gemeenten,
    volledig,
)
from tests.factories import GebruikerFactory, OrganisatieFactory, PartnerFactory, drechtsteden

pytestmark = pytest.mark.django_db


@pytest.fixture
def netwerk():
    gemeenten = {g.naam: g for g in drechtsteden()}
    tafel = tafel_met_gemeenten(gemeenten.values(), naam="Tafel Bereikbaarheid")
    coalitie = CoalitieFactory(naam="Regionale fietsroutes", tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"])
    return gemeenten, tafel, coalitie


def _medewerker(organisatie, rol=Rol.Soort.PROGRAMMAMEDEWERKER):
    return GebruikerFactory(organisatie=organisatie, rollen=[rol])


def test_papendrecht_staff_sets_own_variant(client, netwerk):
    """A programmamedewerker of Papendrecht records Papendrecht's solidarity contribution."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    response = client.post(url, {"variant": "solidariteit", "solidariteitsbijdrage": "5000"})
    assert response.status_code == 302
    deelname = Deelname.objects.get(organisatie=gemeenten["Papendrecht"])
    assert (deelname.variant, deelname.solidariteitsbijdrage) == ("solidariteit", Decimal("5000"))


def test_papendrecht_staff_cannot_change_sliedrecht(client, netwerk):
    """Papendrecht's staff get 403 on Sliedrecht's deelname and its commitments; nothing changes."""
    gemeenten, _, coalitie = netwerk
    sliedrecht = volledig(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"])
    toezegging = sliedrecht.toezeggingen.get()
    for rol in (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.COORDINEREND_AMBTENAAR, Rol.Soort.PROGRAMMAMANAGER):
        client.force_login(_medewerker(gemeenten["Papendrecht"], rol))
        url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Sliedrecht"].pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"variant": "geen", "versie": "1"}).status_code == 403
        assert client.post(reverse("coalities:toezegging", args=[toezegging.pk]), {}).status_code == 403
    sliedrecht.refresh_from_db()
    assert sliedrecht.variant == "volledig"


def test_raadslid_reads_but_cannot_edit(client, netwerk):
    """A raadslid sees the coalition page but gets 403 on any change, even for their own gemeente."""
    gemeenten, _, coalitie = netwerk
    raadslid = _medewerker(gemeenten["Alblasserdam"], Rol.Soort.RAADSLID)
    client.force_login(raadslid)
    response = client.get(reverse("coalities:detail", args=[coalitie.pk]))
    assert "Regionale fietsroutes" in response.content.decode()
    assert "Keuze van uw organisatie vastleggen" not in response.content.decode()
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Alblasserdam"].pk])
    assert client.post(url, {"variant": "geen"}).status_code == 403
    assert client.get(reverse("coalities:bewerken", args=[coalitie.pk])).status_code == 403


def test_beheerder_may_edit_any_deelname(client, netwerk):
    """A beheerder records the choice of any organisation."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Dordrecht"], Rol.Soort.BEHEERDER))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Sliedrecht"].pk])
    assert client.post(url, {"variant": "geen"}).status_code == 302
    assert Deelname.objects.get(organisatie=gemeenten["Sliedrecht"]).variant == "geen"


def test_only_trekker_staff_edit_the_coalition(client, netwerk):
    """Dordrecht (trekker) staff edit the coalition; Papendrecht staff get 403."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    assert client.get(reverse("coalities:bewerken", args=[coalitie.pk])).status_code == 403
    client.force_login(_medewerker(gemeenten["Dordrecht"]))
    response = client.get(reverse("coalities:bewerken", args=[coalitie.pk]))
    assert "Coalitie bewerken" in response.content.decode()


def test_unknown_coalition_is_404(client, netwerk):
    """A coalition that does not exist gives 404."""
    gemeenten, _, _ = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    assert client.get(reverse("coalities:detail", args=[999999])).status_code == 404
    assert client.get(reverse("coalities:deelname", args=[999999, gemeenten["Papendrecht"].pk])).status_code == 404


def test_solidarity_without_money_shows_dutch_error(client, netwerk):
    """Choosing solidariteit without a contribution re-renders the form with the rule, nothing saved."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    response = client.post(url, {"variant": "solidariteit"})
    html = response.content.decode()
    assert "solidariteitsbijdrage groter dan € 0" in html
    assert 'aria-describedby="id_solidariteitsbijdrage_error"' in html
    assert not Deelname.objects.exists()


def test_checking_a_variant_tells_what_it_needs(client, netwerk):
    """The htmx check of a variant returns the form fragment with the requirements, without saving or errors."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    response = client.post(url, {"variant": "instap", "controleren": "1"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "een instapdatum na de start van de coalitie" in html
    assert "Eerste toezegging" in html
    assert "Niet opgeslagen" not in html
    assert not Deelname.objects.exists()


def test_volledig_with_first_commitment_from_the_form(client, netwerk):
    """Volledig plus a first commitment in hours creates both."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    response = client.post(url, {
        "variant": "volledig", "toezegging_soort": "menskracht", "toezegging_hoeveelheid": "200",
        "toezegging_eenheid": "uren", "toezegging_jaar_van": "2026", "toezegging_jaar_tot": "2027",
    })
    assert response.status_code == 302
    toezegging = Toezegging.objects.get()
    assert (toezegging.eenheid, toezegging.hoeveelheid, toezegging.deelname.variant) == ("uren", Decimal("200"), "volledig")


def test_concurrent_edit_is_refused_with_the_other_change(client, netwerk):
    """A save from an old version is refused and the page shows who changed what; the other change stays."""
    gemeenten, _, coalitie = netwerk
    papendrecht = gemeenten["Papendrecht"]
    collega = GebruikerFactory(first_name="Karin", last_name="Smit", organisatie=papendrecht,
                               rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    DeelnameFactory(coalitie=coalitie, organisatie=papendrecht)
    url = reverse("coalities:deelname", args=[coalitie.pk, papendrecht.pk])
    client.force_login(collega)
    client.post(url, {"variant": "solidariteit", "solidariteitsbijdrage": "2500", "versie": "1"})
    client.force_login(_medewerker(papendrecht))
    response = client.post(url, {"variant": "solidariteit", "solidariteitsbijdrage": "9000", "versie": "1"})
    html = response.content.decode()
    assert "iemand anders was u voor" in html
    assert "Karin Smit" in html and "€\u00a02.500,00" in html
    assert 'name="versie" value="2"' in html
    assert Deelname.objects.get().solidariteitsbijdrage == Decimal("2500")


def test_sorteerbak_cell_edit_returns_the_cell(client, netwerk):
    """Saving in a sorteerbak cell answers htmx with the updated cell only."""
    gemeenten, tafel, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    prefix = f"d{coalitie.pk}-{gemeenten['Papendrecht'].pk}"
    response = client.post(url, {"cel": "1", f"{prefix}-variant": "geen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="cel-{coalitie.pk}-{gemeenten["Papendrecht"].pk}"' in html
    assert "Geen deelname" in html and "<table" not in html
    assert f'id="totaal-{gemeenten["Papendrecht"].pk}" hx-swap-oob="true"' in html
    assert "0 volledig, 0 solidair, 0 instap, 1 geen" in html


def test_sorteerbak_highlights_missing_choices_and_totals(client, netwerk):
    """The matrix shows each variant, 'nog geen keuze' for gemeenten without a choice, totals per gemeente, and edit links only for the own row."""
    gemeenten, tafel, coalitie = netwerk
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
    partner = PartnerFactory(naam="Fietsersbond")
    volledig(coalitie=coalitie, organisatie=partner)
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    html = client.get(reverse("coalities:sorteerbak", args=[tafel.pk])).content.decode()
    assert html.count("Nog geen keuze") == 6
    assert "Fietsersbond" in html
    assert "solidariteit €\u00a05.000,00 per jaar" in html
    assert html.count(">Wijzigen<") == 1


def test_list_filters_by_organisation_and_status(client, netwerk):
    """Filtering by organisation and status narrows the list; the list shows who still has to choose."""
    gemeenten, tafel, coalitie = netwerk
    andere = CoalitieFactory(naam="Snelfietspad Merwede", status="idee")
    DeelnameFactory(coalitie=andere, organisatie=gemeenten["Zwijndrecht"])
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    html = client.get(reverse("coalities:index")).content.decode()
    assert "Regionale fietsroutes" in html and "Snelfietspad Merwede" in html
    assert "7 gemeenten nog geen keuze" in html
    html = client.get(reverse("coalities:index"), {"organisatie": gemeenten["Zwijndrecht"].pk}).content.decode()
    assert "Snelfietspad Merwede" in html and "Regionale fietsroutes" not in html
    html = client.get(reverse("coalities:index"), {"status": "in_vorming"}, headers={"HX-Request": "true"}).content.decode()
    assert "Regionale fietsroutes" in html and "Snelfietspad Merwede" not in html and "<html" not in html


def test_coalition_page_shows_variants_commitments_and_history(client, netwerk):
    """The page lists participants by variant, promised vs delivered, and the history with who changed what."""
    from coalities import services

    gemeenten, _, coalitie = netwerk
    medewerker = _medewerker(gemeenten["Papendrecht"])
    client.force_login(medewerker)
    url = reverse("coalities:deelname", args=[coalitie.pk, gemeenten["Papendrecht"].pk])
    client.post(url, {"variant": "volledig", "toezegging_soort": "geld", "toezegging_hoeveelheid": "12000",
                      "toezegging_jaar_van": "2026", "toezegging_jaar_tot": "2026"})
    services.realisatie_create(toezegging=Toezegging.objects.get(), jaar=2026, kwartaal=None, hoeveelheid=Decimal("4000"), door=beheerder())
    html = client.get(reverse("coalities:detail", args=[coalitie.pk])).content.decode()
    assert "Volledige participatie (1)" in html
    assert "€\u00a012.000,00" in html and "€\u00a04.000,00" in html
    assert str(medewerker) in html
    assert "Deelname Papendrecht aangemaakt" in html and "variant: Volledige participatie" in html
    assert "totaal" not in html.split("Toezeggingen per partij")[1].split("Voortgang")[0]
    assert "Nog geen keuze:" in html and "Sliedrecht" in html


def test_gemeente_overview_lists_missing_choices(client, netwerk):
    """A gemeente's overview names the coalitions where it still has to choose."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Sliedrecht"]))
    html = client.get(reverse("coalities:organisatie", args=[gemeenten["Sliedrecht"].pk])).content.decode()
    assert "Nog geen keuze" in html and "Regionale fietsroutes" in html


def test_toezegging_edit_and_withdraw(client, netwerk):
    """Own staff change a commitment and withdraw a second one; the last one stays with a Dutch message."""
    gemeenten, _, coalitie = netwerk
    deelname = volledig(coalitie=coalitie, organisatie=gemeenten["Papendrecht"])
    eerste = deelname.toezeggingen.get()
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    response = client.post(reverse("coalities:toezegging", args=[eerste.pk]), {
        "soort": "geld", "hoeveelheid": "15000", "jaar_van": "2026", "jaar_tot": "2027", "versie": "1",
    })
    assert response.status_code == 302
    eerste.refresh_from_db()
    assert eerste.hoeveelheid == Decimal("15000") and eerste.versie == 2
    response = client.post(reverse("coalities:toezegging_intrekken", args=[eerste.pk]), {"versie": "2"}, follow=True)
    assert "enige toezegging" in response.content.decode()
    assert Toezegging.objects.count() == 1


def test_export_csv_and_xlsx(client, netwerk):
    """Deelnames export to CSV for Dutch Excel (`;`, decimal comma, BOM, Dutch headers) and to a real XLSX
    file with amounts as numbers, years as integers and a named sheet."""
    import csv as csv_
    import io

    import openpyxl

    gemeenten, _, coalitie = netwerk
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Papendrecht"], instapper=True)
    ToezeggingFactory(deelname__coalitie=coalitie, deelname__organisatie=gemeenten["Dordrecht"],
                      hoeveelheid=Decimal("7500.50"))
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    inhoud = client.get(reverse("coalities:exporteren", args=["deelnames", "csv"])).content
    assert inhoud.startswith(b"\xef\xbb\xbf")
    rijen = list(csv_.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == [
        "Coalitie", "Organisatie", "Variant", "Solidariteitsbijdrage per jaar (€)", "Instapdatum", "Instapfee (€)",
    ]
    assert ["Regionale fietsroutes", "Sliedrecht", "Solidariteit", "5000,00", "", ""] in rijen
    assert ["Regionale fietsroutes", "Papendrecht", "Instapmodel", "", "01-07-2026", "2500,00"] in rijen

    xlsx = client.get(reverse("coalities:exporteren", args=["toezeggingen", "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    boek = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert boek.sheetnames == ["Toezeggingen"]
    blad = boek.active
    assert [c.value for c in blad[1]] == [
        "Coalitie", "Organisatie", "Soort", "Hoeveelheid", "Eenheid", "Omschrijving", "Vanaf jaar", "Tot en met jaar",
    ]
    rij = [c.value for c in blad[2]]
    assert rij[3] == 7500.5 and isinstance(rij[3], float)
    assert (rij[6], rij[7]) == (2026, 2027) and isinstance(rij[6], int)
    assert rij[4] == "euro per jaar"

    deelnames = openpyxl.load_workbook(io.BytesIO(
        client.get(reverse("coalities:exporteren", args=["deelnames", "xlsx"])).content
    )).active
    sliedrecht = next([c.value for c in r] for r in deelnames.iter_rows(min_row=2) if r[1].value == "Sliedrecht")
    assert sliedrecht[3] == 5000 and not isinstance(sliedrecht[3], str)
    assert client.get(reverse("coalities:exporteren", args=["geheim", "csv"])).status_code == 404


def test_exported_file_imports_again_unchanged(client, netwerk):
    """A deelnames CSV exported by the portal (Dutch headers, `;`, decimal comma) is read back by the import."""
    from coalities import imports

    gemeenten, _, coalitie = netwerk
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
    ToezeggingFactory(deelname=DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Papendrecht"], instapper=True))
    beheerder = _medewerker(gemeenten["Dordrecht"], Rol.Soort.BEHEERDER)
    client.force_login(beheerder)
    inhoud = client.get(reverse("coalities:exporteren", args=["deelnames", "csv"])).content
    dataset = imports.lees_dataset(inhoud, "deelnames.csv")
    assert dataset.headers == ["coalitie", "organisatie", "variant", "solidariteitsbijdrage", "instapdatum", "instapfee"]
    resultaat = imports.importeer(soort="deelnames", dataset=dataset, door=beheerder, opslaan=False)
    assert resultaat.geldig, [r.fouten for r in resultaat.rijen]
    papendrecht = Deelname.objects.get(organisatie=gemeenten["Papendrecht"])
    assert (papendrecht.instapdatum, papendrecht.instapfee) == (datetime.date(2026, 7, 1), Decimal("2500.00"))


def _groot_netwerk(gemeenten, tafel, aantal: int) -> None:
    partners = [OrganisatieFactory(soort=Organisatie.Soort.BEDRIJF, cbs_code="") for _ in range(aantal)]
    for i in range(aantal):
        coalitie = CoalitieFactory(tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"])
        volledig(coalitie=coalitie, organisatie=gemeenten["Dordrecht"])
        DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
        instap = DeelnameFactory(coalitie=coalitie, organisatie=partners[i], instapper=True)
        ToezeggingFactory(deelname=instap, soort="kennis", eenheid="", hoeveelheid=None, omschrijving="Advies")


def _tel_queries(client, url: str) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_pages_use_a_fixed_number_of_queries(client, netwerk):
    """List, coalition page and sorteerbak need exactly as many queries with 1 coalition as with 13."""
    gemeenten, tafel, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    urls = [
        reverse("coalities:index"),
        reverse("coalities:detail", args=[coalitie.pk]),
        reverse("coalities:sorteerbak", args=[tafel.pk]),
    ]
    _groot_netwerk(gemeenten, tafel, 1)
    volledig(coalitie=coalitie, organisatie=OrganisatieFactory(soort=Organisatie.Soort.BEDRIJF, cbs_code=""))
    klein = [_tel_queries(client, url)[0] for url in urls]

    _groot_netwerk(gemeenten, tafel, 12)
    for _ in range(12):
        deelname = volledig(coalitie=coalitie, organisatie=OrganisatieFactory(soort=Organisatie.Soort.BEDRIJF, cbs_code=""))
        services.realisatie_create(
            toezegging=deelname.toezeggingen.get(), jaar=2026, kwartaal=1, hoeveelheid=Decimal("100"), door=beheerder())
    groot = [_tel_queries(client, url) for url in urls]

    assert [aantal for aantal, _ in groot] == klein
    # Three of these are the session, the user and their roles; the list counts and pages its coalitions in two;
    # the coalition page adds the year's allocation (at most 8) for its commitments next to the contributions;
    # the sorteerbak reads one page of coalitions and the totals over all of them in one aggregate query.
    assert klein[0] <= 11 and klein[1] <= 24 and klein[2] <= 10
    assert "13 coalities" in groot[0][1] or "14 coalities" in groot[0][1]
    assert "Volledige participatie (13)" in groot[1][1]
    assert groot[2][1].count('class="utrecht-table__header-cell" scope="col"><a') == 14


def test_results_and_lessons_for_the_table_page(netwerk):
    """The table's results and lessons come in one query and render with a link to their coalition."""
    from django.template.loader import render_to_string

    from coalities import selectors, services

    gemeenten, tafel, coalitie = netwerk
    services.resultaat_en_les_create(
        coalitie=coalitie, soort="les", titel="Samen aanbesteden loont", tekst="Tien procent goedkoper.",
        datum=datetime.date(2026, 4, 1), door=beheerder(),
    )
    CoalitieFactory(naam="Elders")
    items = selectors.resultaten_en_lessen_voor_tafel(tafel)
    html = render_to_string("coalities/_resultaten_en_lessen.html", {"resultaten_en_lessen": items})
    assert "Les: Samen aanbesteden loont" in html and "Regionale fietsroutes" in html


def test_programmamedewerker_adds_progress_only_as_trekker(client, netwerk):
    """Progress reports are written by the trekker's staff; others get 403."""
    gemeenten, _, coalitie = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    assert client.get(reverse("coalities:voortgang_nieuw", args=[coalitie.pk])).status_code == 403
    client.force_login(_medewerker(gemeenten["Dordrecht"]))
    response = client.post(reverse("coalities:voortgang_nieuw", args=[coalitie.pk]), {
        "jaar": "2026", "kwartaal": "1", "status": "aandacht", "mijlpalen": "Ontwerp klaar", "tekst": "Grond vraagt tijd.",
    }, follow=True)
    assert "Grond vraagt tijd." in response.content.decode()


def test_beheerder_opens_the_choice_of_any_organisation(client, netwerk):
    """The beheerder picks any organisation (a partner too) to record its choice; staff get 403 for another's."""
    gemeenten, _, coalitie = netwerk
    partner = PartnerFactory(naam="Fietsersbond")
    client.force_login(_medewerker(gemeenten["Dordrecht"], Rol.Soort.BEHEERDER))
    response = client.get(reverse("coalities:deelname_kiezen", args=[coalitie.pk]), {"organisatie": partner.pk})
    assert response.url == reverse("coalities:deelname", args=[coalitie.pk, partner.pk])
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    response = client.get(reverse("coalities:deelname_kiezen", args=[coalitie.pk]), {"organisatie": partner.pk})
    assert response.status_code == 403


def test_staff_create_a_coalition_led_by_their_own_organisation(client, netwerk):
    """Programme staff start a coalition with their own organisation as trekker; another trekker is refused."""
    gemeenten, tafel, _ = netwerk
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    gegevens = {"naam": "Snelfietspad Merwede", "thema": tafel.thema.pk, "tafel": tafel.pk, "status": "idee"}
    response = client.post(reverse("coalities:nieuw"), {**gegevens, "trekker": gemeenten["Sliedrecht"].pk})
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(reverse("coalities:nieuw"), {**gegevens, "trekker": gemeenten["Papendrecht"].pk})
    assert response.status_code == 302
    client.force_login(_medewerker(gemeenten["Papendrecht"], Rol.Soort.RAADSLID))
    assert client.get(reverse("coalities:nieuw")).status_code == 403


def test_realisatie_is_recorded_by_own_staff_only(client, netwerk):
    """Own staff record what was delivered; staff of another gemeente get 403."""
    gemeenten, _, coalitie = netwerk
    toezegging = volledig(coalitie=coalitie, organisatie=gemeenten["Papendrecht"]).toezeggingen.get()
    url = reverse("coalities:realisatie_nieuw", args=[toezegging.pk])
    client.force_login(_medewerker(gemeenten["Sliedrecht"]))
    assert client.post(url, {"jaar": "2026", "hoeveelheid": "500"}).status_code == 403
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    response = client.post(url, {"jaar": "2026", "kwartaal": "2", "hoeveelheid": "2500"}, follow=True)
    assert "€\u00a02.500,00" in response.content.decode()
    response = client.post(url, {"jaar": "2031", "hoeveelheid": "1"})
    assert "Deze toezegging loopt van 2026 tot en met 2027." in response.content.decode()


def test_trekker_cannot_move_start_past_an_instap_date(client, netwerk):
    """Editing the coalition's start to after a planned instap date is refused at the start date field."""
    gemeenten, tafel, coalitie = netwerk
    instap = DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], instapper=True)
    ToezeggingFactory(deelname=instap)
    client.force_login(_medewerker(gemeenten["Dordrecht"]))
    response = client.post(reverse("coalities:bewerken", args=[coalitie.pk]), {
        "naam": coalitie.naam, "thema": coalitie.thema_id, "tafel": tafel.pk, "status": "lopend",
        "startdatum": "2026-08-01", "trekker": gemeenten["Dordrecht"].pk,
    })
    html = response.content.decode()
    assert "De instapdatum van Sliedrecht (1 juli 2026) moet na de startdatum liggen." in html
    assert 'id="id_startdatum_error"' in html
    coalitie.refresh_from_db()
    assert coalitie.startdatum == datetime.date(2026, 1, 1)


def test_list_is_paged_and_page_links_keep_the_filters(client, netwerk):
    """51 coalitions at one status: 50 on the first page, the 51st on the second; the links keep the filter."""
    gemeenten, tafel, coalitie = netwerk
    for i in range(51):
        CoalitieFactory(naam=f"Pagina-coalitie {i:02d}", status="idee")
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    html = client.get(reverse("coalities:index"), {"status": "idee"}).content.decode()
    assert "51 coalities" in html and html.count('">Pagina-coalitie ') == 50
    assert '<nav class="portaal-paginering" aria-label="Paginering">' in html
    assert 'href="?status=idee&amp;pagina=2"' in html
    html = client.get(reverse("coalities:index"), {"status": "idee", "pagina": "2"}).content.decode()
    assert html.count('">Pagina-coalitie ') == 1 and "Pagina-coalitie 50" in html and 'rel="prev"' in html
    # A page number that is no number, or beyond the end, shows a page rather than an error.
    assert client.get(reverse("coalities:index"), {"pagina": "twee"}).status_code == 200
    assert "Pagina-coalitie 50" in client.get(reverse("coalities:index"), {"status": "idee", "pagina": "99"}).content.decode()


def test_sorteerbak_pages_its_coalitions_and_counts_totals_over_all(client, netwerk):
    """Twenty coalitions per page, the rest on the next page; each row's totals count every coalition of the table."""
    gemeenten, tafel, coalitie = netwerk
    DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"])
    for i in range(21):
        extra = CoalitieFactory(naam=f"Zijpad {i:02d}", tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"])
        DeelnameFactory(coalitie=extra, organisatie=gemeenten["Sliedrecht"])
    client.force_login(_medewerker(gemeenten["Papendrecht"]))
    url = reverse("coalities:sorteerbak", args=[tafel.pk])
    eerste = client.get(url).content.decode()
    assert "Coalitie 1 tot en met 20 van 22" in eerste
    assert "Regionale fietsroutes" in eerste and "Zijpad 19" not in eerste
    assert '<nav class="portaal-paginering" aria-label="Paginering">' in eerste
    tweede = client.get(url, {"pagina": 2}).content.decode()
    assert "Zijpad 19" in tweede and "Zijpad 20" in tweede and "Regionale fietsroutes" not in tweede
    for html in (eerste, tweede):
        # Sliedrecht took part in all 22; Papendrecht chose nowhere: 22 open choices on every page.
        assert "0 volledig, 0 solidair, 0 instap, 22 geen" in html
        assert "22 nog geen keuze" in html


def test_organisation_page_pages_its_deelnames(client, netwerk):
    gemeenten, tafel, _coalitie = netwerk
    for i in range(51):
        DeelnameFactory(coalitie=CoalitieFactory(naam=f"Coalitie {i:02d}"), organisatie=gemeenten["Zwijndrecht"])
    client.force_login(_medewerker(gemeenten["Zwijndrecht"]))
    url = reverse("coalities:organisatie", args=[gemeenten["Zwijndrecht"].pk])
    assert "Coalitie 49" in client.get(url).content.decode()
    tweede = client.get(url, {"pagina": 2}).content.decode()
    assert "Coalitie 50" in tweede and "Coalitie 49" not in tweede and "Pagina 2 van 2 (51 in totaal)" in tweede
