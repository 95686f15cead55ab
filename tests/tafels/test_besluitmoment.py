"""When a table records what it decided and agreed: decisions during or after a meeting whose agenda is set,
actions due on or after the day of their meeting. Refusals say why in Dutch and save nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from drechtsteden.models import Organisatie
from drechtsteden.opmaak import datum as datum_tekst
from tafels import besluitvorming, services
from tafels.models import Actiepunt, Besluit, Lidmaatschap, Stemming, Toelating, Vergadering
from tests.factories import OrganisatieFactory
from tests.tafels.factories import agendapunt, houden, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid")


def _vandaag_om(uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(uur, 0)))


def _met_vastgestelde_agenda(v: Vergadering) -> Vergadering:
    services.vergadering_status_verder(vergadering=v, naar=Vergadering.Status.AGENDA_VASTGESTELD, door=v.tafel.secretaris)
    return v


def _stemmen(tafel) -> dict[int, str]:
    return {lid.organisatie_id: "voor" for lid in besluitvorming.stemgerechtigden(tafel)}


# --- The rule itself ----------------------------------------------------------------------------


def test_the_day_of_the_meeting_in_local_time_decides():
    """A meeting at 00:30 on 12 March in the Netherlands (23:30 UTC the day before) takes decisions from
    12 March on; the message names that day, in Dutch."""
    tafel = tafel_met_leden()
    moment = timezone.make_aware(datetime.datetime(2027, 3, 12, 0, 30))
    v = services.vergadering_create(tafel=tafel, begint_om=moment, door=tafel.secretaris)
    v.status = Vergadering.Status.AGENDA_VASTGESTELD
    beletsel = v.besluit_beletsel(vandaag=datetime.date(2027, 3, 11))
    assert beletsel.code == "vergadering_in_toekomst"
    assert beletsel.message == (
        "Een besluit legt u vast tijdens of na de vergadering; deze vergadering is op 12 maart 2027."
    )
    assert v.besluit_beletsel(vandaag=datetime.date(2027, 3, 12)) is None
    assert v.besluit_beletsel(vandaag=datetime.date(2027, 6, 1)) is None
    v.status = Vergadering.Status.CONCEPT
    assert v.besluit_beletsel(vandaag=datetime.date(2027, 3, 12)).code == "concept"
    v.status = Vergadering.Status.BESLUITENLIJST_VASTGESTELD
    assert v.besluit_beletsel(vandaag=datetime.date(2027, 3, 12)).code == "vastgesteld"


# --- Decisions: refused -------------------------------------------------------------------------


def test_decision_on_a_future_meeting_is_refused_in_dutch_and_nothing_is_saved(client, tafel):
    """Recording a decision on next week's meeting (agenda set) shows the Dutch reason with the meeting's
    date on the page; no decision is saved."""
    v = vergadering(tafel, over_dagen=7)
    punt = agendapunt(v, titel="Regionale fietsstrategie")
    _met_vastgestelde_agenda(v)
    client.force_login(tafel.secretaris)
    verwacht = (
        "Een besluit legt u vast tijdens of na de vergadering; deze vergadering is op "
        f"{datum_tekst(v.datum)}."
    )
    html = client.post(reverse("tafels:besluit_vastleggen", args=[punt.pk]), {"tekst": "Vastgesteld."},
                       headers=HTMX).content.decode()
    assert verwacht in html
    antwoord = client.post(reverse("tafels:besluit_vastleggen", args=[punt.pk]), {"tekst": "Vastgesteld."}, follow=True)
    assert verwacht in antwoord.content.decode()
    assert not Besluit.objects.exists()


def test_decision_on_a_draft_agenda_is_refused_even_after_the_date(client, tafel):
    """A meeting of yesterday whose agenda is still a draft takes no decision: the Dutch message says why."""
    punt = agendapunt(vergadering(tafel, over_dagen=-1))
    client.force_login(tafel.secretaris)
    html = client.post(reverse("tafels:besluit_vastleggen", args=[punt.pk]), {"tekst": "Vastgesteld."},
                       headers=HTMX).content.decode()
    assert "Een besluit legt u vast als de agenda is vastgesteld; deze vergadering heeft nog een conceptagenda." in html
    assert not Besluit.objects.exists()


def test_vote_on_a_future_meeting_is_refused_on_the_vote_page_and_nothing_is_saved(client, tafel):
    """The vote page of a future meeting says why and disables the button; a post anyway shows the message
    at the form and saves no decision, vote or votes."""
    v = vergadering(tafel, over_dagen=7)
    punt = agendapunt(v)
    _met_vastgestelde_agenda(v)
    client.force_login(tafel.secretaris)
    url = reverse("tafels:stemming_vastleggen", args=[punt.pk])
    pagina = client.get(url).content.decode()
    assert 'id="besluit-beletsel"' in pagina and f"deze vergadering is op {datum_tekst(v.datum)}" in pagina
    assert '" disabled>Stemming vastleggen</button>' in pagina
    data = {"tekst": "De fietsstrategie wordt vastgesteld."} | {
        f"stem_{org_id}": keuze for org_id, keuze in _stemmen(tafel).items()
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200
    assert f"deze vergadering is op {datum_tekst(v.datum)}" in antwoord.content.decode()
    assert not Besluit.objects.exists() and not Stemming.objects.exists()


def test_partner_admission_on_a_future_meeting_is_refused_and_admits_nobody(tafel):
    """Admitting a partner by decision at a meeting that has not been held yet is refused; the partner
    does not join and no decision or admission is recorded."""
    v = vergadering(tafel, over_dagen=7)
    punt = agendapunt(v)
    _met_vastgestelde_agenda(v)
    partner = OrganisatieFactory(naam="Da Vinci College", soort=Organisatie.Soort.KENNISINSTELLING, cbs_code="")
    for stemmen in (None, _stemmen(tafel)):
        with pytest.raises(ValidationError) as fout:
            besluitvorming.partner_toelaten_bij_besluit(
                agendapunt=punt, organisatie=partner, tekst="Da Vinci College treedt toe.", voorwaarden="",
                basisbijdrage=Decimal(0), stemmen=stemmen, door=tafel.secretaris,
            )
        assert fout.value.code == "vergadering_in_toekomst"
    assert not Besluit.objects.exists() and not Toelating.objects.exists()
    assert not Lidmaatschap.objects.filter(organisatie=partner).exists()


def test_a_future_meeting_page_explains_instead_of_offering_decisions(client, tafel):
    """The secretary sees on a future meeting's page why decisions come later, and no decision form or vote
    link; the action form stays. A held meeting offers both."""
    toekomst = vergadering(tafel, over_dagen=7)
    punt = agendapunt(toekomst)
    _met_vastgestelde_agenda(toekomst)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[toekomst.pk])).content.decode()
    assert 'id="besluit-beletsel"' in html
    assert f"deze vergadering is op {datum_tekst(toekomst.datum)}" in html
    assert reverse("tafels:besluit_vastleggen", args=[punt.pk]) not in html
    assert reverse("tafels:stemming_vastleggen", args=[punt.pk]) not in html
    assert reverse("tafels:actiepunt_toevoegen", args=[punt.pk]) in html

    gehouden = vergadering(tafel, over_dagen=-7)
    punt = agendapunt(gehouden)
    houden(gehouden)
    html = client.get(reverse("tafels:vergadering", args=[gehouden.pk])).content.decode()
    assert 'id="besluit-beletsel"' not in html
    assert reverse("tafels:besluit_vastleggen", args=[punt.pk]) in html
    assert reverse("tafels:stemming_vastleggen", args=[punt.pk]) in html


# --- Decisions: accepted at the boundary -----------------------------------------------------------


def test_decision_and_vote_on_the_day_of_the_meeting_are_recorded(client, tafel):
    """On the day itself (the meeting starts tonight at 23:00) the page offers the form and a decision by
    consensus and one by vote are saved."""
    v = services.vergadering_create(tafel=tafel, begint_om=_vandaag_om(23), door=tafel.secretaris)
    punt = agendapunt(v, titel="Regionale fietsstrategie")
    _met_vastgestelde_agenda(v)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert reverse("tafels:besluit_vastleggen", args=[punt.pk]) in html and 'id="besluit-beletsel"' not in html
    client.post(reverse("tafels:besluit_vastleggen", args=[punt.pk]), {"tekst": "De strategie wordt uitgewerkt."},
                headers=HTMX)
    besluitvorming.stemming_vastleggen(agendapunt=punt, tekst="De fietsstrategie wordt vastgesteld.",
                                       stemmen=_stemmen(tafel), door=tafel.secretaris)
    assert sorted(Besluit.objects.filter(agendapunt=punt).values_list("wijze", flat=True)) == ["consensus", "stemming"]


def test_partner_admission_on_the_day_of_the_meeting_admits_the_partner(tafel):
    """A partner admitted by consensus at today's meeting joins the table."""
    v = services.vergadering_create(tafel=tafel, begint_om=_vandaag_om(9), door=tafel.secretaris)
    punt = agendapunt(v)
    houden(v)
    partner = OrganisatieFactory(naam="Da Vinci College", soort=Organisatie.Soort.KENNISINSTELLING, cbs_code="")
    besluitvorming.partner_toelaten_bij_besluit(
        agendapunt=punt, organisatie=partner, tekst="Da Vinci College treedt toe.", voorwaarden="",
        basisbijdrage=Decimal(0), door=tafel.secretaris,
    )
    lid = tafel.lidmaatschappen.get(organisatie=partner)
    assert lid.status == Lidmaatschap.Status.TOEGETREDEN_PARTNER and lid.datum == timezone.localdate()


