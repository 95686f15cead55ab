"""Writes of the regiekamer app: each asks ``permissions`` and ``rules``, inside one transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coalities.models import Coalitie
from drechtsteden.models import Gebruiker, Organisatie
from drechtsteden.permissions import vereis
from tafels import services as tafel_services
from tafels.models import BestuurlijkeTafel

from . import melders, permissions, rules
from .models import (
    SCORES,
    Escalatie,
    Escalatiestap,
    Reflectieantwoord,
    Reflectieronde,
    Regiekamer,
    Regiekamerlid,
    Voorzitterschap,
)
from .selectors import als_lid, historie, voorzitter_kandidaten


def _vergelijk_versie(obj, versie: int | None) -> None:
    if versie is not None and obj.versie != versie:
        raise ValidationError(
            _("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer uw wijziging nogmaals in."),
            code="verouderd",
        )


# --- The rooms ------------------------------------------------------------------------------------


@transaction.atomic
def regiekamer_create(
    *,
    soort: str,
    naam: str,
    door: Gebruiker,
    taak: str = "",
    secretaris: Gebruiker | None = None,
    uitgesloten: list[Organisatie] | tuple = (),
    datum: datetime.date | None = None,
) -> Regiekamer:
    """Creates a room with its meeting body; the ambtelijke regiekamer has the rotating chair."""
    vereis(permissions.mag_regiekamer_beheren(door), _("Alleen de manager SDD of een beheerder richt een regiekamer in."))
    orgaan = tafel_services.tafel_create(
        thema=None,
        naam=naam,
        soort=BestuurlijkeTafel.Soort.REGIEKAMER,
        vergaderingen_per_jaar=6 if soort == Regiekamer.Soort.AMBTELIJK else 4,
        secretaris=secretaris or door,
        datum=datum,
        door=door,
    )
    kamer = Regiekamer(
        soort=soort, naam=naam, taak=taak, orgaan=orgaan,
        roulerend_voorzitterschap=soort == Regiekamer.Soort.AMBTELIJK,
    )
    kamer.full_clean()
    kamer.save()
    kamer.uitgesloten_van_voorzitterschap.set(uitgesloten)
    return kamer


# --- Members and chairs ----------------------------------------------------------------------------


@transaction.atomic
def regiekamerlid_create(
    *,
    regiekamer: Regiekamer,
    gebruiker: Gebruiker,
    van: datetime.date,
    rol: str = Regiekamerlid.Rol.LID,
    tot: datetime.date | None = None,
    door: Gebruiker,
) -> Regiekamerlid:
    """Adds a member for their organisation; refused with the reason when the composition rules forbid it."""
    vereis(permissions.mag_regiekamer_beheren(door, regiekamer), _("Alleen de manager SDD of een beheerder wijzigt de leden."))
    Regiekamer.objects.select_for_update().get(pk=regiekamer.pk)
    if gebruiker.organisatie_id is None:
        raise ValidationError(_("Deze persoon hoort bij geen organisatie."), code="geen_organisatie")
    lid = Regiekamerlid(regiekamer=regiekamer, gebruiker=gebruiker, organisatie=gebruiker.organisatie, rol=rol, van=van, tot=tot)
    lid.full_clean()
    if fout := rules.lid_toetsen(regiekamer.soort, als_lid(lid)):
        raise ValidationError(fout, code="samenstelling")
    overlap = regiekamer.leden.filter(Q(tot__isnull=True) | Q(tot__gte=van)).select_related("gebruiker", "organisatie")
    if tot is not None:
        overlap = overlap.filter(van__lte=tot)
    for ander in overlap:
        if ander.gebruiker_id == gebruiker.pk:
            raise ValidationError(_("%(persoon)s is in die periode al lid.") % {"persoon": gebruiker}, code="al_lid")
        if rol == Regiekamerlid.Rol.VERBINDENDE_SCHAKEL and ander.rol == rol:
            raise ValidationError(
                _("%(persoon)s is in die periode al de verbindende schakel.") % {"persoon": ander.gebruiker},
                code="al_schakel",
            )
        if rol == Regiekamerlid.Rol.LID and ander.rol == rol and ander.organisatie_id == gebruiker.organisatie_id:
            raise ValidationError(
                _("%(organisatie)s heeft in die periode al een lid: %(persoon)s. Beëindig dat lidmaatschap eerst.")
                % {"organisatie": ander.organisatie, "persoon": ander.gebruiker},
                code="gemeente_bezet",
            )
    lid.save()
    return lid


@transaction.atomic
def regiekamerlid_beeindigen(*, lid: Regiekamerlid, tot: datetime.date, door: Gebruiker) -> Regiekamerlid:
    vereis(permissions.mag_regiekamer_beheren(door, lid.regiekamer), _("Alleen de manager SDD of een beheerder wijzigt de leden."))
    if lid.tot == tot:
        return lid
    lid.tot = tot
    lid.full_clean()
    lid.save(update_fields=["tot"])
    return lid


@transaction.atomic
def voorzitterschap_create(
    *,
    regiekamer: Regiekamer,
    jaar: int,
    organisatie: Organisatie,
    voorzitter: Gebruiker | None = None,
    door: Gebruiker,
) -> Voorzitterschap:
    """Records the chair for one year; a choice that breaks the rota rules is refused with the reason."""
    vereis(permissions.mag_regiekamer_beheren(door, regiekamer), _("Alleen de manager SDD of een beheerder legt de voorzitter vast."))
    Regiekamer.objects.select_for_update().get(pk=regiekamer.pk)
    if not regiekamer.roulerend_voorzitterschap:
        raise ValidationError(_("Deze regiekamer heeft geen roulerend voorzitterschap."), code="geen_rotatie")
    kandidaten, uitgesloten = voorzitter_kandidaten(regiekamer, datetime.date(jaar, 1, 1) if 2000 <= jaar <= 2100 else timezone.localdate())
    if fout := rules.voorzitter_toetsen(
        jaar=jaar, organisatie=organisatie.naam, kandidaten=kandidaten, uitgesloten=uitgesloten, historie=historie(regiekamer)
    ):
        raise ValidationError(fout, code="rotatie")
    if voorzitter is not None and voorzitter.organisatie_id != organisatie.pk:
        raise ValidationError(_("De voorzitter komt uit %(organisatie)s.") % {"organisatie": organisatie}, code="andere_organisatie")
    term = Voorzitterschap(regiekamer=regiekamer, jaar=jaar, organisatie=organisatie, voorzitter=voorzitter)
    term.full_clean()
    term.save()
    return term


# --- Escalations -----------------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in Escalatie.Niveau.choices}


@transaction.atomic
def escalatie_indienen(
    *,
    titel: str,
    omschrijving: str,
    gevraagd: str,
    sinds: datetime.date,
    door: Gebruiker,
    tafel: BestuurlijkeTafel | None = None,
    coalitie: Coalitie | None = None,
    organisatie: Organisatie | None = None,
    vandaag: datetime.date | None = None,
) -> Escalatie:
    """Raises a knelpunt at the first rung (signalering); the one who raises it owns it until it moves up."""
    vereis(permissions.mag_escalatie_indienen(door), _("U kunt geen knelpunt indienen."))
    vandaag = vandaag or timezone.localdate()
    if sinds is not None and sinds > vandaag:
        raise ValidationError({"sinds": ValidationError(_("'Speelt sinds' ligt niet in de toekomst."), code="toekomst")})
    escalatie = Escalatie(
        titel=(titel or "").strip(),
        omschrijving=(omschrijving or "").strip(),
        gevraagd=(gevraagd or "").strip(),
        sinds=sinds,
        geopend_op=vandaag,
        ingediend_door=door,
        tafel=tafel,
        coalitie=coalitie,
        organisatie=organisatie,
    )
    escalatie.full_clean()
    escalatie.save()
    Escalatiestap.objects.create(
        escalatie=escalatie,
        niveau=Escalatie.Niveau.SIGNALERING,
        datum=vandaag,
        besluit=_("Knelpunt gesignaleerd."),
        eigenaar=door,
        volgende_bespreking=vandaag + datetime.timedelta(weeks=2),
        vastgelegd_door=door,
    )
    transaction.on_commit(lambda: melders.escalatie_gewijzigd(escalatie=escalatie, door=door), robust=True)
    return escalatie


@transaction.atomic
def escalatie_opschalen(
    *,
    escalatie: Escalatie,
    naar: str,
    datum: datetime.date,
    besluit: str,
    eigenaar: Gebruiker,
    volgende_bespreking: datetime.date,
    door: Gebruiker,
    versie: int | None = None,
) -> Escalatie:
    """Moves the escalation one rung up, recording date, decision, owner and next review date."""
    gegeven = escalatie
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk)
    vereis(permissions.mag_escalatie_behandelen(door, escalatie), _("Alleen de ambtelijke regiekamer schaalt een escalatie op."))
    _vergelijk_versie(escalatie, versie)
    if fout := rules.opschalen_toetsen(huidig=escalatie.niveau, naar=naar, open_=escalatie.is_open, labels=_labels()):
        raise ValidationError(fout, code="ladder")
    laatste = escalatie.stappen.order_by("-datum", "-id").first()
    if laatste is not None and datum is not None and datum < laatste.datum:
        raise ValidationError({"datum": ValidationError(
            _("De datum ligt niet voor de vorige stap (%(datum)s).") % {"datum": laatste.datum.strftime("%d-%m-%Y")},
            code="datum_voor_vorige")})
    stap = Escalatiestap(
        escalatie=escalatie, niveau=naar, datum=datum, besluit=(besluit or "").strip(), eigenaar=eigenaar,
        volgende_bespreking=volgende_bespreking, vastgelegd_door=door,
    )
    stap.full_clean()
    stap.save()
    escalatie.niveau = naar
    escalatie.versie += 1
    escalatie.save(update_fields=["niveau", "versie"])
    gegeven.niveau, gegeven.versie = escalatie.niveau, escalatie.versie
    transaction.on_commit(lambda: melders.escalatie_gewijzigd(escalatie=escalatie, door=door), robust=True)
    return escalatie


@transaction.atomic
def escalatie_sluiten(
    *, escalatie: Escalatie, uitkomst: str, datum: datetime.date, door: Gebruiker, versie: int | None = None
) -> Escalatie:
    """Closes the escalation with its outcome."""
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk)
    vereis(permissions.mag_escalatie_behandelen(door, escalatie), _("Alleen de ambtelijke regiekamer sluit een escalatie."))
    _vergelijk_versie(escalatie, versie)
    if not escalatie.is_open:
        raise ValidationError(_("Deze escalatie is al gesloten."), code="al_gesloten")
    if datum is not None and datum < escalatie.geopend_op:
        raise ValidationError({"datum": ValidationError(_("Een escalatie sluit niet voor zij is ingediend."), code="te_vroeg")})
    escalatie.status = Escalatie.Status.GESLOTEN
    escalatie.uitkomst = (uitkomst or "").strip()
    escalatie.gesloten_op = datum
    escalatie.full_clean()
    escalatie.versie += 1
    escalatie.save()
    return escalatie


# --- Reflection rounds -----------------------------------------------------------------------------


@transaction.atomic
def reflectieronde_openen(*, periode: str, door: Gebruiker, datum: datetime.date | None = None) -> Reflectieronde:
    vereis(permissions.mag_ronde_beheren(door), _("Alleen de ambtelijke regiekamer opent een reflectieronde."))
    try:
        code = rules.periode_parse(periode).code
    except ValueError as fout:
        raise ValidationError({"periode": ValidationError(str(fout), code="periode")}) from fout
    if Reflectieronde.objects.filter(gesloten_op__isnull=True).exists():
        raise ValidationError(_("Er is al een open reflectieronde; sluit die eerst."), code="al_open")
    ronde = Reflectieronde(periode=code, geopend_op=datum or timezone.localdate(), geopend_door=door)
    ronde.full_clean()
    ronde.save()
    return ronde


@transaction.atomic
def reflectieronde_sluiten(*, ronde: Reflectieronde, door: Gebruiker, datum: datetime.date | None = None) -> Reflectieronde:
    vereis(permissions.mag_ronde_beheren(door, ronde), _("Alleen de ambtelijke regiekamer sluit een reflectieronde."))
    ronde = Reflectieronde.objects.select_for_update().get(pk=ronde.pk)
    if not ronde.is_open:
        raise ValidationError(_("Deze ronde is al gesloten."), code="al_gesloten")
    ronde.gesloten_op = datum or timezone.localdate()
    ronde.full_clean()
    ronde.save(update_fields=["gesloten_op"])
    return ronde


@transaction.atomic
def reflectie_invullen(
    *,
    ronde: Reflectieronde,
    organisatie: Organisatie,
    scores: dict[str, int],
    toelichting: str = "",
    door: Gebruiker,
    versie: int | None = None,
) -> Reflectieantwoord:
    """The organisation's one answer in the round: created, or edited while the round is open."""
    vereis(
        permissions.mag_reflectie_invullen(door, organisatie.pk),
        _("U vult de reflectie alleen in voor uw eigen organisatie."),
    )
    ronde = Reflectieronde.objects.select_for_update().get(pk=ronde.pk)
    if not ronde.is_open:
        raise ValidationError(_("Deze reflectieronde is gesloten; antwoorden wijzigen kan niet meer."), code="gesloten")
    if not organisatie.is_drechtstedengemeente:
        raise ValidationError(_("De reflectieronde is voor de Drechtstedengemeenten."), code="geen_deelnemer")
    if set(scores) != set(SCORES):
        raise ValidationError(_("Geef een score voor elk van de zes onderwerpen."), code="scores_onvolledig")
    antwoord = Reflectieantwoord.objects.filter(ronde=ronde, organisatie=organisatie).first()
    if antwoord is None:
        antwoord = Reflectieantwoord(ronde=ronde, organisatie=organisatie, ingevuld_door=door, **scores,
                                     toelichting=(toelichting or "").strip())
        antwoord.full_clean()
        antwoord.save()
        return antwoord
    _vergelijk_versie(antwoord, versie)
    nieuw = {**scores, "toelichting": (toelichting or "").strip()}
    if all(getattr(antwoord, k) == v for k, v in nieuw.items()):
        return antwoord  # a save without changes changes nothing
    for veld, waarde in nieuw.items():
        setattr(antwoord, veld, waarde)
    antwoord.ingevuld_door = door
    antwoord.full_clean()
    antwoord.versie += 1
    antwoord.save()
    return antwoord
