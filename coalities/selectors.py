"""Reads of the coalities app, each in a fixed number of queries whatever the size of the data."""

from __future__ import annotations

import datetime
import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page
from django.db.models import Count, Exists, IntegerField, JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drechtsteden import bewaren, paginering
from drechtsteden.models import Organisatie, Thema
from drechtsteden.opmaak import veldwijziging
from tafels.models import BestuurlijkeTafel, Lidmaatschap

from .models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage
from .regels import GELDVELDEN, KEUZE_VERPLICHT



def gemeenten_aan_tafel() -> QuerySet[Lidmaatschap]:
    """Memberships of Drechtstedengemeenten that take part in their table."""
    return Lidmaatschap.objects.filter(
        status=Lidmaatschap.Status.DEELNEMEND, organisatie__soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE
    )


def coalitie_lijst(queryset: QuerySet[Coalitie] | None = None, *, per_variant: bool = True) -> QuerySet[Coalitie]:
    """Coalitions with their participants counted per variant (``telling_per_variant``, a dict by variant code or
    None for none; unless ``per_variant`` is False) and the gemeenten still to choose: one query.

    Each count is a subquery per coalition (an index scan of its deelnames) rather than a join of all
    deelnames grouped by coalition, which sorted the joined rows and ran the open-choice count per
    deelname instead of per coalition.
    """
    queryset = Coalitie.objects.all() if queryset is None else queryset
    zonder_keuze = (
        gemeenten_aan_tafel()
        .filter(tafel=OuterRef("tafel"))
        .exclude(Exists(Deelname.objects.filter(coalitie=OuterRef(OuterRef("pk")), organisatie=OuterRef("organisatie"))))
        .values("tafel")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    # One subquery for the four counts (a JSON object by variant, None without deelnames): four subqueries
    # cost PostgreSQL more to plan than to run.
    tellingen = {"telling_per_variant": Subquery(
        Deelname.objects.filter(coalitie=OuterRef("pk")).order_by().values("coalitie")
        .annotate(t=JSONObject(**{variant: Count("pk", filter=Q(variant=variant)) for variant in Deelname.Variant.values}))
        .values("t"),
        output_field=JSONField(),
    )} if per_variant else {}
    return (
        queryset.select_related("thema", "tafel", "trekker")
        .annotate(**tellingen)
        .annotate(
            aantal_zonder_keuze_aan_tafel=Coalesce(Subquery(zonder_keuze, output_field=IntegerField()), Value(0))
        )
        .order_by("naam")
    )


def coalitie_lijst_kort() -> QuerySet[Coalitie]:
    """``coalitie_lijst`` of all coalitions with only the columns the coalition list shows, to filter and to
    page through in one query a page: PostgreSQL evaluates the counting subqueries after the ORDER BY and
    LIMIT, for the page's coalitions only (and ``count()`` leaves them out)."""
    return _coalitie_lijst_kort().all()


@functools.cache
def _coalitie_lijst_kort() -> QuerySet[Coalitie]:
    # Made once per process and only ever copied (never evaluated itself): resolving the subqueries cost
    # more than running them. It holds no data, only the query.
    return coalitie_lijst(Coalitie.objects.all()).only(
        "naam", "status", "tafel_id", "thema__naam", "tafel__naam", "trekker__naam"
    )


# What a table page reads of coalitions; a committed write to any of them changes the stamp it is kept under.
TAFELPAGINA_BRONNEN = (Coalitie, Deelname, Organisatie, Lidmaatschap, BestuurlijkeTafel, ResultaatEnLes)
bewaard_per_tafel: bewaren.Bewaarplaats = bewaren.Bewaarplaats(
    maximum=128, alleen_nieuwste_stempel=True
)


def coalities_van_tafel(tafel: BestuurlijkeTafel, limiet: int) -> tuple[list[Coalitie], int]:
    """The table's first ``limiet`` coalitions as ``coalitie_lijst`` gives them, and how many it has: one
    query (PostgreSQL counts the choices still open after the limit, for these coalitions only). Kept until
    one of its tables changes; shared: never change them."""
    def lees() -> tuple[list[Coalitie], int]:
        rijen = list(_coalities_van_tafel().filter(tafel=tafel)[:limiet])
        return rijen, rijen[0]._totaal if rijen else 0

    return bewaren.bewaard(bewaard_per_tafel, TAFELPAGINA_BRONNEN, ("coalities", tafel.pk, limiet), lees)


@functools.cache
def _coalities_van_tafel() -> QuerySet[Coalitie]:
    # The table page shows name, status, trekker and the choices still open, not the counts per variant, the
    # theme or the table; with how many there are in all (a window count, as ``eerste`` takes it). Made once
    # per process and only copied, as ``_coalitie_lijst_kort``: resolving the subquery cost more than running it.
    return (
        coalitie_lijst(Coalitie.objects.all(), per_variant=False)
        .select_related(None).select_related("trekker").only("naam", "status", "tafel", "trekker__naam")
        .order_by("naam", "pk")
        .annotate(_totaal=Window(Count("pk")))
    )


def aantal_nog_geen_keuze(coalitie: Coalitie) -> int:
    if coalitie.status not in KEUZE_VERPLICHT:
        return 0
    return coalitie.aantal_zonder_keuze_aan_tafel


@dataclass
class Historieregel:
    wanneer: object
    wie: object
    soort: str
    onderwerp: str
    wijzigingen: list[str]
    reden: str = ""


@dataclass
class CoalitiePagina:
    coalitie: Coalitie
    per_variant: list[tuple[str, str, list[Deelname]]]
    nog_geen_keuze: list[Organisatie]
    deelnames: list[Deelname]
    historie: list[Historieregel] = field(default_factory=list)
    # What the coalition depends on (id and name), its progress reports newest first, its results and lessons.
    afhankelijkheden: list[Coalitie] = field(default_factory=list)
    voortgang: list[Voortgangsrapportage] = field(default_factory=list)
    resultaten_en_lessen: list[ResultaatEnLes] = field(default_factory=list)


def _toezeggingen_met_realisaties() -> QuerySet[Toezegging]:
    """Commitments with their realisaties; ``met_levering`` adds what was delivered."""
    return Toezegging.objects.prefetch_related(
        Prefetch("realisaties", queryset=Realisatie.objects.order_by("jaar", "kwartaal"))
    )


def met_levering(toezeggingen: Iterable[Toezegging]) -> None:
    """Sets ``geleverd`` on each commitment: the sum of its realisaties' quantities, None without one (as
    SQL's SUM), from the prefetched realisaties rather than a join and GROUP BY in the query."""
    for toezegging in toezeggingen:
        hoeveelheden = [r.hoeveelheid for r in toezegging.realisaties.all() if r.hoeveelheid is not None]
        toezegging.geleverd = sum(hoeveelheden) if hoeveelheden else None


def toezeggingen_van(deelname: Deelname) -> list[Toezegging]:
    """The deelname's commitments with what was delivered on each (``geleverd``, ``realisaties``): two queries."""
    toezeggingen = list(_toezeggingen_met_realisaties().filter(deelname=deelname).order_by("soort", "jaar_van", "pk"))
    met_levering(toezeggingen)
    return toezeggingen


def coalitie_pagina(coalitie_id: int) -> CoalitiePagina:
    """Everything on the coalition page, in a fixed number of queries; Coalitie.DoesNotExist for an unknown id."""
    # The related rows in their models' order within this one coalition, without the joins the models'
    # orderings would add (by the coalition's name, by the deelname's organisation), and without their authors.
    coalitie = (
        Coalitie.objects.select_related("thema", "tafel", "trekker", "projectleider")
        .prefetch_related(
            Prefetch(
                "deelnames",
                queryset=Deelname.objects.select_related("organisatie").prefetch_related(
                    # In the order the page has always shown them: as they were entered.
                    Prefetch("toezeggingen", queryset=_toezeggingen_met_realisaties().order_by("pk"))
                ).order_by("organisatie__naam"),
            ),
        )
        .get(pk=coalitie_id)
    )
    # Rows of one coalition that only this page shows: read directly, which costs less than a prefetch.
    afhankelijkheden = list(Coalitie.objects.filter(afhankelijk_van_deze=coalitie.pk).only("id", "naam"))
    voortgang = list(Voortgangsrapportage.objects.filter(coalitie_id=coalitie.pk).order_by("-jaar", "-kwartaal"))
    resultaten_en_lessen = list(ResultaatEnLes.objects.filter(coalitie_id=coalitie.pk))
    deelnames = list(coalitie.deelnames.all())
    met_levering(t for d in deelnames for t in d.toezeggingen.all())
    per_variant = {variant: [] for variant in Deelname.Variant.values}
    for deelname in deelnames:
        per_variant[deelname.variant].append(deelname)
    nog_geen_keuze: list[Organisatie] = []
    if coalitie.tafel_id and coalitie.status in KEUZE_VERPLICHT:
        gekozen = {d.organisatie_id for d in deelnames}
        # The table's participating Drechtstedengemeenten (partners at a table are never gemeenten).
        nog_geen_keuze = [
            o
            for o in coalitie.tafel.deelnemende_organisaties().drechtstedengemeenten().order_by("naam")
            if o.pk not in gekozen
        ]
    return CoalitiePagina(
        coalitie=coalitie,
        per_variant=[(code, label, per_variant[code]) for code, label in Deelname.Variant.choices],
        nog_geen_keuze=nog_geen_keuze,
        deelnames=deelnames,
        historie=coalitie_historie(coalitie, deelnames),
        afhankelijkheden=afhankelijkheden,
        voortgang=voortgang,
        resultaten_en_lessen=resultaten_en_lessen,
    )


def _verschillen(model, vorige, huidige, velden: list[str]) -> list[str]:
    regels = []
    for naam in velden:
        oud, nieuw = getattr(vorige, naam, None), getattr(huidige, naam)
        if vorige is None and nieuw in (None, ""):
            continue
        if oud != nieuw:
            regels.append(veldwijziging(
                model._meta.get_field(naam), oud, nieuw, geld=naam in GELDVELDEN, nieuw_veld=vorige is None
            ))
    return regels


@functools.cache
def _historie(model):
    """The manager of ``model``'s historical records: ``model.history`` makes a manager class anew on every
    access, which costs more than the query. The same records, newest first."""
    return model.history.model._default_manager


SOORT_HISTORIE = {"+": gettext_lazy("aangemaakt"), "~": gettext_lazy("gewijzigd"), "-": gettext_lazy("verwijderd")}


def coalitie_historie(coalitie: Coalitie, deelnames: list[Deelname], limiet: int = 100) -> list[Historieregel]:
    """Changes to the coalition's deelnames, commitments and deliveries: three queries.

    Differences are computed here from consecutive records, instead of one query per record. The records
    are read unordered (``verwerk`` sorts them by row and record, the rows by date).
    """
    organisatie_per_deelname = {d.pk: d.organisatie for d in deelnames}
    regels: list[Historieregel] = []

    def verwerk(records, model, velden, onderwerp):
        records = sorted(records, key=lambda r: (r.id, r.history_id))
        for _pk, groep in itertools.groupby(records, key=lambda r: r.id):
            vorige = None
            for record in groep:
                regels.append(
                    Historieregel(
                        wanneer=record.history_date,
                        wie=record.history_user,
                        soort=SOORT_HISTORIE.get(record.history_type, record.history_type),
                        onderwerp=onderwerp(record),
                        wijzigingen=_verschillen(model, vorige, record, velden),
                        reden=record.history_change_reason or "",
                    )
                )
                vorige = record

    deelname_records = list(
        _historie(Deelname).filter(coalitie_id=coalitie.pk).select_related("history_user", "organisatie").order_by()
    )
    deelname_ids = {r.id for r in deelname_records}
    organisatie_per_deelname.update({r.id: r.organisatie for r in deelname_records})
    verwerk(
        deelname_records, Deelname, ["variant", "solidariteitsbijdrage", "instapdatum", "instapfee"],
        lambda r: _("Deelname %(organisatie)s") % {"organisatie": r.organisatie},
    )
    toezegging_records = list(
        _historie(Toezegging).filter(deelname_id__in=deelname_ids).select_related("history_user").order_by()
    ) if deelname_ids else []
    verwerk(
        toezegging_records, Toezegging, ["soort", "hoeveelheid", "eenheid", "omschrijving", "jaar_van", "jaar_tot"],
        lambda r: _("Toezegging %(organisatie)s") % {"organisatie": organisatie_per_deelname.get(r.deelname_id, "")},
    )
    toezegging_deelname = {r.id: r.deelname_id for r in toezegging_records}
    realisatie_records = _historie(Realisatie).filter(toezegging_id__in=set(toezegging_deelname)).select_related(
        "history_user"
    ).order_by() if toezegging_deelname else []
    verwerk(
        realisatie_records, Realisatie, ["jaar", "kwartaal", "hoeveelheid", "toelichting"],
        lambda r: _("Realisatie %(organisatie)s")
        % {"organisatie": organisatie_per_deelname.get(toezegging_deelname.get(r.toezegging_id), "")},
    )
    regels.sort(key=lambda r: r.wanneer, reverse=True)
    return regels[:limiet]


# --- Sorteerbak -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Cel:
    coalitie: Coalitie
    organisatie: Organisatie
    variant: str | None  # the variant chosen, None without a deelname
    nog_geen_keuze: bool
    bewerkbaar: bool = False


@dataclass
class SorteerbakRij:
    organisatie: Organisatie
    aan_tafel: bool
    cellen: list[Cel]
    totalen: dict[str, int]
    solidariteit_totaal: Decimal


SORTEERBAK_KOLOMMEN = 20  # coalitions per page of the sorteerbak


@dataclass
class Sorteerbak:
    tafel: BestuurlijkeTafel
    coalities: list[Coalitie]  # the coalitions (columns) of this page
    rijen: list[SorteerbakRij]
    pagina: Page  # the page of the table's coalitions, for the navigation


def sorteerbak(
    tafel: BestuurlijkeTafel | int, *, pagina: str | int | None = None, per_pagina: int = SORTEERBAK_KOLOMMEN
) -> Sorteerbak:
    """The matrix organisations × coalitions of one table (or its id), one page of coalitions at a time: four
    queries at any size (five with an id). Each row's totals count all of the table's coalitions, from one
    aggregate query."""
    if not isinstance(tafel, BestuurlijkeTafel):
        tafel = BestuurlijkeTafel.objects.get(pk=tafel)
    # The table's coalitions as plain rows to page through and to count the choices still open over; the
    # page's coalitions as (unsaved) instances with what the matrix shows of them.
    alle = list(Coalitie.objects.filter(tafel=tafel).order_by("naam", "pk").values_list("id", "naam", "status"))
    pagina_ = paginering.pagina_nummer(alle, pagina, per_pagina)
    coalities = [Coalitie(id=pk, naam=naam, status=status, tafel_id=tafel.pk) for pk, naam, status in pagina_]
    pagina_.object_list = coalities
    # A cell shows the variant only; found by coalition and organisation, so unordered (the model's order
    # joins every coalition).
    per_cel = {
        (coalitie_id, organisatie_id): variant
        for coalitie_id, organisatie_id, variant in Deelname.objects.filter(coalitie__in=[c.pk for c in coalities])
        .order_by().values_list("coalitie_id", "organisatie_id", "variant")
    }
    leden = list(
        Lidmaatschap.objects.filter(
            tafel=tafel, status__in=[Lidmaatschap.Status.DEELNEMEND, Lidmaatschap.Status.TOEGETREDEN_PARTNER]
        ).select_related("organisatie")
    )
    # Every organisation with a deelname at this table, with its totals over all the table's coalitions.
    aan_deze_tafel = Q(deelnames__coalitie__tafel=tafel)
    met_deelname = {
        o.pk: o for o in Organisatie.objects.filter(aan_deze_tafel).annotate(
            **{f"_n_{code}": Count("deelnames", filter=Q(deelnames__variant=code)) for code, _label in Deelname.Variant.choices},
            _n_keuze_verplicht=Count("deelnames", filter=Q(deelnames__coalitie__status__in=KEUZE_VERPLICHT)),
            _solidariteit=Sum("deelnames__solidariteitsbijdrage"),
        ).only("naam", "soort")
    }
    gemeenten_aan_tafel_ids = {
        l.organisatie_id
        for l in leden
        if l.status == Lidmaatschap.Status.DEELNEMEND and l.organisatie.soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE
    }
    organisaties = {l.organisatie_id: l.organisatie for l in leden}
    organisaties.update({pk: o for pk, o in met_deelname.items() if pk not in organisaties})
    keuze_verplicht = sum(1 for _pk, _naam, status in alle if status in KEUZE_VERPLICHT)
    kolommen = [(coalitie, coalitie.pk, coalitie.status in KEUZE_VERPLICHT) for coalitie in coalities]

    def volgorde(o: Organisatie):
        return (0 if o.soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE else 1 if o.is_gemeente else 2, o.naam)

    rijen = []
    for organisatie in sorted(organisaties.values(), key=volgorde):
        organisatie_pk = organisatie.pk
        aan_tafel = organisatie_pk in gemeenten_aan_tafel_ids
        cellen = []
        for coalitie, coalitie_pk, verplicht in kolommen:
            variant = per_cel.get((coalitie_pk, organisatie_pk))
            cellen.append(Cel(coalitie, organisatie, variant, variant is None and aan_tafel and verplicht))
        telling = met_deelname.get(organisatie.pk)
        totalen = {code: getattr(telling, f"_n_{code}") for code, _label in Deelname.Variant.choices} if telling else {}
        if organisatie.pk in gemeenten_aan_tafel_ids:
            totalen["open"] = keuze_verplicht - (telling._n_keuze_verplicht if telling else 0)
        rijen.append(
            SorteerbakRij(
                organisatie=organisatie,
                aan_tafel=organisatie.pk in gemeenten_aan_tafel_ids,
                cellen=cellen,
                totalen={k: v for k, v in totalen.items() if v},
                solidariteit_totaal=(telling._solidariteit if telling else None) or Decimal("0"),
            )
        )
    return Sorteerbak(tafel=tafel, coalities=coalities, rijen=rijen, pagina=pagina_)


def cel(coalitie: Coalitie, organisatie: Organisatie) -> Cel:
    variant = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).values_list("variant", flat=True).first()
    open_ = (
        variant is None
        and coalitie.status in KEUZE_VERPLICHT
        and coalitie.tafel_id is not None
        and gemeenten_aan_tafel().filter(tafel_id=coalitie.tafel_id, organisatie=organisatie).exists()
    )
    return Cel(coalitie=coalitie, organisatie=organisatie, variant=variant, nog_geen_keuze=open_)