# --- Actions -------------------------------------------------------------------------------------


def test_action_due_before_its_meeting_is_refused_in_dutch_and_nothing_is_saved(client, tafel):
    """A deadline the day before the meeting is refused with the meeting's date; the action form comes back
    open with what was typed, and no action is saved."""
    v = vergadering(tafel, over_dagen=-7)
    punt = agendapunt(v)
    houden(v)
    client.force_login(tafel.secretaris)
    dag_ervoor = v.datum - datetime.timedelta(days=1)
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    html = client.post(
        reverse("tafels:actiepunt_toevoegen", args=[punt.pk]),
        {"omschrijving": "Routekaart opstellen", "eigenaar_organisatie": dordrecht.pk,
         "deadline": dag_ervoor.strftime("%d-%m-%Y")},
        headers=HTMX,
    ).content.decode()
    assert (
        "Een actiepunt is uiterlijk gereed op of na de dag van de vergadering: "
        f"{datum_tekst(v.datum)} of later."
    ) in html
    punt_html = html.split(f'id="punt-{punt.pk}"')[1].split("</li>")[0]
    assert "<details open>\n  <summary>Actiepunt toevoegen" in punt_html
    assert ">Routekaart opstellen</textarea>" in punt_html
    assert f'<option value="{dordrecht.pk}" selected>Dordrecht</option>' in punt_html
    assert not Actiepunt.objects.exists()


