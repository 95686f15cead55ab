"""Reads for financiering: the adopted allocation of one or more years, in a fixed number of queries.

`verdelingen(jaren)` is the only way the screens, exports, scenarios and the `verdeling` command get
their numbers: it builds a `verdeling.Scenario` per year from the database and computes it with the
pure engine, so every output agrees to the cent.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coalities.models import Coalitie, Deelname
from drechtsteden import bewaren
from drechtsteden.models import Gebruiker, Inwonertal, Organisatie
from tafels.models import BestuurlijkeTafel, Lidmaatschap
from drechtsteden.opmaak import euro

from . import overgang, verdeling
from .models import (
    Overgang,
    Overgangsregel,
    COMPONENT_NAMEN,
    Begrotingsjaar, OpgeslagenScenario, ProfijtGewicht, ProjectBudget, Sleutel, SleutelPercentage, VasteBijdrage,
    Vaststelling,
)

AANTAL_JAREN = 5  # this year and the four after it


def meerjarige_jaren(vanaf: int | None = None) -> list[int]:
    """This year and the next four: the span of the multi-year overviews."""
    begin = vanaf if vanaf is not None else timezone.localdate().year
    return list(range(begin, begin + AANTAL_JAREN))


@dataclass(frozen=True)
class JaarVerdeling:
    """One year's adopted allocation: the scenario built from the database and its result."""

    jaar: int
    scenario: verdeling.Scenario
    begrotingsjaar: Begrotingsjaar | None
    projectbudgetten: tuple[ProjectBudget, ...]
    # (coalitie, organisatie) -> the Deelname row, for showing each party's variant
    deelnames: dict[tuple[str, str], Deelname]
    organisatie_pks: dict[str, int]
    coalitie_pks: dict[str, int]
    resultaat: verdeling.Resultaat | None = None
    # Why the year cannot be computed; shown (and translated) as text wherever it is printed.
    fout: verdeling.Melding | None = None
    extra_waarschuwingen: tuple[verdeling.Melding, ...] = field(default=())
    toelichting: verdeling.Toelichting | None = None
    # organisation -> the date of the inhabitant figure the engine was given (None: no figure)
    inwoners_peildata: dict[str, datetime.date | None] = field(default_factory=dict)
    # Every recorded join and leave (oldest first), read with the inputs: the allocation honours them and
    # the pages list them from here without another query.
    overgangen: tuple[Overgang, ...] = ()
    # (coalitie, organisatie) -> the deelname as the engine counts it this year, where a recorded join or
    # leave makes it differ from the Deelname row (another variant, or part of the year)
    afwijkend: dict[tuple[str, str], verdeling.Deelname] = field(default_factory=dict)
    # (organisation, language) -> its OrganisatieJaar, made once per computed year (not copied by replace)
    _per_organisatie: dict[tuple[str, str], OrganisatieJaar] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # language -> its NetwerkWeergave, made once per computed year (not copied by replace)
    _weergave: dict[str, NetwerkWeergave] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def peildatum_cijfers(self) -> datetime.date | None:
        """The date of the newest inhabitant figure actually used, which may lie before the year's peildatum."""
        return max((d for d in self.inwoners_peildata.values() if d is not None), default=None)

    @property
    def peildata_verschillen(self) -> bool:
        """True when the gemeenten' figures are of different dates."""
        return len({d for d in self.inwoners_peildata.values() if d is not None}) > 1

    @property
    def vastgesteld(self) -> bool:
        return self.begrotingsjaar is not None

    @property
    def waarschuwingen(self) -> list[str]:
        """The year's warnings in the active language."""
        eigen = list(self.resultaat.waarschuwingen) if self.resultaat else []
        return [str(w) for w in eigen + list(self.extra_waarschuwingen)]

    def resultaat_met_waarschuwingen(self) -> verdeling.Resultaat:
        """The result with every warning for the year, as the command and exports print it."""
        if self.resultaat is None:
            raise verdeling.VerdelingFout(self.fout or "Geen verdeling.")
        return dataclasses.replace(self.resultaat, waarschuwingen=tuple(self.waarschuwingen))


def verdeling_voor_jaar(jaar: int, *, stempel: str | None = bewaren.ONGELEZEN) -> JaarVerdeling:
    return verdelingen([jaar], stempel=stempel)[jaar]


# Every table the allocation reads; a committed write to any of them changes `invoerstempel()`.
BRONNEN = (
    Begrotingsjaar, SleutelPercentage, VasteBijdrage, ProjectBudget, ProfijtGewicht, Deelname, Organisatie, Inwonertal,
    Overgang, Coalitie,
)


def invoerstempel() -> str | None:
    """Changes whenever a write to an input of the allocation commits: one query (None: keep nothing)."""
    return bewaren.invoerstempel(BRONNEN)


# The latest computed years of this process, by database, input stamp and year. A year at 2,000
# coalities holds tens of thousands of model instances: kept in memory, not in Redis.
bewaard: bewaren.Bewaarplaats[JaarVerdeling] = bewaren.Bewaarplaats(maximum=12)


def verdelingen(jaren: Iterable[int], *, stempel: str | None = bewaren.ONGELEZEN) -> dict[int, JaarVerdeling]:
    """The adopted allocation of each year: 1 query when every year was computed before with the same
    inputs, else 1 + 9 to compute the missing years with the engine, whatever the size of the network.
    A caller that just read `invoerstempel()` passes it as `stempel` and saves that query.

    The JaarVerdeling objects are shared between requests: read them, never change them.
    """
    jaren = sorted(set(jaren))
    if not jaren:
        return {}
    if stempel is bewaren.ONGELEZEN:
        stempel = invoerstempel()
    if stempel is None:
        return _verdelingen(jaren)
    database = bewaren.database_naam()
    resultaat = {}
    ontbrekend = []
    for jaar in jaren:
        jaar_verdeling = bewaard.haal((database, stempel, jaar))
        if jaar_verdeling is None:
            ontbrekend.append(jaar)
        else:
            resultaat[jaar] = jaar_verdeling
    for jaar, jaar_verdeling in _verdelingen(ontbrekend).items():
        bewaard.bewaar((database, stempel, jaar), jaar_verdeling)
        resultaat[jaar] = jaar_verdeling
    return {jaar: resultaat[jaar] for jaar in jaren}


def _verdelingen(jaren: list[int]) -> dict[int, JaarVerdeling]:
    """Each year computed from the database with the engine; 9 queries whatever the size."""
    if not jaren:
        return {}
    begrotingsjaren = {
        b.jaar: b
        for b in Begrotingsjaar.objects.filter(jaar__range=(jaren[0], jaren[-1] + 3)).prefetch_related(
            Prefetch("percentages", queryset=SleutelPercentage.objects.select_related("organisatie")),
            Prefetch("vaste_bijdragen", queryset=VasteBijdrage.objects.select_related("organisatie")),
        )
    }
    projectbudgetten: dict[int, list[ProjectBudget]] = defaultdict(list)
    for projectbudget in (
        ProjectBudget.objects.filter(jaar__in=jaren)
        .select_related("coalitie")
        .prefetch_related(
            Prefetch("gewichten", queryset=ProfijtGewicht.objects.select_related("organisatie")),
            Prefetch("coalitie__deelnames", queryset=Deelname.objects.select_related("organisatie")),
        )
        .order_by("jaar", "coalitie__naam")
    ):
        projectbudgetten[projectbudget.jaar].append(projectbudget)

    peildata = {
        jaar: b.peildatum_inwoners if (b := begrotingsjaren.get(jaar)) else Begrotingsjaar.standaard_peildatum(jaar)
        for jaar in jaren
    }
    gemeenten = list(Organisatie.objects.drechtstedengemeenten().order_by("naam"))
    inwoners = _inwonertallen(max(peildata.values()))
    overgangen = _Overgangen(
        Overgang.objects.select_related("organisatie", "tafel", "coalitie", "vastgelegd_door").order_by(
            "ingangsdatum", "id")
    )

    resultaat = {}
    for jaar in jaren:
        begrotingsjaar = begrotingsjaren.get(jaar)
        basis = {j for j in begrotingsjaren if j > jaar}
        meerjarig = verdeling.meerjarige_basis_waarschuwing(jaar, basis)
        jaar_verdeling = _jaar_verdeling(
            jaar, begrotingsjaar, projectbudgetten[jaar], gemeenten, inwoners, peildata[jaar], overgangen
        )
        resultaat[jaar] = bereken(dataclasses.replace(
            jaar_verdeling, extra_waarschuwingen=(meerjarig,) if meerjarig else ()
        ))
    return resultaat


