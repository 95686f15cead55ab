"""Reads that bring several apps together, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from coalities.models import Coalitie, Deelname, ResultaatEnLes, Toezegging, Voortgangsrapportage
from coalities.selectors import KEUZE_VERPLICHT, gemeenten_aan_tafel
from drechtsteden.models import Organisatie
from financiering import selectors as financiering_selectors
from financiering import uitleg as financiering_uitleg
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


@dataclass
class Raadsinformatie:
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

    @property
    def dit_jaar(self) -> financiering_selectors.OrganisatieJaar:
        return self.financiering[0]

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
    def uitleg(self) -> list[financiering_uitleg.Blok]:
        """Hoe is dit berekend? this year's contribution part by part, from the engine's own intermediate values."""
        jaar = self.dit_jaar
        if not (jaar.vastgesteld or jaar.bijdrage.totaal):
            return []
        return financiering_uitleg.organisatie_blokken(jaar, {c.coalitie: c.variant_label for c in jaar.coalities})

    @property
    def inwoners_tekst(self) -> str:
        jaar = self.dit_jaar
        return financiering_uitleg.inwoners_tekst(jaar.uitleg.inwoners, jaar.peildatum_inwoners) if jaar.uitleg else ""

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


def raadsinformatie(*, organisatie: Organisatie, jaar: int) -> Raadsinformatie:
    """Everything the raadsinformatie of one gemeente and year shows: 13 queries whatever the size.

    The money comes from the financing selectors, exactly as the financing screens and the
    ``verdeling`` command show it; nothing is computed again here.
    """
    jaareinde = datetime.date(jaar, 12, 31)
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(organisatie=organisatie, tafel__soort=BestuurlijkeTafel.Soort.THEMATAFEL)
        .select_related("tafel", "tafel__thema")
        .order_by("tafel__thema__volgorde", "tafel__naam")
    )
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

    jaren = financiering_selectors.meerjarige_jaren(jaar)
    per_jaar = financiering_selectors.verdelingen(jaren)
    financiering = [financiering_selectors.organisatie_jaar(organisatie.naam, per_jaar[j]) for j in jaren]
    dit_jaar = per_jaar[jaar]
    bijdragen = {c.coalitie_pk: c.bedrag for c in financiering[0].coalities}

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
        aan_tafel=[lid for lid in lidmaatschappen if lid.aan_tafel],
        afgemeld=[lid for lid in lidmaatschappen if not lid.aan_tafel],
        varianten=list(groepen.values()),
        nog_geen_keuze=nog_geen_keuze,
        financiering=financiering,
        netwerktotalen=dit_jaar.resultaat.totalen if dit_jaar.resultaat is not None else None,
        waarschuwingen=[f"{j.jaar}: {j.fout}" for j in financiering if j.fout],
    )
