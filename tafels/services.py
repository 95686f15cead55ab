"""Writes of the tafels app: each rule of the issue is checked here, inside one transaction."""

from __future__ import annotations

import datetime

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Organisatie, Rol, Thema
from drechtsteden.opmaak import datum as datum_tekst
from drechtsteden.permissions import vereis

from . import melders
from .models import (
    Aanmelding,
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Ambitie,
    BestuurlijkeTafel,
    Besluit,
    Lidmaatschap,
    PriveNotitie,
    Processtap,
    Stuk,
    Stukversie,
    Urgentietoets,
    Vergadering,
    veilige_bestandsnaam,
)
from .permissions import (
    mag_aanmelden,
    mag_actiepunt_aanmaken,
    mag_actiepunt_wijzigen,
    mag_agenda_bewerken,
    mag_agendapakket_verzenden,
    mag_ambitie_vaststellen,
    mag_besluit_vastleggen,
    mag_lidmaatschap_wijzigen,
    mag_notitie_schrijven,
    mag_partner_toelaten,
    mag_stuk_uploaden,
    mag_tafel_aanmaken,
    mag_vergadering_bewerken,
    mag_vergadering_plannen,
)

TOEGESTANE_STUKTYPEN = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
}
VAST_PUNT_TITEL = "Openstaande actiepunten"


# --- Rights --------------------------------------------------------------------------------------


def _alleen_secretaris() -> str:
    """The refusal of a write that is the table secretary's (PermissionDenied, shown as 403)."""
    return _("Alleen de secretaris van de tafel mag dit wijzigen.")


# A second identical submission within this time is a double click or a resent form, not a new record.
DUBBEL_BINNEN = datetime.timedelta(seconds=10)


def _weiger_dubbel(queryset, *, veld: str, melding: str) -> None:
    """Refuses an exact copy of a record made moments ago (`queryset` filters on every submitted value).

    The caller holds a lock on the parent row, so two simultaneous submissions are checked one after
    the other and the second sees the first.
    """
    if queryset.filter(**{f"{veld}__gte": timezone.now() - DUBBEL_BINNEN}).exists():
        raise ValidationError(melding, code="dubbel")


# --- Tables and membership -----------------------------------------------------------------------


@transaction.atomic
def tafel_create(
    *,
    thema: Thema | None,
    naam: str,
    soort: str = BestuurlijkeTafel.Soort.THEMATAFEL,
    scope: str = "",
    vergaderingen_per_jaar: int = 2,
    deadline_stukken_dagen: int = 10,
    voorzitter: Gebruiker | None = None,
    secretaris: Gebruiker | None = None,
    datum: datetime.date | None = None,
    door: Gebruiker,
) -> BestuurlijkeTafel:
    """Creates a table (or the meeting body of a regiekamer); the seven Drechtstedengemeenten take part by default."""
    vereis(mag_tafel_aanmaken(door), _("Alleen de manager SDD of een beheerder richt een tafel in."))
    tafel = BestuurlijkeTafel(
        soort=soort,
        thema=thema,
        naam=naam,
        scope=scope,
        vergaderingen_per_jaar=vergaderingen_per_jaar,
        deadline_stukken_dagen=deadline_stukken_dagen,
        voorzitter=voorzitter,
        secretaris=secretaris,
    )
    tafel.full_clean()
    tafel.save()
    datum = datum or timezone.localdate()
    for gemeente in Organisatie.objects.drechtstedengemeenten().actief_op(datum):
        Lidmaatschap.objects.create(tafel=tafel, organisatie=gemeente, status=Lidmaatschap.Status.DEELNEMEND, datum=datum)
    return tafel


