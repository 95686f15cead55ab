"""Reads of the tafels app: who may see what, and page data in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from drechtsteden.models import Gebruiker, Rol

from .models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Ambitie,
    BestuurlijkeTafel,
    Besluit,
    Lidmaatschap,
    Stem,
    Stuk,
    Stukversie,
    Vergadering,
    is_te_laat,
)

# Roles that follow every table without being a member organisation.
NETWERKROLLEN = (Rol.Soort.MANAGER_SDD, Rol.Soort.PROGRAMMAMANAGER)


def _leden_ids(tafel: BestuurlijkeTafel) -> set[int]:
    if hasattr(tafel, "leden_lijst"):
        return {lid.organisatie_id for lid in tafel.leden_lijst if lid.aan_tafel}
    return set(tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).values_list("organisatie_id", flat=True))


def mag_concept_zien(gebruiker: Gebruiker, tafel: BestuurlijkeTafel, leden_ids: set[int] | None = None) -> bool:
    """A draft agenda: the secretary, the chair, a beheerder and users of the table's member organisations."""
    if gebruiker.is_beheerder or gebruiker.pk in (tafel.secretaris_id, tafel.voorzitter_id):
        return True
    leden_ids = _leden_ids(tafel) if leden_ids is None else leden_ids
    return gebruiker.organisatie_id in leden_ids


def mag_vergaderingen_zien(gebruiker: Gebruiker, tafel: BestuurlijkeTafel, leden_ids: set[int] | None = None) -> bool:
    """Meetings once the agenda is set: members, plus the manager SDD and programmamanagers."""
    return gebruiker.heeft_rol(*NETWERKROLLEN) or mag_concept_zien(gebruiker, tafel, leden_ids)


def mag_vergadering_zien(gebruiker: Gebruiker, vergadering: Vergadering, leden_ids: set[int] | None = None) -> bool:
    if vergadering.is_concept:
        return mag_concept_zien(gebruiker, vergadering.tafel, leden_ids)
    return mag_vergaderingen_zien(gebruiker, vergadering.tafel, leden_ids)


def tafels_overzicht() -> QuerySet[BestuurlijkeTafel]:
    """All tables with member counts, opt-outs and partners, current ambition and next meeting: 3 queries."""
    volgende = Vergadering.objects.filter(tafel=OuterRef("pk"), begint_om__gte=timezone.now()).order_by("begint_om")
    return (
        BestuurlijkeTafel.objects.select_related("thema", "voorzitter", "secretaris")
        .annotate(
            aantal_deelnemend=Count("lidmaatschappen", filter=Q(lidmaatschappen__status=Lidmaatschap.Status.DEELNEMEND)),
            volgende_vergadering=Subquery(volgende.values("begint_om")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "lidmaatschappen",
                queryset=Lidmaatschap.objects.exclude(status=Lidmaatschap.Status.DEELNEMEND).select_related("organisatie"),
                to_attr="bijzondere_leden",
            ),
            Prefetch("ambities", queryset=Ambitie.objects.order_by("-versie"), to_attr="ambities_lijst"),
        )
    )


@dataclass
class TafelPagina:
    tafel: BestuurlijkeTafel
    leden: list[Lidmaatschap]
    ambitie: Ambitie | None
    eerdere_ambities: list[Ambitie]
    vergaderingen: list[Vergadering]
    volgende_vergadering: Vergadering | None
    besluiten: list[Besluit]
    open_actiepunten: list[Actiepunt]
    mag_vergaderingen_zien: bool
    mag_concept_zien: bool