def bereken(jaar_verdeling: JaarVerdeling, scenario: verdeling.Scenario | None = None) -> JaarVerdeling:
    """Compute (again) with the engine, for the adopted scenario or a what-if variant of it."""
    scenario = scenario or jaar_verdeling.scenario
    try:
        resultaat, toelichting = verdeling.bereken_met_toelichting(scenario)
    except verdeling.VerdelingFout as fout:
        return dataclasses.replace(jaar_verdeling, scenario=scenario, resultaat=None, fout=fout.melding, toelichting=None)
    return dataclasses.replace(jaar_verdeling, scenario=scenario, resultaat=resultaat, fout=None, toelichting=toelichting)


class _Inwoners:
    """Inhabitant counts per organisation, answering `Organisatie.inwoners_op` without a query."""

    def __init__(self, rijen: Iterable[tuple[int, datetime.date, int]]) -> None:
        self._per_organisatie: dict[int, tuple[list[datetime.date], list[int]]] = defaultdict(lambda: ([], []))
        for organisatie_id, peildatum, aantal in rijen:  # sorted by date
            data, aantallen = self._per_organisatie[organisatie_id]
            data.append(peildatum)
            aantallen.append(aantal)

    def op(self, organisatie_id: int, datum: datetime.date) -> int | None:
        data, aantallen = self._per_organisatie.get(organisatie_id, ([], []))
        index = bisect.bisect_right(data, datum)
        return aantallen[index - 1] if index else None

    def peildatum_op(self, organisatie_id: int, datum: datetime.date) -> datetime.date | None:
        """The date of the figure `op` answers with: the latest on or before `datum`."""
        data, _aantallen = self._per_organisatie.get(organisatie_id, ([], []))
        index = bisect.bisect_right(data, datum)
        return data[index - 1] if index else None


class _Overgangen:
    """The recorded joins and leaves, by what they change: the months an organisation pays in a year.

    Per organisation at the level of the cooperation (components 1, 2 and 3), per partner at the level of
    a table (its fixed contribution in component 2; only records that changed the financing) and per
    coalition deelname (component 3). `overgang.stand_in_jaar` decides each year.
    """

    def __init__(self, rijen: Iterable[Overgang]) -> None:
        self.alle: tuple[Overgang, ...] = tuple(rijen)
        self.samenwerking: dict[int, list[overgang.Vastgelegd]] = defaultdict(list)
        self.tafel: dict[int, list[overgang.Vastgelegd]] = defaultdict(list)
        self.coalitie: dict[tuple[int, int], list[overgang.Vastgelegd]] = defaultdict(list)
        for rij in self.alle:  # oldest first: the order in which they take effect
            vastgelegd = overgang.Vastgelegd.uit_json(rij.richting, rij.bedragen, rij)
            if rij.niveau == Overgangsregel.Niveau.COALITIE and rij.coalitie_id:
                self.coalitie[(rij.coalitie_id, rij.organisatie_id)].append(vastgelegd)
            elif rij.niveau == Overgangsregel.Niveau.TAFEL:
                if rij.verandert_financiering:
                    self.tafel[rij.organisatie_id].append(vastgelegd)
            elif rij.niveau == Overgangsregel.Niveau.SAMENWERKING:
                self.samenwerking[rij.organisatie_id].append(vastgelegd)

    def organisatie(self, organisatie: Organisatie, jaar: int) -> tuple[int, int, int]:
        """Months of `jaar` the organisation pays in components 1, 2 and 3 by its recorded joins and leaves."""
        maanden = list(overgang.HELE_JAAR)
        vastlegging, stand = overgang.stand_in_jaar(self.samenwerking.get(organisatie.pk, ()), jaar)
        if vastlegging is not None and stand is None and vastlegging.richting == overgang.UITTREDING:
            stand = overgang.GEEN_MAAND  # it has left the cooperation
        if stand is not None:
            maanden = list(stand)
        _vastlegging, aan_tafel = overgang.stand_in_jaar(self.tafel.get(organisatie.pk, ()), jaar)
        if aan_tafel is not None:
            maanden[1] = min(maanden[1], aan_tafel[1])
        return maanden[0], maanden[1], maanden[2]

    def telt_mee(self, organisatie: Organisatie, jaar: int) -> bool:
        """Whether a recorded join or leave of the cooperation has the organisation pay in `jaar`, whatever its
        active dates say: in a year a record gives months, and after a join. (A gemeente that joins during the
        year is not active yet on the year's peildatum, 1 January of the year before.)"""
        vastlegging, stand = overgang.stand_in_jaar(self.samenwerking.get(organisatie.pk, ()), jaar)
        if vastlegging is None:
            return False
        if stand is None:
            return vastlegging.richting == overgang.TOETREDING
        return any(stand)

    def deelname(self, deelname: Deelname, jaar: int, samenwerking_maanden: int) -> verdeling.Deelname:
        """The deelname as the engine reads it in `jaar`: in the year of a recorded leave still the variant it
        left (for the months it pays), before a recorded join not yet taking part."""
        vastlegging, stand = overgang.stand_in_jaar(self.coalitie.get((deelname.coalitie_id, deelname.organisatie_id), ()), jaar)
        maanden = 12 if stand is None else stand[2]
        maanden = min(maanden, samenwerking_maanden)
        naam = deelname.organisatie.naam
        if maanden == 0:
            return verdeling.Deelname(naam, verdeling.VARIANT_GEEN)
        velden = (deelname.variant, deelname.solidariteitsbijdrage, deelname.instapdatum, deelname.instapfee)
        if stand is not None:
            bron: Overgang = vastlegging.bron
            betaalt = deelname.variant != verdeling.VARIANT_GEEN
            if bron.variant and (vastlegging.richting == overgang.UITTREDING or not betaalt):
                velden = (bron.variant, bron.solidariteitsbijdrage, bron.instapdatum, bron.instapfee)
        return _als_verdeling(naam, *velden, maanden=None if maanden == 12 else maanden)


def _inwonertallen(tot_en_met: datetime.date) -> _Inwoners:
    return _Inwoners(
        Inwonertal.objects.filter(peildatum__lte=tot_en_met)
        .order_by("peildatum")
        .values_list("organisatie_id", "peildatum", "aantal")
    )


def _soort(organisatie: Organisatie) -> str:
    if organisatie.soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE:
        return verdeling.SOORT_GEMEENTE
    return verdeling.SOORT_PARTNER


def _component(begrotingsjaar: Begrotingsjaar | None, nummer: int, maanden: dict[str, int] | None = None) -> verdeling.Component:
    if begrotingsjaar is None:
        return verdeling.Component(budget=verdeling.NUL)
    sleutel = getattr(begrotingsjaar, f"component_{nummer}_sleutel")
    percentages = {}
    if sleutel == verdeling.SLEUTEL_VASTE_PERCENTAGES:
        percentages = {
            p.organisatie.naam: p.percentage for p in begrotingsjaar.percentages.all() if p.component == nummer
        }
    vaste_bijdragen = {}
    if nummer == 2:
        vaste_bijdragen = {v.organisatie.naam: v.bedrag for v in begrotingsjaar.vaste_bijdragen.all()}
    return verdeling.Component(
        budget=getattr(begrotingsjaar, f"component_{nummer}_budget"),
        sleutel=sleutel,
        vaste_voet_pct=getattr(begrotingsjaar, f"component_{nummer}_vaste_voet_pct"),
        percentages=percentages,
        vaste_bijdragen=vaste_bijdragen,
        maanden=maanden or {},
    )


