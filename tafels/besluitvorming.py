"""Decisions of a table by consensus or by weighted vote: the vote rules, who votes, and recording.

Consensus is the rule (principle decision 2020); a vote weighs members by the table's rules and is
counted by `tafels.stemming`. Contributions live in the financing app, which sits above this one: it
registers a source with `registreer_bijdragebron`, or the caller passes `bijdragen` in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Inwonertal, Organisatie
from drechtsteden.permissions import vereis

from . import services
from . import stemming as rekenen
from .models import (
    Agendapunt,
    BestuurlijkeTafel,
    Besluit,
    Lidmaatschap,
    Stem,
    Stemgroep,
    Stemming,
    Stemregeling,
    Toelating,
    Vergadering,
)
from .permissions import mag_partner_toelaten, mag_stemming_vastleggen, mag_stemregeling_wijzigen

# (year, components such as "12", organisation ids) -> contribution per organisation id
Bijdragebron = Callable[[int, str, list[int]], dict[int, Decimal]]
_bijdragebron: Bijdragebron | None = None


def registreer_bijdragebron(bron: Bijdragebron | None) -> None:
    """The financing app tells this app where contributions come from (it may import tafels, not vice versa)."""
    global _bijdragebron
    _bijdragebron = bron


# Admits a partner to a table and records its join under the recorded rule (keyword arguments tafel,
# organisatie, besluit_referentie, meldingsdatum, vertegenwoordiger, basisbijdrage, door): the financing
# app's join, which also makes the decided contribution to the base its fixed contribution.
Toetreding = Callable[..., object]
_toetreding: Toetreding | None = None


def registreer_toetreding(vastlegger: Toetreding | None) -> None:
    """The financing app admits a partner the table decided on through its join, so the admission is recorded
    with the rule, the dates and the amounts like every other join (it may import tafels, not vice versa)."""
    global _toetreding
    _toetreding = vastlegger


# coalition id -> ids of the organisations with a say in that coalition (its full participants)
Coalitiestemrecht = Callable[[int], Iterable[int]]
_coalitiestemrecht: Coalitiestemrecht | None = None


def registreer_coalitiestemrecht(bron: Coalitiestemrecht | None) -> None:
    """The coalities app tells this app who has a say in a coalition (it may import tafels, not vice versa)."""
    global _coalitiestemrecht
    _coalitiestemrecht = bron


# --- Reads ---------------------------------------------------------------------------------------


def stemregeling_van(tafel: BestuurlijkeTafel) -> Stemregeling:
    """The table's vote rules; a table without its own rules weighs everyone equally (unsaved default)."""
    try:
        return tafel.stemregeling
    except Stemregeling.DoesNotExist:
        return Stemregeling(tafel=tafel)


def stemgerechtigden(
    tafel: BestuurlijkeTafel, *, alleen_gemeenten: bool = False, agendapunt: Agendapunt | None = None
) -> list[Lidmaatschap]:
    """Who votes at a table: its current members (gemeenten taking part and admitted partners), not
    those who opted out. With `alleen_gemeenten` only the Drechtstedengemeenten at the table: admitting
    a partner is a decision of the seven. On an item about one coalition only the members that take full
    part in it vote ("skin in the game"): solidarity, instap and those not taking part do not."""
    leden = tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL)
    if alleen_gemeenten:
        leden = leden.filter(organisatie__soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE)
    if agendapunt is not None and agendapunt.coalitie_id and _coalitiestemrecht is not None:
        leden = leden.filter(organisatie_id__in=_coalitiestemrecht(agendapunt.coalitie_id))
    return list(leden.select_related("organisatie").order_by("organisatie__naam"))


def groepen_van(regeling: Stemregeling) -> dict[int, str]:
    if regeling.pk is None:
        return {}
    return {g.organisatie_id: g.groep for g in regeling.groepen.all()}


