from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    """The top of the house: home page, dashboards and pages that show every app's data."""

    name = "portaal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from . import groeiperspectief_rapport, rapporten

        rapporten.registreren()
        groeiperspectief_rapport.registreren()
