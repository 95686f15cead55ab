"""Both regiekamers as the services build them, with real-looking members."""


import datetime
from types import SimpleNamespace
from drechtsteden.models import Organisatie, Rol
from regiekamer import services
from regiekamer.models import Regiekamer, Regiekamerlid
from tests.factories import GebruikerFactory, drechtsteden

VAN = datetime.date(2025, 1, 1)


def kamers(*, met_leden: bool = True) -> SimpleNamespace:
    """The two rooms; the ambtelijke has the seven secretaries and the manager SDD, Dordrecht never chairs."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    dordrecht = gemeenten["Dordrecht"]
    manager = GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.MANAGER_SDD], first_name="Ingrid", last_name="Kool")
    ambtelijk = services.regiekamer_create(
        soort=Regiekamer.Soort.AMBTELIJK, naam="Ambtelijke regiekamer", door=manager, uitgesloten=[dordrecht], datum=VAN,
    )
    bestuurlijk = services.regiekamer_create(soort=Regiekamer.Soort.BESTUURLIJK, naam="Bestuurlijke regiekamer", door=manager, datum=VAN)
    w = SimpleNamespace(gemeenten=gemeenten, manager=manager, ambtelijk=ambtelijk, bestuurlijk=bestuurlijk,
                        secretarissen={}, burgemeesters={})
    if met_leden:
        for naam, gemeente in gemeenten.items():
            secretaris = GebruikerFactory(organisatie=gemeente, rollen=[Rol.Soort.GEMEENTESECRETARIS])
            w.secretarissen[naam] = secretaris
            services.regiekamerlid_create(regiekamer=ambtelijk, gebruiker=secretaris, van=VAN, door=manager)
            burgemeester = GebruikerFactory(organisatie=gemeente)
            Rol.objects.create(gebruiker=burgemeester, rol=Rol.Soort.BESTUURDER, bestuursfunctie=Rol.Bestuursfunctie.BURGEMEESTER)
            w.burgemeesters[naam] = burgemeester
            services.regiekamerlid_create(regiekamer=bestuurlijk, gebruiker=burgemeester, van=VAN, door=manager)
        services.regiekamerlid_create(
            regiekamer=ambtelijk, gebruiker=manager, van=VAN, rol=Regiekamerlid.Rol.VERBINDENDE_SCHAKEL, door=manager
        )
    w.gorinchem = Organisatie.objects.get_or_create(
        naam="Gorinchem", defaults={"soort": Organisatie.Soort.AANPALENDE_GEMEENTE, "cbs_code": "GM0512"})[0]
    return w