def inwoners_op(organisaties: list[Organisatie], datum: datetime.date) -> dict[int, int]:
    """The latest inhabitants count on or before `datum` per organisation (a partner has none): one query."""
    aantallen: dict[int, int] = {}
    for rij in Inwonertal.objects.filter(organisatie__in=organisaties, peildatum__lte=datum).order_by("organisatie_id", "-peildatum"):
        aantallen.setdefault(rij.organisatie_id, rij.aantal)
    return aantallen


def regels_van(regeling: Stemregeling) -> rekenen.Regels:
    return rekenen.Regels(
        weging=rekenen.Weging(
            gelijk=Decimal(regeling.weging_gelijk),
            inwoners=Decimal(regeling.weging_inwoners),
            bijdrage=Decimal(regeling.weging_bijdrage),
        ),
        plafond_pct=regeling.plafond_pct,
        groepsplafond_pct=regeling.groepsplafond_pct,
        drempel=regeling.drempel,
    )


@dataclass
class Berekening:
    """A vote counted (or the weights before anyone voted): per member its figures and weight."""

    regeling: Stemregeling
    organisaties: list[Organisatie]
    inwoners: dict[int, int]
    bijdragen: dict[int, Decimal]
    groepen: dict[int, str]
    uitslag: rekenen.Uitslag | None
    gewichten: rekenen.Gewichten | None
    fout: str = ""
    geen_oplossing: bool = False

    def regels(self) -> list[dict]:
        rijen = []
        for org in self.organisaties:
            rij = {"organisatie": org, "inwoners": self.inwoners.get(org.pk, 0), "bijdrage": self.bijdragen.get(org.pk),
                   "groep": self.groepen.get(org.pk, "")}
            if self.gewichten:
                rij["ruw_pct"] = self.gewichten.ruw_procent[org.naam]
                rij["gewicht_pct"] = self.gewichten.procent[org.naam]
                rij["begrensd"] = org.naam in self.gewichten.begrensd
            rijen.append(rij)
        return rijen


def _bijdragen(regeling: Stemregeling, organisaties: list[Organisatie], bijdragen: Mapping[int, Decimal] | None) -> dict[int, Decimal]:
    if not regeling.weging_bijdrage:
        return dict(bijdragen or {})
    if bijdragen is None:
        if _bijdragebron is None:
            raise ValidationError(
                _("De bijdragen van %(jaar)s zijn niet beschikbaar; weeg zonder bijdrage of geef de bijdragen op.")
                % {"jaar": regeling.bijdrage_jaar},
                code="geen_bijdragen",
            )
        bijdragen = _bijdragebron(regeling.bijdrage_jaar, regeling.bijdrage_componenten, [o.pk for o in organisaties])
    return {o.pk: Decimal(bijdragen.get(o.pk, 0)) for o in organisaties}


def berekenen(
    *,
    tafel: BestuurlijkeTafel,
    datum: datetime.date,
    stemmen: Mapping[int, str] | None = None,
    bijdragen: Mapping[int, Decimal] | None = None,
    alleen_gemeenten: bool = False,
    agendapunt: Agendapunt | None = None,
) -> Berekening:
    """The table's weights on `datum` and, with `stemmen` (organisation id -> voor/tegen/onthouding), the
    outcome; on `agendapunt`, among the members who vote on it. A rule that cannot be met (no solution under
    the caps) is reported in `fout`."""
    regeling = stemregeling_van(tafel)
    organisaties = [
        lid.organisatie for lid in stemgerechtigden(tafel, alleen_gemeenten=alleen_gemeenten, agendapunt=agendapunt)
    ]
    inwoners = inwoners_op(organisaties, datum)
    groepen = groepen_van(regeling)
    berekening = Berekening(regeling, organisaties, inwoners, {}, groepen, None, None)
    try:
        berekening.bijdragen = _bijdragen(regeling, organisaties, bijdragen)
    except ValidationError as fout:
        berekening.fout = " ".join(fout.messages)
        return berekening
    leden = [
        rekenen.Lid(
            organisatie=o.naam, inwoners=inwoners.get(o.pk, 0), bijdrage=berekening.bijdragen.get(o.pk, Decimal(0)),
            groep=groepen.get(o.pk, ""), stem=(stemmen or {}).get(o.pk),
        )
        for o in organisaties
    ]
    try:
        if stemmen is None:
            berekening.gewichten = rekenen.bereken_gewichten(leden, regels_van(regeling))
        else:
            berekening.uitslag = rekenen.stemming(leden, regels_van(regeling))
            berekening.gewichten = berekening.uitslag.gewichten
    except rekenen.StemmingFout as fout:
        berekening.fout = fout.message
        berekening.geen_oplossing = isinstance(fout, rekenen.GeenOplossing)
    return berekening


