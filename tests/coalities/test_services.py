import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coalities import services
from coalities.models import Deelname, Realisatie, Toezegging
from coalities.services import ToezeggingGegevens
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory, volledig, beheerder
from tests.factories import GebruikerFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

GELD = ToezeggingGegevens(
    soort="geld", hoeveelheid=Decimal("10000"), eenheid="euro", omschrijving="", jaar_van=2026, jaar_tot=2027
)
KENNIS = ToezeggingGegevens(
    soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Verkeerskundige kennis", jaar_van=2026, jaar_tot=2026
)


def _codes(exc: ValidationError) -> set[str]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


def test_solidariteit_without_contribution_is_refused_by_the_database():
    """The database itself refuses a solidarity deelname without a contribution > 0."""
    deelname = DeelnameFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelname.objects.filter(pk=deelname.pk).update(variant="solidariteit", solidariteitsbijdrage=0)


def test_instap_without_fee_is_refused_by_the_database():
    """An instap deelname needs both an entry date and a stated fee, also at database level."""
    deelname = DeelnameFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelname.objects.filter(pk=deelname.pk).update(variant="instap", instapdatum=datetime.date(2026, 5, 1))


def test_geen_with_an_amount_is_refused_by_the_database():
    """'Geen deelname' carries no amounts."""
    deelname = DeelnameFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deelname.objects.filter(pk=deelname.pk).update(solidariteitsbijdrage=100)


def test_volledig_needs_a_commitment():
    """Volledige participatie without any commitment is refused with code toezegging_nodig."""
    coalitie = CoalitieFactory()
    with pytest.raises(ValidationError) as exc:
        services.deelname_create(coalitie=coalitie, organisatie=OrganisatieFactory(), variant="volledig", door=beheerder())
    assert _codes(exc.value) == {"toezegging_nodig"}
    assert not Deelname.objects.exists()


def test_volledig_with_first_commitment_is_saved_with_history():
    """A volledig choice with its first commitment saves both, with the user in the history."""
    coalitie = CoalitieFactory()
    gebruiker = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    deelname = services.deelname_create(
        coalitie=coalitie, organisatie=gebruiker.organisatie, variant="volledig", door=gebruiker, eerste_toezegging=GELD,
    )
    assert deelname.toezeggingen.get().hoeveelheid == Decimal("10000")
    assert deelname.history.get().history_user == gebruiker
    assert deelname.toezeggingen.get().history.get().history_user == gebruiker


def test_solidariteit_needs_a_positive_contribution():
    """Solidariteit with no contribution is refused; with € 5.000 it is saved."""
    coalitie = CoalitieFactory()
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError) as exc:
        services.deelname_create(coalitie=coalitie, organisatie=organisatie, variant="solidariteit", door=beheerder())
    assert "solidariteit_zonder_bijdrage" in _codes(exc.value)
    deelname = services.deelname_create(
        coalitie=coalitie, organisatie=organisatie, variant="solidariteit", solidariteitsbijdrage=Decimal("5000"), door=beheerder(),
    )
    assert deelname.solidariteitsbijdrage == Decimal("5000")


def test_instap_date_must_lie_after_the_start():
    """An instap date on or before the coalition's start is refused; a later one is accepted."""
    coalitie = CoalitieFactory(startdatum=datetime.date(2026, 3, 1))
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError) as exc:
        services.deelname_create(
            coalitie=coalitie, organisatie=organisatie, variant="instap", instapdatum=datetime.date(2026, 3, 1), instapfee=Decimal("0"), eerste_toezegging=GELD, door=beheerder(),
        )
    assert _codes(exc.value) == {"instap_voor_start"}
    deelname = services.deelname_create(
        coalitie=coalitie, organisatie=organisatie, variant="instap", instapdatum=datetime.date(2026, 9, 1), instapfee=Decimal("0"), eerste_toezegging=GELD, door=beheerder(),
    )
    assert deelname.instapfee == Decimal("0")


def test_instap_without_coalition_start_is_refused():
    """Without a start date of the coalition no instap can be planned."""
    coalitie = CoalitieFactory(startdatum=None)
    with pytest.raises(ValidationError) as exc:
        services.deelname_create(
            coalitie=coalitie, organisatie=OrganisatieFactory(), variant="instap", instapdatum=datetime.date(2026, 9, 1), instapfee=Decimal("10"), eerste_toezegging=GELD, door=beheerder(),
        )
    assert _codes(exc.value) == {"instap_zonder_start"}


