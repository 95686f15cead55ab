"""Named scenarios: saved with who made them, compared side by side, adopted after a confirmation with
the decision recorded, and the previous adopted version still readable."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from drechtsteden.models import Rol
from financiering import selectors, services, verdeling
from financiering.forms import ScenarioForm
from financiering.models import Begrotingsjaar, OpgeslagenScenario, ProjectBudget, Vaststelling
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def jaar_2026(monkeypatch):
    monkeypatch.setattr(selectors, "meerjarige_jaren", lambda vanaf=None: list(range(2026, 2031)))


def _gebruiker(netwerk, rol, gemeente="Sliedrecht"):
    return GebruikerFactory(organisatie=netwerk.gemeenten[gemeente], rollen=[rol])


@pytest.fixture
def secretaris(netwerk):
    return _gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS)


@pytest.fixture
def manager(netwerk):
    return _gebruiker(netwerk, Rol.Soort.MANAGER_SDD, "Dordrecht")


def _data(**wijzigingen) -> dict[str, str]:
    form = ScenarioForm(jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=None)
    return form.data_uit_vastgesteld() | wijzigingen


def _veld(data, netwerk, gemeente, einde="variant"):
    pk = netwerk.gemeenten[gemeente].pk
    return next(k for k in data if k.startswith(f"dn_{netwerk.fietsroute.pk}_") and k.endswith(f"_{pk}_{einde}"))


# --- The form -------------------------------------------------------------------------------------


def test_a_gemeente_without_a_choice_is_modelled(netwerk, secretaris):
    """Alblasserdam has no participation in Fietsroute: it is a row "nog geen keuze" and can be modelled as joining."""
    data = _data()
    veld = _veld(data, netwerk, "Alblasserdam")
    assert data[veld] == "nog_geen_keuze"
    vastgesteld = ScenarioForm(data, jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=secretaris)
    assert vastgesteld.is_valid(), vastgesteld.errors
    assert not vastgesteld.varianten_gewijzigd()
    assert verdeling.bereken(vastgesteld.scenario()).bijdragen["Alblasserdam"].component_3 == 0

    form = ScenarioForm(data | {veld: "volledig"}, jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=secretaris)
    assert form.is_valid(), form.errors
    bijdragen = verdeling.bereken(form.scenario()).bijdragen
    # 82.500 over weights 1 (Dordrecht), 1 (Alblasserdam), ½ (Papendrecht instap)
    assert bijdragen["Alblasserdam"].per_coalitie["Fietsroute"] == D("33000.00")
    assert form.varianten_gewijzigd()


def test_amounts_typed_the_dutch_way_are_accepted(netwerk, secretaris):
    """"300.000" is three hundred thousand euros, not refused."""
    form = ScenarioForm(_data(c1_budget="300.000"), jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=secretaris)
    assert form.is_valid(), form.errors
    assert form.scenario().component_1.budget == D("300000")


def test_result_has_totals_and_difference(client, netwerk, secretaris):
    """The result beside the form shows the total of all parties, adopted and in the scenario, and the difference."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:scenario"), _data(c1_budget="300.000")).content.decode()
    tabel = html[html.index("fin-vergelijking"):]
    voet = tabel[tabel.index("<tfoot"):tabel.index("</tfoot>")]
    assert "€\u00a0740.000,00" in voet and "€\u00a0790.000,00" in voet and "+\u00a0€\u00a050.000,00" in voet


# --- Services -------------------------------------------------------------------------------------


def test_scenario_opslaan_keeps_the_input_and_who(netwerk, secretaris):
    """A saved scenario keeps the typed fields and its maker; saving again under the name replaces it."""
    eerste = services.scenario_opslaan(naam=" Gelijk ", jaar=2026, invoer={"c1_sleutel": "gelijk"}, door=secretaris)
    assert (eerste.naam, eerste.gemaakt_door, eerste.invoer) == ("Gelijk", secretaris, {"c1_sleutel": "gelijk"})
    tweede = services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={"c1_sleutel": "inwoners"}, door=secretaris)
    assert tweede.pk == eerste.pk and tweede.invoer == {"c1_sleutel": "inwoners"}
    assert tweede.history.first().history_user == secretaris


def test_scenario_opslaan_refuses_a_raadslid_and_saves_nothing(netwerk):
    raadslid = _gebruiker(netwerk, Rol.Soort.RAADSLID)
    with pytest.raises(PermissionDenied):
        services.scenario_opslaan(naam="X", jaar=2026, invoer={}, door=raadslid)
    assert not OpgeslagenScenario.objects.exists()