@transaction.atomic
def lidmaatschap_afmelden(
    *, lidmaatschap: Lidmaatschap, reden: str, datum: datetime.date | None, door: Gebruiker
) -> Lidmaatschap:
    """A member openly chooses not to take part in this theme: reason and date are required."""
    vereis(mag_lidmaatschap_wijzigen(door, lidmaatschap), _alleen_secretaris())
    fouten = {}
    if not (reden or "").strip():
        fouten["reden"] = ValidationError(_("Geef de reden van de afmelding."), code="reden_verplicht")
    if datum is None:
        fouten["datum"] = ValidationError(_("Geef de datum van de afmelding."), code="datum_verplicht")
    if fouten:
        raise ValidationError(fouten)
    if lidmaatschap.status == Lidmaatschap.Status.AFGEMELD:
        raise ValidationError(_("Deze organisatie is al afgemeld."), code="al_afgemeld")
    lidmaatschap.status = Lidmaatschap.Status.AFGEMELD
    lidmaatschap.reden = reden.strip()
    lidmaatschap.datum = datum
    lidmaatschap.full_clean()
    lidmaatschap.save()
    return lidmaatschap


@transaction.atomic
def lidmaatschap_weer_deelnemen(
    *, lidmaatschap: Lidmaatschap, datum: datetime.date | None, reden: str = "", door: Gebruiker
) -> Lidmaatschap:
    """An opted-out gemeente rejoins; the history keeps the earlier opt-out."""
    vereis(mag_lidmaatschap_wijzigen(door, lidmaatschap), _alleen_secretaris())
    if lidmaatschap.status != Lidmaatschap.Status.AFGEMELD:
        raise ValidationError(_("Alleen een afgemelde organisatie kan weer deelnemen."), code="niet_afgemeld")
    if not lidmaatschap.organisatie.is_drechtstedengemeente:
        raise ValidationError(
            _("Een partner keert alleen terug met een nieuw besluit van de tafel: laat de partner opnieuw toe."),
            code="partner_vraagt_besluit",
        )
    if datum is None:
        raise ValidationError({"datum": ValidationError(_("Geef de datum van terugkeer."), code="datum_verplicht")})
    lidmaatschap.status = Lidmaatschap.Status.DEELNEMEND
    lidmaatschap.reden = (reden or "").strip()
    lidmaatschap.datum = datum
    lidmaatschap.full_clean()
    lidmaatschap.save()
    return lidmaatschap


@transaction.atomic
def partner_toelaten(
    *,
    tafel: BestuurlijkeTafel,
    organisatie: Organisatie,
    besluit_referentie: str,
    datum: datetime.date | None,
    vertegenwoordiger: Gebruiker | None = None,
    door: Gebruiker,
) -> Lidmaatschap:
    """Admits a neighbour or triple-helix partner, only with a recorded decision of the table and a date."""
    vereis(mag_partner_toelaten(door, tafel), _alleen_secretaris())
    fouten = {}
    if not (besluit_referentie or "").strip():
        fouten["besluit_referentie"] = ValidationError(
            _("Een partner treedt alleen toe met een vastgelegd besluit van de tafel."), code="besluit_verplicht"
        )
    if datum is None:
        fouten["datum"] = ValidationError(_("Geef de datum van toetreding."), code="datum_verplicht")
    if fouten:
        raise ValidationError(fouten)
    if organisatie.is_drechtstedengemeente:
        raise ValidationError(
            _("Een Drechtstedengemeente zit standaard aan tafel en treedt niet toe als partner."),
            code="geen_partner",
        )
    lidmaatschap, _created = Lidmaatschap.objects.get_or_create(
        tafel=tafel,
        organisatie=organisatie,
        defaults={"status": Lidmaatschap.Status.TOEGETREDEN_PARTNER, "besluit_referentie": besluit_referentie.strip(), "datum": datum},
    )
    if not _created:
        if lidmaatschap.status == Lidmaatschap.Status.TOEGETREDEN_PARTNER:
            raise ValidationError(_("Deze partner zit al aan tafel."), code="al_toegetreden")
        lidmaatschap.status = Lidmaatschap.Status.TOEGETREDEN_PARTNER
        lidmaatschap.besluit_referentie = besluit_referentie.strip()
        lidmaatschap.datum = datum
        lidmaatschap.reden = ""
    if vertegenwoordiger is not None:
        lidmaatschap.vertegenwoordiger = vertegenwoordiger
    lidmaatschap.full_clean()
    lidmaatschap.save()
    return lidmaatschap