# --- Writes --------------------------------------------------------------------------------------


@transaction.atomic
def stemregeling_opslaan(
    *,
    tafel: BestuurlijkeTafel,
    door: Gebruiker,
    versie: int | None,
    weging_gelijk: Decimal,
    weging_inwoners: Decimal,
    weging_bijdrage: Decimal,
    drempel: str,
    plafond_pct: Decimal | None = None,
    groepsplafond_pct: Decimal | None = None,
    bijdrage_jaar: int | None = None,
    bijdrage_componenten: str = "123",
    groepen: Mapping[int, str] | None = None,
) -> Stemregeling:
    """Sets the table's vote rules and the members' groups; refuses an edit made on an older version."""
    vereis(mag_stemregeling_wijzigen(door, tafel), _("Alleen de secretaris van de tafel stelt de stemregeling vast."))
    regeling = Stemregeling.objects.select_for_update().filter(tafel=tafel).first() or Stemregeling(tafel=tafel, versie=0)
    if regeling.pk is not None and versie != regeling.versie:
        raise ValidationError(
            _("Iemand anders heeft de stemregeling intussen gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw."),
            code="verouderd",
        )
    leden = {lid.organisatie_id: lid.organisatie for lid in stemgerechtigden(tafel)}
    groepen = {org_id: (groep or "").strip() for org_id, groep in (groepen or {}).items()}
    vreemd = set(groepen) - set(leden)
    if vreemd:
        raise ValidationError(_("Een groep kan alleen aan een lid van de tafel worden toegewezen."), code="geen_lid")
    velden = {
        "weging_gelijk": weging_gelijk, "weging_inwoners": weging_inwoners, "weging_bijdrage": weging_bijdrage,
        "drempel": drempel, "plafond_pct": plafond_pct, "groepsplafond_pct": groepsplafond_pct,
        "bijdrage_jaar": bijdrage_jaar if weging_bijdrage else None,
        "bijdrage_componenten": bijdrage_componenten if weging_bijdrage else "123",
    }
    oude_groepen = groepen_van(regeling)
    nieuwe_groepen = {k: v for k, v in groepen.items() if v}
    gewijzigd = regeling.pk is None or any(getattr(regeling, k) != v for k, v in velden.items())
    if not gewijzigd and oude_groepen == nieuwe_groepen:
        return regeling  # a save without changes changes nothing
    for veld, waarde in velden.items():
        setattr(regeling, veld, waarde)
    regeling.versie += 1
    regeling.full_clean()
    regeling.save()
    if oude_groepen != nieuwe_groepen:
        regeling.groepen.all().delete()
        Stemgroep.objects.bulk_create(
            [Stemgroep(regeling=regeling, organisatie=leden[org_id], groep=groep) for org_id, groep in nieuwe_groepen.items()]
        )
    # Rules today's members can never meet (seven members under a 10 % cap) are refused; the transaction rolls back.
    tafel.stemregeling = regeling
    proef = berekenen(tafel=tafel, datum=timezone.localdate())
    if proef.geen_oplossing:
        raise ValidationError(proef.fout, code="geen_oplossing")
    return regeling


