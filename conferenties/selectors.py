"""Reads of the conferences: the conference page in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Cafetafel, Deelnemer, Muurbericht, Oogst, Pitch, Plaatsing, Werkconferentie


@dataclass
class ConferentiePagina:
    conferentie: Werkconferentie
    tafels: list[Cafetafel]
    rondes: list[int]
    # per round: per table the participants sitting there
    indeling: list[list[tuple[Cafetafel, list[Deelnemer]]]]
    deelnemers: list[Deelnemer]
    muur: dict[str, list[Muurbericht]]
    aanwezigen: int | None  # None until attendance is recorded


def conferentie_pagina(conferentie_pk: int) -> ConferentiePagina:
    conferentie = (
        Werkconferentie.objects.prefetch_related(
            "programma",
            Prefetch("pitches", queryset=Pitch.objects.select_related("organisatie")),
            Prefetch("tafels", queryset=Cafetafel.objects.select_related("terugkoppelaar").prefetch_related(
                "moderatoren", Prefetch("oogst", queryset=Oogst.objects.order_by("ronde", "id"))
            )),
            Prefetch("deelnemers", queryset=Deelnemer.objects.select_related("gebruiker__organisatie")),
            Prefetch("muur", queryset=Muurbericht.objects.order_by("geplaatst_op", "id")),
        ).get(pk=conferentie_pk)
    )
    tafels = list(conferentie.tafels.all())
    deelnemers = list(conferentie.deelnemers.all())
    per_deelnemer = {d.pk: d for d in deelnemers}
    rondes = list(range(1, conferentie.rondes + 1))
    zitten: dict[tuple[int, int], list[Deelnemer]] = {}
    for p in Plaatsing.objects.filter(deelnemer__conferentie=conferentie).order_by("deelnemer__gebruiker__sorteernaam"):
        zitten.setdefault((p.ronde, p.tafel_id), []).append(per_deelnemer[p.deelnemer_id])
    indeling = [[(t, zitten.get((r, t.pk), [])) for t in tafels] for r in rondes] if zitten else []
    muur: dict[str, list[Muurbericht]] = {s: [] for s in Muurbericht.Soort.values}
    for bericht in conferentie.muur.all():
        muur[bericht.soort].append(bericht)
    vastgelegd = [d for d in deelnemers if d.aanwezig is not None]
    aanwezigen = sum(1 for d in vastgelegd if d.aanwezig) if vastgelegd else None
    return ConferentiePagina(conferentie, tafels, rondes, indeling, deelnemers, muur, aanwezigen)
