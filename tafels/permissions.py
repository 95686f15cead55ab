"""Who may do what at the bestuurlijke tafels: pure functions over the user's roles and organisation.

Services, views and templates ask these functions."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Actiepunt, Agendapunt, BestuurlijkeTafel, Lidmaatschap, PriveNotitie, Vergadering

# Roles that follow every table without being a member organisation.
NETWERKROLLEN = (Rol.Soort.MANAGER_SDD, Rol.Soort.PROGRAMMAMANAGER)


def mag_tafel_bewerken(*, gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The table's secretary (or a beheerder) edits; a raadslid only reads."""
    if gebruiker.alleen_lezen:
        return False
    return gebruiker.is_beheerder or (tafel.secretaris_id is not None and tafel.secretaris_id == gebruiker.pk)


def mag_tafel_aanmaken(gebruiker: Gebruiker, tafel: BestuurlijkeTafel | None = None) -> bool:
    """The manager SDD (or a beheerder) sets up a table or the meeting body of a regiekamer."""
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen:
        return False
    return gebruiker.is_beheerder or gebruiker.heeft_rol(Rol.Soort.MANAGER_SDD)


def mag_lidmaatschap_wijzigen(gebruiker: Gebruiker, lidmaatschap: Lidmaatschap) -> bool:
    """The table's secretary records an opt-out, a return or the representing bestuurder."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=lidmaatschap.tafel)


def mag_ambitie_vaststellen(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The table's secretary records each adopted version of its ambition."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=tafel)


def mag_vergadering_plannen(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The table's secretary, a beheerder, and the manager SDD as coordinator of the programme."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=tafel) or (
        gebruiker.is_authenticated and not gebruiker.alleen_lezen and gebruiker.heeft_rol(Rol.Soort.MANAGER_SDD)
    )


def mag_vergadering_bewerken(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """The secretary moves the meeting's status on and records who attended."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=vergadering.tafel)


def mag_agenda_bewerken(gebruiker: Gebruiker, vergadering: Vergadering) -> bool:
    """The secretary adds, edits, moves and removes agenda items and records the urgency test."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=vergadering.tafel)


def mag_stuk_uploaden(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The secretary adds the papers (and their new versions) to an agenda item."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=agendapunt.vergadering.tafel)


def mag_besluit_vastleggen(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The secretary records a decision taken by consensus."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=agendapunt.vergadering.tafel)


def mag_actiepunt_aanmaken(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The secretary records the actions agreed on an agenda item."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=agendapunt.vergadering.tafel)


def mag_actiepunt_wijzigen(gebruiker: Gebruiker, actiepunt: Actiepunt) -> bool:
    """The secretary of the action's table marks it done or lapsed."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=actiepunt.agendapunt.vergadering.tafel)


def tafel_leden_ids(tafel: BestuurlijkeTafel) -> set[int]:
    if hasattr(tafel, "leden_lijst"):
        return {lid.organisatie_id for lid in tafel.leden_lijst if lid.aan_tafel}
    return set(tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).values_list("organisatie_id", flat=True))


def mag_concept_zien(gebruiker: Gebruiker, tafel: BestuurlijkeTafel, leden_ids: set[int] | None = None) -> bool:
    """A draft agenda: the secretary, the chair, a beheerder and users of the table's member organisations."""
    if gebruiker.is_beheerder or gebruiker.pk in (tafel.secretaris_id, tafel.voorzitter_id):
        return True
    leden_ids = tafel_leden_ids(tafel) if leden_ids is None else leden_ids
    return gebruiker.organisatie_id in leden_ids


def mag_vergaderingen_zien(gebruiker: Gebruiker, tafel: BestuurlijkeTafel, leden_ids: set[int] | None = None) -> bool:
    """Meetings once the agenda is set: members, plus the manager SDD and programmamanagers."""
    return gebruiker.heeft_rol(*NETWERKROLLEN) or mag_concept_zien(gebruiker, tafel, leden_ids)


def mag_vergadering_zien(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    if vergadering.is_concept:
        return mag_concept_zien(gebruiker, vergadering.tafel, leden_ids)
    return mag_vergaderingen_zien(gebruiker, vergadering.tafel, leden_ids)


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
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen or not gebruiker.heeft_rol(Rol.Soort.BESTUURDER):
        return False
    return mag_vergadering_zien(gebruiker, vergadering)


def mag_notitie_schrijven(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The same for one agenda item: its meeting decides."""
    return mag_notities_bijhouden(gebruiker, agendapunt.vergadering)


def mag_notitie_lezen(gebruiker: Gebruiker, notitie: PriveNotitie) -> bool:
    """Only the author: not a beheerder, not the table's secretary, nobody else."""
    return gebruiker.is_authenticated and notitie.auteur_id == gebruiker.pk
# --- Agenda packs ------------------------------------------------------------------------------


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


# --- Decisions and votes ---------------------------------------------------------------------------


def mag_stemregeling_wijzigen(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The table's secretary (or a beheerder) sets how votes are weighed; a raadslid only reads."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=tafel)


def mag_stemming_vastleggen(gebruiker: Gebruiker, agendapunt: Agendapunt) -> bool:
    """The secretary records the decision of the meeting, by consensus or by vote."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=agendapunt.vergadering.tafel)


def mag_partner_toelaten(gebruiker: Gebruiker, tafel: BestuurlijkeTafel) -> bool:
    """The secretary records the seven gemeenten's decision to admit a partner."""
    return mag_tafel_bewerken(gebruiker=gebruiker, tafel=tafel)
