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
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coalities.models import Coalitie, Deelname
from drechtsteden import bewaren
from drechtsteden.bewaren import Bron
from drechtsteden.models import Inwonertal, Organisatie
from tafels.models import BestuurlijkeTafel, Lidmaatschap
from drechtsteden.opmaak import euro

from . import overgang, verdeling
from .models import (
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
    # (organisation, language) -> its OrganisatieJaar, made once per computed year (not copied by replace)
    _per_organisatie: dict[tuple[str, str], OrganisatieJaar] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

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


def verdeling_voor_jaar(jaar: int, *, stempel: str | None = None) -> JaarVerdeling:
    return verdelingen([jaar], stempel=stempel)[jaar]


# Every table the allocation reads; a saved, added or removed row changes `invoerstempel()`. Coalition
# names, which have no history, by a hash.
BRONNEN = (
    *(Bron(model) for model in (
        Begrotingsjaar, SleutelPercentage, VasteBijdrage, ProjectBudget, ProfijtGewicht, Deelname, Organisatie, Inwonertal,
    )),
    Bron(Coalitie, velden=("naam",)),
)


def invoerstempel() -> str:
    """Changes whenever an input of the allocation is added, removed or saved: one query."""
    return bewaren.invoerstempel(BRONNEN)


# The latest computed years of this process, by database, input stamp and year. A year at 2,000
# coalities holds tens of thousands of model instances: kept in memory, not in Redis.
bewaard: bewaren.Bewaarplaats[JaarVerdeling] = bewaren.Bewaarplaats(maximum=12)


def verdelingen(jaren: Iterable[int], *, stempel: str | None = None) -> dict[int, JaarVerdeling]:
    """The adopted allocation of each year: 1 query when every year was computed before with the same
    inputs, else 1 + 8 to compute the missing years with the engine, whatever the size of the network.
    A caller that just read `invoerstempel()` passes it as `stempel` and saves that query.

    The JaarVerdeling objects are shared between requests: read them, never change them.
    """
    jaren = sorted(set(jaren))
    if not jaren:
        return {}
    stempel = stempel or invoerstempel()
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
    """Each year computed from the database with the engine; 8 queries whatever the size."""
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

    resultaat = {}
    for jaar in jaren:
        begrotingsjaar = begrotingsjaren.get(jaar)
        basis = {j for j in begrotingsjaren if j > jaar}
        meerjarig = verdeling.meerjarige_basis_waarschuwing(jaar, basis)
        jaar_verdeling = _jaar_verdeling(
            jaar, begrotingsjaar, projectbudgetten[jaar], gemeenten, inwoners, peildata[jaar]
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


def _component(begrotingsjaar: Begrotingsjaar | None, nummer: int) -> verdeling.Component:
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
    )


def deelname_voor_verdeling(deelname: Deelname) -> verdeling.Deelname:
    """A coalition participation as the engine reads it; only the fields of its variant count."""
    variant = deelname.variant
    if variant == verdeling.VARIANT_VOLLEDIG and deelname.instapdatum is not None:
        # Joined later and converted on its entry date: in the entry year it still pays the fee and
        # shares pro rata, exactly as an instap party; from the next year on that equals volledig.
        variant = verdeling.VARIANT_INSTAP
    if variant == verdeling.VARIANT_SOLIDARITEIT:
        return verdeling.Deelname(deelname.organisatie.naam, variant, bedrag=deelname.solidariteitsbijdrage)
    if variant == verdeling.VARIANT_INSTAP:
        return verdeling.Deelname(
            deelname.organisatie.naam, variant, instapdatum=deelname.instapdatum, instapfee=deelname.instapfee
        )
    return verdeling.Deelname(deelname.organisatie.naam, variant)


def _coalitie(projectbudget: ProjectBudget, deelnames: list[Deelname]) -> verdeling.Coalitie:
    profijt: str | dict[str, Decimal] = projectbudget.profijt
    if profijt == ProjectBudget.Profijt.GEWICHTEN:
        delers = {d.organisatie_id for d in deelnames if d.variant in (verdeling.VARIANT_VOLLEDIG, verdeling.VARIANT_INSTAP)}
        profijt = {g.organisatie.naam: g.gewicht for g in projectbudget.gewichten.all() if g.organisatie_id in delers}
    return verdeling.Coalitie(
        naam=projectbudget.coalitie.naam,
        budget=projectbudget.budget,
        profijt=profijt,
        deelnames=tuple(deelname_voor_verdeling(d) for d in deelnames),
    )


def _jaar_verdeling(
    jaar: int,
    begrotingsjaar: Begrotingsjaar | None,
    projectbudgetten: list[ProjectBudget],
    gemeenten: list[Organisatie],
    inwoners: _Inwoners,
    peildatum: datetime.date,
) -> JaarVerdeling:
    organisaties: dict[str, Organisatie] = {
        g.naam: g for g in gemeenten if g.actief_van <= peildatum and (g.actief_tot is None or g.actief_tot >= peildatum)
    }
    if begrotingsjaar is not None:
        for vaste_bijdrage in begrotingsjaar.vaste_bijdragen.all():
            organisaties.setdefault(vaste_bijdrage.organisatie.naam, vaste_bijdrage.organisatie)
    deelnames: dict[tuple[str, str], Deelname] = {}
    coalities = []
    for projectbudget in projectbudgetten:
        rijen = list(projectbudget.coalitie.deelnames.all())
        for deelname in rijen:
            organisaties.setdefault(deelname.organisatie.naam, deelname.organisatie)
            deelnames[(projectbudget.coalitie.naam, deelname.organisatie.naam)] = deelname
        coalities.append(_coalitie(projectbudget, rijen))

    scenario = verdeling.Scenario(
        jaar=jaar,
        organisaties=tuple(
            verdeling.Organisatie(naam=naam, inwoners=inwoners.op(o.pk, peildatum), soort=_soort(o))
            for naam, o in sorted(organisaties.items())
        ),
        component_1=_component(begrotingsjaar, 1),
        component_2=_component(begrotingsjaar, 2),
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
    )


# --- Overviews ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoalitieBijdrage:
    coalitie: str
    coalitie_pk: int
    variant: str
    variant_label: str
    bedrag: Decimal


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


def organisatie_overzicht(organisatie: Organisatie, jaren: list[int]) -> list[OrganisatieJaar]:
    """The multi-year overview of one gemeente or partner."""
    per_jaar = verdelingen(jaren)
    return [organisatie_jaar(organisatie.naam, per_jaar[jaar]) for jaar in jaren]


def _variant_labels() -> dict[str, str]:
    """Deelname variants and their labels in the active language (get_variant_display per row is slow)."""
    return {waarde: str(label) for waarde, label in Deelname._meta.get_field("variant").flatchoices}


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
            coalities.append(CoalitieBijdrage(
                coalitie=projectbudget.coalitie.naam,
                coalitie_pk=projectbudget.coalitie.pk,
                variant=deelname.variant,
                variant_label=labels.get(deelname.variant, deelname.variant),
                bedrag=bijdrage.per_coalitie.get(projectbudget.coalitie.naam, verdeling.NUL) if bijdrage else verdeling.NUL,
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


def coalitie_overzicht(coalitie) -> list[CoalitieJaar]:
    """Per year with a project budget: the budget and who pays what, by variant."""
    jaren = list(ProjectBudget.objects.filter(coalitie=coalitie).order_by("jaar").values_list("jaar", flat=True))
    per_jaar = verdelingen(jaren)
    overzicht = []
    for jaar in jaren:
        jaar_verdeling = per_jaar[jaar]
        projectbudget = next(p for p in jaar_verdeling.projectbudgetten if p.coalitie_id == coalitie.pk)
        betalers = []
        toelichting = jaar_verdeling.toelichting
        berekening = toelichting.coalities.get(coalitie.naam) if toelichting else None
        for deelname in projectbudget.coalitie.deelnames.all():
            naam = deelname.organisatie.naam
            bedrag = verdeling.NUL
            if jaar_verdeling.resultaat is not None:
                bedrag = jaar_verdeling.resultaat.bijdragen[naam].per_coalitie[coalitie.naam]
            betalers.append(Betaler(
                naam, deelname.variant, deelname.get_variant_display(), bedrag,
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
        regels.append((historie, _("begroting %(jaar)s: component 1 %(c1)s (%(s1)s), component 2 %(c2)s (%(s2)s)") % {
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
class Overgangsdoel:
    """What an organisation leaves (or joins): the cooperation, a table membership or a coalition deelname."""

    niveau: str
    organisatie: Organisatie
    lidmaatschap: Lidmaatschap | None = None
    deelname: Deelname | None = None

    @property
    def tafel(self) -> BestuurlijkeTafel | None:
        return self.lidmaatschap.tafel if self.lidmaatschap else None

    @property
    def coalitie(self) -> Coalitie | None:
        return self.deelname.coalitie if self.deelname else None

    @property
    def componenten(self) -> tuple[int, ...]:
        """The components this leave changes (see `overgang_bedragen`)."""
        if self.lidmaatschap is not None:
            return (2,)
        if self.deelname is not None:
            return (3,)
        return overgang.COMPONENTEN

    @property
    def omschrijving(self) -> str:
        if self.lidmaatschap is not None:
            return _("de tafel %(naam)s") % {"naam": self.lidmaatschap.tafel.naam}
        if self.deelname is not None:
            return _("de coalitie %(naam)s") % {"naam": self.deelname.coalitie.naam}
        return _("de samenwerking Drechtsteden")


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


def overgang_bedragen(doel: Overgangsdoel, jaren: list[int]) -> dict[int, overgang.Bedragen | None]:
    """The adopted contribution per year that changes with this leave or join (None: nothing adopted that year).

    The cooperation: all three components. A table: component 2, the fixed contribution of a partner
    (a Drechtstedengemeente pays by the key whether it sits at a table or not, so nothing changes). A
    coalition: its share of that coalition's project budget (component 3).
    """
    bedragen: dict[int, overgang.Bedragen | None] = {}
    for jaar, jaar_verdeling in verdelingen(jaren).items():
        resultaat = jaar_verdeling.resultaat
        bijdrage = resultaat.bijdragen.get(doel.organisatie.naam) if resultaat else None
        if doel.deelname is not None:
            heeft_budget = any(p.coalitie_id == doel.deelname.coalitie_id for p in jaar_verdeling.projectbudgetten)
            bedragen[jaar] = overgang.Bedragen(
                component_3=bijdrage.per_coalitie.get(doel.deelname.coalitie.naam, verdeling.NUL) if bijdrage else verdeling.NUL
            ) if heeft_budget and resultaat else None
        elif not jaar_verdeling.vastgesteld or resultaat is None:
            bedragen[jaar] = None
        elif bijdrage is None:
            bedragen[jaar] = overgang.Bedragen()
        elif doel.lidmaatschap is not None:
            betaalt_vast = not doel.organisatie.is_drechtstedengemeente
            bedragen[jaar] = overgang.Bedragen(component_2=bijdrage.component_2 if betaalt_vast else verdeling.NUL)
        else:
            bedragen[jaar] = overgang.Bedragen(bijdrage.component_1, bijdrage.component_2, bijdrage.component_3)
    return bedragen


def overgang_berekenen(
    doel: Overgangsdoel, meldingsdatum: datetime.date, *, richting: str = Overgangsregel.Richting.UITTREDING,
    vandaag: datetime.date | None = None,
) -> tuple[Overgangsregel, overgang.Uitkomst]:
    """The rule of the level and what it means for this notice; raises `overgang.OvergangFout` for a date it refuses."""
    regel = overgangsregel(doel.niveau, richting)
    berekening = regel_voor_berekening(regel)
    jaren = overgang.jaren_nodig(berekening, meldingsdatum)
    uitkomst = overgang.bereken(
        berekening, meldingsdatum, overgang_bedragen(doel, jaren), vandaag=vandaag or timezone.localdate()
    )
    return regel, uitkomst
