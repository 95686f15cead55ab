"""Two saves from the same version at the same moment: exactly one wins, on the real database."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from coalities import services
from coalities.models import Deelname, Realisatie, Voortgangsrapportage
from tests.coalities.factories import DeelnameFactory, ToezeggingFactory, beheerder

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_simultaneous_saves_from_one_version_let_exactly_one_win():
    """Eight threads save from version 1 at once: one succeeds, seven are refused, the history has one change."""
    deelname = DeelnameFactory()
    door = beheerder()
    start = threading.Barrier(8)
    uitkomsten: list[str] = []

    def sla_op(bedrag: int) -> None:
        try:
            start.wait()
            services.deelname_update(
                coalitie=deelname.coalitie, organisatie=deelname.organisatie, variant="solidariteit", versie=1,
                solidariteitsbijdrage=Decimal(bedrag), door=door,
            )
            uitkomsten.append("opgeslagen")
        except ValidationError as exc:
            uitkomsten.append(exc.error_list[0].code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sla_op, args=(1000 * (i + 1),)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(uitkomsten) == ["gelijktijdige_wijziging"] * 7 + ["opgeslagen"]
    deelname.refresh_from_db()
    assert deelname.versie == 2
    assert Deelname.history.filter(id=deelname.pk).count() == 2


def _race(aantal: int, doe) -> list[str]:
    """Runs ``doe()`` in ``aantal`` threads released at the same moment; returns each outcome."""
    start = threading.Barrier(aantal)
    uitkomsten: list[str] = []

    def loop() -> None:
        try:
            start.wait()
            doe()
            uitkomsten.append("opgeslagen")
        except ValidationError as exc:
            uitkomsten.append(exc.messages[0])
        except Exception as exc:  # noqa: BLE001 - the test reports anything else as a failure
            uitkomsten.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=loop) for _ in range(aantal)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return uitkomsten


def test_ten_first_realisations_for_one_period_at_once_give_one_row_and_nine_refusals():
    """Ten people enter a realisation for the same new period at the same moment: one row, one success,
    nine Dutch refusals that point to the row; nothing is overwritten."""
    toezegging = ToezeggingFactory()
    door = beheerder()
    uitkomsten = _race(10, lambda: services.realisatie_create(
        toezegging=toezegging, jaar=2026, kwartaal=2, hoeveelheid=Decimal(threading.get_ident() % 1000), door=door,
    ))
    assert sorted(uitkomsten) == ["Voor deze periode is al een realisatie vastgelegd."] * 9 + ["opgeslagen"]
    realisatie = Realisatie.objects.get(toezegging=toezegging)
    assert realisatie.history.count() == 1


def test_ten_first_progress_reports_for_one_period_at_once_give_one_row_and_nine_refusals():
    """Ten people report progress for the same new period at once: one report, nine Dutch refusals."""
    deelname = DeelnameFactory()
    door = beheerder()
    uitkomsten = _race(10, lambda: services.voortgangsrapportage_create(
        coalitie=deelname.coalitie, jaar=2026, kwartaal=None, status="op_koers", mijlpalen="", tekst="Op schema.",
        door=door,
    ))
    assert sorted(uitkomsten) == ["Voor deze periode is al een voortgangsrapportage vastgelegd."] * 9 + ["opgeslagen"]
    assert Voortgangsrapportage.objects.filter(coalitie=deelname.coalitie).count() == 1


def test_the_refusal_on_the_screen_links_to_the_existing_realisation(client):
    """The screen answers a second new realisation for a period with the message and a link to edit it."""
    toezegging = ToezeggingFactory()
    door = beheerder()
    bestaande = services.realisatie_create(toezegging=toezegging, jaar=2026, kwartaal=2, hoeveelheid=Decimal("5"), door=door)
    client.force_login(door)
    response = client.post(
        reverse("coalities:realisatie_nieuw", args=[toezegging.pk]), {"jaar": "2026", "kwartaal": "2", "hoeveelheid": "7"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voor deze periode is al een realisatie vastgelegd." in html
    assert f'href="{reverse("coalities:realisatie", args=[bestaande.pk])}"' in html
    bestaande.refresh_from_db()
    assert bestaande.hoeveelheid == Decimal("5.00")
