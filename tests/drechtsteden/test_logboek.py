import logging

import pytest
from django.urls import reverse

from drechtsteden.models import Rol
from tests.factories import GebruikerFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_refusal_is_logged_as_one_line_without_traceback(client, caplog):
    """A correct 403 leaves one warning on django.request, without the PermissionDenied traceback."""
    client.force_login(GebruikerFactory(organisatie=OrganisatieFactory(), rollen=[Rol.Soort.RAADSLID]))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("coalities:importeren"))
    assert response.status_code == 403
    regels = [r for r in caplog.records if r.name == "django.request"]
    assert len(regels) == 1
    assert regels[0].levelno == logging.WARNING
    assert regels[0].getMessage() == "Forbidden (Permission denied): /coalities/importeren/"
    assert regels[0].exc_info is None
    assert "Traceback" not in caplog.text
