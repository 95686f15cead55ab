from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancieringConfig(AppConfig):
    name = "financiering"
    verbose_name = _("Financiering")

    def ready(self) -> None:
        # Votes at a table may weigh by contribution; tafels sits below this app and cannot ask itself.
        from tafels import besluitvorming

        from .stemgewichten import bijdragen_voor_stemming

        besluitvorming.registreer_bijdragebron(bijdragen_voor_stemming)

        # A partner admitted by a decision of the table joins through the same recorded join as on the page.
        from .services import toetreding_tafel_vastleggen

        besluitvorming.registreer_toetreding(toetreding_tafel_vastleggen)

        # The allocation engine imports no Django: its messages are translated with gettext when shown.
        from django.utils.translation import gettext

        from . import verdeling

        verdeling.stel_vertaling_in(gettext)
