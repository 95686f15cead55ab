"""Generic job views: start, progress, retry, download — for whoever the document's rule allows."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documenten.models import Documentopdracht
from drechtsteden.models import Organisatie, Rol
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    tafel = tafel_met_leden(naam="Tafel Wonen")
    v = vergadering(tafel)
    agendapunt(v, titel="Woonagenda")
    lid = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    gorinchem = Organisatie.objects.create(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512") \
        if not Organisatie.objects.filter(naam="Gorinchem").exists() else Organisatie.objects.get(naam="Gorinchem")
    buiten = GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.BESTUURDER])
    return tafel, v, lid, buiten


def test_member_starts_a_pack_and_sees_its_progress(client, wereld, django_capture_on_commit_callbacks):
    """A member starts the pack: one queued row, the htmx answer is a progress bar that polls."""
    tafel, v, lid, _ = wereld
    client.force_login(lid)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("documenten:starten", args=["agendapakket"]), {"vergadering": v.pk},
                               headers={"HX-Request": "true"})
    assert response.status_code == 200
    opdracht = Documentopdracht.objects.get()
    assert (opdracht.soort, opdracht.parameters, opdracht.door, opdracht.status) == (
        "agendapakket", {"vergadering": v.pk}, lid, Documentopdracht.Status.IN_WACHTRIJ)
    assert len(callbacks) == 1  # enqueued after commit
    html = response.content.decode()
    assert "<progress" in html and 'hx-trigger="every 1s"' in html
    # Asking again while it waits gives the same job, not a second one.
    client.post(reverse("documenten:starten", args=["agendapakket"]), {"vergadering": v.pk})
    assert Documentopdracht.objects.count() == 1


def test_outsider_gets_404_and_nothing_is_saved(client, wereld):
    """Someone who may not see the meeting can neither start, poll nor download its pack."""
    tafel, v, lid, buiten = wereld
    opdracht = Documentopdracht.objects.create(soort="agendapakket", parameters={"vergadering": v.pk}, door=lid)
    client.force_login(buiten)
    assert client.post(reverse("documenten:starten", args=["agendapakket"]), {"vergadering": v.pk}).status_code == 404
    assert client.get(reverse("documenten:opdracht", args=[opdracht.pk])).status_code == 404
    assert client.get(reverse("documenten:download", args=[opdracht.pk])).status_code == 404
    assert client.post(reverse("documenten:opnieuw", args=[opdracht.pk])).status_code == 404
    assert Documentopdracht.objects.count() == 1


def test_member_may_not_send_and_bad_input_is_refused(client, wereld):
    """Sending is for the secretary (403 for a member); an unknown kind or meeting is 404; nothing saved."""
    tafel, v, lid, _ = wereld
    client.force_login(lid)
    url = reverse("documenten:starten", args=["agendapakket"])
    assert client.post(url, {"vergadering": v.pk, "verzenden": "1"}).status_code == 403
    assert client.post(url, {"vergadering": "999999"}).status_code == 404
    assert client.post(url, {"vergadering": "abc"}).status_code == 404
    assert client.post(url, {"vergadering": "9" * 40}).status_code == 404
    assert client.post(reverse("documenten:starten", args=["onbekend"]), {"vergadering": v.pk}).status_code == 404
    assert not Documentopdracht.objects.exists()


def test_failed_job_shows_dutch_message_and_retry(client, wereld, django_capture_on_commit_callbacks):
    """A failed job shows its Dutch message and a retry button; retrying queues it again."""
    tafel, v, lid, _ = wereld
    opdracht = Documentopdracht.objects.create(
        soort="agendapakket", parameters={"vergadering": v.pk}, door=lid, status=Documentopdracht.Status.MISLUKT,
        fout="Het document kon niet worden gemaakt.",
    )
    client.force_login(lid)
    html = client.get(reverse("documenten:opdracht", args=[opdracht.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "Het document kon niet worden gemaakt." in html and "Opnieuw proberen" in html
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("documenten:opnieuw", args=[opdracht.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and len(callbacks) == 1
    opdracht.refresh_from_db()
    assert opdracht.status == Documentopdracht.Status.IN_WACHTRIJ and opdracht.fout == ""


def test_download_only_when_done(client, wereld):
    """The download serves the stored PDF once the job is done; before that it is 404."""
    tafel, v, lid, _ = wereld
    opdracht = Documentopdracht.objects.create(soort="agendapakket", parameters={"vergadering": v.pk}, door=lid)
    client.force_login(lid)
    assert client.get(reverse("documenten:download", args=[opdracht.pk])).status_code == 404
    opdracht.bestand.save("p.pdf", ContentFile(b"%PDF-1.7 proef"), save=False)
    opdracht.status, opdracht.sha256, opdracht.bestandsnaam = Documentopdracht.Status.KLAAR, "a" * 64, "pakket.pdf"
    opdracht.save()
    response = client.get(reverse("documenten:download", args=[opdracht.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 proef"
    assert 'filename="pakket.pdf"' in response["Content-Disposition"]


def test_meeting_page_shows_the_pack_block(client, wereld):
    """The meeting page has the Agendapakket block: build for members, send only for the secretary."""
    tafel, v, lid, _ = wereld
    client.force_login(lid)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert 'id="agendapakket"' in html and "Agendapakket maken" in html and "Verzenden als versie 1" not in html
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert "Verzenden als versie 1" in html


def test_rapport_command_refuses_bad_arguments(capsys):
    """`rapport` with an unknown kind or without --out stops with a Dutch message and a non-zero exit."""
    import subprocess
    import sys

    proces = subprocess.run([sys.executable, "manage.py", "rapport", "onbekend", "--out", "/tmp/x.pdf"],
                            capture_output=True, text=True, env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "tests.settings"})
    assert proces.returncode != 0
    assert "Onbekende documentsoort" in proces.stderr
    proces = subprocess.run([sys.executable, "manage.py", "rapport", "agendapakket", "--vergadering"],
                            capture_output=True, text=True, env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "tests.settings"})
    assert proces.returncode != 0
