"""Reads that bring several apps together, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import timezone

from coalities.models import Coalitie, Deelname, ResultaatEnLes, Toezegging, Voortgangsrapportage
from coalities.regels import KEUZE_VERPLICHT
from coalities.selectors import gemeenten_aan_tafel
from drechtsteden import bewaren
from drechtsteden.expressies import nieuwste_per
from drechtsteden.models import Organisatie, Thema
from drechtsteden.opmaak import euro
from drechtsteden.paginering import PerGroep
from financiering import selectors as financiering_selectors
from financiering import uitleg as financiering_uitleg
from tafels import selectors as tafel_selectors
from tafels.models import BestuurlijkeTafel, Lidmaatschap

# Results and lessons per coalition in the raadsinformatie: the newest few keep it short.
MAX_RESULTATEN_PER_COALITIE = 4


@dataclass
class CoalitieRegel:
    """One coalition the gemeente is part of (or chose not to be), with what it promised and delivered."""

    deelname: Deelname
    coalitie: Coalitie
    toezeggingen: list[Toezegging]
    voortgang: Voortgangsrapportage | None
    resultaten_en_lessen: list[ResultaatEnLes]
    bijdrage_dit_jaar: Decimal | None


@dataclass
class Variantgroep:
    code: str
    label: str
    regels: list[CoalitieRegel]


@dataclass
class Geldbestemming:
    """Where part of this year's contribution goes, and the gemeente's share of the network total."""

    omschrijving: str
    bedrag: Decimal
    netwerktotaal: Decimal | None

    @property
    def aandeel_pct(self) -> Decimal | None:
        if not self.netwerktotaal:
            return None
        return (self.bedrag / self.netwerktotaal * 100).quantize(Decimal("0.1"))


class _Geldzaken:
    """What the full raadsinformatie and its summary on screen both say about money (needs ``financiering``)."""

    @property
    def dit_jaar(self) -> financiering_selectors.OrganisatieJaar:
        return self.financiering[0]

    @property
    def uitleg(self) -> list[financiering_uitleg.Blok]:
        """Hoe is dit berekend? this year's contribution part by part, from the engine's own intermediate values."""
        return self.dit_jaar.uitlegblokken()

    @property
    def inwoners_tekst(self) -> str:
        jaar = self.dit_jaar
        return financiering_uitleg.inwoners_tekst(jaar.uitleg.inwoners, jaar.peildatum_inwoners) if jaar.uitleg else ""


@dataclass
class Raadsinformatie(_Geldzaken):
    organisatie: Organisatie
    jaar: int
    opgesteld_op: datetime.date
    aan_tafel: list[Lidmaatschap]
    afgemeld: list[Lidmaatschap]
    varianten: list[Variantgroep]
    nog_geen_keuze: list[Coalitie]
    financiering: list[financiering_selectors.OrganisatieJaar]
    netwerktotalen: dict[str, Decimal] | None
    waarschuwingen: list[str] = field(default_factory=list)
    besluiten: list = field(default_factory=list)  # decisions of its tables this year (tafels.Besluit)
    # Recorded joins and leaves of the gemeente itself, and of others in its coalitions (they change its share)
    overgangen: list = field(default_factory=list)

    @property
    def lege_varianten(self) -> list[Variantgroep]:
        return [groep for groep in self.varianten if not groep.regels]

    @property
    def coalities(self) -> list[CoalitieRegel]:
        return [regel for groep in self.varianten for regel in groep.regels]

    @property
    def met_resultaten(self) -> list[CoalitieRegel]:
        return [regel for regel in self.coalities if regel.resultaten_en_lessen]

    @property
    def geldbestemmingen(self) -> list[Geldbestemming]:
        """This year's contribution by component, and component 3 by coalition."""
        from django.utils.translation import gettext as _

        bijdrage = self.dit_jaar.bijdrage
        totalen = self.netwerktotalen or {}
        regels = [
            Geldbestemming(_("Instandhouding van het netwerk (component 1)"), bijdrage.component_1, totalen.get("component_1")),
            Geldbestemming(_("Basisfinanciering van projecten (component 2)"), bijdrage.component_2, totalen.get("component_2")),
        ]
        for coalitie in self.dit_jaar.coalities:
            if not coalitie.bedrag and coalitie.variant == Deelname.Variant.GEEN:
                continue  # not taking part and paying nothing: not a destination of money
            regels.append(Geldbestemming(
                _("Project %(naam)s (component 3, %(variant)s)") % {"naam": coalitie.coalitie, "variant": coalitie.variant_label.lower()},
                coalitie.bedrag,
                None,
            ))
        return regels