def deelname_voor_verdeling(deelname: Deelname) -> verdeling.Deelname:
    """A coalition participation as the engine reads it; only the fields of its variant count."""
    return _als_verdeling(deelname.organisatie.naam, deelname.variant, deelname.solidariteitsbijdrage,
                          deelname.instapdatum, deelname.instapfee)


def _als_verdeling(
    naam: str, variant: str, solidariteitsbijdrage: Decimal | None, instapdatum: datetime.date | None,
    instapfee: Decimal | None, *, maanden: int | None = None,
) -> verdeling.Deelname:
    """A deelname's fields (as stored, or as a recorded leave kept them) as the engine reads them."""
    if variant == verdeling.VARIANT_VOLLEDIG and instapdatum is not None:
        # Joined later and converted on its entry date: in the entry year it still pays the fee and
        # shares pro rata, exactly as an instap party; from the next year on that equals volledig.
        variant = verdeling.VARIANT_INSTAP
    if variant == verdeling.VARIANT_SOLIDARITEIT:
        return verdeling.Deelname(naam, variant, bedrag=solidariteitsbijdrage, maanden=maanden)
    if variant == verdeling.VARIANT_INSTAP:
        return verdeling.Deelname(naam, variant, instapdatum=instapdatum, instapfee=instapfee, maanden=maanden)
    if variant == verdeling.VARIANT_VOLLEDIG:
        return verdeling.Deelname(naam, variant, maanden=maanden)
    return verdeling.Deelname(naam, variant)


def _coalitie(projectbudget: ProjectBudget, deelnames: list[verdeling.Deelname]) -> verdeling.Coalitie:
    profijt: str | dict[str, Decimal] = projectbudget.profijt
    if profijt == ProjectBudget.Profijt.GEWICHTEN:
        delers = {d.organisatie for d in deelnames if d.variant in (verdeling.VARIANT_VOLLEDIG, verdeling.VARIANT_INSTAP)}
        profijt = {g.organisatie.naam: g.gewicht for g in projectbudget.gewichten.all() if g.organisatie.naam in delers}
    return verdeling.Coalitie(
        naam=projectbudget.coalitie.naam,
        budget=projectbudget.budget,
        profijt=profijt,
        deelnames=tuple(deelnames),
    )


def _jaar_verdeling(
    jaar: int,
    begrotingsjaar: Begrotingsjaar | None,
    projectbudgetten: list[ProjectBudget],
    gemeenten: list[Organisatie],
    inwoners: _Inwoners,
    peildatum: datetime.date,
    overgangen: _Overgangen | None = None,
) -> JaarVerdeling:
    overgangen = overgangen or _Overgangen(())
    organisaties: dict[str, Organisatie] = {
        g.naam: g for g in gemeenten
        if g.is_actief_op(peildatum) or overgangen.telt_mee(g, jaar)
    }
    if begrotingsjaar is not None:
        for vaste_bijdrage in begrotingsjaar.vaste_bijdragen.all():
            organisaties.setdefault(vaste_bijdrage.organisatie.naam, vaste_bijdrage.organisatie)
    for projectbudget in projectbudgetten:
        for deelname in projectbudget.coalitie.deelnames.all():
            organisaties.setdefault(deelname.organisatie.naam, deelname.organisatie)
    # The months each organisation pays by its recorded joins and leaves (only those with fewer than 12).
    maanden = {naam: overgangen.organisatie(o, jaar) for naam, o in organisaties.items()}
    deelnames: dict[tuple[str, str], Deelname] = {}
    afwijkend: dict[tuple[str, str], verdeling.Deelname] = {}
    coalities = []
    for projectbudget in projectbudgetten:
        rijen = []
        for deelname in projectbudget.coalitie.deelnames.all():
            sleutel = (projectbudget.coalitie.naam, deelname.organisatie.naam)
            deelnames[sleutel] = deelname
            rij = overgangen.deelname(deelname, jaar, maanden[deelname.organisatie.naam][2])
            if rij.maanden is not None or rij.variant != deelname.variant:
                afwijkend[sleutel] = rij
            rijen.append(rij)
        coalities.append(_coalitie(projectbudget, rijen))

    scenario = verdeling.Scenario(
        jaar=jaar,
        organisaties=tuple(
            verdeling.Organisatie(naam=naam, inwoners=inwoners.op(o.pk, peildatum), soort=_soort(o))
            for naam, o in sorted(organisaties.items())
        ),
        component_1=_component(begrotingsjaar, 1, {n: m[0] for n, m in maanden.items() if m[0] < 12}),
        component_2=_component(begrotingsjaar, 2, {n: m[1] for n, m in maanden.items() if m[1] < 12}),
        coalities=tuple(coalities),
        drempel=begrotingsjaar.drempel_projectfinanciering_pct if begrotingsjaar else verdeling.STANDAARD_DREMPEL,
    )
    return JaarVerdeling(
        jaar=jaar,
        scenario=scenario,
        begrotingsjaar=begrotingsjaar,
        projectbudgetten=tuple(projectbudgetten),
        deelnames=deelnames,
        organisatie_pks={naam: o.pk for naam, o in organisaties.items()},
        coalitie_pks={p.coalitie.naam: p.coalitie.pk for p in projectbudgetten},
        inwoners_peildata={
            naam: inwoners.peildatum_op(o.pk, peildatum)
            for naam, o in organisaties.items() if o.soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE
        },
        overgangen=overgangen.alle,
        afwijkend=afwijkend,
    )


# --- Overviews ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoalitieBijdrage:
    coalitie: str
    coalitie_pk: int
    variant: str
    variant_label: str
    bedrag: Decimal
    maanden: int | None = None  # joined or left during the year: the months it pays


@dataclass(frozen=True)
class OrganisatieJaar:
    """What one organisation pays in one year, with the coalitions behind component 3."""

    jaar: int
    bijdrage: verdeling.Bijdrage | None
    coalities: list[CoalitieBijdrage]
    vastgesteld: bool
    fout: str | None
    uitleg: verdeling.OrganisatieUitleg | None = None
    peildatum_inwoners: datetime.date | None = None  # the date of the figure used for this organisation
    peildatum_jaar: datetime.date | None = None  # the year's peildatum: figures on or before it count
    _uitlegblokken: dict[str, list] = field(default_factory=dict, init=False, compare=False, repr=False)

    # Made once: an OrganisatieJaar is kept per year, organisation and language (see `organisatie_jaar`).

    @cached_property
    def per_coalitie(self) -> dict[int, CoalitieBijdrage]:
        return {c.coalitie_pk: c for c in self.coalities}

    @cached_property
    def bijdrage_per_variant(self) -> dict[str, Decimal]:
        """Component 3 by the variant each coalition is counted with."""
        som: dict[str, Decimal] = {}
        for c in self.coalities:
            som[c.variant] = som.get(c.variant, Decimal(0)) + c.bedrag
        return som

    def uitlegblokken(self) -> list:
        """Hoe is dit berekend? the contribution part by part (uitleg.Blok), for a year that has one; in the
        active language, which may differ from the one this year was made in (a PDF is always Dutch)."""
        from . import uitleg

        if not (self.vastgesteld or self.bijdrage.totaal):
            return []
        taal = translation.get_language() or ""
        blokken = self._uitlegblokken.get(taal)
        if blokken is None:
            blokken = self._uitlegblokken[taal] = uitleg.organisatie_blokken(
                self, {c.coalitie: c.variant_label for c in self.coalities}
            )
        return blokken


def organisatie_overzicht(organisatie: Organisatie, jaren: list[int]) -> list[OrganisatieJaar]:
    """The multi-year overview of one gemeente or partner."""
    per_jaar = verdelingen(jaren)
    return [organisatie_jaar(organisatie.naam, per_jaar[jaar]) for jaar in jaren]


