"""factory_boy factories for the network core."""

import datetime

import factory

from drechtsteden.models import Gebruiker, Inwonertal, Organisatie, Rol, Thema

WACHTWOORD = "Test-wachtwoord-2026"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    soort = Organisatie.Soort.DRECHTSTEDENGEMEENTE
    cbs_code = factory.Sequence(lambda n: f"GM{(9000 + n) % 10000:04d}")


class PartnerFactory(OrganisatieFactory):
    naam = factory.Sequence(lambda n: f"Partner {n}")
    soort = Organisatie.Soort.BEDRIJF
    cbs_code = ""


class InwonertalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inwonertal

    organisatie = factory.SubFactory(OrganisatieFactory)
    peildatum = datetime.date(2024, 1, 1)
    aantal = 25_000


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisatie = factory.SubFactory(OrganisatieFactory)
    password = factory.django.Password(WACHTWOORD)

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        """``GebruikerFactory(rollen=[Rol.Soort.GEMEENTESECRETARIS])``; a bestuurder becomes wethouder."""
        if not create or not extracted:
            return
        for rol in extracted:
            functie = Rol.Bestuursfunctie.WETHOUDER if rol == Rol.Soort.BESTUURDER else ""
            Rol.objects.create(gebruiker=self, rol=rol, bestuursfunctie=functie)


def drechtsteden() -> list[Organisatie]:
    """The seven real gemeenten with their demo inhabitants, as ``demo_data`` loads them."""
    from drechtsteden.demo import GEMEENTEN, PEILDATUM

    gemeenten = []
    for naam, code, inwoners in GEMEENTEN:
        gemeente = OrganisatieFactory(naam=naam, cbs_code=code)
        Inwonertal.objects.get_or_create(organisatie=gemeente, peildatum=PEILDATUM, defaults={"aantal": inwoners})
        gemeenten.append(gemeente)
    return gemeenten
