"""Factories for financiering, and small coalitions to pay for."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import factory

from coalities.models import Coalitie
from drechtsteden.models import Inwonertal, Organisatie
from financiering.models import Begrotingsjaar, ProjectBudget, VasteBijdrage
from tests.coalities.factories import CoalitieFactory, DeelnameFactory
from tests.factories import OrganisatieFactory, drechtsteden


class BegrotingsjaarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Begrotingsjaar
        django_get_or_create = ("jaar",)

    jaar = 2026
    peildatum_inwoners = factory.LazyAttribute(lambda o: datetime.date(o.jaar - 1, 1, 1))
    component_1_budget = Decimal("250000.00")
    component_1_sleutel = "gelijk"
    component_2_budget = Decimal("400000.00")
    component_2_sleutel = "inwoners"


class VasteBijdrageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VasteBijdrage

    begrotingsjaar = factory.SubFactory(BegrotingsjaarFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    bedrag = Decimal("10000.00")


class ProjectBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectBudget

    coalitie = factory.SubFactory(CoalitieFactory)
    jaar = 2026
    budget = Decimal("90000.00")


def coalitie_met_deelnames(naam: str, gemeenten: dict, varianten: dict, jaar: int = 2026,
                           budget: str = "90000.00", profijt: str = "gelijk") -> Coalitie:
    """A coalition with a project budget and one deelname per `{gemeente naam: variant or (variant, extra)}`."""
    coalitie = CoalitieFactory(naam=naam, trekker=next(iter(gemeenten.values())))
    ProjectBudgetFactory(coalitie=coalitie, jaar=jaar, budget=Decimal(budget), profijt=profijt)
    for organisatie, variant in varianten.items():
        extra = {}
        if isinstance(variant, tuple):
            variant, extra = variant
        DeelnameFactory(coalitie=coalitie, organisatie=gemeenten[organisatie], variant=variant, **extra)
    return coalitie


def voorbeeld_netwerk() -> SimpleNamespace:
    """The seven gemeenten, Gorinchem as admitted partner, 2026 adopted as in the issue's example:
    component 1 € 250.000 by 30 % fixed base + inhabitants, component 2 € 400.000 by inhabitants with
    Gorinchem paying € 10.000, and Fietsroute (€ 90.000) with all four variants."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    gorinchem = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    Inwonertal.objects.get_or_create(organisatie=gorinchem, peildatum=datetime.date(2024, 1, 1), defaults={"aantal": 38000})
    jaar = BegrotingsjaarFactory(
        jaar=2026, component_1_sleutel="vaste_voet_inwoners", component_1_vaste_voet_pct=Decimal("30")
    )
    VasteBijdrageFactory(begrotingsjaar=jaar, organisatie=gorinchem, bedrag=Decimal("10000.00"))
    fietsroute = coalitie_met_deelnames("Fietsroute", gemeenten, {
        "Dordrecht": "volledig",
        "Sliedrecht": ("solidariteit", {"solidariteitsbijdrage": Decimal("5000.00")}),
        "Papendrecht": ("instap", {"instapdatum": datetime.date(2026, 7, 1), "instapfee": Decimal("2500.00")}),
        "Zwijndrecht": "geen",
    })
    return SimpleNamespace(gemeenten=gemeenten, gorinchem=gorinchem, begrotingsjaar=jaar, fietsroute=fietsroute)
