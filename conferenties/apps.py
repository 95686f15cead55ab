from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferentiesConfig(AppConfig):
    name = "conferenties"
    verbose_name = _("Werkconferenties")