def tafel_pagina(*, tafel_pk: int, gebruiker: Gebruiker) -> TafelPagina:
    """Everything the table page shows, in a fixed number of queries."""
    tafel = (
        BestuurlijkeTafel.objects.select_related("thema", "voorzitter", "secretaris")
        .prefetch_related(
            Prefetch(
                "lidmaatschappen",
                queryset=Lidmaatschap.objects.select_related("organisatie", "vertegenwoordiger").order_by(
                    "status", "organisatie__naam"
                ),
                to_attr="leden_lijst",
            ),
            Prefetch("ambities", queryset=Ambitie.objects.order_by("-versie"), to_attr="ambities_lijst"),
            Prefetch("vergaderingen", queryset=Vergadering.objects.order_by("begint_om"), to_attr="vergaderingen_lijst"),
        )
        .get(pk=tafel_pk)
    )
    leden_ids = _leden_ids(tafel)
    zien = mag_vergaderingen_zien(gebruiker, tafel, leden_ids)
    concept = mag_concept_zien(gebruiker, tafel, leden_ids)
    vergaderingen = [v for v in tafel.vergaderingen_lijst if (concept if v.is_concept else zien)]
    nu = timezone.now()
    besluiten: list[Besluit] = []
    acties: list[Actiepunt] = []
    if zien:
        besluiten = list(
            Besluit.objects.filter(agendapunt__vergadering__tafel=tafel)
            .exclude(agendapunt__vergadering__status=Vergadering.Status.CONCEPT)
            .select_related("agendapunt__vergadering")
            .order_by("-agendapunt__vergadering__begint_om", "agendapunt__volgorde", "id")[:20]
        )
        acties = list(
            Actiepunt.objects.filter(agendapunt__vergadering__tafel=tafel, status=Actiepunt.Status.OPEN)
            .select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering")
            .order_by("deadline", "id")
        )
    return TafelPagina(
        tafel=tafel,
        leden=tafel.leden_lijst,
        ambitie=tafel.ambities_lijst[0] if tafel.ambities_lijst else None,
        eerdere_ambities=tafel.ambities_lijst[1:],
        vergaderingen=vergaderingen,
        volgende_vergadering=next((v for v in vergaderingen if v.begint_om >= nu), None),
        besluiten=besluiten,
        open_actiepunten=acties,
        mag_vergaderingen_zien=zien,
        mag_concept_zien=concept,
    )


@dataclass
class StukRegel:
    stuk: Stuk
    huidige: Stukversie
    eerdere: list[Stukversie]
    te_laat: bool


@dataclass
class AgendaRegel:
    punt: Agendapunt
    stukken: list[StukRegel] = field(default_factory=list)


@dataclass
class VergaderPagina:
    vergadering: Vergadering
    regels: list[AgendaRegel]
    minuten_totaal: int
    te_lang: bool
    stukken_totaal: int
    stukken_op_tijd: int
    leden: list[Lidmaatschap]
    aanwezigheid: dict[int, Aanwezigheid]
    overgenomen_actiepunten: list[Actiepunt]
    niet_toegelaten: list