@transaction.atomic
def stemming_vastleggen(
    *,
    agendapunt: Agendapunt,
    tekst: str,
    stemmen: Mapping[int, str],
    door: Gebruiker,
    bijdragen: Mapping[int, Decimal] | None = None,
    alleen_gemeenten: bool = False,
) -> Besluit:
    """Records a decision taken by vote: each voting member's vote, the weights it was counted with and the
    outcome. `stemmen` maps organisation id to voor/tegen/onthouding and holds exactly the voting members."""
    vereis(mag_stemming_vastleggen(door, agendapunt), _("Alleen de secretaris van de tafel legt besluiten vast."))
    vergadering = Vergadering.objects.select_for_update().select_related("tafel").get(pk=agendapunt.vergadering_id)
    services.vereis_besluitmoment(vergadering)
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": ValidationError(_("Vul het besluit in."), code="tekst_verplicht")})
    tafel = vergadering.tafel
    leden = {
        lid.organisatie_id: lid.organisatie
        for lid in stemgerechtigden(tafel, alleen_gemeenten=alleen_gemeenten, agendapunt=agendapunt)
    }
    vreemd = sorted(set(stemmen) - set(leden))
    if vreemd:
        if agendapunt.coalitie_id:
            raise ValidationError(
                _("Over een coalitie stemmen alleen de leden die er volledig aan deelnemen."), code="geen_stemrecht"
            )
        raise ValidationError(_("Alleen leden van de tafel stemmen; afgemelde organisaties en buitenstaanders niet."),
                              code="geen_stemrecht")
    ontbreekt = sorted(leden[o].naam for o in set(leden) - set(stemmen))
    if ontbreekt:
        raise ValidationError(
            _("Geef de stem van: %(namen)s (bij afwezigheid: onthouding).") % {"namen": ", ".join(ontbreekt)},
            code="stem_ontbreekt",
        )
    if any(s not in rekenen.STEMMEN for s in stemmen.values()):
        raise ValidationError(_("Kies voor, tegen of onthouding."), code="onbekende_stem")
    datum = timezone.localtime(vergadering.begint_om).date()
    berekening = berekenen(
        tafel=tafel, datum=datum, stemmen=stemmen, bijdragen=bijdragen, alleen_gemeenten=alleen_gemeenten,
        agendapunt=agendapunt,
    )
    if berekening.fout:
        raise ValidationError(berekening.fout, code="niet_te_berekenen")
    regeling, uitslag = berekening.regeling, berekening.uitslag
    besluit = Besluit(agendapunt=agendapunt, tekst=tekst, wijze=Besluit.Wijze.STEMMING)
    besluit.full_clean()
    besluit.save()
    vastlegging = Stemming(
        besluit=besluit,
        weging_gelijk=regeling.weging_gelijk, weging_inwoners=regeling.weging_inwoners,
        weging_bijdrage=regeling.weging_bijdrage,
        bijdrage_jaar=regeling.bijdrage_jaar if regeling.weging_bijdrage else None,
        bijdrage_componenten=regeling.bijdrage_componenten if regeling.weging_bijdrage else "",
        inwoners_peildatum=datum,
        plafond_pct=regeling.plafond_pct, groepsplafond_pct=regeling.groepsplafond_pct, drempel=regeling.drempel,
        voor=uitslag.voor, tegen=uitslag.tegen, onthouding=uitslag.onthouding, uitkomst=uitslag.uitkomst,
        begrensde_groepen=", ".join(uitslag.gewichten.begrensde_groepen)[:200],
        vastgelegd_door=door,
    )
    vastlegging.full_clean()
    vastlegging.save()
    Stem.objects.bulk_create(
        Stem(
            stemming=vastlegging, organisatie=rij["organisatie"], stem=stemmen[rij["organisatie"].pk],
            inwoners=rij["inwoners"], bijdrage=rij["bijdrage"] or 0, groep=rij["groep"],
            ruw_pct=rij["ruw_pct"], gewicht_pct=rij["gewicht_pct"], begrensd=rij["begrensd"],
        )
        for rij in berekening.regels()
    )
    return besluit