@dataclass(frozen=True)
class OrganisatieRegel:
    """One row of the network's table of a year: an organisation and its contribution as the page writes it."""

    naam: str
    pk: int | None
    component_1: str
    component_2: str
    component_3: str
    totaal: str

    @cached_property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("financiering:organisatie", args=[self.pk]) if self.pk else ""


@dataclass(frozen=True)
class Projectregel:
    """One coalition with a project budget in a year, as the network page lists it."""

    naam: str
    pk: int
    budget: str
    profijt: str  # its label, in lower case

    @cached_property
    def url(self) -> str:  # made for the rows of the pages that are read, once
        from django.urls import reverse

        return reverse("financiering:coalitie", args=[self.pk])


@dataclass(frozen=True)
class NetwerkWeergave:
    """A year's contributions and project budgets as the network page writes them, in one language."""

    organisaties: list[OrganisatieRegel]
    projectbudgetten: list[Projectregel]


def netwerk_weergave(jaar_verdeling: JaarVerdeling) -> NetwerkWeergave:
    """The rows of the network page of a computed year; written once per year and language."""
    taal = translation.get_language() or ""
    weergave = jaar_verdeling._weergave.get(taal)
    if weergave is None:
        bijdragen = jaar_verdeling.resultaat.bijdragen if jaar_verdeling.resultaat is not None else {}
        profijt = dict(ProjectBudget._meta.get_field("profijt").flatchoices)
        weergave = jaar_verdeling._weergave[taal] = NetwerkWeergave(
            organisaties=[
                OrganisatieRegel(naam, jaar_verdeling.organisatie_pks.get(naam), euro(b.component_1),
                                 euro(b.component_2), euro(b.component_3), euro(b.totaal))
                for naam, b in bijdragen.items()
            ],
            projectbudgetten=[
                Projectregel(p.coalitie.naam, p.coalitie.pk, euro(p.budget), str(profijt.get(p.profijt, p.profijt)).lower())
                for p in jaar_verdeling.projectbudgetten
            ],
        )
    return weergave


@dataclass(frozen=True)
class CoalitieMeerjarig:
    """One coalition behind an organisation's component 3 over the years of its overview."""

    naam: str
    pk: int
    variant: str  # the label of the first year it appears in
    bedragen: tuple[Decimal | None, ...]  # per year; None: no contribution that year
    teksten: tuple[str, ...]  # the amounts as the page writes them ("—" for none)


@dataclass(frozen=True)
class OrganisatieMeerjarig:
    """What an organisation's page shows of its years: the contribution, the coalitions, the explanations."""

    overzicht: list[OrganisatieJaar]
    coalities: list[CoalitieMeerjarig]  # by name
    toelichtingen: list[dict]  # per year: jaar, blokken, inwoners, verschil
    overgangen: tuple[Overgang, ...]  # every recorded join and leave, read with the first year


# An organisation's overview by database, input stamp, organisation, years and language: merging a few
# thousand coalitions over five years and writing out the explanations cost more than the rest of the page.
bewaarde_organisaties: bewaren.Bewaarplaats[OrganisatieMeerjarig] = bewaren.Bewaarplaats(
    maximum=128, alleen_nieuwste_stempel=True
)


def organisatie_meerjarig(organisatie: Organisatie, jaren: list[int]) -> OrganisatieMeerjarig:
    """The organisation's page over ``jaren``: one query when its overview was made before with the same
    inputs, else as many as ``verdelingen``. Shared between requests: read it, never change it."""
    stempel = invoerstempel()
    return bewaren.bewaard(
        bewaarde_organisaties, BRONNEN, (organisatie.pk, tuple(jaren)),
        lambda: _organisatie_meerjarig(organisatie, jaren, stempel), stempel=stempel,
    )


def _organisatie_meerjarig(organisatie: Organisatie, jaren: list[int], stempel: str | None) -> OrganisatieMeerjarig:
    from . import uitleg

    per_jaar = verdelingen(jaren, stempel=stempel)
    overzicht = [organisatie_jaar(organisatie.naam, per_jaar[jaar]) for jaar in jaren]
    coalities: dict[int, tuple[str, str, list[Decimal | None]]] = {}
    for index, jaar in enumerate(overzicht):
        for c in jaar.coalities:
            regel = coalities.get(c.coalitie_pk)
            if regel is None:
                regel = coalities[c.coalitie_pk] = (c.coalitie, c.variant_label, [None] * len(jaren))
            regel[2][index] = c.bedrag
    toelichtingen = []
    for index, jaar in enumerate(overzicht):
        toelichtingen.append({
            "jaar": jaar,
            "blokken": jaar.uitlegblokken(),
            "inwoners": uitleg.inwoners_tekst(jaar.uitleg.inwoners, jaar.peildatum_inwoners) if jaar.uitleg else "",
            "verschil": uitleg.verschil_tekst(overzicht[index - 1], jaar)
            if index and jaar.vastgesteld and overzicht[index - 1].vastgesteld else None,
        })
    return OrganisatieMeerjarig(
        overzicht=overzicht,
        coalities=sorted(
            (
                CoalitieMeerjarig(naam=naam, pk=pk, variant=variant, bedragen=tuple(bedragen),
                                  teksten=tuple("—" if b is None else euro(b) for b in bedragen))
                for pk, (naam, variant, bedragen) in coalities.items()
            ),
            key=lambda c: c.naam,
        ),
        toelichtingen=toelichtingen,
        overgangen=per_jaar[jaren[0]].overgangen,
    )


def _variant_labels() -> dict[str, str]:
    """Deelname variants and their labels in the active language (get_variant_display per row is slow)."""
    return {waarde: str(label) for waarde, label in Deelname._meta.get_field("variant").flatchoices}


def _geteld(jaar_verdeling: JaarVerdeling, coalitie: str, deelname: Deelname, labels: dict[str, str]) -> tuple[str, str, int | None]:
    """The variant a deelname is counted with this year, its label and the months (a recorded join or leave)."""
    rij = jaar_verdeling.afwijkend.get((coalitie, deelname.organisatie.naam))
    if rij is None:
        return deelname.variant, labels.get(deelname.variant, deelname.variant), None
    label = labels.get(rij.variant, rij.variant)
    if rij.maanden is not None:
        label = _("%(variant)s, %(maanden)s van 12 maanden") % {"variant": label, "maanden": rij.maanden}
    return rij.variant, label, rij.maanden


def organisatie_jaar(naam: str, jaar_verdeling: JaarVerdeling) -> OrganisatieJaar:
    """What one organisation pays in a computed year; made once per year, organisation and language."""
    sleutel = (naam, translation.get_language() or "")
    bewaard_jaar = jaar_verdeling._per_organisatie.get(sleutel)
    if bewaard_jaar is None:
        bewaard_jaar = jaar_verdeling._per_organisatie[sleutel] = _organisatie_jaar(naam, jaar_verdeling)
    return bewaard_jaar


def _organisatie_jaar(naam: str, jaar_verdeling: JaarVerdeling) -> OrganisatieJaar:
    bijdrage = None
    coalities = []
    if jaar_verdeling.resultaat is not None:
        bijdrage = jaar_verdeling.resultaat.bijdragen.get(naam)
        labels = _variant_labels()
        for projectbudget in jaar_verdeling.projectbudgetten:
            deelname = jaar_verdeling.deelnames.get((projectbudget.coalitie.naam, naam))
            if deelname is None:
                continue
            variant, label, maanden = _geteld(jaar_verdeling, projectbudget.coalitie.naam, deelname, labels)
            coalities.append(CoalitieBijdrage(
                coalitie=projectbudget.coalitie.naam,
                coalitie_pk=projectbudget.coalitie.pk,
                variant=variant,
                variant_label=label,
                bedrag=bijdrage.per_coalitie.get(projectbudget.coalitie.naam, verdeling.NUL) if bijdrage else verdeling.NUL,
                maanden=maanden,
            ))
    uitleg = None
    if jaar_verdeling.toelichting is not None and bijdrage is not None:
        uitleg = jaar_verdeling.toelichting.voor(naam)
    return OrganisatieJaar(
        jaar=jaar_verdeling.jaar,
        bijdrage=bijdrage or verdeling.Bijdrage(verdeling.NUL, verdeling.NUL, {}),
        coalities=coalities,
        vastgesteld=jaar_verdeling.vastgesteld,
        fout=jaar_verdeling.fout,
        uitleg=uitleg,
        peildatum_inwoners=jaar_verdeling.inwoners_peildata.get(naam),
        peildatum_jaar=jaar_verdeling.begrotingsjaar.peildatum_inwoners if jaar_verdeling.begrotingsjaar else None,
    )


