"""Every write of financiering refuses a user without the right, and then stores nothing.

Adopting budgets, keys and agreed amounts is for the manager SDD and the beheerder; everyone else
(a raadslid, programme staff, a gemeentesecretaris, a bestuurder) is refused with every row unchanged.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from coalities.models import Deelname
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from financiering import selectors, services, verdeling
from financiering.models import (
    Begrotingsjaar,
    OpgeslagenScenario,
    Overgang,
    Overgangsregel,
    ProfijtGewicht,
    ProjectBudget,
    SleutelPercentage,
    VasteBijdrage,
    Vaststelling,
)
from tafels import services as tafel_services
from tafels.models import Lidmaatschap
from coalities.services import ToezeggingGegevens
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.rechten import namen_zonder_verplichte_door, schrijvende_functies, stand
from tests.tafels.factories import tafel_met_leden

pytestmark = pytest.mark.django_db
D = Decimal
MODELLEN = (Begrotingsjaar, SleutelPercentage, VasteBijdrage, ProjectBudget, ProfijtGewicht, Vaststelling, OpgeslagenScenario)
GEWEIGERD = (
    Rol.Soort.RAADSLID, Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.PROGRAMMAMANAGER, Rol.Soort.COORDINEREND_AMBTENAAR,
    Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.BESTUURDER,
)


def _scenario() -> verdeling.Scenario:
    vastgesteld = selectors.verdeling_voor_jaar(2026).scenario
    return verdeling.Scenario(
        jaar=2026, organisaties=vastgesteld.organisaties,
        component_1=verdeling.Component(budget=D("210000.00"), sleutel="gelijk"),
        component_2=verdeling.Component(budget=D("400000.00"), sleutel="inwoners", vaste_bijdragen={"Gorinchem": D("12000.00")}),
        coalities=(verdeling.Coalitie("Fietsroute", D("95000.00"), "gelijk", vastgesteld.coalities[0].deelnames),),
    )


GEVALLEN: dict[str, Callable] = {
    "begrotingsjaar_vaststellen": lambda netwerk, door: services.begrotingsjaar_vaststellen(
        jaar=2026, component_1_budget=D("300000.00"), component_1_sleutel="gelijk",
        component_2_budget=D("400000.00"), component_2_sleutel="inwoners", door=door,
    ),
    "vaste_bijdrage_vaststellen": lambda netwerk, door: services.vaste_bijdrage_vaststellen(
        begrotingsjaar=netwerk.begrotingsjaar, organisatie=netwerk.gorinchem, bedrag=D("12000.00"), door=door
    ),
    "projectbudget_vaststellen": lambda netwerk, door: services.projectbudget_vaststellen(
        coalitie=netwerk.fietsroute, jaar=2026, budget=D("95000.00"), door=door
    ),
    "scenario_vaststellen": lambda netwerk, door: services.scenario_vaststellen(
        scenario=_scenario(), besluit="AB 2026-14", besluitdatum=datetime.date(2026, 3, 1), door=door
    ),
}


@pytest.mark.parametrize("rol", GEWEIGERD)
@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_a_user_without_the_right_is_refused_and_nothing_is_saved(netwerk, naam, rol):
    door = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[rol])
    voor = stand(*MODELLEN)
    with pytest.raises(PermissionDenied):
        GEVALLEN[naam](netwerk, door)
    assert stand(*MODELLEN) == voor


@pytest.mark.parametrize("rol", [Rol.Soort.MANAGER_SDD, Rol.Soort.BEHEERDER])
@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_the_manager_sdd_and_the_beheerder_adopt(netwerk, naam, rol):
    door = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[rol])
    voor = stand(*MODELLEN)
    GEVALLEN[naam](netwerk, door)
    assert stand(*MODELLEN) != voor


# --- Saved scenarios: whoever may run one keeps it; only its maker (or who adopts budgets) removes it ---


def test_a_raadslid_keeps_no_scenario_and_others_do(netwerk):
    raadslid = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.RAADSLID])
    with pytest.raises(PermissionDenied):
        services.scenario_opslaan(naam="Raad", jaar=2026, invoer={}, door=raadslid)
    assert not OpgeslagenScenario.objects.exists()
    staf = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    services.scenario_opslaan(naam="Staf", jaar=2026, invoer={}, door=staf)
    assert OpgeslagenScenario.objects.filter(naam="Staf").exists()


@pytest.mark.parametrize("rol", [Rol.Soort.RAADSLID, Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.GEMEENTESECRETARIS])
def test_only_the_maker_removes_a_saved_scenario(netwerk, rol):
    maker = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    scenario = services.scenario_opslaan(naam="Eigen", jaar=2026, invoer={}, door=maker)
    ander = GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[rol])
    with pytest.raises(PermissionDenied):
        services.scenario_verwijderen(scenario=scenario, door=ander)
    assert OpgeslagenScenario.objects.filter(pk=scenario.pk).exists()
    services.scenario_verwijderen(scenario=scenario, door=maker)
    assert not OpgeslagenScenario.objects.filter(pk=scenario.pk).exists()


# --- Toe- en uittreding: whoever may make the change records it; everyone else is refused -------------

UITTREDING_MODELLEN = (Overgang, Overgangsregel, Organisatie, Lidmaatschap, Deelname)
VANDAAG = datetime.date(2026, 3, 1)


@pytest.fixture
def uittreding(netwerk):
    tafel = tafel_met_leden(naam="Tafel Economie")
    netwerk.tafel = tafel
    netwerk.lid = tafel_services.partner_toelaten(
        tafel=tafel, organisatie=netwerk.gorinchem, besluit_referentie="Besluit 1", datum=datetime.date(2026, 1, 1),
        door=systeem(),
    )
    netwerk.deelname = Deelname.objects.get(coalitie=netwerk.fietsroute, organisatie__naam="Papendrecht")
    netwerk.molenlanden = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    netwerk.kandidaat = OrganisatieFactory(naam="Hoeksche Waard", soort=Organisatie.Soort.AANPALENDE_GEMEENTE,
                                           cbs_code="GM1963", actief_van=datetime.date(2100, 1, 1))
    netwerk.afgemeld = tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    tafel_services.lidmaatschap_afmelden(lidmaatschap=netwerk.afgemeld, reden="Geen opgave", datum=VANDAAG, door=systeem())
    return netwerk


# name: (call, the user allowed, users refused)
UITTREDINGEN: dict[str, tuple[Callable, Callable, tuple[Callable, ...]]] = {
    "uittreding_samenwerking_vastleggen": (
        lambda w, door: services.uittreding_samenwerking_vastleggen(
            organisatie=w.gemeenten["Sliedrecht"], meldingsdatum=VANDAAG, reden="Eigen koers", door=door, vandaag=VANDAAG,
        ),
        lambda w: GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD]),
        tuple(
            (lambda w, rol=rol: GebruikerFactory(organisatie=w.gemeenten["Sliedrecht"], rollen=[rol]))
            for rol in GEWEIGERD
        ),
    ),
    "uittreding_tafel_vastleggen": (
        lambda w, door: services.uittreding_tafel_vastleggen(
            lidmaatschap=w.lid, meldingsdatum=VANDAAG, reden="Geen capaciteit", door=door, vandaag=VANDAAG,
        ),
        lambda w: w.tafel.secretaris,
        (
            lambda w: GebruikerFactory(organisatie=w.gorinchem, rollen=[Rol.Soort.PROGRAMMAMANAGER]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.MANAGER_SDD]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.RAADSLID]),
        ),
    ),
    "uittreding_coalitie_vastleggen": (
        lambda w, door: services.uittreding_coalitie_vastleggen(
            deelname=w.deelname, meldingsdatum=VANDAAG, reden="Geen budget", door=door, vandaag=VANDAAG,
        ),
        lambda w: GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        (
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.BESTUURDER]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.MANAGER_SDD]),
        ),
    ),
}


# Joining: the same confirmation the other way; the same people record it.
UITTREDINGEN |= {
    "toetreding_samenwerking_vastleggen": (
        lambda w, door: services.toetreding_samenwerking_vastleggen(
            organisatie=w.kandidaat, meldingsdatum=VANDAAG, reden="Besluit van de raden", door=door, vandaag=VANDAAG,
        ),
        UITTREDINGEN["uittreding_samenwerking_vastleggen"][1],
        UITTREDINGEN["uittreding_samenwerking_vastleggen"][2],
    ),
    "toetreding_tafel_vastleggen": (
        lambda w, door: services.toetreding_tafel_vastleggen(
            tafel=w.tafel, organisatie=w.molenlanden, besluit_referentie="Besluit 4", meldingsdatum=VANDAAG, door=door,
            vandaag=VANDAAG,
        ),
        lambda w: w.tafel.secretaris,
        UITTREDINGEN["uittreding_tafel_vastleggen"][2],
    ),
    "toetreding_lidmaatschap_vastleggen": (
        lambda w, door: services.toetreding_lidmaatschap_vastleggen(
            lidmaatschap=w.afgemeld, meldingsdatum=VANDAAG, reden="Nieuwe wethouder", door=door, vandaag=VANDAAG,
        ),
        lambda w: w.tafel.secretaris,
        UITTREDINGEN["uittreding_tafel_vastleggen"][2],
    ),
    "toetreding_coalitie_vastleggen": (
        lambda w, door: services.toetreding_coalitie_vastleggen(
            coalitie=w.fietsroute, organisatie=w.gemeenten["Zwijndrecht"], variant="volledig",
            eerste_toezegging=ToezeggingGegevens("kennis", None, "", "Kennis van fietsroutes", 2026, 2027),
            meldingsdatum=VANDAAG, reden="Eigen belang", door=door, vandaag=VANDAAG,
        ),
        lambda w: GebruikerFactory(organisatie=w.gemeenten["Zwijndrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        (
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Dordrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Zwijndrecht"], rollen=[Rol.Soort.BESTUURDER]),
            lambda w: GebruikerFactory(organisatie=w.gemeenten["Zwijndrecht"], rollen=[Rol.Soort.MANAGER_SDD]),
        ),
    ),
}


@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("naam", sorted(UITTREDINGEN))
def test_a_join_or_leave_by_someone_without_the_right_is_refused_and_nothing_is_saved(uittreding, naam, index):
    aanroep, _toegestaan, geweigerd = UITTREDINGEN[naam]
    door = geweigerd[index](uittreding)
    voor = stand(*UITTREDING_MODELLEN)
    with pytest.raises(PermissionDenied):
        aanroep(uittreding, door)
    assert stand(*UITTREDING_MODELLEN) == voor


@pytest.mark.parametrize("naam", sorted(UITTREDINGEN))
def test_a_join_or_leave_by_the_allowed_user_is_recorded(uittreding, naam):
    aanroep, toegestaan, _geweigerd = UITTREDINGEN[naam]
    door = toegestaan(uittreding)
    overgang = aanroep(uittreding, door)
    assert Overgang.objects.get() == overgang and overgang.vastgelegd_door == door


def test_every_write_takes_a_required_door_and_has_a_refusal_case():
    schrijvend = schrijvende_functies(services, lezend={"verdeling_controleren"})
    assert namen_zonder_verplichte_door(services, schrijvend) == []
    assert schrijvend == set(GEVALLEN) | set(UITTREDINGEN) | {"scenario_opslaan", "scenario_verwijderen"}
