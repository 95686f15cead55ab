"""Who may do what at the tables; services, views and templates ask these functions."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Lidmaatschap, Vergadering


def mag_aanmelden(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    """A bestuurder of a member organisation says whether they come, until the meeting is held.

    `leden_ids` (the organisations at the table) saves a query when a page asks this for many meetings.
    """
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen or not gebruiker.heeft_rol(Rol.Soort.BESTUURDER):
        return False
    if vergadering.status in (Vergadering.Status.GEHOUDEN, Vergadering.Status.BESLUITENLIJST_VASTGESTELD):
        return False
    if leden_ids is None:
        leden_ids = set(
            vergadering.tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).values_list(
                "organisatie_id", flat=True
            )
        )
    return gebruiker.organisatie_id in leden_ids