@transaction.atomic
def lidmaatschap_vertegenwoordiger_instellen(
    *, lidmaatschap: Lidmaatschap, vertegenwoordiger: Gebruiker | None, door: Gebruiker
) -> Lidmaatschap:
    """Sets the representing bestuurder (portefeuillehouder): a bestuurder of the member organisation."""
    vereis(mag_lidmaatschap_wijzigen(door, lidmaatschap), _alleen_secretaris())
    if vertegenwoordiger is not None and (
        vertegenwoordiger.organisatie_id != lidmaatschap.organisatie_id
        or not vertegenwoordiger.heeft_rol(Rol.Soort.BESTUURDER)
    ):
        raise ValidationError(
            _("De vertegenwoordiger is een bestuurder van %(organisatie)s.") % {"organisatie": lidmaatschap.organisatie},
            code="geen_bestuurder_van_organisatie",
        )
    lidmaatschap.vertegenwoordiger = vertegenwoordiger
    lidmaatschap.save(update_fields=["vertegenwoordiger"])
    return lidmaatschap


@transaction.atomic
def ambitie_vaststellen(
    *, tafel: BestuurlijkeTafel, tekst: str, vastgesteld_op: datetime.date, door: Gebruiker
) -> Ambitie:
    """Adopts a new version of the table's ambition; earlier versions stay."""
    vereis(mag_ambitie_vaststellen(door, tafel), _alleen_secretaris())
    BestuurlijkeTafel.objects.select_for_update().filter(pk=tafel.pk).order_by().first()
    laatste = tafel.ambities.aggregate(m=Max("versie"))["m"] or 0
    ambitie = Ambitie(tafel=tafel, tekst=(tekst or "").strip(), vastgesteld_op=vastgesteld_op, versie=laatste + 1)
    ambitie.full_clean()
    ambitie.save()
    return ambitie


# --- Meetings ------------------------------------------------------------------------------------


@transaction.atomic
def vergadering_create(
    *,
    tafel: BestuurlijkeTafel,
    begint_om: datetime.datetime,
    duur_minuten: int = 120,
    plaats: str = "",
    door: Gebruiker,
) -> Vergadering:
    """Plans a meeting in concept, with the standing item under which open actions carry over."""
    vereis(mag_vergadering_plannen(door, tafel), _("Alleen de secretaris van de tafel of de manager Smart Delta "
                                                  "Drechtsteden mag een vergadering plannen."))
    vergadering = Vergadering(tafel=tafel, begint_om=begint_om, duur_minuten=duur_minuten, plaats=plaats)
    vergadering.full_clean()
    BestuurlijkeTafel.objects.select_for_update().filter(pk=tafel.pk).order_by().first()
    _weiger_dubbel(
        Vergadering.objects.filter(tafel=tafel, begint_om=begint_om, duur_minuten=duur_minuten, plaats=plaats),
        veld="aangemaakt_op",
        melding=_("Deze vergadering is zojuist al gepland; ze is niet nog een keer toegevoegd."),
    )
    vergadering.save()
    Agendapunt.objects.create(
        vergadering=vergadering,
        volgorde=1,
        titel=VAST_PUNT_TITEL,
        toelichting=_("Vast punt: de openstaande actiepunten van eerdere vergaderingen."),
        soort=Agendapunt.Soort.INFORMATIE,
        minuten=5,
        processtap=Processtap.VOORTGANG,
        vast_punt_actiepunten=True,
    )
    return vergadering


@transaction.atomic
def vergadering_status_verder(*, vergadering: Vergadering, naar: str, door: Gebruiker) -> Vergadering:
    """Moves the meeting status one step forward; only the secretary does this, never backwards."""
    gegeven = vergadering
    vergadering = Vergadering.objects.select_for_update().select_related("tafel").get(pk=vergadering.pk)
    vereis(
        mag_vergadering_bewerken(door, vergadering),
        _("Alleen de secretaris van de tafel zet de vergadering een stap verder."),
    )
    if naar not in Vergadering.VOLGORDE:
        raise ValidationError(_("Onbekende status."), code="onbekende_status")
    huidig = Vergadering.VOLGORDE.index(vergadering.status)
    nieuw = Vergadering.VOLGORDE.index(naar)
    if nieuw <= huidig:
        raise ValidationError(
            _("De status gaat alleen vooruit: van „%(van)s” kan niet terug naar „%(naar)s”.")
            % {"van": vergadering.get_status_display(), "naar": Vergadering.Status(naar).label},
            code="status_terug",
        )
    if nieuw != huidig + 1:
        raise ValidationError(
            _("De status gaat één stap tegelijk: na „%(van)s” komt „%(volgende)s”.")
            % {"van": vergadering.get_status_display(), "volgende": vergadering.volgende_status_label},
            code="status_overslaan",
        )
    vergadering.status = naar
    vergadering.save(update_fields=["status"])
    gegeven.status = naar
    return gegeven


