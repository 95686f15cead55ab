from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    default = True
    name = "drechtsteden"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from django.urls import register_converter

        from .invoer import JaarConverter

        register_converter(JaarConverter, "jaar")


class StatischeBestandenConfig(StaticFilesConfig):
    """collectstatic without the one design-token file that points at icons its package does not ship.

    The manifest storage of production refuses a CSS file whose references are missing; the portal
    only uses the tokens' index.css.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "background-image-icon.css"]
