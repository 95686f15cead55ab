"""Writes of the conferences and network meetings: planning (the meeting, its programme, pitches, café tables
and invitations), the world café rotation, harvest notes, the wall, attendance and the short report."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drechtsteden.models import Gebruiker, Organisatie
from drechtsteden.permissions import vereis

from . import melders
from .indeling import IndelingFout, indeling
from .models import Cafetafel, Deelnemer, Muurbericht, Oogst, Pitch, Plaatsing, Programmaonderdeel, Werkconferentie
from .permissions import mag_conferentie_organiseren, mag_muurbericht_plaatsen, mag_oogst_vastleggen


ALLEEN_ORGANISATIE = gettext_lazy("Alleen de organisatie van de bijeenkomst plant en wijzigt haar.")


def _vereis_organisator(door: Gebruiker, conferentie: Werkconferentie | None = None) -> None:
    vereis(mag_conferentie_organiseren(door, conferentie), str(ALLEEN_ORGANISATIE))


def _opslaan(obj, melding_dubbel: str):
    """Validates and saves; a duplicate that slipped past validation (two at once) gets the same message."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(melding_dubbel, code="dubbel") from None
    return obj


@transaction.atomic
def conferentie_create(
    *, door: Gebruiker, soort: str, titel: str, datum: datetime.date, locatie: str = "", centrale_vraag: str = "",
    dagvoorzitter: str = "", rondes: int = 3,
) -> Werkconferentie:
    """Plans a work conference, network meeting or inspiration day."""
    _vereis_organisator(door)
    if Werkconferentie.objects.filter(soort=soort, titel=(titel or "").strip(), datum=datum).exists():
        raise ValidationError(_("Deze bijeenkomst staat al gepland op deze datum."), code="dubbel")
    conferentie = Werkconferentie(
        soort=soort, titel=(titel or "").strip(), datum=datum, locatie=(locatie or "").strip(),
        centrale_vraag=(centrale_vraag or "").strip(), dagvoorzitter=(dagvoorzitter or "").strip(), rondes=rondes,
    )
    conferentie.full_clean()
    conferentie.save()
    return conferentie


@transaction.atomic
def programmaonderdeel_create(
    *, conferentie: Werkconferentie, door: Gebruiker, begint_om: datetime.time, eindigt_om: datetime.time, soort: str,
    titel: str, toelichting: str = "",
) -> Programmaonderdeel:
    """A time slot of the programme; slots may not overlap."""
    _vereis_organisator(door, conferentie)
    onderdeel = Programmaonderdeel(
        conferentie=conferentie, begint_om=begint_om, eindigt_om=eindigt_om, soort=soort, titel=(titel or "").strip(),
        toelichting=(toelichting or "").strip(),
    )
    onderdeel.full_clean()
    overlap = conferentie.programma.filter(begint_om__lt=eindigt_om, eindigt_om__gt=begint_om).first()
    if overlap is not None:
        raise ValidationError(
            {"begint_om": ValidationError(_("Dit valt samen met ‘%(titel)s’.") % {"titel": overlap}, code="overlap")}
        )
    onderdeel.save()
    return onderdeel


@transaction.atomic
def pitch_create(
    *, conferentie: Werkconferentie, door: Gebruiker, organisatie: Organisatie, spreker: str = "", max_minuten: int = 3,
    stip_op_horizon: str = "", knelpunt_kans: str = "", succes_vandaag: str = "",
) -> Pitch:
    """A college's pitch: who, how long at most, and the three key points."""
    _vereis_organisator(door, conferentie)
    pitch = Pitch(
        conferentie=conferentie, organisatie=organisatie, spreker=(spreker or "").strip(), max_minuten=max_minuten,
        stip_op_horizon=(stip_op_horizon or "").strip(), knelpunt_kans=(knelpunt_kans or "").strip(),
        succes_vandaag=(succes_vandaag or "").strip(),
    )
    return _opslaan(pitch, _("Dit college pitcht al."))