def test_switching_to_geen_with_commitments_is_refused():
    """A party with commitments cannot become 'geen' before they are withdrawn."""
    deelname = volledig()
    with pytest.raises(ValidationError) as exc:
        services.deelname_update(
            coalitie=deelname.coalitie, organisatie=deelname.organisatie, variant="geen", versie=deelname.versie, door=beheerder())
    assert _codes(exc.value) == {"toezeggingen_aanwezig"}
    assert "trek eerst de toezegging in." in " ".join(exc.value.messages)  # one commitment: no "toezegging(en)"
    deelname.refresh_from_db()
    assert deelname.variant == "volledig"
    assert deelname.versie == 1


def test_stale_version_is_refused_and_shows_the_other_change():
    """The second of two edits from the same version is refused with who changed what."""
    coalitie = CoalitieFactory()
    organisatie = OrganisatieFactory(naam="Papendrecht", cbs_code="GM0590")
    eerste = GebruikerFactory(
        first_name="Fatima", last_name="El Amrani", organisatie=organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]
    )
    deelname = services.deelname_create(
        coalitie=coalitie, organisatie=organisatie, variant="geen", door=eerste
    )
    services.deelname_update(
        coalitie=coalitie, organisatie=organisatie, variant="solidariteit", versie=1, door=eerste,
        solidariteitsbijdrage=Decimal("7500"),
    )
    with pytest.raises(ValidationError) as exc:
        services.deelname_update(
            coalitie=coalitie, organisatie=organisatie, variant="geen", versie=1,
            door=GebruikerFactory(organisatie=organisatie, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        )
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    bericht = exc.value.messages[0]
    assert "Fatima El Amrani" in bericht
    assert "Geen deelname → Solidariteit" in bericht
    assert "€\u00a07.500,00" in bericht
    deelname.refresh_from_db()
    assert (deelname.variant, deelname.versie) == ("solidariteit", 2)


def test_second_first_choice_is_refused():
    """Two people recording the first choice at once: the second is told a choice exists."""
    deelname = DeelnameFactory()
    with pytest.raises(ValidationError) as exc:
        services.deelname_create(
            coalitie=deelname.coalitie, organisatie=deelname.organisatie, variant="geen", door=beheerder())
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}


def test_commitment_on_solidarity_party_is_refused():
    """Only volledig and instap parties make commitments."""
    deelname = DeelnameFactory(solidair=True)
    with pytest.raises(ValidationError) as exc:
        services.toezegging_create(deelname=deelname, gegevens=GELD, door=beheerder())
    assert _codes(exc.value) == {"toezeggingen_niet_bij_variant"}


def test_last_commitment_of_volledig_cannot_be_withdrawn():
    """The only commitment of a volledig party stays; a second one can be withdrawn."""
    deelname = volledig()
    enige = deelname.toezeggingen.get()
    with pytest.raises(ValidationError) as exc:
        services.toezegging_delete(toezegging=enige, versie=enige.versie, door=beheerder())
    assert _codes(exc.value) == {"laatste_toezegging"}
    tweede = services.toezegging_create(deelname=deelname, gegevens=KENNIS, door=beheerder())
    services.toezegging_delete(toezegging=tweede, versie=tweede.versie, door=beheerder())
    assert list(deelname.toezeggingen.all()) == [enige]


def test_commitment_update_with_stale_version_is_refused():
    """A commitment edited from an old version is refused and keeps the other change."""
    toezegging = ToezeggingFactory()
    nieuw = ToezeggingGegevens(**{**GELD.__dict__, "hoeveelheid": Decimal("20000")})
    services.toezegging_update(toezegging=toezegging, versie=1, gegevens=nieuw, door=beheerder())
    with pytest.raises(ValidationError) as exc:
        services.toezegging_update(toezegging=toezegging, versie=1, gegevens=GELD, door=beheerder())
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    assert "10.000,00 → 20.000,00" in exc.value.messages[0]
    toezegging.refresh_from_db()
    assert toezegging.hoeveelheid == Decimal("20000")


