"""Two saves from the same version at the same moment: exactly one wins, on the real database."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from coalities import services
from coalities.models import Deelname
from tests.coalities.factories import DeelnameFactory, beheerder

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
            services.deelname_save(
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
