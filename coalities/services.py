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
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from drechtsteden.models import Gebruiker, Organisatie, Thema
from drechtsteden.opmaak import datum, veldwijziging
from drechtsteden.permissions import vereis
from tafels.models import BestuurlijkeTafel

from . import melders, permissions
from .models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage
from .regels import GELDVELDEN, MET_TOEZEGGING, ZONDER_TOEZEGGING, variantvelden_kloppen

# A second identical create within this many seconds is a double click or a resent POST, not a new fact.
DUBBEL_BINNEN = datetime.timedelta(seconds=10)


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
            delen.append(veldwijziging(
                obj._meta.get_field(change.field), change.old, change.new, geld=change.field in GELDVELDEN,
            ))
    wat = "; ".join(delen) if delen else _("vastgelegd")
    return _("%(wie)s heeft dit op %(wanneer)s gewijzigd (%(wat)s).") % {"wie": wie, "wanneer": wanneer, "wat": wat}


def _iemand_was_u_voor(huidig: Deelname | Toezegging) -> ValidationError:
    return ValidationError(
        _("Uw wijziging is niet opgeslagen, want iemand anders was u voor. %(wijziging)s "
          "Bekijk de nieuwe stand en voer uw wijziging zo nodig opnieuw in.")
        % {"wijziging": wijziging_omschrijven(huidig)},
        code="gelijktijdige_wijziging",
    )


def _claim_versie(model: type[Deelname] | type[Toezegging], pk: int, versie: int) -> None:
    """Raises the version only if nobody saved since ``versie`` was read; otherwise refuses."""
    bijgewerkt = model.objects.filter(pk=pk, versie=versie).update(versie=F("versie") + 1)
    if bijgewerkt:
        return
    raise _iemand_was_u_voor(model.objects.get(pk=pk))


def _veldfout(veld: str, bericht: str, code: str) -> ValidationError:
    return ValidationError({veld: ValidationError(bericht, code=code)})


def _historie_door(obj: models.Model, door: Gebruiker | None) -> None:
    """simple-history takes the user from the request; outside a request the acting user is set here."""
    if door is not None:
        obj._history_user = door


# --- Coalitie -----------------------------------------------------------------------------------


def _controleer_instapdata(coalitie: Coalitie) -> None:
    if coalitie.pk is None:
        return
    instappers = coalitie.deelnames.filter(variant=Deelname.Variant.INSTAP).select_related("organisatie")
    for deelname in instappers:
        if coalitie.startdatum is None or deelname.instapdatum <= coalitie.startdatum:
            raise _veldfout("startdatum", _("De instapdatum van %(organisatie)s (%(datum)s) moet na de startdatum liggen.")
                 % {"organisatie": deelname.organisatie, "datum": datum(deelname.instapdatum)}, "instap_voor_start")


def controleer_coalitie_aanmaken(*, door: Gebruiker, trekker: Organisatie) -> None:
    """Refuses (PermissionDenied) a new coalition the acting user may not start with this trekker."""
    vereis(
        permissions.mag_coalitie_aanmaken(door, trekker),
        _("U mag geen coalitie aanmaken met %(trekker)s als trekker.") % {"trekker": trekker},
    )


def _geen_coalitie_rechten(coalitie: Coalitie) -> str:
    return _("U mag coalitie '%(naam)s' niet wijzigen.") % {"naam": coalitie.naam}


def controleer_coalitie_wijzigen(*, door: Gebruiker, coalitie: Coalitie, gewijzigd: set[str] | frozenset[str]) -> None:
    """Refuses (PermissionDenied) a change of ``coalitie`` (as stored) in the fields ``gewijzigd``."""
    vereis(permissions.mag_coalitie_wijzigen(door, coalitie), _geen_coalitie_rechten(coalitie))
    if "trekker" in gewijzigd:
        vereis(
            permissions.mag_trekker_wijzigen(door, coalitie),
            _("Alleen een beheerder mag de trekker van coalitie '%(naam)s' wijzigen.") % {"naam": coalitie.naam},
        )


def gewijzigde_velden(obj: models.Model, velden: dict[str, Any]) -> set[str]:
    """The names in ``velden`` whose value differs from what ``obj`` holds (foreign keys by id)."""
    gewijzigd = set()
    for veld, waarde in velden.items():
        field = obj._meta.get_field(veld)
        if field.many_to_one:
            huidig = getattr(obj, field.attname)
            nieuw = waarde.pk if isinstance(waarde, models.Model) else waarde
        else:
            huidig, nieuw = getattr(obj, veld), waarde
        if huidig != nieuw:
            gewijzigd.add(veld)
    return gewijzigd