@transaction.atomic
def partner_toelaten_bij_besluit(
    *,
    agendapunt: Agendapunt,
    organisatie: Organisatie,
    tekst: str,
    voorwaarden: str,
    basisbijdrage: Decimal,
    door: Gebruiker,
    stemmen: Mapping[int, str] | None = None,
    vertegenwoordiger: Gebruiker | None = None,
) -> Besluit:
    """Admission of a partner to the table as a decision of the seven gemeenten: by consensus (no
    `stemmen`) or by a vote in which only the Drechtstedengemeenten at the table vote. The decision
    is recorded either way; when it is adopted the partner joins, with its conditions and its yearly
    contribution to the base (component 2, fixed amount), and its membership points to the decision. The
    join goes through the financing app (`registreer_toetreding`), which records it under the rule for
    joining a table, from the day of the meeting, with what the partner pays, and makes the decided
    contribution the partner's fixed contribution in the adopted years that have none for it."""
    vergadering = agendapunt.vergadering
    vereis(mag_partner_toelaten(door, vergadering.tafel), _("Alleen de secretaris van de tafel legt een toelating vast."))
    services.vereis_besluitmoment(Vergadering.objects.select_for_update().get(pk=vergadering.pk))
    if organisatie.is_drechtstedengemeente:
        raise ValidationError(_("Een Drechtstedengemeente zit standaard aan tafel en treedt niet toe als partner."),
                              code="geen_partner")
    if vergadering.tafel.lidmaatschappen.filter(organisatie=organisatie, status__in=Lidmaatschap.AAN_TAFEL).exists():
        raise ValidationError(_("Deze partner zit al aan tafel."), code="al_toegetreden")
    if basisbijdrage is None or basisbijdrage < 0:
        raise ValidationError({"basisbijdrage": ValidationError(
            _("Geef de jaarlijkse bijdrage aan de basis (component 2) op; € 0 mag."), code="bijdrage_verplicht")})
    if stemmen is None:
        besluit = Besluit(agendapunt=agendapunt, tekst=(tekst or "").strip(), wijze=Besluit.Wijze.CONSENSUS)
        besluit.full_clean()
        besluit.save()
    else:
        besluit = stemming_vastleggen(agendapunt=agendapunt, tekst=tekst, stemmen=stemmen, door=door, alleen_gemeenten=True)
        if besluit.stemming.uitkomst != Stemming.Uitkomst.AANGENOMEN:
            return besluit
    datum = timezone.localtime(vergadering.begint_om).date()
    toelating = Toelating(
        besluit=besluit, organisatie=organisatie, voorwaarden=(voorwaarden or "").strip(), basisbijdrage=basisbijdrage,
    )
    toelating.full_clean()
    toelating.save()
    referentie = _("Besluit van %(datum)s: %(tekst)s") % {"datum": datum.strftime("%d-%m-%Y"), "tekst": besluit.tekst}
    if _toetreding is None:
        raise ImproperlyConfigured("De financiering legt toetredingen vast; die app is niet geladen.")
    try:
        _toetreding(
            tafel=vergadering.tafel, organisatie=organisatie, besluit_referentie=referentie[:200], meldingsdatum=datum,
            vertegenwoordiger=vertegenwoordiger, basisbijdrage=basisbijdrage, door=door,
        )
    except ValidationError as fout:
        if not hasattr(fout, "error_dict") or "meldingsdatum" not in fout.error_dict:
            raise
        # The join takes effect on the day of the meeting; say so instead of naming a field this call has not.
        raise ValidationError(
            _("De toelating gaat in op de dag van de vergadering (%(datum)s): %(fout)s")
            % {"datum": datum.strftime("%d-%m-%Y"), "fout": " ".join(fout.message_dict["meldingsdatum"])},
            code="datum_niet_toegestaan",
        ) from fout
    return besluit