# --- Organisatie ----------------------------------------------------------------------------------


@dataclass
class OrganisatieOverzicht:
    organisatie: Organisatie
    deelnames: QuerySet[Deelname]
    nog_geen_keuze: list[Coalitie]
    aantal_nog_geen_keuze: int = 0


def eerste(qs: QuerySet, limiet: int | None) -> tuple[list, int]:
    """The first ``limiet`` rows of ``qs`` and how many there are in all, in one query (a window count);
    with ``limiet=None`` every row."""
    if limiet is None:
        rijen = list(qs)
        return rijen, len(rijen)
    rijen = list(qs.annotate(_totaal=Window(Count("pk")))[:limiet])
    return rijen, rijen[0]._totaal if rijen else 0


def organisatie_overzicht(organisatie: Organisatie, *, limiet: int | None = None) -> OrganisatieOverzicht:
    """A gemeente's coalitions by variant, and where it still has to choose: one query, and one more when
    the deelnames are read (a queryset, to page). ``limiet`` caps the list of open choices."""
    deelnames = (
        Deelname.objects.filter(organisatie=organisatie)
        .select_related("coalitie", "coalitie__thema")
        .annotate(aantal_toezeggingen=Count("toezeggingen"))
        .order_by("coalitie__naam", "pk")
    )
    nog_geen_keuze, aantal = eerste(te_doen_lijst(organisatie, timezone.localdate(), "keuze"), limiet)
    return OrganisatieOverzicht(
        organisatie=organisatie, deelnames=deelnames, nog_geen_keuze=nog_geen_keuze, aantal_nog_geen_keuze=aantal
    )


