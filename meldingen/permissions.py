"""Who may do what with notifications: each person reads and manages only their own."""

from __future__ import annotations

from drechtsteden.models import Gebruiker

from .models import Melding


def mag_melding_lezen(gebruiker: Gebruiker, melding: Melding) -> bool:
    return gebruiker.is_authenticated and melding.ontvanger_id == gebruiker.pk


def mag_voorkeuren_wijzigen(gebruiker: Gebruiker, ontvanger: Gebruiker) -> bool:
    """The person themself; the portal's own actor (jobs, an unsubscribe link) for anyone."""
    return gebruiker.is_authenticated and (gebruiker.pk == ontvanger.pk or gebruiker.is_superuser)


def mag_melden(gebruiker: Gebruiker | None) -> bool:
    """Notifications follow a change: anyone who may change something, and the portal itself."""
    if gebruiker is None:
        return False
    return gebruiker.is_superuser or (gebruiker.is_authenticated and not gebruiker.alleen_lezen)
