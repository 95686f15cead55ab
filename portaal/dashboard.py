"""Dashboards: the landing page of each role and the "Voor u" block, built from the apps' own selectors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalities import permissions as coalitie_permissions
from coalities import selectors as coalitie_selectors
from coalities.models import Coalitie
from drechtsteden import bewaren
from financiering import selectors as financiering_selectors
from drechtsteden.models import Gebruiker, Organisatie, Rol
from tafels import selectors as tafel_selectors
from tafels.models import Actiepunt, Vergadering


LIMIET = 10  # items per list on a dashboard; the rest is on the list's own paged page


@dataclass(frozen=True)
class Dashboard:
    organisatie: Organisatie | None
    vergaderingen: list[Vergadering]
    actiepunten: list[Actiepunt]
    nog_geen_keuze: list[Coalitie]
    aantal_nog_geen_keuze: int
    mag_keuze_vastleggen: bool
    vandaag: datetime.date
    jaar: int
    financiering: financiering_selectors.OrganisatieJaar | None


def voor_u(gebruiker: Gebruiker) -> Dashboard:
    """The dashboard of one user: at most 15 queries whatever the size of the network.

    Roles and organisation (1 each; none for the signed-in user, whom the backend reads with both), meetings
    (1), action items (1), coalitions without a choice (2) and this year's adopted allocation as financiering
    computes it (1 for the cached figures, 8 more when they changed; only for a user with an organisation).
    """
    organisatie = gebruiker.organisatie if gebruiker.organisatie_id else None
    vandaag = timezone.localdate()
    jaar = vandaag.year
    nog_geen_keuze: list[Coalitie] = []
    aantal_nog_geen_keuze = 0
    financiering = None
    if organisatie is not None:
        if organisatie.is_drechtstedengemeente:
            overzicht = coalitie_selectors.organisatie_overzicht(organisatie, limiet=LIMIET)
            nog_geen_keuze, aantal_nog_geen_keuze = overzicht.nog_geen_keuze, overzicht.aantal_nog_geen_keuze
        financiering = financiering_van(organisatie, jaar)
    return Dashboard(
        organisatie=organisatie,
        vergaderingen=tafel_selectors.komende_vergaderingen_voor(gebruiker),
        # Action lists are the officials' work; a raadslid reads what the gemeente does and pays instead.
        actiepunten=[] if gebruiker.alleen_lezen else tafel_selectors.open_actiepunten_voor(gebruiker),
        nog_geen_keuze=nog_geen_keuze,
        aantal_nog_geen_keuze=aantal_nog_geen_keuze,
        mag_keuze_vastleggen=organisatie is not None
        and coalitie_permissions.mag_deelname_wijzigen(gebruiker, organisatie.pk),
        vandaag=vandaag,
        jaar=jaar,
        financiering=financiering,
    )


# --- A landing page per role ----------------------------------------------------------------------


@dataclass(frozen=True)
class Soort:
    """One kind of dashboard: its URL part, its title, and the roles that land on it (in priority order)."""

    code: str
    titel: str
    rollen: tuple[str, ...]
    elders: str = ""  # the URL name of a dashboard another app keeps (the regiekamer's)


SOORTEN = (
    Soort("vergaderingen", _("Mijn vergaderingen"), (Rol.Soort.BESTUURDER,)),
    Soort(
        "regiekamer", _("Regiekamer: het netwerk in één oogopslag"),
        (Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.MANAGER_SDD), elders="regiekamer:index",
    ),
    Soort("netwerk", _("Stukken, acties en keuzes aan alle tafels"), (Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.MANAGER_SDD, Rol.Soort.BEHEERDER)),
    Soort(
        "toezeggingen", _("Mijn toezeggingen"),
        (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.COORDINEREND_AMBTENAAR, Rol.Soort.PROGRAMMAMANAGER),
    ),
)
SOORT_PER_CODE = {s.code: s for s in SOORTEN}


def dashboards_voor(gebruiker: Gebruiker) -> list[Soort]:
    """The dashboards of the user's roles, the most specific first; a raadslid has none of these."""
    return [s for s in SOORTEN if gebruiker.is_superuser or gebruiker.heeft_rol(*s.rollen)]