def resultaten_en_lessen_voor_tafel(tafel: BestuurlijkeTafel, limiet: int = 20) -> list[ResultaatEnLes]:
    """Results and lessons of the table's coalitions, newest first, for the table page: one query. Kept until
    one of its tables changes; shared: never change them.

    The table page can show them with ``{% include "coalities/_resultaten_en_lessen.html" %}``.
    """
    return bewaren.bewaard(bewaard_per_tafel, TAFELPAGINA_BRONNEN, ("resultaten", tafel.pk, limiet), lambda: list(
        ResultaatEnLes.objects.filter(coalitie__tafel=tafel).select_related("coalitie")
        .only("soort", "titel", "tekst", "datum", "coalitie__naam").order_by("-datum", "titel", "id")[:limiet]
    ))


# --- What needs entering now (dashboards) --------------------------------------------------------


def vorig_kwartaal(vandaag: datetime.date) -> tuple[int, int]:
    """The last quarter that has ended: (year, quarter)."""
    kwartaal = (vandaag.month - 1) // 3 + 1
    return (vandaag.year, kwartaal - 1) if kwartaal > 1 else (vandaag.year - 1, 4)


@dataclass
class TeDoen:
    """What an organisation's programme staff have to enter now, with the period it is about."""

    organisatie: Organisatie
    periode: tuple[int, int]
    nog_geen_keuze: list[Coalitie]
    zonder_realisatie: list[Toezegging]
    voortgang_nodig: list[Coalitie]
    per_variant: list[tuple[str, str, int]]  # (variant, label, number of coalitions)
    aantal_nog_geen_keuze: int
    aantal_zonder_realisatie: int
    aantal_voortgang_nodig: int

    @property
    def periode_label(self) -> str:
        return f"{self.periode[0]} K{self.periode[1]}"

    @property
    def aantal(self) -> int:
        return self.aantal_nog_geen_keuze + self.aantal_zonder_realisatie + self.aantal_voortgang_nodig

    @property
    def aantal_deelnames(self) -> int:
        return sum(n for _v, _l, n in self.per_variant)