def test_action_due_on_the_day_of_its_meeting_is_recorded(client, tafel):
    """A deadline equal to the meeting's date is accepted; the form offers that date as its earliest."""
    v = vergadering(tafel, over_dagen=-7)
    punt = agendapunt(v)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert f'min="{v.datum.isoformat()}"' in html
    client.post(
        reverse("tafels:actiepunt_toevoegen", args=[punt.pk]),
        {"omschrijving": "Routekaart opstellen", "eigenaar_persoon": tafel.secretaris.pk, "deadline": v.datum.isoformat()},
        headers=HTMX,
    )
    assert Actiepunt.objects.get().deadline == v.datum


# --- Papers: until the meeting is held ---------------------------------------------------------------


def test_papers_can_be_added_until_the_meeting_is_held_and_the_page_offers_only_what_can_be_done(client, tafel):
    """A meeting with a set agenda offers "Stuk toevoegen" and accepts a paper; once held, the page no longer
    offers the upload and the service refuses it in Dutch without saving anything."""
    from tafels.models import Stuk
    from tests.tafels.pakket import pdf_upload

    v = vergadering(tafel, over_dagen=-1)
    punt = agendapunt(v)
    _met_vastgestelde_agenda(v)
    client.force_login(tafel.secretaris)
    upload = reverse("tafels:stuk_uploaden", args=[punt.pk])
    assert upload in client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    services.stuk_uploaden(agendapunt=punt, bestand=pdf_upload("Notitie", 1), titel="Notitie", door=tafel.secretaris)

    houden(v)
    assert upload not in client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    with pytest.raises(ValidationError) as fout:
        services.stuk_uploaden(agendapunt=punt, bestand=pdf_upload("Laat", 1), titel="Laat", door=tafel.secretaris)
    assert fout.value.code == "vergadering_gehouden"
    assert "stukken toevoegen kan niet meer" in fout.value.messages[0]
    assert list(Stuk.objects.values_list("titel", flat=True)) == ["Notitie"]