def test_commitment_kinds_need_their_unit():
    """Money is in euro, people in hours or fte, knowledge as text."""
    deelname = volledig()
    for gegevens in (
        ToezeggingGegevens("geld", Decimal("5"), "uren", "", 2026, 2026),
        ToezeggingGegevens("menskracht", None, "fte", "", 2026, 2026),
        ToezeggingGegevens("kennis", None, "", "", 2026, 2026),
        ToezeggingGegevens("kennis", None, "", "x", 2027, 2026),
    ):
        with pytest.raises(ValidationError):
            services.toezegging_create(deelname=deelname, gegevens=gegevens, door=beheerder())
    services.toezegging_create(deelname=deelname, gegevens=ToezeggingGegevens("menskracht", Decimal("0.4"), "fte", "", 2026, 2027), door=beheerder())
    assert deelname.toezeggingen.count() == 2


def test_realisatie_per_period_within_the_commitment_years():
    """Delivered amounts are recorded per period inside the commitment's years; a second entry for the
    period is refused with the row to edit, and a correction carries the version it was read with."""
    toezegging = ToezeggingFactory()
    door = beheerder()
    realisatie = services.realisatie_create(
        toezegging=toezegging, jaar=2026, kwartaal=1, hoeveelheid=Decimal("2000"), door=door
    )
    with pytest.raises(services.PeriodeBezet) as exc:
        services.realisatie_create(toezegging=toezegging, jaar=2026, kwartaal=1, hoeveelheid=Decimal("2500"), door=door)
    assert exc.value.bestaande == realisatie
    assert exc.value.messages == ["Voor deze periode is al een realisatie vastgelegd."]
    services.realisatie_update(realisatie=realisatie, versie=1, hoeveelheid=Decimal("2500"), toelichting="", door=door)
    with pytest.raises(ValidationError) as exc:
        services.realisatie_update(realisatie=realisatie, versie=1, hoeveelheid=Decimal("3000"), toelichting="", door=door)
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    assert Realisatie.objects.get().hoeveelheid == Decimal("2500")
    assert Realisatie.history.count() == 2
    with pytest.raises(ValidationError):
        services.realisatie_create(toezegging=toezegging, jaar=2030, kwartaal=None, hoeveelheid=Decimal("1"), door=beheerder())
    with pytest.raises(ValidationError):
        services.toezegging_delete(toezegging=toezegging, versie=toezegging.versie, door=beheerder())


def test_instap_becomes_volledig_on_the_entry_date():
    """On the entry date an instap party becomes volledig, recorded in the history; before it stays instap."""
    deelname = DeelnameFactory(instapper=True)
    ToezeggingFactory(deelname=deelname)
    assert services.instap_omzetten(peildatum=datetime.date(2026, 6, 30), door=systeem()) == []
    omgezet = services.instap_omzetten(peildatum=datetime.date(2026, 7, 1), door=systeem())
    assert [d.pk for d in omgezet] == [deelname.pk]
    deelname.refresh_from_db()
    assert deelname.variant == "volledig"
    assert deelname.instapdatum == datetime.date(2026, 7, 1) and deelname.instapfee is not None
    laatste = deelname.history.first()
    assert laatste.history_change_reason.startswith("Instapdatum bereikt")
    assert laatste.prev_record.variant == "instap"


def test_moving_the_start_past_an_instap_date_is_refused():
    """The coalition's start cannot move to on or after a planned instap date."""
    deelname = DeelnameFactory(instapper=True)
    ToezeggingFactory(deelname=deelname)
    with pytest.raises(ValidationError) as exc:
        services.coalitie_update(coalitie=deelname.coalitie, startdatum=datetime.date(2026, 8, 1), door=beheerder())
    assert _codes(exc.value) == {"instap_voor_start"}


def test_toezegging_totals():
    """Money and hours per year add up over the years; fte is a level, not a sum."""
    geld = ToezeggingFactory.build(hoeveelheid=Decimal("1000"), jaar_van=2026, jaar_tot=2028)
    fte = ToezeggingFactory.build(soort="menskracht", eenheid=Toezegging.Eenheid.FTE, hoeveelheid=Decimal("0.5"))
    assert geld.totaal_toegezegd == Decimal("3000")
    assert fte.totaal_toegezegd == Decimal("0.5")