def _toezeggingen(jaar: int):
    return Toezegging.objects.annotate(
        geleverd=Sum("realisaties__hoeveelheid"),
        geleverd_dit_jaar=Sum("realisaties__hoeveelheid", filter=Q(realisaties__jaar=jaar)),
    ).order_by("soort", "jaar_van", "pk")


def _lidmaatschappen(organisatie: Organisatie) -> list[Lidmaatschap]:
    """The gemeente's memberships of every table (whose decisions it reports), with only what the table of
    tables shows; that table shows the thematic ones (``_aan_tafel_en_afgemeld``)."""
    return list(
        Lidmaatschap.objects.filter(organisatie=organisatie)
        .select_related("tafel", "tafel__thema")
        .only(
            "organisatie", "status", "datum", "reden", "besluit_referentie", "tafel__naam", "tafel__soort",
            "tafel__thema__naam",
        )
        .order_by("tafel__thema__volgorde", "tafel__naam")
    )


def _aan_tafel_en_afgemeld(lidmaatschappen: list[Lidmaatschap]) -> tuple[list[Lidmaatschap], list[Lidmaatschap]]:
    """Of the thematic tables: those where the gemeente takes part, and those where it opted out."""
    thematisch = [lid for lid in lidmaatschappen if lid.tafel.soort == BestuurlijkeTafel.Soort.THEMATAFEL]
    return [lid for lid in thematisch if lid.aan_tafel], [lid for lid in thematisch if not lid.aan_tafel]


def _geld(organisatie: Organisatie, jaar: int):
    """The gemeente's multi-year figures and this year's allocation, from the (stored) financing years."""
    jaren = financiering_selectors.meerjarige_jaren(jaar)
    per_jaar = financiering_selectors.verdelingen(jaren)
    return [financiering_selectors.organisatie_jaar(organisatie.naam, per_jaar[j]) for j in jaren], per_jaar[jaar]


def _overgangen(overgangen: list, organisatie: Organisatie, eigen_coalities: set[int]) -> list:
    """Recorded joins and leaves of the gemeente itself, and of others in its coalitions (they change its share)."""
    return [
        o for o in overgangen
        if o.organisatie_id == organisatie.pk or (o.coalitie_id in eigen_coalities and o.verandert_financiering)
    ]


def raadsinformatie(*, organisatie: Organisatie, jaar: int) -> Raadsinformatie:
    """Everything the raadsinformatie of one gemeente and year shows: 14 queries whatever the size.

    The money comes from the financing selectors, exactly as the financing screens and the
    ``verdeling`` command show it; nothing is computed again here.
    """
    jaareinde = datetime.date(jaar, 12, 31)
    lidmaatschappen = _lidmaatschappen(organisatie)
    aan_tafel, afgemeld = _aan_tafel_en_afgemeld(lidmaatschappen)
    deelnames = list(
        Deelname.objects.filter(organisatie=organisatie)
        .select_related("coalitie", "coalitie__thema", "coalitie__tafel", "coalitie__trekker")
        .prefetch_related(
            Prefetch("toezeggingen", queryset=_toezeggingen(jaar), to_attr="toezeggingen_lijst"),
            Prefetch(
                "coalitie__voortgangsrapportages",
                queryset=Voortgangsrapportage.objects.filter(jaar__lte=jaar).order_by("-jaar", "-kwartaal"),
                to_attr="voortgang_lijst",
            ),
            Prefetch(
                "coalitie__resultaten_en_lessen",
                queryset=ResultaatEnLes.objects.filter(datum__lte=jaareinde).order_by("-datum", "titel"),
                to_attr="resultaten_lijst",
            ),
        )
        .order_by("coalitie__naam")
    )
    nog_geen_keuze = list(
        Coalitie.objects.filter(
            status__in=KEUZE_VERPLICHT,
            tafel__in=gemeenten_aan_tafel().filter(organisatie=organisatie).values("tafel"),
        )
        .exclude(deelnames__organisatie=organisatie)
        .select_related("thema", "tafel")
        .order_by("naam")
    ) if organisatie.is_drechtstedengemeente else []

    financiering, dit_jaar = _geld(organisatie, jaar)
    bijdragen = {c.coalitie_pk: c.bedrag for c in financiering[0].coalities}

    eigen_coalities = {d.coalitie_id for d in deelnames if d.variant != Deelname.Variant.GEEN}
    groepen = {code: Variantgroep(code, label, []) for code, label in Deelname.Variant.choices}
    for deelname in deelnames:
        coalitie = deelname.coalitie
        groepen[deelname.variant].regels.append(CoalitieRegel(
            deelname=deelname,
            coalitie=coalitie,
            toezeggingen=deelname.toezeggingen_lijst,
            voortgang=coalitie.voortgang_lijst[0] if coalitie.voortgang_lijst else None,
            resultaten_en_lessen=(
                [] if deelname.variant == Deelname.Variant.GEEN
                else coalitie.resultaten_lijst[:MAX_RESULTATEN_PER_COALITIE]
            ),
            bijdrage_dit_jaar=bijdragen.get(coalitie.pk),
        ))

    return Raadsinformatie(
        organisatie=organisatie,
        jaar=jaar,
        opgesteld_op=timezone.localdate(),
        aan_tafel=aan_tafel,
        afgemeld=afgemeld,
        varianten=list(groepen.values()),
        nog_geen_keuze=nog_geen_keuze,
        financiering=financiering,
        netwerktotalen=dit_jaar.resultaat.totalen if dit_jaar.resultaat is not None else None,
        waarschuwingen=[f"{j.jaar}: {j.fout}" for j in financiering if j.fout],
        besluiten=tafel_selectors.vastgestelde_besluiten(
            organisatie_id=organisatie.pk, van=datetime.date(jaar, 1, 1), tot=jaareinde, lidmaatschappen=lidmaatschappen
        ),
        overgangen=_overgangen(
            financiering_selectors.overgangen_van(dit_jaar.overgangen), organisatie, eigen_coalities
        ),
    )


