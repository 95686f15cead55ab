"""The tafels demo content: loaded by demo_data, idempotent, following the seeds."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from drechtsteden.models import Gebruiker
from tafels.models import Besluit, BestuurlijkeTafel, Lidmaatschap, Stukversie, Vergadering

pytestmark = pytest.mark.django_db


def test_demo_data_adds_tables_meetings_and_papers(settings, tmp_path):
    """demo_data twice gives five tables with one opt-out, neighbours at bereikbaarheid and two meetings each."""
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data")
    call_command("demo_data")
    assert BestuurlijkeTafel.objects.thematafels().count() == 5
    afgemeld = Lidmaatschap.objects.get(status=Lidmaatschap.Status.AFGEMELD)
    assert afgemeld.reden and afgemeld.tafel.thema.slug == "energietransitie"
    partners = Lidmaatschap.objects.filter(status=Lidmaatschap.Status.TOEGETREDEN_PARTNER)
    assert {p.tafel.thema.slug for p in partners} == {"bereikbaarheid"}
    assert "Hoeksche Waard" in {p.organisatie.naam for p in partners}
    for tafel in BestuurlijkeTafel.objects.thematafels():
        assert tafel.vergaderingen.count() == 2
        assert tafel.secretaris.username == "programmamanager"
        assert tafel.voorzitter.heeft_rol("bestuurder")
    # Four papers per table; the next bereikbaarheid meeting has four of several pages for its agenda pack.
    assert Besluit.objects.count() == 10 and Stukversie.objects.count() == 23
    pakket = Stukversie.objects.filter(
        stuk__agendapunt__vergadering__tafel__thema__slug="bereikbaarheid",
        stuk__agendapunt__vergadering__status="agenda_vastgesteld",
    )
    assert pakket.count() == 4
    assert all(len(PdfReader(v.bestand.open("rb")).pages) >= 2 for v in pakket)
    assert Stukversie.objects.first().bestand.read().startswith(b"%PDF")
    assert Vergadering.objects.filter(status="besluitenlijst_vastgesteld").count() == 5
    assert Gebruiker.objects.get(username="bestuurder-dordrecht").check_password("Drechtsteden-demo-2026")


def test_demo_pdf_is_a_real_pdf():
    """The generated demo paper is a one-page PDF that pypdf reads back with its title."""
    import io

    from pypdf import PdfReader

    from tafels.demo import demo_pdf

    reader = PdfReader(io.BytesIO(demo_pdf("Notitie ambitie (Bereikbaarheid)")))
    assert len(reader.pages) == 1
    assert "Notitie ambitie (Bereikbaarheid)" in reader.pages[0].extract_text()
