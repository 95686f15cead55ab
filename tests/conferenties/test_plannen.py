"""Planning a meeting of the network in the portal: the meeting, its programme, pitches, café tables,
invitations, attendance and the short report; bad input changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from conferenties import services
from conferenties.models import Cafetafel, Deelnemer, Pitch, Programmaonderdeel, Werkconferentie
from drechtsteden.models import Organisatie, Rol
from meldingen.models import Melding
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisator():
    gemeenten = drechtsteden()
    return GebruikerFactory(organisatie=gemeenten[0], rollen=[Rol.Soort.PROGRAMMAMANAGER])


@pytest.fixture
def conferentie(organisator):
    return services.conferentie_create(door=organisator, soort=Werkconferentie.Soort.INSPIRATIEDAG,
                                       titel="Inspiratiedag 2027", datum=datetime.date(2027, 6, 10))


def test_new_meeting_with_dutch_date_and_bad_input(client, organisator):
    client.force_login(organisator)
    url = reverse("conferenties:nieuw")
    assert client.get(url).status_code == 200
    response = client.post(url, {"soort": "netwerkbijeenkomst", "titel": "x" * 201, "datum": "31-02-2027", "rondes": "0"})
    html = response.content.decode()
    assert response.status_code == 200 and not Werkconferentie.objects.exists()
    assert 'id="id_datum_error"' in html and 'id="id_titel_error"' in html and 'id="id_rondes_error"' in html
    response = client.post(url, {"soort": "netwerkbijeenkomst", "titel": "Netwerkbijeenkomst Q1", "datum": "04-03-2027",
                                 "rondes": "3"})
    conferentie = Werkconferentie.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("conferenties:detail", args=[conferentie.pk])
    assert conferentie.datum == datetime.date(2027, 3, 4) and conferentie.soort == "netwerkbijeenkomst"
    # The same form sent again (a double click, a resent page) plans nothing new.
    nogmaals = client.post(url, {"soort": "netwerkbijeenkomst", "titel": "Netwerkbijeenkomst Q1", "datum": "2027-03-04",
                                 "rondes": "3"})
    assert "Deze bijeenkomst staat al gepland op deze datum." in nogmaals.content.decode()
    assert Werkconferentie.objects.count() == 1


def test_programme_slots_may_not_overlap_or_end_before_they_begin(client, organisator, conferentie):
    client.force_login(organisator)
    url = reverse("conferenties:programma_toevoegen", args=[conferentie.pk])
    ok = {"programma-begint_om": "09:30", "programma-eindigt_om": "10.00", "programma-soort": "opening",
          "programma-titel": "Opening door de dagvoorzitter"}
    assert client.post(url, ok).status_code == 302
    overlap = client.post(url, ok | {"programma-begint_om": "09:45", "programma-eindigt_om": "10:15"}).content.decode()
    assert "Dit valt samen met" in overlap
    omgekeerd = client.post(url, ok | {"programma-begint_om": "11:00", "programma-eindigt_om": "10:30"}).content.decode()
    assert "Een onderdeel eindigt na het begin." in omgekeerd
    assert list(Programmaonderdeel.objects.values_list("titel", flat=True)) == ["Opening door de dagvoorzitter"]


def test_tables_get_the_next_number_and_at_most_a_duo_of_secretaries(client, organisator, conferentie):
    secretarissen = [GebruikerFactory(organisatie=o, rollen=[Rol.Soort.GEMEENTESECRETARIS])
                     for o in Organisatie.objects.drechtstedengemeenten().order_by("naam")[:3]]
    client.force_login(organisator)
    url = reverse("conferenties:cafetafel_toevoegen", args=[conferentie.pk])
    for thema in ("Sturing", "Belangen"):
        assert client.post(url, {"cafetafel-thema": thema, "cafetafel-stelling": f"Stelling over {thema.lower()}.",
                                 "cafetafel-moderatoren": [s.pk for s in secretarissen[:2]]}).status_code == 302
    nogmaals = client.post(url, {"cafetafel-thema": "Belangen", "cafetafel-stelling": "Stelling over belangen."})
    assert "Deze tafel met deze stelling staat er al." in nogmaals.content.decode()
    html = client.post(url, {"cafetafel-thema": "Drie", "cafetafel-stelling": "Te veel.",
                             "cafetafel-moderatoren": [s.pk for s in secretarissen]}).content.decode()
    assert "kies ten hoogste twee moderatoren" in html
    assert list(Cafetafel.objects.values_list("nummer", "thema")) == [(1, "Sturing"), (2, "Belangen")]
    assert set(Cafetafel.objects.get(nummer=1).moderatoren.all()) == set(secretarissen[:2])
    # A user who is no secretary cannot be chosen as moderator.
    bestuurder = GebruikerFactory(organisatie=secretarissen[0].organisatie, rollen=[Rol.Soort.BESTUURDER])
    html = client.post(url, {"cafetafel-thema": "X", "cafetafel-stelling": "Y", "cafetafel-moderatoren": [bestuurder.pk]})
    assert Cafetafel.objects.count() == 2 and 'id="id_cafetafel-moderatoren_error"' in html.content.decode()


def test_pitch_once_per_college(client, organisator, conferentie):
    client.force_login(organisator)
    url = reverse("conferenties:pitch_toevoegen", args=[conferentie.pk])
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    data = {"pitch-organisatie": dordrecht.pk, "pitch-max_minuten": "3", "pitch-stip_op_horizon": "Eén regio."}
    assert client.post(url, data).status_code == 302
    assert "Dit college pitcht al." in client.post(url, data).content.decode()
    assert client.post(url, data | {"pitch-max_minuten": "60"}).status_code == 200
    assert Pitch.objects.count() == 1


def test_inviting_by_role_and_organisation_twice_invites_once(client, organisator, conferentie,
                                                              django_capture_on_commit_callbacks):
    dordrecht, zwijndrecht = Organisatie.objects.get(naam="Dordrecht"), Organisatie.objects.get(naam="Zwijndrecht")
    raadsleden = [GebruikerFactory(organisatie=o, rollen=[Rol.Soort.RAADSLID]) for o in (dordrecht, dordrecht, zwijndrecht)]
    GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID], is_active=False)
    client.force_login(organisator)
    url = reverse("conferenties:uitnodigen", args=[conferentie.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"uitnodigen-rollen": ["raadslid"], "uitnodigen-organisaties": [dordrecht.pk]}).status_code == 302
    assert set(Deelnemer.objects.values_list("gebruiker", flat=True)) == {raadsleden[0].pk, raadsleden[1].pk}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"uitnodigen-rollen": ["raadslid"]}).status_code == 302
    # Each invitee hears it once (in the portal; the mail follows from the worker), with a link to the meeting.
    uitnodigingen = Melding.objects.filter(soort="uitnodiging")
    assert sorted(uitnodigingen.values_list("ontvanger", flat=True)) == sorted(r.pk for r in raadsleden)
    assert {m.url for m in uitnodigingen} == {reverse("conferenties:detail", args=[conferentie.pk])}
    assert uitnodigingen.first().onderwerp == "Uitnodiging: Inspiratiedag 2027, 10-06-2027"
    assert Deelnemer.objects.count() == 3 and all(d.uitgenodigd_op for d in Deelnemer.objects.all())
    assert client.post(url, {"uitnodigen-rollen": []}).status_code == 200
    assert client.post(url, {"uitnodigen-rollen": ["koning"]}).status_code == 200
    assert Deelnemer.objects.count() == 3


def test_attendance_and_report(client, organisator, conferentie):
    deelnemers = [Deelnemer.objects.create(conferentie=conferentie, gebruiker=GebruikerFactory(organisatie=o))
                  for o in Organisatie.objects.drechtstedengemeenten().order_by("naam")[:3]]
    ander = services.conferentie_create(door=organisator, soort="werkconferentie", titel="Ander", datum=datetime.date(2027, 1, 5))
    vreemd = Deelnemer.objects.create(conferentie=ander, gebruiker=GebruikerFactory(organisatie=deelnemers[0].gebruiker.organisatie))
    client.force_login(organisator)
    url = reverse("conferenties:aanwezigheid", args=[conferentie.pk])
    assert client.post(url, {"aanwezig": [deelnemers[0].pk, vreemd.pk]}).status_code == 200
    assert not Deelnemer.objects.filter(aanwezig__isnull=False).exists()
    assert client.post(url, {"aanwezig": [deelnemers[0].pk, deelnemers[2].pk]}).status_code == 302
    assert list(Deelnemer.objects.filter(conferentie=conferentie).order_by("pk").values_list("aanwezig", flat=True)) == [
        True, False, True]
    html = client.get(reverse("conferenties:detail", args=[conferentie.pk])).content.decode()
    assert "2 van 3 deelnemers waren aanwezig." in html

    verslag_url = reverse("conferenties:verslag", args=[conferentie.pk])
    assert client.post(verslag_url, {"verslag": "Drie tafels, één boodschap: de basis eerst."}).status_code == 302
    assert client.post(verslag_url, {"verslag": "x" * 10_001}).status_code == 200
    conferentie.refresh_from_db()
    assert conferentie.verslag == "Drie tafels, één boodschap: de basis eerst."


def test_only_organisers_plan(client, conferentie):
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[Rol.Soort.BESTUURDER])
    client.force_login(bestuurder)
    assert client.get(reverse("conferenties:nieuw")).status_code == 403
    assert client.post(reverse("conferenties:verslag", args=[conferentie.pk]), {"verslag": "Nee"}).status_code == 403
    assert client.post(reverse("conferenties:verslag", args=[999_999]), {"verslag": "Nee"}).status_code == 404
    html = client.get(reverse("conferenties:detail", args=[conferentie.pk])).content.decode()
    assert "Onderdeel toevoegen" not in html and "Verslag opslaan" not in html
    conferentie.refresh_from_db()
    assert conferentie.verslag == ""
