"""Screens of the regiekamer: the dashboard equals the monitor, in a fixed number of queries; rights per page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drechtsteden.models import Rol
from regiekamer import rules, services
from regiekamer.models import SCORES, Escalatie, Reflectieantwoord
from regiekamer.monitor import monitor
from tests.factories import GebruikerFactory
from tests.regiekamer.monitor_data import meer_data, monitor_wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return monitor_wereld()


def _huidige_periode():
    import django.utils.timezone as tz

    return rules.periode_voor(tz.localdate())


def _waarden(html: str) -> dict[str, str]:
    """indicator code → the value shown on the dashboard."""
    rijen = re.findall(r'data-indicator="(\w+)".*?regiekamer-waarde"[^>]*>([^<]*)</td>', html, flags=re.S)
    return dict(rijen)


def test_dashboard_shows_what_the_monitor_computes(client, w):
    """Each indicator's value and colour on the dashboard equal the monitor's, for the network and 'mijn gemeente'."""
    secretaris = w.secretarissen["Sliedrecht"]
    client.force_login(secretaris)
    periode = rules.periode_parse("2026-H2")
    for query, organisatie in (("", None), ("&weergave=mijn", w.gemeenten["Sliedrecht"])):
        html = client.get(reverse("regiekamer:index") + f"?periode=2026-H2{query}").content.decode()
        verwacht = monitor(periode=periode, organisatie=organisatie)
        assert _waarden(html) == {i.code: i.weergave for i in verwacht.indicatoren}
        for i in verwacht.indicatoren:
            assert i.reden in html
    assert "Sliedrecht in de 2e helft 2026" in html


def test_dashboard_flags_the_overdue_escalation_in_words(client, w):
    """The escalation open for more than eight weeks is labelled 'Te lang open' with the red class."""
    client.force_login(w.secretarissen["Sliedrecht"])
    html = client.get(reverse("regiekamer:index")).content.decode()
    assert "regiekamer-rij--te-lang" in html and "Te lang open:" in html and "portaal-badge--fout" in html
    assert 'src="data:image/svg+xml;base64,' in html


def test_dashboard_htmx_answers_the_fragment(client, w):
    """An htmx request gets only the monitor fragment."""
    client.force_login(w.secretarissen["Sliedrecht"])
    response = client.get(reverse("regiekamer:index") + "?periode=2026-H2", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert '<div id="monitor"' in html and "<html" not in html


def test_bad_period_falls_back_with_a_dutch_message(client, w):
    """An unknown period shows the current one and says so, never a 500."""
    client.force_login(w.secretarissen["Sliedrecht"])
    response = client.get(reverse("regiekamer:index") + "?periode=2026-H9")
    assert response.status_code == 200
    assert "Onbekende periode" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_dashboard_queries_do_not_grow_with_the_data(client, w):
    """The dashboard takes the same number of queries with one table or seven: the first view after a change
    computes the monitor (its 17 queries and the input stamp), the views after it read the kept monitor."""
    client.force_login(w.secretarissen["Sliedrecht"])
    url = reverse("regiekamer:index") + "?periode=2026-H2&weergave=mijn"
    client.get(reverse("regiekamer:rondes"))  # the session's first request

    def tel() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as eerste:
            client.get(url)
        with CaptureQueriesContext(connection) as daarna:
            client.get(url)
        return len(eerste), len(daarna)

    klein = tel()
    meer_data(w, 6)
    groot = tel()
    assert klein == groot
    assert groot[0] <= 23 and groot[1] == groot[0] - 17


def test_dashboard_shows_a_change_at_once(client, w):
    """A kept monitor is never shown after an input changed: closing the escalation and reporting a
    realisation show on the next view, equal to a fresh computation."""
    from coalities.models import Realisatie

    client.force_login(w.secretarissen["Sliedrecht"])
    periode = rules.periode_parse("2026-H2")
    url = reverse("regiekamer:index") + "?periode=2026-H2"
    voor = _waarden(client.get(url).content.decode())
    services.escalatie_sluiten(escalatie=w.escalatie, uitkomst="Opgelost.", datum=datetime.date(2026, 9, 1),
                               door=w.manager)
    toezegging = w.coalitie.deelnames.get().toezeggingen.get()
    Realisatie.objects.create(toezegging=toezegging, jaar=2026, kwartaal=4, hoeveelheid="500")
    na = _waarden(client.get(url).content.decode())
    assert na == {i.code: i.weergave for i in monitor(periode=periode).indicatoren}
    assert na["escalaties_te_lang_open"] != voor["escalaties_te_lang_open"]
    assert na["geld_geleverd"] != voor["geld_geleverd"]


@pytest.mark.django_db(transaction=True)
def test_kept_monitor_expires_when_a_meeting_in_the_window_starts(w):
    """'Meetings held of those planned' counts a meeting once it started: a kept monitor lasts until then."""
    from django.utils import timezone

    from regiekamer.monitor import bewaarde_monitor
    from tafels import services as tafel_services

    periode = rules.periode_voor(timezone.localdate())
    eerste = bewaarde_monitor(periode=periode)
    assert bewaarde_monitor(periode=periode) is eerste
    straks = timezone.now() + datetime.timedelta(hours=1)
    tafel_services.vergadering_create(tafel=w.tafel, begint_om=straks, door=w.tafel.secretaris)
    tweede = bewaarde_monitor(periode=periode)
    assert tweede is not eerste and tweede.geldig_tot == straks
    assert bewaarde_monitor(periode=periode) is tweede
    import unittest.mock

    with unittest.mock.patch("django.utils.timezone.now", return_value=straks + datetime.timedelta(seconds=1)):
        assert bewaarde_monitor(periode=periode) is not tweede


def test_room_page_shows_members_chair_and_rota(client, w):
    """The ambtelijke regiekamer page shows members, the current and next chair and never proposes Dordrecht."""
    services.voorzitterschap_create(regiekamer=w.ambtelijk, jaar=_huidige_periode().begin.year,
                                    organisatie=w.gemeenten["Sliedrecht"], door=w.manager)
    client.force_login(w.secretarissen["Papendrecht"])
    html = client.get(reverse("regiekamer:kamer", args=[w.ambtelijk.pk])).content.decode()
    assert "Huidige voorzitter" in html and "Sliedrecht" in html and "Alblasserdam" in html
    assert "De samenstelling is compleet." in html
    rooster = html.split("Rooster")[1].split("</table>")[0]
    assert "Dordrecht" not in rooster


def test_manual_chair_breaking_the_rules_is_refused_on_the_page(client, w):
    """The manager SDD trying Dordrecht as chair sees the reason, nothing is stored."""
    client.force_login(w.manager)
    response = client.post(reverse("regiekamer:voorzitter", args=[w.ambtelijk.pk]),
                           {"jaar": "2027", "organisatie": w.gemeenten["Dordrecht"].pk})
    assert response.status_code == 200
    assert "Dordrecht is uitgesloten van het voorzitterschap" in response.content.decode()
    assert not w.ambtelijk.voorzitterschappen.exists()


def test_table_page_offers_to_raise_a_knelpunt_and_the_form_links_it(client, w):
    """From the table page a secretary raises a knelpunt; it is stored as signalering with the table."""
    secretaris = w.secretarissen["Papendrecht"]
    client.force_login(secretaris)
    html = client.get(reverse("tafels:detail", args=[w.tafel.pk])).content.decode()
    link = reverse("regiekamer:escalatie_nieuw") + f"?tafel={w.tafel.pk}"
    assert link in html
    response = client.post(link, {"titel": "Agenda te vol", "omschrijving": "Elf punten in twee uur.",
                                  "gevraagd": "Agenda inkorten.", "sinds": "2026-10-01", "bron_tafel": w.tafel.pk})
    escalatie = Escalatie.objects.get(titel="Agenda te vol")
    assert response.status_code == 302 and escalatie.tafel == w.tafel and escalatie.niveau == "signalering"


def test_bad_escalation_input_saves_nothing(client, w):
    """A date in the future or a missing title gets a Dutch message and nothing is saved."""
    client.force_login(w.secretarissen["Papendrecht"])
    voor = Escalatie.objects.count()
    response = client.post(reverse("regiekamer:escalatie_nieuw"), {
        "titel": "", "omschrijving": "x", "gevraagd": "y", "sinds": "2999-01-01"})
    assert response.status_code == 200 and "Dit veld is verplicht" in response.content.decode()
    response = client.post(reverse("regiekamer:escalatie_nieuw"), {
        "titel": "Later", "omschrijving": "x", "gevraagd": "y", "sinds": (datetime.date.today() + datetime.timedelta(days=5)).isoformat()})
    assert "ligt niet in de toekomst" in response.content.decode()
    assert client.get(reverse("regiekamer:escalatie_nieuw") + "?tafel=abc").status_code == 404
    assert Escalatie.objects.count() == voor


def test_critical_coalition_is_offered_as_knelpunt(client, w):
    """A coalition whose latest report is kritiek shows the offer to raise it."""
    client.force_login(w.secretarissen["Papendrecht"])
    html = client.get(reverse("coalities:detail", args=[w.coalitie.pk])).content.decode()
    assert "De laatste voortgangsrapportage van deze coalitie is kritiek" in html
    assert f"?coalitie={w.coalitie.pk}" in html


def test_escalation_page_moves_one_step_and_refuses_a_skip(client, w):
    """Skipping a rung through the form is refused with the reason; the next rung is recorded."""
    secretaris = w.secretarissen["Papendrecht"]
    client.force_login(secretaris)
    url = reverse("regiekamer:escalatie_opschalen", args=[w.escalatie.pk])
    data = {"datum": "2026-11-20", "besluit": "Agenderen.", "eigenaar": secretaris.pk, "volgende_bespreking": "2026-12-20"}
    response = client.post(url, data | {"naar": "bestuurlijke_regiekamer"})
    assert "één stap tegelijk" in response.content.decode()
    assert client.post(url, data | {"naar": "ambtelijke_regiekamer", "versie": 1}).status_code == 302
    w.escalatie.refresh_from_db()
    assert w.escalatie.niveau == "ambtelijke_regiekamer"


def test_reflection_form_for_own_gemeente_and_results_per_gemeente_only_for_the_room(client, w):
    """The secretary answers for their gemeente; a programmamedewerker may not answer nor see answers per gemeente."""
    secretaris = w.secretarissen["Alblasserdam"]
    client.force_login(secretaris)
    url = reverse("regiekamer:ronde", args=[w.ronde.pk])
    assert "Het antwoord van Alblasserdam" in client.get(url).content.decode()
    assert client.post(url, dict.fromkeys(SCORES, "5") | {"toelichting": "Prima."}).status_code == 302
    assert Reflectieantwoord.objects.get(ronde=w.ronde, organisatie=w.gemeenten["Alblasserdam"]).eigenaarschap == 5
    assert "Alblasserdam" in client.get(reverse("regiekamer:ronde_per_gemeente", args=[w.ronde.pk])).content.decode()

    medewerker = GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    client.force_login(medewerker)
    assert client.get(reverse("regiekamer:ronde_per_gemeente", args=[w.ronde.pk])).status_code == 403
    assert client.post(url, dict.fromkeys(SCORES, "1")).status_code == 403
    assert Reflectieantwoord.objects.get(ronde=w.ronde, organisatie=w.gemeenten["Papendrecht"]).eigenaarschap == 2


def test_reflection_score_out_of_range_is_refused(client, w):
    """A score of 6 is refused by the form and nothing is saved."""
    client.force_login(w.secretarissen["Alblasserdam"])
    response = client.post(reverse("regiekamer:ronde", args=[w.ronde.pk]), dict.fromkeys(SCORES, "6"))
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()
    assert not Reflectieantwoord.objects.filter(organisatie=w.gemeenten["Alblasserdam"]).exists()
