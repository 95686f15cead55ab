"""Notifications from the bestuurlijke tafels: who hears about new papers, a sent pack, paper deadlines
and actions. The services call these after commit; the daily job calls ``dagelijks``."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker
from meldingen.models import Soort
from meldingen.services import in_het_nederlands, melden

from .models import Actiepunt, Agendapunt, Lidmaatschap, Pakketversie, Stukversie, Vergadering

# Paper deadlines are announced this many days ahead.
DEADLINE_VOORUIT_DAGEN = 3


def tafelleden(vergadering: Vergadering) -> list[Gebruiker]:
    """The table's members: representatives of the organisations at the table, chair and secretary."""
    tafel = vergadering.tafel
    ids = set(
        tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL, vertegenwoordiger__isnull=False)
        .values_list("vertegenwoordiger_id", flat=True)
    )
    ids |= {i for i in (tafel.voorzitter_id, tafel.secretaris_id) if i}
    return list(Gebruiker.objects.filter(pk__in=ids, is_active=True).order_by("sorteernaam", "username"))


def _datum(vergadering: Vergadering) -> str:
    return timezone.localtime(vergadering.begint_om).strftime("%d-%m-%Y")


def _vergadering_url(vergadering: Vergadering, anker: str = "") -> str:
    return reverse("tafels:vergadering", args=[vergadering.pk]) + anker


@in_het_nederlands
def stuk_toegevoegd(*, versie: Stukversie, door: Gebruiker) -> None:
    """Every member of the table hears that a document (or a new version) was added to a meeting."""
    versie = Stukversie.objects.select_related("stuk__agendapunt__vergadering__tafel").get(pk=versie.pk)
    punt = versie.stuk.agendapunt
    vergadering = punt.vergadering
    gegevens = {"tafel": vergadering.tafel.naam, "datum": _datum(vergadering), "titel": versie.stuk.titel}
    if versie.versie > 1:
        onderwerp = _("Nieuwe versie van een stuk voor %(tafel)s, vergadering %(datum)s: %(titel)s") % gegevens
    else:
        onderwerp = _("Nieuw stuk voor %(tafel)s, vergadering %(datum)s: %(titel)s") % gegevens
    melden(
        soort=Soort.STUKKEN, gebeurtenis=f"stukversie:{versie.pk}", ontvangers=tafelleden(vergadering),
        onderwerp=onderwerp, tekst=_("Bij agendapunt %(punt)s.") % {"punt": punt}, url=_vergadering_url(vergadering, f"#punt-{punt.pk}"),
        door=door,
    )


@in_het_nederlands
def pakketversie_verzonden(*, versie: Pakketversie, door: Gebruiker) -> None:
    """Every member of the table hears that a version of the agenda pack was sent, with what changed."""
    vergadering = versie.vergadering
    onderwerp = _("Agendapakket %(tafel)s, vergadering %(datum)s (versie %(versie)s)") % {
        "tafel": vergadering.tafel.naam, "datum": _datum(vergadering), "versie": versie.nummer,
    }
    tekst = render_to_string(
        "tafels/meldingen/agendapakket.txt", {"versie": versie, "vergadering": vergadering, "tafel": vergadering.tafel}
    ).strip()
    melden(
        soort=Soort.AGENDAPAKKET, gebeurtenis=f"pakketversie:{versie.pk}", ontvangers=tafelleden(vergadering),
        onderwerp=onderwerp, tekst=tekst, url=_vergadering_url(vergadering, "#agendapakket"), door=door,
    )


def actie_eigenaren(actiepunten: list[Actiepunt]) -> dict[int, list[Gebruiker]]:
    """Who answers for each action: its person, or the organisation's representative at the table (one query)."""
    tafel_org = {(a.agendapunt.vergadering.tafel_id, a.eigenaar_organisatie_id) for a in actiepunten if a.eigenaar_persoon_id is None}
    vertegenwoordigers: dict[tuple[int, int], Gebruiker] = {}
    if tafel_org:
        filter_ = Q(pk__in=[])
        for tafel_id, organisatie_id in tafel_org:
            filter_ |= Q(tafel_id=tafel_id, organisatie_id=organisatie_id)
        for lid in Lidmaatschap.objects.filter(filter_, vertegenwoordiger__isnull=False).select_related("vertegenwoordiger"):
            vertegenwoordigers[(lid.tafel_id, lid.organisatie_id)] = lid.vertegenwoordiger
    eigenaren = {}
    for actie in actiepunten:
        if actie.eigenaar_persoon_id is not None:
            eigenaren[actie.pk] = [actie.eigenaar_persoon]
        else:
            persoon = vertegenwoordigers.get((actie.agendapunt.vergadering.tafel_id, actie.eigenaar_organisatie_id))
            eigenaren[actie.pk] = [persoon] if persoon else []
    return eigenaren


def _actiepunten(ids) -> list[Actiepunt]:
    return list(
        Actiepunt.objects.filter(pk__in=ids)
        .select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering__tafel")
        .order_by("deadline", "pk")
    )


