"""A realisation records what was delivered, and a progress report how it went, in a period that has begun:
not in a quarter or year still to come. The refusal says why in Dutch and saves nothing; the current quarter
is accepted."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coalities import services
from coalities.models import Realisatie, Voortgangsrapportage
from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory, ToezeggingFactory, beheerder, tafel_met_gemeenten, volledig
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = pytest.mark.django_db


def _kwartaal(datum: datetime.date) -> tuple[int, int]:
    return datum.year, (datum.month - 1) // 3 + 1


def _volgend_kwartaal(datum: datetime.date) -> tuple[int, int]:
    jaar, kwartaal = _kwartaal(datum)
    return (jaar, kwartaal + 1) if kwartaal < 4 else (jaar + 1, 1)


@pytest.fixture
def toezegging():
    """Papendrecht's money commitment from this year through next year, and a colleague who records it."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    tafel = tafel_met_gemeenten(gemeenten.values(), naam="Tafel Bereikbaarheid")
    coalitie = CoalitieFactory(naam="Regionale fietsroutes", tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"])
    jaar = timezone.localdate().year
    deelname = volledig(coalitie=coalitie, organisatie=gemeenten["Papendrecht"])
    deelname.toezeggingen.update(jaar_van=jaar, jaar_tot=jaar + 1)
    toezegging = deelname.toezeggingen.get()
    toezegging.medewerker = GebruikerFactory(organisatie=gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    return toezegging


def test_next_quarter_is_refused_in_dutch_and_nothing_is_saved(client, toezegging):
    """Entering the quarter after this one shows when it begins, at the quarter field; nothing is saved."""
    jaar, kwartaal = _volgend_kwartaal(timezone.localdate())
    begin = datetime.date(jaar, 3 * (kwartaal - 1) + 1, 1)
    client.force_login(toezegging.medewerker)
    antwoord = client.post(reverse("coalities:realisatie_nieuw", args=[toezegging.pk]),
                           {"jaar": str(jaar), "kwartaal": str(kwartaal), "hoeveelheid": "2500"})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    maanden = ["januari", "april", "juli", "oktober"]
    assert (
        f"Een realisatie legt u vast voor een periode die al begonnen is; {jaar} K{kwartaal} begint op "
        f"1 {maanden[kwartaal - 1]} {begin.year}."
    ) in html
    assert 'id="id_kwartaal_error"' in html
    assert not Realisatie.objects.exists()


def test_next_year_as_a_whole_is_refused(client, toezegging):
    """A realisation for the whole of next year waits until 1 January; the message is at the year field."""
    jaar = timezone.localdate().year + 1
    client.force_login(toezegging.medewerker)
    html = client.post(reverse("coalities:realisatie_nieuw", args=[toezegging.pk]),
                       {"jaar": str(jaar), "hoeveelheid": "2500"}).content.decode()
    assert f"{jaar} begint op 1 januari {jaar}." in html and 'id="id_jaar_error"' in html
    assert not Realisatie.objects.exists()


def test_current_quarter_and_current_year_are_recorded(client, toezegging):
    """The quarter that is running now, and this year as a whole, are accepted through the form."""
    jaar, kwartaal = _kwartaal(timezone.localdate())
    client.force_login(toezegging.medewerker)
    url = reverse("coalities:realisatie_nieuw", args=[toezegging.pk])
    assert f'value="{jaar}"' in client.get(url).content.decode()  # the form proposes this year
    assert client.post(url, {"jaar": str(jaar), "kwartaal": str(kwartaal), "hoeveelheid": "2500"}).status_code == 302
    assert client.post(url, {"jaar": str(jaar), "hoeveelheid": "10000"}).status_code == 302
    assert set(Realisatie.objects.values_list("jaar", "kwartaal", "hoeveelheid")) == {
        (jaar, kwartaal, Decimal("2500")), (jaar, None, Decimal("10000")),
    }


@pytest.mark.parametrize(
    ("vandaag", "kwartaal", "toegestaan"),
    [
        (datetime.date(2027, 3, 31), 2, False),  # the day before the quarter begins
        (datetime.date(2027, 4, 1), 2, True),  # its first day
        (datetime.date(2027, 4, 1), 3, False),
        (datetime.date(2027, 12, 31), 4, True),
    ],
)
def test_a_quarter_can_be_entered_from_its_first_day(monkeypatch, vandaag, kwartaal, toegestaan):
    """The boundary is the first day of the quarter, in the portal's time zone."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: vandaag)
    toezegging = ToezeggingFactory(jaar_van=2027, jaar_tot=2027)
    if toegestaan:
        services.realisatie_create(toezegging=toezegging, jaar=2027, kwartaal=kwartaal, hoeveelheid=Decimal("1"),
                                   door=beheerder())
        assert Realisatie.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as fout:
            services.realisatie_create(toezegging=toezegging, jaar=2027, kwartaal=kwartaal, hoeveelheid=Decimal("1"),
                                       door=beheerder())
        assert fout.value.error_dict["kwartaal"][0].code == "periode_niet_begonnen"
        assert not Realisatie.objects.exists()


def test_correcting_a_realisation_of_a_period_to_come_is_refused(client, toezegging):
    """A row entered for a period that has not begun (before this rule) cannot be corrected until it
    begins: the message is shown and the row keeps its amount."""
    jaar, kwartaal = _volgend_kwartaal(timezone.localdate())
    realisatie = Realisatie.objects.create(toezegging=toezegging, jaar=jaar, kwartaal=kwartaal, hoeveelheid=Decimal("1"))
    client.force_login(toezegging.medewerker)
    html = client.post(reverse("coalities:realisatie", args=[realisatie.pk]),
                       {"hoeveelheid": "2", "toelichting": "", "versie": str(realisatie.versie)}).content.decode()
    assert "Een realisatie legt u vast voor een periode die al begonnen is" in html
    realisatie.refresh_from_db()
    assert realisatie.hoeveelheid == Decimal("1")


def test_the_coalition_page_offers_a_realisation_from_the_first_year_of_the_commitment(client, toezegging):
    """A commitment that starts next year shows when a realisation can be entered instead of the link."""
    client.force_login(toezegging.medewerker)
    coalitie = toezegging.deelname.coalitie
    url_nieuw = reverse("coalities:realisatie_nieuw", args=[toezegging.pk])
    assert url_nieuw in client.get(reverse("coalities:detail", args=[coalitie.pk])).content.decode()
    volgend_jaar = timezone.localdate().year + 1
    type(toezegging).objects.filter(pk=toezegging.pk).update(jaar_van=volgend_jaar, jaar_tot=volgend_jaar)
    html = client.get(reverse("coalities:detail", args=[coalitie.pk])).content.decode()
    assert url_nieuw not in html and f"realisatie vanaf {volgend_jaar}" in html


def test_progress_of_the_next_quarter_is_refused_and_the_running_quarter_recorded(client, toezegging):
    """The trekker's staff report progress on the quarter that runs now; the next one is refused at the quarter
    field with the day it begins, and nothing is saved."""
    coalitie = toezegging.deelname.coalitie
    medewerker = GebruikerFactory(organisatie=coalitie.trekker, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    client.force_login(medewerker)
    url = reverse("coalities:voortgang_nieuw", args=[coalitie.pk])
    jaar, kwartaal = _volgend_kwartaal(timezone.localdate())
    html = client.post(url, {"jaar": str(jaar), "kwartaal": str(kwartaal), "status": "op_koers",
                             "tekst": "Op schema."}).content.decode()
    assert f"Een voortgangsrapportage legt u vast voor een periode die al begonnen is; {jaar} K{kwartaal}" in html
    assert 'id="id_kwartaal_error"' in html and "Op schema." in html  # what was typed stays
    assert not Voortgangsrapportage.objects.exists()
    html = client.post(url, {"jaar": str(timezone.localdate().year + 1), "status": "op_koers",
                             "tekst": "Op schema."}).content.decode()
    assert 'id="id_jaar_error"' in html
    assert not Voortgangsrapportage.objects.exists()
    jaar, kwartaal = _kwartaal(timezone.localdate())
    assert client.post(url, {"jaar": str(jaar), "kwartaal": str(kwartaal), "status": "op_koers",
                             "tekst": "Op schema."}).status_code == 302
    assert list(Voortgangsrapportage.objects.values_list("jaar", "kwartaal")) == [(jaar, kwartaal)]


@pytest.mark.parametrize(("vandaag", "toegestaan"), [(datetime.date(2027, 6, 30), False), (datetime.date(2027, 7, 1), True)])
def test_progress_can_be_reported_from_the_first_day_of_the_quarter(monkeypatch, vandaag, toegestaan):
    """The boundary for progress is the same first day of the quarter."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: vandaag)
    coalitie = CoalitieFactory()
    opslaan = lambda: services.voortgangsrapportage_create(  # noqa: E731
        coalitie=coalitie, jaar=2027, kwartaal=3, status="op_koers", mijlpalen="", tekst="x", door=beheerder())
    if toegestaan:
        opslaan()
        assert Voortgangsrapportage.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as fout:
            opslaan()
        assert fout.value.error_dict["kwartaal"][0].code == "periode_niet_begonnen"
        assert not Voortgangsrapportage.objects.exists()
