import pytest
from django.conf import settings

from drechtsteden.tasks import health_check
from tests.factories import drechtsteden

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_health_task_runs_on_a_real_worker(celery_worker_process):
    """A task sent over the broker runs in a separate worker process against the test database."""
    drechtsteden()
    antwoord = health_check.delay().get(timeout=60)
    assert antwoord["status"] == "ok"
    assert antwoord["drechtstedengemeenten"] == 7
    assert antwoord["database_name"] == str(settings.DATABASES["default"]["NAME"])
    assert antwoord["database"] == ("postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite")


def test_broker_is_redis_when_configured():
    """With REDIS_URL set the tasks travel over Redis, otherwise over the embedded file broker."""
    from drechtsteden.celery import app

    expected = "redis" if settings.REDIS_URL else "filesystem"
    assert app.connection_for_write().transport_cls == expected