@transaction.atomic
def cafetafel_create(
    *, conferentie: Werkconferentie, door: Gebruiker, thema: str, stelling: str,
    moderatoren: Iterable[Gebruiker] = (), terugkoppelaar: Gebruiker | None = None,
) -> Cafetafel:
    """A world café table with the next number, its statement and a moderator duo (at most two)."""
    _vereis_organisator(door, conferentie)
    moderatoren = list(moderatoren)
    if len(moderatoren) > 2:
        raise ValidationError({"moderatoren": ValidationError(_("Een tafel heeft een duo: kies ten hoogste twee moderatoren."), code="duo")})
    conferentie = Werkconferentie.objects.select_for_update().get(pk=conferentie.pk)
    if conferentie.tafels.filter(thema=(thema or "").strip(), stelling=(stelling or "").strip()).exists():
        raise ValidationError(_("Deze tafel met deze stelling staat er al."), code="dubbel")
    nummer = (conferentie.tafels.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + 1
    tafel = Cafetafel(conferentie=conferentie, nummer=nummer, thema=(thema or "").strip(), stelling=(stelling or "").strip(),
                      terugkoppelaar=terugkoppelaar)
    _opslaan(tafel, _("Deze conferentie heeft al een tafel met dit nummer."))
    tafel.moderatoren.set(moderatoren)
    return tafel


@transaction.atomic
def deelnemers_uitnodigen(
    *, conferentie: Werkconferentie, door: Gebruiker, rollen: Iterable[str], organisaties: Iterable[Organisatie] = ()
) -> list[Deelnemer]:
    """Invites every active user with one of `rollen` (of `organisaties`, or of all when none is chosen).
    Who is invited already stays invited once; the new invitations are returned."""
    _vereis_organisator(door, conferentie)
    rollen = sorted(set(rollen))
    if not rollen:
        raise ValidationError({"rollen": ValidationError(_("Kies wie u uitnodigt."), code="verplicht")})
    gebruikers = Gebruiker.objects.filter(is_active=True, rollen__rol__in=rollen).distinct()
    organisaties = list(organisaties)
    if organisaties:
        gebruikers = gebruikers.filter(organisatie__in=organisaties)
    al = set(conferentie.deelnemers.values_list("gebruiker_id", flat=True))
    nu = timezone.now()
    nieuw = Deelnemer.objects.bulk_create(
        [Deelnemer(conferentie=conferentie, gebruiker=g, uitgenodigd_op=nu) for g in gebruikers if g.pk not in al],
        ignore_conflicts=True,
    )
    ids = [d.gebruiker_id for d in nieuw]
    transaction.on_commit(lambda: melders.uitgenodigd(conferentie=conferentie, gebruiker_ids=ids, door=door), robust=True)
    return nieuw


@transaction.atomic
def aanwezigheid_vastleggen(*, conferentie: Werkconferentie, door: Gebruiker, aanwezig: Iterable[int]) -> int:
    """Records who came (the ids of `Deelnemer`s of this meeting) and that the others did not; returns the count.
    An id of another meeting changes nothing and is refused."""
    _vereis_organisator(door, conferentie)
    aanwezig = set(aanwezig)
    deelnemers = set(conferentie.deelnemers.values_list("pk", flat=True))
    if not aanwezig <= deelnemers:
        raise ValidationError(_("Kies alleen deelnemers van deze bijeenkomst."), code="onbekend")
    conferentie.deelnemers.filter(pk__in=aanwezig).exclude(aanwezig=True).update(aanwezig=True)
    conferentie.deelnemers.exclude(pk__in=aanwezig).exclude(aanwezig=False).update(aanwezig=False)
    return len(aanwezig)


@transaction.atomic
def verslag_vastleggen(*, conferentie: Werkconferentie, door: Gebruiker, verslag: str) -> Werkconferentie:
    """The short report of the meeting; saving the same text again changes nothing."""
    _vereis_organisator(door, conferentie)
    verslag = (verslag or "").strip()
    if verslag == conferentie.verslag:
        return conferentie
    conferentie.verslag = verslag
    conferentie.full_clean()
    conferentie.save(update_fields=["verslag"])
    return conferentie


@transaction.atomic
def indeling_maken(*, conferentie: Werkconferentie, door: Gebruiker) -> list[Plaatsing]:
    """Assigns every participant a table per round: each table at most once, groups mixing (see indeling.py).
    Replaces an earlier rotation."""
    vereis(mag_conferentie_organiseren(door, conferentie), _("Alleen de organisatie van de conferentie deelt de groepen in."))
    conferentie = Werkconferentie.objects.select_for_update().get(pk=conferentie.pk)
    tafels = list(conferentie.tafels.order_by("nummer"))
    deelnemers = list(conferentie.deelnemers.select_related("gebruiker__organisatie"))
    if not deelnemers:
        raise ValidationError(_("Er zijn nog geen deelnemers."), code="geen_deelnemers")
    try:
        schema = indeling(
            [(d.pk, d.gebruiker.organisatie.naam if d.gebruiker.organisatie else "") for d in deelnemers],
            tafels=len(tafels), rondes=conferentie.rondes,
        )
    except IndelingFout as fout:
        raise ValidationError(str(fout), code="indeling") from None
    Plaatsing.objects.filter(deelnemer__conferentie=conferentie).delete()
    return Plaatsing.objects.bulk_create(
        Plaatsing(deelnemer_id=pk, ronde=ronde + 1, tafel=tafels[t]) for pk, rij in schema.items() for ronde, t in enumerate(rij)
    )


@transaction.atomic
def oogst_vastleggen(*, tafel: Cafetafel, ronde: int, tekst: str, door: Gebruiker) -> Oogst:
    vereis(mag_oogst_vastleggen(door, tafel), _("Alleen de moderatoren van deze tafel leggen de oogst vast."))
    if not 1 <= ronde <= tafel.conferentie.rondes:
        raise ValidationError({"ronde": ValidationError(_("Kies een ronde van deze conferentie."), code="ronde")})
    oogst = Oogst(tafel=tafel, ronde=ronde, tekst=(tekst or "").strip(), vastgelegd_door=door)
    oogst.full_clean()
    oogst.save()
    return oogst


@transaction.atomic
def muurbericht_plaatsen(*, conferentie: Werkconferentie, soort: str, tekst: str, door: Gebruiker) -> Muurbericht:
    """A complaint, wish or compliment on the wall; anonymous on purpose, as on the paper wall."""
    vereis(mag_muurbericht_plaatsen(door, conferentie))
    bericht = Muurbericht(conferentie=conferentie, soort=soort, tekst=(tekst or "").strip())
    bericht.full_clean()
    bericht.save()
    return bericht
