from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitiesConfig(AppConfig):
    name = "coalities"
    verbose_name = _("Coalities")

    def ready(self) -> None:
        # A vote at a table on an item about one coalition counts only its full participants; tafels sits
        # below this app and cannot ask itself.
        from tafels import besluitvorming

        from .selectors import stemgerechtigde_ids

        besluitvorming.registreer_coalitiestemrecht(stemgerechtigde_ids)