def vergadering_pagina(*, vergadering: Vergadering) -> VergaderPagina:
    """The agenda with documents (late ones marked), attendance, decisions and carried-over actions."""
    punten = list(
        vergadering.agendapunten.select_related("coalitie", "urgentietoets")
        .prefetch_related(
            Prefetch(
                "stukken",
                queryset=Stuk.objects.prefetch_related(
                    Prefetch(
                        "versies",
                        queryset=Stukversie.objects.select_related("geupload_door").order_by("-versie"),
                        to_attr="versies_lijst",
                    )
                ),
                to_attr="stukken_lijst",
            ),
            Prefetch(
                "besluiten",
                queryset=Besluit.objects.select_related("stemming")
                .prefetch_related(Prefetch("stemming__stemmen", queryset=Stem.objects.select_related("organisatie")))
                .order_by("id"),
                to_attr="besluiten_lijst",
            ),
            Prefetch(
                "actiepunten",
                queryset=Actiepunt.objects.select_related("eigenaar_persoon", "eigenaar_organisatie").order_by("id"),
                to_attr="actiepunten_lijst",
            ),
        )
        .order_by("volgorde", "id")
    )
    regels = []
    totaal = op_tijd = 0
    for punt in punten:
        regel = AgendaRegel(punt=punt)
        for stuk in punt.stukken_lijst:
            if not stuk.versies_lijst:
                continue
            huidige = stuk.versies_lijst[0]
            te_laat = is_te_laat(versie=huidige, vergadering=vergadering)
            regel.stukken.append(StukRegel(stuk=stuk, huidige=huidige, eerdere=stuk.versies_lijst[1:], te_laat=te_laat))
            totaal += 1
            op_tijd += not te_laat
        regels.append(regel)
    minuten = sum(p.minuten for p in punten)
    overgenomen = list(
        Actiepunt.objects.filter(
            agendapunt__vergadering__tafel_id=vergadering.tafel_id,
            agendapunt__vergadering__begint_om__lt=vergadering.begint_om,
            status=Actiepunt.Status.OPEN,
        )
        .select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering")
        .order_by("deadline", "id")
    )
    leden = list(
        vergadering.tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL)
        .select_related("organisatie", "vertegenwoordiger")
        .order_by("organisatie__naam")
    )
    aanwezigheid = {a.organisatie_id: a for a in vergadering.aanwezigheden.all()}
    niet_toegelaten = list(vergadering.urgentietoetsen.filter(toegelaten=False).order_by("vastgelegd_op"))
    return VergaderPagina(
        vergadering=vergadering,
        regels=regels,
        minuten_totaal=minuten,
        te_lang=minuten > vergadering.duur_minuten,
        stukken_totaal=totaal,
        stukken_op_tijd=op_tijd,
        leden=leden,
        aanwezigheid=aanwezigheid,
        overgenomen_actiepunten=overgenomen,
        niet_toegelaten=niet_toegelaten,
    )


def zichtbare_vergaderingen(gebruiker: Gebruiker) -> QuerySet[Vergadering]:
    """Meetings the user may see, for the personal calendar feed: the same rule as the meeting page.

    A network role follows every table once its agenda is set; a draft agenda only shows at the tables
    the user sits at (secretary, chair or member organisation).
    """
    vergaderingen = Vergadering.objects.select_related("tafel", "tafel__thema").order_by("begint_om")
    if gebruiker.is_beheerder:
        return vergaderingen
    eigen_tafels = BestuurlijkeTafel.objects.filter(
        lidmaatschappen__organisatie_id=gebruiker.organisatie_id, lidmaatschappen__status__in=Lidmaatschap.AAN_TAFEL
    ).values("pk")
    aan_tafel = Q(tafel__secretaris=gebruiker) | Q(tafel__voorzitter=gebruiker) | Q(tafel__in=eigen_tafels)
    if gebruiker.heeft_rol(*NETWERKROLLEN):
        return vergaderingen.filter(aan_tafel | ~Q(status=Vergadering.Status.CONCEPT))
    return vergaderingen.filter(aan_tafel)


def komende_vergaderingen_voor(gebruiker: Gebruiker, limiet: int = 5) -> list[Vergadering]:
    """The next meetings of the tables the user's organisation sits at (or the user chairs or keeps): one query."""
    aan_tafel = Q(
        tafel__lidmaatschappen__organisatie_id=gebruiker.organisatie_id,
        tafel__lidmaatschappen__status__in=Lidmaatschap.AAN_TAFEL,
    ) if gebruiker.organisatie_id else Q(pk__in=[])
    return list(
        Vergadering.objects.filter(begint_om__gte=timezone.now())
        .filter(aan_tafel | Q(tafel__secretaris=gebruiker) | Q(tafel__voorzitter=gebruiker))
        .select_related("tafel")
        .distinct()
        .order_by("begint_om", "id")[:limiet]
    )


def open_actiepunten_voor(gebruiker: Gebruiker, limiet: int = 10) -> list[Actiepunt]:
    """Open action items owned by the user or the user's organisation, earliest deadline first: one query."""
    eigenaar = Q(eigenaar_persoon=gebruiker)
    if gebruiker.organisatie_id:
        eigenaar |= Q(eigenaar_organisatie_id=gebruiker.organisatie_id)
    return list(
        Actiepunt.objects.filter(eigenaar, status=Actiepunt.Status.OPEN)
        .select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering__tafel")
        .order_by("deadline", "id")[:limiet]
    )