@pytest.mark.parametrize("naam,invoer", [("", {}), ("X", {"a": "x" * 65}), ("X", {"a": 1}), ("X", ["a"])])
def test_scenario_opslaan_refuses_bad_input(netwerk, secretaris, naam, invoer):
    """No name or unreadable input is a ValidationError with a Dutch message; nothing is saved."""
    with pytest.raises(ValidationError):
        services.scenario_opslaan(naam=naam, jaar=2026, invoer=invoer, door=secretaris)
    assert not OpgeslagenScenario.objects.exists()


def test_a_name_of_someone_else_is_not_overwritten(netwerk, secretaris):
    """Another secretaris cannot replace a scenario under the same name; the manager can."""
    services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={"a": "1"}, door=secretaris)
    ander = _gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS, "Dordrecht")
    with pytest.raises(ValidationError, match="van iemand anders"):
        services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={"a": "2"}, door=ander)
    assert OpgeslagenScenario.objects.get().invoer == {"a": "1"}


def test_scenario_verwijderen_only_by_the_maker_or_who_adopts(netwerk, secretaris, manager):
    opgeslagen = services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={}, door=secretaris)
    with pytest.raises(PermissionDenied):
        services.scenario_verwijderen(scenario=opgeslagen, door=_gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS, "Dordrecht"))
    assert OpgeslagenScenario.objects.exists()
    services.scenario_verwijderen(scenario=opgeslagen, door=manager)
    assert not OpgeslagenScenario.objects.exists()


def test_scenario_vaststellen_records_the_decision_and_the_previous_version(netwerk, manager):
    """Adopting keeps besluit, date and who, and every party's total before and after."""
    voor = selectors.verdeling_voor_jaar(2026).resultaat
    form = ScenarioForm(_data(c1_sleutel="gelijk", c1_vaste_voet_pct=""),
                        jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=manager)
    assert form.is_valid(), form.errors
    vaststelling = services.scenario_vaststellen(
        scenario=form.scenario(), besluit="AB 2026-14", besluitdatum=datetime.date(2026, 3, 12), door=manager)
    na = selectors.verdeling_voor_jaar(2026).resultaat
    assert (vaststelling.besluit, vaststelling.door, vaststelling.jaar) == ("AB 2026-14", manager, 2026)
    regels = {r.organisatie: r for r in selectors.vaststelling_regels(vaststelling)}
    for naam in ("Dordrecht", "Sliedrecht", "Gorinchem"):
        assert regels[naam].vorige == voor.bijdragen[naam].totaal
        assert regels[naam].nieuw == na.bijdragen[naam].totaal
    assert vaststelling.vorige["component_1"]["sleutel"] == "vaste_voet_inwoners"
    assert vaststelling.nieuw["component_1"]["sleutel"] == "gelijk"


def test_scenario_vaststellen_without_a_decision_changes_nothing(netwerk, manager):
    form = ScenarioForm(_data(c1_sleutel="gelijk", c1_vaste_voet_pct=""),
                        jaar_verdeling=selectors.verdeling_voor_jaar(2026), user=manager)
    assert form.is_valid()
    with pytest.raises(ValidationError, match="Noem het besluit"):
        services.scenario_vaststellen(scenario=form.scenario(), besluit="  ", besluitdatum=datetime.date(2026, 3, 12),
                                      door=manager)
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_sleutel == "vaste_voet_inwoners"
    assert not Vaststelling.objects.exists()


# --- Views ----------------------------------------------------------------------------------------


def test_save_open_and_compare(client, netwerk, secretaris):
    """A secretaris saves two scenarios, opens one again and compares both side by side with the adopted totals."""
    client.force_login(secretaris)
    url = reverse("financiering:scenario_opslaan")
    response = client.post(url, _data(c1_sleutel="gelijk", c1_vaste_voet_pct="") | {"naam": "Netwerk gelijk"})
    assert response.status_code == 302
    gelijk = OpgeslagenScenario.objects.get(naam="Netwerk gelijk")
    assert gelijk.invoer["c1_sleutel"] == "gelijk" and gelijk.gemaakt_door == secretaris
    client.post(url, _data(c1_budget="300.000") | {"naam": "Meer netwerk"})
    meer = OpgeslagenScenario.objects.get(naam="Meer netwerk")

    geopend = client.get(response.url).content.decode()
    assert "Geopend: het bewaarde scenario “Netwerk gelijk”" in geopend
    assert '<option value="gelijk" selected>' in geopend

    html = client.get(reverse("financiering:scenario_vergelijken"), {"s": [gelijk.pk, meer.pk]}).content.decode()
    assert "Scenario&#x27;s 2026 vergelijken" in html or "Scenario's 2026 vergelijken" in html
    voet = html[html.index("<tfoot"):html.index("</tfoot>")]
    assert "€\u00a0740.000,00" in voet and "€\u00a0790.000,00" in voet and "+\u00a0€\u00a050.000,00" in voet
    assert ">Meer netwerk<" in html and ">Netwerk gelijk<" in html