TE_DOEN_LIJSTEN = ("keuze", "realisatie", "voortgang")


def te_doen_lijst(organisatie: Organisatie, vandaag: datetime.date, lijst: str) -> QuerySet:
    """One of the lists of what the organisation has to enter, as a queryset to page or cap.

    ``keuze``: coalitions at its tables without its choice (only for a Drechtstedengemeente);
    ``realisatie``: commitments of running coalitions without a realisation for the last quarter (a
    realisation for the whole year also counts for its quarters); ``voortgang``: running coalitions it
    leads without a progress report for that quarter.
    """
    jaar, kwartaal = vorig_kwartaal(vandaag)
    if lijst == "keuze":
        if not organisatie.is_drechtstedengemeente:
            return Coalitie.objects.none()
        return (
            Coalitie.objects.filter(
                status__in=KEUZE_VERPLICHT,
                tafel__in=gemeenten_aan_tafel().filter(organisatie=organisatie).values("tafel"),
            )
            .exclude(deelnames__organisatie=organisatie)
            .select_related("thema", "tafel")
            .order_by("naam", "pk")
        )
    if lijst == "realisatie":
        gerealiseerd = Realisatie.objects.filter(toezegging=OuterRef("pk"), jaar=jaar).filter(
            Q(kwartaal=kwartaal) | Q(kwartaal__isnull=True)
        )
        return (
            Toezegging.objects.filter(
                deelname__organisatie=organisatie, jaar_van__lte=jaar, jaar_tot__gte=jaar,
                deelname__coalitie__status=Coalitie.Status.LOPEND,
            )
            .exclude(soort=Toezegging.Soort.KENNIS)
            .exclude(Exists(gerealiseerd))
            .select_related("deelname__coalitie")
            .order_by("deelname__coalitie__naam", "soort", "pk")
        )
    if lijst == "voortgang":
        gerapporteerd = Voortgangsrapportage.objects.filter(coalitie=OuterRef("pk"), jaar=jaar, kwartaal=kwartaal)
        return (
            Coalitie.objects.filter(trekker=organisatie, status=Coalitie.Status.LOPEND)
            .exclude(Exists(gerapporteerd))
            .select_related("thema")
            .order_by("naam", "pk")
        )
    raise ValueError(f"Onbekende lijst: {lijst}")


