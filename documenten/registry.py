"""Which document kinds exist: domain apps register a builder per kind in their AppConfig.ready().

A builder is a plain function ``bouwen(parameters, voortgang) -> bytes``; ``voortgang(klaar, totaal,
onderdeel)`` reports progress per section. ``mag_zien`` decides who may see (and so download) the
document; ``mag_starten`` who may ask for it. ``parameters`` turns submitted text values into the
JSON parameters, raising ``ValidationError`` with a Dutch message for bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Documentopdracht

Voortgang = Callable[[int, int, str], None]


@dataclass
class Resultaat:
    """What a builder may return instead of bare bytes: the PDF and facts to keep on the job row."""

    data: bytes
    gegevens: dict[str, Any]


class Bouwfout(Exception):
    """A failure the user can understand and act on (Dutch message); the job is not retried."""


@dataclass(frozen=True)
class Documentsoort:
    naam: str
    label: str
    bouwen: Callable[[dict[str, Any], Voortgang], bytes | Resultaat]
    parameters: Callable[[Mapping[str, str]], dict[str, Any]]
    mag_zien: Callable[[Any, dict[str, Any]], bool]
    mag_starten: Callable[[Any, dict[str, Any]], bool]
    bestandsnaam: Callable[[dict[str, Any]], str]
    # Called inside the transaction that marks the job done (e.g. to freeze a version).
    na_afloop: Callable[[Documentopdracht], None] | None = None
    # Where the user goes back to after starting the job (a URL), or None.
    terug_url: Callable[[dict[str, Any]], str] | None = None


_SOORTEN: dict[str, Documentsoort] = {}


def registreer(soort: Documentsoort) -> None:
    _SOORTEN[soort.naam] = soort


def soort(naam: str) -> Documentsoort:
    try:
        return _SOORTEN[naam]
    except KeyError:
        raise ValidationError(
            _("Onbekende documentsoort “%(soort)s”. Bekend zijn: %(bekend)s.")
            % {"soort": naam, "bekend": ", ".join(sorted(_SOORTEN)) or "—"},
            code="onbekende_soort",
        ) from None


def soorten() -> list[str]:
    return sorted(_SOORTEN)
