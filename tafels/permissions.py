"""Who may do what with a meeting's agenda pack: pure functions over roles and organisation."""

from __future__ import annotations

from drechtsteden.models import Gebruiker

from .models import Vergadering
from .selectors import mag_vergadering_zien
from .services import mag_tafel_bewerken


def mag_agendapakket_zien(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    """Whoever may see the meeting may read and download its pack."""
    return gebruiker.is_authenticated and mag_vergadering_zien(gebruiker, vergadering, leden_ids)


def mag_agendapakket_maken(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    """Members and whoever may see the meeting build the pack; a raadslid only reads."""
    return not gebruiker.alleen_lezen and mag_agendapakket_zien(gebruiker, vergadering, leden_ids)


def mag_agendapakket_verzenden(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    """Whoever sends the papers of the table (its secretary, or a beheerder)."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=vergadering.tafel) and mag_agendapakket_zien(
        gebruiker, vergadering, leden_ids
    )
