"""The raadsinformatie as a kind of document job: the builder, its parameters and who may see it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documenten.registry import Bouwfout, Resultaat, Voortgang
from drechtsteden.invoer import parse_jaar
from drechtsteden.models import Organisatie

SOORT = "raadsinformatie"


def parameters(gegevens: Mapping[str, str]) -> dict[str, Any]:
    """``organisatie`` (id or name of a gemeente) and ``jaar``; bad values give a Dutch message."""
    waarde = str(gegevens.get("organisatie", "")).strip()
    if not waarde or len(waarde) > 120:
        raise ValidationError(_("Geef de naam van een gemeente op."), code="organisatie")
    gemeenten = Organisatie.objects.filter(soort__in=Organisatie.GEMEENTEN)
    organisatie = (
        gemeenten.filter(pk=int(waarde)).first() if waarde.isascii() and waarde.isdigit()
        else gemeenten.filter(naam__iexact=waarde).first()
    )
    if organisatie is None:
        raise ValidationError(
            _("Onbekende gemeente %(naam)s; kies uit: %(keuze)s.")
            % {"naam": waarde[:120], "keuze": ", ".join(gemeenten.order_by("naam").values_list("naam", flat=True))},
            code="organisatie",
        )
    return {"organisatie": organisatie.pk, "jaar": parse_jaar(gegevens.get("jaar"))}


def _organisatie(parameters: dict[str, Any]) -> Organisatie | None:
    return Organisatie.objects.filter(pk=parameters.get("organisatie"), soort__in=Organisatie.GEMEENTEN).first()


def bouwen(parameters: dict[str, Any], voortgang: Voortgang) -> Resultaat:
    """The registered builder: the raadsinformatie of the gemeente and year in ``parameters``."""
    from . import pdfs, selectors

    organisatie = _organisatie(parameters)
    if organisatie is None:
        raise Bouwfout(_("Deze gemeente bestaat niet meer in het portaal."))
    voortgang(0, 2, _("Gegevens verzamelen"))
    info = selectors.raadsinformatie(organisatie=organisatie, jaar=parameters["jaar"])
    voortgang(1, 2, _("PDF opmaken"))
    data = pdfs.raadsinformatie_pdf(info)
    voortgang(2, 2, _("Klaar"))
    return Resultaat(data, {"totaal": str(info.dit_jaar.bijdrage.totaal)})


def mag_zien(gebruiker, parameters: dict[str, Any]) -> bool:
    from .permissions import mag_raadsinformatie_zien

    organisatie = _organisatie(parameters)
    return organisatie is not None and mag_raadsinformatie_zien(gebruiker, organisatie)


def bestandsnaam(parameters: dict[str, Any]) -> str:
    organisatie = _organisatie(parameters)
    naam = slugify(organisatie.naam) if organisatie else "gemeente"
    return f"raadsinformatie-{naam}-{parameters.get('jaar')}.pdf"


def terug_url(parameters: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse("raadsinformatie", args=[parameters["organisatie"]]) + f"?jaar={parameters['jaar']}"


def registreren() -> None:
    from django.utils.translation import gettext_lazy

    from documenten.registry import Documentsoort, registreer

    registreer(Documentsoort(
        naam=SOORT,
        label=gettext_lazy("Raadsinformatie"),
        bouwen=bouwen,
        parameters=parameters,
        mag_zien=mag_zien,
        mag_starten=mag_zien,
        bestandsnaam=bestandsnaam,
        terug_url=terug_url,
    ))
