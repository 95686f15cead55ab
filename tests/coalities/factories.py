"""factory_boy factories for coalities."""

import datetime
from decimal import Decimal

import factory

from coalities.models import Coalitie, Deelname, Toezegging
from tafels.models import BestuurlijkeTafel
from tests.factories import OrganisatieFactory, ThemaFactory
from tests.tafels.factories import LidmaatschapFactory, TafelFactory


class CoalitieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalitie

    naam = factory.Sequence(lambda n: f"Coalitie {n}")
    thema = factory.SubFactory(ThemaFactory)
    trekker = factory.SubFactory(OrganisatieFactory)
    status = Coalitie.Status.IN_VORMING
    startdatum = datetime.date(2026, 1, 1)
    doel = "Samen sneller resultaat."


class DeelnameFactory(factory.django.DjangoModelFactory):
    """A deelname; without variant-specific traits it is 'geen'."""

    class Meta:
        model = Deelname

    coalitie = factory.SubFactory(CoalitieFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    variant = Deelname.Variant.GEEN

    class Params:
        solidair = factory.Trait(variant=Deelname.Variant.SOLIDARITEIT, solidariteitsbijdrage=Decimal("5000"))
        instapper = factory.Trait(
            variant=Deelname.Variant.INSTAP, instapdatum=datetime.date(2026, 7, 1), instapfee=Decimal("2500")
        )


class ToezeggingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toezegging

    deelname = factory.SubFactory(DeelnameFactory, variant=Deelname.Variant.VOLLEDIG)
    soort = Toezegging.Soort.GELD
    hoeveelheid = Decimal("10000")
    eenheid = Toezegging.Eenheid.EURO
    jaar_van = 2026
    jaar_tot = 2027


def volledig(**kwargs) -> Deelname:
    """A volledig deelname with one commitment of money, as the rules ask."""
    deelname = DeelnameFactory(variant=Deelname.Variant.VOLLEDIG, **kwargs)
    ToezeggingFactory(deelname=deelname)
    return deelname


def tafel_met_gemeenten(gemeenten, **kwargs) -> BestuurlijkeTafel:
    tafel = TafelFactory(**kwargs)
    for gemeente in gemeenten:
        LidmaatschapFactory(tafel=tafel, organisatie=gemeente)
    return tafel


def beheerder():
    """A beheerder: may change every coalition, deelname and commitment (the services ask for a ``door``)."""
    from drechtsteden.models import Rol
    from tests.factories import GebruikerFactory

    return GebruikerFactory(rollen=[Rol.Soort.BEHEERDER])