# What ``te_doen_voor_organisatie`` reads; a committed write to any of them changes the stamp it is kept under.
TE_DOEN_BRONNEN = (
    Deelname, Coalitie, Toezegging, Realisatie, Voortgangsrapportage, Organisatie, Lidmaatschap, BestuurlijkeTafel,
    Thema,
)
bewaard_te_doen: bewaren.Bewaarplaats[TeDoen] = bewaren.Bewaarplaats(
    maximum=128, alleen_nieuwste_stempel=True
)


def te_doen_voor_organisatie(organisatie: Organisatie, vandaag: datetime.date, *, limiet: int | None = None) -> TeDoen:
    """Choices not made, commitments without a realisation for the last quarter, progress reports due, and
    the organisation's coalitions counted per variant: four queries, kept per organisation and day until one
    of their tables changes (the start page of programme staff). Shared: never change it.

    ``limiet`` caps each list (the totals stay complete); the whole list is ``te_doen_lijst``.
    """
    return bewaren.bewaard(
        bewaard_te_doen, TE_DOEN_BRONNEN, (organisatie.pk, vandaag, limiet),
        lambda: _te_doen_voor_organisatie(organisatie, vandaag, limiet),
    )


def _te_doen_voor_organisatie(organisatie: Organisatie, vandaag: datetime.date, limiet: int | None) -> TeDoen:
    aantallen = dict(
        Deelname.objects.filter(organisatie=organisatie).aantallen_per_variant()
    )
    per_variant = [(code, label, aantallen[code]) for code, label in Deelname.Variant.choices if aantallen.get(code)]
    nog_geen_keuze, aantal_keuze = eerste(te_doen_lijst(organisatie, vandaag, "keuze"), limiet)
    zonder_realisatie, aantal_zonder = eerste(te_doen_lijst(organisatie, vandaag, "realisatie"), limiet)
    voortgang_nodig, aantal_voortgang = eerste(te_doen_lijst(organisatie, vandaag, "voortgang"), limiet)
    return TeDoen(
        organisatie=organisatie, periode=vorig_kwartaal(vandaag), nog_geen_keuze=nog_geen_keuze,
        zonder_realisatie=zonder_realisatie, voortgang_nodig=voortgang_nodig, per_variant=per_variant,
        aantal_nog_geen_keuze=aantal_keuze, aantal_zonder_realisatie=aantal_zonder, aantal_voortgang_nodig=aantal_voortgang,
    )


