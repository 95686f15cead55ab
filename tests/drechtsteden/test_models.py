import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from drechtsteden.models import Inwonertal, Organisatie, Rol
from tests.factories import GebruikerFactory, InwonertalFactory, OrganisatieFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_gemeente_needs_cbs_code():
    """A gemeente without a valid CBS code is refused with a Dutch message."""
    gemeente = Organisatie(naam="Nergensdorp", soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE, cbs_code="0505")
    with pytest.raises(ValidationError) as exc:
        gemeente.full_clean()
    assert "CBS-gemeentecode" in str(exc.value)


def test_partner_has_no_cbs_code():
    """A triple-helix partner cannot carry a CBS gemeentecode, not even past validation."""
    with pytest.raises(IntegrityError):
        PartnerFactory(cbs_code="GM0505")


def test_actief_tot_not_before_actief_van():
    """An organisation cannot stop being active before it started."""
    organisatie = OrganisatieFactory.build(actief_van=datetime.date(2024, 1, 1), actief_tot=datetime.date(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        organisatie.full_clean()
    assert "Actief tot" in str(exc.value)


def test_inwoners_op_takes_latest_count_on_reference_date():
    """Inhabitants on a date are the latest count at or before that date."""
    gemeente = OrganisatieFactory()
    InwonertalFactory(organisatie=gemeente, peildatum=datetime.date(2023, 1, 1), aantal=20_000)
    InwonertalFactory(organisatie=gemeente, peildatum=datetime.date(2024, 1, 1), aantal=21_000)
    assert gemeente.inwoners_op(datetime.date(2023, 6, 30)).aantal == 20_000
    assert gemeente.inwoners_op(datetime.date(2025, 1, 1)).aantal == 21_000
    assert gemeente.inwoners_op(datetime.date(2022, 1, 1)) is None


def test_inwonertal_must_be_positive():
    """Zero inhabitants is refused by the database."""
    with pytest.raises(IntegrityError):
        InwonertalFactory(aantal=0)


def test_user_belongs_to_an_organisation():
    """Only a superuser may exist without an organisation."""
    with pytest.raises(IntegrityError):
        GebruikerFactory(organisatie=None)


def test_bestuurder_needs_function_and_others_have_none():
    """A bestuurder is burgemeester or wethouder; a secretary has no portfolio."""
    gebruiker = GebruikerFactory()
    with pytest.raises(ValidationError):
        Rol(gebruiker=gebruiker, rol=Rol.Soort.BESTUURDER).full_clean()
    with pytest.raises(ValidationError):
        Rol(gebruiker=gebruiker, rol=Rol.Soort.GEMEENTESECRETARIS, portefeuille="Wonen").full_clean()
    rol = Rol.objects.create(
        gebruiker=gebruiker, rol=Rol.Soort.BESTUURDER, bestuursfunctie=Rol.Bestuursfunctie.WETHOUDER, portefeuille="Wonen"
    )
    assert str(rol) == "Wethouder (Wonen)"


def test_user_can_hold_several_roles():
    """Roles add up; a raadslid alone only reads."""
    raadslid = GebruikerFactory(rollen=[Rol.Soort.RAADSLID])
    coordinator = GebruikerFactory(rollen=[Rol.Soort.RAADSLID, Rol.Soort.COORDINEREND_AMBTENAAR])
    assert raadslid.alleen_lezen
    assert not coordinator.alleen_lezen
    assert coordinator.heeft_rol(Rol.Soort.COORDINEREND_AMBTENAAR)
    assert not coordinator.heeft_rol(Rol.Soort.BEHEERDER)


def test_history_is_kept_for_inwonertal():
    """Every change of an inhabitant count is kept with its previous value."""
    inwonertal = InwonertalFactory(aantal=1000)
    inwonertal.aantal = 1100
    inwonertal.save()
    assert [h.aantal for h in inwonertal.history.order_by("history_date")] == [1000, 1100]
    assert Inwonertal.history.count() == 2


def test_the_signed_in_user_comes_with_their_roles_and_organisation_in_one_query(client, django_assert_num_queries):
    """Each request reads the user, their role codes and their organisation together: a role check or the
    header's organisation costs no query of its own, a user without roles has none, and a deactivated user is
    signed out."""
    from django.contrib.auth import get_user
    from django.contrib.auth.models import AnonymousUser

    beide = GebruikerFactory(rollen=[Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.PROGRAMMAMEDEWERKER])
    geen = GebruikerFactory()
    for gebruiker, rollen in ((beide, {"gemeentesecretaris", "programmamedewerker"}), (geen, set())):
        client.force_login(gebruiker)
        verzoek = type("Verzoek", (), {"session": client.session})()
        assert verzoek.session.keys()  # the session itself is read before
        with django_assert_num_queries(1):
            gelezen = get_user(verzoek)
            assert gelezen.rolcodes == rollen
            assert gelezen.heeft_rol(Rol.Soort.PROGRAMMAMEDEWERKER) == bool(rollen)
            assert gelezen.organisatie.naam == gebruiker.organisatie.naam
    geen.is_active = False
    geen.save()
    assert isinstance(get_user(type("Verzoek", (), {"session": client.session})()), AnonymousUser)


def test_roles_without_the_annotation_are_read_once():
    """A user read any other way still knows their roles, in one query of its own."""
    gebruiker = GebruikerFactory(rollen=[Rol.Soort.BESTUURDER])
    from drechtsteden.models import Gebruiker

    assert Gebruiker.objects.get(pk=gebruiker.pk).rolcodes == {"bestuurder"}
    assert Gebruiker.met_rolcodes().get(pk=gebruiker.pk).rolcodes == {"bestuurder"}
