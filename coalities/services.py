"""Writes in the coalities app: the participation rules that need more than one row live here.

Rules that fit one row are CheckConstraints on the models (see ``Deelname.Meta.constraints``);
``full_clean()`` checks them before every save, and the database checks them again. This module
adds the rules that span rows:

- *volledig* and *instap* have at least one commitment (instap states what it brings on entry, so
  that turning it into *volledig* on the entry date keeps the rule);
- *solidariteit* and *geen* have no commitments;
- the instap date lies after the coalition's start date;
- a change is refused when someone else saved the same row since it was read (``versie``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Organisatie, Thema
from drechtsteden.opmaak import euro
from tafels.models import BestuurlijkeTafel

from .models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage

MET_TOEZEGGING = (Deelname.Variant.VOLLEDIG, Deelname.Variant.INSTAP)
ZONDER_TOEZEGGING = (Deelname.Variant.SOLIDARITEIT, Deelname.Variant.GEEN)
KEUZE_VERPLICHT = (Coalitie.Status.IN_VORMING, Coalitie.Status.LOPEND)


def variant_eisen(variant: str) -> str:
    """What a variant asks of the party, in the words shown next to the form."""
    return {
        Deelname.Variant.VOLLEDIG: _(
            "Volledige participatie: minstens één toezegging (geld, menskracht of kennis); "
            "de partij beslist mee in de coalitie."
        ),
        Deelname.Variant.SOLIDARITEIT: _(
            "Solidariteit: een solidariteitsbijdrage groter dan € 0 per jaar; geen menskracht, "
            "geen stem in besluiten; de partij ontvangt de rapportages."
        ),
        Deelname.Variant.INSTAP: _(
            "Instapmodel: een instapdatum na de start van de coalitie, een instapfee (mag € 0 zijn) "
            "en minstens één toezegging voor na de instap; tot die datum alleen geïnformeerd."
        ),
        Deelname.Variant.GEEN: _("Geen deelname: geen toezeggingen of bedragen; de partij blijft geïnformeerd."),
    }.get(variant, "")


@dataclass(frozen=True)
class ToezeggingGegevens:
    """The fields of one commitment, as a form or an import row supplies them."""

    soort: str
    hoeveelheid: Decimal | None
    eenheid: str
    omschrijving: str
    jaar_van: int
    jaar_tot: int


# --- Optimistic locking ---------------------------------------------------------------------------


def _waarde(obj: models.Model, veld: str, waarde: Any) -> str:
    if waarde is None or waarde == "":
        return "—"
    field = obj._meta.get_field(veld)
    if field.choices:
        return str(dict(field.flatchoices).get(waarde, waarde))
    if isinstance(waarde, Decimal) and veld in {"solidariteitsbijdrage", "instapfee"}:
        return euro(waarde)
    if isinstance(waarde, datetime.date):
        return formats.date_format(waarde, "j F Y")
    if isinstance(waarde, Decimal):
        return formats.number_format(waarde, decimal_pos=2, force_grouping=True)
    return str(waarde)


def wijziging_omschrijven(obj: Deelname | Toezegging) -> str:
    """Who last changed ``obj``, when, and what: read from its history."""
    record = obj.history.select_related("history_user").first()
    if record is None:
        return ""
    wie = str(record.history_user) if record.history_user else _("de planning (automatisch)")
    wanneer = formats.date_format(timezone.localtime(record.history_date), "j F Y \\o\\m H:i")
    vorige = record.prev_record
    delen = []
    if vorige is not None:
        volgorde = [f.name for f in obj._meta.fields]
        changes = record.diff_against(vorige, excluded_fields=["versie"]).changes
        for change in sorted(changes, key=lambda c: volgorde.index(c.field) if c.field in volgorde else 99):
            label = str(obj._meta.get_field(change.field).verbose_name)
            delen.append(f"{label}: {_waarde(obj, change.field, change.old)} → {_waarde(obj, change.field, change.new)}")
    wat = "; ".join(delen) if delen else _("vastgelegd")
    return _("%(wie)s heeft dit op %(wanneer)s gewijzigd (%(wat)s).") % {"wie": wie, "wanneer": wanneer, "wat": wat}


def _claim_versie(model: type[Deelname] | type[Toezegging], pk: int, versie: int) -> None:
    """Raises the version only if nobody saved since ``versie`` was read; otherwise refuses."""
    bijgewerkt = model.objects.filter(pk=pk, versie=versie).update(versie=F("versie") + 1)
    if bijgewerkt:
        return
    huidig = model.objects.get(pk=pk)
    raise ValidationError(
        _("Uw wijziging is niet opgeslagen, want iemand anders was u voor. %(wijziging)s "
          "Bekijk de nieuwe stand en voer uw wijziging zo nodig opnieuw in.")
        % {"wijziging": wijziging_omschrijven(huidig)},
        code="gelijktijdige_wijziging",
    )


def _veldfout(veld: str, bericht: str, code: str) -> ValidationError:
    return ValidationError({veld: ValidationError(bericht, code=code)})


def _met_gebruiker(obj: models.Model, gebruiker: Gebruiker | None) -> None:
    """simple-history takes the user from the request; outside a request it is set here."""
    if gebruiker is not None:
        obj._history_user = gebruiker


# --- Coalitie -----------------------------------------------------------------------------------


def _controleer_instapdata(coalitie: Coalitie) -> None:
    if coalitie.pk is None:
        return
    instappers = coalitie.deelnames.filter(variant=Deelname.Variant.INSTAP).select_related("organisatie")
    for deelname in instappers:
        if coalitie.startdatum is None or deelname.instapdatum <= coalitie.startdatum:
            raise _veldfout("startdatum", _("De instapdatum van %(organisatie)s (%(datum)s) moet na de startdatum liggen.")
                 % {"organisatie": deelname.organisatie, "datum": formats.date_format(deelname.instapdatum, "j F Y")}, "instap_voor_start")


@transaction.atomic
def coalitie_create(
    *,
    naam: str,
    thema: Thema,
    trekker: Organisatie,
    tafel: BestuurlijkeTafel | None = None,
    doel: str = "",
    beoogd_resultaat: str = "",
    resultaatdatum: datetime.date | None = None,
    projectleider: Gebruiker | None = None,
    status: str = Coalitie.Status.IDEE,
    startdatum: datetime.date | None = None,
    afhankelijkheden: list[Coalitie] | tuple[Coalitie, ...] = (),
) -> Coalitie:
    coalitie = Coalitie(
        naam=naam, thema=thema, trekker=trekker, tafel=tafel, doel=doel, beoogd_resultaat=beoogd_resultaat,
        resultaatdatum=resultaatdatum, projectleider=projectleider, status=status, startdatum=startdatum,
    )
    coalitie.full_clean()
    coalitie.save()
    coalitie.afhankelijkheden.set(afhankelijkheden)
    return coalitie


@transaction.atomic
def coalitie_update(*, coalitie: Coalitie, afhankelijkheden: list[Coalitie] | None = None, **velden: Any) -> Coalitie:
    """Changes the coalition's own fields; the instap dates of its parties must stay after the start."""
    toegestaan = {
        "naam", "thema", "tafel", "doel", "beoogd_resultaat", "resultaatdatum", "trekker", "projectleider",
        "status", "startdatum",
    }
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    Coalitie.objects.select_for_update().filter(pk=coalitie.pk).exists()
    for veld, waarde in velden.items():
        setattr(coalitie, veld, waarde)
    coalitie.full_clean()
    _controleer_instapdata(coalitie)
    if afhankelijkheden is not None:
        if any(a.pk == coalitie.pk for a in afhankelijkheden):
            raise _veldfout("afhankelijkheden", _("Een coalitie kan niet van zichzelf afhangen."), "afhankelijk_van_zichzelf")
    coalitie.save()
    if afhankelijkheden is not None:
        coalitie.afhankelijkheden.set(afhankelijkheden)
    return coalitie