@transaction.atomic
def aanwezigheid_registreren(
    *, vergadering: Vergadering, organisatie: Organisatie, status: str, door: Gebruiker
) -> Aanwezigheid:
    vereis(mag_vergadering_bewerken(door, vergadering), _alleen_secretaris())
    if not vergadering.tafel.lidmaatschappen.filter(organisatie=organisatie).exists():
        raise ValidationError(_("Deze organisatie is geen lid van de tafel."), code="geen_lid")
    aanwezigheid = Aanwezigheid.objects.filter(vergadering=vergadering, organisatie=organisatie).first()
    aanwezigheid = aanwezigheid or Aanwezigheid(vergadering=vergadering, organisatie=organisatie)
    aanwezigheid.status = status
    aanwezigheid.full_clean()
    aanwezigheid.save()
    return aanwezigheid


# --- Agenda --------------------------------------------------------------------------------------


def _vereis_concept(vergadering: Vergadering) -> None:
    if not vergadering.is_concept:
        raise ValidationError(
            _("De agenda is vastgesteld; agendapunten wijzigen kan alleen in een conceptagenda."), code="agenda_vastgesteld"
        )


@transaction.atomic
def agendapunt_create(
    *,
    vergadering: Vergadering,
    titel: str,
    processtap: str,
    soort: str = Agendapunt.Soort.BESPREKING,
    minuten: int = 15,
    toelichting: str = "",
    coalitie=None,
    urgentietoets: Urgentietoets | None = None,
    door: Gebruiker,
) -> Agendapunt:
    """Adds an item at the end of the concept agenda; an urgent dossier needs an admitted three-question test."""
    vereis(mag_agenda_bewerken(door, vergadering), _alleen_secretaris())
    _vereis_concept(vergadering)
    if processtap == Processtap.URGENT and (urgentietoets is None or not urgentietoets.toegelaten):
        raise ValidationError(
            {"processtap": ValidationError(
                _("Een urgent dossier of nieuw thema komt alleen op de agenda als de drie vragen met ja zijn "
                  "beantwoord en vastgelegd: past het binnen de scope, is er capaciteit, wordt het als urgent gevoeld?"),
                code="urgent_zonder_toets",
            )}
        )
    Vergadering.objects.select_for_update().filter(pk=vergadering.pk).first()
    titel = (titel or "").strip()
    if urgentietoets is None:
        # An urgent item comes with its own new test; a copy of the test is refused in urgentietoets_vastleggen.
        _weiger_dubbel(
            vergadering.agendapunten.filter(
                titel=titel, toelichting=toelichting, soort=soort, minuten=minuten, processtap=processtap,
                coalitie=coalitie,
            ),
            veld="aangemaakt_op",
            melding=_("Dit agendapunt is zojuist al toegevoegd; het staat niet twee keer op de agenda."),
        )
    laatste = vergadering.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
    punt = Agendapunt(
        vergadering=vergadering,
        volgorde=laatste + 1,
        titel=titel,
        toelichting=toelichting,
        soort=soort,
        minuten=minuten,
        processtap=processtap,
        coalitie=coalitie,
        urgentietoets=urgentietoets,
    )
    punt.full_clean()
    punt.save()
    return punt


