import csv
import io
import re
from decimal import Decimal
from urllib.parse import urlencode

import openpyxl
import pytest
from django.urls import reverse

from drechtsteden.models import Rol
from financiering import selectors, verdeling
from financiering.models import Begrotingsjaar
from tests.factories import GebruikerFactory
from tests.financiering.conftest import VOORBEELD_SCENARIO
from tests.financiering.factories import CoalitieFactory, DeelnameFactory, ProjectBudgetFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jaar_2026")]
D = Decimal


def _gebruiker(netwerk, rol, gemeente="Sliedrecht"):
    return GebruikerFactory(organisatie=netwerk.gemeenten[gemeente], rollen=[rol])


@pytest.fixture
def secretaris(netwerk):
    return _gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS)


@pytest.fixture
def manager(netwerk):
    return _gebruiker(netwerk, Rol.Soort.MANAGER_SDD, "Dordrecht")


def test_index_shows_network_totals_and_warnings(client, netwerk, secretaris):
    """The network page shows the year's totals per component, who pays what and the warnings."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:index")).content.decode()
    assert "Netwerktotalen per jaar" in html
    assert "€\u00a0740.000,00" in html
    assert "€\u00a090.000,00" in html  # component 3
    assert "Geen meerjarige basis" in html
    assert "niet vastgesteld" in html  # 2027–2030
    assert reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk]) in html
    assert reverse("financiering:coalitie", args=[netwerk.fietsroute.pk]) in html


def test_index_lists_the_signals_per_year_under_the_totals(client, netwerk, secretaris):
    """The totals table holds numbers only (it stays low on a phone); the signals follow as a list per year that
    names the years it concerns, and a network without signals says so."""
    import re

    from tests.financiering.factories import BegrotingsjaarFactory

    client.force_login(secretaris)
    html = client.get(reverse("financiering:index")).content.decode()
    tabel = html.split('id="kop-totalen"')[1].split("</table>")[0]
    assert "Signalen" not in tabel and "fin-signaal" not in tabel
    lijst = html.split('id="kop-signalen"')[1].split("</dl>")[0]
    jaren = re.findall(r"<dt>(\d{4})</dt>", lijst)
    assert jaren and jaren == sorted(jaren)
    assert "Geen meerjarige basis" in lijst

    for jaar in range(2027, 2036):
        BegrotingsjaarFactory(jaar=jaar)
    html = client.get(reverse("financiering:index")).content.decode()
    signalen = html.split('id="kop-signalen"')[1].split("</section>")[0]
    assert "<dl" not in signalen and "Geen signalen" in signalen


def test_index_project_financing_warning(client, netwerk, secretaris):
    """Component 3 above 40 % of the total shows the bureaucracy warning."""
    from financiering.models import ProjectBudget

    ProjectBudget.objects.filter(jaar=2026).update(budget=D("900000.00"))
    client.force_login(secretaris)
    html = client.get(reverse("financiering:index")).content.decode()
    assert "Veel projectfinanciering" in html
    assert "Risico op bureaucratie en discussie over wie wat betaalt" in html


def test_index_htmx_year_fragment(client, netwerk, secretaris):
    """With htmx, choosing a year returns only the year's section."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:index") + "?jaar=2027", headers={"HX-Request": "true"}).content.decode()
    assert "Wie betaalt wat in 2027" in html
    assert "<h1" not in html


def test_index_bad_year_is_404(client, netwerk, secretaris):
    """A year that is not a number gives 404, not an error."""
    client.force_login(secretaris)
    assert client.get(reverse("financiering:index") + "?jaar=twee").status_code == 404


def _meer(netwerk, aantal):
    for i in range(aantal):
        coalitie = CoalitieFactory(naam=f"Extra {i}", trekker=netwerk.gemeenten["Dordrecht"])
        for jaar in (2026, 2027, 2028):
            ProjectBudgetFactory(coalitie=coalitie, jaar=jaar, budget=D("1000.00"))
        for naam in ("Dordrecht", "Sliedrecht", "Alblasserdam"):
            DeelnameFactory(coalitie=coalitie, organisatie=netwerk.gemeenten[naam], variant="volledig")