# --- Deelname -----------------------------------------------------------------------------------


def _controleer_deelname(deelname: Deelname, *, aantal_toezeggingen: int) -> None:
    """The cross-row rules of the four variants; the one-row rules are checked by full_clean()."""
    coalitie = deelname.coalitie
    if deelname.variant == Deelname.Variant.INSTAP and deelname.instapdatum is not None:
        if coalitie.startdatum is None:
            raise _veldfout("instapdatum", _("Deze coalitie heeft nog geen startdatum; instappen kan pas als die bekend is."), "instap_zonder_start")
        if deelname.instapdatum <= coalitie.startdatum:
            raise _veldfout("instapdatum", _("De instapdatum moet na de start van de coalitie liggen (%(start)s).")
                 % {"start": formats.date_format(coalitie.startdatum, "j F Y")}, "instap_voor_start")
    if deelname.variant in MET_TOEZEGGING and aantal_toezeggingen == 0:
        raise ValidationError(
            _("Bij %(variant)s hoort minstens één toezegging: geld, menskracht of kennis.")
            % {"variant": deelname.get_variant_display().lower()},
            code="toezegging_nodig",
        )
    if deelname.variant in ZONDER_TOEZEGGING and aantal_toezeggingen > 0:
        raise ValidationError(
            _("Bij %(variant)s horen geen toezeggingen; trek eerst de %(aantal)s toezegging(en) in.")
            % {"variant": deelname.get_variant_display().lower(), "aantal": aantal_toezeggingen},
            code="toezeggingen_aanwezig",
        )