@dataclass(frozen=True)
class OpenKeuze:
    coalitie: Coalitie
    organisatie: Organisatie


def open_keuzes(*, organisatie_id: int | None = None, tafel_id: int | None = None) -> list[OpenKeuze]:
    """Every (coalition, gemeente) pair where a gemeente at the table has not chosen yet: two queries."""
    coalities = Coalitie.objects.filter(status__in=KEUZE_VERPLICHT, tafel__isnull=False).select_related("tafel", "thema")
    if tafel_id is not None:
        coalities = coalities.filter(tafel_id=tafel_id)
    coalities = list(coalities.prefetch_related(
        Prefetch("deelnames", queryset=Deelname.objects.only("id", "coalitie_id", "organisatie_id"), to_attr="_deelnames")
    ).order_by("naam"))
    leden = gemeenten_aan_tafel().filter(tafel_id__in={c.tafel_id for c in coalities}).select_related("organisatie")
    if organisatie_id is not None:
        leden = leden.filter(organisatie_id=organisatie_id)
    per_tafel: dict[int, list[Organisatie]] = defaultdict(list)
    for lid in leden:
        per_tafel[lid.tafel_id].append(lid.organisatie)
    keuzes = []
    for coalitie in coalities:
        gekozen = {d.organisatie_id for d in coalitie._deelnames}
        for organisatie in sorted(per_tafel[coalitie.tafel_id], key=lambda o: o.naam):
            if organisatie.pk not in gekozen:
                keuzes.append(OpenKeuze(coalitie=coalitie, organisatie=organisatie))
    return keuzes
def stemgerechtigden(coalitie: Coalitie | int) -> QuerySet[Organisatie]:
    """Who votes in a coalition: only the full participants ("skin in the game"); solidarity payers, the
    instapmodel and those not taking part do not. One query (or a subquery of the caller's)."""
    return Organisatie.objects.filter(
        deelnames__coalitie=coalitie, deelnames__variant=Deelname.Variant.VOLLEDIG
    ).order_by("naam")


def stemgerechtigde_ids(coalitie_id: int) -> QuerySet:
    """The ids of `stemgerechtigden`, for a vote at the coalition's table (used there as a subquery)."""
    return stemgerechtigden(coalitie_id).order_by().values("pk")