@pytest.mark.parametrize("aantal", [0, 12])
def test_pages_have_a_fixed_number_of_queries(client, netwerk, secretaris, aantal, django_assert_max_num_queries):
    """Network, organisation, coalition and scenario pages need the same queries for 1 or 13 coalitions
    (and 0 or 12 saved scenarios)."""
    from financiering.models import OpgeslagenScenario

    _meer(netwerk, aantal)
    for nummer in range(aantal):
        OpgeslagenScenario.objects.create(naam=f"Variant {nummer}", jaar=2026, invoer={"jaar": "2026"},
                                          gemaakt_door=secretaris)
    client.force_login(secretaris)
    with django_assert_max_num_queries(18):  # computes the years: 1 + 9 for the allocation, with the joins and leaves
        assert client.get(reverse("financiering:index")).status_code == 200
    # Nothing is kept within the test's own transaction: each page computes the years again (1 + 9).
    with django_assert_max_num_queries(14):
        html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk])).content.decode()
    assert html.count('">Extra ') == aantal  # one row each in the coalitions table
    with django_assert_max_num_queries(14):
        assert client.get(reverse("financiering:coalitie", args=[netwerk.fietsroute.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        html = client.get(reverse("financiering:scenario") + "?jaar=2026").content.decode()
    assert html.count('name="s"') == aantal


def test_organisatie_multi_year_with_coalitions_and_variant(client, netwerk, secretaris):
    """Sliedrecht's overview shows five years per component, Fietsroute with variant Solidariteit."""
    client.force_login(secretaris)
    response = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk]))
    html = response.content.decode()
    for jaar in range(2026, 2031):
        assert f">{jaar}" in html
    assert "Fietsroute" in html and "Solidariteit" in html
    assert "€\u00a05.000,00" in html
    b = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Sliedrecht"]
    assert verdeling.bedrag_nl(b.totaal) in html


def test_partner_overview(client, netwerk, secretaris):
    """A partner's overview shows its fixed amount in component 2."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gorinchem.pk])).content.decode()
    assert "Wat Gorinchem betaalt" in html
    assert "€\u00a010.000,00" in html


def test_unknown_organisatie_is_404(client, secretaris):
    """An organisation that does not exist gives 404."""
    client.force_login(secretaris)
    assert client.get(reverse("financiering:organisatie", args=[99999])).status_code == 404
    assert client.get(reverse("financiering:coalitie", args=[99999])).status_code == 404


def test_coalitie_page_who_pays_what(client, netwerk, secretaris):
    """The coalition page lists each party's variant and amount for each budget year."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:coalitie", args=[netwerk.fietsroute.pk])).content.decode()
    assert "Wie betaalt wat voor Fietsroute" in html
    assert "€\u00a055.000,00" in html and "€\u00a030.000,00" in html
    assert "Instapmodel" in html and "Geen deelname" in html


def _regels(inhoud: bytes) -> list[list[str]]:
    """A CSV for Dutch Excel: UTF-8 with byte order mark, cells separated by semicolons."""
    assert inhoud.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def _bedrag(tekst: str) -> Decimal:
    """An amount as the CSV writes it: a decimal comma, no thousands separator."""
    assert "." not in tekst
    return D(tekst.replace(",", "."))