@dataclass(frozen=True)
class Betaler:
    organisatie: str
    variant: str
    variant_label: str
    bedrag: Decimal
    uitleg: verdeling.CoalitieUitleg | None = None
    inwoners: int | None = None
    peildatum_inwoners: datetime.date | None = None


@dataclass(frozen=True)
class CoalitieJaar:
    jaar: int
    projectbudget: ProjectBudget
    betalers: list[Betaler]
    fout: str | None


# A coalition's page by database, input stamp, coalition and language: its years with who pays what and the
# explanation per payer, written out once.
bewaarde_coalities: bewaren.Bewaarplaats[list] = bewaren.Bewaarplaats(maximum=128, alleen_nieuwste_stempel=True)


def coalitie_meerjarig(coalitie) -> list[tuple[CoalitieJaar, list[dict]]]:
    """Per year with a project budget: the year as `coalitie_overzicht` gives it and the explanation per payer
    (betaler, blok, inwoners). One query when made before with the same inputs. Shared: never change it."""
    stempel = invoerstempel()
    return bewaren.bewaard(
        bewaarde_coalities, BRONNEN, (coalitie.pk,), lambda: _coalitie_meerjarig(coalitie, stempel), stempel=stempel
    )


def _coalitie_meerjarig(coalitie, stempel: str | None) -> list[tuple[CoalitieJaar, list[dict]]]:
    from . import uitleg

    overzicht = coalitie_overzicht(coalitie, stempel=stempel)
    return [
        (j, [
            {"betaler": b, "blok": uitleg.coalitie_blok(b.uitleg, b.variant_label, b.organisatie),
             "inwoners": uitleg.inwoners_tekst(b.inwoners, b.peildatum_inwoners)}
            for b in j.betalers if b.uitleg is not None
        ])
        for j in overzicht
    ]


def coalitie_overzicht(coalitie, *, stempel: str | None = bewaren.ONGELEZEN) -> list[CoalitieJaar]:
    """Per year with a project budget: the budget and who pays what, by variant."""
    jaren = list(ProjectBudget.objects.filter(coalitie=coalitie).order_by("jaar").values_list("jaar", flat=True))
    per_jaar = verdelingen(jaren, stempel=stempel)
    overzicht = []
    for jaar in jaren:
        jaar_verdeling = per_jaar[jaar]
        projectbudget = next(p for p in jaar_verdeling.projectbudgetten if p.coalitie_id == coalitie.pk)
        betalers = []
        toelichting = jaar_verdeling.toelichting
        berekening = toelichting.coalities.get(coalitie.naam) if toelichting else None
        labels = _variant_labels()
        for deelname in projectbudget.coalitie.deelnames.all():
            naam = deelname.organisatie.naam
            bedrag = verdeling.NUL
            if jaar_verdeling.resultaat is not None:
                bedrag = jaar_verdeling.resultaat.bijdragen[naam].per_coalitie[coalitie.naam]
            variant, label, _maanden = _geteld(jaar_verdeling, coalitie.naam, deelname, labels)
            betalers.append(Betaler(
                naam, variant, label, bedrag,
                uitleg=berekening.uitleg(naam) if berekening else None,
                inwoners=toelichting.organisaties[naam].inwoners if toelichting else None,
                peildatum_inwoners=jaar_verdeling.inwoners_peildata.get(naam),
            ))
        overzicht.append(CoalitieJaar(jaar, projectbudget, betalers, jaar_verdeling.fout))
    return overzicht


@dataclass(frozen=True)
class Wijziging:
    wanneer: datetime.datetime
    wie: str
    wat: str
    soort: str  # +, ~ or - as simple-history records it


def wijzigingen(jaar: int, limiet: int = 10) -> list[Wijziging]:
    """The latest changes to a year's budgets, keys, fixed amounts and project budgets: who and when (3 queries)."""
    regels = []
    for historie in Begrotingsjaar.history.filter(jaar=jaar).select_related("history_user").order_by("-history_date")[:limiet]:
        regels.append((historie, _("begroting %(jaar)s: netwerk (component 1) %(c1)s (%(s1)s), projectbasis (component 2) %(c2)s (%(s2)s)") % {
            "jaar": jaar, "c1": euro(historie.component_1_budget), "s1": Sleutel(historie.component_1_sleutel).label,
            "c2": euro(historie.component_2_budget), "s2": Sleutel(historie.component_2_sleutel).label,
        }))
    for historie in (VasteBijdrage.history.filter(begrotingsjaar__jaar=jaar).select_related("history_user", "organisatie")
                     .order_by("-history_date")[:limiet]):
        regels.append((historie, _("vaste bijdrage %(naam)s: %(bedrag)s") % {
            "naam": historie.organisatie.naam, "bedrag": euro(historie.bedrag)}))
    for historie in (ProjectBudget.history.filter(jaar=jaar).select_related("history_user", "coalitie")
                     .order_by("-history_date")[:limiet]):
        regels.append((historie, _("projectbudget %(naam)s: %(bedrag)s") % {
            "naam": historie.coalitie.naam, "bedrag": euro(historie.budget)}))
    for vaststelling in Vaststelling.objects.filter(jaar=jaar).select_related("door").order_by("-op")[:limiet]:
        vaststelling.history_date, vaststelling.history_user, vaststelling.history_type = vaststelling.op, vaststelling.door, "~"
        regels.append((vaststelling, _("begroting %(jaar)s vastgesteld bij %(besluit)s van %(datum)s") % {
            "jaar": jaar, "besluit": vaststelling.besluit, "datum": date_format(vaststelling.besluitdatum)}))
    regels.sort(key=lambda r: r[0].history_date, reverse=True)
    return [
        Wijziging(h.history_date, str(h.history_user) if h.history_user else _("systeem"), wat, h.history_type)
        for h, wat in regels[:limiet]
    ]


# --- Scenarios and adoptions ----------------------------------------------------------------------


def momentopname(jaar_verdeling: JaarVerdeling) -> dict:
    """A year's adopted components, project budgets and amounts as JSON, kept with an adoption."""
    scenario = jaar_verdeling.scenario

    def component(c: verdeling.Component) -> dict:
        return {"budget": str(c.budget), "sleutel": c.sleutel,
                "vaste_voet_pct": None if c.vaste_voet_pct is None else str(c.vaste_voet_pct)}

    bijdragen = {}
    if jaar_verdeling.resultaat is not None:
        bijdragen = {
            naam: {"component_1": str(b.component_1), "component_2": str(b.component_2),
                   "component_3": str(b.component_3), "totaal": str(b.totaal)}
            for naam, b in jaar_verdeling.resultaat.bijdragen.items()
        }
    return {
        "vastgesteld": jaar_verdeling.vastgesteld,
        "component_1": component(scenario.component_1),
        "component_2": component(scenario.component_2),
        "projectbudgetten": {c.naam: str(c.budget) for c in scenario.coalities},
        "bijdragen": bijdragen,
    }


def opgeslagen_scenarios(jaar: int) -> list[OpgeslagenScenario]:
    """The saved scenarios of a year with who made them (1 query)."""
    return list(OpgeslagenScenario.objects.filter(jaar=jaar).select_related("gemaakt_door"))


def vaststellingen(jaar: int) -> list[Vaststelling]:
    """The adoptions of a year from a scenario, newest first (1 query)."""
    return list(Vaststelling.objects.filter(jaar=jaar).select_related("door"))


