from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    default = True
    name = "drechtsteden"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from django.urls import register_converter

        from .invoer import JaarConverter

        register_converter(JaarConverter, "jaar")
        post_migrate.connect(_wijzigtellers_installeren, sender=self)


def _wijzigtellers_installeren(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: the change triggers on every table of the portal (new tables included)."""
    from . import wijzigteller

    wijzigteller.installeer(using)

