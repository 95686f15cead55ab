"""The "Voor u" block of the home page: what the user's organisation has to do or know, from the apps' selectors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import logging

from django.core.cache import cache
from django.db import connection
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation

from coalities import permissions as coalitie_permissions
from coalities import selectors as coalitie_selectors
from coalities.models import Coalitie, Deelname
from financiering import selectors as financiering_selectors
from financiering.models import Begrotingsjaar, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage
from tafels import selectors as tafel_selectors
from tafels.models import Actiepunt, Vergadering

from drechtsteden.models import Gebruiker, Inwonertal, Organisatie

logger = logging.getLogger(__name__)
# Everything the allocation of a year reads; each keeps its history, so every save shows in the stamp.
FINANCIERINGSBRONNEN = (
    Begrotingsjaar, SleutelPercentage, VasteBijdrage, ProjectBudget, ProfijtGewicht, Deelname, Organisatie, Inwonertal,
)
CACHE_SECONDEN = 600


@dataclass(frozen=True)
class Dashboard:
    organisatie: Organisatie | None
    vergaderingen: list[Vergadering]
    actiepunten: list[Actiepunt]
    nog_geen_keuze: list[Coalitie]
    mag_keuze_vastleggen: bool
    vandaag: datetime.date
    jaar: int
    financiering: financiering_selectors.OrganisatieJaar | None


def voor_u(gebruiker: Gebruiker) -> Dashboard:
    """The dashboard of one user: at most 15 queries whatever the size of the network.

    Roles (1), organisation (1), meetings (1), action items (1), coalitions without a choice (2) and
    this year's adopted allocation as financiering computes it (1 for the cached figures, 8 more when
    they changed; only for a user with an organisation).
    """
    prefetch_related_objects([gebruiker], "rollen")
    organisatie = gebruiker.organisatie if gebruiker.organisatie_id else None
    vandaag = timezone.localdate()
    jaar = vandaag.year
    nog_geen_keuze: list[Coalitie] = []
    financiering = None
    if organisatie is not None:
        if organisatie.is_drechtstedengemeente:
            nog_geen_keuze = coalitie_selectors.organisatie_overzicht(organisatie).nog_geen_keuze
        financiering = financiering_van(organisatie, jaar)
    return Dashboard(
        organisatie=organisatie,
        vergaderingen=tafel_selectors.komende_vergaderingen_voor(gebruiker),
        actiepunten=tafel_selectors.open_actiepunten_voor(gebruiker),
        nog_geen_keuze=nog_geen_keuze,
        mag_keuze_vastleggen=organisatie is not None
        and coalitie_permissions.can_edit_deelname(gebruiker, organisatie.pk),
        vandaag=vandaag,
        jaar=jaar,
        financiering=financiering,
    )


def _stempel() -> str:
    """Changes whenever an input of the allocation is added, removed or saved: one query."""
    delen = []
    for model in FINANCIERINGSBRONNEN:
        tabel = connection.ops.quote_name(model._meta.db_table)
        historie = connection.ops.quote_name(model.history.model._meta.db_table)
        delen.append(f"(SELECT COUNT(*) || '-' || COALESCE(MAX(id), 0) FROM {tabel}) || '-' || "
                     f"(SELECT COALESCE(MAX(history_id), 0) FROM {historie})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " || ':' || ".join(delen))
        return cursor.fetchone()[0]


def financiering_van(organisatie: Organisatie, jaar: int) -> financiering_selectors.OrganisatieJaar:
    """What the organisation pays this year; computing the whole allocation only when an input changed.

    The allocation of a large network costs seconds, the home page is the most visited page, and its
    inputs change a few times a year. Without a reachable cache the figures are computed as before.
    """
    sleutel = ":".join([
        "portaal:financiering", str(connection.settings_dict["NAME"]), str(organisatie.pk), str(jaar),
        translation.get_language() or "", _stempel(),
    ])
    try:
        bewaard = cache.get(sleutel)
    except Exception as exc:  # noqa: BLE001 - a cache outage must not take the home page down
        logger.warning("Cache niet bereikbaar: %s", exc)
        bewaard = None
    if bewaard is not None:
        return bewaard
    cijfers = financiering_selectors.organisatie_jaar(organisatie.naam, financiering_selectors.verdeling_voor_jaar(jaar))
    try:
        cache.set(sleutel, cijfers, CACHE_SECONDEN)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Cache niet bereikbaar: %s", exc)
    return cijfers
