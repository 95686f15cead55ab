"""Reads of the regiekamer app: rooms, rota and escalations, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from drechtsteden.models import Organisatie
from tafels.models import Vergadering

from . import rules
from .models import Escalatie, Escalatiestap, Regiekamer, Regiekamerlid, Voorzitterschap


def als_lid(lid: Regiekamerlid) -> rules.Lid:
    """A stored member as the rules see it (uses prefetched roles when present)."""
    return rules.Lid(
        persoon=str(lid.gebruiker),
        organisatie=lid.organisatie.naam,
        is_drechtstedengemeente=lid.organisatie.is_drechtstedengemeente,
        rollen=lid.gebruiker.rolcodes,
        rol=lid.rol,
    )


def voorzitter_kandidaten(regiekamer: Regiekamer, datum: datetime.date) -> tuple[list[str], list[str]]:
    """(eligible gemeenten, excluded organisations) on ``datum``: two queries."""
    leden = [
        als_lid(lid)
        for lid in regiekamer.leden.filter(Q(tot__isnull=True) | Q(tot__gte=datum), van__lte=datum)
        .select_related("organisatie", "gebruiker")
        .prefetch_related("gebruiker__rollen")
    ]
    uitgesloten = [o.naam for o in regiekamer.uitgesloten_van_voorzitterschap.all()]
    return rules.kandidaten_voor_voorzitter(leden, uitgesloten), uitgesloten


def historie(regiekamer: Regiekamer) -> dict[int, str]:
    return dict(regiekamer.voorzitterschappen.values_list("jaar", "organisatie__naam"))


def signaleringstermijn_weken() -> int:
    return getattr(settings, "REGIEKAMER_SIGNALERINGSTERMIJN_WEKEN", rules.STANDAARD_SIGNALERINGSTERMIJN_WEKEN)


def ambtelijke_regiekamer() -> Regiekamer | None:
    return Regiekamer.objects.filter(soort=Regiekamer.Soort.AMBTELIJK).first()


@dataclass(frozen=True)
class Roosterregel:
    jaar: int
    organisatie: str
    vastgelegd: bool


@dataclass(frozen=True)
class Rooster:
    regels: list[Roosterregel]
    kandidaten: list[str]
    uitgesloten: list[str]


def rooster(kamer: Regiekamer, *, vanaf: int, jaren: int, peildatum: datetime.date) -> Rooster:
    """The chair per year: stored terms as they are, the rest proposed by the rules. Three queries."""
    kandidaten, uitgesloten = voorzitter_kandidaten(kamer, peildatum)
    bekend = historie(kamer)
    regels = [
        Roosterregel(jaar, org, jaar in bekend)
        for jaar, org in rules.rooster(kandidaten=kandidaten, historie=bekend, vanaf=vanaf, jaren=jaren)
    ]
    return Rooster(regels=regels, kandidaten=kandidaten, uitgesloten=uitgesloten)


@dataclass
class Kamerpagina:
    kamer: Regiekamer
    leden: list[Regiekamerlid]
    eerdere_leden: list[Regiekamerlid]
    fouten: list[str]
    rooster: Rooster | None
    huidige_voorzitter: Roosterregel | None
    volgende_voorzitter: Roosterregel | None
    vergaderingen: list[Vergadering]
    voorzitterschappen: list[Voorzitterschap]


def kamers() -> QuerySet[Regiekamer]:
    return Regiekamer.objects.select_related("orgaan").order_by("soort")


def kamer_pagina(kamer: Regiekamer, *, vandaag: datetime.date | None = None) -> Kamerpagina:
    """Members, composition check, chairs and meetings of one room: a fixed number of queries."""
    vandaag = vandaag or timezone.localdate()
    alle = list(
        kamer.leden.select_related("gebruiker", "organisatie").prefetch_related("gebruiker__rollen")
        .order_by("rol", "organisatie__naam", "-van")
    )
    leden = [lid for lid in alle if lid.actief_op(vandaag)]
    eerdere = [lid for lid in alle if not lid.actief_op(vandaag)]
    gemeenten = list(Organisatie.objects.drechtstedengemeenten().actief_op(vandaag).values_list("naam", flat=True))
    fouten = rules.samenstelling_fouten(kamer.soort, [als_lid(lid) for lid in leden], gemeenten)
    rooster_ = None
    huidige = volgende = None
    if kamer.roulerend_voorzitterschap:
        rooster_ = rooster(kamer, vanaf=vandaag.year, jaren=8, peildatum=vandaag)
        if rooster_.regels:
            huidige = rooster_.regels[0]
            volgende = rooster_.regels[1] if len(rooster_.regels) > 1 else None
    vergaderingen = list(kamer.orgaan.vergaderingen.order_by("-begint_om")[:12])
    termijnen = list(kamer.voorzitterschappen.select_related("organisatie", "voorzitter").order_by("-jaar"))
    return Kamerpagina(
        kamer=kamer, leden=leden, eerdere_leden=eerdere, fouten=fouten, rooster=rooster_,
        huidige_voorzitter=huidige, volgende_voorzitter=volgende, vergaderingen=vergaderingen,
        voorzitterschappen=termijnen,
    )


# --- Escalations -----------------------------------------------------------------------------------


def escalaties(*, alleen_open: bool = False, organisatie: Organisatie | None = None) -> QuerySet[Escalatie]:
    """Escalations with what the list shows: two queries (the steps are prefetched)."""
    qs = Escalatie.objects.select_related("tafel", "coalitie", "organisatie", "ingediend_door").prefetch_related(
        Prefetch("stappen", queryset=Escalatiestap.objects.select_related("eigenaar").order_by("datum", "id"))
    )
    if alleen_open:
        qs = qs.filter(status=Escalatie.Status.OPEN)
    if organisatie is not None:
        qs = qs.filter(Q(organisatie=organisatie) | Q(coalitie__trekker=organisatie) | Q(ingediend_door__organisatie=organisatie))
    return qs.order_by("status", "geopend_op", "id")


def markeer(escalaties_: list[Escalatie], vandaag: datetime.date | None = None) -> list[Escalatie]:
    """Sets ``te_lang_open`` and ``laatste_stap`` on each escalation (no queries with prefetched steps)."""
    vandaag = vandaag or timezone.localdate()
    weken = signaleringstermijn_weken()
    for e in escalaties_:
        e.te_lang_open = rules.te_lang_open(geopend_op=e.geopend_op, vandaag=vandaag, open_=e.is_open, weken=weken)
        e.weken_open = (vandaag - e.geopend_op).days // 7
        stappen = list(e.stappen.all())
        e.laatste_stap = stappen[-1] if stappen else None
        e.volgend_niveau = rules.volgende_niveau(e.niveau) if e.is_open else None
    return escalaties_