# --- Raadsinformatie on screen ------------------------------------------------------------------

# The summary on screen: its coalitions a page at a time, the newest results and decisions; the PDF has it all.
RAADSINFORMATIE_PER_PAGINA = 25
SCHERM_RESULTATEN = 5
SCHERM_BESLUITEN = 10


@dataclass
class VariantTelling:
    code: str  # "" for coalitions where the gemeente chose nothing yet
    label: str
    aantal: int
    bijdrage: Decimal | None  # this year's project contributions (component 3) of these coalitions


@dataclass
class CoalitieKort:
    """One row of the coalition table on screen."""

    coalitie: Coalitie
    variant: str  # "" when the gemeente chose nothing yet
    variant_label: str
    bijdrage_dit_jaar: Decimal | None
    voortgang: Voortgangsrapportage | None
    # As the row writes them, made here rather than by a tag or filter per cell
    url: str = ""
    status_label: str = ""
    bijdrage_tekst: str = "—"


class _AchterElkaar:
    """The gemeente's deelnames by variant and name, then the coalitions where it chose nothing yet, as one
    sequence of known length for the paginator: a slice reads only its own rows. Of the deelnames it reads
    only the variants the slice spans (``PerGroep``): within one variant the database walks the coalitions by
    name and stops after the page, instead of sorting all of them with their variant."""

    def __init__(self, eerste: PerGroep, tweede: QuerySet, aantal_tweede: int) -> None:
        self.eerste, self.aantal_eerste = eerste, len(eerste)
        self.tweede, self.aantal_tweede = tweede, aantal_tweede

    def __len__(self) -> int:
        return self.aantal_eerste + self.aantal_tweede

    def __getitem__(self, deel: slice) -> list:
        begin, eind = deel.start or 0, deel.stop
        uitkomst = self.eerste[begin:min(eind, self.aantal_eerste)] if begin < self.aantal_eerste else []
        if eind > self.aantal_eerste:
            uitkomst += list(self.tweede[max(begin - self.aantal_eerste, 0):eind - self.aantal_eerste])
        return uitkomst


