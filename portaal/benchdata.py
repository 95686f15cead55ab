"""Scale data for benchmarks: the demo network, grown to ``schaal`` times the Drechtsteden's real size.

``schaal=1`` is the real size (the demo's 15 organisations and 5 tables, 200 coalities, 100 meetings);
``schaal=10`` gives about 50 organisations, 12 tables, 2,000 coalities, 15,000 deelnames, 30,000
commitments, 1,000 meetings with 8,000 agenda items and documents, and 10 years of financing.

Rows are written in bulk (the large tables with PostgreSQL's COPY); only the small tables get history
rows. The database's constraints check each row, and the data keeps the services' rules across rows (a
volledig or instap party has a commitment, an instap date lies after the coalition's start, every
project budget can be split by the financing engine). The same seed gives the same data.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from coalities.models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage
from drechtsteden.demo import demo_wachtwoord_hash
from drechtsteden.models import Gebruiker, Inwonertal, Organisatie, Rol, Thema
from financiering.models import Begrotingsjaar, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage
from tafels.demo import demo_pdf
from tafels.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    BestuurlijkeTafel,
    Besluit,
    Lidmaatschap,
    Processtap,
    Stuk,
    Stukversie,
    Vergadering,
)

MAX_SCHAAL = 50
PREFIX = "Bench"
COALITIES_PER_SCHAAL = 200
VERGADERINGEN_PER_SCHAAL = 100
AGENDAPUNTEN_PER_VERGADERING = 8
AANTAL_JAREN = 10
D = Decimal


class BenchDataFout(Exception):
    """Why scale data cannot be generated here; the message is Dutch."""


@dataclass
class Verslag:
    """What was generated: rows per model and the time taken."""

    schaal: int
    aantallen: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0

    def tel(self, naam: str, aantal: int) -> None:
        self.aantallen[naam] = self.aantallen.get(naam, 0) + aantal


def jaren(vandaag: datetime.date | None = None) -> list[int]:
    """The ten financed years: two behind this year, this year and seven ahead."""
    jaar = (vandaag or timezone.localdate()).year
    return list(range(jaar - 2, jaar - 2 + AANTAL_JAREN))


def bestaat_al() -> bool:
    return Coalitie.objects.filter(naam__startswith=f"{PREFIX}-coalitie").exists()


def demo_geladen() -> bool:
    """Whether demo_data ran here: its administrator and its tables are there."""
    return Gebruiker.objects.filter(username="beheerder").exists() and BestuurlijkeTafel.objects.exists()


def genereer(
    schaal: int, *, seed: int = 2026, demo: bool = True, melding: Callable[[str], None] = lambda _: None
) -> Verslag:
    """Loads the demo, then adds scale data in bulk; refuses a database that already holds it.

    ``demo=False`` leaves out the demo, for a database that holds it already (the benchmark loads it once
    and copies that database for each scale); without the demo there is nothing to scale up from.
    """
    if isinstance(schaal, bool) or not isinstance(schaal, int) or not 1 <= schaal <= MAX_SCHAAL:
        raise BenchDataFout(f"De schaal is een geheel getal van 1 tot en met {MAX_SCHAAL}, niet {schaal!r}.")
    if bestaat_al():
        raise BenchDataFout(
            "Deze database bevat al benchdata. Gebruik een lege database (bijvoorbeeld een nieuwe "
            "wegwerpdatabase) om opnieuw te genereren."
        )
    if not demo and not demo_geladen():
        raise BenchDataFout(
            "Deze database bevat de demo nog niet. Draai eerst demo_data, of laat de demo door "
            "bench_data laden (zonder --zonder-demo)."
        )
    begin = time.monotonic()
    verslag = Verslag(schaal=schaal)
    if demo:
        with open("/dev/null", "w") as stil:
            call_command("demo_data", stdout=stil)
        melding("Demodata geladen.")
    with transaction.atomic():
        _Generator(schaal, random.Random(seed), verslag, melding).run()
    if connection.vendor == "postgresql":
        # After a bulk load the planner's row estimates are those of the empty tables until autovacuum
        # gets round to them (never, where it is off): measure with statistics, as a live database has. VACUUM
        # also marks the pages all-visible, as autovacuum does on a live database, so that an index-only scan
        # need not visit the table; inside a transaction (a test) only ANALYZE can run.
        opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(opdracht)
        melding(f"Statistieken bijgewerkt ({opdracht}).")
    verslag.seconden = time.monotonic() - begin
    return verslag


# Field types whose Python value PostgreSQL's COPY takes as it is (ints, text, Decimal, dates, booleans).
_ZOALS_HET_IS = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "DateField", "DateTimeField",
    "DecimalField", "EmailField", "ForeignKey", "IntegerField", "OneToOneField", "PositiveBigIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField", "URLField",
}


def _kopieer(model: type[models.Model], objecten: list) -> list:
    """``bulk_create`` for the large tables, with COPY: at tens of thousands of rows Django's INSERT spends
    most of its time preparing each value. The ids come from the table's own sequence first, so the objects
    know them afterwards, as after ``bulk_create``; the same values reach the database (a field of another
    type, an ``auto_now`` field or a file goes through the field's own ``pre_save`` and ``get_db_prep_save``)."""
    meta = model._meta
    velden = [f for f in meta.concrete_fields if not f.primary_key]
    kolommen = ", ".join(connection.ops.quote_name(c) for c in [meta.pk.column, *(f.column for f in velden)])

    def omzetter(veld: models.Field) -> Callable[[models.Model], object]:
        if veld.get_internal_type() in _ZOALS_HET_IS and not getattr(veld, "auto_now", False) and not getattr(
            veld, "auto_now_add", False
        ):
            return lambda obj, attname=veld.attname: getattr(obj, attname)
        return lambda obj: veld.get_db_prep_save(veld.pre_save(obj, True), connection)

    omzetters = [omzetter(f) for f in velden]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objecten)],
        )
        ids = sorted(rij[0] for rij in cursor.fetchall())
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({kolommen}) FROM STDIN") as copy:
            for obj, pk in zip(objecten, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias
                copy.write_row([pk, *(zet(obj) for zet in omzetters)])
    return objecten


class _Generator:
    def __init__(self, schaal: int, rng: random.Random, verslag: Verslag, melding: Callable[[str], None]) -> None:
        self.schaal = schaal
        self.rng = rng
        self.verslag = verslag
        self.melding = melding
        self.vandaag = timezone.localdate()
        self.jaren = jaren(self.vandaag)
        self.wachtwoord = demo_wachtwoord_hash()

    def _bulk(self, model: type[models.Model], objecten: list, *, historie: bool = False) -> list:
        if historie:
            aangemaakt = bulk_create_with_history(objecten, model, batch_size=2000)
        elif connection.vendor == "postgresql" and len(objecten) > 500:
            aangemaakt = _kopieer(model, objecten)
        else:
            aangemaakt = model.objects.bulk_create(objecten, batch_size=2000)
        self.verslag.tel(str(model._meta.verbose_name_plural), len(objecten))
        return aangemaakt

    def run(self) -> None:
        stappen = [
            self.organisaties, self.gebruikers, self.tafels, self.coalities, self.deelnames,
            self.toezeggingen, self.voortgang, self.vergaderingen, self.financiering,
        ]
        for stap in stappen:
            begin = time.monotonic()
            stap()
            self.melding(f"  {stap.__name__}: {time.monotonic() - begin:.1f} s")

    # --- Network ------------------------------------------------------------------------------

    def _extra(self, bij_tien: int) -> int:
        """Grows linearly from 0 at scale 1 to ``bij_tien`` at scale 10."""
        return round(bij_tien * (self.schaal - 1) / 9)

    def organisaties(self) -> None:
        extra_gemeenten = self._extra(15)
        extra_partners = self._extra(20)
        soorten = list(Organisatie.TRIPLE_HELIX)
        nieuw = [
            Organisatie(naam=f"{PREFIX}-gemeente {i:02d}", soort=Organisatie.Soort.AANPALENDE_GEMEENTE,
                        cbs_code=f"GM9{i:03d}")
            for i in range(1, extra_gemeenten + 1)
        ] + [
            Organisatie(naam=f"{PREFIX}-partner {i:02d}", soort=soorten[i % len(soorten)], cbs_code="")
            for i in range(1, extra_partners + 1)
        ]
        self._bulk(Organisatie, nieuw, historie=True)
        peildata = sorted({Begrotingsjaar.standaard_peildatum(j) for j in self.jaren} | {datetime.date(2024, 1, 1)})
        gemeenten = list(Organisatie.objects.filter(soort__in=Organisatie.GEMEENTEN))
        bestaand = set(Inwonertal.objects.values_list("organisatie_id", "peildatum"))
        tallen = []
        for gemeente in gemeenten:
            basis = self.rng.randint(15_000, 120_000)
            for stap, peildatum in enumerate(peildata):
                if (gemeente.pk, peildatum) not in bestaand:
                    tallen.append(Inwonertal(organisatie=gemeente, peildatum=peildatum,
                                             aantal=basis + 150 * stap, indicatief=True, bron="Benchdata"))
        self._bulk(Inwonertal, tallen, historie=True)
        self.alle = list(Organisatie.objects.order_by("naam"))
        self.drechtsteden = [o for o in self.alle if o.is_drechtstedengemeente]
        self.anderen = [o for o in self.alle if not o.is_drechtstedengemeente]
        self.met_inwoners = {o.pk for o in self.alle if o.is_gemeente}

    def gebruikers(self) -> None:
        """A programmamedewerker and a bestuurder per organisation: they edit and read at scale."""
        nieuw, rollen = [], []
        for index, organisatie in enumerate(self.alle, start=1):
            for soort in (Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.BESTUURDER):
                nieuw.append((Gebruiker(
                    username=f"bench-{soort.replace('_', '-')}-{index:03d}", first_name="Bench",
                    last_name=f"{soort.label} {index:03d}", email=f"bench-{soort}-{index:03d}@bench.drechtsteden.nl",
                    organisatie=organisatie, password=self.wachtwoord,
                ), soort))
        gebruikers = self._bulk(Gebruiker, [g for g, _ in nieuw])
        for gebruiker, (_, soort) in zip(gebruikers, nieuw, strict=True):
            functie = Rol.Bestuursfunctie.WETHOUDER if soort == Rol.Soort.BESTUURDER else ""
            rollen.append(Rol(gebruiker=gebruiker, rol=soort, bestuursfunctie=functie))
        self._bulk(Rol, rollen, historie=True)
        self.medewerkers = {g.organisatie_id: g for g, (_, s) in zip(gebruikers, nieuw, strict=True)
                            if s == Rol.Soort.PROGRAMMAMEDEWERKER}
        self.bestuurders = {g.organisatie_id: g for g, (_, s) in zip(gebruikers, nieuw, strict=True)
                            if s == Rol.Soort.BESTUURDER}

    def tafels(self) -> None:
        extra = self._extra(7)
        themas = self._bulk(Thema, [
            Thema(naam=f"{PREFIX}-thema {i:02d}", slug=f"bench-thema-{i:02d}", volgorde=100 + i,
                  omschrijving="Thema van de benchdata.")
            for i in range(1, extra + 1)
        ])
        nieuw = self._bulk(BestuurlijkeTafel, [
            BestuurlijkeTafel(thema=thema, naam=f"{PREFIX}-tafel {thema.naam[-2:]}", scope="Benchdata.",
                              voorzitter=self.bestuurders[self.drechtsteden[i % 7].pk],
                              secretaris=self.medewerkers[self.drechtsteden[(i + 1) % 7].pk])
            for i, thema in enumerate(themas)
        ])
        leden = []
        for tafel in nieuw:
            for gemeente in self.drechtsteden:
                leden.append(Lidmaatschap(tafel=tafel, organisatie=gemeente, vertegenwoordiger=self.bestuurders[gemeente.pk]))
            for partner in self.rng.sample(self.anderen, min(3, len(self.anderen))):
                leden.append(Lidmaatschap(tafel=tafel, organisatie=partner, status=Lidmaatschap.Status.TOEGETREDEN_PARTNER,
                                          datum=datetime.date(2025, 1, 15), besluit_referentie="Besluit benchdata"))
        self._bulk(Lidmaatschap, leden, historie=True)
        self.tafel_lijst = list(BestuurlijkeTafel.objects.thematafels().select_related("thema").order_by("pk"))
        self.leden_per_tafel: dict[int, list[int]] = {}
        for tafel_id, organisatie_id in Lidmaatschap.objects.filter(status__in=Lidmaatschap.AAN_TAFEL).values_list(
            "tafel_id", "organisatie_id"
        ):
            self.leden_per_tafel.setdefault(tafel_id, []).append(organisatie_id)

    # --- Coalities ----------------------------------------------------------------------------

    def coalities(self) -> None:
        aantal = COALITIES_PER_SCHAAL * self.schaal - Coalitie.objects.count()
        statussen = [Coalitie.Status.LOPEND] * 5 + [Coalitie.Status.IN_VORMING] * 2 + [
            Coalitie.Status.IDEE, Coalitie.Status.AFGEROND, Coalitie.Status.GESTOPT]
        nieuw = []
        for i in range(1, aantal + 1):
            tafel = self.tafel_lijst[i % len(self.tafel_lijst)]
            trekker = self.rng.choice(self.drechtsteden) if i % 5 else self.rng.choice(self.alle)
            start = datetime.date(self.rng.randint(2019, self.vandaag.year), self.rng.randint(1, 12), 1)
            nieuw.append(Coalitie(
                naam=f"{PREFIX}-coalitie {i:05d}", thema_id=tafel.thema_id, tafel=tafel, trekker=trekker,
                doel=f"Doel van coalitie {i}: samen een regionaal resultaat bereiken.",
                beoogd_resultaat="Een concreet, meetbaar resultaat voor de regio.",
                resultaatdatum=datetime.date(self.vandaag.year + self.rng.randint(0, 4), 12, 31),
                status=statussen[i % len(statussen)], startdatum=start,
                projectleider=self.medewerkers[trekker.pk] if i % 3 == 0 else None,
            ))
        self.nieuwe_coalities = self._bulk(Coalitie, nieuw)
        # A few dependencies between coalitions, always on an earlier one.
        door = Coalitie.afhankelijkheden.through
        self._bulk(door, [
            door(from_coalitie_id=c.pk, to_coalitie_id=self.nieuwe_coalities[i - 1 - self.rng.randint(0, min(i - 1, 20))].pk)
            for i, c in enumerate(self.nieuwe_coalities) if i and i % 4 == 0
        ])

    def deelnames(self) -> None:
        """7–8 parties per coalition: the trekker volledig, most gemeenten, some partners; a few still open."""
        varianten = [Deelname.Variant.VOLLEDIG] * 9 + [Deelname.Variant.SOLIDARITEIT] * 4 + [
            Deelname.Variant.INSTAP] * 2 + [Deelname.Variant.GEEN] * 5
        nieuw = []
        for index, coalitie in enumerate(self.nieuwe_coalities):
            partijen = [coalitie.trekker] + [g for g in self.drechtsteden if g.pk != coalitie.trekker_id]
            if index % 3 == 0:
                partijen = partijen[:-1]  # one gemeente has not chosen yet
            if index % 2:
                extra = [o for o in self.rng.sample(self.anderen, min(len(self.anderen), 2)) if o.pk != coalitie.trekker_id]
                partijen += extra[: self.rng.randint(0, len(extra))]
            for positie, organisatie in enumerate(partijen):
                variant = Deelname.Variant.VOLLEDIG if positie == 0 else self.rng.choice(varianten)
                deelname = Deelname(coalitie=coalitie, organisatie=organisatie, variant=variant)
                if variant == Deelname.Variant.SOLIDARITEIT:
                    deelname.solidariteitsbijdrage = D(self.rng.randint(1, 40) * 500)
                elif variant == Deelname.Variant.INSTAP:
                    # Always after the start and in the future, so the nightly conversion has nothing to do.
                    deelname.instapdatum = datetime.date(self.vandaag.year + self.rng.randint(1, 3), self.rng.randint(1, 12), 1)
                    deelname.instapfee = D(self.rng.randint(0, 20) * 250)
                nieuw.append(deelname)
        self.nieuwe_deelnames = self._bulk(Deelname, nieuw)

    def toezeggingen(self) -> None:
        """Every volledig or instap party commits money, people or knowledge: about four rows each."""
        nieuw = []
        for deelname in self.nieuwe_deelnames:
            if deelname.variant not in (Deelname.Variant.VOLLEDIG, Deelname.Variant.INSTAP):
                continue
            for _ in range(self.rng.randint(1, 5)):
                van = self.rng.choice(self.jaren[:6])
                tot = min(van + self.rng.randint(0, 3), self.jaren[-1])
                soort = self.rng.choice(["geld", "geld", "menskracht", "kennis"])
                if soort == "geld":
                    nieuw.append(Toezegging(deelname=deelname, soort=soort, eenheid="euro", jaar_van=van, jaar_tot=tot,
                                            hoeveelheid=D(self.rng.randint(1, 200) * 500)))
                elif soort == "menskracht":
                    fte = self.rng.random() < 0.3
                    nieuw.append(Toezegging(
                        deelname=deelname, soort=soort, jaar_van=van, jaar_tot=tot, eenheid="fte" if fte else "uren",
                        hoeveelheid=D(self.rng.randint(1, 10)) / 10 if fte else D(self.rng.randint(2, 80) * 10)))
                else:
                    nieuw.append(Toezegging(deelname=deelname, soort=soort, eenheid="", hoeveelheid=None,
                                            jaar_van=van, jaar_tot=tot,
                                            omschrijving="Kennis en netwerk uit de eigen organisatie."))
        toezeggingen = self._bulk(Toezegging, nieuw)
        realisaties = []
        for toezegging in toezeggingen[::5]:
            if toezegging.jaar_van < self.vandaag.year:
                if toezegging.soort == "kennis":
                    realisaties.append(Realisatie(toezegging=toezegging, jaar=toezegging.jaar_van,
                                                  toelichting="Geleverd zoals toegezegd."))
                else:
                    realisaties.append(Realisatie(toezegging=toezegging, jaar=toezegging.jaar_van,
                                                  hoeveelheid=toezegging.hoeveelheid))
        self._bulk(Realisatie, realisaties)

    def voortgang(self) -> None:
        rapportages, resultaten = [], []
        for index, coalitie in enumerate(self.nieuwe_coalities):
            if coalitie.status == Coalitie.Status.LOPEND:
                for kwartaal in (1, 2, 3):
                    rapportages.append(Voortgangsrapportage(
                        coalitie=coalitie, jaar=self.vandaag.year, kwartaal=kwartaal,
                        status=[Voortgangsrapportage.Status.OP_KOERS, Voortgangsrapportage.Status.AANDACHT,
                                Voortgangsrapportage.Status.KRITIEK][(index + kwartaal) % 3],
                        tekst="Voortgang volgens plan, met aandachtspunten.",
                        auteur=self.medewerkers[coalitie.trekker_id]))
            if coalitie.status == Coalitie.Status.AFGEROND:
                resultaten.append(ResultaatEnLes(coalitie=coalitie, soort=ResultaatEnLes.Soort.RESULTAAT,
                                                 titel="Resultaat bereikt", tekst="Het beoogde resultaat is opgeleverd.",
                                                 datum=datetime.date(self.vandaag.year, 6, 1)))
                resultaten.append(ResultaatEnLes(coalitie=coalitie, soort=ResultaatEnLes.Soort.LES,
                                                 titel="Geleerde les", tekst="Betrek partners vroeg.",
                                                 datum=datetime.date(self.vandaag.year, 6, 2)))
        self._bulk(Voortgangsrapportage, rapportages)
        self._bulk(ResultaatEnLes, resultaten)

    # --- Meetings -----------------------------------------------------------------------------

    def vergaderingen(self) -> None:
        """Meetings spread over the tables and years, each with eight items, a document per item."""
        aantal = VERGADERINGEN_PER_SCHAAL * self.schaal - Vergadering.objects.count()
        tz = timezone.get_current_timezone()
        nu = timezone.now()
        nieuw = []
        for i in range(aantal):
            tafel = self.tafel_lijst[i % len(self.tafel_lijst)]
            dagen = self.rng.randint(-3 * 365, 180)
            begint_om = datetime.datetime.combine(self.vandaag + datetime.timedelta(days=dagen), datetime.time(14, 0), tz)
            if begint_om < nu:
                status = Vergadering.Status.BESLUITENLIJST_VASTGESTELD if dagen < -30 else Vergadering.Status.GEHOUDEN
            else:
                status = self.rng.choice([Vergadering.Status.CONCEPT, Vergadering.Status.AGENDA_VASTGESTELD,
                                          Vergadering.Status.STUKKEN_VERZONDEN])
            nieuw.append(Vergadering(tafel=tafel, begint_om=begint_om, plaats="Stadskantoor", status=status))
        vergaderingen = self._bulk(Vergadering, nieuw)

        stappen = [Processtap.VERBINDING, Processtap.AMBITIE_BEPALEN, Processtap.PROJECTEN_DEFINIEREN,
                   Processtap.BELANGEN_COMMITMENT, Processtap.COALITIES_VORMEN, Processtap.AFSPRAKEN_MAKEN,
                   Processtap.VOORTGANG, Processtap.KNELPUNTEN]
        soorten = [Agendapunt.Soort.INFORMATIE, Agendapunt.Soort.BESPREKING, Agendapunt.Soort.BESLUITVORMING]
        punten = []
        for vergadering in vergaderingen:
            for volgorde in range(1, AGENDAPUNTEN_PER_VERGADERING + 1):
                punten.append(Agendapunt(
                    vergadering=vergadering, volgorde=volgorde, titel=f"Agendapunt {volgorde}: {stappen[volgorde - 1].label}",
                    toelichting="Toelichting bij het agendapunt.", soort=soorten[volgorde % 3],
                    processtap=stappen[volgorde - 1], minuten=15,
                ))
        punten = self._bulk(Agendapunt, punten)

        stukken = self._bulk(Stuk, [Stuk(agendapunt=p, titel=f"Notitie bij {p.titel[:150]}") for p in punten])
        map_ = Path(settings.MEDIA_ROOT) / "tafels" / "stukken"
        map_.mkdir(parents=True, exist_ok=True)
        inhoud = demo_pdf("Notitie (benchdata)")
        # One file per 64 documents keeps the disk small; each version row is complete and downloadable.
        versies = []
        for index, stuk in enumerate(stukken):
            naam = f"tafels/stukken/bench-{index // 64:05d}.pdf"
            if index % 64 == 0:
                (Path(settings.MEDIA_ROOT) / naam).write_bytes(inhoud)
            vergadering = stuk.agendapunt.vergadering
            versies.append(Stukversie(
                stuk=stuk, versie=1, bestand=naam, bestandsnaam="notitie.pdf", mime_type="application/pdf",
                grootte=len(inhoud), geupload_op=vergadering.begint_om - datetime.timedelta(days=self.rng.randint(2, 20)),
                geupload_door=vergadering.tafel.secretaris,
            ))
        self._bulk(Stukversie, versies)

        aanwezig, besluiten, acties = [], [], []
        statussen = list(Aanwezigheid.Status.values)
        for vergadering, eerste in zip(vergaderingen, punten[::AGENDAPUNTEN_PER_VERGADERING], strict=True):
            if vergadering.begint_om >= nu:
                continue
            for organisatie_id in self.leden_per_tafel.get(vergadering.tafel_id, []):
                aanwezig.append(Aanwezigheid(vergadering=vergadering, organisatie_id=organisatie_id,
                                             status=statussen[0] if self.rng.random() < 0.8 else self.rng.choice(statussen)))
            besluiten.append(Besluit(agendapunt=eerste, tekst="De tafel stemt in met het voorstel."))
            eigenaar = self.rng.choice(self.drechtsteden)
            acties.append(Actiepunt(
                agendapunt=eerste, omschrijving="Uitwerking voorbereiden voor de volgende vergadering.",
                eigenaar_organisatie=eigenaar, deadline=(vergadering.begint_om + datetime.timedelta(days=60)).date(),
                status=Actiepunt.Status.GEREED if self.rng.random() < 0.7 else Actiepunt.Status.OPEN,
            ))
        self._bulk(Aanwezigheid, aanwezig)
        self._bulk(Besluit, besluiten)
        self._bulk(Actiepunt, acties)

    # --- Financing ----------------------------------------------------------------------------

    def financiering(self) -> None:
        """Ten budget years with each key in turn, and a project budget per coalition per year."""
        bestaand = set(Begrotingsjaar.objects.values_list("jaar", flat=True))
        sleutels = ["vaste_voet_inwoners", "inwoners", "vaste_percentages", "gelijk"]
        nieuw = []
        for jaar in self.jaren:
            if jaar in bestaand:
                continue
            s1, s2 = sleutels[jaar % 4], sleutels[(jaar + 1) % 4]
            nieuw.append(Begrotingsjaar(
                jaar=jaar, peildatum_inwoners=Begrotingsjaar.standaard_peildatum(jaar),
                component_1_budget=D(250_000 + 10_000 * (jaar % 5)), component_1_sleutel=s1,
                component_1_vaste_voet_pct=D(30) if s1 == "vaste_voet_inwoners" else None,
                component_2_budget=D(400_000 + 20_000 * (jaar % 5)) * self.schaal, component_2_sleutel=s2,
                component_2_vaste_voet_pct=D(25) if s2 == "vaste_voet_inwoners" else None,
            ))
        begrotingsjaren = self._bulk(Begrotingsjaar, nieuw, historie=True)
        percentages, bijdragen = [], []
        verdeling = [D(34), D(14), D(11), D(11), D(10), D(10), D(10)]
        partners = [o for o in self.anderen if o.naam.startswith(PREFIX)][:5]
        for begrotingsjaar in begrotingsjaren:
            for component in (1, 2):
                if getattr(begrotingsjaar, f"component_{component}_sleutel") == "vaste_percentages":
                    for gemeente, pct in zip(self.drechtsteden, verdeling, strict=True):
                        percentages.append(SleutelPercentage(begrotingsjaar=begrotingsjaar, component=component,
                                                             organisatie=gemeente, percentage=pct))
            for partner in partners:
                bijdragen.append(VasteBijdrage(begrotingsjaar=begrotingsjaar, organisatie=partner,
                                               bedrag=D(self.rng.randint(2, 20) * 1000)))
        self._bulk(SleutelPercentage, percentages, historie=True)
        self._bulk(VasteBijdrage, bijdragen, historie=True)

        delers: dict[int, list[Deelname]] = {}
        vast: dict[int, Decimal] = {}  # solidarity and entry fees: the budget always covers them
        for deelname in self.nieuwe_deelnames:
            if deelname.variant in (Deelname.Variant.VOLLEDIG, Deelname.Variant.INSTAP):
                delers.setdefault(deelname.coalitie_id, []).append(deelname)
            vast[deelname.coalitie_id] = (
                vast.get(deelname.coalitie_id, D(0)) + (deelname.solidariteitsbijdrage or 0) + (deelname.instapfee or 0)
            )
        budgetten, profijt_per_budget = [], []
        for index, coalitie in enumerate(self.nieuwe_coalities):
            coalitie_delers = delers[coalitie.pk]  # the trekker always takes part fully
            alleen_gemeenten = all(d.organisatie_id in self.met_inwoners for d in coalitie_delers)
            for jaar in self.jaren:
                keuze = (index + jaar) % 5
                if keuze == 4:
                    profijt = ProjectBudget.Profijt.GEWICHTEN
                elif keuze == 3 and alleen_gemeenten:
                    profijt = ProjectBudget.Profijt.INWONERS
                else:
                    profijt = ProjectBudget.Profijt.GELIJK
                budgetten.append(ProjectBudget(coalitie=coalitie, jaar=jaar, profijt=profijt,
                                               budget=vast.get(coalitie.pk, D(0)) + D(self.rng.randint(5, 60) * 1000)
                                               + D(self.rng.randint(0, 99)) / 100))
                profijt_per_budget.append(coalitie_delers)
        budgetten = self._bulk(ProjectBudget, budgetten)
        gewichten = []
        for budget, coalitie_delers in zip(budgetten, profijt_per_budget, strict=True):
            if budget.profijt == ProjectBudget.Profijt.GEWICHTEN:
                for positie, deelname in enumerate(coalitie_delers):
                    gewichten.append(ProfijtGewicht(projectbudget=budget, organisatie_id=deelname.organisatie_id,
                                                    gewicht=D(positie % 3 + 1)))
        self._bulk(ProfijtGewicht, gewichten)
