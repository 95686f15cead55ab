"""The raadsinformatie as a document job: started from the gemeente's page, built by a real worker, and by `rapport`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from documenten import services as documenten_services
from documenten.models import Documentopdracht
from drechtsteden.models import Rol
from financiering.verdeling import bedrag_nl
from tests.factories import GebruikerFactory
from tests.financiering.factories import voorbeeld_netwerk


def _tekst(data: bytes, tmp_path) -> str:
    pad = tmp_path / "r.pdf"
    pad.write_bytes(data)
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pad), "-"], check=True, capture_output=True, text=True).stdout)


def _gedrukt(bedrag: Decimal) -> str:
    """An amount as the PDF's text reads it: pdftotext gives the no-break space after "€" as a space."""
    return bedrag_nl(bedrag).replace("\u00a0", " ")


def _cijfers(naam: str, jaar: int = 2026) -> dict:
    uit = io.StringIO()
    call_command("verdeling", "--jaar", str(jaar), "--organisatie", naam, "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())["organisaties"][naam]


@pytest.mark.django_db
def test_bestuurder_starts_the_job_and_sees_progress(client, django_capture_on_commit_callbacks):
    """The page's form creates one queued status row after commit; the htmx answer is a polling progress bar."""
    netwerk = voorbeeld_netwerk()
    dordrecht = netwerk.gemeenten["Dordrecht"]
    bestuurder = GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.BESTUURDER])
    client.force_login(bestuurder)
    pagina = client.get(reverse("raadsinformatie", args=[dordrecht.pk])).content.decode()
    assert reverse("documenten:starten", args=["raadsinformatie"]) in pagina and "PDF laten maken" in pagina
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("documenten:starten", args=["raadsinformatie"]),
                               {"organisatie": dordrecht.pk, "jaar": "2026"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    opdracht = Documentopdracht.objects.get()
    assert (opdracht.soort, opdracht.parameters, opdracht.door) == (
        "raadsinformatie", {"organisatie": dordrecht.pk, "jaar": 2026}, bestuurder)
    assert len(callbacks) == 1
    assert "<progress" in response.content.decode()
    # The gemeente's page shows the latest job to its college.
    assert f'id="opdracht-{opdracht.pk}"' in client.get(reverse("raadsinformatie", args=[dordrecht.pk])).content.decode()


@pytest.mark.django_db
def test_others_cannot_start_poll_or_download(client):
    """Another gemeente's bestuurder gets 404 on start, progress and download; nothing is saved."""
    netwerk = voorbeeld_netwerk()
    dordrecht = netwerk.gemeenten["Dordrecht"]
    opdracht = Documentopdracht.objects.create(soort="raadsinformatie", parameters={"organisatie": dordrecht.pk, "jaar": 2026})
    client.force_login(GebruikerFactory(organisatie=netwerk.gemeenten["Sliedrecht"], rollen=[Rol.Soort.BESTUURDER]))
    assert client.post(reverse("documenten:starten", args=["raadsinformatie"]),
                       {"organisatie": dordrecht.pk, "jaar": "2026"}).status_code == 404
    assert client.get(reverse("documenten:opdracht", args=[opdracht.pk])).status_code == 404
    assert client.get(reverse("documenten:download", args=[opdracht.pk])).status_code == 404
    for fout in ({"organisatie": "Gorinchem", "jaar": "2026"}, {"organisatie": dordrecht.pk, "jaar": "1999"},
                 {"organisatie": "x" * 500, "jaar": "2026"}, {"jaar": "2026"}):
        assert client.post(reverse("documenten:starten", args=["raadsinformatie"]), fout).status_code == 404
    assert Documentopdracht.objects.count() == 1


@pytest.mark.django_db
def test_raadslid_downloads_directly(client):
    """A raadslid starts no jobs (reads only): the page offers the PDF at once instead."""
    netwerk = voorbeeld_netwerk()
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]))
    pagina = client.get(reverse("raadsinformatie", args=[dordrecht.pk])).content.decode()
    assert reverse("raadsinformatie_pdf", args=[dordrecht.pk]) in pagina
    assert reverse("documenten:starten", args=["raadsinformatie"]) not in pagina
    assert client.post(reverse("documenten:starten", args=["raadsinformatie"]),
                       {"organisatie": dordrecht.pk, "jaar": "2026"}).status_code == 403
    assert not Documentopdracht.objects.exists()