@dataclass
class RaadsinformatieScherm(_Geldzaken):
    """The raadsinformatie summarised for the screen, in a fixed number of queries at any size."""

    organisatie: Organisatie
    jaar: int
    aan_tafel: list[Lidmaatschap]
    afgemeld: list[Lidmaatschap]
    per_variant: list[VariantTelling]
    coalities: Page  # of CoalitieKort: volledig, solidariteit, instap, geen, then no choice yet; by name
    financiering: list[financiering_selectors.OrganisatieJaar]
    netwerktotalen: dict[str, Decimal] | None
    resultaten: list[ResultaatEnLes]  # the newest few of its coalitions
    besluiten: list  # the newest few decisions of its tables this year
    meer_besluiten: bool
    waarschuwingen: list[str] = field(default_factory=list)
    overgangen: list = field(default_factory=list)

    @property
    def varianten(self) -> list[VariantTelling]:
        """The four variants, without the coalitions where it chose nothing yet."""
        return [t for t in self.per_variant if t.code]

    @property
    def nog_geen_keuze(self) -> int:
        return sum(t.aantal for t in self.per_variant if not t.code)

    @property
    def aantal_coalities(self) -> int:
        return sum(t.aantal for t in self.varianten)

    @property
    def geldbestemmingen(self) -> list[Geldbestemming]:
        """This year's contribution by component; component 3 per coalition is in the coalition table."""
        from django.utils.translation import gettext as _

        bijdrage = self.dit_jaar.bijdrage
        totalen = self.netwerktotalen or {}
        return [
            Geldbestemming(_("Instandhouding van het netwerk (component 1)"), bijdrage.component_1, totalen.get("component_1")),
            Geldbestemming(_("Basisfinanciering van projecten (component 2)"), bijdrage.component_2, totalen.get("component_2")),
            Geldbestemming(_("Specifieke projecten (component 3): per coalitie in de tabel bij 2"), bijdrage.component_3, totalen.get("component_3")),
        ]


# What the raadsinformatie page reads: the allocation's inputs and the gemeente's tables, coalitions, progress,
# results and decisions. A committed write to any of them changes the stamp the page's summary is kept under.
RAADSINFORMATIE_BRONNEN = (
    *financiering_selectors.BRONNEN, Lidmaatschap, BestuurlijkeTafel, Thema, Voortgangsrapportage, ResultaatEnLes,
    *tafel_selectors.BESLUIT_BRONNEN,
)
bewaarde_raadsinformatie: bewaren.Bewaarplaats[RaadsinformatieScherm] = bewaren.Bewaarplaats(
    maximum=128, alleen_nieuwste_stempel=True
)


def raadsinformatie_scherm(*, organisatie: Organisatie, jaar: int, pagina: int | str | None = 1) -> RaadsinformatieScherm:
    """What the raadsinformatie page shows: counts per variant, one page of coalitions, the money as in the
    PDF, the newest results and decisions. The same number of queries at any size; kept until one of its
    tables changes (one query, read once per request). Shared between requests: never change it."""
    return bewaren.bewaard(
        bewaarde_raadsinformatie, RAADSINFORMATIE_BRONNEN, (organisatie.pk, jaar, str(pagina)[:20]),
        lambda: _raadsinformatie_scherm(organisatie, jaar, pagina),
    )


