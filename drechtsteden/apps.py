from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    default = True
    name = "drechtsteden"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from django.urls import register_converter

        from .invoer import JaarConverter

        register_converter(JaarConverter, "jaar")

