"""Demo coalitions per theme: all four variants, commitments with deliveries, and one open choice.

Runs after ``tafels.demo``; a table that does not exist yet is created for its theme with the seven
gemeenten as members. Idempotent: existing coalitions are updated, existing choices kept.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from drechtsteden.models import Gebruiker, Organisatie, Thema
from drechtsteden.permissions import systeem
from tafels.models import BestuurlijkeTafel, Lidmaatschap

from . import services
from .models import Coalitie, Deelname, ResultaatEnLes, Toezegging, Voortgangsrapportage
from .services import ToezeggingGegevens

GEMEENTEN = [
    "Alblasserdam", "Dordrecht", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht",
    "Zwijndrecht",
]


def geld(bedrag: int, van: int = 2026, tot: int = 2027) -> ToezeggingGegevens:
    return ToezeggingGegevens("geld", Decimal(bedrag), "euro", "", van, tot)


def uren(aantal: int, van: int = 2026, tot: int = 2027) -> ToezeggingGegevens:
    return ToezeggingGegevens("menskracht", Decimal(aantal), "uren", "", van, tot)


def fte(aantal: str, van: int = 2026, tot: int = 2027) -> ToezeggingGegevens:
    return ToezeggingGegevens("menskracht", Decimal(aantal), "fte", "", van, tot)


def kennis(tekst: str, van: int = 2026, tot: int = 2026) -> ToezeggingGegevens:
    return ToezeggingGegevens("kennis", None, "", tekst, van, tot)


# Per coalition: theme slug, trekker, status, start, goal, result, result date, and the choices.
# A choice is ("volledig", [commitments]), ("solidariteit", amount), ("instap", date, fee, [commitments])
# or ("geen",). Drechtstedengemeenten not listed choose "geen", except those named in "open".
COALITIES = [
    {
        "naam": "Regionale fietsroutes",
        "thema": "bereikbaarheid",
        "trekker": "Zwijndrecht",
        "status": Coalitie.Status.LOPEND,
        "startdatum": datetime.date(2025, 9, 1),
        "doel": "Een samenhangend regionaal fietsnetwerk dat de kernen verbindt met werk, onderwijs en de waterbus.",
        "beoogd_resultaat": "Vier ontbrekende schakels in de doorfietsroute langs de Merwede aangelegd.",
        "resultaatdatum": datetime.date(2027, 12, 31),
        "keuzes": {
            "Zwijndrecht": ("volledig", [geld(120_000), fte("0.5")]),
            "Dordrecht": ("volledig", [geld(180_000), uren(400)]),
            "Papendrecht": ("solidariteit", Decimal("15000")),
            "Sliedrecht": ("instap", datetime.date(2027, 1, 1), Decimal("7500"), [geld(40_000, 2027, 2027)]),
            "Alblasserdam": ("volledig", [kennis("Verkeerskundig advies over de Kinderdijkroute.")]),
            "Hendrik-Ido-Ambacht": ("geen",),
            "Molenlanden": ("volledig", [geld(25_000, 2026, 2026)]),
        },
        "open": ["Hardinxveld-Giessendam"],
    },
    {
        "naam": "Waterbus en pontveren",
        "thema": "bereikbaarheid",
        "trekker": "Dordrecht",
        "status": Coalitie.Status.IN_VORMING,
        "startdatum": datetime.date(2026, 3, 1),
        "doel": "Een betrouwbare dienstregeling over het water tussen de Drechtsteden.",
        "beoogd_resultaat": "Nieuwe concessie voor de waterbus met extra halte Hendrik-Ido-Ambacht.",
        "resultaatdatum": datetime.date(2027, 6, 30),
        "keuzes": {
            "Dordrecht": ("volledig", [geld(90_000)]),
            "Hendrik-Ido-Ambacht": ("volledig", [uren(250)]),
            "Zwijndrecht": ("solidariteit", Decimal("10000")),
            "Papendrecht": ("volledig", [fte("0.2")]),
        },
    },
    {
        "naam": "Innovatieprogramma maritieme maakindustrie",
        "thema": "economie",
        "trekker": "Dordrecht",
        "status": Coalitie.Status.LOPEND,
        "startdatum": datetime.date(2025, 1, 1),
        "doel": "Vernieuwing in de maritieme maakindustrie samen met bedrijven en onderwijs.",
        "beoogd_resultaat": "Twintig mkb-bedrijven begeleid bij een innovatietraject.",
        "resultaatdatum": datetime.date(2026, 12, 31),
        "keuzes": {
            "Dordrecht": ("volledig", [geld(200_000, 2025, 2026)]),
            "Sliedrecht": ("volledig", [geld(60_000, 2025, 2026), kennis("Baggersector: netwerk en locaties.", 2025, 2026)]),
            "Hardinxveld-Giessendam": ("volledig", [uren(300, 2025, 2026)]),
            "Papendrecht": ("solidariteit", Decimal("12500")),
            "Alblasserdam": ("solidariteit", Decimal("8000")),
            "Economic Development Board Drechtsteden": ("volledig", [kennis("Verbinding met het bedrijfsleven.", 2025, 2026)]),
        },
    },
    {
        "naam": "Regionale woonagenda 2030",
        "thema": "wonen-en-bouwen",
        "trekker": "Papendrecht",
        "status": Coalitie.Status.IN_VORMING,
        "startdatum": datetime.date(2026, 2, 1),
        "doel": "Afspraken over de woningbouwopgave en de verdeling van sociale huur.",
        "beoogd_resultaat": "Vastgestelde regionale woonagenda in alle zeven raden.",
        "resultaatdatum": datetime.date(2026, 12, 1),
        "keuzes": {
            "Papendrecht": ("volledig", [fte("0.4")]),
            "Dordrecht": ("volledig", [fte("0.8")]),
            "Zwijndrecht": ("volledig", [uren(200)]),
            "Hendrik-Ido-Ambacht": ("instap", datetime.date(2027, 3, 1), Decimal("0"), [uren(120, 2027, 2027)]),
            "Bouwtafel Drechtsteden": ("volledig", [kennis("Marktverkenning bouwcapaciteit.")]),
        },
    },
    {
        "naam": "Warmtenet Drechtsteden",
        "thema": "energietransitie",
        "trekker": "Dordrecht",
        "status": Coalitie.Status.LOPEND,
        "startdatum": datetime.date(2025, 6, 1),
        "doel": "Restwarmte uit de regio benutten voor woningen en bedrijven.",
        "beoogd_resultaat": "Haalbaarheidsstudie en businesscase voor de tweede fase van het warmtenet.",
        "resultaatdatum": datetime.date(2026, 10, 1),
        "keuzes": {
            "Dordrecht": ("volledig", [geld(150_000, 2025, 2026)]),
            "Zwijndrecht": ("volledig", [geld(75_000, 2025, 2026)]),
            "Papendrecht": ("volledig", [uren(160, 2025, 2026)]),
            "Sliedrecht": ("solidariteit", Decimal("5000")),
            "Energietafel Drechtsteden": ("volledig", [kennis("Inbreng van de energiecoöperaties.", 2025, 2026)]),
        },
    },
    {
        "naam": "Techniekpact Drechtsteden",
        "thema": "arbeidsmarkt-en-onderwijs",
        "trekker": "Sliedrecht",
        "status": Coalitie.Status.IDEE,
        "startdatum": None,
        "doel": "Meer jongeren kiezen voor een technische opleiding en baan in de regio.",
        "beoogd_resultaat": "Vijftig extra leerwerkplekken in de techniek.",
        "resultaatdatum": datetime.date(2027, 9, 1),
        "keuzes": {
            "Sliedrecht": ("volledig", [uren(200)]),
            "Da Vinci College": ("volledig", [kennis("Opleidingsaanbod en stagebureau.")]),
        },
    },
]


def _tafel(thema: Thema) -> BestuurlijkeTafel:
    tafel = BestuurlijkeTafel.objects.filter(thema=thema).order_by("pk").first()
    if tafel is None:
        tafel = BestuurlijkeTafel.objects.create(thema=thema, naam=f"Bestuurlijke tafel {thema.naam}")
        for gemeente in Organisatie.objects.drechtstedengemeenten():
            Lidmaatschap.objects.get_or_create(tafel=tafel, organisatie=gemeente)
    return tafel


def _kies(coalitie: Coalitie, organisatie: Organisatie, keuze: tuple, door: Gebruiker) -> None:
    if Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).exists():
        return
    variant = keuze[0]
    if variant == "volledig":
        toezeggingen = keuze[1]
        deelname = services.deelname_create(
            coalitie=coalitie, organisatie=organisatie, variant=variant, eerste_toezegging=toezeggingen[0],
            door=door,
        )
        for gegevens in toezeggingen[1:]:
            services.toezegging_create(deelname=deelname, gegevens=gegevens, door=door)
    elif variant == "solidariteit":
        services.deelname_create(
            coalitie=coalitie, organisatie=organisatie, variant=variant, solidariteitsbijdrage=keuze[1],
            door=door,
        )
    elif variant == "instap":
        _, instapdatum, fee, toezeggingen = keuze
        services.deelname_create(
            coalitie=coalitie, organisatie=organisatie, variant=variant, instapdatum=instapdatum,
            instapfee=fee, eerste_toezegging=toezeggingen[0], door=door,
        )
    else:
        services.deelname_create(coalitie=coalitie, organisatie=organisatie, variant="geen", door=door)


@transaction.atomic
def load(stdout) -> None:
    projectleider = Gebruiker.objects.filter(username="programmamanager").first()
    # The demo's choices go through the same services as the screens, with the portal as the actor.
    door = systeem()
    for spec in COALITIES:
        thema = Thema.objects.get(slug=spec["thema"])
        coalitie, _ = Coalitie.objects.update_or_create(
            naam=spec["naam"],
            defaults={
                "thema": thema,
                "tafel": _tafel(thema),
                "trekker": Organisatie.objects.get(naam=spec["trekker"]),
                "status": spec["status"],
                "startdatum": spec["startdatum"],
                "doel": spec["doel"],
                "beoogd_resultaat": spec["beoogd_resultaat"],
                "resultaatdatum": spec["resultaatdatum"],
                "projectleider": projectleider,
            },
        )
        for naam, keuze in spec["keuzes"].items():
            _kies(coalitie, Organisatie.objects.get(naam=naam), keuze, door)
        if spec["status"] != Coalitie.Status.IDEE:
            for naam in GEMEENTEN:
                if naam not in spec["keuzes"] and naam not in spec.get("open", []):
                    _kies(coalitie, Organisatie.objects.get(naam=naam), ("geen",), door)

    fietsroutes = Coalitie.objects.get(naam="Regionale fietsroutes")
    bereikbaarheid_tafel = fietsroutes.tafel
    fietsroutes.afhankelijkheden.add(Coalitie.objects.get(naam="Waterbus en pontveren"))
    # Dependencies across themes, as the groeiperspectief draws them.
    Coalitie.objects.get(naam="Innovatieprogramma maritieme maakindustrie").afhankelijkheden.add(
        Coalitie.objects.get(naam="Techniekpact Drechtsteden")
    )
    Coalitie.objects.get(naam="Regionale woonagenda 2030").afhankelijkheden.add(
        Coalitie.objects.get(naam="Warmtenet Drechtsteden"), fietsroutes
    )
    _realisaties(fietsroutes, door)
    Voortgangsrapportage.objects.get_or_create(
        coalitie=fietsroutes, jaar=2026, kwartaal=1,
        defaults={"status": Voortgangsrapportage.Status.OP_KOERS, "mijlpalen": "Ontwerp schakel Zwijndrecht–Dordrecht gereed.",
                  "tekst": "Aanbesteding van de eerste schakel loopt; planning haalbaar."},
    )
    Voortgangsrapportage.objects.get_or_create(
        coalitie=fietsroutes, jaar=2026, kwartaal=2,
        defaults={"status": Voortgangsrapportage.Status.AANDACHT, "mijlpalen": "Vergunning Kinderdijkroute aangevraagd.",
                  "tekst": "Grondverwerving bij Alblasserdam vraagt meer tijd dan gepland."},
    )
    ResultaatEnLes.objects.get_or_create(
        coalitie=fietsroutes, titel="Eén aanbesteding voor vier schakels",
        defaults={"soort": ResultaatEnLes.Soort.LES, "datum": datetime.date(2026, 4, 15),
                  "tekst": "Samen aanbesteden scheelde ruim tien procent en maanden voorbereiding."},
    )
    ResultaatEnLes.objects.get_or_create(
        coalitie=Coalitie.objects.get(naam="Innovatieprogramma maritieme maakindustrie"),
        titel="Twaalf bedrijven gestart met een innovatietraject",
        defaults={"soort": ResultaatEnLes.Soort.RESULTAAT, "datum": datetime.date(2025, 12, 1),
                  "tekst": "De helft van het doel is na een jaar gehaald; vooral toeleveranciers doen mee."},
    )
    open_ = ", ".join(
        f"{c.naam}: {o}" for c in [fietsroutes] for o in Organisatie.objects.filter(
            lidmaatschappen__tafel=bereikbaarheid_tafel).exclude(deelnames__coalitie=c).drechtstedengemeenten()
    )
    stdout.write(f"Coalities: {Coalitie.objects.count()} coalities, {Deelname.objects.count()} deelnames; nog geen keuze: {open_}.")


def _realisaties(coalitie: Coalitie, door: Gebruiker) -> None:
    for toezegging in Toezegging.objects.filter(deelname__coalitie=coalitie, jaar_van__lte=2026):
        if toezegging.realisaties.exists():
            continue
        if toezegging.soort == Toezegging.Soort.KENNIS:
            services.realisatie_create(
                toezegging=toezegging, jaar=2026, kwartaal=1, hoeveelheid=None,
                toelichting="Advies over het tracé geleverd.", door=door,
            )
        elif toezegging.eenheid != Toezegging.Eenheid.FTE:
            services.realisatie_create(
                toezegging=toezegging, jaar=2026, kwartaal=1, hoeveelheid=(toezegging.hoeveelheid / 4).quantize(Decimal("1")),
                door=door,
            )
