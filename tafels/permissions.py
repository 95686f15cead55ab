"""Who may do what with a table's decisions and votes: pure functions over the user's roles."""

from __future__ import annotations

from drechtsteden.models import Gebruiker

from .models import Agendapunt, BestuurlijkeTafel


def _secretaris_of_beheerder(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen:
        return False
    return gebruiker.is_beheerder or (tafel.secretaris_id is not None and tafel.secretaris_id == gebruiker.pk)


def mag_stemregeling_wijzigen(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The table's secretary (or a beheerder) sets how votes are weighed; a raadslid only reads."""
    return _secretaris_of_beheerder(gebruiker, tafel)


def mag_stemming_vastleggen(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The secretary records the decision of the meeting, by consensus or by vote."""
    return _secretaris_of_beheerder(gebruiker, agendapunt.vergadering.tafel)


def mag_partner_toelaten(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The secretary records the seven gemeenten's decision to admit a partner."""
    return _secretaris_of_beheerder(gebruiker, tafel)
