"""Input the tafels screens must survive: out-of-range dates, double submissions, disguised uploads,
malformed ids and hidden fields. Never a 500, never a false success, never a second copy."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tafels.models import Aanwezigheid, Actiepunt, Agendapunt, Besluit, Stukversie, Urgentietoets, Vergadering
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.tafels.factories import (
    PDF_BYTES,
    agendapunt,
    houden,
    na_vergadering,
    secretaris_van,
    tafel_met_leden,
    vergadering,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Wonen", thema=ThemaFactory(naam="Wonen", slug="wonen"))


def _lid(orgnaam: str = "Zwijndrecht"):
    return GebruikerFactory(organisatie=Organisatie.objects.get(naam=orgnaam), rollen=[Rol.Soort.BESTUURDER])


# --- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["9999-12-31T23:00", "0001-01-01T00:00", "1999-12-31T10:00", "2101-01-01T10:00"])
def test_meeting_outside_2000_2100_is_refused(client, tafel, waarde):
    """Planning a meeting in year 1, 1999, 2101 or 9999 gives a Dutch message and saves nothing."""
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]),
                           {"begint_om": waarde, "duur_minuten": 120, "plaats": "Dordrecht"})
    assert response.status_code == 200
    assert "Kies een datum tussen 2000 en 2100." in response.content.decode()
    assert not Vergadering.objects.exists()


@pytest.mark.parametrize(
    ("url", "veld", "data"),
    [
        ("tafels:ambitie", "vastgesteld_op", {"tekst": "Ambitie"}),
        ("financiering:toetreding_tafel", "meldingsdatum", {"besluit_referentie": "Besluit 1"}),
    ],
)
def test_table_dates_outside_2000_2100_are_refused(client, tafel, url, veld, data):
    """Dates on the ambition and partner forms are bounded too; typed Dutch dates are read."""
    client.force_login(tafel.secretaris)
    if veld == "meldingsdatum":  # a partner that can join, so the form is offered
        data = {**data, "organisatie": OrganisatieFactory(naam="Havenbedrijf", soort=Organisatie.Soort.BEDRIJF, cbs_code="").pk}
    for waarde in ("0001-01-01", "9999-12-31", "31-12-2101", "2026-02-30", "x" * 500):
        response = client.post(reverse(url, args=[tafel.pk]), {**data, veld: waarde})
        assert response.status_code == 200, waarde
        assert "utrecht-form-field-error-message" in response.content.decode(), waarde
    assert not tafel.ambities.exists()


def test_action_deadline_outside_2000_2100_is_refused(client, tafel):
    """An action with deadline 9999-12-31 is refused with the Dutch range message."""
    punt = agendapunt(vergadering(tafel))
    client.force_login(tafel.secretaris)
    response = client.post(
        reverse("tafels:actiepunt_toevoegen", args=[punt.pk]),
        {"omschrijving": "Kaart maken", "eigenaar_persoon": tafel.secretaris.pk, "deadline": "9999-12-31"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Kies een datum tussen 2000 en 2100." in response.content.decode()
    assert not Actiepunt.objects.exists()


def test_models_refuse_dates_outside_2000_2100(tafel):
    """The services' full_clean refuses an out-of-range date whatever the caller, not only the forms."""
    with pytest.raises(services.ValidationError) as fout:
        services.vergadering_create(
            tafel=tafel, begint_om=datetime.datetime(2150, 1, 1, tzinfo=datetime.UTC), door=secretaris_van(tafel),
        )
    assert fout.value.error_dict["begint_om"][0].code == "datum_bereik"
    with pytest.raises(services.ValidationError):
        services.ambitie_vaststellen(
            tafel=tafel, tekst="x", vastgesteld_op=datetime.date(1, 1, 1), door=secretaris_van(tafel),
        )


