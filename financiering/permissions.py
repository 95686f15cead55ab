"""Who may do what with the financing; services, views and templates ask these functions."""

from __future__ import annotations

from coalities import permissions as coalities_permissions
from coalities.models import Deelname
from drechtsteden.models import Gebruiker, Rol
from tafels import permissions as tafels_permissions
from tafels.models import Lidmaatschap


def mag_vaststellen(gebruiker: Gebruiker, obj: object = None) -> bool:
    """Adopting budgets, keys and agreed amounts is for the beheerder and the manager of Smart Delta Drechtsteden."""
    return gebruiker.is_authenticated and (gebruiker.is_beheerder or gebruiker.heeft_rol(Rol.Soort.MANAGER_SDD))


def mag_scenario_doorrekenen(gebruiker: Gebruiker) -> bool:
    """Everyone but a read-only raadslid may run a what-if scenario; it changes nothing."""
    return gebruiker.is_authenticated and not gebruiker.alleen_lezen


def mag_scenario_opslaan(gebruiker: Gebruiker) -> bool:
    """Whoever may run a scenario may keep it under a name."""
    return mag_scenario_doorrekenen(gebruiker)


def mag_scenario_wijzigen(gebruiker: Gebruiker, scenario) -> bool:
    """A saved scenario is changed or removed by whoever made it, or by those who adopt budgets."""
    return mag_scenario_opslaan(gebruiker) and (scenario.gemaakt_door_id == gebruiker.pk or mag_vaststellen(gebruiker))


def mag_uittreding_samenwerking(gebruiker: Gebruiker, organisatie: object = None) -> bool:
    """An organisation leaving the cooperation is recorded by the beheerder or the manager SDD."""
    return mag_vaststellen(gebruiker)


def mag_toetreding_samenwerking(gebruiker: Gebruiker, organisatie: object = None) -> bool:
    """An organisation joining the cooperation is recorded by those who record a leave: the beheerder or the manager SDD."""
    return mag_vaststellen(gebruiker)


def mag_uittreding_tafel(gebruiker: Gebruiker, lidmaatschap: Lidmaatschap) -> bool:
    """Leaving a table is recorded by whoever keeps its memberships: the table's secretary."""
    return tafels_permissions.mag_lidmaatschap_wijzigen(gebruiker, lidmaatschap)


def mag_uittreding_coalitie(gebruiker: Gebruiker, deelname: Deelname) -> bool:
    """Leaving a coalition is recorded by whoever keeps the organisation's deelname."""
    return coalities_permissions.mag_deelname_wijzigen(gebruiker, deelname.organisatie_id)


def mag_toetreding_tafel(gebruiker: Gebruiker, tafel) -> bool:
    """Joining a table (a partner by decision, a gemeente taking part again) is recorded by its secretary."""
    return tafels_permissions.mag_partner_toelaten(gebruiker, tafel)


def mag_toetreding_coalitie(gebruiker: Gebruiker, organisatie) -> bool:
    """Joining a coalition is recorded by whoever keeps the organisation's deelnames."""
    return coalities_permissions.mag_deelname_wijzigen(gebruiker, organisatie.pk)
