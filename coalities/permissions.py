"""Who may change what in a coalition: pure functions over the user's roles and organisation.

Views ask them to show or hide a button and turn a refusal into 403; the services ask the same
functions with the acting user ``door`` and raise ``PermissionDenied``, so an import or any other
path cannot do what the screens refuse.
"""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Organisatie, Rol

from .models import Coalitie, Deelname, Toezegging

PROGRAMMASTAF = (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.COORDINEREND_AMBTENAAR, Rol.Soort.PROGRAMMAMANAGER)


def is_programmastaf(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_authenticated and not gebruiker.alleen_lezen and gebruiker.heeft_rol(*PROGRAMMASTAF)


def mag_deelname_wijzigen(gebruiker: Gebruiker, organisatie_id: int) -> bool:
    """Programme staff keep the deelnames and commitments of their own organisation; beheerders all."""
    if not gebruiker.is_authenticated:
        return False
    if gebruiker.is_beheerder:
        return True
    return is_programmastaf(gebruiker) and gebruiker.organisatie_id == organisatie_id


def mag_coalitie_wijzigen(gebruiker: Gebruiker, coalitie: Coalitie) -> bool:
    """The trekker's programme staff (and the project leader) keep the coalition itself."""
    if not gebruiker.is_authenticated:
        return False
    if gebruiker.is_beheerder:
        return True
    if gebruiker.alleen_lezen:
        return False
    if coalitie.projectleider_id is not None and coalitie.projectleider_id == gebruiker.pk:
        return True
    return is_programmastaf(gebruiker) and gebruiker.organisatie_id == coalitie.trekker_id


def mag_trekker_wijzigen(gebruiker: Gebruiker, coalitie: Coalitie) -> bool:
    """Once a coalition exists, only a beheerder hands the lead to another organisation."""
    return gebruiker.is_authenticated and gebruiker.is_beheerder


def mag_coalitie_aanmaken(gebruiker: Gebruiker, trekker: Organisatie | None = None) -> bool:
    """Programme staff start coalitions with their own organisation as trekker; beheerders with any."""
    if not gebruiker.is_authenticated:
        return False
    if gebruiker.is_beheerder:
        return True
    if not is_programmastaf(gebruiker):
        return False
    return trekker is None or trekker.pk == gebruiker.organisatie_id


def mag_importeren(gebruiker: Gebruiker, obj: object = None) -> bool:
    """Whoever may start a coalition uploads a spreadsheet; each row is checked again on its own."""
    return mag_coalitie_aanmaken(gebruiker)


def mag_toezegging_wijzigen(gebruiker: Gebruiker, toezegging: Toezegging) -> bool:
    """A commitment belongs to its deelname: the programme staff of that organisation keep it."""
    return mag_deelname_wijzigen(gebruiker, toezegging.deelname.organisatie_id)


def mag_realisatie_vastleggen(gebruiker: Gebruiker, toezegging: Toezegging) -> bool:
    """What was delivered on a commitment is recorded by whoever keeps the commitment."""
    return mag_toezegging_wijzigen(gebruiker, toezegging)


def mag_voortgang_rapporteren(gebruiker: Gebruiker, coalitie: Coalitie) -> bool:
    """Progress reports are written by whoever keeps the coalition."""
    return mag_coalitie_wijzigen(gebruiker, coalitie)


def mag_resultaat_vastleggen(gebruiker: Gebruiker, coalitie: Coalitie) -> bool:
    """Results and lessons are recorded by whoever keeps the coalition."""
    return mag_coalitie_wijzigen(gebruiker, coalitie)


def mag_instap_omzetten(gebruiker: Gebruiker, deelname: Deelname | None = None) -> bool:
    """Turning an instap into volledig on its entry date is the nightly job's (or a beheerder's)."""
    return gebruiker.is_authenticated and gebruiker.is_beheerder