@dataclass(frozen=True)
class VaststellingRegel:
    organisatie: str
    vorige: Decimal | None
    nieuw: Decimal | None

    @property
    def verschil(self) -> Decimal:
        return (self.nieuw or verdeling.NUL) - (self.vorige or verdeling.NUL)


def vaststelling_componenten(vaststelling: Vaststelling) -> list[tuple[str, list[dict | None]]]:
    """Components 1 and 2 and each project budget, before and after an adoption, ready to show."""
    def component(versie: dict, nummer: int) -> dict | None:
        c = versie.get(f"component_{nummer}")
        if not c or not versie.get("vastgesteld", True):
            return None
        pct = c.get("vaste_voet_pct")
        return {"budget": Decimal(c["budget"]), "sleutel": Sleutel(c["sleutel"]).label,
                "vaste_voet_pct": None if pct is None else verdeling.getal_nl(Decimal(pct))}

    versies = (vaststelling.vorige, vaststelling.nieuw)
    regels = [(str(COMPONENT_NAMEN[n]), [component(v, n) for v in versies]) for n in (1, 2)]
    coalities = sorted(set(vaststelling.vorige.get("projectbudgetten", {})) | set(vaststelling.nieuw.get("projectbudgetten", {})))
    for naam in coalities:
        regels.append((_("projectbudget %(naam)s") % {"naam": naam}, [
            {"budget": Decimal(b), "sleutel": _("naar deelname en profijt"), "vaste_voet_pct": None}
            if (b := v.get("projectbudgetten", {}).get(naam)) is not None else None for v in versies
        ]))
    return regels


def vaststelling_regels(vaststelling: Vaststelling) -> list[VaststellingRegel]:
    """Per organisation the total before and after an adoption, from what the adoption kept."""
    vorige, nieuw = vaststelling.vorige.get("bijdragen", {}), vaststelling.nieuw.get("bijdragen", {})

    def totaal(regel: dict | None) -> Decimal | None:
        return Decimal(regel["totaal"]) if regel else None

    return [VaststellingRegel(naam, totaal(vorige.get(naam)), totaal(nieuw.get(naam)))
            for naam in sorted(set(vorige) | set(nieuw))]


@dataclass(frozen=True)
class VergelijkingRegel:
    """One organisation (or the total when `organisatie` is None): adopted and each scenario's amounts."""

    organisatie: str | None
    vastgesteld: verdeling.Bijdrage
    scenarios: tuple[tuple[verdeling.Bijdrage, Decimal], ...]  # (contribution, difference in total)


def scenario_vergelijking(vastgesteld: verdeling.Resultaat, scenarios: list[verdeling.Resultaat]) -> dict:
    """Per organisation the adopted contribution and each scenario's, with the difference; and the totals."""
    leeg = verdeling.Bijdrage(verdeling.NUL, verdeling.NUL, {})

    def regel(naam: str | None, a: verdeling.Bijdrage, bs: list[verdeling.Bijdrage]) -> VergelijkingRegel:
        return VergelijkingRegel(naam, a, tuple((b, b.totaal - a.totaal) for b in bs))

    def som(resultaat: verdeling.Resultaat) -> verdeling.Bijdrage:
        t = resultaat.totalen
        return verdeling.Bijdrage(t["component_1"], t["component_2"], {"": t["component_3"]})

    namen = sorted(set(vastgesteld.bijdragen).union(*(s.bijdragen for s in scenarios)))
    return {
        "regels": [regel(naam, vastgesteld.bijdragen.get(naam, leeg), [s.bijdragen.get(naam, leeg) for s in scenarios])
                   for naam in namen],
        "totaal": regel(None, som(vastgesteld), [som(s) for s in scenarios]),
    }


# --- Commitments next to contributions -----------------------------------------------------------------


@dataclass(frozen=True)
class InzetRegel:
    """One party of a coalition in one year: what component 3 charges it, next to what it committed."""

    organisatie: str
    variant: str
    variant_label: str
    bijdrage: Decimal  # component 3, the party's share of the project budget
    geld: Decimal  # money committed for the year
    uren: Decimal  # hours per year committed for the year
    fte: Decimal
    kennis: int  # knowledge commitments running in the year


def inzet_en_bijdrage(coalitie, deelnames: list[Deelname], jaar: int) -> tuple[list[InzetRegel], bool]:
    """Per party: component 3 in `jaar` and its commitments running in that year; and whether the
    coalition has a project budget that year. `deelnames` come with their `toezeggingen` prefetched,
    as the coalition page has them; the allocation costs the fixed queries of `verdelingen`."""
    from coalities.models import Toezegging

    jaar_verdeling = verdeling_voor_jaar(jaar)
    heeft_budget = any(c.naam == coalitie.naam for c in jaar_verdeling.scenario.coalities)
    bijdragen = jaar_verdeling.resultaat.bijdragen if jaar_verdeling.resultaat else {}
    regels = []
    for deelname in deelnames:
        lopend = [t for t in deelname.toezeggingen.all() if t.jaar_van <= jaar <= t.jaar_tot]

        def som(soort: str, eenheid: str, lopend=lopend) -> Decimal:
            return sum((t.hoeveelheid or verdeling.NUL for t in lopend if t.soort == soort and t.eenheid == eenheid),
                       verdeling.NUL)

        bijdrage = bijdragen.get(deelname.organisatie.naam)
        regels.append(InzetRegel(
            organisatie=deelname.organisatie.naam,
            variant=deelname.variant,
            variant_label=deelname.get_variant_display(),
            bijdrage=bijdrage.per_coalitie.get(coalitie.naam, verdeling.NUL) if bijdrage else verdeling.NUL,
            geld=som(Toezegging.Soort.GELD, Toezegging.Eenheid.EURO),
            uren=som(Toezegging.Soort.MENSKRACHT, Toezegging.Eenheid.UREN),
            fte=som(Toezegging.Soort.MENSKRACHT, Toezegging.Eenheid.FTE),
            kennis=sum(1 for t in lopend if t.soort == Toezegging.Soort.KENNIS),
        ))
    return regels, heeft_budget


@dataclass(frozen=True)
class VariantGevolg:
    """What changing one party's variant does to component 3 of its coalition in one year.

    ``regels`` holds (organisatie, now, after the change, difference) for the party itself and every
    other party whose share changes; ``fout`` says why the year cannot be computed (now or after the change).
    """

    jaar: int
    heeft_budget: bool
    regels: list[tuple[str, Decimal, Decimal, Decimal]] = field(default_factory=list)
    fout: str = ""


def variantwijziging_gevolg(
    deelname: Deelname, variant: str, solidariteitsbijdrage: Decimal | None, jaar: int
) -> VariantGevolg:
    """Component 3 of the deelname's coalition in `jaar`, now and with `variant` instead, by the engine.

    Costs the queries of `verdeling_voor_jaar` (one when the year was computed before); the what-if
    computes only this coalition again, since each coalition's project budget is split on its own.
    """
    jaar_verdeling = verdeling_voor_jaar(jaar)
    projectbudget = next((p for p in jaar_verdeling.projectbudgetten if p.coalitie_id == deelname.coalitie_id), None)
    if projectbudget is None:
        return VariantGevolg(jaar=jaar, heeft_budget=False)
    if jaar_verdeling.resultaat is None:
        return VariantGevolg(jaar=jaar, heeft_budget=True, fout=str(jaar_verdeling.fout or ""))
    # The engine's own rows of this coalition (recorded joins and leaves included); frozen, so replaced.
    rijen = list(next(c.deelnames for c in jaar_verdeling.scenario.coalities if c.naam == projectbudget.coalitie.naam))
    eigen = next((d for d in rijen if d.organisatie == deelname.organisatie.naam), None)
    if eigen is None:
        return VariantGevolg(jaar=jaar, heeft_budget=True)
    gewijzigd = _als_verdeling(eigen.organisatie, variant, solidariteitsbijdrage, None, None, maanden=eigen.maanden)
    rijen = [gewijzigd if d is eigen else d for d in rijen]
    scenario = dataclasses.replace(jaar_verdeling.scenario, coalities=(_coalitie(projectbudget, rijen),))
    try:
        straks = verdeling.bereken(scenario)
    except verdeling.VerdelingFout as fout:
        return VariantGevolg(jaar=jaar, heeft_budget=True, fout=fout.message)
    naam = projectbudget.coalitie.naam

    def aandeel(resultaat: verdeling.Resultaat, organisatie: str) -> Decimal:
        bijdrage = resultaat.bijdragen.get(organisatie)
        return bijdrage.per_coalitie.get(naam, verdeling.NUL) if bijdrage else verdeling.NUL

    regels = []
    for d in sorted(rijen, key=lambda d: (d is not gewijzigd, d.organisatie)):
        nu, daarna = aandeel(jaar_verdeling.resultaat, d.organisatie), aandeel(straks, d.organisatie)
        if d is gewijzigd or nu != daarna:
            regels.append((d.organisatie, nu, daarna, daarna - nu))
    return VariantGevolg(jaar=jaar, heeft_budget=True, regels=regels)