def _raadsinformatie_scherm(organisatie: Organisatie, jaar: int, pagina: int | str | None) -> RaadsinformatieScherm:
    from django.utils.translation import gettext as _

    jaareinde = datetime.date(jaar, 12, 31)
    lidmaatschappen = _lidmaatschappen(organisatie)
    aan_tafel, afgemeld = _aan_tafel_en_afgemeld(lidmaatschappen)
    financiering, dit_jaar = _geld(organisatie, jaar)

    eigen = Deelname.objects.filter(organisatie=organisatie)
    tellingen_qs = eigen.aantallen_per_variant()
    open_keuze = Q(pk__in=[])
    if organisatie.is_drechtstedengemeente:
        open_keuze = Q(
            status__in=KEUZE_VERPLICHT,
            tafel__in=gemeenten_aan_tafel().filter(organisatie=organisatie).values("tafel"),
        ) & ~Q(pk__in=eigen.values("coalitie"))
        # The coalitions where it chose nothing yet counted in the same query, as the variant "".
        tellingen_qs = tellingen_qs.union(
            Coalitie.objects.filter(open_keuze).order_by().annotate(variant=Value("")).values_list("variant")
            .annotate(n=Count("pk")),
            all=True,
        ).order_by()
    aantallen = dict(tellingen_qs)
    nog_geen_keuze = aantallen.pop("", 0)

    per_coalitie = financiering[0].per_coalitie
    bijdrage_per_variant = financiering[0].bijdrage_per_variant
    labels = dict(Deelname.Variant.choices)
    tellingen = [
        VariantTelling(code, str(label), aantallen.get(code, 0), bijdrage_per_variant.get(code))
        for code, label in Deelname.Variant.choices
    ]
    if organisatie.is_drechtstedengemeente:
        tellingen.append(VariantTelling("", _("Nog geen keuze gemaakt"), nog_geen_keuze, None))

    # The gemeente's own deelnames by variant and name, then the coalitions where it chose nothing yet: a page
    # reads only its own rows from either list (sorting every coalition with its variant took seconds).
    # Only the columns a row shows: fewer fields to read and set per object.
    rij = ("naam", "status", "thema", "thema__naam", "tafel", "tafel__naam")
    rijen = _AchterElkaar(
        PerGroep(
            eigen.select_related("coalitie__thema", "coalitie__tafel")
            .only("coalitie", "organisatie", "variant", *(f"coalitie__{veld}" for veld in rij)),
            "variant", {code: aantallen.get(code, 0) for code in Deelname.Variant.values}, ("coalitie__naam", "coalitie_id"),
        ),
        Coalitie.objects.filter(open_keuze).select_related("thema", "tafel").only(*rij).order_by("naam", "pk"),
        nog_geen_keuze,
    )
    blad = Paginator(rijen, RAADSINFORMATIE_PER_PAGINA).get_page(pagina)
    regels = list(blad.object_list)
    coalitie_ids = [r.coalitie_id if isinstance(r, Deelname) else r.pk for r in regels]
    voortgang = {
        v.coalitie_id: v for v in nieuwste_per(
            Voortgangsrapportage.objects.filter(coalitie__in=coalitie_ids, jaar__lte=jaar)
            .only("coalitie", "jaar", "kwartaal", "status"),
            "coalitie_id", "-jaar", "-kwartaal",
        )
    }
    blad.object_list = []
    statussen = {waarde: str(label) for waarde, label in Coalitie.Status.choices}
    detail = reverse("coalities:detail", args=[0]).replace("/0/", "/{}/")
    for regel in regels:
        deelname = regel if isinstance(regel, Deelname) else None
        coalitie = deelname.coalitie if deelname else regel
        variant = deelname.variant if deelname else ""
        bijdrage = (
            per_coalitie[coalitie.pk].bedrag
            if coalitie.pk in per_coalitie and variant not in ("", Deelname.Variant.GEEN) else None
        )
        blad.object_list.append(CoalitieKort(
            coalitie=coalitie,
            variant=variant,
            variant_label=str(labels[variant]) if variant else _("Nog geen keuze gemaakt"),
            bijdrage_dit_jaar=bijdrage,
            voortgang=voortgang.get(coalitie.pk),
            url=detail.format(int(coalitie.pk)),
            status_label=statussen.get(coalitie.status, coalitie.status),
            bijdrage_tekst="—" if bijdrage is None else euro(bijdrage),
        ))
    besluiten = tafel_selectors.vastgestelde_besluiten(
        organisatie_id=organisatie.pk, van=datetime.date(jaar, 1, 1), tot=jaareinde, limiet=SCHERM_BESLUITEN + 1,
        lidmaatschappen=lidmaatschappen,
    )
    eigen_coalities = eigen.exclude(variant=Deelname.Variant.GEEN).values("coalitie")
    overgangen = financiering_selectors.overgangen_van(dit_jaar.overgangen)
    # Of the coalitions named by a join or leave, those it takes part in (not all of its coalitions).
    betrokken = set(
        eigen.exclude(variant=Deelname.Variant.GEEN)
        .filter(coalitie_id__in={o.coalitie_id for o in overgangen if o.coalitie_id})
        .values_list("coalitie_id", flat=True)
    )
    return RaadsinformatieScherm(
        organisatie=organisatie,
        jaar=jaar,
        aan_tafel=aan_tafel,
        afgemeld=afgemeld,
        per_variant=tellingen,
        coalities=blad,
        financiering=financiering,
        netwerktotalen=dit_jaar.resultaat.totalen if dit_jaar.resultaat is not None else None,
        resultaten=list(
            ResultaatEnLes.objects.filter(coalitie__in=eigen_coalities, datum__lte=jaareinde)
            .select_related("coalitie").only("soort", "titel", "tekst", "datum", "coalitie__naam")
            .order_by("-datum", "titel", "pk")[:SCHERM_RESULTATEN]
        ),
        besluiten=besluiten[:SCHERM_BESLUITEN],
        meer_besluiten=len(besluiten) > SCHERM_BESLUITEN,
        waarschuwingen=[f"{j.jaar}: {j.fout}" for j in financiering if j.fout],
        overgangen=_overgangen(overgangen, organisatie, betrokken),
    )


