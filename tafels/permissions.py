"""Who may do what at the bestuurlijke tafels; pure functions over the user's roles and organisation."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Agendapunt, PriveNotitie, Vergadering
from .selectors import mag_vergadering_zien
from .services import mag_tafel_bewerken


def mag_notities_bijhouden(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """A bestuurder who may see the meeting keeps private notes beside its agenda items."""
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen or not gebruiker.heeft_rol(Rol.Soort.BESTUURDER):
        return False
    return mag_vergadering_zien(gebruiker, vergadering)


def mag_notitie_schrijven(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The same for one agenda item: its meeting decides."""
    return mag_notities_bijhouden(gebruiker, agendapunt.vergadering)


def mag_notitie_lezen(gebruiker: Gebruiker, notitie: PriveNotitie) -> bool:
    """Only the author: not a beheerder, not the table's secretary, nobody else."""
    return gebruiker.is_authenticated and notitie.auteur_id == gebruiker.pk


def mag_agendapakket_zien(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """Whoever may see the meeting may read and download its pack."""
    return gebruiker.is_authenticated and mag_vergadering_zien(gebruiker, vergadering)


def mag_agendapakket_maken(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """Members and whoever may see the meeting build the pack; a raadslid only reads."""
    return mag_agendapakket_zien(gebruiker, vergadering) and not gebruiker.alleen_lezen


def mag_agendapakket_verzenden(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """Whoever sends the papers of the table (its secretary, or a beheerder)."""
    return mag_agendapakket_zien(gebruiker, vergadering) and mag_tafel_bewerken(gebruiker=gebruiker, tafel=vergadering.tafel)