def test_exports_agree_with_command_to_the_cent(client, netwerk, secretaris):
    """Network CSV = command CSV; network XLSX and organisation export hold the same numbers."""
    from django.core.management import call_command

    client.force_login(secretaris)
    out = io.StringIO()
    call_command("verdeling", "--jaar", "2026", "--format", "csv", stdout=out)
    commando = _regels(out.getvalue().encode("utf-8"))

    response = client.get(reverse("financiering:netwerk_export", args=[2026, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert _regels(response.content) == commando

    response = client.get(reverse("financiering:netwerk_export", args=[2026, "xlsx"]))
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    xlsx = [list(rij) for rij in blad.iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in xlsx] == [r[0] for r in commando[1:]]
    assert [[D(str(c)).quantize(D("0.01")) for c in r[1:]] for r in xlsx] == [
        [_bedrag(c) for c in r[1:]] for r in commando[1:]
    ]

    sliedrecht = next(r for r in commando if r[0] == "Sliedrecht")
    response = client.get(reverse("financiering:organisatie_export", args=[netwerk.gemeenten["Sliedrecht"].pk, "csv"]))
    assert _regels(response.content)[1] == ["2026", *sliedrecht[1:]]
    response = client.get(reverse("financiering:organisatie_export", args=[netwerk.gemeenten["Sliedrecht"].pk, "xlsx"]))
    boek = openpyxl.load_workbook(io.BytesIO(response.content))
    eerste = [c.value for c in boek.worksheets[0][2]]
    assert eerste[0] == 2026 and [D(str(x)).quantize(D("0.01")) for x in eerste[1:]] == [_bedrag(c) for c in sliedrecht[1:]]
    assert [c.value for c in boek["Projecten (component 3)"][2]][:3] == [2026, "Fietsroute", "Solidariteit"]


def _cellen(blad, rij: int) -> list:
    return [c.value for c in blad[rij]]


def test_exports_for_dutch_excel(client, netwerk, secretaris):
    """Each financing export: CSV with `;`, decimal comma and BOM; XLSX with numbers as numbers, years as
    integers, named sheets and Dutch headers."""
    client.force_login(secretaris)
    sliedrecht = netwerk.gemeenten["Sliedrecht"].pk
    urls = {
        "netwerk": reverse("financiering:netwerk_export", args=[2026, "{}"]),
        "organisatie": reverse("financiering:organisatie_export", args=[sliedrecht, "{}"]),
        "scenario": reverse("financiering:scenario_export", args=["{}"]) + "?" + urlencode(_scenario_data()),
    }
    bladnamen = {
        "netwerk": ["Verdeling 2026", "Waarschuwingen 2026"],
        "organisatie": ["Bijdrage Sliedrecht", "Projecten (component 3)"],
        "scenario": ["Scenario 2026"],
    }
    for soort, url in urls.items():
        regels = _regels(client.get(url.replace("%7B%7D", "csv").replace("{}", "csv")).content)
        assert all("_" not in kop for kop in regels[0]), regels[0]
        assert any("(€)" in kop for kop in regels[0])
        sliedrecht_rij = next(r for r in regels if "Sliedrecht" in r or r[0] == "2026")
        bedragen = sliedrecht_rij[1:]
        assert bedragen and all(_bedrag(b) is not None and "," in b for b in bedragen)

        response = client.get(url.replace("%7B%7D", "xlsx").replace("{}", "xlsx"))
        boek = openpyxl.load_workbook(io.BytesIO(response.content))
        assert boek.sheetnames == bladnamen[soort]
        blad = boek.worksheets[0]
        koppen = _cellen(blad, 1)
        assert koppen == regels[0]
        eerste = _cellen(blad, 2)
        assert all(isinstance(x, int | float) for x in eerste[1:]), eerste
        assert blad.cell(row=2, column=2).number_format == "#,##0.00;-#,##0.00"
        if soort == "organisatie":
            assert eerste[0] == 2026 and isinstance(eerste[0], int)
            assert blad.cell(row=2, column=1).number_format == "0"
            assert _cellen(boek.worksheets[1], 1) == ["Jaar", "Coalitie", "Variant", "Bedrag (€)"]


def test_unknown_export_format_is_404(client, netwerk, secretaris):
    """Only csv and xlsx can be downloaded."""
    client.force_login(secretaris)
    assert client.get(reverse("financiering:netwerk_export", args=[2026, "pdf"])).status_code == 404


def _scenario_data(**wijzigingen):
    jaar_verdeling = selectors.verdeling_voor_jaar(2026)
    from financiering.forms import ScenarioForm

    return ScenarioForm(jaar_verdeling=jaar_verdeling, user=None).data_uit_vastgesteld() | wijzigingen


def test_scenario_shows_adopted_and_what_if_side_by_side(client, netwerk, secretaris):
    """A secretaris changes component 1 to an equal split and sees the difference per gemeente; nothing is saved."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:scenario"), _scenario_data(c1_sleutel="gelijk", c1_vaste_voet_pct="")).content.decode()
    vastgesteld = selectors.verdeling_voor_jaar(2026).resultaat.bijdragen
    scenario = verdeling.bereken(verdeling.scenario_uit_json(
        VOORBEELD_SCENARIO | {"component_1": {"budget": "250000.00", "sleutel": "gelijk"}}
    )).bijdragen
    verschil = scenario["Sliedrecht"].totaal - vastgesteld["Sliedrecht"].totaal
    assert verschil != 0
    assert verdeling.bedrag_nl(abs(verschil)) in html
    assert "Scenario vaststellen" not in html  # a secretaris may not adopt
    assert "Vaststellen kan alleen door de beheerder" in html
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_sleutel == "vaste_voet_inwoners"


def test_scenario_errors_are_shown(client, netwerk, secretaris):
    """Percentages that do not add up to 100 give the engine's Dutch message, no numbers."""
    data = _scenario_data(c1_sleutel="vaste_percentages", c1_vaste_voet_pct="")
    for veld in data:
        if veld.startswith("c1_pct_"):
            data[veld] = "10"
    client.force_login(secretaris)
    html = client.get(reverse("financiering:scenario"), data).content.decode()
    assert "tellen op tot 70 in plaats van 100" in html
    assert "fin-vergelijking" not in html


def test_scenario_variant_change(client, netwerk, secretaris):
    """Zwijndrecht joining Fietsroute fully halves Dordrecht's share of the rest in the scenario."""
    from financiering.forms import ScenarioForm

    data = _scenario_data()
    variant_veld = next(k for k in data if k.startswith("dn_") and k.endswith(f"_{netwerk.gemeenten['Zwijndrecht'].pk}_variant"))
    data[variant_veld] = "volledig"
    form = ScenarioForm(data, jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=secretaris)
    assert form.is_valid(), form.errors
    bijdragen = verdeling.bereken(form.scenario()).bijdragen
    # 82.500 over weights 1 (Dordrecht), 1 (Zwijndrecht), ½ (Papendrecht): 33.000, 33.000, 16.500
    assert bijdragen["Zwijndrecht"].per_coalitie["Fietsroute"] == D("33000.00")
    assert form.varianten_gewijzigd()


def test_scenario_forbidden_for_raadslid(client, netwerk):
    """A raadslid reads the numbers but may not run scenarios (403)."""
    client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
    assert client.get(reverse("financiering:index")).status_code == 200
    assert client.get(reverse("financiering:scenario")).status_code == 403


def test_secretaris_may_not_adopt(client, netwerk, secretaris):
    """Adopting by a gemeentesecretaris is refused with 403 and nothing changes."""
    client.force_login(secretaris)
    response = client.post(reverse("financiering:scenario_vaststellen"), _scenario_data(c1_sleutel="gelijk"))
    assert response.status_code == 403
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_sleutel == "vaste_voet_inwoners"


def test_manager_adopts_scenario(client, netwerk, manager):
    """The manager SDD adopts the scenario; the new key and budget are saved with history."""
    client.force_login(manager)
    html = client.get(reverse("financiering:scenario"), _scenario_data(c1_sleutel="gelijk", c1_budget="210000,00")).content.decode()
    assert "Vaststellen als begroting 2026…" in html
    data = _scenario_data(c1_sleutel="gelijk", c1_vaste_voet_pct="", c1_budget="210000,00")
    bevestiging = client.post(reverse("financiering:scenario_vaststellen"), data)
    assert bevestiging.status_code == 200 and "Ja, stel de begroting 2026 vast" in bevestiging.content.decode()
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_sleutel == "vaste_voet_inwoners"  # not yet
    response = client.post(reverse("financiering:scenario_vaststellen"),
                           data | {"bevestigen": "1", "besluit": "AB 2026-14", "besluitdatum": "2026-03-12"})
    assert response.status_code == 302
    jaar = Begrotingsjaar.objects.get(jaar=2026)
    assert (jaar.component_1_sleutel, jaar.component_1_budget) == ("gelijk", D("210000.00"))
    assert jaar.history.first().history_user == manager
    assert selectors.verdeling_voor_jaar(2026).resultaat.bijdragen["Sliedrecht"].component_1 == D("30000.00")


def test_scenario_export_xlsx(client, netwerk, secretaris):
    """The scenario comparison downloads as XLSX with adopted, scenario and difference per organisation."""
    client.force_login(secretaris)
    data = _scenario_data(c2_sleutel="gelijk")
    response = client.get(reverse("financiering:scenario_export", args=["xlsx"]), data)
    assert response.status_code == 200
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rijen = {r[0]: r for r in blad.iter_rows(min_row=2, values_only=True)}
    # component 2 equal: (400.000 − 10.000) / 7 = 55.714,28 or ,29 cents by largest remainder
    assert D(str(rijen["Sliedrecht"][6])) in (D("55714.28"), D("55714.29"))
    assert D(str(rijen["Sliedrecht"][9])) == D(str(rijen["Sliedrecht"][8])) - D(str(rijen["Sliedrecht"][4]))


def test_index_shows_who_changed_what(client, netwerk, manager):
    """After the manager adopts a new budget, the year's page says who changed it and to what."""
    from financiering import services

    services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("255000.00"), component_1_sleutel="gelijk",
        component_2_budget=D("400000.00"), component_2_sleutel="inwoners", door=manager,
    )
    client.force_login(manager)
    html = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    assert "Laatste wijzigingen voor 2026" in html
    assert f"{manager}: begroting 2026: netwerk (component 1) €\u00a0255.000,00 (Gelijk)" in html


def test_scenario_htmx_returns_the_result_fragment(client, netwerk, secretaris):
    """While typing, htmx gets only the result beside the form, each error linked to its field; the full page marks the field."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:scenario"), _scenario_data(c1_budget="-1"),
                      headers={"HX-Request": "true"}).content.decode()
    assert "<h1" not in html and 'id="uitkomst"' in html and 'id="scenario-invoer"' not in html
    assert 'href="#id_c1_budget"' in html
    volledig = client.get(reverse("financiering:scenario"), _scenario_data(c1_budget="-1")).content.decode()
    assert 'aria-describedby="id_c1_budget_error"' in volledig
    assert 'id="id_c1_budget_error"' in volledig


def test_network_screen_agrees_with_command_to_the_cent(client, netwerk, secretaris):
    """Every amount in the year's table on screen is the command's amount for that organisation."""
    import json
    import re

    from django.core.management import call_command

    from drechtsteden.opmaak import euro

    out = io.StringIO()
    call_command("verdeling", "--jaar", "2026", stdout=out)
    commando = json.loads(out.getvalue())
    client.force_login(secretaris)
    html = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    tabel = html[html.index("Bijdrage per organisatie in 2026"):]
    for naam, regel in commando["organisaties"].items():
        rij = re.search(rf">{re.escape(naam)}</a></th>(.*?)</tr>", tabel, re.S).group(1)
        bedragen = re.findall(r"numeric\">([^<]*)</td>", rij)
        verwacht = [regel["component_1"], regel["component_2"], regel["component_3"]["totaal"], regel["totaal"]]
        assert bedragen == [euro(D(x)) for x in verwacht]


def test_organisatie_with_many_coalitions_sums_component_3_in_one_block(client, netwerk, secretaris):
    """More than ten coalitions: one explanation block for component 3, and every year still adds up."""
    import re

    _meer(netwerk, 12)
    client.force_login(secretaris)
    html = client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk])).content.decode()
    assert "Bijdragen aan 13 coalities" in html
    assert "3. Extra 0" not in html  # no block per coalition
    assert html.count('">Extra ') == 12  # the table still lists each coalition
    for totaal, inhoud in re.findall(r'<details class="fin-uitleg" data-jaar="\d+" data-totaal="([\d.]+)">(.*?)</details>', html, re.S):
        assert sum((D(x) for x in re.findall(r'data-deel="([-\d.]+)"', inhoud)), D(0)) == D(totaal)


def test_index_pages_the_project_budgets(client, netwerk, secretaris):
    """The year's project budgets come 50 to a page; the link keeps the chosen year."""
    for i in range(50):
        coalitie = CoalitieFactory(naam=f"Zz budget {i:02d}", trekker=netwerk.gemeenten["Dordrecht"])
        ProjectBudgetFactory(coalitie=coalitie, jaar=2026, budget=D("100.00"))
        DeelnameFactory(coalitie=coalitie, organisatie=netwerk.gemeenten["Dordrecht"], variant="volledig")
    client.force_login(secretaris)
    eerste = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    assert '">Zz budget 00</a>' in eerste and '">Zz budget 49</a>' not in eerste
    assert 'href="?jaar=2026&amp;pagina=2#kop-projectbudgetten"' in eerste
    tweede = client.get(reverse("financiering:index") + "?jaar=2026&pagina=2").content.decode()
    assert '">Zz budget 49</a>' in tweede and 'rel="prev"' in tweede
    assert eerste.count('">Zz budget ') + tweede.count('">Zz budget ') == 50


def test_financing_pages_never_split_euro_from_its_amount(client, netwerk, secretaris):
    """On the financing pages and the dashboard every "€" before an amount, and every sign before "€", is
    followed by a no-break space: nowhere "€ 1.234" or "+ €" with an ordinary, breakable space."""
    client.force_login(secretaris)
    paginas = [
        client.get(reverse("financiering:index")),
        client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk])),
        client.get(reverse("financiering:coalitie", args=[netwerk.fietsroute.pk])),
        client.get(reverse("financiering:scenario"), _scenario_data(c1_sleutel="gelijk", c1_vaste_voet_pct="")),
        client.get(reverse("netwerk")),  # the dashboard's block with what the gemeente pays
    ]
    for response in paginas:
        html = response.content.decode()
        assert response.status_code == 200
        assert html.count("€\u00a0") > 3, response.request["PATH_INFO"]
        assert not re.search(r"€\s*?[ \t\n]\s*-?\d|[+−][ \t\n]+€", html), response.request["PATH_INFO"]


