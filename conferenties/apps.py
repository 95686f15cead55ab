from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _pdfs():
    # Imported on first use: WeasyPrint is heavy and most processes never render a PDF.
    from . import pdfs

    return pdfs


class ConferentiesConfig(AppConfig):
    name = "conferenties"
    verbose_name = _("Werkconferenties")

    def ready(self) -> None:
        from documenten.registry import Documentsoort, registreer

        registreer(Documentsoort(
            naam="impressieverslag",
            label=_("Impressieverslag"),
            bouwen=lambda parameters, voortgang: _pdfs().bouwen(parameters, voortgang),
            parameters=lambda gegevens: _pdfs().parameters(gegevens),
            mag_zien=lambda gebruiker, parameters: _pdfs().mag_zien(gebruiker, parameters),
            mag_starten=lambda gebruiker, parameters: _pdfs().mag_starten(gebruiker, parameters),
            bestandsnaam=lambda parameters: _pdfs().bestandsnaam(parameters),
            terug_url=lambda parameters: _pdfs().terug_url(parameters),
        ))
