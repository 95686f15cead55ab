"""A table with representatives and e-mail addresses, for the notification tests."""

from __future__ import annotations

from types import SimpleNamespace

from drechtsteden.models import Organisatie, Rol
from tafels import services as tafel_services
from tests.factories import GebruikerFactory
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering


def persoon(organisatie: Organisatie, *rollen: str, **kwargs):
    gebruiker = GebruikerFactory(organisatie=organisatie, rollen=list(rollen) or [Rol.Soort.BESTUURDER], **kwargs)
    if not gebruiker.email:
        gebruiker.email = f"{gebruiker.username}@example.nl"
        gebruiker.save(update_fields=["email"])
    return gebruiker


def tafelwereld(*, over_dagen: int = 30) -> SimpleNamespace:
    """A table of the seven gemeenten; Zwijndrecht and Papendrecht have a representative; Gorinchem is outside."""
    tafel = tafel_met_leden()
    tafel.secretaris.email = f"{tafel.secretaris.username}@example.nl"
    tafel.secretaris.save(update_fields=["email"])
    org = {o.naam: o for o in Organisatie.objects.all()}
    w = SimpleNamespace(tafel=tafel, secretaris=tafel.secretaris, org=org, vertegenwoordigers={})
    for naam in ("Zwijndrecht", "Papendrecht"):
        bestuurder = persoon(org[naam], Rol.Soort.BESTUURDER)
        lid = tafel.lidmaatschappen.get(organisatie=org[naam])
        tafel_services.lidmaatschap_vertegenwoordiger_instellen(lidmaatschap=lid, vertegenwoordiger=bestuurder, door=w.secretaris)
        w.vertegenwoordigers[naam] = bestuurder
    w.gorinchem = Organisatie.objects.get_or_create(
        naam="Gorinchem", defaults={"soort": Organisatie.Soort.AANPALENDE_GEMEENTE, "cbs_code": "GM0512"}
    )[0]
    w.buitenstaander = persoon(w.gorinchem, Rol.Soort.BESTUURDER)
    w.collega = persoon(org["Zwijndrecht"], Rol.Soort.PROGRAMMAMEDEWERKER)  # same gemeente, not at the table
    w.vergadering = vergadering(tafel, over_dagen=over_dagen)
    w.punt = agendapunt(w.vergadering, door=w.secretaris)
    return w