# --- Groeiperspectief ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verwijzing:
    """A coalition named by a dependency, also when it falls outside the chosen filters."""

    pk: int
    naam: str
    in_selectie: bool
    op_pagina: bool = True  # on the page shown (always, when the whole selection is shown)


@dataclass(frozen=True)
class Deelnemer:
    """An organisation taking part, by name (read as plain values: cheaper than a model per deelname)."""

    pk: int
    naam: str


@dataclass
class GroeiCoalitie:
    coalitie: Coalitie
    # Variant code -> the organisations that chose it, in the order of Deelname.Variant.
    per_variant: dict[str, list[Deelnemer]]
    afhankelijk_van: list[Verwijzing]
    nodig_voor: list[Verwijzing]
    # The variant of the chosen gemeente (None: no gemeente chosen, or no choice made).
    variant_gemeente: str | None = None
    # Length of the longest chain of dependencies below it within the selection (cycles cut).
    diepte: int = 0

    @property
    def tellingen(self) -> list[tuple[str, str, int]]:
        return [(code, label, len(self.per_variant[code])) for code, label in Deelname.Variant.choices]

    @property
    def deelnemers(self) -> list[tuple[str, str]]:
        """(variant label, the organisations' names joined) for each variant somebody chose."""
        return [
            (label, ", ".join(d.naam for d in self.per_variant[code]))
            for code, label in Deelname.Variant.choices if self.per_variant[code]
        ]

    @property
    def variant_gemeente_label(self) -> str:
        return Deelname.Variant(self.variant_gemeente).label if self.variant_gemeente else ""


@dataclass
class GroeiTafel:
    """A table with its coalitions; ``tafel`` None holds the theme's coalitions that have no table."""

    tafel: BestuurlijkeTafel | None
    coalities: list[GroeiCoalitie]


@dataclass
class GroeiThema:
    thema: Thema
    tafels: list[GroeiTafel]

    @property
    def coalities(self) -> list[GroeiCoalitie]:
        return [c for tafel in self.tafels for c in tafel.coalities]


@dataclass
class Groeiperspectief:
    themas: list[GroeiThema]
    # (dependant, what it depends on), both within the selection.
    afhankelijkheden: list[tuple[GroeiCoalitie, GroeiCoalitie]]
    gemeente: Organisatie | None
    opgesteld_op: datetime.date
    pagina: Page | None = None  # the page shown; None: the whole selection
    overzicht: GroeiOverzicht | None = None  # the counts of the whole selection, with a page

    @property
    def coalities(self) -> list[GroeiCoalitie]:
        return [c for thema in self.themas for c in thema.coalities]


def _dieptes(afhankelijk_van: dict[int, list[int]]) -> dict[int, int]:
    """Longest chain of dependencies below each coalition; an edge that closes a cycle counts as none.

    Visits in id order, so the same data always gives the same depths.
    """
    diepte: dict[int, int] = {}
    for begin in sorted(afhankelijk_van):
        if begin in diepte:
            continue
        pad = {begin}
        stapel = [(begin, iter(sorted(afhankelijk_van[begin])))]
        while stapel:
            knoop, volgende = stapel[-1]
            kind = next(volgende, None)
            if kind is None:
                stapel.pop()
                pad.discard(knoop)
                diepte[knoop] = max((diepte.get(k, 0) + 1 for k in afhankelijk_van[knoop] if k in diepte and k not in pad), default=0)
            elif kind not in diepte and kind not in pad:
                pad.add(kind)
                stapel.append((kind, iter(sorted(afhankelijk_van[kind]))))
    return diepte


# Coalitions per page of the groeiperspectief on screen: the map and the list of one page stay readable
# and quick at any size; the PDF holds the whole selection.
GROEI_PER_PAGINA = 25


@dataclass
class GroeiOverzicht:
    """Counts for the whole selection: coalitions per theme and status, and the choices per variant."""

    # (theme, [count per status in the order of Coalitie.Status], total)
    per_thema: list[tuple[Thema, list[int], int]]
    per_status: list[tuple[str, str, int]]
    totaal: int
    # (variant code, label, count): the chosen gemeente's own choices (empty without a gemeente).
    per_variant: list[tuple[str, str, int]]
    gemeente: Organisatie | None
    nog_geen_keuze: int = 0  # with a gemeente: coalitions in the selection where it chose nothing yet

    @property
    def statussen(self) -> list[str]:
        return [label for _code, label, _n in self.per_status]