@pytest.mark.parametrize(
    "moment",
    [datetime.datetime(9999, 12, 31, 22, 0, tzinfo=datetime.UTC), datetime.datetime(1, 1, 1, 12, 0, tzinfo=datetime.UTC)],
)
def test_pages_and_feeds_survive_a_meeting_stored_out_of_range(client, tafel, moment):
    """A meeting stored before the bounds existed (year 1 or 9999) leaves the meeting page, the table page,
    the home page and every member's feeds answering 200; the feeds leave that meeting out."""
    goed = vergadering(tafel, over_dagen=10)
    fout = vergadering(tafel, over_dagen=20)
    Vergadering.objects.filter(pk=fout.pk).update(begint_om=moment, status=Vergadering.Status.AGENDA_VASTGESTELD)
    lid = _lid()
    client.force_login(tafel.secretaris)
    for url in (reverse("tafels:vergadering", args=[fout.pk]), reverse("tafels:detail", args=[tafel.pk]),
                reverse("home"), reverse("tafels:besluitenlijst", args=[fout.pk])):
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("tafels:vergadering", args=[fout.pk])).content.decode()
    assert str(moment.year) in html

    for url in (reverse("tafels:agenda_persoonlijk", args=[lid.agenda_token]),
                reverse("tafels:agenda_tafel", args=[lid.agenda_token, tafel.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        uids = {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
        assert uids == {f"vergadering-{goed.pk}@drechtsteden-portaal"}


# --- Double submissions --------------------------------------------------------------------------


def test_second_identical_meeting_is_refused(client, tafel):
    """Posting the same new meeting twice makes one meeting and shows a Dutch message the second time."""
    client.force_login(tafel.secretaris)
    data = {"begint_om": "2027-03-11T14:00", "duur_minuten": 120, "plaats": "Sliedrecht"}
    assert client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]), data).status_code == 302
    response = client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]), data)
    assert response.status_code == 200
    assert "Deze vergadering is zojuist al gepland" in response.content.decode()
    assert tafel.vergaderingen.count() == 1


def test_second_identical_agenda_item_decision_and_action_are_refused(client, tafel):
    """A second identical agenda item, decision, action or urgency test adds nothing and says so in Dutch."""
    v = vergadering(tafel, over_dagen=-1)
    client.force_login(tafel.secretaris)
    punt_data = {"nieuw-titel": "Woningbouwprogramma", "nieuw-processtap": "6_voortgang", "nieuw-soort": "bespreking",
                 "nieuw-minuten": 20}
    client.post(reverse("tafels:agendapunt_toevoegen", args=[v.pk]), punt_data, headers=HTMX)
    html = client.post(reverse("tafels:agendapunt_toevoegen", args=[v.pk]), punt_data, headers=HTMX).content.decode()
    assert "Dit agendapunt is zojuist al toegevoegd" in html
    assert v.agendapunten.filter(titel="Woningbouwprogramma").count() == 1

    toets = {"toets-titel": "Noodopvang", "toets-past_binnen_scope": "ja", "toets-capaciteit_beschikbaar": "ja",
             "toets-urgent_gevoeld": "ja", "toets-minuten": 10}
    client.post(reverse("tafels:urgentietoets", args=[v.pk]), toets, headers=HTMX)
    html = client.post(reverse("tafels:urgentietoets", args=[v.pk]), toets, headers=HTMX).content.decode()
    assert "Deze toets is zojuist al vastgelegd" in html
    assert Urgentietoets.objects.count() == 1 and v.agendapunten.filter(titel="Noodopvang").count() == 1

    houden(v)  # decisions and actions are recorded at the meeting
    punt = v.agendapunten.get(titel="Woningbouwprogramma")
    url = reverse("tafels:besluit_vastleggen", args=[punt.pk])
    client.post(url, {"tekst": "Het programma wordt vastgesteld."}, headers=HTMX)
    html = client.post(url, {"tekst": "Het programma wordt vastgesteld."}, headers=HTMX).content.decode()
    assert "Dit besluit is zojuist al vastgelegd" in html
    assert Besluit.objects.count() == 1

    url = reverse("tafels:actiepunt_toevoegen", args=[punt.pk])
    deadline = na_vergadering(v, 180)
    actie = {"omschrijving": "Locaties inventariseren", "eigenaar_persoon": tafel.secretaris.pk,
             "deadline": deadline.strftime("%d-%m-%Y")}
    client.post(url, actie, headers=HTMX)
    html = client.post(url, actie, headers=HTMX).content.decode()
    assert "Dit actiepunt is zojuist al vastgelegd" in html
    assert Actiepunt.objects.count() == 1
    assert Actiepunt.objects.get().deadline == deadline


def test_same_content_later_or_different_is_not_a_duplicate(tafel):
    """Only an exact copy within seconds is refused: another text, or the same text later, is saved."""
    punt = agendapunt(vergadering(tafel, over_dagen=-1))
    houden(punt.vergadering)
    services.besluit_vastleggen(agendapunt=punt, tekst="Besluit A", door=tafel.secretaris)
    services.besluit_vastleggen(agendapunt=punt, tekst="Besluit B", door=tafel.secretaris)
    Besluit.objects.update(vastgelegd_op=timezone.now() - datetime.timedelta(minutes=1))
    services.besluit_vastleggen(agendapunt=punt, tekst="Besluit A", door=tafel.secretaris)
    assert Besluit.objects.count() == 3


