"""Who may read what the portal puts together from every app."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Organisatie, Rol

# College and council of a gemeente: who the raadsinformatie is written for.
RAADSINFORMATIE_ROLLEN = (Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.BESTUURDER, Rol.Soort.RAADSLID)


def mag_raadsinformatie_zien(gebruiker: Gebruiker, organisatie: Organisatie) -> bool:
    """The gemeente's own secretaris, bestuurders and raadsleden, and a beheerder."""
    if not gebruiker.is_authenticated or not organisatie.is_gemeente:
        return False
    if gebruiker.is_beheerder:
        return True
    return gebruiker.organisatie_id == organisatie.pk and gebruiker.heeft_rol(*RAADSINFORMATIE_ROLLEN)


def mag_systeemcontrole_aanvragen(gebruiker: Gebruiker, controle: object = None) -> bool:
    """The system status (a check of database, broker and worker) is for beheerders and the portal itself."""
    return gebruiker.is_authenticated and gebruiker.is_beheerder