def _groei_volgorde():
    """Within a theme: the theme's own table by name (coalitions without one last), then name: the page order."""
    eigen_tafel = Case(
        When(tafel__thema=F("thema"), tafel__soort=BestuurlijkeTafel.Soort.THEMATAFEL, then=F("tafel__naam")),
        default=None,
    )
    return [eigen_tafel.asc(nulls_last=True), "naam", "pk"]


def groeiperspectief(
    *, coalities: QuerySet[Coalitie] | None = None, thema: Thema | None = None, gemeente: Organisatie | None = None,
    pagina: int | str | None = None, per_pagina: int = GROEI_PER_PAGINA, alle_themas: list[Thema] | None = None,
) -> Groeiperspectief:
    """Themes, their tables and the (filtered) coalitions with participation and dependencies.

    ``coalities`` is the filtered selection (all coalitions when None); ``thema`` limits the columns;
    ``gemeente`` adds that gemeente's variant to each coalition. Without ``pagina`` every coalition of the
    selection (the PDF): 5 queries. With ``pagina`` (a page number, as ``?pagina=``) only that page of
    ``per_pagina`` coalitions in theme, table and name order, and when the selection has more than one
    page only the themes and tables with a coalition on it, plus the counts of the whole selection
    (``overzicht``): 6 queries, 7 with a gemeente. ``alle_themas``: every theme in its order, when the caller
    has read them already (one query less).
    """
    selectie = Coalitie.objects.all() if coalities is None else coalities
    if alle_themas is None:
        themas = list(Thema.objects.filter(pk=thema.pk) if thema is not None else Thema.objects.all())
    else:
        themas = [t for t in alle_themas if thema is None or t.pk == thema.pk]
    tafels = list(
        BestuurlijkeTafel.objects.thematafels().filter(thema__in=[t.pk for t in themas]).order_by("naam")
    )
    gefilterd = selectie.filter(thema__in=[t.pk for t in themas])
    # Only what the map and the list show: the wide rows (the table's scope too) made sorting the whole
    # selection for one page three times slower.
    coalitie_qs = gefilterd.only("id", "naam", "status", "thema_id", "tafel_id")
    blad = overzicht = None
    if pagina is None:
        rijen = list(coalitie_qs.order_by("naam"))
    else:
        overzicht = _groei_overzicht(gefilterd, themas, gemeente)
        # Theme by theme in their order; the overview has counted each theme's coalitions already, so a page
        # sorts only the coalitions of the themes it spans.
        aantallen = {t.pk: aantal for t, _per_status, aantal in overzicht.per_thema}
        blad = Paginator(PerGroep(coalitie_qs, "thema_id", aantallen, _groei_volgorde()), per_pagina).get_page(pagina)
        rijen = list(blad.object_list)
        blad.object_list = rijen
    per_thema = {t.pk: t for t in themas}
    for coalitie in rijen:
        coalitie.thema = per_thema[coalitie.thema_id]
    deelnemers: dict[int, list[tuple[str, Deelnemer]]] = {}
    for coalitie_id, variant, organisatie_id, naam in (
        Deelname.objects.filter(coalitie__in=[c.pk for c in rijen])
        .order_by("organisatie__naam").values_list("coalitie_id", "variant", "organisatie_id", "organisatie__naam")
    ):
        deelnemers.setdefault(coalitie_id, []).append((variant, Deelnemer(organisatie_id, naam)))
    ids = {c.pk for c in rijen}
    Koppeling = Coalitie.afhankelijkheden.through
    koppelingen = Koppeling.objects.filter(Q(from_coalitie__in=ids) | Q(to_coalitie__in=ids)).order_by(
        "to_coalitie__naam", "from_coalitie__naam"
    )
    namen = ("from_coalitie_id", "from_coalitie__naam", "to_coalitie_id", "to_coalitie__naam")
    if blad is None:
        koppelingen = [
            (van_id, van_naam, naar_id, naar_naam, van_id in ids, naar_id in ids)
            for van_id, van_naam, naar_id, naar_naam in koppelingen.values_list(*namen)
        ]
    else:
        # Whether the other end is in the selection, though not on this page: asked of the database, unless
        # the selection is every coalition.
        if coalities is None and thema is None:
            koppelingen = [(*koppeling, True, True) for koppeling in koppelingen.values_list(*namen)]
        else:
            koppelingen = list(
                koppelingen.annotate(
                    van_in=Exists(gefilterd.filter(pk=OuterRef("from_coalitie_id"))),
                    naar_in=Exists(gefilterd.filter(pk=OuterRef("to_coalitie_id"))),
                ).values_list(*namen, "van_in", "naar_in")
            )

    binnen: dict[int, list[int]] = {pk: [] for pk in ids}
    regels: dict[int, GroeiCoalitie] = {}
    for coalitie in rijen:
        per_variant: dict[str, list[Deelnemer]] = {code: [] for code in Deelname.Variant.values}
        variant_gemeente = None
        for variant, deelnemer in deelnemers.get(coalitie.pk, []):
            per_variant[variant].append(deelnemer)
            if gemeente is not None and deelnemer.pk == gemeente.pk:
                variant_gemeente = variant
        regels[coalitie.pk] = GroeiCoalitie(coalitie, per_variant, [], [], variant_gemeente)
    for van_id, van_naam, naar_id, naar_naam, van_in, naar_in in koppelingen:
        if van_id in regels:
            regels[van_id].afhankelijk_van.append(Verwijzing(naar_id, naar_naam, naar_in, naar_id in ids))
        if naar_id in regels:
            regels[naar_id].nodig_voor.append(Verwijzing(van_id, van_naam, van_in, van_id in ids))
        if van_id in ids and naar_id in ids:
            binnen[van_id].append(naar_id)
    for pk, diepte in _dieptes(binnen).items():
        regels[pk].diepte = diepte

    # Spread over pages, a page shows only the themes and tables it has coalitions of.
    alleen_gevuld = blad is not None and blad.paginator.num_pages > 1
    groepen: list[GroeiThema] = []
    tafels_per_thema: dict[int, list[BestuurlijkeTafel]] = {t.pk: [] for t in themas}
    for tafel in tafels:
        tafels_per_thema[tafel.thema_id].append(tafel)
    rijen_per_thema: dict[int, list[Coalitie]] = {t.pk: [] for t in themas}
    for coalitie in rijen:
        rijen_per_thema[coalitie.thema_id].append(coalitie)
    for t in themas:
        per_tafel = [GroeiTafel(tafel, []) for tafel in tafels_per_thema[t.pk]]
        zonder = GroeiTafel(None, [])
        plek = {groep.tafel.pk: groep for groep in per_tafel}
        for coalitie in rijen_per_thema[t.pk]:
            plek.get(coalitie.tafel_id, zonder).coalities.append(regels[coalitie.pk])
        for groep in [*per_tafel, zonder]:
            groep.coalities.sort(key=lambda c: (c.diepte, c.coalitie.naam))
        if alleen_gevuld:
            per_tafel = [groep for groep in per_tafel if groep.coalities]
            if not per_tafel and not zonder.coalities:
                continue
        groepen.append(GroeiThema(t, per_tafel + ([zonder] if zonder.coalities else [])))
    afhankelijkheden = [
        (regels[k[0]], regels[k[2]]) for k in koppelingen if k[0] in ids and k[2] in ids
    ]
    return Groeiperspectief(groepen, afhankelijkheden, gemeente, timezone.localdate(), blad, overzicht)


