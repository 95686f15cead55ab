"""Who may change what in a coalition; views turn a refusal into 403."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Coalitie

PROGRAMMASTAF = (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.COORDINEREND_AMBTENAAR, Rol.Soort.PROGRAMMAMANAGER)


def is_programmastaf(user: Gebruiker) -> bool:
    return user.is_authenticated and not user.alleen_lezen and user.heeft_rol(*PROGRAMMASTAF)


def can_edit_deelname(user: Gebruiker, organisatie_id: int) -> bool:
    """Programme staff keep the deelnames and commitments of their own organisation; beheerders all."""
    if not user.is_authenticated:
        return False
    if user.is_beheerder:
        return True
    return is_programmastaf(user) and user.organisatie_id == organisatie_id


def can_edit_coalitie(user: Gebruiker, coalitie: Coalitie) -> bool:
    """The trekker's programme staff (and the project leader) keep the coalition itself."""
    if not user.is_authenticated:
        return False
    if user.is_beheerder:
        return True
    if user.alleen_lezen:
        return False
    if coalitie.projectleider_id is not None and coalitie.projectleider_id == user.pk:
        return True
    return is_programmastaf(user) and user.organisatie_id == coalitie.trekker_id


def can_create_coalitie(user: Gebruiker) -> bool:
    return user.is_authenticated and (user.is_beheerder or is_programmastaf(user))


def can_import(user: Gebruiker) -> bool:
    return can_create_coalitie(user)