@in_het_nederlands
def actiepunt_toegewezen(*, actiepunt: Actiepunt, door: Gebruiker) -> None:
    """The owner of a new action hears it was assigned to them (not if they recorded it themselves)."""
    actie = _actiepunten([actiepunt.pk])[0]
    vergadering = actie.agendapunt.vergadering
    melden(
        soort=Soort.ACTIEPUNT, gebeurtenis=f"actiepunt:{actie.pk}:toegewezen", ontvangers=actie_eigenaren([actie])[actie.pk],
        onderwerp=_("Actiepunt voor u van %(tafel)s: %(actie)s") % {"tafel": vergadering.tafel.naam, "actie": str(actie)},
        tekst=_("Uiterlijk gereed op %(datum)s.") % {"datum": actie.deadline.strftime("%d-%m-%Y")},
        url=_vergadering_url(vergadering, f"#punt-{actie.agendapunt_id}"), door=door,
    )


@in_het_nederlands
def verlopen_actiepunten(*, vandaag: datetime.date, door: Gebruiker) -> int:
    """Each open action past its deadline is announced once to its owner (again if the deadline moves)."""
    acties = _actiepunten(
        Actiepunt.objects.filter(status=Actiepunt.Status.OPEN, deadline__lt=vandaag).values("pk")
    )
    eigenaren = actie_eigenaren(acties)
    aantal = 0
    for actie in acties:
        vergadering = actie.agendapunt.vergadering
        aantal += len(melden(
            soort=Soort.ACTIEPUNT, gebeurtenis=f"actiepunt:{actie.pk}:verlopen:{actie.deadline.isoformat()}",
            ontvangers=eigenaren[actie.pk],
            onderwerp=_("Actiepunt verlopen (%(tafel)s): %(actie)s") % {"tafel": vergadering.tafel.naam, "actie": str(actie)},
            tekst=_("Dit actiepunt had uiterlijk op %(datum)s gereed moeten zijn.") % {"datum": actie.deadline.strftime("%d-%m-%Y")},
            url=_vergadering_url(vergadering, f"#punt-{actie.agendapunt_id}"), door=door,
        ))
    return aantal


def _leveranciers(punt: Agendapunt, vertegenwoordigers: dict[tuple[int, int], int]) -> set[int]:
    """Who must deliver the papers of an item: for an item about one coalition its projectleider and the
    trekker's representative at the table; otherwise the table's secretary, who prepares the agenda."""
    tafel = punt.vergadering.tafel
    if punt.coalitie_id is not None:
        ids = {punt.coalitie.projectleider_id, vertegenwoordigers.get((tafel.pk, punt.coalitie.trekker_id))} - {None}
        if ids:
            return ids
    return {tafel.secretaris_id} - {None}


@in_het_nederlands
def deadline_stukken(*, vandaag: datetime.date, door: Gebruiker) -> int:
    """Three days before a meeting's paper deadline, whoever must still deliver papers hears which items lack them."""
    dag = vandaag + datetime.timedelta(days=DEADLINE_VOORUIT_DAGEN)
    kandidaten = Vergadering.objects.filter(
        status__in=[Vergadering.Status.CONCEPT, Vergadering.Status.AGENDA_VASTGESTELD],
        begint_om__date__gte=dag, begint_om__date__lte=dag + datetime.timedelta(days=366),
    ).select_related("tafel")
    vergaderingen = [v for v in kandidaten if v.deadline_stukken and timezone.localdate(v.deadline_stukken) == dag]
    punten = list(
        Agendapunt.objects.filter(vergadering__in=vergaderingen)
        .exclude(soort=Agendapunt.Soort.INFORMATIE)
        .annotate(aantal_stukken=Count("stukken"))
        .filter(aantal_stukken=0)
        .select_related("vergadering__tafel", "coalitie")
        .order_by("vergadering__begint_om", "volgorde", "pk")
    )
    vertegenwoordigers = {
        (lid.tafel_id, lid.organisatie_id): lid.vertegenwoordiger_id
        for lid in Lidmaatschap.objects.filter(
            tafel_id__in={v.tafel_id for v in vergaderingen}, status__in=Lidmaatschap.AAN_TAFEL,
            vertegenwoordiger__isnull=False,
        )
    }
    per_persoon: dict[tuple[int, int], list[Agendapunt]] = {}
    for punt in punten:
        for persoon_id in _leveranciers(punt, vertegenwoordigers):
            per_persoon.setdefault((punt.vergadering_id, persoon_id), []).append(punt)
    personen = Gebruiker.objects.in_bulk({p for _v, p in per_persoon})
    aantal = 0
    for (_vergadering_id, persoon_id), lijst in per_persoon.items():
        vergadering = lijst[0].vergadering
        aantal += len(melden(
            soort=Soort.DEADLINE_STUKKEN,
            gebeurtenis=f"deadline-stukken:{vergadering.pk}:{dag.isoformat()}",
            ontvangers=[personen[persoon_id]],
            onderwerp=_("Over %(dagen)s dagen sluit de termijn voor stukken: %(tafel)s, vergadering %(datum)s") % {
                "dagen": DEADLINE_VOORUIT_DAGEN, "tafel": vergadering.tafel.naam, "datum": _datum(vergadering),
            },
            tekst=_("Uiterlijk %(deadline)s aanleveren. Nog zonder stukken:") % {"deadline": dag.strftime("%d-%m-%Y")}
            + "\n" + "\n".join(f"- {punt}" for punt in lijst),
            url=_vergadering_url(vergadering, "#agenda"), door=door,
        ))
    return aantal


def dagelijks(*, vandaag: datetime.date, door: Gebruiker) -> int:
    """The daily notifications of the tables: paper deadlines in three days and overdue actions."""
    return deadline_stukken(vandaag=vandaag, door=door) + verlopen_actiepunten(vandaag=vandaag, door=door)
