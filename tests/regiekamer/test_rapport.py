"""The monitoring report: built for real with WeasyPrint and read back; its values are the dashboard's."""

import datetime
import re
import subprocess

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from documenten import services as document_services
from regiekamer.monitor import monitor
from regiekamer.rules import periode_parse
from regiekamer.tasks import afgelopen_perioden
from tests.regiekamer.monitor_data import monitor_wereld

pytestmark = pytest.mark.django_db


def _tekst(data: bytes, tmp_path, *opties: str) -> str:
    pad = tmp_path / "rapport.pdf"
    pad.write_bytes(data)
    return subprocess.run(["pdftotext", *opties, str(pad), "-"], capture_output=True, text=True, check=True).stdout


def test_every_indicator_in_the_pdf_equals_the_dashboard(client, tmp_path):
    """Read back with pdftotext: each indicator's value in the report is the value the dashboard shows."""
    w = monitor_wereld()
    client.force_login(w.secretarissen["Sliedrecht"])
    html = client.get(reverse("regiekamer:index") + "?periode=2026-H2").content.decode()
    dashboard = dict(re.findall(r'data-indicator="(\w+)".*?regiekamer-waarde"[^>]*>([^<]*)</td>', html, flags=re.S))
    data, parameters = document_services.synchroon_bouwen("monitoring", {"periode": "2026-H2"})
    assert data.startswith(b"%PDF") and parameters == {"periode": "2026-H2", "tafel": None}
    tekst = _tekst(data, tmp_path)
    indicatoren = monitor(periode=periode_parse("2026-H2")).indicatoren
    # In layout mode each row of the indicator table starts with the (first words of the) label, then the value.
    tabel = _tekst(data, tmp_path, "-layout").split("1. Indicatoren", 1)[1].split("2. Trends", 1)[0]
    for i in indicatoren:
        regel = next(r for r in tabel.splitlines() if r.strip() and i.label.startswith(re.split(r"\s{2,}", r.strip())[0]))
        waarde = re.split(r"\s{2,}", regel.strip())[1]
        # pdftotext writes the no-break space between number and "%" as a plain space
        assert waarde == dashboard[i.code].replace("\u00a0", " ") == i.weergave.replace("\u00a0", " "), (i.code, regel)
    assert len(dashboard) == len(indicatoren) == 9
    for kop in ("2. Trends", "3. Reflectie", "4. Portfolio van coalities", "5. Financiering per component", "6. Escalaties"):
        assert kop in tekst
    assert "Grondverwerving stokt" in tekst and "Te lang open" in tekst
    assert "Snelfietsroute Merwede" in tekst and "Kritiek (2026 K3)" in tekst


def test_report_per_table_and_bad_parameters(tmp_path):
    """A report per table names the table; a year, an unknown period or table gets a Dutch message."""
    w = monitor_wereld()
    data, _ = document_services.synchroon_bouwen("monitoring", {"periode": "2026-Q3", "tafel": str(w.tafel.pk)})
    assert "Tafel Bereikbaarheid" in _tekst(data, tmp_path)
    for gegevens, melding in (({"periode": "2026"}, "kwartaal of een halfjaar"), ({"periode": "2026-H3"}, "H1 of H2"),
                              ({"periode": "2026-H2", "tafel": "abc"}, "Onbekende tafel"),
                              ({"periode": "2026-H2", "tafel": str(w.ambtelijk.orgaan.pk)}, "Onbekende tafel")):
        with pytest.raises(ValidationError, match=melding):
            document_services.synchroon_bouwen("monitoring", gegevens)


def test_command_writes_the_pdf(tmp_path):
    """python manage.py rapport monitoring --periode 2026-H2 --out FILE.pdf writes a readable PDF."""
    from documenten.management.commands.rapport import Command

    monitor_wereld()
    doel = tmp_path / "monitoring.pdf"
    Command().run_from_argv(["manage.py", "rapport", "monitoring", "--periode", "2026-H2", "--out", str(doel)])
    assert "Monitoringsrapport van de samenwerking, 2e helft 2026" in _tekst(doel.read_bytes(), tmp_path).replace("\n", " ")


def test_beat_queues_the_report_when_a_period_ends():
    """Celery beat runs at the start of each quarter; the quarter, and a half year with it, that ended yesterday."""
    assert settings.CELERY_BEAT_SCHEDULE["monitoring-na-periode"]["task"] == "regiekamer.tasks.monitoring_periode_afgelopen"
    assert afgelopen_perioden(datetime.date(2026, 7, 1)) == ["2026-Q2", "2026-H1"]
    assert afgelopen_perioden(datetime.date(2027, 1, 1)) == ["2026-Q4", "2026-H2"]
    assert afgelopen_perioden(datetime.date(2026, 10, 1)) == ["2026-Q3"]
    assert afgelopen_perioden(datetime.date(2026, 5, 3)) == []
