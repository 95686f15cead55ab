"""The groeiperspectief as a kind of document job (``groeiperspectief``): the map and its list for the
yearly inspiration day, with the same filters as the page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalities.models import Coalitie, Deelname
from documenten.registry import Resultaat, Voortgang
from drechtsteden import bewaren
from drechtsteden.models import Organisatie, Thema
from tafels.models import BestuurlijkeTafel

SOORT = "groeiperspectief"
FILTERS = ("thema", "gemeente", "variant", "status")


def filterset(gegevens: Mapping[str, Any]):
    """The page's filters over the submitted values (text or the stored JSON parameters)."""
    from .forms import GroeiperspectiefFilter

    data = {naam: str(gegevens.get(naam) or "")[:50] for naam in FILTERS if gegevens.get(naam)}
    return GroeiperspectiefFilter(data or None)


def parameters(gegevens: Mapping[str, str]) -> dict[str, Any]:
    """``thema``, ``gemeente``, ``variant`` and ``status``, each optional; unknown values give the filter's message."""
    filters = filterset(gegevens)
    if filters.is_bound and not filters.form.is_valid():
        raise ValidationError(
            [fout for fouten in filters.form.errors.values() for fout in fouten], code="filter"
        )
    return als_parameters(filters)


def als_parameters(filters) -> dict[str, str]:
    """The valid filters as the job's parameters: every filter present, empty when not chosen."""
    return {naam: filters.parameters.get(naam, "") for naam in FILTERS}


# What the map reads; a committed write to any of them changes the stamp a page of it is kept under.
BRONNEN = (Thema, Organisatie, BestuurlijkeTafel, Coalitie, Coalitie.afhankelijkheden.through, Deelname)
bewaarde_kaarten: bewaren.Bewaarplaats = bewaren.Bewaarplaats(
    maximum=64, alleen_nieuwste_stempel=True
)


def kaart_en_lijst(gegevens: Mapping[str, Any], *, pagina: int | str | None = None):
    """The selector's data and the laid out map for these filters: the whole selection (job and direct
    download), or one page of it (the page on screen, with ``pagina``). A page is kept per filters until one
    of its tables changes; the filters, data and map are then shared: read them, never change them."""
    if pagina is None:
        return _kaart_en_lijst(gegevens, None)
    sleutel = (*(str(gegevens.get(naam) or "")[:50] for naam in FILTERS), str(pagina)[:20])
    return bewaren.bewaard(bewaarde_kaarten, BRONNEN, sleutel, lambda: _kaart_en_lijst(gegevens, pagina))


def _kaart_en_lijst(gegevens: Mapping[str, Any], pagina: int | str | None):
    from . import groeikaart, selectors

    filters = filterset(gegevens)
    # Every theme, read once: the selector's columns and the theme filter's choices.
    themas = list(Thema.objects.all())
    gp = selectors.groeiperspectief(
        # Without a chosen filter the selection is every coalition (the selector need not ask which).
        coalities=filters.qs if filters.is_bound else None, thema=filters.gekozen_thema,
        gemeente=filters.gekozen_gemeente, pagina=pagina, alle_themas=themas,
    )
    # The options its iterator would read again, from the themes read here (as django-filter's iterator
    # writes them: the empty choice, then each theme).
    veld = filters.form.fields["thema"]
    veld.widget.choices = [
        *([("", veld.empty_label)] if veld.empty_label is not None else []),
        *((veld.prepare_value(t), veld.label_from_instance(t)) for t in themas),
    ]
    return filters, gp, groeikaart.indelen(gp)


def omschrijving(filters) -> str:
    """The chosen filters in words, for the PDF and the page."""
    if not filters.is_bound or not filters.form.is_valid():
        return _("Alle thema's, gemeenten, varianten en statussen.")
    delen = []
    for naam in FILTERS:
        waarde = filters.form.cleaned_data.get(naam)
        if waarde:
            veld = filters.form.fields[naam]
            tekst = str(waarde) if hasattr(waarde, "pk") else dict(veld.choices).get(waarde, waarde)
            delen.append(f"{veld.label}: {tekst}")
    return "; ".join(delen) + "." if delen else _("Alle thema's, gemeenten, varianten en statussen.")


def pdf(gegevens: Mapping[str, Any]) -> tuple[bytes, Any]:
    """The PDF in Dutch, whatever language the one who asked for it reads."""
    from django.utils import translation

    from . import pdfs

    with translation.override("nl"):
        filters, gp, kaart = kaart_en_lijst(gegevens)
        return pdfs.groeiperspectief_pdf(gp, kaart, omschrijving(filters)), gp


def bouwen(parameters: dict[str, Any], voortgang: Voortgang) -> Resultaat:
    voortgang(0, 2, _("Kaart tekenen"))
    data, gp = pdf(parameters)
    voortgang(2, 2, _("Klaar"))
    return Resultaat(data, {"coalities": len(gp.coalities), "afhankelijkheden": len(gp.afhankelijkheden)})


def mag_zien(gebruiker, parameters: dict[str, Any]) -> bool:
    """The groeiperspectief is open to everyone in the network, raadsleden too."""
    return bool(getattr(gebruiker, "is_authenticated", False))


def mag_starten(gebruiker, parameters: dict[str, Any]) -> bool:
    """Anyone signed in who may change things; a raadslid downloads it directly instead."""
    return mag_zien(gebruiker, parameters) and not gebruiker.alleen_lezen


def bestandsnaam(parameters: dict[str, Any]) -> str:
    delen = [slugify(str(parameters.get(naam))) for naam in FILTERS if parameters.get(naam)]
    return "-".join(["groeiperspectief", *delen]) + ".pdf"


def terug_url(parameters: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    from django.urls import reverse

    query = urlencode({naam: waarde for naam, waarde in parameters.items() if waarde})
    return reverse("groeiperspectief") + (f"?{query}" if query else "")


def registreren() -> None:
    from django.utils.translation import gettext_lazy

    from documenten.registry import Documentsoort, registreer

    registreer(Documentsoort(
        naam=SOORT, label=gettext_lazy("Groeiperspectief"), bouwen=bouwen, parameters=parameters,
        mag_zien=mag_zien, mag_starten=mag_starten, bestandsnaam=bestandsnaam, terug_url=terug_url,
    ))
