"""Reads of the tafels app: who may see what, and page data in a fixed number of queries."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.utils import timezone

from documenten.models import Documentinzage, Documentopdracht
from documenten.services import mag_opnieuw
from drechtsteden import bewaren
from drechtsteden.expressies import IsEenVan, samen
from drechtsteden.models import Gebruiker, Organisatie, Thema

from .models import (
    Aanmelding,
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Ambitie,
    BestuurlijkeTafel,
    Besluit,
    Lidmaatschap,
    Pakketversie,
    PriveNotitie,
    Stem,
    Stemming,
    Stuk,
    Stukversie,
    Vergadering,
    is_te_laat,
)
from .permissions import (
    NETWERKROLLEN,
    mag_aanmelden,
    mag_agendapakket_maken,
    mag_agendapakket_verzenden,
    mag_concept_zien,
    mag_vergaderingen_zien,
    tafel_leden_ids,
)

def tafels_overzicht() -> QuerySet[BestuurlijkeTafel]:
    """All tables with member counts, opt-outs and partners, current ambition and next meeting: 3 queries."""
    volgende = Vergadering.objects.filter(tafel=OuterRef("pk"), begint_om__gte=timezone.now()).order_by("begint_om")
    return (
        BestuurlijkeTafel.objects.thematafels()
        .select_related("thema", "voorzitter", "secretaris")
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
    aantal_vergaderingen: int  # every meeting the user may see (the meetings page lists them)
    volgende_vergadering: Vergadering | None
    besluiten: list[Besluit]
    open_actiepunten: list[Actiepunt]
    mag_vergaderingen_zien: bool
    mag_concept_zien: bool
    komende: list[Vergadering] = field(default_factory=list)  # the next few, soonest first
    eerdere: list[Vergadering] = field(default_factory=list)  # the last few, newest first

    @property
    def aantal_getoond(self) -> int:
        return len(self.komende) + len(self.eerdere)


TAFEL_VERGADERINGEN = 5  # upcoming and past meetings each on the table page; all are on the meetings page


def zichtbare_vergaderingen_van(tafel: BestuurlijkeTafel, *, zien: bool, concept: bool) -> QuerySet[Vergadering]:
    """The table's meetings the user may see, given ``mag_vergaderingen_zien`` and ``mag_concept_zien``."""
    vergaderingen = Vergadering.objects.filter(tafel=tafel)
    if not concept:
        vergaderingen = vergaderingen.exclude(status=Vergadering.Status.CONCEPT)
    if not zien:
        vergaderingen = vergaderingen.filter(status=Vergadering.Status.CONCEPT)
    return vergaderingen


# An action as a list shows it: what, whose, by when, and its status (the secretary changes it there).
ACTIEREGEL = (
    "omschrijving", "deadline", "status", "eigenaar_persoon", "eigenaar_organisatie__naam",
    *Gebruiker.naamvelden("eigenaar_persoon"),
)


def open_actiepunten_van(tafel_pk: int, *, voor: datetime.datetime | None = None) -> QuerySet[Actiepunt]:
    """The open actions of a table's meetings (held before ``voor``), with their owners."""
    vergaderingen = Vergadering.objects.filter(tafel_id=tafel_pk)
    if voor is not None:
        vergaderingen = vergaderingen.filter(begint_om__lt=voor)
    return Actiepunt.objects.filter(
        IsEenVan("agendapunt__vergadering_id", vergaderingen.values("pk")), status=Actiepunt.Status.OPEN
    ).select_related("eigenaar_persoon", "eigenaar_organisatie")


# What the table page reads; a committed write to any of them changes the stamp its parts are kept under.
TAFELPAGINA_BRONNEN = (
    BestuurlijkeTafel, Thema, Gebruiker, Organisatie, Lidmaatschap, Ambitie, Vergadering, Agendapunt, Besluit, Actiepunt,
)
# Kept in this process: each table with its members and ambitions, and per table what members, the secretary
# and chair, and others see of its meetings, decisions and actions.
bewaarde_tafels: bewaren.Bewaarplaats[BestuurlijkeTafel] = bewaren.Bewaarplaats(
    maximum=64, alleen_nieuwste_stempel=True
)
bewaarde_tafelinhoud: bewaren.Bewaarplaats[_TafelInhoud] = bewaren.Bewaarplaats(
    maximum=256, alleen_nieuwste_stempel=True
)