def test_saving_without_a_name_says_so_and_saves_nothing(client, netwerk, secretaris):
    client.force_login(secretaris)
    response = client.post(reverse("financiering:scenario_opslaan"), _data() | {"naam": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not OpgeslagenScenario.objects.exists()


def test_raadslid_may_not_save_or_compare(client, netwerk, secretaris):
    opgeslagen = services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={}, door=secretaris)
    client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
    assert client.post(reverse("financiering:scenario_opslaan"), _data() | {"naam": "X"}).status_code == 403
    assert client.get(reverse("financiering:scenario_vergelijken"), {"s": opgeslagen.pk}).status_code == 403
    assert client.post(reverse("financiering:scenario_verwijderen", args=[opgeslagen.pk])).status_code == 403
    assert list(OpgeslagenScenario.objects.values_list("naam", flat=True)) == ["Gelijk"]


def test_delete_someone_elses_scenario_is_403(client, netwerk, secretaris):
    opgeslagen = services.scenario_opslaan(naam="Gelijk", jaar=2026, invoer={}, door=secretaris)
    client.force_login(_gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS, "Dordrecht"))
    assert client.post(reverse("financiering:scenario_verwijderen", args=[opgeslagen.pk])).status_code == 403
    assert client.post(reverse("financiering:scenario_verwijderen", args=[opgeslagen.pk + 99])).status_code == 404
    assert OpgeslagenScenario.objects.exists()


def test_adopting_asks_for_confirmation_and_a_decision(client, netwerk, manager):
    """The first POST only shows what changes; without besluit nothing is adopted; with it the adoption is kept."""
    opgeslagen = services.scenario_opslaan(naam="Fiets meer", jaar=2026, invoer={}, door=manager)
    budget = next(k for k in _data() if k.startswith("pb_"))
    data = _data(**{budget: "120.000"}) | {"scenario": str(opgeslagen.pk)}
    client.force_login(manager)
    url = reverse("financiering:scenario_vaststellen")

    bevestiging = client.post(url, data).content.decode()
    assert "Begroting 2026 vaststellen" in bevestiging and "“Fiets meer”" in bevestiging
    assert "+\u00a0€\u00a030.000,00" in bevestiging  # the total grows by the larger project budget
    assert ProjectBudget.objects.get(jaar=2026).budget == D("90000.00")

    zonder = client.post(url, data | {"bevestigen": "1", "besluit": "", "besluitdatum": "2026-03-12"})
    assert zonder.status_code == 400 and "Dit veld is verplicht" in zonder.content.decode()
    assert ProjectBudget.objects.get(jaar=2026).budget == D("90000.00") and not Vaststelling.objects.exists()

    response = client.post(url, data | {"bevestigen": "1", "besluit": "AB 2026-14", "besluitdatum": "12-03-2026"})
    assert response.status_code == 302
    vaststelling = Vaststelling.objects.get()
    assert response.url == reverse("financiering:vaststelling", args=[vaststelling.pk])
    assert (vaststelling.scenario, vaststelling.besluitdatum) == (opgeslagen, datetime.date(2026, 3, 12))
    assert ProjectBudget.objects.get(jaar=2026).budget == D("120000.00")

    pagina = client.get(response.url).content.decode()
    assert "AB 2026-14" in pagina and "12 maart 2026" in pagina and str(manager) in pagina
    assert "€\u00a090.000,00" in pagina and "€\u00a0120.000,00" in pagina  # the previous project budget stays readable
    index = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    assert "vastgesteld bij AB 2026-14" in index


def test_confirmation_is_403_for_a_secretaris(client, netwerk, secretaris):
    client.force_login(secretaris)
    data = _data(c1_budget="1") | {"bevestigen": "1", "besluit": "X", "besluitdatum": "2026-03-12"}
    assert client.post(reverse("financiering:scenario_vaststellen"), data).status_code == 403
    assert not Vaststelling.objects.exists()
    assert Begrotingsjaar.objects.get(jaar=2026).component_1_budget == D("250000.00")


def test_components_have_a_plain_name(client, netwerk, secretaris):
    """The network totals name the components in plain Dutch, the number only beside it."""
    client.force_login(secretaris)
    html = client.get(reverse("financiering:index") + "?jaar=2026").content.decode()
    kop = html[html.index("Totalen per jaar en per component"):html.index("</thead>")]
    for naam, nummer in (("Netwerk", 1), ("Projectbasis", 2), ("Projecten", 3)):
        assert f'{naam} <span class="fin-component-nummer">(component {nummer})</span>' in kop
    assert ">Component 1<" not in html