def _groei_overzicht(gefilterd: QuerySet[Coalitie], themas: list[Thema], gemeente: Organisatie | None) -> GroeiOverzicht:
    """The counts above the paged map: per theme and status, and with a gemeente its choices per variant;
    1 query (2 with a gemeente) at any size."""
    statussen = Coalitie.Status.values
    tellingen = {t.pk: [0] * len(statussen) for t in themas}
    for thema_id, status, aantal in gefilterd.order_by().values_list("thema_id", "status").annotate(n=Count("pk")):
        tellingen[thema_id][statussen.index(status)] += aantal
    totaal = sum(sum(rij) for rij in tellingen.values())
    varianten = []
    if gemeente is not None:
        per_variant = dict(
            Deelname.objects.filter(organisatie=gemeente, coalitie__in=gefilterd.order_by().values("pk"))
            .aantallen_per_variant()
        )
        varianten = [(code, label, per_variant.get(code, 0)) for code, label in Deelname.Variant.choices]
    return GroeiOverzicht(
        per_thema=[(t, tellingen[t.pk], sum(tellingen[t.pk])) for t in themas],
        per_status=[
            (code, label, sum(rij[i] for rij in tellingen.values()))
            for i, (code, label) in enumerate(Coalitie.Status.choices)
        ],
        totaal=totaal,
        per_variant=varianten,
        gemeente=gemeente,
        nog_geen_keuze=totaal - sum(n for _c, _l, n in varianten) if gemeente is not None else 0,
    )
