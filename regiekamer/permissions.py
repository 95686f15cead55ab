"""Who may do what in the regiekamers: pure functions over the user's roles and organisation."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Escalatie, Reflectieronde

# The ambtelijke regiekamer: the gemeentesecretarissen with the manager SDD.
AMBTELIJKE_REGIEKAMER = (Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.MANAGER_SDD)
# Who fills in a reflection round for their organisation.
INVULLERS = (Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.COORDINEREND_AMBTENAAR, Rol.Soort.MANAGER_SDD)


def _schrijft(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_authenticated and not gebruiker.alleen_lezen


def mag_regiekamer_beheren(gebruiker: Gebruiker, regiekamer=None) -> bool:
    """Members and chairs are kept by the manager SDD and beheerders."""
    return _schrijft(gebruiker) and (gebruiker.is_beheerder or gebruiker.heeft_rol(Rol.Soort.MANAGER_SDD))


def mag_escalatie_indienen(gebruiker: Gebruiker, obj=None) -> bool:
    """Anyone who works in the network raises a knelpunt; a raadslid only reads."""
    return _schrijft(gebruiker) and bool(gebruiker.rolcodes or gebruiker.is_superuser)


def mag_escalatie_behandelen(gebruiker: Gebruiker, escalatie: Escalatie | None = None) -> bool:
    """The ambtelijke regiekamer is the first escalation level: its members move and close escalations.

    From the bestuurlijke regiekamer on, a bestuurder may record the step too.
    """
    if not _schrijft(gebruiker):
        return False
    if gebruiker.is_beheerder or gebruiker.heeft_rol(*AMBTELIJKE_REGIEKAMER):
        return True
    return (
        escalatie is not None
        and escalatie.niveau in (Escalatie.Niveau.BESTUURLIJK, Escalatie.Niveau.COLLEGES_RADEN)
        and gebruiker.heeft_rol(Rol.Soort.BESTUURDER)
    )


def mag_ronde_beheren(gebruiker: Gebruiker, ronde: Reflectieronde | None = None) -> bool:
    """Reflection rounds are opened and closed by the ambtelijke regiekamer."""
    return _schrijft(gebruiker) and (gebruiker.is_beheerder or gebruiker.heeft_rol(*AMBTELIJKE_REGIEKAMER))


def mag_reflectie_invullen(gebruiker: Gebruiker, organisatie_id: int | None) -> bool:
    """The secretary, coördinerend ambtenaar or manager SDD answers for their own organisation."""
    if not _schrijft(gebruiker) or organisatie_id is None:
        return False
    if gebruiker.is_beheerder:
        return True
    return gebruiker.organisatie_id == organisatie_id and gebruiker.heeft_rol(*INVULLERS)


def mag_resultaten_per_gemeente_zien(gebruiker: Gebruiker, ronde: Reflectieronde | None = None) -> bool:
    """Answers per gemeente stay within the ambtelijke regiekamer; others see the network averages."""
    return gebruiker.is_authenticated and (gebruiker.is_beheerder or gebruiker.heeft_rol(*AMBTELIJKE_REGIEKAMER))


def mag_rapport_maken(gebruiker: Gebruiker) -> bool:
    """Anyone working in the network asks for the monitoring report; a raadslid reads it."""
    return _schrijft(gebruiker)
