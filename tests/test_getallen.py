"""Money and quantities as a Dutch user types them, through the real views: "7.500,50", "7500,50" and "7500"
are stored as the amount meant; ambiguous input gets the Dutch message and nothing is saved; the stored
value is shown back in Dutch notation. Numbers in URLs and query strings never give a 500."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from coalities.models import Deelname, Realisatie, Toezegging
from drechtsteden.models import Rol
from financiering import selectors
from financiering.forms import ScenarioForm
from financiering.models import Begrotingsjaar, ProjectBudget, SleutelPercentage, VasteBijdrage
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory, tafel_met_gemeenten
from tests.factories import GebruikerFactory
from tests.financiering.factories import voorbeeld_netwerk

pytestmark = pytest.mark.django_db
D = Decimal

DUTCH = [("7.500,50", D("7500.50")), ("7500,50", D("7500.50")), ("7500", D("7500.00"))]
DUTCH_IDS = ["punten-en-komma", "komma", "heel"]
# Could mean two things, or is no Dutch number: refused with the message that shows how to type it.
AMBIGU = ["7,500.50", "7.5000", "1e5"]
MELDING = "Voer een getal in zoals 7.500,50 of 7500,50"


@pytest.fixture
def netwerk():
    """The financing example (Fietsroute with all four variants, 2026 adopted) and a coalition at a table."""
    netwerk = voorbeeld_netwerk()
    netwerk.tafel = tafel_met_gemeenten(netwerk.gemeenten.values(), naam="Tafel Bereikbaarheid")
    netwerk.coalitie = CoalitieFactory(
        naam="Regionale fietsroutes", tafel=netwerk.tafel, thema=netwerk.tafel.thema, trekker=netwerk.gemeenten["Dordrecht"]
    )
    return netwerk


def _medewerker(netwerk, gemeente="Papendrecht", rol=Rol.Soort.PROGRAMMAMEDEWERKER):
    return GebruikerFactory(organisatie=netwerk.gemeenten[gemeente], rollen=[rol])


def _html(response) -> str:
    return response.content.decode()


# --- Coalities: deelname, sorteerbak cell, toezegging, realisatie --------------------------------


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_deelname_solidariteit_takes_dutch_amounts(client, netwerk, tekst, verwacht):
    """The solidarity contribution is stored as the amount typed, and shown back as 7.500,50."""
    client.force_login(_medewerker(netwerk))
    url = reverse("coalities:deelname", args=[netwerk.coalitie.pk, netwerk.gemeenten["Papendrecht"].pk])
    response = client.post(url, {"variant": "solidariteit", "solidariteitsbijdrage": tekst})
    assert response.status_code == 302
    deelname = Deelname.objects.get(coalitie=netwerk.coalitie, organisatie=netwerk.gemeenten["Papendrecht"])
    assert deelname.solidariteitsbijdrage == verwacht
    html = _html(client.get(url))
    assert f'value="{"7.500,50" if verwacht == D("7500.50") else "7.500,00"}"' in html
    assert 'inputmode="decimal"' in html and 'type="number"' not in html


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_deelname_instap_takes_dutch_fee_and_first_commitment(client, netwerk, tekst, verwacht):
    """Instap with its fee and a first commitment of money, each typed the Dutch way; the date typed as 1-7-2026."""
    client.force_login(_medewerker(netwerk))
    url = reverse("coalities:deelname", args=[netwerk.coalitie.pk, netwerk.gemeenten["Papendrecht"].pk])
    response = client.post(url, {
        "variant": "instap", "instapdatum": "01-07-2026", "instapfee": tekst,
        "toezegging_soort": "geld", "toezegging_hoeveelheid": tekst, "toezegging_jaar_van": "2026",
        "toezegging_jaar_tot": "2027",
    })
    assert response.status_code == 302, _html(response)
    deelname = Deelname.objects.get(coalitie=netwerk.coalitie, organisatie=netwerk.gemeenten["Papendrecht"])
    assert (deelname.instapdatum, deelname.instapfee) == (datetime.date(2026, 7, 1), verwacht)
    assert deelname.toezeggingen.get().hoeveelheid == verwacht


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_sorteerbak_cell_takes_dutch_amounts(client, netwerk, tekst, verwacht):
    """Inside a sorteerbak cell (htmx, prefixed form) the contribution is read the same way."""
    client.force_login(_medewerker(netwerk))
    coalitie, papendrecht = netwerk.coalitie, netwerk.gemeenten["Papendrecht"]
    url = reverse("coalities:deelname", args=[coalitie.pk, papendrecht.pk])
    prefix = f"d{coalitie.pk}-{papendrecht.pk}"
    formulier = _html(client.get(url + "?cel=1", headers={"HX-Request": "true"}))
    assert f'name="{prefix}-variant"' in formulier
    response = client.post(
        url, {"cel": "1", f"{prefix}-variant": "solidariteit", f"{prefix}-solidariteitsbijdrage": tekst},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert Deelname.objects.get(coalitie=coalitie, organisatie=papendrecht).solidariteitsbijdrage == verwacht
    assert "€\u00a07.500" in _html(client.get(reverse("coalities:sorteerbak", args=[netwerk.tafel.pk])))
    formulier = _html(client.get(url + "?cel=1", headers={"HX-Request": "true"}))
    assert re.search(rf'name="{prefix}-solidariteitsbijdrage"[^>]*value="7\.500,(50|00)"', formulier) or re.search(
        rf'value="7\.500,(50|00)"[^>]*name="{prefix}-solidariteitsbijdrage"', formulier
    )


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_toezegging_and_realisatie_take_dutch_quantities(client, netwerk, tekst, verwacht):
    """A new commitment, its edit and a realisation each store the quantity typed, in hours or euro."""
    client.force_login(_medewerker(netwerk, "Dordrecht"))
    deelname = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=netwerk.gemeenten["Dordrecht"])
    url = reverse("coalities:toezegging_nieuw", args=[netwerk.fietsroute.pk, netwerk.gemeenten["Dordrecht"].pk])
    response = client.post(url, {"soort": "menskracht", "eenheid": "uren", "hoeveelheid": tekst,
                                 "jaar_van": "2026", "jaar_tot": "2027"})
    assert response.status_code == 302, _html(response)
    toezegging = deelname.toezeggingen.get(soort="menskracht")
    assert toezegging.hoeveelheid == verwacht

    url = reverse("coalities:toezegging", args=[toezegging.pk])
    assert 'value="7.500,' in _html(client.get(url))
    response = client.post(url, {"soort": "geld", "hoeveelheid": tekst, "jaar_van": "2026", "jaar_tot": "2027",
                                 "versie": str(toezegging.versie)})
    assert response.status_code == 302, _html(response)
    toezegging.refresh_from_db()
    assert (toezegging.soort, toezegging.hoeveelheid) == ("geld", verwacht)

    response = client.post(reverse("coalities:realisatie_nieuw", args=[toezegging.pk]),
                           {"jaar": "2026", "kwartaal": "", "hoeveelheid": tekst})
    assert response.status_code == 302, _html(response)
    assert Realisatie.objects.get(toezegging=toezegging).hoeveelheid == verwacht


@pytest.mark.parametrize("tekst", AMBIGU)
def test_ambiguous_amounts_are_refused_in_every_coalities_form(client, netwerk, tekst):
    """Each coalities form answers ambiguous input with the Dutch message at the field; nothing is saved."""
    client.force_login(_medewerker(netwerk, "Dordrecht"))
    dordrecht = netwerk.gemeenten["Dordrecht"]
    deelname = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=dordrecht)
    toezegging = ToezeggingFactory(deelname=deelname, hoeveelheid=D("1000"))
    voor = (Deelname.objects.count(), Toezegging.objects.count(), Realisatie.objects.count())
    prefix = f"d{netwerk.coalitie.pk}-{dordrecht.pk}"
    deelname_url = reverse("coalities:deelname", args=[netwerk.coalitie.pk, dordrecht.pk])
    posts = [
        (deelname_url, {"variant": "solidariteit", "solidariteitsbijdrage": tekst}, {}),
        (deelname_url, {"variant": "instap", "instapdatum": "2026-07-01", "instapfee": tekst,
                        "toezegging_soort": "geld", "toezegging_hoeveelheid": "100", "toezegging_jaar_van": "2026",
                        "toezegging_jaar_tot": "2026"}, {}),
        (deelname_url, {"variant": "volledig", "toezegging_soort": "geld", "toezegging_hoeveelheid": tekst,
                        "toezegging_jaar_van": "2026", "toezegging_jaar_tot": "2026"}, {}),
        (deelname_url, {"cel": "1", f"{prefix}-variant": "solidariteit", f"{prefix}-solidariteitsbijdrage": tekst},
         {"HX-Request": "true"}),
        (reverse("coalities:toezegging_nieuw", args=[netwerk.fietsroute.pk, dordrecht.pk]),
         {"soort": "geld", "hoeveelheid": tekst, "jaar_van": "2026", "jaar_tot": "2026"}, {}),
        (reverse("coalities:toezegging", args=[toezegging.pk]),
         {"soort": "geld", "hoeveelheid": tekst, "jaar_van": "2026", "jaar_tot": "2026", "versie": "1"}, {}),
        (reverse("coalities:realisatie_nieuw", args=[toezegging.pk]), {"jaar": "2026", "hoeveelheid": tekst}, {}),
    ]
    for url, data, headers in posts:
        response = client.post(url, data, headers=headers)
        assert response.status_code == 200, (url, data, response.status_code)
        assert MELDING in _html(response), (url, data)
    assert (Deelname.objects.count(), Toezegging.objects.count(), Realisatie.objects.count()) == voor
    toezegging.refresh_from_db()
    assert toezegging.hoeveelheid == D("1000")
    assert not Deelname.objects.filter(coalitie=netwerk.coalitie, organisatie=dordrecht).exists()


# --- Financiering: scenario page, adopting it, the admin -----------------------------------------


# Adopting is confirmed with the decision it rests on (typed the Dutch way).
BESLUIT = {"bevestigen": "1", "besluit": "AB 2026-14", "besluitdatum": "12-03-2026"}


def _scenario_data(**wijzigingen) -> dict:
    form = ScenarioForm(jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=None)
    data = {"jaar": "2026"}
    for naam in form.fields:
        waarde = form[naam].value()
        data[naam] = "" if waarde is None else str(form.fields[naam].prepare_value(waarde))
    return data | wijzigingen


def _veld(data: dict, begin: str, eind: str = "") -> str:
    return next(k for k in data if k.startswith(begin) and k.endswith(eind))


@pytest.fixture
def manager(netwerk):
    return _medewerker(netwerk, "Dordrecht", Rol.Soort.MANAGER_SDD)


def test_scenario_page_shows_amounts_in_dutch_and_accepts_300_000(client, netwerk, manager):
    """The scenario page shows the adopted budget as 250.000,00 in a text box and reads "300.000" as € 300.000."""
    client.force_login(manager)
    html = _html(client.get(reverse("financiering:scenario") + "?jaar=2026"))
    assert re.search(r'name="c1_budget"[^>]*value="250\.000,00"|value="250\.000,00"[^>]*name="c1_budget"', html)
    assert 'type="number"' not in html
    html = _html(client.get(reverse("financiering:scenario"), _scenario_data(c1_budget="300.000")))
    assert "Verbeter de gemarkeerde velden" not in html
    assert "fin-vergelijking" in html
    response = client.post(reverse("financiering:scenario_vaststellen"), _scenario_data(c1_budget="300.000") | BESLUIT)
    assert response.status_code == 302
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("300000.00")


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_scenario_adopts_dutch_amounts(client, netwerk, manager, tekst, verwacht):
    """Budgets, the partner's fixed amount, a project budget and a solidarity amount typed the Dutch way are
    adopted as the amounts meant."""
    client.force_login(manager)
    data = _scenario_data()
    data |= {
        "c2_budget": "400.000",
        _veld(data, "vb_"): tekst,
        _veld(data, "pb_"): tekst,
        _veld(data, "dn_", f"_{netwerk.gemeenten['Sliedrecht'].pk}_bedrag"): "1.000,50",
        "c1_budget": tekst,
    }
    html = _html(client.get(reverse("financiering:scenario"), data))
    assert "fin-vergelijking" in html, html[html.find("utrecht-alert"):][:500]
    response = client.post(reverse("financiering:scenario_vaststellen"), data | BESLUIT)
    assert response.status_code == 302, _html(response)
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == verwacht
    assert VasteBijdrage.objects.get(organisatie=netwerk.gorinchem).bedrag == verwacht
    assert ProjectBudget.objects.get(coalitie=netwerk.fietsroute, jaar=2026).budget == verwacht


@pytest.mark.parametrize(("tekst", "verwacht"), [("37,5", D("37.50")), ("37.5", D("37.50")), ("30", D("30.00"))])
def test_scenario_percentage_takes_a_decimal_comma(client, netwerk, manager, tekst, verwacht):
    """A fixed base of 37,5 % is adopted as 37.50."""
    client.force_login(manager)
    response = client.post(reverse("financiering:scenario_vaststellen"), _scenario_data(c1_vaste_voet_pct=tekst) | BESLUIT)
    assert response.status_code == 302, _html(response)
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_vaste_voet_pct == verwacht


@pytest.mark.parametrize("tekst", [*AMBIGU, "-5", "10.000.000.000", "9" * 5000])
def test_scenario_refuses_ambiguous_or_out_of_range_amounts(client, netwerk, manager, tekst):
    """Ambiguous, negative or too large amounts get a message at the field; adopting is refused, nothing changes."""
    client.force_login(manager)
    data = _scenario_data(c1_budget=tekst)
    html = _html(client.get(reverse("financiering:scenario"), data))
    assert 'id="id_c1_budget_error"' in html
    assert "fin-vergelijking" not in html
    response = client.post(reverse("financiering:scenario_vaststellen"), data)
    assert response.status_code == 400
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("250000.00")
    assert client.get(reverse("financiering:scenario_export", args=["csv"]), data).status_code == 404


def _admin_post_data(response) -> dict:
    """The data a browser would post back from an admin change page, inlines included."""
    data = {}
    form = response.context["adminform"].form
    for naam, veld in form.fields.items():
        waarde = form[naam].value()
        if waarde is not None:
            data[form.add_prefix(naam)] = veld.prepare_value(waarde) if not isinstance(waarde, list) else waarde
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for naam, veld in formset.management_form.fields.items():
            data[formset.management_form.add_prefix(naam)] = formset.management_form[naam].value()
        for sub in formset.forms:
            for naam, veld in sub.fields.items():
                waarde = sub[naam].value()
                if waarde is not None:
                    data[sub.add_prefix(naam)] = veld.prepare_value(waarde)
    return {k: ("" if v is None else v) for k, v in data.items()}


@pytest.fixture
def beheerder(netwerk):
    return GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], is_staff=True, is_superuser=True)


@pytest.mark.parametrize(("tekst", "verwacht"), DUTCH, ids=DUTCH_IDS)
def test_admin_takes_dutch_amounts(client, netwerk, beheerder, tekst, verwacht):
    """In the admin, a year's budget and a partner's fixed amount are typed the Dutch way and shown back so."""
    client.force_login(beheerder)
    url = reverse("admin:financiering_begrotingsjaar_change", args=[netwerk.begrotingsjaar.pk])
    pagina = client.get(url)
    assert 'value="250.000,00"' in _html(pagina)
    data = _admin_post_data(pagina)
    data["component_1_budget"] = tekst
    vaste_bijdrage_veld = next(k for k in data if k.endswith("-bedrag"))
    data[vaste_bijdrage_veld] = tekst
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    jaar = Begrotingsjaar.objects.get(jaar=2026)
    assert jaar.component_1_budget == verwacht
    assert VasteBijdrage.objects.get(organisatie=netwerk.gorinchem).bedrag == verwacht


def test_admin_refuses_ambiguous_amounts(client, netwerk, beheerder):
    """An ambiguous amount in the admin gets the Dutch message; nothing changes."""
    client.force_login(beheerder)
    url = reverse("admin:financiering_begrotingsjaar_change", args=[netwerk.begrotingsjaar.pk])
    data = _admin_post_data(client.get(url))
    data["component_1_budget"] = "7,500.50"
    response = client.post(url, data)
    assert response.status_code == 200
    assert MELDING in _html(response)
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("250000.00")


def test_admin_percentages_take_a_decimal_comma(client, netwerk, beheerder):
    """Fixed percentages per gemeente are typed as 14,25 and stored as 14.25."""
    client.force_login(beheerder)
    jaar = netwerk.begrotingsjaar
    percentages = {naam: D("14.25") for naam in netwerk.gemeenten}
    percentages["Dordrecht"] = D("14.50")  # 6 × 14,25 + 14,50 = 100
    for naam, pct in percentages.items():
        SleutelPercentage.objects.create(begrotingsjaar=jaar, component=1, organisatie=netwerk.gemeenten[naam],
                                         percentage=D("10"))
    Begrotingsjaar.objects.filter(pk=jaar.pk).update(component_1_sleutel="vaste_percentages",
                                                     component_1_vaste_voet_pct=None)
    url = reverse("admin:financiering_begrotingsjaar_change", args=[jaar.pk])
    data = _admin_post_data(client.get(url))
    for sleutel in [k for k in data if k.endswith("-percentage")]:
        organisatie = int(data[sleutel.replace("-percentage", "-organisatie")])
        naam = next(n for n, g in netwerk.gemeenten.items() if g.pk == organisatie)
        data[sleutel] = str(percentages[naam]).replace(".", ",")
    response = client.post(url, data)
    assert response.status_code == 302
    opgeslagen = {p.organisatie.naam: p.percentage for p in SleutelPercentage.objects.filter(begrotingsjaar=jaar)}
    assert opgeslagen == percentages


# --- Numbers in URLs, query strings and hidden fields: 400/404 or a Dutch message, never a 500 -----

VIJANDIG = ["abc", "0", "-1", "99999999999999999999", "9" * 5000, "1e999999999", "Infinity", "²", "٣", "7,500.50"]


@pytest.mark.parametrize("jaar", ["0", "1999", "2101", "99999999999999999999", "9" * 5000])
def test_financing_years_out_of_range_are_404(client, netwerk, manager, jaar):
    """A year outside 2000–2100 in an export URL, a query string or the adopt form is a 404, never a 500."""
    client.force_login(manager)
    assert client.get(f"/financiering/netwerk/{jaar}/export.csv").status_code == 404
    assert client.get(f"/financiering/netwerk/{jaar}/export.xlsx").status_code == 404
    assert client.get(reverse("financiering:index"), {"jaar": jaar}).status_code == 404
    assert client.get(reverse("financiering:scenario"), {"jaar": jaar}).status_code == 404
    assert client.get(reverse("financiering:scenario_export", args=["xlsx"]), _scenario_data(jaar=jaar)).status_code == 404
    assert client.post(reverse("financiering:scenario_vaststellen"), _scenario_data(jaar=jaar)).status_code == 404
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("250000.00")


@pytest.mark.parametrize("waarde", VIJANDIG, ids=range(len(VIJANDIG)))
def test_hostile_numbers_never_give_a_500(client, netwerk, waarde):
    """Garbled numbers in query strings, hidden version fields and number fields of the coalities and
    financing screens give a 400/404, a redirect with a message or the form with a message; nothing changes."""
    beheerder = _medewerker(netwerk, "Dordrecht", Rol.Soort.BEHEERDER)
    client.force_login(beheerder)
    dordrecht = netwerk.gemeenten["Dordrecht"]
    toezegging = ToezeggingFactory(deelname=Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=dordrecht))
    voor = (Deelname.objects.count(), Toezegging.objects.count(), Realisatie.objects.count())
    c, o = netwerk.coalitie.pk, dordrecht.pk
    gets = [
        (reverse("coalities:index"), {"tafel": waarde}),
        (reverse("coalities:index"), {"organisatie": waarde}),
        (reverse("coalities:deelname_kiezen", args=[c]), {"organisatie": waarde}),
        (reverse("coalities:deelname", args=[c, o]), {"cel": waarde}),
        (reverse("financiering:index"), {"jaar": waarde}),
        (reverse("financiering:scenario"), _scenario_data(c1_budget=waarde)),
        (reverse("financiering:scenario"), _scenario_data(c1_vaste_voet_pct=waarde)),
        (reverse("financiering:scenario_export", args=["csv"]), _scenario_data(c2_budget=waarde)),
    ]
    if waarde.isascii() and waarde.isdigit():
        gets += [(f"/coalities/{waarde}/", {}), (f"/coalities/tafel/{waarde}/sorteerbak/", {}),
                 (f"/financiering/organisatie/{waarde}/export.xlsx", {}), (f"/financiering/coalitie/{waarde}/", {}),
                 (f"/coalities/{c}/deelname/{waarde}/", {})]
    for url, data in gets:
        assert client.get(url, data).status_code in (200, 302, 400, 404), (url, str(data)[:60])
    posts = [
        (reverse("coalities:deelname", args=[netwerk.fietsroute.pk, o]), {"variant": "geen", "versie": waarde}),
        (reverse("coalities:toezegging", args=[toezegging.pk]),
         {"soort": "geld", "hoeveelheid": "5", "jaar_van": "2026", "jaar_tot": "2026", "versie": waarde}),
        (reverse("coalities:toezegging", args=[toezegging.pk]),
         {"soort": "geld", "hoeveelheid": "5", "jaar_van": waarde, "jaar_tot": "2026", "versie": "1"}),
        (reverse("coalities:realisatie_nieuw", args=[toezegging.pk]), {"jaar": waarde, "hoeveelheid": "1"}),
        (reverse("coalities:realisatie_nieuw", args=[toezegging.pk]), {"jaar": "2026", "kwartaal": waarde}),
        (reverse("coalities:voortgang_nieuw", args=[c]), {"jaar": waarde, "status": "op_koers", "tekst": "x"}),
        (reverse("coalities:resultaat_nieuw", args=[c]), {"soort": "resultaat", "titel": "x", "tekst": "x", "datum": waarde}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 400, 404), (url, str(data)[:60], response.status_code)
    response = client.post(reverse("coalities:toezegging_intrekken", args=[toezegging.pk]), {"versie": waarde},
                           follow=True)
    assert response.status_code == 200
    assert Toezegging.objects.filter(pk=toezegging.pk).exists()
    assert (Deelname.objects.count(), Toezegging.objects.count(), Realisatie.objects.count()) == voor
    assert Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie=dordrecht).variant == "volledig"


def test_garbled_version_gets_a_dutch_message(client, netwerk):
    """A deelname form posted with a garbled version answers with the form and a Dutch message; nothing saved."""
    client.force_login(_medewerker(netwerk))
    url = reverse("coalities:deelname", args=[netwerk.coalitie.pk, netwerk.gemeenten["Papendrecht"].pk])
    response = client.post(url, {"variant": "geen", "versie": "abc"})
    assert response.status_code == 200
    assert "laad hem opnieuw" in _html(response)
    assert not Deelname.objects.filter(coalitie=netwerk.coalitie).exists()
    client.force_login(_medewerker(netwerk, "Dordrecht"))
    response = client.post(reverse("coalities:toezegging_intrekken", args=[
        ToezeggingFactory(deelname=Deelname.objects.get(coalitie=netwerk.fietsroute,
                                                        organisatie=netwerk.gemeenten["Dordrecht"])).pk
    ]), {"versie": "abc"}, follow=True)
    assert "niet ingetrokken" in _html(response)