def tafel_pagina(*, tafel_pk: int, gebruiker: Gebruiker) -> TafelPagina:
    """Everything the table page shows, in a fixed number of queries: of the meetings only the next and the
    last few and how many there are (a table meets for years). Kept until one of its tables changes (one query,
    read once per request) or the next meeting starts; the table and its lists are shared: never change them."""
    tafel = bewaren.bewaard(bewaarde_tafels, TAFELPAGINA_BRONNEN, (tafel_pk,), lambda: _tafel_met_leden(tafel_pk))
    leden_ids = tafel_leden_ids(tafel)
    zien = mag_vergaderingen_zien(gebruiker, tafel, leden_ids)
    concept = mag_concept_zien(gebruiker, tafel, leden_ids)
    inhoud = bewaren.bewaard(
        bewaarde_tafelinhoud, TAFELPAGINA_BRONNEN, (tafel_pk, zien, concept), lambda: _tafel_inhoud(tafel, zien, concept)
    )
    return TafelPagina(
        tafel=tafel,
        leden=tafel.leden_lijst,
        komende=inhoud.komende,
        eerdere=inhoud.eerdere,
        ambitie=tafel.ambities_lijst[0] if tafel.ambities_lijst else None,
        eerdere_ambities=tafel.ambities_lijst[1:],
        aantal_vergaderingen=inhoud.aantal_vergaderingen,
        volgende_vergadering=inhoud.komende[0] if inhoud.komende else None,
        besluiten=inhoud.besluiten,
        open_actiepunten=inhoud.open_actiepunten,
        mag_vergaderingen_zien=zien,
        mag_concept_zien=concept,
    )


def _tafel_met_leden(tafel_pk: int) -> BestuurlijkeTafel:
    return (
        BestuurlijkeTafel.objects.select_related("thema", "voorzitter", "secretaris")
        .defer(*Gebruiker.behalve_naam("voorzitter"), *Gebruiker.behalve_naam("secretaris"))
        .prefetch_related(
            Prefetch(
                "lidmaatschappen",
                queryset=Lidmaatschap.objects.select_related("organisatie", "vertegenwoordiger")
                .defer(*Gebruiker.behalve_naam("vertegenwoordiger"))
                .order_by("status", "organisatie__naam"),
                to_attr="leden_lijst",
            ),
            Prefetch("ambities", queryset=Ambitie.objects.order_by("-versie"), to_attr="ambities_lijst"),
        )
        .get(pk=tafel_pk)
    )


@dataclass(frozen=True)
class _TafelInhoud:
    komende: list[Vergadering]
    eerdere: list[Vergadering]
    aantal_vergaderingen: int
    besluiten: list[Besluit]
    open_actiepunten: list[Actiepunt]
    geldig_tot: datetime.datetime | None  # the next meeting then moves from "komende" to "eerdere"


