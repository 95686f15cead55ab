"""Rough edges users hit at the tables, each with the behaviour that must hold now."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tafels.models import Vergadering
from tafels.templatetags.tafels_extra import nog_tijd
from tests.factories import GebruikerFactory, ThemaFactory
from tests.tafels.factories import tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))


@pytest.mark.parametrize("delta,verwacht", [
    (datetime.timedelta(days=11, hours=3), "11 dagen"),
    (datetime.timedelta(days=1, minutes=5), "1 dag"),
    (datetime.timedelta(hours=5, minutes=10), "5 uur"),
    (datetime.timedelta(minutes=20, seconds=30), "20 minuten"),
])
def test_deadline_in_one_unit(delta, verwacht):
    """"nog 11 dagen", never "nog 1 week, 4 dagen"."""
    assert nog_tijd(timezone.now() + delta) == verwacht


def test_meeting_page_says_the_count_once_and_the_days_left(client, tafel):
    v = vergadering(tafel, over_dagen=30)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert 'id="stukken-op-tijd">0 van 0<' in html
    assert "stukken op tijd: stukken op tijd" not in html.lower()
    assert "week" not in html[html.index('id="deadline-status"'):][:120]


def test_besluitenlijst_of_a_meeting_not_held_says_so(client, tafel):
    v = vergadering(tafel, over_dagen=30)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:besluitenlijst", args=[v.pk])).content.decode()
    assert "Deze vergadering heeft nog niet plaatsgevonden" in html
    Vergadering.objects.filter(pk=v.pk).update(status=Vergadering.Status.GEHOUDEN)
    html = client.get(reverse("tafels:besluitenlijst", args=[v.pk])).content.decode()
    assert "geen besluiten genomen" in html


def test_manager_sdd_plans_a_meeting_of_any_table(client, tafel):
    """The manager SDD coordinates the programme and may plan a meeting at a table she is not secretary of."""
    manager = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[Rol.Soort.MANAGER_SDD])
    client.force_login(manager)
    assert "Vergadering plannen" in client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()
    assert client.get(reverse("tafels:vergadering_nieuw", args=[tafel.pk])).status_code == 200
    v = services.vergadering_create(tafel=tafel, begint_om=timezone.now() + datetime.timedelta(days=40), door=manager)
    assert v.pk is not None


def test_a_bestuurder_still_may_not_plan(client, tafel):
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[Rol.Soort.BESTUURDER])
    client.force_login(bestuurder)
    aantal = Vergadering.objects.count()
    assert client.get(reverse("tafels:vergadering_nieuw", args=[tafel.pk])).status_code == 403
    response = client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]),
                           {"begint_om": "2026-12-01T10:00", "duur_minuten": "120", "plaats": "X"})
    assert response.status_code == 403 and Vergadering.objects.count() == aantal


def test_demo_meetings_fall_on_weekdays():
    """Whatever today is, a demo meeting never falls on a Saturday or Sunday."""
    from tafels.demo import werkdag

    for dag in range(14):
        datum = datetime.date(2026, 11, 23) + datetime.timedelta(days=dag)
        assert werkdag(datum).weekday() < 5
        assert werkdag(datum) >= datum and (werkdag(datum) - datum).days <= 2


def test_demo_has_an_overdue_action_and_a_late_paper(settings, tmp_path):
    from django.core.management import call_command

    from tafels.models import Actiepunt, Stukversie, is_te_laat

    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data")
    vandaag = timezone.localdate()
    assert Actiepunt.objects.filter(status="open", deadline__lt=vandaag).exists()
    assert any(is_te_laat(versie=v, vergadering=v.stuk.agendapunt.vergadering)
               for v in Stukversie.objects.select_related("stuk__agendapunt__vergadering__tafel"))
    assert all(v.begint_om.astimezone(timezone.get_current_timezone()).weekday() < 5 for v in Vergadering.objects.all())


@pytest.mark.parametrize("achternaam,sleutel", [
    ("de Bruijn", "bruijn"), ("van der Linden", "linden"), ("Van den Berg", "berg"), ("ter Horst", "horst"),
    ("Meijer", "meijer"), ("van", "van"), ("", ""),
])
def test_sorteernaam_drops_the_tussenvoegsel(achternaam, sleutel):
    from drechtsteden.models import sorteernaam

    assert sorteernaam(achternaam) == sleutel


def test_people_sort_by_surname_without_tussenvoegsel():
    """"de Bruijn" under B and "van der Linden" under L, also after a rename."""
    from drechtsteden.models import Gebruiker

    org = Organisatie.objects.get(naam="Dordrecht") if Organisatie.objects.filter(naam="Dordrecht").exists() else None
    for achternaam in ("van der Linden", "Meijer", "de Bruijn", "Aalbers"):
        GebruikerFactory(last_name=achternaam, organisatie=org) if org else GebruikerFactory(last_name=achternaam)
    namen = [g.last_name for g in Gebruiker.objects.filter(last_name__in=["van der Linden", "Meijer", "de Bruijn", "Aalbers"])]
    assert namen == ["Aalbers", "de Bruijn", "van der Linden", "Meijer"]
    meijer = Gebruiker.objects.get(last_name="Meijer")
    meijer.last_name = "van Aken"
    meijer.save(update_fields=["last_name"])
    assert Gebruiker.objects.get(pk=meijer.pk).sorteernaam == "aken"
