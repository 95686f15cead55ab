"""Import of coalities, deelnames and toezeggingen from CSV or XLSX (the export is in exports.py).

Import reads the file with tablib and sends every row through the same services as the screens, so
the variant rules and the permissions are checked in one place. A file exported by the portal (Dutch
headers, semicolons) can be imported again. An import is all or nothing: every row runs in its own
savepoint so that all errors are found, and the whole import is rolled back unless every row is
valid (and always for a preview).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Organisatie, Thema
from tafels.models import BestuurlijkeTafel

from . import permissions, services
from .exports import KOP_NAAR_KOLOM
from .models import Coalitie, Deelname, Toezegging
from .services import ToezeggingGegevens

KOLOMMEN = {
    "coalities": ["naam", "thema", "tafel", "status", "trekker", "doel", "beoogd_resultaat", "resultaatdatum", "startdatum"],
    "deelnames": [
        "coalitie", "organisatie", "variant", "solidariteitsbijdrage", "instapdatum", "instapfee",
        "toezegging_soort", "toezegging_hoeveelheid", "toezegging_eenheid", "toezegging_omschrijving",
        "toezegging_jaar_van", "toezegging_jaar_tot",
    ],
    "toezeggingen": ["coalitie", "organisatie", "soort", "hoeveelheid", "eenheid", "omschrijving", "jaar_van", "jaar_tot"],
}
VERPLICHT = {
    "coalities": {"naam", "thema", "trekker"},
    "deelnames": {"coalitie", "organisatie", "variant"},
    "toezeggingen": {"coalitie", "organisatie", "soort", "jaar_van", "jaar_tot"},
}


# --- Import ---------------------------------------------------------------------------------------


class RijFout(Exception):
    pass


@dataclass
class Rij:
    nummer: int  # the row number as the spreadsheet shows it (header is row 1)
    samenvatting: str
    actie: str = ""
    fouten: list[str] = field(default_factory=list)


@dataclass
class ImportResultaat:
    soort: str
    rijen: list[Rij]
    opgeslagen: bool = False
    algemene_fout: str = ""

    @property
    def fouten(self) -> list[Rij]:
        return [r for r in self.rijen if r.fouten]

    @property
    def geldig(self) -> bool:
        return not self.algemene_fout and not self.fouten and bool(self.rijen)


def lees_dataset(inhoud: bytes, bestandsnaam: str) -> tablib.Dataset:
    """Reads CSV (UTF-8, comma or semicolon) or XLSX into a dataset with lower-case headers."""
    if bestandsnaam.lower().endswith(".xlsx"):
        dataset = tablib.Dataset().load(io.BytesIO(inhoud), format="xlsx")
    else:
        tekst = inhoud.decode("utf-8-sig")
        eerste_regel = tekst.split("\n", 1)[0]
        scheiding = ";" if eerste_regel.count(";") > eerste_regel.count(",") else ","
        dataset = tablib.Dataset().load(tekst, format="csv", delimiter=scheiding)
    koppen = [str(h or "").strip().lower() for h in dataset.headers or []]
    dataset.headers = [KOP_NAAR_KOLOM.get(kop, kop) for kop in koppen]
    return dataset


def importeer(*, soort: str, dataset: tablib.Dataset, gebruiker: Gebruiker, opslaan: bool) -> ImportResultaat:
    """Runs every row through the services; saves only when asked and every row is valid."""
    resultaat = ImportResultaat(soort=soort, rijen=[])
    ontbrekend = VERPLICHT[soort] - set(dataset.headers or [])
    if ontbrekend:
        resultaat.algemene_fout = _("De kolom(men) %(kolommen)s ontbreken. Verwacht: %(verwacht)s.") % {
            "kolommen": ", ".join(sorted(ontbrekend)), "verwacht": ", ".join(KOLOMMEN[soort]),
        }
        return resultaat
    verwerk = {"coalities": _coalitie_rij, "deelnames": _deelname_rij, "toezeggingen": _toezegging_rij}[soort]
    with transaction.atomic():
        for index, waarden in enumerate(dataset.dict, start=2):
            rij = {k: _tekst(v) if not isinstance(v, datetime.date | int | float | Decimal) else v for k, v in waarden.items()}
            if all(v in ("", None) for v in rij.values()):
                continue
            regel = Rij(nummer=index, samenvatting=" · ".join(str(rij.get(k) or "") for k in KOLOMMEN[soort][:3]))
            try:
                with transaction.atomic():
                    regel.actie = verwerk(rij, gebruiker)
            except RijFout as exc:
                regel.fouten.append(str(exc))
            except ValidationError as exc:
                regel.fouten.extend(_meldingen(exc))
            resultaat.rijen.append(regel)
        resultaat.opgeslagen = opslaan and resultaat.geldig
        if not resultaat.opgeslagen:
            transaction.set_rollback(True)
    return resultaat


def _meldingen(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{veld}: {m}" if veld != "__all__" else m for veld, fouten in exc.message_dict.items() for m in fouten]
    return list(exc.messages)


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()


def _organisatie(naam: str, kolom: str = "organisatie") -> Organisatie:
    try:
        return Organisatie.objects.get(naam__iexact=naam)
    except ObjectDoesNotExist:
        raise RijFout(_("%(kolom)s: onbekende organisatie '%(naam)s'.") % {"kolom": kolom, "naam": naam}) from None


def _coalitie(naam: str) -> Coalitie:
    try:
        return Coalitie.objects.get(naam__iexact=naam)
    except ObjectDoesNotExist:
        raise RijFout(_("coalitie: onbekende coalitie '%(naam)s'.") % {"naam": naam}) from None


def _keuze(waarde: str, choices, kolom: str) -> str:
    schoon = waarde.strip().lower()
    for code, label in choices:
        if schoon in (code.lower(), str(label).lower()):
            return code
    raise RijFout(
        _("%(kolom)s: '%(waarde)s' is geen geldige waarde; kies uit %(opties)s.")
        % {"kolom": kolom, "waarde": waarde, "opties": ", ".join(code for code, _ in choices)}
    )


def _datum(waarde, kolom: str) -> datetime.date | None:
    if waarde in ("", None):
        return None
    if isinstance(waarde, datetime.datetime):
        return waarde.date()
    if isinstance(waarde, datetime.date):
        return waarde
    tekst = str(waarde).strip()[:10]
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    raise RijFout(_("%(kolom)s: '%(waarde)s' is geen datum (gebruik bijvoorbeeld 2026-07-01).") % {"kolom": kolom, "waarde": waarde})


def _bedrag(waarde, kolom: str) -> Decimal | None:
    if waarde in ("", None):
        return None
    if isinstance(waarde, int | float | Decimal):
        return Decimal(str(waarde)).quantize(Decimal("0.01"))
    tekst = str(waarde).replace("€", "").replace(" ", "")
    if "," in tekst:  # Dutch notation: 5.000,50
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        return Decimal(tekst).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise RijFout(_("%(kolom)s: '%(waarde)s' is geen bedrag.") % {"kolom": kolom, "waarde": waarde}) from None


def _jaar(waarde, kolom: str) -> int:
    try:
        return int(Decimal(str(waarde)))
    except (InvalidOperation, ValueError):
        raise RijFout(_("%(kolom)s: '%(waarde)s' is geen jaartal.") % {"kolom": kolom, "waarde": waarde}) from None


def _coalitie_rij(rij: dict, gebruiker: Gebruiker) -> str:
    naam = rij["naam"]
    if not naam:
        raise RijFout(_("naam: vul de naam van de coalitie in."))
    thema_waarde = rij["thema"]
    thema = Thema.objects.filter(naam__iexact=thema_waarde).first() or Thema.objects.filter(slug=thema_waarde).first()
    if thema is None:
        raise RijFout(_("thema: onbekend thema '%(thema)s'.") % {"thema": thema_waarde})
    tafel = None
    if rij.get("tafel"):
        tafel = BestuurlijkeTafel.objects.filter(naam__iexact=rij["tafel"]).first()
        if tafel is None:
            raise RijFout(_("tafel: onbekende tafel '%(tafel)s'.") % {"tafel": rij["tafel"]})
    velden = {
        "naam": naam,
        "thema": thema,
        "tafel": tafel,
        "trekker": _organisatie(rij["trekker"], "trekker"),
        "status": _keuze(rij.get("status") or "idee", Coalitie.Status.choices, "status"),
        "doel": rij.get("doel") or "",
        "beoogd_resultaat": rij.get("beoogd_resultaat") or "",
        "resultaatdatum": _datum(rij.get("resultaatdatum"), "resultaatdatum"),
        "startdatum": _datum(rij.get("startdatum"), "startdatum"),
    }
    bestaande = Coalitie.objects.filter(naam__iexact=naam).first()
    if bestaande is not None:
        if not permissions.can_edit_coalitie(gebruiker, bestaande):
            raise RijFout(_("U mag coalitie '%(naam)s' niet wijzigen.") % {"naam": naam})
        services.coalitie_update(coalitie=bestaande, **velden)
        return _("gewijzigd")
    if not permissions.can_create_coalitie(gebruiker) or (
        not gebruiker.is_beheerder and velden["trekker"].pk != gebruiker.organisatie_id
    ):
        raise RijFout(_("U mag geen coalitie aanmaken met %(trekker)s als trekker.") % {"trekker": velden["trekker"]})
    services.coalitie_create(**velden)
    return _("nieuw")


def _deelname_rij(rij: dict, gebruiker: Gebruiker) -> str:
    coalitie = _coalitie(rij["coalitie"])
    organisatie = _organisatie(rij["organisatie"])
    if not permissions.can_edit_deelname(gebruiker, organisatie.pk):
        raise RijFout(_("U mag de deelname van %(organisatie)s niet wijzigen.") % {"organisatie": organisatie})
    eerste = None
    if rij.get("toezegging_soort"):
        eerste = _toezegging_gegevens(rij, "toezegging_")
    bestaande = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
    services.deelname_save(
        coalitie=coalitie,
        organisatie=organisatie,
        variant=_keuze(rij["variant"], Deelname.Variant.choices, "variant"),
        versie=None if bestaande is None else bestaande.versie,
        gebruiker=gebruiker,
        solidariteitsbijdrage=_bedrag(rij.get("solidariteitsbijdrage"), "solidariteitsbijdrage"),
        instapdatum=_datum(rij.get("instapdatum"), "instapdatum"),
        instapfee=_bedrag(rij.get("instapfee"), "instapfee"),
        eerste_toezegging=eerste,
    )
    return _("nieuw") if bestaande is None else _("gewijzigd")


def _toezegging_gegevens(rij: dict, prefix: str = "") -> ToezeggingGegevens:
    soort = _keuze(rij[f"{prefix}soort"], Toezegging.Soort.choices, f"{prefix}soort")
    eenheid = rij.get(f"{prefix}eenheid") or ""
    if soort == Toezegging.Soort.GELD and not eenheid:
        eenheid = Toezegging.Eenheid.EURO
    if eenheid:
        eenheid = _keuze(eenheid, Toezegging.Eenheid.choices, f"{prefix}eenheid")
    return ToezeggingGegevens(
        soort=soort,
        hoeveelheid=_bedrag(rij.get(f"{prefix}hoeveelheid"), f"{prefix}hoeveelheid"),
        eenheid=eenheid,
        omschrijving=rij.get(f"{prefix}omschrijving") or "",
        jaar_van=_jaar(rij.get(f"{prefix}jaar_van"), f"{prefix}jaar_van"),
        jaar_tot=_jaar(rij.get(f"{prefix}jaar_tot"), f"{prefix}jaar_tot"),
    )


def _toezegging_rij(rij: dict, gebruiker: Gebruiker) -> str:
    coalitie = _coalitie(rij["coalitie"])
    organisatie = _organisatie(rij["organisatie"])
    if not permissions.can_edit_deelname(gebruiker, organisatie.pk):
        raise RijFout(_("U mag de toezeggingen van %(organisatie)s niet wijzigen.") % {"organisatie": organisatie})
    deelname = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
    if deelname is None:
        raise RijFout(_("%(organisatie)s heeft nog geen deelname in %(coalitie)s.") % {"organisatie": organisatie, "coalitie": coalitie})
    services.toezegging_create(deelname=deelname, gegevens=_toezegging_gegevens(rij), gebruiker=gebruiker)
    return _("nieuw")
