"""Hand-made monitor data for 2026-H2, with every number chosen so the indicators are known in advance."""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from coalities.models import Coalitie, Deelname, Realisatie, Toezegging, Voortgangsrapportage
from drechtsteden.models import Rol
from regiekamer import services
from regiekamer.models import SCORES
from tafels import services as tafel_services
from tafels.models import Actiepunt, Vergadering
from tests.coalities.factories import CoalitieFactory, DeelnameFactory
from tests.factories import GebruikerFactory
from tests.regiekamer.factories import kamers
from tests.tafels.factories import agendapunt, pdf, tafel_met_leden

TZ = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime.date(2026, 11, 20)


def _moment(d: datetime.date, uur: int = 10) -> datetime.datetime:
    return datetime.datetime(d.year, d.month, d.day, uur, tzinfo=TZ)


def monitor_wereld() -> SimpleNamespace:
    """Two rooms; a table with a held and a missed meeting, papers, actions, commitments, an escalation and a round.

    Expected for the network in 2026-H2: papers 50,0% (1 of 2), actions 50,0% (1 of 2), money 40,0%
    (€ 2.000 of € 5.000), meetings 50,0% (1 of 2), open choices 6, escalations too long open 1, coördinerend
    ambtenaar 14,3% (1 of 7), reflection 3,0.
    """
    w = kamers()
    g = w.gemeenten
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    secretaris = tafel.secretaris
    gehouden = tafel_services.vergadering_create(tafel=tafel, begint_om=_moment(datetime.date(2026, 9, 15)), door=secretaris)
    gemist = tafel_services.vergadering_create(tafel=tafel, begint_om=_moment(datetime.date(2026, 10, 20)), door=secretaris)
    punt = agendapunt(gehouden, processtap="4_coalities")
    tafel_services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Notitie op tijd", door=secretaris,
                                 moment=_moment(datetime.date(2026, 9, 1)))
    tafel_services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Notitie te laat", door=secretaris,
                                 moment=_moment(datetime.date(2026, 9, 13)))
    op_tijd = tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Routekaart opstellen", deadline=datetime.date(2026, 10, 1),
                                              eigenaar_organisatie=g["Sliedrecht"], door=secretaris)
    tafel_services.actiepunt_create(agendapunt=punt, omschrijving="Kosten ramen", deadline=datetime.date(2026, 10, 15),
                                    eigenaar_organisatie=g["Papendrecht"], door=secretaris)
    tafel_services.actiepunt_status_wijzigen(actiepunt=op_tijd, status="gereed", door=secretaris)
    Actiepunt.history.model.objects.filter(id=op_tijd.pk, status="gereed").update(history_date=_moment(datetime.date(2026, 9, 25)))
    Vergadering.objects.filter(pk=gehouden.pk).update(status=Vergadering.Status.GEHOUDEN)

    coalitie = CoalitieFactory(naam="Snelfietsroute Merwede", tafel=tafel, thema=tafel.thema, trekker=g["Sliedrecht"],
                               status=Coalitie.Status.LOPEND)
    deelname = DeelnameFactory(coalitie=coalitie, organisatie=g["Sliedrecht"], variant=Deelname.Variant.VOLLEDIG)
    toezegging = Toezegging.objects.create(deelname=deelname, soort="geld", eenheid="euro", hoeveelheid=Decimal("10000"),
                                           jaar_van=2026, jaar_tot=2026)
    Realisatie.objects.create(toezegging=toezegging, jaar=2026, kwartaal=3, hoeveelheid=Decimal("2000"))
    Voortgangsrapportage.objects.create(coalitie=coalitie, jaar=2026, kwartaal=3, status="kritiek", tekst="Grond niet beschikbaar.")

    coordinator = GebruikerFactory(organisatie=g["Hendrik-Ido-Ambacht"], rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    escalatie = services.escalatie_indienen(
        titel="Grondverwerving stokt", omschrijving="De grond voor de fietsroute is niet beschikbaar.",
        gevraagd="Bestuurlijk overleg met de eigenaar.", sinds=datetime.date(2026, 7, 1), tafel=tafel, coalitie=coalitie,
        door=w.secretarissen["Sliedrecht"], vandaag=datetime.date(2026, 8, 1))
    ronde = services.reflectieronde_openen(periode="2026-H2", door=w.manager, datum=datetime.date(2026, 11, 1))
    services.reflectie_invullen(ronde=ronde, organisatie=g["Sliedrecht"], scores=dict.fromkeys(SCORES, 4),
                                toelichting="Het gesprek aan tafel is beter.", door=w.secretarissen["Sliedrecht"])
    services.reflectie_invullen(ronde=ronde, organisatie=g["Papendrecht"], scores=dict.fromkeys(SCORES, 2),
                                door=w.secretarissen["Papendrecht"])
    w.tafel, w.coalitie, w.escalatie, w.ronde, w.coordinator = tafel, coalitie, escalatie, ronde, coordinator
    w.gehouden, w.gemist = gehouden, gemist
    return w


def meer_data(w: SimpleNamespace, aantal: int) -> None:
    """More tables, meetings, papers, actions, coalitions and escalations: for query counts at a second size."""
    g = w.gemeenten
    for i in range(aantal):
        extra = tafel_met_leden(naam=f"Extra tafel {i} {Vergadering.objects.count()}")
        v = tafel_services.vergadering_create(tafel=extra, begint_om=_moment(datetime.date(2026, 8, 10 + i % 15)), door=extra.secretaris)
        p = agendapunt(v)
        tafel_services.stuk_uploaden(agendapunt=p, bestand=pdf(), titel=f"Stuk {i}", door=extra.secretaris,
                                     moment=_moment(datetime.date(2026, 7, 1)))
        tafel_services.actiepunt_create(agendapunt=p, omschrijving=f"Actie {i}", deadline=datetime.date(2027, 3, 1),
                                        eigenaar_organisatie=g["Zwijndrecht"], door=extra.secretaris)
        c = CoalitieFactory(naam=f"Extra coalitie {i} {Vergadering.objects.count()}", tafel=extra, thema=extra.thema, trekker=g["Zwijndrecht"],
                            status=Coalitie.Status.IDEE)
        DeelnameFactory(coalitie=c, organisatie=g["Zwijndrecht"], variant=Deelname.Variant.GEEN)
        services.escalatie_indienen(titel=f"Knelpunt {i}", omschrijving="x", gevraagd="y", sinds=datetime.date(2026, 11, 1),
                                    door=w.secretarissen["Zwijndrecht"], vandaag=VANDAAG, tafel=extra)