def _nieuwe_toezegging(deelname: Deelname, gegevens: ToezeggingGegevens, gebruiker: Gebruiker | None) -> Toezegging:
    toezegging = Toezegging(
        deelname=deelname, soort=gegevens.soort, hoeveelheid=gegevens.hoeveelheid, eenheid=gegevens.eenheid,
        omschrijving=gegevens.omschrijving, jaar_van=gegevens.jaar_van, jaar_tot=gegevens.jaar_tot,
    )
    toezegging.full_clean(exclude=["deelname"] if deelname.pk is None else None)
    return toezegging


@transaction.atomic
def deelname_save(
    *,
    coalitie: Coalitie,
    organisatie: Organisatie,
    variant: str,
    versie: int | None,
    gebruiker: Gebruiker | None = None,
    solidariteitsbijdrage: Decimal | None = None,
    instapdatum: datetime.date | None = None,
    instapfee: Decimal | None = None,
    eerste_toezegging: ToezeggingGegevens | None = None,
) -> Deelname:
    """Records (``versie=None``) or changes an organisation's choice for a coalition.

    A change carries the version that was read; if someone saved in between, it is refused with
    their change in the message. ``eerste_toezegging`` is the commitment that *volledig* and
    *instap* need when the deelname has none yet.
    """
    # Read the coalition afresh and lock it, so a simultaneous change of its start date cannot slip past.
    coalitie = Coalitie.objects.select_for_update().get(pk=coalitie.pk)
    if versie is None:
        if Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).exists():
            bestaande = Deelname.objects.get(coalitie=coalitie, organisatie=organisatie)
            raise ValidationError(
                _("Uw keuze is niet opgeslagen: er is intussen al een keuze vastgelegd. %(wijziging)s")
                % {"wijziging": wijziging_omschrijven(bestaande)},
                code="gelijktijdige_wijziging",
            )
        deelname = Deelname(coalitie=coalitie, organisatie=organisatie)
        aantal = 0
    else:
        deelname = Deelname.objects.select_for_update().get(coalitie=coalitie, organisatie=organisatie)
        _claim_versie(Deelname, deelname.pk, versie)
        deelname.versie = versie + 1
        aantal = deelname.toezeggingen.count()

    deelname.variant = variant
    deelname.solidariteitsbijdrage = solidariteitsbijdrage
    deelname.instapdatum = instapdatum
    deelname.instapfee = instapfee
    deelname.full_clean()

    toezegging = None
    if eerste_toezegging is not None and variant in MET_TOEZEGGING and aantal == 0:
        toezegging = _nieuwe_toezegging(deelname, eerste_toezegging, gebruiker)
        aantal = 1
    _controleer_deelname(deelname, aantal_toezeggingen=aantal)

    _met_gebruiker(deelname, gebruiker)
    try:
        with transaction.atomic():
            deelname.save()
    except IntegrityError as exc:  # a simultaneous first choice by someone else
        raise ValidationError(
            _("Uw keuze is niet opgeslagen: er is intussen al een keuze vastgelegd."), code="gelijktijdige_wijziging"
        ) from exc
    if toezegging is not None:
        toezegging.deelname = deelname
        _met_gebruiker(toezegging, gebruiker)
        toezegging.save()
    return deelname