@pytest.mark.django_db
def test_rapport_command_writes_the_pdf(tmp_path):
    """`rapport raadsinformatie --organisatie NAAM --jaar JAAR --out FILE.pdf` writes the same figures."""
    from documenten.management.commands.rapport import Command

    voorbeeld_netwerk()
    uit = tmp_path / "raad.pdf"
    # The options after the kind are read by the command's own argv parsing; given here as it collects them.
    commando = Command()
    commando._extra = {"organisatie": "Sliedrecht", "jaar": "2026"}
    call_command(commando, "raadsinformatie", out=str(uit), stdout=io.StringIO())
    tekst = _tekst(uit.read_bytes(), tmp_path)
    cijfers = _cijfers("Sliedrecht")
    for bedrag in (cijfers["component_1"], cijfers["component_2"], cijfers["component_3"]["totaal"], cijfers["totaal"]):
        from decimal import Decimal

        assert _gedrukt(Decimal(bedrag)) in tekst
    aantal = len(PdfReader(uit).pages)
    assert f"pagina {aantal} van {aantal}" in tekst
    from django.core.management import CommandError

    commando = Command()
    commando._extra = {"organisatie": "Atlantis", "jaar": "2026"}
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command(commando, "raadsinformatie", out=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_builds_the_raadsinformatie(celery_worker_process, tmp_path):
    """Through Redis and PostgreSQL a real worker fills the status row and stores the PDF; totals match `verdeling`."""
    from decimal import Decimal

    netwerk = voorbeeld_netwerk()
    papendrecht = netwerk.gemeenten["Papendrecht"]
    secretaris = GebruikerFactory(organisatie=papendrecht, rollen=[Rol.Soort.GEMEENTESECRETARIS])
    opdracht = documenten_services.documentopdracht_create(
        soort="raadsinformatie", gegevens={"organisatie": "Papendrecht", "jaar": "2026"}, door=secretaris
    )
    einde = time.monotonic() + 180
    while not opdracht.is_afgerond and time.monotonic() < einde:
        time.sleep(0.2)
        opdracht.refresh_from_db()
    assert opdracht.status == Documentopdracht.Status.KLAAR, opdracht.fout
    assert opdracht.bestandsnaam == "raadsinformatie-papendrecht-2026.pdf"
    assert opdracht.secties_klaar == opdracht.secties_totaal == 2
    data = opdracht.bestand.read()
    tekst = _tekst(data, tmp_path)
    cijfers = _cijfers("Papendrecht")
    assert opdracht.resultaat["totaal"] == cijfers["totaal"]
    for bedrag in (cijfers["component_1"], cijfers["component_2"], cijfers["component_3"]["totaal"], cijfers["totaal"]):
        assert _gedrukt(Decimal(bedrag)) in tekst


@pytest.mark.django_db(transaction=True)
def test_rapport_command_line(tmp_path):
    """The literal command line writes the PDF; a year out of range exits non-zero with a Dutch message."""
    import os
    import sys

    from tests.conftest import BASE_DIR, _worker_database_url

    voorbeeld_netwerk()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": _worker_database_url()}
    uit = tmp_path / "dordrecht.pdf"
    proces = subprocess.run([sys.executable, "manage.py", "rapport", "raadsinformatie", "--organisatie", "Dordrecht",
                             "--jaar", "2026", "--out", str(uit)], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert proces.returncode == 0, proces.stderr
    assert uit.read_bytes().startswith(b"%PDF")
    proces = subprocess.run([sys.executable, "manage.py", "rapport", "raadsinformatie", "--organisatie", "Dordrecht",
                             "--jaar", "3000", "--out", str(tmp_path / "x.pdf")], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True)
    assert proces.returncode != 0 and "Kies een jaar tussen 2000 en 2100" in proces.stderr
    assert not (tmp_path / "x.pdf").exists()