@dataclass(frozen=True)
class Overgangsdoel:
    """What an organisation leaves or joins: the cooperation, a table (membership) or a coalition (deelname).

    For a join the membership or deelname may not exist yet: then `tafel` or `coalitie` names what is
    joined, and `variant` (with `solidariteitsbijdrage`) the coalition's variant it joins with.
    """

    niveau: str
    organisatie: Organisatie
    lidmaatschap: Lidmaatschap | None = None
    deelname: Deelname | None = None
    richting: str = Overgangsregel.Richting.UITTREDING
    tafel: BestuurlijkeTafel | None = None
    coalitie: Coalitie | None = None
    variant: str = ""
    solidariteitsbijdrage: Decimal | None = None

    def __post_init__(self) -> None:
        if self.tafel is None and self.lidmaatschap is not None:
            object.__setattr__(self, "tafel", self.lidmaatschap.tafel)
        if self.coalitie is None and self.deelname is not None:
            object.__setattr__(self, "coalitie", self.deelname.coalitie)

    @property
    def is_toetreding(self) -> bool:
        return self.richting == Overgangsregel.Richting.TOETREDING

    @property
    def componenten(self) -> tuple[int, ...]:
        """The components this join or leave changes (see `overgang_bedragen`)."""
        if self.niveau == Overgangsregel.Niveau.TAFEL:
            return (2,)
        if self.niveau == Overgangsregel.Niveau.COALITIE:
            return (3,)
        return overgang.COMPONENTEN

    @property
    def omschrijving(self) -> str:
        if self.tafel is not None:
            return _("de tafel %(naam)s") % {"naam": self.tafel.naam}
        if self.coalitie is not None:
            return _("de coalitie %(naam)s") % {"naam": self.coalitie.naam}
        return _("de samenwerking Drechtsteden")

    @cached_property
    def verandert_financiering(self) -> bool:
        """Whether this join or leave changes what the organisation pays.

        A Drechtstedengemeente pays components 1 and 2 by the key, at a table or not; a partner pays its
        fixed contribution once, so joining or leaving one table while it sits at another changes nothing.
        Reads the memberships (1 query, once) for a partner at a table.
        """
        if self.niveau != Overgangsregel.Niveau.TAFEL:
            return True
        if self.organisatie.is_drechtstedengemeente:
            return False
        andere = Lidmaatschap.objects.filter(organisatie=self.organisatie, status__in=Lidmaatschap.AAN_TAFEL)
        if self.tafel is not None:
            andere = andere.exclude(tafel=self.tafel)
        return not andere.exists()


def overgangsregel(niveau: str, richting: str = Overgangsregel.Richting.UITTREDING) -> Overgangsregel:
    """The recorded rule of a level and direction; the documented default (unsaved) if none is stored.

    The data migration stores one of each; a database emptied by a test flush has none, and the service
    then stores the default it applied.
    """
    regel = Overgangsregel.objects.filter(niveau=niveau, richting=richting).first()
    if regel is None:
        regel = Overgangsregel(
            niveau=niveau, richting=richting, toelichting=overgang.STANDAARD_TOELICHTING,
            **overgang.STANDAARDREGELS[(niveau, richting)],
        )
    return regel


def regel_voor_berekening(regel: Overgangsregel) -> overgang.Regel:
    return overgang.Regel(
        richting=regel.richting,
        opzegtermijn_maanden=regel.opzegtermijn_maanden,
        terugwerkend_dagen=regel.terugwerkend_dagen,
        financiering_per=regel.financiering_per,
        verschuldigd=regel.verschuldigd,
        component_2_loopt_door=regel.component_2_loopt_door,
    )


def _heel_jaar_aandeel(jaar_verdeling: JaarVerdeling, doel: Overgangsdoel) -> Decimal | None:
    """The organisation's share of the coalition's project budget for the whole year, in the variant it
    leaves (or joins with): the coalition alone computed again, so joins and leaves of the year do not
    change it. None: no project budget that year."""
    coalitie = next((c for c in jaar_verdeling.scenario.coalities if c.naam == doel.coalitie.naam), None)
    if coalitie is None:
        return None
    naam = doel.organisatie.naam
    if doel.is_toetreding:
        variant = doel.variant
        nieuw = verdeling.Deelname(naam, variant, bedrag=doel.solidariteitsbijdrage
                                   if variant == verdeling.VARIANT_SOLIDARITEIT else None)
    else:
        huidig = next((d for d in coalitie.deelnames if d.organisatie == naam), None)
        if huidig is None or huidig.variant == verdeling.VARIANT_GEEN:
            return verdeling.NUL
        variant, nieuw = huidig.variant, dataclasses.replace(huidig, maanden=None)
    # Everyone for the whole year: the engine takes a party's months of exactly this amount.
    deelnames = tuple(
        dataclasses.replace(d, maanden=None) for d in coalitie.deelnames if d.organisatie != naam
    ) + (nieuw,)
    profijt = coalitie.profijt
    if isinstance(profijt, Mapping) and variant == verdeling.VARIANT_VOLLEDIG and naam not in profijt:
        projectbudget = next(p for p in jaar_verdeling.projectbudgetten if p.coalitie.naam == coalitie.naam)
        gewicht = next((g.gewicht for g in projectbudget.gewichten.all() if g.organisatie.naam == naam), None)
        if gewicht is None:
            raise overgang.OvergangFout(_(
                "%(coalitie)s verdeelt %(jaar)s naar eigen gewichten; leg eerst het profijtgewicht van %(organisatie)s "
                "vast in de begroting.") % {"coalitie": coalitie.naam, "jaar": jaar_verdeling.jaar, "organisatie": naam})
        profijt = {**profijt, naam: gewicht}
    namen = {d.organisatie for d in deelnames}
    organisaties = [o for o in jaar_verdeling.scenario.organisaties if o.naam in namen]
    if naam not in {o.naam for o in organisaties}:
        peildatum = (jaar_verdeling.begrotingsjaar.peildatum_inwoners if jaar_verdeling.begrotingsjaar
                     else Begrotingsjaar.standaard_peildatum(jaar_verdeling.jaar))
        inwonertal = doel.organisatie.inwoners_op(peildatum)
        organisaties.append(verdeling.Organisatie(
            naam, inwonertal.aantal if inwonertal else None, _soort(doel.organisatie)))
    alleen = verdeling.Scenario(
        jaar=jaar_verdeling.jaar, organisaties=tuple(organisaties),
        component_1=verdeling.Component(verdeling.NUL), component_2=verdeling.Component(verdeling.NUL),
        coalities=(dataclasses.replace(coalitie, deelnames=deelnames, profijt=profijt),),
    )
    try:
        return verdeling.bereken(alleen).bijdragen[naam].per_coalitie[coalitie.naam]
    except verdeling.VerdelingFout as fout:
        raise overgang.OvergangFout(_("%(jaar)s: %(fout)s") % {"jaar": jaar_verdeling.jaar, "fout": fout.message}) from fout