@transaction.atomic
def urgentietoets_vastleggen(
    *,
    vergadering: Vergadering,
    titel: str,
    past_binnen_scope: bool | None,
    capaciteit_beschikbaar: bool | None,
    urgent_gevoeld: bool | None,
    toelichting: str = "",
    soort: str = Agendapunt.Soort.BESPREKING,
    minuten: int = 15,
    door: Gebruiker,
) -> Urgentietoets:
    """Records the three answers; with three yeses the dossier goes on the agenda, otherwise it is not admitted."""
    vereis(mag_agenda_bewerken(door, vergadering), _alleen_secretaris())
    _vereis_concept(vergadering)
    antwoorden = {
        "past_binnen_scope": past_binnen_scope,
        "capaciteit_beschikbaar": capaciteit_beschikbaar,
        "urgent_gevoeld": urgent_gevoeld,
    }
    open_vragen = {
        veld: ValidationError(_("Beantwoord deze vraag met ja of nee."), code="vraag_onbeantwoord")
        for veld, antwoord in antwoorden.items()
        if antwoord is None
    }
    if open_vragen:
        raise ValidationError(open_vragen)
    Vergadering.objects.select_for_update().filter(pk=vergadering.pk).first()
    _weiger_dubbel(
        vergadering.urgentietoetsen.filter(titel=(titel or "").strip(), toelichting=toelichting, **antwoorden),
        veld="vastgelegd_op",
        melding=_("Deze toets is zojuist al vastgelegd; hij is niet nog een keer toegevoegd."),
    )
    toets = Urgentietoets(
        vergadering=vergadering,
        titel=(titel or "").strip(),
        toelichting=toelichting,
        toegelaten=all(antwoorden.values()),
        vastgelegd_door=door,
        **antwoorden,
    )
    toets.full_clean()
    toets.save()
    if toets.toegelaten:
        agendapunt_create(
            vergadering=vergadering,
            titel=toets.titel,
            toelichting=toelichting,
            processtap=Processtap.URGENT,
            soort=soort,
            minuten=minuten,
            urgentietoets=toets,
            door=door,
        )
    return toets


@transaction.atomic
def agendapunt_update(*, agendapunt: Agendapunt, door: Gebruiker, **velden) -> Agendapunt:
    """Edits title, explanation, kind, minutes, process step or the coalition link of a concept item."""
    vereis(mag_agenda_bewerken(door, agendapunt.vergadering), _alleen_secretaris())
    _vereis_concept(agendapunt.vergadering)
    toegestaan = {"titel", "toelichting", "soort", "minuten", "processtap", "coalitie"}
    if set(velden) - toegestaan:
        raise TypeError(f"Onbekende velden: {set(velden) - toegestaan}")
    if velden.get("processtap") == Processtap.URGENT and agendapunt.urgentietoets_id is None:
        raise ValidationError(
            {"processtap": ValidationError(
                _("Leg voor een urgent dossier of nieuw thema eerst de drie toetsvragen vast."), code="urgent_zonder_toets"
            )}
        )
    if agendapunt.vast_punt_actiepunten and velden.get("processtap", agendapunt.processtap) != agendapunt.processtap:
        raise ValidationError(_("Het vaste punt houdt zijn processtap."), code="vast_punt")
    for veld, waarde in velden.items():
        setattr(agendapunt, veld, waarde)
    agendapunt.full_clean()
    agendapunt.save()
    return agendapunt


@transaction.atomic
def agendapunt_delete(*, agendapunt: Agendapunt, door: Gebruiker) -> None:
    vergadering = agendapunt.vergadering
    vereis(mag_agenda_bewerken(door, vergadering), _alleen_secretaris())
    _vereis_concept(vergadering)
    if agendapunt.vast_punt_actiepunten:
        raise ValidationError(_("Het vaste punt met openstaande actiepunten blijft op de agenda."), code="vast_punt")
    if agendapunt.besluiten.exists() or agendapunt.actiepunten.exists():
        raise ValidationError(_("Dit agendapunt heeft besluiten of actiepunten en blijft staan."), code="heeft_besluiten")
    agendapunt.delete()
    _hernummer(vergadering)


