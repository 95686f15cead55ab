from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitiesConfig(AppConfig):
    name = "coalities"
    verbose_name = _("Coalities")
