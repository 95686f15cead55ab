"""Demo content: the first college work conference of 14 February 2020 (seed 000), with its programme,
a pitch per college, the four world-café tables with their statements, participants in rotating groups
and a few notes on the wall. Idempotent."""

from __future__ import annotations

import datetime

from drechtsteden.models import Gebruiker, Organisatie, Rol
from drechtsteden.permissions import systeem

from . import services
from .models import Cafetafel, Deelnemer, Muurbericht, Pitch, Programmaonderdeel, Werkconferentie

TITEL = "Werkconferentie DS-colleges"
DATUM = datetime.date(2020, 2, 14)
VRAAG = (
    "Wat is nodig aan effectieve en toekomstbestendige samenwerking om de lokale en gezamenlijke opgaven "
    "voor de Drechtstedengemeenten in 2030 te realiseren?"
)

PROGRAMMA = [  # begin, end, kind, title
    ("07:45", "08:00", "inloop", "Inloop, ontbijtbuffet"),
    ("08:00", "08:05", "opening", "Welkomstwoord door de burgemeester van Dordrecht"),
    ("08:05", "08:15", "opening", "Opening door de dagvoorzitter"),
    ("08:15", "09:00", "minicollege", "Minicollege over briljante mislukkingen"),
    ("09:00", "09:15", "minicollege", "Ruimte voor vragen en interactie"),
    ("09:15", "09:45", "pitches", "Kick-off pitch: reflectie op de toekomstige samenwerking door de colleges"),
    ("09:45", "10:00", "pauze", "Pauze en opdelen naar werksessies"),
    ("10:00", "11:30", "world_cafe", "World café, uiteen in vier tafels met stellingen"),
    ("11:30", "11:50", "plenair", "Gezamenlijk kennisnemen van de oogst; terugkoppeling per tafel (max. 5 minuten)"),
    ("11:50", "12:15", "plenair", "Eerste bespiegeling, o.l.v. de dagvoorzitter"),
    ("12:15", "13:00", "lunch", "Lunch (en afstemmen eigen college over de oplossingsrichting)"),
    ("13:00", "13:15", "plenair", "Toelichting mogelijke toekomstscenario's en samenwerkingsvormen"),
    ("13:15", "14:20", "plenair", "Reflectie: wat betekent de oogst van de dag voor de oplossingsrichting?"),
    ("14:20", "14:30", "plenair", "Conclusies en aanzet afspraken, o.l.v. de dagvoorzitter"),
    ("14:30", "14:40", "pauze", "Korte pauze"),
    ("14:40", "14:50", "plenair", "Bindende reflectie door de dagvoorzitter: wat communiceren over vandaag?"),
    ("14:50", "15:00", "afsluiting", "Afsluiting door de burgemeester van Dordrecht"),
]

TAFELS = [
    ("Toekomst, veranderende tijdgeest in sociaal domein (inhoud)",
     "De gemeentelijke opgaven zijn, o.a. door de 3D's en ontschotting van de algemene uitkering, veranderd "
     "waardoor lokale kleuring van beleid belangrijker is geworden."),
    ("Lokale uitdagingen en belangen (breder dan inhoud)",
     "We hebben diverse belangen (variërend van zelfstandigheid behouden tot schaalvoordelen of schakelkracht "
     "100.000+ stad). Iedereen zou voordeel moeten hebben bij samenwerking, echter in de huidige samenwerking "
     "verzwakken stad en regio elkaar."),
    ("Gemeenschappelijk belang",
     "De kwaliteit van beleid en uitvoering is gebaat bij harmonisatie en uniformiteit. De noodzaak tot "
     "doelmatigheid door beperkte middelen versterkt dit. Dat gaat niet samen met de roep om diversiteit en "
     "maatwerk, want dat kan niet zonder extra financiële middelen."),
    ("Sturing, invloed & grip (van portefeuillehouder tot raad)",
     "De complexe opgaven vragen enerzijds om minder en anderzijds om meer directere lokale sturing en "
     "verantwoording door gemeentelijk bestuurders. Dat betekent keuzes maken en een andere verhouding van "
     "belang/invloed."),
]

MUUR = [
    ("klacht", "Stukken komen te laat binnen om ze in het college te bespreken."),
    ("wens", "Maatwerk per gemeente waar het kan, samen waar het moet."),
    ("compliment", "Goed dat alle zeven colleges vandaag aan tafel zitten."),
]


def _tijd(tekst: str) -> datetime.time:
    return datetime.time.fromisoformat(tekst)


def load(stdout) -> None:
    conferentie, _ = Werkconferentie.objects.update_or_create(
        titel=TITEL, datum=DATUM,
        defaults={"locatie": "Meeting House, Dordrecht", "centrale_vraag": VRAAG,
                  "dagvoorzitter": "Dagvoorzitter (burgemeester Delft)", "rondes": 3},
    )
    for begin, eind, soort, titel in PROGRAMMA:
        Programmaonderdeel.objects.update_or_create(
            conferentie=conferentie, begint_om=_tijd(begin),
            defaults={"eindigt_om": _tijd(eind), "soort": soort, "titel": titel},
        )
    for gemeente in Organisatie.objects.drechtstedengemeenten():
        Pitch.objects.get_or_create(
            conferentie=conferentie, organisatie=gemeente,
            defaults={"max_minuten": 3, "stip_op_horizon": "", "knelpunt_kans": "", "succes_vandaag": ""},
        )
    secretarissen = list(Gebruiker.objects.filter(rollen__rol=Rol.Soort.GEMEENTESECRETARIS).order_by("username"))
    for nummer, (thema, stelling) in enumerate(TAFELS, start=1):
        tafel, _ = Cafetafel.objects.update_or_create(
            conferentie=conferentie, nummer=nummer, defaults={"thema": thema, "stelling": stelling}
        )
        if secretarissen and not tafel.moderatoren.exists():
            tafel.moderatoren.set(secretarissen[(nummer - 1) * 2 % len(secretarissen):][:2] or secretarissen[:2])
    deelnemers = Gebruiker.objects.filter(
        rollen__rol=Rol.Soort.BESTUURDER, organisatie__soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE, is_active=True
    ).distinct()
    for gebruiker in deelnemers:
        Deelnemer.objects.get_or_create(conferentie=conferentie, gebruiker=gebruiker)
    if conferentie.deelnemers.exists() and not conferentie.deelnemers.filter(plaatsingen__isnull=False).exists():
        services.indeling_maken(conferentie=conferentie, door=systeem())
    if not conferentie.muur.exists():
        for soort, tekst in MUUR:
            Muurbericht.objects.create(conferentie=conferentie, soort=soort, tekst=tekst)
    stdout.write(f"Werkconferentie van {DATUM:%d-%m-%Y} met {len(TAFELS)} world-café-tafels geladen.")