def instap_omzetten(*, peildatum: datetime.date) -> list[Deelname]:
    """Turns every instap deelname whose entry date has come into volledig, recorded in its history."""
    omgezet = []
    ids = list(
        Deelname.objects.filter(variant=Deelname.Variant.INSTAP, instapdatum__lte=peildatum).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            deelname = Deelname.objects.select_for_update().get(pk=pk)
            if deelname.variant != Deelname.Variant.INSTAP:
                continue
            # The entry date and fee stay: financing charges them in the entry year.
            deelname.variant = Deelname.Variant.VOLLEDIG
            deelname.versie += 1
            deelname.full_clean()
            _controleer_deelname(deelname, aantal_toezeggingen=deelname.toezeggingen.count())
            deelname._change_reason = _("Instapdatum bereikt: automatisch omgezet naar volledige participatie.")
            deelname.save()
            omgezet.append(deelname)
    return omgezet


# --- Toezegging and realisatie -----------------------------------------------------------------------


@transaction.atomic
def toezegging_create(
    *, deelname: Deelname, gegevens: ToezeggingGegevens, gebruiker: Gebruiker | None = None
) -> Toezegging:
    deelname = Deelname.objects.select_for_update().get(pk=deelname.pk)
    if deelname.variant not in MET_TOEZEGGING:
        raise ValidationError(
            _("Bij %(variant)s horen geen toezeggingen; kies eerst volledige participatie of instap.")
            % {"variant": deelname.get_variant_display().lower()},
            code="toezeggingen_niet_bij_variant",
        )
    toezegging = _nieuwe_toezegging(deelname, gegevens, gebruiker)
    _met_gebruiker(toezegging, gebruiker)
    toezegging.save()
    return toezegging


@transaction.atomic
def toezegging_update(
    *, toezegging: Toezegging, versie: int, gegevens: ToezeggingGegevens, gebruiker: Gebruiker | None = None
) -> Toezegging:
    _claim_versie(Toezegging, toezegging.pk, versie)
    toezegging = Toezegging.objects.get(pk=toezegging.pk)
    for veld in ("soort", "hoeveelheid", "eenheid", "omschrijving", "jaar_van", "jaar_tot"):
        setattr(toezegging, veld, getattr(gegevens, veld))
    toezegging.full_clean()
    _met_gebruiker(toezegging, gebruiker)
    toezegging.save()
    return toezegging


@transaction.atomic
def toezegging_delete(*, toezegging: Toezegging, versie: int, gebruiker: Gebruiker | None = None) -> None:
    """Withdraws a commitment; not the last one of a volledig or instap party, nor one with deliveries."""
    deelname = Deelname.objects.select_for_update().get(pk=toezegging.deelname_id)
    _claim_versie(Toezegging, toezegging.pk, versie)
    toezegging = Toezegging.objects.get(pk=toezegging.pk)
    if toezegging.realisaties.exists():
        raise ValidationError(
            _("Deze toezegging heeft al realisaties en kan niet worden ingetrokken."), code="realisaties_aanwezig"
        )
    if deelname.variant in MET_TOEZEGGING and deelname.toezeggingen.count() == 1:
        raise ValidationError(
            _("Dit is de enige toezegging bij %(variant)s; kies eerst een andere variant.")
            % {"variant": deelname.get_variant_display().lower()},
            code="laatste_toezegging",
        )
    _met_gebruiker(toezegging, gebruiker)
    toezegging.delete()


@transaction.atomic
def realisatie_save(
    *,
    toezegging: Toezegging,
    jaar: int,
    kwartaal: int | None,
    hoeveelheid: Decimal | None,
    toelichting: str = "",
    gebruiker: Gebruiker | None = None,
) -> Realisatie:
    """Records or corrects what was delivered on a commitment in one period."""
    if not toezegging.jaar_van <= jaar <= toezegging.jaar_tot:
        raise _veldfout("jaar", _("Deze toezegging loopt van %(van)s tot en met %(tot)s.")
             % {"van": toezegging.jaar_van, "tot": toezegging.jaar_tot}, "jaar_buiten_toezegging")
    if toezegging.soort == Toezegging.Soort.KENNIS and hoeveelheid is not None:
        raise _veldfout("hoeveelheid", _("Geleverde kennis beschrijft u in de toelichting."), "kennis_zonder_hoeveelheid")
    realisatie = Realisatie.objects.filter(toezegging=toezegging, jaar=jaar, kwartaal=kwartaal).first()
    if realisatie is None:
        realisatie = Realisatie(toezegging=toezegging, jaar=jaar, kwartaal=kwartaal)
    realisatie.hoeveelheid = hoeveelheid
    realisatie.toelichting = toelichting
    realisatie.full_clean()
    _met_gebruiker(realisatie, gebruiker)
    realisatie.save()
    return realisatie


# --- Voortgang, resultaten en lessen -------------------------------------------------------------


@transaction.atomic
def voortgangsrapportage_create(
    *, coalitie: Coalitie, jaar: int, kwartaal: int | None, status: str, mijlpalen: str, tekst: str,
    auteur: Gebruiker | None,
) -> Voortgangsrapportage:
    rapportage = Voortgangsrapportage(
        coalitie=coalitie, jaar=jaar, kwartaal=kwartaal, status=status, mijlpalen=mijlpalen, tekst=tekst, auteur=auteur
    )
    rapportage.full_clean()
    rapportage.save()
    return rapportage


@transaction.atomic
def resultaat_en_les_create(
    *, coalitie: Coalitie, soort: str, titel: str, tekst: str, datum: datetime.date, auteur: Gebruiker | None
) -> ResultaatEnLes:
    item = ResultaatEnLes(coalitie=coalitie, soort=soort, titel=titel, tekst=tekst, datum=datum, auteur=auteur)
    item.full_clean()
    item.save()
    return item