@dataclass
class MijnVergaderingen:
    vergaderingen: list[tafel_selectors.MijnVergadering]
    vervangers: list[Gebruiker]
    vandaag: datetime.date


def mijn_vergaderingen(gebruiker: Gebruiker) -> MijnVergaderingen:
    """A bestuurder's dashboard: next meetings with deadline, aan- or afmelding and items to decide; six queries
    and the user's roles, read once by whoever asks first (choosing the dashboard does)."""
    vervangers = list(
        Gebruiker.objects.filter(organisatie_id=gebruiker.organisatie_id, is_active=True)
        .exclude(pk=gebruiker.pk)
        .order_by("sorteernaam", "first_name")
    ) if gebruiker.organisatie_id else []
    return MijnVergaderingen(
        vergaderingen=tafel_selectors.mijn_vergaderingen(gebruiker),
        vervangers=vervangers,
        vandaag=timezone.localdate(),
    )


def mijn_toezeggingen(gebruiker: Gebruiker) -> coalitie_selectors.TeDoen | None:
    """Programme staff: what their organisation has to enter now, at most ``LIMIET`` per list; four queries."""
    if not gebruiker.organisatie_id:
        return None
    return coalitie_selectors.te_doen_voor_organisatie(gebruiker.organisatie, timezone.localdate(), limiet=LIMIET)


TE_DOEN_TITELS = {
    "keuze": _("Deelname nog niet gekozen"),
    "realisatie": _("Nog geen realisatie over de vorige periode"),
    "voortgang": _("Voortgangsrapportage nodig"),
}


def te_doen_lijst(gebruiker: Gebruiker, lijst: str) -> QuerySet | None:
    """One whole list of the programme staff dashboard, as a queryset to page (None without organisation)."""
    if not gebruiker.organisatie_id:
        return None
    return coalitie_selectors.te_doen_lijst(gebruiker.organisatie, timezone.localdate(), lijst)


@dataclass
class NetwerkOogopslag:
    signalen: tafel_selectors.Signalen
    open_keuzes: list[coalitie_selectors.OpenKeuze]
    vandaag: datetime.date


def netwerk_oogopslag(*, tafel_id: int | None = None, organisatie_id: int | None = None) -> NetwerkOogopslag:
    """For secretaries: late papers, overdue actions and open choices across all tables; five queries."""
    vandaag = timezone.localdate()
    return NetwerkOogopslag(
        signalen=tafel_selectors.netwerk_signalen(vandaag, tafel_id=tafel_id, organisatie_id=organisatie_id),
        open_keuzes=coalitie_selectors.open_keuzes(organisatie_id=organisatie_id, tafel_id=tafel_id),
        vandaag=vandaag,
    )


# What each organisation pays in a year, by input stamp and language: the home page is the most visited page.
bewaarde_bijdragen: bewaren.Bewaarplaats[financiering_selectors.OrganisatieJaar] = bewaren.Bewaarplaats(
    maximum=256, alleen_nieuwste_stempel=True
)


def financiering_van(organisatie: Organisatie, jaar: int) -> financiering_selectors.OrganisatieJaar:
    """What the organisation pays this year; computing the whole allocation only when an input changed.

    The allocation of a large network costs seconds, the home page is the most visited page, and its
    inputs change a few times a year: one query when kept.
    """
    stempel = financiering_selectors.invoerstempel()
    return bewaren.bewaard(
        bewaarde_bijdragen, financiering_selectors.BRONNEN, (organisatie.pk, jaar),
        lambda: financiering_selectors.organisatie_jaar(
            organisatie.naam, financiering_selectors.verdeling_voor_jaar(jaar, stempel=stempel)
        ),
        stempel=stempel,
    )