def test_htmx_forms_disable_their_button_while_the_request_runs(client, tafel):
    """Every htmx form on the meeting page disables its submit button during the request (no inline script)."""
    v = vergadering(tafel)
    agendapunt(v)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    formulieren = html.split("<form")[1:]
    htmx = [f for f in formulieren if "hx-post=" in f.split(">", 1)[0]]
    assert htmx
    for form in htmx:
        assert 'hx-disabled-elt="find button[type=\'submit\']"' in form.split(">", 1)[0] or \
            "hx-disabled-elt=\"find button\"" in form.split(">", 1)[0], form[:300]
    assert "<script>" not in html


# --- Uploads -------------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["polyglot.html", "setup.exe", "../../rapport def.PDF", ".htaccess"])
def test_upload_is_stored_and_served_with_the_extension_of_its_content(client, tafel, naam):
    """A PDF called polyglot.html or setup.exe is stored as .pdf under a random name and downloaded as a
    PDF with a safe name; the name given by the uploader never decides the extension."""
    punt = agendapunt(vergadering(tafel))
    client.force_login(tafel.secretaris)
    response = client.post(
        reverse("tafels:stuk_uploaden", args=[punt.pk]),
        {"titel": "Notitie", "bestand": SimpleUploadedFile(naam, PDF_BYTES, content_type="text/html")},
        headers=HTMX,
    )
    assert response.status_code == 200
    versie = Stukversie.objects.get()
    assert versie.bestand.name.endswith(".pdf") and "/" not in versie.bestand.name.removeprefix("tafels/stukken/")
    assert versie.bestandsnaam.endswith(".pdf") and "/" not in versie.bestandsnaam and ".." not in versie.bestandsnaam
    assert versie.mime_type == "application/pdf"

    client.force_login(_lid())
    download = client.get(reverse("tafels:stuk_download", args=[versie.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert f'filename="{versie.bestandsnaam}"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_download_of_an_old_upload_gets_the_extension_of_its_type(client, tafel):
    """A document stored earlier under its own name (rapport.html) is served as rapport.pdf."""
    punt = agendapunt(vergadering(tafel))
    versie = services.stuk_uploaden(agendapunt=punt, bestand=SimpleUploadedFile("a.pdf", PDF_BYTES), titel="Oud",
                                    door=tafel.secretaris)
    Stukversie.objects.filter(pk=versie.pk).update(bestandsnaam="rapport.html")
    client.force_login(tafel.secretaris)
    download = client.get(reverse("tafels:stuk_download", args=[versie.pk]))
    assert 'filename="rapport.pdf"' in download["Content-Disposition"]


# --- Malformed values ----------------------------------------------------------------------------


def test_attendance_with_an_invalid_value_saves_nothing_and_says_so(client, tafel):
    """An attendance value outside the list gives a Dutch error and saves none of the other values either."""
    v = vergadering(tafel)
    dordrecht, sliedrecht = (Organisatie.objects.get(naam=n) for n in ("Dordrecht", "Sliedrecht"))
    client.force_login(tafel.secretaris)
    response = client.post(
        reverse("tafels:aanwezigheid", args=[v.pk]),
        {f"aanwezigheid-{dordrecht.pk}": "aanwezig", f"aanwezigheid-{sliedrecht.pk}": "<script>"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een aanwezigheid uit de lijst voor Sliedrecht. Er is niets opgeslagen." in html
    assert "De aanwezigheid is opgeslagen." not in html
    assert not Aanwezigheid.objects.exists()

    response = client.post(reverse("tafels:aanwezigheid", args=[v.pk]), {"aanwezigheid-abc": "aanwezig"}, follow=True)
    assert "Er is geen aanwezigheid gekozen. Er is niets opgeslagen." in response.content.decode()
    assert not Aanwezigheid.objects.exists()


@pytest.mark.parametrize("waarde", ["abc", "-1", "0", "1e5", "99999999999999999999999", "١٢", ""])
def test_malformed_hidden_fields_never_give_a_500(client, tafel, waarde):
    """Hidden ids and choices with text, huge or foreign digits give a 404 or a Dutch message, never a 500,
    and change nothing."""
    v = vergadering(tafel)
    punt = agendapunt(v)
    actie = services.actiepunt_create(agendapunt=punt, omschrijving="Kaart", deadline=na_vergadering(punt.vergadering),
                                      eigenaar_persoon=tafel.secretaris, door=secretaris_van(punt))
    client.force_login(tafel.secretaris)
    antwoorden = [
        client.post(reverse("tafels:actiepunt_status", args=[actie.pk]),
                    {"status": "gereed" if waarde else "", "vergadering": waarde}),
        client.post(reverse("tafels:actiepunt_status", args=[actie.pk]), {"status": waarde}, headers=HTMX),
        client.post(reverse("tafels:stuk_uploaden", args=[punt.pk]),
                    {"stuk": waarde, "bestand": SimpleUploadedFile("a.pdf", PDF_BYTES)}, headers=HTMX),
        client.post(reverse("tafels:agendapunt_verplaatsen", args=[punt.pk]), {"richting": waarde}, headers=HTMX),
        client.post(reverse("tafels:vergadering_status", args=[v.pk]), {"naar": waarde}),
        client.post(reverse("tafels:agendapunt_toevoegen", args=[v.pk]),
                    {"nieuw-titel": "X", "nieuw-processtap": "6_voortgang", "nieuw-soort": "bespreking",
                     "nieuw-minuten": waarde or "x", "nieuw-coalitie": waarde}, headers=HTMX),
        client.post(reverse("tafels:actiepunt_toevoegen", args=[punt.pk]),
                    {"omschrijving": "Y", "eigenaar_persoon": waarde, "eigenaar_organisatie": waarde,
                     "deadline": na_vergadering(v).isoformat()}, headers=HTMX),
        client.post(reverse("tafels:lidmaatschap_vertegenwoordiger", args=[tafel.pk, tafel.lidmaatschappen.first().pk]),
                    {"vertegenwoordiger-vertegenwoordiger": waarde or "x"}),
    ]
    for response in antwoorden:
        assert response.status_code in (200, 302, 400, 404), response.status_code
    actie.refresh_from_db()
    assert actie.status == Actiepunt.Status.OPEN
    assert not Stukversie.objects.exists()
    assert list(v.agendapunten.values_list("titel", flat=True)) == ["Openstaande actiepunten", "Voortgang"]
    assert Actiepunt.objects.count() == 1
    v.refresh_from_db()
    assert v.status == Vergadering.Status.CONCEPT


def test_action_status_outside_the_list_shows_a_message(client, tafel):
    """An unknown action status is not reported as done: the agenda comes back with a Dutch message."""
    punt = agendapunt(vergadering(tafel))
    actie = services.actiepunt_create(agendapunt=punt, omschrijving="Kaart", deadline=na_vergadering(punt.vergadering),
                                      eigenaar_persoon=tafel.secretaris, door=secretaris_van(punt))
    client.force_login(tafel.secretaris)
    html = client.post(reverse("tafels:actiepunt_status", args=[actie.pk]), {"status": "klaar"}, headers=HTMX).content.decode()
    assert "Kies een status uit de lijst" in html
    actie.refresh_from_db()
    assert actie.status == Actiepunt.Status.OPEN


@pytest.mark.parametrize("pk", ["99999999999999999999", "9223372036854775808", "0"])
def test_huge_ids_in_urls_give_404(client, tafel, pk):
    """An id beyond the database's integer range in a URL is a 404, not a database error."""
    client.force_login(tafel.secretaris)
    for naam in ("tafels:vergadering", "tafels:detail", "tafels:besluitenlijst", "tafels:stuk_download"):
        url = reverse(naam, args=[1]).replace("/1/", f"/{pk}/")
        assert client.get(url).status_code == 404, url
    for naam in ("tafels:aanwezigheid", "tafels:besluit_vastleggen", "tafels:agendapunt_verwijderen"):
        url = reverse(naam, args=[1]).replace("/1/", f"/{pk}/")
        assert client.post(url, {"tekst": "x"}).status_code == 404, url
    assert Agendapunt.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_identical_decisions_at_the_same_moment_make_one(tafel):
    """Two identical submissions that arrive together (a double click) are checked one after the other:
    one decision is saved, the other gets the Dutch duplicate message."""
    import threading

    from django.db import connections

    punt = agendapunt(vergadering(tafel, over_dagen=-1))
    houden(punt.vergadering)
    start = threading.Barrier(2)
    uitkomsten: list[str] = []

    def leg_vast() -> None:
        try:
            start.wait()
            services.besluit_vastleggen(
                agendapunt=punt, tekst="Het programma wordt vastgesteld.", door=tafel.secretaris,
            )
            uitkomsten.append("opgeslagen")
        except services.ValidationError as exc:
            uitkomsten.append(exc.error_list[0].code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=leg_vast) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(uitkomsten) == ["dubbel", "opgeslagen"]
    assert Besluit.objects.count() == 1