def _heel_jaar_samenwerking(jaar_verdeling: JaarVerdeling, doel: Overgangsdoel) -> overgang.Bedragen:
    """The organisation's contribution for the whole year as a member of the cooperation, per component and
    per coalition: the year computed again with nobody's months, so what others who join or leave that year
    do not pay (and the organisation now carries part of) is not counted as its own share; an entrant is
    counted as a member for the whole year. Only the coalitions it pays in are computed."""
    scenario = jaar_verdeling.scenario
    naam = doel.organisatie.naam
    organisaties = list(scenario.organisaties)
    if naam not in {o.naam for o in organisaties}:
        if not doel.is_toetreding:
            return overgang.Bedragen()  # not in the allocation of this year: it pays nothing to leave
        peildatum = (jaar_verdeling.begrotingsjaar.peildatum_inwoners if jaar_verdeling.begrotingsjaar
                     else Begrotingsjaar.standaard_peildatum(jaar_verdeling.jaar))
        inwonertal = doel.organisatie.inwoners_op(peildatum)
        organisaties.append(verdeling.Organisatie(naam, inwonertal.aantal if inwonertal else None, _soort(doel.organisatie)))
    coalities = tuple(
        dataclasses.replace(c, deelnames=tuple(dataclasses.replace(d, maanden=None) for d in c.deelnames))
        for c in scenario.coalities
        if any(d.organisatie == naam and d.variant != verdeling.VARIANT_GEEN for d in c.deelnames)
    )
    heel = dataclasses.replace(
        scenario, organisaties=tuple(sorted(organisaties, key=lambda o: o.naam)), coalities=coalities,
        component_1=dataclasses.replace(scenario.component_1, maanden={}),
        component_2=dataclasses.replace(scenario.component_2, maanden={}),
    )
    try:
        bijdrage = verdeling.bereken(heel).bijdragen[naam]
    except verdeling.VerdelingFout as fout:
        raise overgang.OvergangFout(_("%(jaar)s: %(fout)s") % {"jaar": jaar_verdeling.jaar, "fout": fout.message}) from fout
    return overgang.Bedragen(bijdrage.component_1, bijdrage.component_2, bijdrage.component_3,
                             delen_3=tuple(bijdrage.per_coalitie.values()))


def overgang_bedragen(doel: Overgangsdoel, jaren: list[int]) -> dict[int, overgang.Bedragen | None]:
    """The adopted contribution of the whole year that changes with this leave or join, per year (None:
    nothing adopted that year); `overgang.bereken` takes the months of it that are owed.

    The cooperation: all three components, its own share of the whole year (`_heel_jaar_samenwerking`),
    component 3 per coalition. A table: component 2, the adopted fixed contribution of a
    partner (a Drechtstedengemeente pays by the key whether it sits at a table or not, and a partner at
    another table pays its fixed contribution there, so nothing changes). A coalition: its share of that
    coalition's project budget (component 3) for the whole year, in the variant it leaves or joins with.
    """
    bedragen: dict[int, overgang.Bedragen | None] = {}
    verandert = doel.verandert_financiering
    for jaar, jaar_verdeling in verdelingen(jaren).items():
        resultaat = jaar_verdeling.resultaat
        if doel.niveau == Overgangsregel.Niveau.COALITIE:
            aandeel = _heel_jaar_aandeel(jaar_verdeling, doel) if resultaat else None
            bedragen[jaar] = None if aandeel is None else overgang.Bedragen(component_3=aandeel)
        elif not jaar_verdeling.vastgesteld or resultaat is None:
            bedragen[jaar] = None
        elif doel.niveau == Overgangsregel.Niveau.TAFEL:
            vast = jaar_verdeling.scenario.component_2.vaste_bijdragen.get(doel.organisatie.naam, verdeling.NUL)
            bedragen[jaar] = overgang.Bedragen(component_2=vast if verandert else verdeling.NUL)
        else:
            bedragen[jaar] = _heel_jaar_samenwerking(jaar_verdeling, doel)
    return bedragen


def overgang_berekenen(
    doel: Overgangsdoel, meldingsdatum: datetime.date, *, vandaag: datetime.date | None = None,
) -> tuple[Overgangsregel, overgang.Uitkomst]:
    """The rule of the level and direction and what it means for this notice; raises `overgang.OvergangFout`
    for a date it refuses (or a join the allocation cannot compute)."""
    regel = overgangsregel(doel.niveau, doel.richting)
    berekening = regel_voor_berekening(regel)
    vandaag = vandaag or timezone.localdate()
    overgang.bereken(berekening, meldingsdatum, {}, vandaag=vandaag)  # refuses a date before reading figures
    jaren = overgang.jaren_nodig(berekening, meldingsdatum)
    uitkomst = overgang.bereken(berekening, meldingsdatum, overgang_bedragen(doel, jaren), vandaag=vandaag)
    return regel, uitkomst


def overgangen_van(
    overgangen: Iterable[Overgang], *, organisatie: Organisatie | None = None, tafel: BestuurlijkeTafel | None = None,
    coalitie: Coalitie | None = None,
) -> list[Overgang]:
    """The recorded joins and leaves of an organisation, a table or a coalition, newest first."""
    gekozen = [
        o for o in overgangen
        if (organisatie is None or o.organisatie_id == organisatie.pk)
        and (tafel is None or o.tafel_id == tafel.pk)
        and (coalitie is None or o.coalitie_id == coalitie.pk)
    ]
    return sorted(gekozen, key=lambda o: (o.vastgelegd_op, o.pk), reverse=True)


# What the block of joins and leaves shows of a recorded one (financiering/_overgangen.html).
_OVERGANG_GETOOND = (
    "niveau", "richting", "organisatie__naam", "tafel_id", "coalitie_id", "variant", "verandert_financiering", "reden",
    "meldingsdatum", "ingangsdatum", "financiering_per", "opzegtermijn_maanden", "verschuldigd",
    "component_2_loopt_door", "bedragen", "totaal", "vastgelegd_op",
    "vastgelegd_door__username", "vastgelegd_door__first_name", "vastgelegd_door__last_name",
)


# What the block of joins and leaves reads; kept until one of them changes.
OVERGANG_BRONNEN = (Overgang, Organisatie, Gebruiker, BestuurlijkeTafel, Coalitie)
bewaarde_overgangen: bewaren.Bewaarplaats[list[Overgang]] = bewaren.Bewaarplaats(
    maximum=128, alleen_nieuwste_stempel=True
)


def recente_overgangen(*, tafel: BestuurlijkeTafel | None = None, coalitie: Coalitie | None = None) -> list[Overgang]:
    """The recorded joins and leaves of one table or coalition, newest first (1 query, kept until one of its
    tables changes; shared: never change them): the columns the block shows, without joining the table or
    coalition filtered on (each row gets the one given)."""
    return bewaren.bewaard(
        bewaarde_overgangen, OVERGANG_BRONNEN,
        (tafel.pk if tafel is not None else None, coalitie.pk if coalitie is not None else None),
        lambda: _recente_overgangen(tafel, coalitie),
    )


def _recente_overgangen(tafel: BestuurlijkeTafel | None, coalitie: Coalitie | None) -> list[Overgang]:
    gegeven = {"tafel": tafel, "coalitie": coalitie}
    verwant = [naam for naam, gekozen in gegeven.items() if gekozen is None]
    rijen = Overgang.objects.select_related("organisatie", "vastgelegd_door", *verwant).only(
        *_OVERGANG_GETOOND, *(f"{naam}__naam" for naam in verwant)
    )
    if tafel is not None:
        rijen = rijen.filter(tafel_id=tafel.pk)
    if coalitie is not None:
        rijen = rijen.filter(coalitie_id=coalitie.pk)
    overgangen = list(rijen.order_by("-vastgelegd_op", "-id"))
    for overgang_rij in overgangen:
        for naam, gekozen in gegeven.items():
            if gekozen is not None:
                setattr(overgang_rij, naam, gekozen)
    return overgangen