@transaction.atomic
def agendapunt_verplaatsen(*, agendapunt: Agendapunt, richting: str, door: Gebruiker) -> Agendapunt:
    """Moves an item one place up ("omhoog") or down ("omlaag") on the concept agenda."""
    vergadering = agendapunt.vergadering
    vereis(mag_agenda_bewerken(door, vergadering), _alleen_secretaris())
    _vereis_concept(vergadering)
    punten = list(vergadering.agendapunten.select_for_update().order_by("volgorde", "id"))
    index = next(i for i, p in enumerate(punten) if p.pk == agendapunt.pk)
    doel = index - 1 if richting == "omhoog" else index + 1 if richting == "omlaag" else None
    if doel is None:
        raise ValidationError(_("Kies omhoog of omlaag."), code="onbekende_richting")
    if 0 <= doel < len(punten):
        punten[index], punten[doel] = punten[doel], punten[index]
    for volgorde, punt in enumerate(punten, start=1):
        if punt.volgorde != volgorde:
            punt.volgorde = volgorde
            punt.save(update_fields=["volgorde"])
    return next(p for p in punten if p.pk == agendapunt.pk)


def _hernummer(vergadering: Vergadering) -> None:
    for volgorde, punt in enumerate(vergadering.agendapunten.order_by("volgorde", "id"), start=1):
        if punt.volgorde != volgorde:
            punt.volgorde = volgorde
            punt.save(update_fields=["volgorde"])


# --- Documents -----------------------------------------------------------------------------------


