"""The samenwerkingsmonitor: indicators per period, for the network, one gemeente or one table.

``monitor()`` loads the data of the whole trend window in a fixed number of queries (whatever the size
of the network or the number of periods) and computes every period in memory. The dashboard, the
report and the tests read the same ``Indicator`` values, so they cannot disagree.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Min, OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalities.models import Coalitie, Deelname, Realisatie, Toezegging, Voortgangsrapportage
from coalities.regels import KEUZE_VERPLICHT
from drechtsteden import bewaren
from drechtsteden.expressies import IdLijst, nieuwste_per
from drechtsteden.models import Gebruiker, Organisatie, Rol, Thema
from drechtsteden.opmaak import euro, getal, procent
from tafels.models import (
    Actiepunt, Agendapunt, BestuurlijkeTafel, Lidmaatschap, Processtap, Stuk, Stukversie, Vergadering,
)

from . import rules
from .models import SCORES, Escalatie, Reflectieantwoord, Reflectieronde, Themaambtenaar
from .selectors import signaleringstermijn_weken

GEHOUDEN = (Vergadering.Status.GEHOUDEN, Vergadering.Status.BESLUITENLIJST_VASTGESTELD)
STANDAARDPROCES = [
    Processtap.VERBINDING, Processtap.AMBITIE_BEPALEN, Processtap.PROJECTEN_DEFINIEREN,
    Processtap.BELANGEN_COMMITMENT, Processtap.COALITIES_VORMEN, Processtap.AFSPRAKEN_MAKEN, Processtap.VOORTGANG,
    Processtap.KNELPUNTEN, Processtap.DOORONTWIKKELEN,
]
TRENDPERIODEN = 4
DIMENSIES = [
    ("eigenaarschap", gettext_lazy("Eigenaarschap")),
    ("gesprek_aan_tafel", gettext_lazy("Kwaliteit van het gesprek aan tafel")),
    ("relevantie_agenda", gettext_lazy("Relevantie van de agenda")),
    ("nakomen_afspraken", gettext_lazy("Nakomen van afspraken")),
    ("openheid_belangen", gettext_lazy("Openheid over belangen")),
    ("bestuurlijke_drukte", gettext_lazy("Bestuurlijke drukte")),
]


@dataclass
class Indicator:
    code: str
    label: str
    waarde: Decimal | None
    weergave: str
    toelichting: str
    kleur: str
    reden: str
    eenheid: str = "%"
    reeks: list[tuple[str, Decimal | None]] = field(default_factory=list)
    trend: str = "onbekend"

    @property
    def hoger_beter(self) -> bool:
        return rules.DREMPELS[self.code].hoger_beter


@dataclass
class Processtand:
    tafel: BestuurlijkeTafel
    stap: str | None
    stap_label: str


@dataclass
class Monitor:
    periode: rules.Periode
    perioden: list[rules.Periode]
    organisatie: Organisatie | None
    tafel: BestuurlijkeTafel | None
    indicatoren: list[Indicator]
    processtand: list[Processtand]
    deelname_per_variant: list[tuple[str, int]]
    nog_geen_keuze: list[tuple[Coalitie, list[str]]]
    late_stukken: list[dict]
    te_late_acties: list[dict]
    escalaties_open: list[Escalatie]
    werkorganisatie: list[str]
    reflectie: list[tuple[str, Decimal | None]]
    reflectie_per_gemeente: dict[str, list[int]]
    knelpunten: list[dict]
    vandaag: datetime.date
    # The first start of a meeting in the window after the moment of computing: from then on "meetings
    # held of those planned" counts one more planned meeting, so a kept monitor is stale.
    geldig_tot: datetime.datetime | None = None
    # What the screens derive from the indicators (the trend charts), made once per kept monitor.
    opgemaakt: dict = field(default_factory=dict, compare=False, repr=False)

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicatoren if i.code == code)


def _pct(waarde: Decimal | None) -> str:
    return "—" if waarde is None else procent(waarde)


def _geld(bedrag: Decimal) -> str:
    return euro(bedrag, decimalen=0)


def _getal(waarde: Decimal) -> str:
    return getal(waarde, decimalen=0)


def monitor(
    *,
    periode: rules.Periode,
    organisatie: Organisatie | None = None,
    tafel: BestuurlijkeTafel | None = None,
    vandaag: datetime.date | None = None,
    trendperioden: int = TRENDPERIODEN,
) -> Monitor:
    """All indicators of ``periode`` and the ``trendperioden - 1`` periods before it: 17 queries."""
    vandaag = vandaag or timezone.localdate()
    perioden = [*periode.vorige(trendperioden - 1), periode]
    begin, eind = perioden[0].begin, periode.eind
    nu = timezone.now()

    # 1–2: the themed tables with their members at the table.
    tafels = list(
        BestuurlijkeTafel.objects.thematafels().select_related("thema").prefetch_related(
            Prefetch("lidmaatschappen", queryset=Lidmaatschap.objects.filter(status__in=Lidmaatschap.AAN_TAFEL),
                     to_attr="aan_tafel")
        ).order_by("thema__volgorde", "naam")
    )
    leden_per_tafel = {t.pk: {lid.organisatie_id for lid in t.aan_tafel} for t in tafels}
    deelnemend_per_tafel = {
        t.pk: {lid.organisatie_id for lid in t.aan_tafel if lid.status == Lidmaatschap.Status.DEELNEMEND} for t in tafels
    }
    if tafel is not None:
        scope_tafels = {tafel.pk}
    elif organisatie is not None:
        scope_tafels = {t.pk for t in tafels if organisatie.pk in leden_per_tafel[t.pk]}
    else:
        scope_tafels = {t.pk for t in tafels}

    # 3: the Drechtstedengemeenten.
    gemeenten = list(Organisatie.objects.drechtstedengemeenten().actief_op(vandaag).order_by("naam"))
    gemeente_namen = {g.pk: g.naam for g in gemeenten}

    # 4: meetings of the themed tables in the window.
    vergaderingen = list(
        Vergadering.objects.filter(tafel__soort=BestuurlijkeTafel.Soort.THEMATAFEL, tafel_id__in=scope_tafels,
                                   begint_om__date__gte=begin, begint_om__date__lte=eind)
        .values("id", "tafel_id", "begint_om", "status")
    )

    # 5: documents of those meetings, with the moment their first version arrived.
    stukken = list(
        Stuk.objects.filter(agendapunt__vergadering_id__in=[v["id"] for v in vergaderingen])
        .annotate(eerste=Min("versies__geupload_op"))
        .values("id", "titel", "eerste", "agendapunt__vergadering_id", "agendapunt__vergadering__begint_om",
                "agendapunt__vergadering__tafel_id", "agendapunt__vergadering__tafel__naam",
                "agendapunt__vergadering__tafel__deadline_stukken_dagen")
    )
    # The local date of each meeting and the deadline of each paper, once per row rather than once per period.
    for v in vergaderingen:
        v["datum"] = timezone.localtime(v["begint_om"]).date()
    for s in stukken:
        s["datum"] = timezone.localtime(s["agendapunt__vergadering__begint_om"]).date()
        s["op_tijd"] = s["eerste"] is not None and s["eerste"] <= s["agendapunt__vergadering__begint_om"] - datetime.timedelta(
            days=s["agendapunt__vergadering__tafel__deadline_stukken_dagen"])

    # 6: action items due in the window (and open ones overdue now), with the moment they were done.
    gereed_op = (
        Actiepunt.history.model.objects.filter(id=OuterRef("pk"), status=Actiepunt.Status.GEREED)
        .order_by("history_date").values("history_date")[:1]
    )
    acties_qs = Actiepunt.objects.exclude(status=Actiepunt.Status.VERVALLEN).filter(deadline__lte=max(eind, vandaag),
                                                                                     deadline__gte=begin)
    if tafel is not None:
        acties_qs = acties_qs.filter(agendapunt__vergadering__tafel=tafel)
    acties = list(
        acties_qs.annotate(gereed_op=Subquery(gereed_op)).values(
            "id", "omschrijving", "deadline", "status", "gereed_op", "eigenaar_organisatie_id",
            "eigenaar_persoon__organisatie_id", "agendapunt__vergadering__tafel__naam", "agendapunt__vergadering_id",
        )
    )
    for a in acties:
        a["organisatie_id"] = a["eigenaar_organisatie_id"] or a["eigenaar_persoon__organisatie_id"]
    if organisatie is not None:
        acties = [a for a in acties if a["organisatie_id"] == organisatie.pk]

    # 7–8: commitments in money and hours overlapping the window, and what was delivered.
    toezeggingen_qs = Toezegging.objects.filter(
        jaar_van__lte=eind.year, jaar_tot__gte=begin.year, eenheid__in=[Toezegging.Eenheid.EURO, Toezegging.Eenheid.UREN]
    )
    if organisatie is not None:
        toezeggingen_qs = toezeggingen_qs.filter(deelname__organisatie=organisatie)
    if tafel is not None:
        toezeggingen_qs = toezeggingen_qs.filter(deelname__coalitie__tafel=tafel)
    # Summed in the database per unit and run of years (a handful of rows, not every commitment): the
    # network's totals per period are sums, so a group counts as one commitment of its total amount.
    groep = ("eenheid", "jaar_van", "jaar_tot")
    toezeggingen = [
        {**t, "id": tuple(t[v] for v in groep)}
        for t in toezeggingen_qs.values(*groep).annotate(hoeveelheid=Sum("hoeveelheid")).order_by()
    ]
    realisaties = defaultdict(list)
    for r in (
        Realisatie.objects.filter(toezegging__in=toezeggingen_qs.values("pk"), jaar__gte=begin.year, jaar__lte=eind.year)
        .values(*(f"toezegging__{v}" for v in groep), "jaar", "kwartaal").annotate(som=Sum("hoeveelheid")).order_by()
    ):
        realisaties[tuple(r[f"toezegging__{v}"] for v in groep)].append({**r, "hoeveelheid": r["som"]})

    # 9–10: coalitions that ask for a choice with the organisations that chose, and the deelnames counted
    # per variant, organisation and table (a few hundred rows, not every deelname).
    coalities = list(
        Coalitie.objects.filter(status__in=KEUZE_VERPLICHT, tafel__isnull=False)
        .only("id", "naam", "status", "tafel_id")
        .annotate(gekozen_ids=IdLijst("deelnames__organisatie_id"))
        .order_by("naam")
    )
    deelname_aantallen = list(
        Deelname.objects.values("variant", "organisatie_id", "coalitie__tafel_id").annotate(n=Count("id")).order_by()
    )

    # 11: escalations open now or during the window.
    escalaties_alle = list(
        Escalatie.objects.select_related("tafel", "coalitie", "organisatie", "ingediend_door").filter(
            geopend_op__lte=eind).exclude(status=Escalatie.Status.GESLOTEN, gesloten_op__lt=begin).order_by("geopend_op", "id")
    )

    # 12: coördinerend ambtenaren per organisation; 13: ambtenaren per theme.
    coordinerend = set(
        Rol.objects.filter(rol=Rol.Soort.COORDINEREND_AMBTENAAR, gebruiker__is_active=True)
        .values_list("gebruiker__organisatie_id", flat=True)
    )
    per_thema = defaultdict(set)
    for thema_id, org_id in Themaambtenaar.objects.values_list("thema_id", "organisatie_id"):
        per_thema[thema_id].add(org_id)

    # 14: the standard-process steps each table completed (items of held meetings; the standing item on
    # open actions is no step).
    stappen = defaultdict(set)
    for tafel_id, stap in (
        Agendapunt.objects.filter(vergadering__status__in=GEHOUDEN, processtap__in=STANDAARDPROCES,
                                  vergadering__tafel_id__in=scope_tafels, vast_punt_actiepunten=False)
        .values_list("vergadering__tafel_id", "processtap").distinct()
    ):
        stappen[tafel_id].add(stap)

    # 15: reflection answers of the rounds of these periods.
    antwoorden = list(
        Reflectieantwoord.objects.filter(ronde__periode__in=[p.code for p in perioden])
        .values("ronde__periode", "organisatie_id", "organisatie__naam", *SCORES)
    )
    if organisatie is not None:
        antwoorden = [a for a in antwoorden if a["organisatie_id"] == organisatie.pk]

    # 16: the latest progress report of each coalition, for knelpunten to raise (17: deelnames far below
    # their commitment, in _knelpunten).
    kritiek = list(
        nieuwste_per(
            Voortgangsrapportage.objects.filter(status=Voortgangsrapportage.Status.KRITIEK).select_related("coalitie"),
            "coalitie_id", "-jaar", "-kwartaal",
        )
    )

    # --- per period ---------------------------------------------------------------------------------
    details: dict[str, tuple[Decimal | None, str, str]] = {}
    weken = signaleringstermijn_weken()
    for p in perioden:
        peil = min(p.eind, vandaag)
        # papers on time
        in_p = [s for s in stukken if p.begin <= s["datum"] <= p.eind and s["eerste"] is not None]
        op_tijd = [s for s in in_p if s["op_tijd"]]
        w = rules.percentage(len(op_tijd), len(in_p))
        details[("stukken_op_tijd", p.code)] = (w, _pct(w), _("%(n)s van %(m)s stukken op tijd") % {"n": len(op_tijd), "m": len(in_p)})
        # actions done on time
        verlopen = [a for a in acties if p.begin <= a["deadline"] <= p.eind and a["deadline"] < vandaag]
        tijdig = [a for a in verlopen if a["gereed_op"] is not None and timezone.localtime(a["gereed_op"]).date() <= a["deadline"]]
        w = rules.percentage(len(tijdig), len(verlopen))
        details[("acties_op_tijd", p.code)] = (w, _pct(w), _("%(n)s van %(m)s actiepunten op tijd gereed") % {"n": len(tijdig), "m": len(verlopen)})
        # commitments delivered vs promised
        for eenheid, code in ((Toezegging.Eenheid.EURO, "geld_geleverd"), (Toezegging.Eenheid.UREN, "uren_geleverd")):
            beloofd, geleverd = _levering([t for t in toezeggingen if t["eenheid"] == eenheid], realisaties, p)
            w = rules.percentage(geleverd, beloofd)
            fmt = _geld if eenheid == Toezegging.Eenheid.EURO else (lambda x: _getal(x) + " " + _("uur"))
            details[(code, p.code)] = (w, _pct(w), _("%(g)s geleverd van %(b)s toegezegd") % {"g": fmt(geleverd), "b": fmt(beloofd)})
        # meetings held vs planned
        gepland = [v for v in vergaderingen if p.begin <= v["datum"] <= p.eind and v["begint_om"] <= nu]
        gehouden = [v for v in gepland if v["status"] in GEHOUDEN]
        w = rules.percentage(len(gehouden), len(gepland))
        details[("vergaderingen_gehouden", p.code)] = (w, _pct(w), _("%(n)s van %(m)s geplande vergaderingen gehouden") % {"n": len(gehouden), "m": len(gepland)})
        # escalations open longer than the set weeks at the end of the period
        open_op = [e for e in _in_scope(escalaties_alle, organisatie, tafel)
                   if e.geopend_op <= peil and (e.gesloten_op is None or e.gesloten_op > peil)]
        te_lang = [e for e in open_op if rules.te_lang_open(geopend_op=e.geopend_op, vandaag=peil, open_=True, weken=weken)]
        details[("escalaties_te_lang_open", p.code)] = (
            Decimal(len(te_lang)), str(len(te_lang)),
            _("%(n)s van %(m)s open escalaties langer dan %(w)s weken open") % {"n": len(te_lang), "m": len(open_op), "w": weken})
        # reflection
        scores = [a[s] for a in antwoorden if a["ronde__periode"] == p.code for s in SCORES]
        w = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1")) if scores else None
        aantal = len({a["organisatie_id"] for a in antwoorden if a["ronde__periode"] == p.code})
        details[("reflectie_gemiddeld", p.code)] = (
            w, "—" if w is None else f"{w}".replace(".", ","), _("gemiddelde score (1–5) van %(n)s antwoorden") % {"n": aantal})

    # current-state indicators: choices still open, coördinerend ambtenaar present
    nog_geen_keuze = []
    for c in coalities:
        if tafel is not None and c.tafel_id != tafel.pk:
            continue
        gekozen = set(c.gekozen_ids)
        open_ = [gemeente_namen[o] for o in sorted(deelnemend_per_tafel.get(c.tafel_id, ()), key=lambda o: gemeente_namen.get(o, ""))
                 if o in gemeente_namen and o not in gekozen and (organisatie is None or o == organisatie.pk)]
        if open_:
            nog_geen_keuze.append((c, open_))
    aantal_open = sum(len(g) for _c, g in nog_geen_keuze)
    if organisatie is not None:
        met_coordinator = 1 if organisatie.pk in coordinerend else 0
        noemer = 1
    else:
        met_coordinator = sum(1 for g in gemeenten if g.pk in coordinerend)
        noemer = len(gemeenten)
    coord_waarde = rules.percentage(met_coordinator, noemer)
    for p in perioden:
        details[("nog_geen_keuze", p.code)] = (
            Decimal(aantal_open), str(aantal_open), _("%(n)s keuzes voor een deelnamevariant staan nog open") % {"n": aantal_open})
        details[("coordinerend_ambtenaar", p.code)] = (
            coord_waarde, _pct(coord_waarde),
            _("%(n)s van %(m)s gemeenten hebben een coördinerend ambtenaar") % {"n": met_coordinator, "m": noemer})

    labels = {
        "stukken_op_tijd": _("Stukken op tijd"),
        "acties_op_tijd": _("Actiepunten op tijd gereed"),
        "geld_geleverd": _("Toezeggingen in geld geleverd"),
        "uren_geleverd": _("Toezeggingen in uren geleverd"),
        "vergaderingen_gehouden": _("Vergaderingen gehouden"),
        "nog_geen_keuze": _("Nog geen keuze voor een deelnamevariant"),
        "escalaties_te_lang_open": _("Escalaties te lang open"),
        "coordinerend_ambtenaar": _("Coördinerend ambtenaar aanwezig"),
        "reflectie_gemiddeld": _("Reflectie: gemiddelde score"),
    }
    eenheden = {"nog_geen_keuze": "", "escalaties_te_lang_open": "", "reflectie_gemiddeld": ""}
    indicatoren = []
    for code, label in labels.items():
        waarde, weergave, toelichting = details[(code, periode.code)]
        kleur, reden = rules.kleur(code, waarde)
        reeks = [(p.code, details[(code, p.code)][0]) for p in perioden]
        indicatoren.append(Indicator(
            code=code, label=label, waarde=waarde, weergave=weergave, toelichting=toelichting, kleur=kleur,
            reden=reden, eenheid=eenheden.get(code, "%"), reeks=reeks,
            trend=rules.trend([w for _p, w in reeks], hoger_beter=rules.DREMPELS[code].hoger_beter),
        ))

    # lists for the dashboard
    late_stukken = [
        s for s in stukken if s["eerste"] is not None and periode.begin <= s["datum"] <= periode.eind and not s["op_tijd"]
    ]
    te_late_acties = sorted(
        (a for a in acties if a["status"] == Actiepunt.Status.OPEN and a["deadline"] < vandaag),
        key=lambda a: a["deadline"],
    )
    escalaties_open = [e for e in _in_scope(escalaties_alle, organisatie, tafel) if e.is_open]
    for e in escalaties_open:
        e.te_lang_open = rules.te_lang_open(geopend_op=e.geopend_op, vandaag=vandaag, open_=True, weken=weken)
        e.weken_open = (vandaag - e.geopend_op).days // 7

    per_variant = Counter()
    for d in deelname_aantallen:
        if (organisatie is None or d["organisatie_id"] == organisatie.pk) and (tafel is None or d["coalitie__tafel_id"] == tafel.pk):
            per_variant[d["variant"]] += d["n"]
    processtand = []
    labels_stap = dict(Processtap.choices)
    for t in tafels:
        if t.pk not in scope_tafels:
            continue
        gedaan = [s for s in STANDAARDPROCES if s in stappen[t.pk]]
        laatste = gedaan[-1] if gedaan else None
        processtand.append(Processtand(t, laatste, str(labels_stap[laatste]) if laatste else _("Nog geen stap afgerond")))

    werkorganisatie = []
    for g in gemeenten:
        if (organisatie is None or organisatie.pk == g.pk) and g.pk not in coordinerend:
            werkorganisatie.append(_("%(g)s heeft geen coördinerend ambtenaar.") % {"g": g.naam})
    for t in tafels:
        if t.pk not in scope_tafels:
            continue
        ontbreekt = [gemeente_namen[o] for o in deelnemend_per_tafel[t.pk]
                     if o in gemeente_namen and o not in per_thema[t.thema_id] and (organisatie is None or o == organisatie.pk)]
        if ontbreekt:
            werkorganisatie.append(_("%(tafel)s: geen ambtenaar voor dit thema uit %(g)s.") % {
                "tafel": t.naam, "g": ", ".join(sorted(ontbreekt))})

    huidige = [a for a in antwoorden if a["ronde__periode"] == periode.code]
    reflectie = []
    for veld, label in DIMENSIES:
        waarden = [a[veld] for a in huidige]
        reflectie.append((str(label), (Decimal(sum(waarden)) / len(waarden)).quantize(Decimal("0.1")) if waarden else None))
    per_gemeente = {a["organisatie__naam"]: [a[s] for s in SCORES] for a in sorted(huidige, key=lambda a: a["organisatie__naam"])}

    knelpunten = _knelpunten(kritiek, toezeggingen_qs, periode, escalaties_alle, tafel)

    return Monitor(
        periode=periode, perioden=perioden, organisatie=organisatie, tafel=tafel, indicatoren=indicatoren,
        processtand=processtand,
        deelname_per_variant=[(label, per_variant.get(code, 0)) for code, label in Deelname.Variant.choices],
        nog_geen_keuze=nog_geen_keuze, late_stukken=late_stukken, te_late_acties=te_late_acties,
        escalaties_open=escalaties_open, werkorganisatie=werkorganisatie, reflectie=reflectie,
        reflectie_per_gemeente=per_gemeente, knelpunten=knelpunten, vandaag=vandaag,
        geldig_tot=min((v["begint_om"] for v in vergaderingen if v["begint_om"] > nu), default=None),
    )


# Every table monitor() reads; a committed write to any of them changes the stamp.
BRONNEN = (
    BestuurlijkeTafel, Thema, Lidmaatschap, Organisatie, Vergadering, Agendapunt, Stuk, Stukversie, Actiepunt,
    Toezegging, Realisatie, Deelname, Coalitie, Voortgangsrapportage, Escalatie, Rol, Gebruiker, Themaambtenaar,
    Reflectieronde, Reflectieantwoord,
)

# Kept monitors of this process: per database, input stamp, period, scope, day, language and term.
bewaard: bewaren.Bewaarplaats[Monitor] = bewaren.Bewaarplaats(maximum=32)


def bewaarde_monitor(
    *, periode: rules.Periode, organisatie: Organisatie | None = None, tafel: BestuurlijkeTafel | None = None,
) -> Monitor:
    """``monitor()`` for today, kept in this process until an input changes, the day changes or a meeting
    in the window starts: one query when kept, else one and monitor()'s 17.

    The returned Monitor is shared between requests: read it, never change it.
    """
    vandaag = timezone.localdate()
    sleutel = (
        periode.code, organisatie.pk if organisatie is not None else None, tafel.pk if tafel is not None else None,
        vandaag, signaleringstermijn_weken(),
    )
    return bewaren.bewaard(
        bewaard, BRONNEN, sleutel, lambda: monitor(periode=periode, organisatie=organisatie, tafel=tafel, vandaag=vandaag)
    )


def _in_scope(escalaties: list[Escalatie], organisatie: Organisatie | None, tafel: BestuurlijkeTafel | None) -> list[Escalatie]:
    if tafel is not None:
        return [e for e in escalaties if e.tafel_id == tafel.pk or (e.coalitie is not None and e.coalitie.tafel_id == tafel.pk)]
    if organisatie is not None:
        return [e for e in escalaties if organisatie.pk in (e.organisatie_id, e.ingediend_door.organisatie_id,
                                                             e.coalitie.trekker_id if e.coalitie else None)]
    return escalaties


def _deel_van_jaar(p: rules.Periode) -> tuple[Decimal, set[int]]:
    """The share of a year a period covers, and its quarters."""
    kwartalen = {(m - 1) // 3 + 1 for m in range(p.begin.month, p.eind.month + 1)}
    return Decimal(len(kwartalen)) / 4, kwartalen


def _levering(
    toezeggingen: list[dict], realisaties: dict, p: rules.Periode, organisatie_id: int | None = None,
    deel: tuple[Decimal, set[int]] | None = None,
) -> tuple[Decimal, Decimal]:
    """(promised, delivered) in the period: per-year amounts pro rata; a yearly realisation pro rata too.

    ``deel`` is ``_deel_van_jaar(p)`` when the caller computed it already (once for many calls).
    """
    deel, kwartalen = deel or _deel_van_jaar(p)
    jaar = p.begin.year
    beloofd = geleverd = jaarrealisatie = Decimal(0)
    for t in toezeggingen:
        if organisatie_id is not None and t["deelname__organisatie_id"] != organisatie_id:
            continue
        if not t["jaar_van"] <= jaar <= t["jaar_tot"]:
            continue
        beloofd += t["hoeveelheid"] or 0
        for r in realisaties.get(t["id"], ()):
            if r["jaar"] != jaar or r["hoeveelheid"] is None:
                continue
            if r["kwartaal"] is None:
                jaarrealisatie += r["hoeveelheid"]
            elif r["kwartaal"] in kwartalen:
                geleverd += r["hoeveelheid"]
    geleverd += jaarrealisatie * deel
    return (beloofd * deel).quantize(Decimal("0.01")), geleverd.quantize(Decimal("0.01"))


def _onder_de_toezegging(toezeggingen_qs, periode: rules.Periode) -> list[dict]:
    """Per deelname with commitments in money or hours in ``periode``'s year: what it promised for the
    period and delivered, only where it delivered less than half. One query: the database sums per
    deelname with hash joins (correlated subqueries per deelname cost seconds at 15,000 deelnames) and
    filters with a cent of margin, so the exact rounding of ``_levering`` decides below."""
    deel, kwartalen = _deel_van_jaar(periode)
    jaar = periode.begin.year
    actief_sql, actief_params = (
        toezeggingen_qs.filter(jaar_van__lte=jaar, jaar_tot__gte=jaar)
        .values("id", "deelname_id", "hoeveelheid").order_by().query.sql_with_params()
    )
    tabel = {m.__name__: m._meta.db_table for m in (Realisatie, Deelname, Coalitie, Organisatie)}
    kwartalen_sql = ", ".join(["%s"] * len(kwartalen)) or "NULL"
    sql = f"""
        WITH actief (id, deelname_id, hoeveelheid) AS ({actief_sql}),
        beloofd AS (SELECT deelname_id, SUM(hoeveelheid) AS beloofd FROM actief GROUP BY deelname_id),
        geleverd AS (
            SELECT a.deelname_id,
                   SUM(CASE WHEN r.kwartaal IN ({kwartalen_sql}) THEN r.hoeveelheid ELSE 0 END) AS per_kwartaal,
                   SUM(CASE WHEN r.kwartaal IS NULL THEN r.hoeveelheid ELSE 0 END) AS per_jaar
            FROM {tabel["Realisatie"]} r JOIN actief a ON a.id = r.toezegging_id
            WHERE r.jaar = %s
            GROUP BY a.deelname_id
        )
        SELECT d.coalitie_id, d.organisatie_id, c.naam, o.naam, b.beloofd,
               COALESCE(g.per_kwartaal, 0), COALESCE(g.per_jaar, 0)
        FROM beloofd b
        JOIN {tabel["Deelname"]} d ON d.id = b.deelname_id
        JOIN {tabel["Coalitie"]} c ON c.id = d.coalitie_id
        JOIN {tabel["Organisatie"]} o ON o.id = d.organisatie_id
        LEFT JOIN geleverd g ON g.deelname_id = b.deelname_id
        WHERE b.beloofd > 0
          AND COALESCE(g.per_kwartaal, 0) + COALESCE(g.per_jaar, 0) * %s < b.beloofd * %s / 2 + 0.01
        ORDER BY c.naam, o.naam, d.id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*actief_params, *sorted(kwartalen), jaar, deel, deel])
        rijen = cursor.fetchall()
    uitkomst = []
    for coalitie_id, organisatie_id, coalitie_naam, organisatie_naam, beloofd, per_kwartaal, per_jaar in rijen:
        # SQLite (make run) returns its sums as floats or integers, PostgreSQL as Decimal.
        beloofd, per_kwartaal, per_jaar = (Decimal(str(w)) for w in (beloofd, per_kwartaal, per_jaar))
        beloofd = (beloofd * deel).quantize(Decimal("0.01"))
        geleverd = (per_kwartaal + per_jaar * deel).quantize(Decimal("0.01"))
        if beloofd > 0 and geleverd < beloofd / 2:
            uitkomst.append({"coalitie_id": coalitie_id, "organisatie_id": organisatie_id, "coalitie__naam": coalitie_naam,
                             "organisatie__naam": organisatie_naam, "beloofd": beloofd, "geleverd": geleverd})
    return uitkomst


