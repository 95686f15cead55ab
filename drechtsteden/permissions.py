"""The permission model every app follows, and the portal's own actor.

Each app has a `permissions.py` with pure functions `mag_<werkwoord>(gebruiker, obj) -> bool` over the
user's roles and organisation. Services that write take a required keyword `door` and call
`vereis(mag_…(door, …))`; views, templates and querysets ask the same functions. Scheduled jobs,
commands and demo loading act as `systeem()`: a stored, inactive superuser that cannot log in and is
named in the history of what it changed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Gebruiker

SYSTEEM_GEBRUIKERSNAAM = "systeem"


def systeem() -> Gebruiker:
    """The portal itself as the acting user of jobs and commands; it has every right."""
    gebruiker, _aangemaakt = Gebruiker.objects.get_or_create(
        username=SYSTEEM_GEBRUIKERSNAAM,
        defaults={"is_superuser": True, "is_active": False, "first_name": "Portaal", "last_name": "(systeem)"},
    )
    if _aangemaakt:
        gebruiker.set_unusable_password()
        gebruiker.save(update_fields=["password"])
    return gebruiker


def vereis(toegestaan: bool, melding: str | None = None) -> None:
    """Refuses the write (PermissionDenied, shown as 403) when the permission function said no."""
    if not toegestaan:
        raise PermissionDenied(melding or _("U heeft niet het recht om dit te doen."))