def stuk_controleren(bestand: UploadedFile) -> str:
    """Checks size and real content (not the extension) of a document; returns its MIME type."""
    maximum = settings.TAFELS_STUK_MAX_BYTES
    if bestand.size > maximum:
        raise ValidationError(
            _("Het bestand is te groot: maximaal %(mb)s MB.") % {"mb": maximum // (1024 * 1024)}, code="te_groot"
        )
    if bestand.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    bestand.seek(0)
    kop = bestand.read(8192)
    bestand.seek(0)
    soort = filetype.guess(kop)
    if soort is None or soort.mime not in TOEGESTANE_STUKTYPEN:
        raise ValidationError(
            _("Dit bestand is geen PDF, DOCX, XLSX of ODT (de inhoud is gecontroleerd, niet alleen de naam)."),
            code="bestandstype",
        )
    return soort.mime


@transaction.atomic
def stuk_uploaden(
    *,
    agendapunt: Agendapunt,
    bestand: UploadedFile,
    door: Gebruiker,
    titel: str = "",
    stuk: Stuk | None = None,
    moment: datetime.datetime | None = None,
) -> Stukversie:
    """Uploads a document, or a new version of ``stuk``; earlier versions are kept."""
    vergadering = agendapunt.vergadering
    vereis(mag_stuk_uploaden(door, agendapunt), _alleen_secretaris())
    beletsel = vergadering.stukken_beletsel()
    if beletsel is not None:
        raise beletsel
    mime = stuk_controleren(bestand)
    if stuk is None:
        stuk = Stuk(agendapunt=agendapunt, titel=(titel or "").strip())
        stuk.full_clean()
        stuk.save()
    elif stuk.agendapunt_id != agendapunt.pk:
        raise ValidationError(_("Dit stuk hoort bij een ander agendapunt."), code="ander_agendapunt")
    laatste = stuk.versies.aggregate(m=Max("versie"))["m"] or 0
    versie = Stukversie(
        stuk=stuk,
        versie=laatste + 1,
        bestand=bestand,
        bestandsnaam=veilige_bestandsnaam(bestand.name, mime),
        mime_type=mime,
        grootte=bestand.size,
        geupload_op=moment or timezone.now(),
        geupload_door=door,
    )
    versie.save()
    transaction.on_commit(lambda: melders.stuk_toegevoegd(versie=versie, door=door), robust=True)
    return versie


# --- Decisions and actions -----------------------------------------------------------------------


def vereis_besluitmoment(vergadering: Vergadering) -> None:
    """Refuses a decision on a meeting that has not taken place yet, has a draft agenda, or whose list of
    decisions is adopted (``Vergadering.besluit_beletsel``): the one check of every way a decision is recorded."""
    beletsel = vergadering.besluit_beletsel()
    if beletsel is not None:
        raise beletsel


@transaction.atomic
def besluit_vastleggen(*, agendapunt: Agendapunt, tekst: str, door: Gebruiker) -> Besluit:
    """Records a decision taken by consensus, during or after the meeting."""
    vereis(mag_besluit_vastleggen(door, agendapunt), _alleen_secretaris())
    vereis_besluitmoment(Vergadering.objects.select_for_update().get(pk=agendapunt.vergadering_id))
    besluit = Besluit(agendapunt=agendapunt, tekst=(tekst or "").strip())
    besluit.full_clean()
    Agendapunt.objects.select_for_update().filter(pk=agendapunt.pk).first()
    _weiger_dubbel(
        agendapunt.besluiten.filter(tekst=besluit.tekst), veld="vastgelegd_op",
        melding=_("Dit besluit is zojuist al vastgelegd; het is niet nog een keer toegevoegd."),
    )
    besluit.save()
    return besluit


@transaction.atomic
def actiepunt_create(
    *,
    agendapunt: Agendapunt,
    omschrijving: str,
    deadline: datetime.date,
    eigenaar_persoon: Gebruiker | None = None,
    eigenaar_organisatie: Organisatie | None = None,
    door: Gebruiker,
) -> Actiepunt:
    vereis(mag_actiepunt_aanmaken(door, agendapunt), _alleen_secretaris())
    vergaderdag = agendapunt.vergadering.datum
    if deadline is not None and deadline < vergaderdag:
        raise ValidationError({"deadline": ValidationError(
            _("Een actiepunt is uiterlijk gereed op of na de dag van de vergadering: %(datum)s of later.")
            % {"datum": datum_tekst(vergaderdag)},
            code="deadline_voor_vergadering",
        )})
    actiepunt = Actiepunt(
        agendapunt=agendapunt,
        omschrijving=(omschrijving or "").strip(),
        deadline=deadline,
        eigenaar_persoon=eigenaar_persoon,
        eigenaar_organisatie=eigenaar_organisatie,
    )
    actiepunt.full_clean()
    Agendapunt.objects.select_for_update().filter(pk=agendapunt.pk).first()
    _weiger_dubbel(
        agendapunt.actiepunten.filter(
            omschrijving=actiepunt.omschrijving, deadline=deadline, eigenaar_persoon=eigenaar_persoon,
            eigenaar_organisatie=eigenaar_organisatie,
        ),
        veld="aangemaakt_op",
        melding=_("Dit actiepunt is zojuist al vastgelegd; het is niet nog een keer toegevoegd."),
    )
    actiepunt.save()
    transaction.on_commit(lambda: melders.actiepunt_toegewezen(actiepunt=actiepunt, door=door), robust=True)
    return actiepunt


@transaction.atomic
def actiepunt_status_wijzigen(*, actiepunt: Actiepunt, status: str, door: Gebruiker) -> Actiepunt:
    vereis(mag_actiepunt_wijzigen(door, actiepunt), _alleen_secretaris())
    actiepunt.status = status
    actiepunt.full_clean()
    actiepunt.save(update_fields=["status"])
    return actiepunt


# --- Aanmelden and afmelden ---------------------------------------------------------------------


@transaction.atomic
def aanmelding_vastleggen(
    *, vergadering: Vergadering, status: str, vervanger: Gebruiker | None = None, door: Gebruiker
) -> Aanmelding:
    """A bestuurder says whether they come; with an afmelding a colleague of their organisation may replace them.

    Saving the same choice again changes nothing (no new history line).
    """
    vereis(mag_aanmelden(door, vergadering), _("Alleen bestuurders van de organisaties aan tafel melden zich aan of af."))
    if vervanger is not None:
        if status != Aanmelding.Status.AFGEMELD:
            raise ValidationError({"vervanger": _("Een vervanger komt alleen als u zich afmeldt.")}, code="vervanger")
        if vervanger.pk == door.pk or vervanger.organisatie_id != door.organisatie_id or not vervanger.is_active:
            raise ValidationError(
                {"vervanger": _("Kies als vervanger iemand anders van uw eigen organisatie.")}, code="vervanger"
            )
    aanmelding = Aanmelding.objects.select_for_update().filter(vergadering=vergadering, gebruiker=door).first()
    if aanmelding is None:
        aanmelding = Aanmelding(vergadering=vergadering, gebruiker=door, organisatie_id=door.organisatie_id)
    elif aanmelding.status == status and aanmelding.vervanger_id == (vervanger.pk if vervanger else None):
        return aanmelding
    aanmelding.status = status
    aanmelding.vervanger = vervanger
    aanmelding.full_clean()
    aanmelding._history_user = door
    aanmelding.save()
    return aanmelding
# --- Private notes ---------------------------------------------------------------------------------


@transaction.atomic
def prive_notitie_opslaan(
    *, agendapunt: Agendapunt, tekst: str, versie: int | None, door: Gebruiker
) -> PriveNotitie | None:
    """Saves the acting bestuurder's own note on an agenda item; an empty text removes it.

    ``versie`` is the version the author's screen showed (0 for no note yet): when the note changed
    in another window since, nothing is saved and the author is told, so no text is silently lost.
    """
    vereis(
        mag_notitie_schrijven(door, agendapunt),
        _("Alleen een bestuurder die deze vergadering kan inzien, houdt hier notities bij."),
    )
    tekst = (tekst or "").strip()
    if len(tekst) > PriveNotitie.MAX_LENGTE:
        raise ValidationError(
            {"tekst": _("Een notitie is ten hoogste %(aantal)s tekens lang.") % {"aantal": PriveNotitie.MAX_LENGTE}},
            code="te_lang",
        )
    notitie = PriveNotitie.objects.select_for_update().van(door).filter(agendapunt=agendapunt).first()
    if versie is not None and versie != (notitie.versie if notitie else 0):
        raise ValidationError(
            _("Uw notitie is intussen in een ander venster gewijzigd. Er is niets opgeslagen; "
              "de bewaarde tekst staat hieronder."),
            code="verouderd",
        )
    if not tekst:
        if notitie is not None:
            notitie.delete()
        return None
    if notitie is None:
        notitie = PriveNotitie(agendapunt=agendapunt, auteur=door, tekst=tekst)
    elif notitie.tekst == tekst:
        return notitie
    else:
        notitie.tekst = tekst
        notitie.versie += 1
    notitie.full_clean()
    try:
        with transaction.atomic():
            notitie.save()
    except IntegrityError:
        # Two windows created the first note at the same moment: the later one is told, not lost.
        raise ValidationError(
            _("Uw notitie is intussen in een ander venster gewijzigd. Er is niets opgeslagen; "
              "de bewaarde tekst staat hieronder."),
            code="verouderd",
        ) from None
    return notitie
# --- Agenda pack versions ------------------------------------------------------------------------


@transaction.atomic
def pakketversie_vastleggen(*, opdracht, door: Gebruiker) -> "Pakketversie":
    """Freezes a finished pack built for sending as the meeting's next version, and notifies the members.

    Idempotent: a job already frozen returns its version.
    """
    from .models import Pakketversie

    vergadering = Vergadering.objects.select_for_update().select_related("tafel").get(pk=opdracht.parameters["vergadering"])
    vereis(
        mag_agendapakket_verzenden(door, vergadering), _("Alleen de secretaris van de tafel verzendt het agendapakket.")
    )
    bestaand = Pakketversie.objects.filter(opdracht=opdracht).first()
    if bestaand is not None:
        return bestaand
    gegevens = opdracht.resultaat or {}
    laatste = vergadering.pakketversies.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    nummer = gegevens.get("versie") or laatste + 1
    if nummer <= laatste:
        # Another version was sent while this one was built: this file says "versie N" and N is
        # taken, so it cannot be frozen under that number.
        raise ValidationError(_("Er is intussen al een nieuwere versie verzonden."), code="versie_bezet")
    verzonden_op = gegevens.get("verzonden_op")
    versie = Pakketversie(
        vergadering=vergadering,
        nummer=nummer,
        opdracht=opdracht,
        bestand=opdracht.bestand.name,
        sha256=opdracht.sha256,
        pagina_aantal=gegevens.get("paginas") or 0,
        inhoud=gegevens.get("inhoud") or {},
        wijzigingen=gegevens.get("wijzigingen") or [],
        verzonden_op=datetime.datetime.fromisoformat(verzonden_op) if verzonden_op else timezone.now(),
        verzonden_door=door,
    )
    versie.full_clean()
    versie.save()
    transaction.on_commit(lambda: melders.pakketversie_verzonden(versie=versie, door=door), robust=True)
    return versie
