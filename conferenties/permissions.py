"""Who may do what at a work conference: pure functions over the user's roles."""

from __future__ import annotations

from drechtsteden.models import Gebruiker, Rol

from .models import Cafetafel, Werkconferentie

ORGANISATOREN = (Rol.Soort.MANAGER_SDD, Rol.Soort.PROGRAMMAMANAGER, Rol.Soort.GEMEENTESECRETARIS)


def mag_conferentie_organiseren(gebruiker: Gebruiker, conferentie: Werkconferentie | None = None) -> bool:
    """The programme team, the manager SDD and the secretaries organise; a beheerder too."""
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen:
        return False
    return gebruiker.is_beheerder or gebruiker.heeft_rol(*ORGANISATOREN)


def mag_oogst_vastleggen(gebruiker: Gebruiker, tafel: Cafetafel) -> bool:
    """The table's moderators write down its harvest; organisers may too."""
    if not gebruiker.is_authenticated or gebruiker.alleen_lezen:
        return False
    if mag_conferentie_organiseren(gebruiker, tafel.conferentie):
        return True
    return any(m.pk == gebruiker.pk for m in tafel.moderatoren.all())


def mag_muurbericht_plaatsen(gebruiker: Gebruiker, conferentie: Werkconferentie) -> bool:
    """Everybody who takes part in the network writes on the wall; a raadslid only reads."""
    return gebruiker.is_authenticated and not gebruiker.alleen_lezen