def _tafel_inhoud(tafel: BestuurlijkeTafel, zien: bool, concept: bool) -> _TafelInhoud:
    nu = timezone.now()
    # The next few and the last few in one query (two limited selects), each with how many there are in all
    # (a window count, taken before the limit); a union's order is not kept.
    zichtbaar = zichtbare_vergaderingen_van(tafel, zien=zien, concept=concept).annotate(aantal=Window(Count("pk")))
    gekozen = samen(
        zichtbaar.filter(begint_om__gte=nu).order_by("begint_om")[:TAFEL_VERGADERINGEN],
        zichtbaar.filter(begint_om__lt=nu).order_by("-begint_om")[:TAFEL_VERGADERINGEN],
    )
    komende = sorted((v for v in gekozen if v.begint_om >= nu), key=lambda v: (v.begint_om, v.pk))
    eerdere = sorted((v for v in gekozen if v.begint_om < nu), key=lambda v: (v.begint_om, v.pk), reverse=True)
    besluiten: list[Besluit] = []
    acties: list[Actiepunt] = []
    if zien:
        # Only what the page shows: the text and the date of the meeting.
        besluiten = list(
            Besluit.objects.filter(agendapunt__vergadering__tafel=tafel)
            .exclude(agendapunt__vergadering__status=Vergadering.Status.CONCEPT)
            .annotate(vergaderdatum=F("agendapunt__vergadering__begint_om"))
            .only("tekst")
            .order_by("-agendapunt__vergadering__begint_om", "agendapunt__volgorde", "id")[:20]
        )
        acties = list(open_actiepunten_van(tafel.pk).only(*ACTIEREGEL).order_by("deadline", "id"))
    return _TafelInhoud(
        komende=komende,
        eerdere=eerdere,
        aantal_vergaderingen=sum({v.begint_om >= nu: v.aantal for v in gekozen}.values()),
        besluiten=besluiten,
        open_actiepunten=acties,
        geldig_tot=komende[0].begint_om if komende else None,
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
    aanmeldingen: dict[int, list[Aanmelding]] = field(default_factory=dict)
    verwacht: dict[int, str] = field(default_factory=dict)


def _agendapunten_met_uitkomsten(vergadering: Vergadering) -> QuerySet[Agendapunt]:
    """The meeting's agenda items in order, each with its decisions (and their votes) and actions: three queries,
    four when a decision was put to the vote."""
    return (
        vergadering.agendapunten.prefetch_related(
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


def besluitenlijst_punten(*, vergadering: Vergadering) -> list[Agendapunt]:
    """The agenda items on the meeting's decision list: those with decisions or actions, in agenda order."""
    return [
        punt for punt in _agendapunten_met_uitkomsten(vergadering)
        if punt.besluiten_lijst or punt.actiepunten_lijst
    ]


def leden_aan_tafel(tafel: BestuurlijkeTafel) -> list[Lidmaatschap]:
    """The memberships of the organisations at the table, by name, with their representative: one query."""
    return list(
        tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL)
        .select_related("organisatie", "vertegenwoordiger")
        .defer(*Gebruiker.behalve_naam("vertegenwoordiger"))
        .order_by("organisatie__naam")
    )


# What the meeting page reads: every table of this app (history included) and the names it shows. A committed
# write to any of them changes the stamp its parts are kept under.
VERGADERPAGINA_BRONNEN = (
    *apps.get_app_config("tafels").get_models(include_auto_created=True), Gebruiker, Organisatie, Thema,
    Agendapunt._meta.get_field("coalitie").related_model,
)
bewaarde_vergaderingen: bewaren.Bewaarplaats = bewaren.Bewaarplaats(
    maximum=256, alleen_nieuwste_stempel=True
)


def vergadering_met_leden(pk: int) -> tuple[Vergadering, list[Lidmaatschap]]:
    """The meeting with its table and theme, and the members at the table (``leden_aan_tafel``), for the access
    check of the meeting page: two queries, or none when kept (raises Vergadering.DoesNotExist). Shared
    between requests: never change them (a write reads the meeting itself)."""
    def lees() -> tuple[Vergadering, list[Lidmaatschap]]:
        vergadering = Vergadering.objects.select_related("tafel", "tafel__thema").get(pk=pk)
        return vergadering, leden_aan_tafel(vergadering.tafel)

    return bewaren.bewaard(bewaarde_vergaderingen, VERGADERPAGINA_BRONNEN, ("toegang", pk), lees)


def vergadering_pagina(*, vergadering: Vergadering, leden: list[Lidmaatschap] | None = None) -> VergaderPagina:
    """The agenda with documents (late ones marked), attendance, decisions and carried-over actions; ``leden``
    (as ``leden_aan_tafel`` gives them) when the caller read them already. Kept until one of its tables
    changes; the lists are shared: never change them."""
    leden = leden_aan_tafel(vergadering.tafel) if leden is None else leden
    pagina = bewaren.bewaard(
        bewaarde_vergaderingen, VERGADERPAGINA_BRONNEN, ("pagina", vergadering.pk),
        lambda: _vergadering_pagina(vergadering, leden),
    )
    return dataclasses.replace(pagina, vergadering=vergadering, leden=leden)


def _vergadering_pagina(vergadering: Vergadering, leden: list[Lidmaatschap]) -> VergaderPagina:
    punten = list(_agendapunten_met_uitkomsten(vergadering).select_related("coalitie", "urgentietoets"))
    # The papers through their versions, in one query: a paper without a version is not shown anyway.
    versies_per_stuk: dict[int, list[Stukversie]] = {}
    stukken_per_punt: dict[int, list[Stuk]] = {}
    for versie in (
        Stukversie.objects.filter(stuk__agendapunt__vergadering=vergadering)
        .select_related("stuk").order_by("stuk__agendapunt", "stuk_id", "-versie")
    ):
        if versie.stuk_id not in versies_per_stuk:
            versies_per_stuk[versie.stuk_id] = []
            stukken_per_punt.setdefault(versie.stuk.agendapunt_id, []).append(versie.stuk)
        versies_per_stuk[versie.stuk_id].append(versie)
    regels = []
    totaal = op_tijd = 0
    for punt in punten:
        regel = AgendaRegel(punt=punt)
        for stuk in stukken_per_punt.get(punt.pk, []):
            versies = versies_per_stuk[stuk.pk]
            huidige = versies[0]
            te_laat = is_te_laat(versie=huidige, vergadering=vergadering)
            regel.stukken.append(StukRegel(stuk=stuk, huidige=huidige, eerdere=versies[1:], te_laat=te_laat))
            totaal += 1
            op_tijd += not te_laat
        regels.append(regel)
    minuten = sum(p.minuten for p in punten)
    overgenomen = list(
        open_actiepunten_van(vergadering.tafel_id, voor=vergadering.begint_om)
        .only(*ACTIEREGEL)
        .annotate(vergaderdatum=F("agendapunt__vergadering__begint_om"))
        .order_by("deadline", "id")
    )
    aanwezigheid = {a.organisatie_id: a for a in vergadering.aanwezigheden.all()}
    aanmeldingen: dict[int, list[Aanmelding]] = {}
    for aanmelding in vergadering.aanmeldingen.select_related("gebruiker", "vervanger").defer(
        *Gebruiker.behalve_naam("gebruiker"), *Gebruiker.behalve_naam("vervanger")
    ):
        aanmeldingen.setdefault(aanmelding.organisatie_id, []).append(aanmelding)
    # Recorded attendance starts from what the bestuurders said: present when anyone of the organisation comes.
    verwacht = {
        organisatie_id: (
            Aanwezigheid.Status.AANWEZIG
            if any(a.verwachte_aanwezigheid == Aanwezigheid.Status.AANWEZIG for a in lijst)
            else Aanwezigheid.Status.AFWEZIG_MET_BERICHT
        )
        for organisatie_id, lijst in aanmeldingen.items()
    }
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
        aanmeldingen=aanmeldingen,
        verwacht=verwacht,
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


# --- Dashboards ---------------------------------------------------------------------------------


@dataclass
class MijnVergadering:
    vergadering: Vergadering
    aanmelding: Aanmelding | None
    mag_aanmelden: bool
    besluitpunten: list[Agendapunt]
    pakket: Pakketversie | None = None  # the last version sent
    geopende_versie: int | None = None  # the last version this user downloaded
    notities: int = 0  # the user's private notes beside the meeting's items

    @property
    def pakket_gewijzigd(self) -> bool:
        """A newer version was sent after the user opened an earlier one."""
        return self.pakket is not None and self.geopende_versie is not None and self.pakket.nummer > self.geopende_versie


def mijn_vergaderingen(gebruiker: Gebruiker, limiet: int = 10) -> list[MijnVergadering]:
    """A bestuurder's next meetings with their own aan- or afmelding, the items to decide on and the
    agenda pack (the last version sent and the last one they opened) and their private notes: seven queries."""
    vergaderingen = komende_vergaderingen_voor(gebruiker, limiet=limiet)
    ids = [v.pk for v in vergaderingen]
    leden: dict[int, set[int]] = {}
    for tafel_id, organisatie_id in Lidmaatschap.objects.filter(
        tafel_id__in={v.tafel_id for v in vergaderingen}, status__in=Lidmaatschap.AAN_TAFEL
    ).values_list("tafel_id", "organisatie_id"):
        leden.setdefault(tafel_id, set()).add(organisatie_id)
    aanmeldingen = {
        a.vergadering_id: a
        for a in Aanmelding.objects.filter(vergadering_id__in=ids, gebruiker=gebruiker).select_related("vervanger")
    }
    besluitpunten: dict[int, list[Agendapunt]] = {}
    for punt in Agendapunt.objects.filter(vergadering_id__in=ids, soort=Agendapunt.Soort.BESLUITVORMING).order_by(
        "volgorde", "id"
    ):
        besluitpunten.setdefault(punt.vergadering_id, []).append(punt)
    pakketten: dict[int, Pakketversie] = {}
    for versie in Pakketversie.objects.filter(vergadering_id__in=ids).defer("inhoud", "wijzigingen").order_by("vergadering_id", "-nummer"):
        pakketten.setdefault(versie.vergadering_id, versie)
    geopend: dict[int, int] = {}
    for vergadering_id, nummer in Documentinzage.objects.filter(
        gebruiker=gebruiker, opdracht__pakketversie__vergadering_id__in=ids
    ).values_list("opdracht__pakketversie__vergadering_id", "opdracht__pakketversie__nummer"):
        geopend[vergadering_id] = max(nummer, geopend.get(vergadering_id, 0))
    notities = dict(
        PriveNotitie.objects.van(gebruiker).filter(agendapunt__vergadering_id__in=ids)
        .values_list("agendapunt__vergadering_id").annotate(aantal=Count("id")).order_by()
    )
    return [
        MijnVergadering(
            vergadering=v,
            aanmelding=aanmeldingen.get(v.pk),
            mag_aanmelden=mag_aanmelden(gebruiker, v, leden.get(v.tafel_id, set())),
            besluitpunten=besluitpunten.get(v.pk, []),
            pakket=pakketten.get(v.pk),
            geopende_versie=geopend.get(v.pk),
            notities=notities.get(v.pk, 0),
        )
        for v in vergaderingen
    ]


@dataclass
class Signalen:
    """What the network should look at: late papers, overdue actions (the open choices come from coalities)."""

    late_stukken: list[Stukversie]
    ontbrekende_stukken: list[Agendapunt]
    verlopen_acties: list[Actiepunt]


def netwerk_signalen(
    vandaag: datetime.date, *, tafel_id: int | None = None, organisatie_id: int | None = None
) -> Signalen:
    """Across all tables (or one): papers that came late or are missing after the deadline, overdue actions.

    Three queries. Meetings from 30 days ago onwards that are not yet held count; a paper is late when its
    current version arrived after the table's deadline.
    """
    vanaf = timezone.make_aware(datetime.datetime.combine(vandaag - datetime.timedelta(days=30), datetime.time()))
    vergaderingen = Vergadering.objects.filter(begint_om__gte=vanaf).exclude(
        status__in=[Vergadering.Status.CONCEPT, Vergadering.Status.BESLUITENLIJST_VASTGESTELD]
    )
    acties = Actiepunt.objects.filter(status=Actiepunt.Status.OPEN, deadline__lt=vandaag)
    if tafel_id is not None:
        vergaderingen = vergaderingen.filter(tafel_id=tafel_id)
        acties = acties.filter(agendapunt__vergadering__tafel_id=tafel_id)
    if organisatie_id is not None:
        acties = acties.filter(
            Q(eigenaar_organisatie_id=organisatie_id) | Q(eigenaar_persoon__organisatie_id=organisatie_id)
        )
    huidige_versie = Stukversie.objects.filter(stuk=OuterRef("stuk")).order_by("-versie").values("pk")[:1]
    late_stukken = [
        versie
        for versie in Stukversie.objects.filter(stuk__agendapunt__vergadering__in=vergaderingen, pk=Subquery(huidige_versie))
        .select_related("stuk__agendapunt__vergadering__tafel")
        .order_by("stuk__agendapunt__vergadering__begint_om", "pk")
        if is_te_laat(versie=versie, vergadering=versie.stuk.agendapunt.vergadering)
    ]
    ontbrekend = [
        punt
        for punt in Agendapunt.objects.filter(vergadering__in=vergaderingen.exclude(status=Vergadering.Status.GEHOUDEN))
        .exclude(soort=Agendapunt.Soort.INFORMATIE)
        .annotate(aantal_stukken=Count("stukken"))
        .filter(aantal_stukken=0)
        .select_related("vergadering__tafel")
        .order_by("vergadering__begint_om", "volgorde", "id")
        if punt.vergadering.deadline_verstreken
    ]
    return Signalen(
        late_stukken=late_stukken,
        ontbrekende_stukken=ontbrekend,
        verlopen_acties=list(
            acties.select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering__tafel").order_by(
                "deadline", "id"
            )
        ),
    )
def prive_notities(*, gebruiker: Gebruiker, vergadering: Vergadering) -> dict[int, PriveNotitie]:
    """The user's own private notes on the meeting's agenda items, by agenda item: one query."""
    if not gebruiker.is_authenticated:
        return {}
    return {
        n.agendapunt_id: n
        for n in PriveNotitie.objects.van(gebruiker).filter(agendapunt__vergadering=vergadering)
    }
@dataclass
class Pakketblok:
    opdracht: object | None
    mag_opnieuw: bool
    versies: list
    volgende_versie: int
    mag_maken: bool
    mag_verzenden: bool


def agendapakket_blok(*, vergadering: Vergadering, gebruiker: Gebruiker, leden_ids: set[int] | None = None) -> Pakketblok:
    """The meeting page's agenda pack block: the latest job, the sent versions and the user's rights (2 queries,
    3 without ``leden_ids``, the organisations at the table, when the page has read them already)."""
    opdracht = (
        Documentopdracht.objects.filter(soort="agendapakket", parameters__vergadering=vergadering.pk)
        .order_by("-aangemaakt_op", "-id").first()
    )
    versies = list(
        Pakketversie.objects.filter(vergadering=vergadering).select_related("verzonden_door", "opdracht").order_by("-nummer")
    )
    if leden_ids is None and not (gebruiker.is_beheerder or gebruiker.pk == vergadering.tafel.secretaris_id):
        leden_ids = tafel_leden_ids(vergadering.tafel)
    maken = mag_agendapakket_maken(gebruiker, vergadering, leden_ids)
    return Pakketblok(
        opdracht=opdracht,
        mag_opnieuw=bool(opdracht and maken and mag_opnieuw(opdracht)),
        versies=versies,
        volgende_versie=(versies[0].nummer + 1) if versies else 1,
        mag_maken=maken,
        mag_verzenden=mag_agendapakket_verzenden(gebruiker, vergadering, leden_ids),
    )


# What ``vastgestelde_besluiten`` reads, for the pages that keep what they show of it.
BESLUIT_BRONNEN = (Besluit, Stemming, Agendapunt, Vergadering, BestuurlijkeTafel, Lidmaatschap)


def vastgestelde_besluiten(
    *, organisatie_id: int, van: datetime.date, tot: datetime.date, limiet: int | None = None,
    lidmaatschappen: list[Lidmaatschap] | None = None,
) -> list[Besluit]:
    """Decisions of the tables where the organisation takes part, from meetings whose decision list was adopted
    between ``van`` and ``tot``: one query, newest meeting first; at most ``limiet`` when given.
    ``lidmaatschappen``: all of the organisation's memberships, when the caller has read them already."""
    if lidmaatschappen is None:
        # The tables as a subquery, not a join: no duplicate rows to remove with DISTINCT, and a plan that does
        # not loop over every table per decision.
        tafels = Lidmaatschap.objects.filter(
            organisatie_id=organisatie_id, status__in=Lidmaatschap.AAN_TAFEL
        ).values("tafel_id")
    else:
        # Their ids as a list: PostgreSQL plans the query in half the time it takes with the subquery.
        tafels = [lid.tafel_id for lid in lidmaatschappen if lid.aan_tafel]
    besluiten = (
        Besluit.objects.filter(
            agendapunt__vergadering__status=Vergadering.Status.BESLUITENLIJST_VASTGESTELD,
            # The day bounds as moments in the current time zone (what __date compares), so an index can be used.
            agendapunt__vergadering__begint_om__gte=timezone.make_aware(datetime.datetime.combine(van, datetime.time.min)),
            agendapunt__vergadering__begint_om__lt=timezone.make_aware(
                datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min)
            ),
            agendapunt__vergadering__tafel_id__in=tafels,
        )
        .select_related("agendapunt__vergadering__tafel", "stemming")
        # What the raadsinformatie shows of each: fewer fields to read and set per object.
        .only(
            "agendapunt__titel", "agendapunt__vergadering__begint_om", "agendapunt__vergadering__tafel__naam",
            "tekst", "wijze", "stemming__uitkomst", "stemming__voor", "stemming__tegen",
        )
        .order_by("-agendapunt__vergadering__begint_om", "agendapunt__volgorde", "id")
    )
    return list(besluiten if limiet is None else besluiten[:limiet])
