"""The "Voor u" block of the home page: what the user's organisation has to do or know, from the apps' selectors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils import timezone

from coalities import permissions as coalitie_permissions
from coalities import selectors as coalitie_selectors
from coalities.models import Coalitie
from financiering import selectors as financiering_selectors
from tafels import selectors as tafel_selectors
from tafels.models import Actiepunt, Vergadering

from drechtsteden.models import Gebruiker, Organisatie


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
    """The dashboard of one user: at most 14 queries whatever the size of the network.

    Roles (1), organisation (1), meetings (1), action items (1), coalitions without a choice (2) and
    this year's adopted allocation as financiering computes it (8, only for a user with an organisation).
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
        financiering = financiering_selectors.organisatie_jaar(
            organisatie.naam, financiering_selectors.verdeling_voor_jaar(jaar)
        )
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