def test_component_numbers_always_come_with_plain_words(client, netwerk, secretaris):
    """Nowhere on the financing pages or the dashboard a bare "component 1" or "componenten 1 en 2": a
    number is always in brackets behind a plain Dutch name ("Verdeelsleutel netwerk (component 1)")."""
    client.force_login(secretaris)
    paginas = {
        "index": client.get(reverse("financiering:index")),
        "organisatie": client.get(reverse("financiering:organisatie", args=[netwerk.gemeenten["Sliedrecht"].pk])),
        "coalitie": client.get(reverse("financiering:coalitie", args=[netwerk.fietsroute.pk])),
        "scenario": client.get(reverse("financiering:scenario")),
        "dashboard": client.get(reverse("netwerk")),
    }
    for naam, response in paginas.items():
        tekst = re.sub(r"<[^>]+>", " ", response.content.decode())
        tekst = re.sub(r"\s+", " ", tekst)
        kaal = re.findall(r".{0,40}(?<!\()\b[Cc]omponent(?:en)? [123]\b.{0,20}", tekst)
        assert not kaal, (naam, kaal)
    assert "Verdeelsleutel netwerk (component 1): " in paginas["index"].content.decode()
    assert "Coalities achter de projecten (component 3)" in paginas["organisatie"].content.decode()
