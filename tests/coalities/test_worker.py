import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from coalities.models import Deelname
from coalities.tasks import instap_omzetten
from tests.coalities.factories import DeelnameFactory, ToezeggingFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_instap_job_converts_on_a_real_worker(celery_worker_process):
    """The daily task, run by a real worker, turns an instap whose date has come into volledig, with history."""
    vandaag = timezone.localdate()
    binnen = DeelnameFactory(instapper=True, instapdatum=vandaag)
    ToezeggingFactory(deelname=binnen)
    later = DeelnameFactory(instapper=True, instapdatum=vandaag + datetime.timedelta(days=30))
    ToezeggingFactory(deelname=later)
    omgezet = instap_omzetten.delay().get(timeout=60)
    assert omgezet == [binnen.pk]
    binnen.refresh_from_db()
    later.refresh_from_db()
    assert binnen.variant == Deelname.Variant.VOLLEDIG
    assert later.variant == Deelname.Variant.INSTAP
    assert binnen.history.first().history_change_reason.startswith("Instapdatum bereikt")


def test_instap_job_is_scheduled_daily():
    """The beat schedule runs the instap job once a day."""
    schema = settings.CELERY_BEAT_SCHEDULE["instap-omzetten"]
    assert schema["task"] == "coalities.tasks.instap_omzetten"
    assert schema["schedule"].hour == {0} and schema["schedule"].minute == {5}