def _knelpunten(kritiek, toezeggingen_qs, periode, escalaties, tafel) -> list[dict]:
    """Coalitions whose latest report says kritiek, and gemeenten far below their commitment, not yet raised."""
    open_coalities = {e.coalitie_id for e in escalaties if e.is_open}
    al_open = {(e.coalitie_id, e.organisatie_id) for e in escalaties if e.is_open}
    uitkomst = []
    gezien = set()
    for r in kritiek:
        if r.coalitie_id in gezien:
            continue
        gezien.add(r.coalitie_id)
        if (tafel is not None and r.coalitie.tafel_id != tafel.pk) or r.coalitie_id in open_coalities:
            continue
        uitkomst.append({"soort": "kritiek", "coalitie": r.coalitie, "organisatie": None,
                         "titel": _("%(c)s: voortgang kritiek (%(p)s)") % {"c": r.coalitie.naam, "p": r.periode}})
    sjabloon = _("%(g)s levert ver onder de toezegging aan %(c)s (%(p)s van de toezegging)")
    for r in _onder_de_toezegging(toezeggingen_qs, periode):
        if (r["coalitie_id"], r["organisatie_id"]) in al_open:
            continue
        uitkomst.append({"soort": "levering", "coalitie_id": r["coalitie_id"], "organisatie_id": r["organisatie_id"],
                         "titel": sjabloon % {
                             "g": r["organisatie__naam"], "c": r["coalitie__naam"],
                             "p": _pct(rules.percentage(r["geleverd"], r["beloofd"]))}})
    return uitkomst
