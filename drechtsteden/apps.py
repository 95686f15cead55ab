from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    name = "drechtsteden"
    verbose_name = _("Netwerk")