@transaction.atomic
def coalitie_create(
    *,
    door: Gebruiker,
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
    controleer_coalitie_aanmaken(door=door, trekker=trekker)
    coalitie = Coalitie(
        naam=naam, thema=thema, trekker=trekker, tafel=tafel, doel=doel, beoogd_resultaat=beoogd_resultaat,
        resultaatdatum=resultaatdatum, projectleider=projectleider, status=status, startdatum=startdatum,
    )
    coalitie.full_clean()
    coalitie.save()
    coalitie.afhankelijkheden.set(afhankelijkheden)
    transaction.on_commit(lambda: melders.open_keuzes(coalitie=coalitie, door=door), robust=True)
    return coalitie


COALITIE_VELDEN = frozenset({
    "naam", "thema", "tafel", "doel", "beoogd_resultaat", "resultaatdatum", "trekker", "projectleider",
    "status", "startdatum",
})


@transaction.atomic
def coalitie_update(
    *, coalitie: Coalitie, door: Gebruiker, afhankelijkheden: list[Coalitie] | None = None, **velden: Any
) -> Coalitie:
    """Changes the coalition's own fields; the instap dates of its parties must stay after the start.

    Only fields whose value differs are written; a save without changes writes nothing.
    """
    onbekend = set(velden) - COALITIE_VELDEN
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    opgeslagen = Coalitie.objects.select_for_update().get(pk=coalitie.pk)
    gewijzigd = gewijzigde_velden(opgeslagen, velden)
    controleer_coalitie_wijzigen(door=door, coalitie=opgeslagen, gewijzigd=gewijzigd)
    for veld in gewijzigd:
        setattr(coalitie, veld, velden[veld])
    coalitie.full_clean()
    _controleer_instapdata(coalitie)
    if afhankelijkheden is not None:
        if any(a.pk == coalitie.pk for a in afhankelijkheden):
            raise _veldfout("afhankelijkheden", _("Een coalitie kan niet van zichzelf afhangen."), "afhankelijk_van_zichzelf")
    if gewijzigd:
        coalitie.save(update_fields=sorted(gewijzigd))
    if afhankelijkheden is not None:
        coalitie.afhankelijkheden.set(afhankelijkheden)
    transaction.on_commit(lambda: melders.open_keuzes(coalitie=coalitie, door=door), robust=True)
    return coalitie


# --- Deelname -----------------------------------------------------------------------------------


def controleer_deelname(deelname: Deelname, *, aantal_toezeggingen: int) -> None:
    """The cross-row rules of the four variants; the one-row rules are checked by full_clean()."""
    coalitie = deelname.coalitie
    if deelname.variant == Deelname.Variant.INSTAP and deelname.instapdatum is not None:
        if coalitie.startdatum is None:
            raise _veldfout("instapdatum", _("Deze coalitie heeft nog geen startdatum; instappen kan pas als die bekend is."), "instap_zonder_start")
        if deelname.instapdatum <= coalitie.startdatum:
            raise _veldfout("instapdatum", _("De instapdatum moet na de start van de coalitie liggen (%(start)s).")
                 % {"start": datum(coalitie.startdatum)}, "instap_voor_start")
    if deelname.variant in MET_TOEZEGGING and aantal_toezeggingen == 0:
        raise ValidationError(
            _("Bij %(variant)s hoort minstens één toezegging: geld, menskracht of kennis.")
            % {"variant": deelname.get_variant_display().lower()},
            code="toezegging_nodig",
        )
    if deelname.variant in ZONDER_TOEZEGGING and aantal_toezeggingen > 0:
        raise ValidationError(
            ngettext(
                "Bij %(variant)s horen geen toezeggingen; trek eerst de toezegging in.",
                "Bij %(variant)s horen geen toezeggingen; trek eerst de %(aantal)s toezeggingen in.",
                aantal_toezeggingen,
            ) % {"variant": deelname.get_variant_display().lower(), "aantal": aantal_toezeggingen},
            code="toezeggingen_aanwezig",
        )


def _nieuwe_toezegging(deelname: Deelname, gegevens: ToezeggingGegevens) -> Toezegging:
    toezegging = Toezegging(
        deelname=deelname, soort=gegevens.soort, hoeveelheid=gegevens.hoeveelheid, eenheid=gegevens.eenheid,
        omschrijving=gegevens.omschrijving, jaar_van=gegevens.jaar_van, jaar_tot=gegevens.jaar_tot,
    )
    toezegging.full_clean(exclude=["deelname"] if deelname.pk is None else None)
    return toezegging


NIET_VAN_UW_ORGANISATIE = _lazy("U mag de deelnames en toezeggingen van deze organisatie niet wijzigen.")


def controleer_deelname_wijzigen(*, door: Gebruiker, organisatie_id: int) -> None:
    """Refuses (PermissionDenied) a change of the deelnames of ``organisatie_id`` by ``door``."""
    vereis(permissions.mag_deelname_wijzigen(door, organisatie_id), str(NIET_VAN_UW_ORGANISATIE))


def controleer_variantvelden(deelname: Deelname) -> None:
    """The one-row rules of the variants (the CheckConstraints on Deelname), checked without a query.

    ``full_clean()`` asks the database for each constraint; an import of thousands of rows checks them
    here, with the constraints' own messages, and the database checks them again on the write.
    """
    d = deelname
    bedragen_ok = variantvelden_kloppen(
        d.variant, solidariteitsbijdrage=d.solidariteitsbijdrage, instapdatum=d.instapdatum, instapfee=d.instapfee
    )
    if not bedragen_ok:
        naam = {
            Deelname.Variant.SOLIDARITEIT: "deelname_solidariteit_vraagt_bijdrage",
            Deelname.Variant.INSTAP: "deelname_instap_vraagt_datum_en_fee",
            Deelname.Variant.GEEN: "deelname_geen_zonder_bedragen",
            Deelname.Variant.VOLLEDIG: "deelname_volledig_zonder_bijdrage",
        }[d.variant]
        constraint = next(c for c in Deelname._meta.constraints if c.name == naam)
        raise ValidationError(constraint.violation_error_message, code=constraint.violation_error_code)


def controleer_toezeggingvelden(toezegging: Toezegging) -> None:
    """The one-row rules of a commitment (the CheckConstraints on Toezegging), checked without a query."""
    t = toezegging
    regels = {
        "toezegging_geld_in_euro": t.soort != Toezegging.Soort.GELD
        or (t.eenheid == Toezegging.Eenheid.EURO and t.hoeveelheid is not None and t.hoeveelheid > 0),
        "toezegging_menskracht_in_uren_of_fte": t.soort != Toezegging.Soort.MENSKRACHT
        or (t.eenheid in (Toezegging.Eenheid.UREN, Toezegging.Eenheid.FTE) and t.hoeveelheid is not None
            and t.hoeveelheid > 0),
        "toezegging_kennis_als_tekst": t.soort != Toezegging.Soort.KENNIS
        or (t.eenheid == "" and t.hoeveelheid is None and t.omschrijving != ""),
        "toezegging_jaren_oplopend": t.jaar_van is not None and t.jaar_tot is not None
        and t.jaar_van <= t.jaar_tot and t.jaar_van >= 2000 and t.jaar_tot <= 2100,
    }
    for constraint in Toezegging._meta.constraints:
        if not regels.get(constraint.name, True):
            raise ValidationError(constraint.violation_error_message, code=constraint.violation_error_code)


def _deelname_niet_gevonden() -> ValidationError:
    return ValidationError(
        _("Uw keuze is niet opgeslagen: deze keuze is niet (meer) vastgelegd. Bekijk de stand en kies opnieuw."),
        code="gelijktijdige_wijziging",
    )


class Keuze(TypedDict, total=False):
    """What a deelname service is told: the organisation's choice and, for volledig or instap, its
    first commitment (when it has none yet)."""

    coalitie: Required[Coalitie]
    organisatie: Required[Organisatie]
    variant: Required[str]
    solidariteitsbijdrage: Decimal | None
    instapdatum: datetime.date | None
    instapfee: Decimal | None
    eerste_toezegging: ToezeggingGegevens | None


def deelname_create(*, door: Gebruiker, **keuze: Unpack[Keuze]) -> Deelname:
    """Records an organisation's first choice for a coalition; refused when one was recorded meanwhile."""
    return _deelname_vastleggen(versie=None, door=door, **keuze)


def deelname_update(*, versie: int, door: Gebruiker, **keuze: Unpack[Keuze]) -> Deelname:
    """Changes an organisation's choice; refused when someone saved it since ``versie`` was read."""
    return _deelname_vastleggen(versie=versie, door=door, **keuze)


@transaction.atomic
def _deelname_vastleggen(
    *,
    coalitie: Coalitie,
    organisatie: Organisatie,
    variant: str,
    versie: int | None,
    door: Gebruiker,
    solidariteitsbijdrage: Decimal | None = None,
    instapdatum: datetime.date | None = None,
    instapfee: Decimal | None = None,
    eerste_toezegging: ToezeggingGegevens | None = None,
) -> Deelname:
    """Records (``versie=None``) or changes an organisation's choice for a coalition.

    A change carries the version that was read; if someone saved in between, it is refused with
    their change in the message. ``eerste_toezegging`` is the commitment that *volledig* and
    *instap* need when the deelname has none yet. A volledig party that joined later keeps its entry
    date and fee when the screen sends none (financing still charges them), and a save that changes
    nothing writes nothing.
    """
    controleer_deelname_wijzigen(door=door, organisatie_id=organisatie.pk)
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
        deelname = Deelname.objects.select_for_update().filter(coalitie=coalitie, organisatie=organisatie).first()
        if deelname is None:
            raise _deelname_niet_gevonden()
        if (
            variant == Deelname.Variant.VOLLEDIG == deelname.variant
            and deelname.instapdatum is not None
            and instapdatum is None
            and instapfee is None
        ):
            instapdatum, instapfee = deelname.instapdatum, deelname.instapfee
        nieuw = {
            "variant": variant, "solidariteitsbijdrage": solidariteitsbijdrage, "instapdatum": instapdatum,
            "instapfee": instapfee,
        }
        aantal = deelname.toezeggingen.count()
        toevoegen = eerste_toezegging is not None and variant in MET_TOEZEGGING and aantal == 0
        if not gewijzigde_velden(deelname, nieuw) and not toevoegen:
            return deelname
        _claim_versie(Deelname, deelname.pk, versie)
        deelname.versie = versie + 1
    deelname.variant = variant
    deelname.solidariteitsbijdrage = solidariteitsbijdrage
    deelname.instapdatum = instapdatum
    deelname.instapfee = instapfee
    deelname.full_clean()

    toezegging = None
    if eerste_toezegging is not None and variant in MET_TOEZEGGING and aantal == 0:
        toezegging = _nieuwe_toezegging(deelname, eerste_toezegging)
        aantal = 1
    controleer_deelname(deelname, aantal_toezeggingen=aantal)

    _historie_door(deelname, door)
    try:
        with transaction.atomic():
            deelname.save()
    except IntegrityError as exc:  # a simultaneous first choice by someone else
        raise ValidationError(
            _("Uw keuze is niet opgeslagen: er is intussen al een keuze vastgelegd."), code="gelijktijdige_wijziging"
        ) from exc
    if toezegging is not None:
        toezegging.deelname = deelname
        _historie_door(toezegging, door)
        toezegging.save()
    return deelname


def instap_omzetten(*, peildatum: datetime.date, door: Gebruiker) -> list[Deelname]:
    """Turns every instap deelname whose entry date has come into volledig, recorded in its history.

    The nightly job acts as ``systeem()``; a beheerder may run it too.
    """
    vereis(permissions.mag_instap_omzetten(door))
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
            controleer_deelname(deelname, aantal_toezeggingen=deelname.toezeggingen.count())
            deelname._change_reason = _("Instapdatum bereikt: automatisch omgezet naar volledige participatie.")
            _historie_door(deelname, door)
            deelname.save()
            omgezet.append(deelname)
    return omgezet


# --- Toezegging and realisatie -----------------------------------------------------------------------


def _dubbel() -> ValidationError:
    return ValidationError(
        _("Dit is al vastgelegd: precies hetzelfde is zojuist opgeslagen. Het is niet nog een keer toegevoegd."),
        code="dubbel",
    )


@transaction.atomic
def toezegging_create(*, deelname: Deelname, gegevens: ToezeggingGegevens, door: Gebruiker) -> Toezegging:
    """Adds a commitment; the same commitment sent twice within a few seconds is refused, not doubled."""
    deelname = Deelname.objects.select_for_update().get(pk=deelname.pk)
    controleer_deelname_wijzigen(door=door, organisatie_id=deelname.organisatie_id)
    if deelname.variant not in MET_TOEZEGGING:
        raise ValidationError(
            _("Bij %(variant)s horen geen toezeggingen; kies eerst volledige participatie of instap.")
            % {"variant": deelname.get_variant_display().lower()},
            code="toezeggingen_niet_bij_variant",
        )
    toezegging = _nieuwe_toezegging(deelname, gegevens)
    # The deelname row is locked, so two identical requests are handled one after the other.
    zojuist = Toezegging.history.filter(
        history_type="+", history_date__gte=timezone.now() - DUBBEL_BINNEN, deelname_id=deelname.pk,
        id__in=deelname.toezeggingen.filter(
            soort=toezegging.soort, hoeveelheid=toezegging.hoeveelheid, eenheid=toezegging.eenheid,
            omschrijving=toezegging.omschrijving, jaar_van=toezegging.jaar_van, jaar_tot=toezegging.jaar_tot,
        ).values("pk"),
    )
    if zojuist.exists():
        raise _dubbel()
    _historie_door(toezegging, door)
    toezegging.save()
    return toezegging


@transaction.atomic
def toezegging_update(
    *, toezegging: Toezegging, versie: int, gegevens: ToezeggingGegevens, door: Gebruiker
) -> Toezegging:
    """Changes a commitment; refused when someone else saved it since ``versie`` was read."""
    opgeslagen = Toezegging.objects.select_related("deelname").get(pk=toezegging.pk)
    vereis(permissions.mag_toezegging_wijzigen(door, opgeslagen), str(NIET_VAN_UW_ORGANISATIE))
    _claim_versie(Toezegging, toezegging.pk, versie)
    toezegging = Toezegging.objects.get(pk=toezegging.pk)
    for veld in ("soort", "hoeveelheid", "eenheid", "omschrijving", "jaar_van", "jaar_tot"):
        setattr(toezegging, veld, getattr(gegevens, veld))
    toezegging.full_clean()
    _historie_door(toezegging, door)
    toezegging.save()
    return toezegging


@transaction.atomic
def toezegging_delete(*, toezegging: Toezegging, versie: int, door: Gebruiker) -> None:
    """Withdraws a commitment; not the last one of a volledig or instap party, nor one with deliveries."""
    deelname = Deelname.objects.select_for_update().get(pk=toezegging.deelname_id)
    toezegging = Toezegging.objects.get(pk=toezegging.pk)
    toezegging.deelname = deelname
    vereis(permissions.mag_toezegging_wijzigen(door, toezegging), str(NIET_VAN_UW_ORGANISATIE))
    _claim_versie(Toezegging, toezegging.pk, versie)
    if _met_realisaties([toezegging]):
        raise ValidationError(
            _("Deze toezegging heeft al realisaties en kan niet worden ingetrokken."), code="realisaties_aanwezig"
        )
    if deelname.variant in MET_TOEZEGGING and deelname.toezeggingen.count() == 1:
        raise ValidationError(
            _("Dit is de enige toezegging bij %(variant)s; kies eerst een andere variant.")
            % {"variant": deelname.get_variant_display().lower()},
            code="laatste_toezegging",
        )
    _historie_door(toezegging, door)
    toezegging.delete()


@transaction.atomic
def deelname_update_met_intrekking(
    *,
    coalitie: Coalitie,
    organisatie: Organisatie,
    variant: str,
    versie: int,
    toezeggingen: Mapping[int, int],
    door: Gebruiker,
    solidariteitsbijdrage: Decimal | None = None,
) -> Deelname:
    """Withdraws the commitments of a deelname and changes it to a variant without commitments, in one go.

    ``toezeggingen`` maps each commitment the user confirmed to withdraw to the version it was read
    with; ``versie`` is the deelname's. Everything is refused, and nothing changes, when the deelname
    or one of these commitments was saved since, when a commitment was added or withdrawn meanwhile,
    or when something was delivered on one (its realisations stay on record). The history records
    each withdrawal and the change of variant, with the acting user and the reason.
    """
    controleer_deelname_wijzigen(door=door, organisatie_id=organisatie.pk)
    if variant not in ZONDER_TOEZEGGING:
        raise ValidationError(
            _("Toezeggingen worden alleen ingetrokken voor een variant zonder toezeggingen: solidariteit of geen deelname."),
            code="variant_met_toezeggingen",
        )
    coalitie = Coalitie.objects.select_for_update().get(pk=coalitie.pk)
    deelname = Deelname.objects.select_for_update().filter(coalitie=coalitie, organisatie=organisatie).first()
    if deelname is None:
        raise _deelname_niet_gevonden()
    # Locked: a commitment cannot be changed, withdrawn or get a realisation until this is done.
    huidige = list(Toezegging.objects.select_for_update().filter(deelname=deelname).order_by("pk"))
    for toezegging in huidige:
        toezegging.deelname = deelname
        vereis(permissions.mag_toezegging_wijzigen(door, toezegging), str(NIET_VAN_UW_ORGANISATIE))
    if {t.pk for t in huidige} != set(toezeggingen):
        raise ValidationError(
            _("Er is niets ingetrokken of gewijzigd: de toezeggingen van %(organisatie)s zijn intussen veranderd "
              "(er is er een bijgekomen of ingetrokken). Bekijk de nieuwe stand en bevestig zo nodig opnieuw.")
            % {"organisatie": organisatie},
            code="gelijktijdige_wijziging",
        )
    if deelname.versie != versie:
        raise _iemand_was_u_voor(deelname)
    for toezegging in huidige:
        if toezegging.versie != toezeggingen[toezegging.pk]:
            raise ValidationError(
                _("Er is niets ingetrokken of gewijzigd: de toezegging %(toezegging)s is intussen gewijzigd. "
                  "%(wijziging)s Bekijk de nieuwe stand en bevestig zo nodig opnieuw.")
                % {"toezegging": _toezegging_naam(toezegging), "wijziging": wijziging_omschrijven(toezegging)},
                code="gelijktijdige_wijziging",
            )
    geleverd = _met_realisaties(huidige)
    if geleverd:
        raise ValidationError(
            ngettext(
                "Er is niets ingetrokken of gewijzigd: op de toezegging %(toezeggingen)s is al iets geleverd. "
                "Wat geleverd is, blijft vastgelegd, dus deze toezegging kan niet worden ingetrokken.",
                "Er is niets ingetrokken of gewijzigd: op de toezeggingen %(toezeggingen)s is al iets geleverd. "
                "Wat geleverd is, blijft vastgelegd, dus deze toezeggingen kunnen niet worden ingetrokken.",
                len(geleverd),
            ) % {"toezeggingen": ", ".join(_toezegging_naam(t) for t in geleverd)},
            code="realisaties_aanwezig",
        )

    deelname.variant = variant
    deelname.solidariteitsbijdrage = solidariteitsbijdrage
    deelname.instapdatum = None
    deelname.instapfee = None
    deelname.versie = versie + 1
    deelname.full_clean()
    controleer_deelname(deelname, aantal_toezeggingen=0)
    naar = {"variant": deelname.get_variant_display().lower()}
    for toezegging in huidige:
        _historie_door(toezegging, door)
        toezegging._change_reason = _("Ingetrokken bij de wijziging naar %(variant)s.") % naar
        toezegging.delete()
    _historie_door(deelname, door)
    deelname._change_reason = ngettext(
        "Gewijzigd naar %(variant)s; %(aantal)s toezegging ingetrokken.",
        "Gewijzigd naar %(variant)s; %(aantal)s toezeggingen ingetrokken.",
        len(huidige),
    ) % {**naar, "aantal": len(huidige)}
    deelname.save()
    return deelname


def _toezegging_naam(toezegging: Toezegging) -> str:
    """A commitment in a sentence: its kind and years ("geld 2026–2027")."""
    return f"{toezegging.get_soort_display().lower()} {toezegging.jaren}"


def _met_realisaties(toezeggingen: list[Toezegging]) -> list[Toezegging]:
    """The commitments among ``toezeggingen`` on which something was recorded as delivered: one query.

    Those are never withdrawn: ``Realisatie.toezegging`` cascades, so deleting the commitment would
    delete the record of what was delivered with it.
    """
    ids = set(Realisatie.objects.filter(toezegging__in=toezeggingen).values_list("toezegging_id", flat=True))
    return [t for t in toezeggingen if t.pk in ids]


def _periode_begint_op(jaar: int, kwartaal: int | None) -> datetime.date:
    """The first day of a year, or of one of its quarters."""
    return datetime.date(jaar, 1 if kwartaal is None else 3 * (kwartaal - 1) + 1, 1)


def _vereis_begonnen_periode(jaar: int, kwartaal: int | None, bericht: str) -> None:
    """Refuses a period that has not begun yet (``bericht`` names what is recorded, with %(periode)s and
    %(datum)s); a quarter out of range is left to the model's own check."""
    if kwartaal is not None and not 1 <= kwartaal <= 4:
        return
    begin = _periode_begint_op(jaar, kwartaal)
    if begin > timezone.localdate():
        periode = f"{jaar}" if kwartaal is None else f"{jaar} K{kwartaal}"
        raise _veldfout(
            "jaar" if kwartaal is None else "kwartaal",
            bericht % {"periode": periode, "datum": datum(begin)},
            "periode_niet_begonnen",
        )


def _controleer_realisatie(
    toezegging: Toezegging, jaar: int, kwartaal: int | None, hoeveelheid: Decimal | None
) -> None:
    if not toezegging.jaar_van <= jaar <= toezegging.jaar_tot:
        raise _veldfout("jaar", _("Deze toezegging loopt van %(van)s tot en met %(tot)s.")
             % {"van": toezegging.jaar_van, "tot": toezegging.jaar_tot}, "jaar_buiten_toezegging")
    # What was delivered is known once the period has begun.
    _vereis_begonnen_periode(
        jaar, kwartaal,
        _("Een realisatie legt u vast voor een periode die al begonnen is; %(periode)s begint op %(datum)s."),
    )
    if toezegging.soort == Toezegging.Soort.KENNIS and hoeveelheid is not None:
        raise _veldfout("hoeveelheid", _("Geleverde kennis beschrijft u in de toelichting."), "kennis_zonder_hoeveelheid")


class PeriodeBezet(ValidationError):
    """A new row for a period that already has one; ``bestaande`` is that row, to link to."""

    def __init__(self, bericht: str, bestaande: models.Model) -> None:
        super().__init__(bericht, code="periode_bezet")
        self.bestaande = bestaande


@transaction.atomic
def realisatie_create(
    *,
    toezegging: Toezegging,
    jaar: int,
    kwartaal: int | None,
    hoeveelheid: Decimal | None,
    toelichting: str = "",
    door: Gebruiker,
) -> Realisatie:
    """Records what was delivered on a commitment in a period that has no realisation yet.

    A period that already has one is refused with that row (to edit it), never overwritten: two
    people entering the same new period at once get one row and one refusal.
    """
    vereis(permissions.mag_realisatie_vastleggen(door, toezegging), str(NIET_VAN_UW_ORGANISATIE))
    _controleer_realisatie(toezegging, jaar, kwartaal, hoeveelheid)
    # Lock the commitment: simultaneous first entries for one period wait here, then see the row.
    Toezegging.objects.select_for_update().filter(pk=toezegging.pk).exists()
    bestaande = _realisatie_in_periode(toezegging, jaar, kwartaal)
    if bestaande is not None:
        raise PeriodeBezet(_("Voor deze periode is al een realisatie vastgelegd."), bestaande)
    realisatie = Realisatie(
        toezegging=toezegging, jaar=jaar, kwartaal=kwartaal, hoeveelheid=hoeveelheid, toelichting=toelichting
    )
    realisatie.full_clean(validate_constraints=False)
    _historie_door(realisatie, door)
    try:
        with transaction.atomic():
            realisatie.save()
    except IntegrityError:  # the unique constraints are the last guard
        raise PeriodeBezet(
            _("Voor deze periode is al een realisatie vastgelegd."), _realisatie_in_periode(toezegging, jaar, kwartaal)
        ) from None
    return realisatie


def _realisatie_in_periode(toezegging: Toezegging, jaar: int, kwartaal: int | None) -> Realisatie | None:
    return Realisatie.objects.filter(toezegging=toezegging, jaar=jaar, kwartaal=kwartaal).first()


@transaction.atomic
def realisatie_update(
    *, realisatie: Realisatie, versie: int, hoeveelheid: Decimal | None, toelichting: str, door: Gebruiker
) -> Realisatie:
    """Corrects a realisation; refused when someone else saved it since ``versie`` was read."""
    opgeslagen = Realisatie.objects.select_for_update().select_related("toezegging__deelname").get(pk=realisatie.pk)
    vereis(permissions.mag_realisatie_vastleggen(door, opgeslagen.toezegging), str(NIET_VAN_UW_ORGANISATIE))
    _controleer_realisatie(opgeslagen.toezegging, opgeslagen.jaar, opgeslagen.kwartaal, hoeveelheid)
    if not gewijzigde_velden(opgeslagen, {"hoeveelheid": hoeveelheid, "toelichting": toelichting}):
        return opgeslagen
    _claim_versie(Realisatie, opgeslagen.pk, versie)
    opgeslagen.versie = versie + 1
    opgeslagen.hoeveelheid = hoeveelheid
    opgeslagen.toelichting = toelichting
    opgeslagen.full_clean()
    _historie_door(opgeslagen, door)
    opgeslagen.save()
    return opgeslagen


# --- Voortgang, resultaten en lessen -------------------------------------------------------------


@transaction.atomic
def voortgangsrapportage_create(
    *, coalitie: Coalitie, jaar: int, kwartaal: int | None, status: str, mijlpalen: str, tekst: str,
    door: Gebruiker,
) -> Voortgangsrapportage:
    """Records the progress of a period that has no report yet; a second one for the period is refused."""
    coalitie = Coalitie.objects.select_for_update().get(pk=coalitie.pk)
    vereis(permissions.mag_voortgang_rapporteren(door, coalitie), _geen_coalitie_rechten(coalitie))
    # Progress is reported on a period that has begun, as what was delivered is.
    _vereis_begonnen_periode(
        jaar, kwartaal,
        _("Een voortgangsrapportage legt u vast voor een periode die al begonnen is; "
          "%(periode)s begint op %(datum)s."),
    )
    bestaande = Voortgangsrapportage.objects.filter(coalitie=coalitie, jaar=jaar, kwartaal=kwartaal).first()
    if bestaande is not None:
        raise PeriodeBezet(_("Voor deze periode is al een voortgangsrapportage vastgelegd."), bestaande)
    rapportage = Voortgangsrapportage(
        coalitie=coalitie, jaar=jaar, kwartaal=kwartaal, status=status, mijlpalen=mijlpalen, tekst=tekst, auteur=door
    )
    rapportage.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rapportage.save()
    except IntegrityError:
        raise PeriodeBezet(
            _("Voor deze periode is al een voortgangsrapportage vastgelegd."),
            Voortgangsrapportage.objects.filter(coalitie=coalitie, jaar=jaar, kwartaal=kwartaal).first(),
        ) from None
    return rapportage


@transaction.atomic
def voortgangsrapportage_update(
    *, rapportage: Voortgangsrapportage, versie: int, status: str, mijlpalen: str, tekst: str, door: Gebruiker
) -> Voortgangsrapportage:
    """Changes a progress report; refused when someone else saved it since ``versie`` was read."""
    opgeslagen = Voortgangsrapportage.objects.select_for_update().select_related("coalitie").get(pk=rapportage.pk)
    vereis(permissions.mag_voortgang_rapporteren(door, opgeslagen.coalitie), _geen_coalitie_rechten(opgeslagen.coalitie))
    velden = {"status": status, "mijlpalen": mijlpalen, "tekst": tekst}
    if not gewijzigde_velden(opgeslagen, velden):
        return opgeslagen
    bijgewerkt = Voortgangsrapportage.objects.filter(pk=opgeslagen.pk, versie=versie).update(versie=F("versie") + 1)
    if not bijgewerkt:
        raise ValidationError(
            _("Uw wijziging is niet opgeslagen, want iemand anders was u voor. "
              "Bekijk de nieuwe stand en voer uw wijziging zo nodig opnieuw in."),
            code="gelijktijdige_wijziging",
        )
    opgeslagen.versie = versie + 1
    for veld, waarde in velden.items():
        setattr(opgeslagen, veld, waarde)
    opgeslagen.full_clean()
    opgeslagen.save()
    return opgeslagen


@transaction.atomic
def resultaat_en_les_create(
    *, coalitie: Coalitie, soort: str, titel: str, tekst: str, datum: datetime.date, door: Gebruiker
) -> ResultaatEnLes:
    """Records a result or lesson; the same one sent twice within a few seconds is refused, not doubled."""
    coalitie = Coalitie.objects.select_for_update().get(pk=coalitie.pk)
    vereis(permissions.mag_resultaat_vastleggen(door, coalitie), _geen_coalitie_rechten(coalitie))
    item = ResultaatEnLes(coalitie=coalitie, soort=soort, titel=titel, tekst=tekst, datum=datum, auteur=door)
    item.full_clean()
    if ResultaatEnLes.objects.filter(
        coalitie=coalitie, soort=soort, titel=titel, tekst=tekst, datum=datum,
        vastgelegd_op__gte=timezone.now() - DUBBEL_BINNEN,
    ).exists():
        raise _dubbel()
    item.save()
    return item


# --- Import: many rows in one write ----------------------------------------------------------------
#
# An import checks every row with the same permission functions and rules as the screens, without a
# query per row (``coalities.imports``: full_clean without its per-row queries, and the check functions
# above), and then writes all rows at once here. The permission checks run again here against the rows
# as stored (locked), so nothing written through these functions does what the screens refuse; the
# database constraints guard the one-row rules a second time.

COALITIE_RELATIES = ["thema", "tafel", "trekker", "projectleider"]


def _per_veldenset(gewijzigd: list[tuple[models.Model, set[str]]]) -> dict[frozenset[str], list[models.Model]]:
    groepen: dict[frozenset[str], list[models.Model]] = {}
    for obj, velden in gewijzigd:
        groepen.setdefault(frozenset(velden), []).append(obj)
    return groepen


@transaction.atomic
def coalities_importeren(
    *, nieuw: list[Coalitie], gewijzigd: list[tuple[Coalitie, set[str]]], door: Gebruiker
) -> None:
    """Creates ``nieuw`` and writes the changed fields of ``gewijzigd``; all or nothing."""
    for coalitie in nieuw:
        controleer_coalitie_aanmaken(door=door, trekker=coalitie.trekker)
    opgeslagen = Coalitie.objects.select_for_update().in_bulk([c.pk for c, _ in gewijzigd])
    for coalitie, velden in gewijzigd:
        controleer_coalitie_wijzigen(door=door, coalitie=opgeslagen[coalitie.pk], gewijzigd=velden)
    nieuwe_start = {c.pk: c for c, velden in gewijzigd if "startdatum" in velden}
    for deelname in Deelname.objects.filter(coalitie_id__in=nieuwe_start, variant=Deelname.Variant.INSTAP):
        start = nieuwe_start[deelname.coalitie_id].startdatum
        if start is None or deelname.instapdatum <= start:
            raise _veldfout("startdatum", _("De instapdatum van een instapper moet na de startdatum liggen."), "instap_voor_start")
    Coalitie.objects.bulk_create(nieuw, batch_size=1000)
    for velden, coalities in _per_veldenset(gewijzigd).items():
        Coalitie.objects.bulk_update(coalities, sorted(velden), batch_size=1000)


@transaction.atomic
def deelnames_importeren(
    *,
    nieuw: list[Deelname],
    gewijzigd: list[tuple[Deelname, set[str]]],
    toezeggingen: list[Toezegging],
    door: Gebruiker,
) -> None:
    """Records ``nieuw`` (with their first commitments in ``toezeggingen``) and changes ``gewijzigd``.

    A changed deelname carries the version it was read with; if someone saved it since, the whole
    import is refused.
    """
    opgeslagen = Deelname.objects.select_for_update().in_bulk([d.pk for d, _ in gewijzigd])
    aantallen = dict(
        Toezegging.objects.filter(deelname_id__in=opgeslagen).values("deelname_id")
        .annotate(n=models.Count("pk")).values_list("deelname_id", "n")
    )
    nieuwe_toezeggingen: dict[int, int] = {}
    for toezegging in toezeggingen:
        nieuwe_toezeggingen[id(toezegging.deelname)] = nieuwe_toezeggingen.get(id(toezegging.deelname), 0) + 1
    for deelname in nieuw:
        controleer_deelname_wijzigen(door=door, organisatie_id=deelname.organisatie_id)
    for deelname, _velden in gewijzigd:
        controleer_deelname_wijzigen(door=door, organisatie_id=opgeslagen[deelname.pk].organisatie_id)
        if opgeslagen[deelname.pk].versie != deelname.versie:
            raise ValidationError(
                _("De deelname van %(organisatie)s is intussen door iemand anders gewijzigd; importeer opnieuw.")
                % {"organisatie": deelname.organisatie},
                code="gelijktijdige_wijziging",
            )
        deelname.versie += 1
    for deelname in [*nieuw, *(d for d, _ in gewijzigd)]:
        controleer_variantvelden(deelname)
        aantal = aantallen.get(deelname.pk, 0) + nieuwe_toezeggingen.get(id(deelname), 0)
        controleer_deelname(deelname, aantal_toezeggingen=aantal)
    for toezegging in toezeggingen:
        controleer_toezeggingvelden(toezegging)
    bulk_create_with_history(nieuw, Deelname, batch_size=1000, default_user=door)
    for velden, deelnames in _per_veldenset(gewijzigd).items():
        bulk_update_with_history(deelnames, Deelname, sorted(velden | {"versie"}), batch_size=1000, default_user=door)
    # bulk_create takes each commitment's deelname id from the deelname created just above.
    bulk_create_with_history(toezeggingen, Toezegging, batch_size=1000, default_user=door)


@transaction.atomic
def toezeggingen_importeren(
    *, nieuw: list[Toezegging], gewijzigd: list[tuple[Toezegging, set[str]]], door: Gebruiker
) -> None:
    """Adds ``nieuw`` and changes ``gewijzigd`` commitments; each deelname must allow commitments."""
    opgeslagen = Toezegging.objects.select_for_update().in_bulk([t.pk for t, _ in gewijzigd])
    deelnames = Deelname.objects.in_bulk({t.deelname_id for t in nieuw} | {t.deelname_id for t, _ in gewijzigd})
    for toezegging in [*nieuw, *(t for t, _ in gewijzigd)]:
        deelname = deelnames[toezegging.deelname_id]
        controleer_deelname_wijzigen(door=door, organisatie_id=deelname.organisatie_id)
        if deelname.variant not in MET_TOEZEGGING:
            raise ValidationError(
                _("Bij %(variant)s horen geen toezeggingen; kies eerst volledige participatie of instap.")
                % {"variant": deelname.get_variant_display().lower()},
                code="toezeggingen_niet_bij_variant",
            )
        controleer_toezeggingvelden(toezegging)
    for toezegging, _velden in gewijzigd:
        if opgeslagen[toezegging.pk].versie != toezegging.versie:
            raise ValidationError(
                _("Een toezegging is intussen door iemand anders gewijzigd; importeer opnieuw."),
                code="gelijktijdige_wijziging",
            )
        toezegging.versie += 1
    bulk_create_with_history(nieuw, Toezegging, batch_size=1000, default_user=door)
    for velden, groep in _per_veldenset(gewijzigd).items():
        bulk_update_with_history(groep, Toezegging, sorted(velden | {"versie"}), batch_size=1000, default_user=door)
