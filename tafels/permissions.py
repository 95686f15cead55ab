"""Who may do what at the bestuurlijke tafels: pure functions over the user's roles and organisation.

Services, views and templates ask these functions."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Agendapunt, Lidmaatschap, PriveNotitie, Vergadering


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


def mag_notities_bijhouden(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """A bestuurder who may see the meeting keeps private notes beside its agenda items."""
    from .selectors import mag_vergadering_zien

    if not gebruiker.is_authenticated or gebruiker.alleen_lezen or not gebruiker.heeft_rol(Rol.Soort.BESTUURDER):
        return False
    return mag_vergadering_zien(gebruiker, vergadering)


def mag_notitie_schrijven(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The same for one agenda item: its meeting decides."""
    return mag_notities_bijhouden(gebruiker, agendapunt.vergadering)


def mag_notitie_lezen(gebruiker: Gebruiker, notitie: PriveNotitie) -> bool:
    """Only the author: not a beheerder, not the table's secretary, nobody else."""
    return gebruiker.is_authenticated and notitie.auteur_id == gebruiker.pk
