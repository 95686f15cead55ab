from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    default = True
    name = "drechtsteden"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from django.urls import register_converter

        from . import wijzigteller
        from .invoer import JaarConverter

        register_converter(JaarConverter, "jaar")
        post_migrate.connect(_wijzigtellers_installeren, sender=self)
        request_started.connect(wijzigteller.verzoek_begint, dispatch_uid="wijzigteller_verzoek_begint")
        request_finished.connect(wijzigteller.verzoek_eindigt, dispatch_uid="wijzigteller_verzoek_eindigt")
        connection_created.connect(_schrijven_volgen, dispatch_uid="wijzigteller_schrijven_volgen")


def _schrijven_volgen(sender, connection, **kwargs) -> None:
    from . import wijzigteller

    if wijzigteller.schrijven_wist_nummers not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, wijzigteller.schrijven_wist_nummers)  # under any with-block wrapper


def _wijzigtellers_installeren(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: the change triggers on every table of the portal (new tables included)."""
    from . import wijzigteller

    wijzigteller.installeer(using)

