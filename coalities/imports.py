"""Import of coalities, deelnames and toezeggingen from CSV or XLSX (the export is in exports.py).

The export is in exports.py; a file it wrote (Dutch headers, semicolons) can be imported again.
Import reads the file with tablib. Every row is found by its natural key (``SLEUTEL``) and compared with what is stored, so the
preview says per row "nieuw", "gewijzigd" (with what changes) or "ongewijzigd", and importing the
same file twice changes nothing. Only the columns in the file change anything. Rows are checked with
the same permission functions and rules as the screens, against data read in a fixed number of
queries, and written in bulk by the services (``services.*_importeren``), which check them again.
An import is all or nothing: nothing is saved unless every row is valid.
"""

from __future__ import annotations

import copy
import datetime
import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drechtsteden.invoer import BEDRAG_MAX, parse_decimaal, parse_jaar, valideer_datum
from drechtsteden.models import Gebruiker, Organisatie, Thema
from drechtsteden.opmaak import euro, veldwijziging
from drechtsteden.permissions import vereis
from tafels.models import BestuurlijkeTafel

from . import permissions, regels, services
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
# The natural key of each kind of row: how a row finds the record it is about. These columns must be
# in the file; the other columns are optional and only the ones present change anything.
SLEUTEL = {
    "coalities": ("naam",),
    "deelnames": ("coalitie", "organisatie"),
    "toezeggingen": ("coalitie", "organisatie", "soort", "jaar_van", "jaar_tot"),
}
VERPLICHT = {soort: set(kolommen) for soort, kolommen in SLEUTEL.items()}
# A bigger file is refused before any row is read (split it); this many rows import in seconds.
MAX_RIJEN = 10_000
# The preview lists this many rows (errors and changes first); the counts cover all of them.
TOON_RIJEN = 500


# --- Import ---------------------------------------------------------------------------------------

NIEUW = "nieuw"
GEWIJZIGD = "gewijzigd"
ONGEWIJZIGD = "ongewijzigd"


class RijFout(Exception):
    pass


@dataclass
class Rij:
    nummer: int  # the row number as the spreadsheet shows it (header is row 1)
    samenvatting: str
    actie: str = ""  # NIEUW, GEWIJZIGD or ONGEWIJZIGD
    wijzigingen: list[str] = field(default_factory=list)
    bedragen: str = ""
    fouten: list[str] = field(default_factory=list)

    @property
    def actie_label(self) -> str:
        return {NIEUW: _("nieuw"), GEWIJZIGD: _("gewijzigd"), ONGEWIJZIGD: _("ongewijzigd")}.get(self.actie, "")


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

    @property
    def getoonde_rijen(self) -> list[Rij]:
        """The rows the preview lists: errors and changes first, at most ``TOON_RIJEN``."""
        volgorde = {GEWIJZIGD: 1, NIEUW: 2, ONGEWIJZIGD: 3}
        return sorted(self.rijen, key=lambda r: (0 if r.fouten else volgorde.get(r.actie, 4), r.nummer))[:TOON_RIJEN]

    def aantal(self, actie: str) -> int:
        return sum(1 for r in self.rijen if r.actie == actie and not r.fouten)

    @property
    def aantal_nieuw(self) -> int:
        return self.aantal(NIEUW)

    @property
    def aantal_gewijzigd(self) -> int:
        return self.aantal(GEWIJZIGD)

    @property
    def aantal_ongewijzigd(self) -> int:
        return self.aantal(ONGEWIJZIGD)


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


def importeer(*, soort: str, dataset: tablib.Dataset, door: Gebruiker, opslaan: bool) -> ImportResultaat:
    """Compares every row with what is stored; saves only when asked and every row is valid.

    Only who may import at all gets this far (PermissionDenied otherwise); each row is then checked
    with the rights of ``door`` on that row, and checked again when the services write.
    """
    vereis(permissions.mag_importeren(door))
    resultaat = ImportResultaat(soort=soort, rijen=[])
    kolommen = set(dataset.headers or [])
    ontbrekend = VERPLICHT[soort] - kolommen
    if ontbrekend:
        resultaat.algemene_fout = ngettext(
            "De kolom %(kolommen)s ontbreekt. Verwacht: %(verwacht)s.",
            "De kolommen %(kolommen)s ontbreken. Verwacht: %(verwacht)s.", len(ontbrekend),
        ) % {"kolommen": ", ".join(sorted(ontbrekend)), "verwacht": ", ".join(KOLOMMEN[soort])}
        return resultaat
    if dataset.height > MAX_RIJEN:
        resultaat.algemene_fout = _(
            "Het bestand heeft %(aantal)s rijen; importeer ten hoogste %(max)s rijen tegelijk. "
            "Splits het bestand en importeer de delen na elkaar."
        ) % {"aantal": formats.number_format(dataset.height, force_grouping=True),
             "max": formats.number_format(MAX_RIJEN, force_grouping=True)}
        return resultaat
    rijen = []
    for index, waarden in enumerate(dataset.dict, start=2):
        rij = {
            k: v if isinstance(v, datetime.date | int | float | Decimal) and not isinstance(v, bool) else _tekst(v)
            for k, v in waarden.items() if k in KOLOMMEN[soort]
        }
        if all(v in ("", None) for v in rij.values()):
            continue
        rijen.append((index, rij))
    plan = {"coalities": _CoalitiePlan, "deelnames": _DeelnamePlan, "toezeggingen": _ToezeggingPlan}[soort](
        door=door, kolommen=kolommen, rijen=[r for _i, r in rijen], vergrendelen=opslaan
    )
    with transaction.atomic():
        plan.laden()
        for index, rij in rijen:
            regel = Rij(nummer=index, samenvatting=" · ".join(str(rij.get(k) or "") for k in KOLOMMEN[soort][:3]))
            try:
                plan.rij(regel, rij)
            except RijFout as exc:
                regel.fouten.append(str(exc))
            except PermissionDenied as exc:
                regel.fouten.append(str(exc))
            except ValidationError as exc:
                regel.fouten.extend(_meldingen(exc))
            resultaat.rijen.append(regel)
        if opslaan and resultaat.geldig:
            try:
                with transaction.atomic():
                    plan.opslaan()
            except (ValidationError, PermissionDenied, IntegrityError) as exc:
                meldingen = _meldingen(exc) if isinstance(exc, ValidationError) else [str(exc)]
                if isinstance(exc, IntegrityError):
                    meldingen = [_("De database weigerde een rij; er is niets opgeslagen. Controleer het bestand.")]
                resultaat.algemene_fout = _("Er is niets opgeslagen: %(fout)s") % {"fout": " ".join(meldingen)}
            else:
                resultaat.opgeslagen = True
    return resultaat


def _meldingen(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{veld}: {m}" if veld != "__all__" else m for veld, fouten in exc.message_dict.items() for m in fouten]
    return list(exc.messages)


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()


# --- Reading one cell ---------------------------------------------------------------------------------


_KEUZES: dict[tuple, dict[str, str]] = {}


def _keuze(waarde: str, choices, kolom: str) -> str:
    """The code of a choice given as its code or its label (in the active language), any case."""
    sleutel = (tuple(code for code, _l in choices), translation.get_language())
    if sleutel not in _KEUZES:
        _KEUZES[sleutel] = {**{str(label).lower(): code for code, label in choices}, **{code.lower(): code for code, _l in choices}}
    code = _KEUZES[sleutel].get(str(waarde).strip().lower())
    if code is not None:
        return code
    raise RijFout(
        _("%(kolom)s: '%(waarde)s' is geen geldige waarde; kies uit %(opties)s.")
        % {"kolom": kolom, "waarde": str(waarde)[:40], "opties": ", ".join(code for code, _l in choices)}
    )


def _datum(waarde, kolom: str) -> datetime.date | None:
    """A date from a cell: a spreadsheet date, 2026-07-01, 01-07-2026 or 01/07/2026; 2000–2100."""
    if waarde in ("", None):
        return None
    if isinstance(waarde, datetime.datetime):
        datum = waarde.date()
    elif isinstance(waarde, datetime.date):
        datum = waarde
    else:
        tekst = str(waarde).strip()
        if len(tekst) > 19:
            tekst = ""
        datum = None
        for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                datum = datetime.datetime.strptime(tekst[:10], formaat).date()
                break
            except ValueError:
                continue
        if datum is None:
            raise RijFout(
                _("%(kolom)s: '%(waarde)s' is geen datum (gebruik bijvoorbeeld 2026-07-01).")
                % {"kolom": kolom, "waarde": str(waarde)[:40]}
            )
    try:
        valideer_datum(datum)
    except ValidationError as exc:
        raise RijFout(f"{kolom}: {exc.messages[0]}") from None
    return datum


def _bedrag(waarde, kolom: str) -> Decimal | None:
    """An amount or quantity, bounded in size before it is converted: never negative, below € 10 billion."""
    if waarde in ("", None):
        return None
    try:
        if isinstance(waarde, float):
            if not math.isfinite(waarde) or abs(waarde) > BEDRAG_MAX:
                raise ValidationError(_("Dit getal is te groot."), code="te_groot")
            waarde = Decimal(repr(waarde)).quantize(Decimal("0.01"))
        elif isinstance(waarde, int) and abs(waarde) > BEDRAG_MAX:
            raise ValidationError(_("Dit getal is te groot."), code="te_groot")
        bedrag = parse_decimaal(waarde if isinstance(waarde, str) else format(Decimal(waarde), "f"), max_cijfers=10)
    except ValidationError as exc:
        raise RijFout(f"{kolom}: '{str(waarde)[:40]}': {exc.messages[0]}") from None
    if bedrag is not None and bedrag < 0:
        raise RijFout(_("%(kolom)s: een bedrag of hoeveelheid is niet negatief.") % {"kolom": kolom})
    return bedrag


def _jaar(waarde, kolom: str) -> int:
    """A year, 2000–2100: a number cell or four digits."""
    if isinstance(waarde, float) and math.isfinite(waarde) and waarde.is_integer() and abs(waarde) < 10_000:
        waarde = int(waarde)
    try:
        return parse_jaar(waarde if isinstance(waarde, int) else str(waarde)[:10])
    except ValidationError as exc:
        raise RijFout(f"{kolom}: '{str(waarde)[:40]}': {exc.messages[0]}") from None


def _kopie(obj):
    """A copy to change in memory; the stored object keeps its own state and related-object cache."""
    kopie = copy.copy(obj)
    kopie._state = copy.copy(obj._state)
    kopie._state.fields_cache = {}
    return kopie


def _wijzigingen(obj, nieuw: dict, velden: set[str]) -> list[str]:
    volgorde = [f.name for f in obj._meta.fields]
    return [
        veldwijziging(obj._meta.get_field(veld), getattr(obj, veld), nieuw[veld], geld=veld in regels.GELDVELDEN)
        for veld in sorted(velden, key=volgorde.index)
    ]


def _hoeveelheid_tonen(soort: str, eenheid: str, hoeveelheid: Decimal | None) -> str:
    if hoeveelheid is None:
        return ""
    if soort == Toezegging.Soort.GELD:
        return euro(hoeveelheid)
    getal = formats.number_format(hoeveelheid.normalize() if hoeveelheid == hoeveelheid.to_integral() else hoeveelheid,
                                  decimal_pos=None if hoeveelheid == hoeveelheid.to_integral() else 2, force_grouping=True)
    return f"{getal} {'uur' if eenheid == Toezegging.Eenheid.UREN else 'fte'}"


# --- Plans: read what is stored once, compare each row, then write in bulk --------------------------


class _Plan:
    def __init__(self, *, door: Gebruiker, kolommen: set[str], rijen: list[dict], vergrendelen: bool) -> None:
        self.door = door
        self.kolommen = kolommen
        self.rijen = rijen
        self.vergrendelen = vergrendelen
        self.gezien: dict[tuple, int] = {}

    def laden(self) -> None:
        self.organisaties = {o.naam.lower(): o for o in Organisatie.objects.all()}

    def _organisatie(self, naam: str, kolom: str = "organisatie") -> Organisatie:
        organisatie = self.organisaties.get(str(naam).strip().lower())
        if organisatie is None:
            raise RijFout(_("%(kolom)s: onbekende organisatie '%(naam)s'.") % {"kolom": kolom, "naam": str(naam)[:80]})
        return organisatie

    def _eenmalig(self, sleutel: tuple, regel: Rij) -> None:
        """A natural key may occur once in a file."""
        eerder = self.gezien.setdefault(sleutel, regel.nummer)
        if eerder != regel.nummer:
            raise RijFout(_("Deze rij gaat over hetzelfde als rij %(rij)s; neem elke rij één keer op.") % {"rij": eerder})

    def _coalities_in_bestand(self):
        namen = {str(r.get("coalitie") or "").strip().lower() for r in self.rijen}
        qs = Coalitie.objects.all()
        return {c.naam.lower(): c for c in qs if c.naam.lower() in namen}

    def _coalitie(self, naam: str) -> Coalitie:
        coalitie = self.coalities.get(str(naam).strip().lower())
        if coalitie is None:
            raise RijFout(_("coalitie: onbekende coalitie '%(naam)s'.") % {"naam": str(naam)[:160]})
        return coalitie


class _CoalitiePlan(_Plan):
    TEKSTEN = ("doel", "beoogd_resultaat")
    DATA = ("resultaatdatum", "startdatum")

    def laden(self) -> None:
        super().laden()
        qs = Coalitie.objects.all()
        if self.vergrendelen:
            qs = qs.select_for_update()
        self.coalities = {c.naam.lower(): c for c in qs}
        self.themas = {t.naam.lower(): t for t in Thema.objects.all()}
        self.themas.update({t.slug.lower(): t for t in Thema.objects.all()})
        self.tafels = {t.naam.lower(): t for t in BestuurlijkeTafel.objects.all()}
        self.instappers: dict[int, list[Deelname]] = {}
        for deelname in Deelname.objects.filter(variant=Deelname.Variant.INSTAP).select_related("organisatie"):
            self.instappers.setdefault(deelname.coalitie_id, []).append(deelname)
        self.nieuw: list[Coalitie] = []
        self.gewijzigd: list[tuple[Coalitie, set[str]]] = []

    def _velden(self, rij: dict, nieuw: bool) -> dict:
        velden: dict = {}
        if "thema" in self.kolommen and rij.get("thema"):
            velden["thema"] = self.themas.get(str(rij["thema"]).lower())
            if velden["thema"] is None:
                raise RijFout(_("thema: onbekend thema '%(thema)s'.") % {"thema": str(rij["thema"])[:80]})
        elif "thema" in self.kolommen and not nieuw:
            raise RijFout(_("thema: vul het thema in."))
        if "tafel" in self.kolommen:
            velden["tafel"] = None
            if rij.get("tafel"):
                velden["tafel"] = self.tafels.get(str(rij["tafel"]).lower())
                if velden["tafel"] is None:
                    raise RijFout(_("tafel: onbekende tafel '%(tafel)s'.") % {"tafel": str(rij["tafel"])[:80]})
        if "status" in self.kolommen and rij.get("status"):
            velden["status"] = _keuze(rij["status"], Coalitie.Status.choices, "status")
        if "trekker" in self.kolommen and rij.get("trekker"):
            velden["trekker"] = self._organisatie(rij["trekker"], "trekker")
        elif "trekker" in self.kolommen and not nieuw:
            raise RijFout(_("trekker: vul de trekker in."))
        for veld in self.TEKSTEN:
            if veld in self.kolommen:
                velden[veld] = str(rij.get(veld) or "")
        for veld in self.DATA:
            if veld in self.kolommen:
                velden[veld] = _datum(rij.get(veld), veld)
        return velden

    def rij(self, regel: Rij, rij: dict) -> None:
        naam = str(rij.get("naam") or "")
        if not naam:
            raise RijFout(_("naam: vul de naam van de coalitie in."))
        self._eenmalig((naam.lower(),), regel)
        bestaande = self.coalities.get(naam.lower())
        velden = self._velden(rij, nieuw=bestaande is None)
        if bestaande is None:
            for veld in ("thema", "trekker"):
                if veld not in velden:
                    raise RijFout(_("%(kolom)s: verplicht voor een nieuwe coalitie.") % {"kolom": veld})
            services.controleer_coalitie_aanmaken(door=self.door, trekker=velden["trekker"])
            coalitie = Coalitie(naam=naam, **velden)
            coalitie.full_clean(exclude=services.COALITIE_RELATIES, validate_unique=False)
            regel.actie = NIEUW
            self.nieuw.append(coalitie)
            return
        gewijzigd = services.gewijzigde_velden(bestaande, velden)
        if not gewijzigd:
            regel.actie = ONGEWIJZIGD
            return
        services.controleer_coalitie_wijzigen(door=self.door, coalitie=bestaande, gewijzigd=gewijzigd)
        regel.wijzigingen = _wijzigingen(bestaande, velden, gewijzigd)
        coalitie = _kopie(bestaande)
        for veld in gewijzigd:
            setattr(coalitie, veld, velden[veld])
        coalitie.full_clean(exclude=services.COALITIE_RELATIES, validate_unique=False)
        if "startdatum" in gewijzigd:
            for deelname in self.instappers.get(coalitie.pk, []):
                if coalitie.startdatum is None or deelname.instapdatum <= coalitie.startdatum:
                    raise RijFout(
                        _("startdatum: de instapdatum van %(organisatie)s (%(datum)s) moet na de startdatum liggen.")
                        % {"organisatie": deelname.organisatie, "datum": formats.date_format(deelname.instapdatum, "j F Y")}
                    )
        regel.actie = GEWIJZIGD
        self.gewijzigd.append((coalitie, gewijzigd))

    def opslaan(self) -> None:
        services.coalities_importeren(nieuw=self.nieuw, gewijzigd=self.gewijzigd, door=self.door)


class _DeelnamePlan(_Plan):
    BEDRAGVELDEN = ("solidariteitsbijdrage", "instapdatum", "instapfee")
    # Which of the amount fields each variant carries; a volledig party that joined later keeps its entry data.
    HOORT_BIJ = {
        Deelname.Variant.SOLIDARITEIT: {"solidariteitsbijdrage"},
        Deelname.Variant.INSTAP: {"instapdatum", "instapfee"},
        Deelname.Variant.VOLLEDIG: {"instapdatum", "instapfee"},
        Deelname.Variant.GEEN: set(),
    }

    def laden(self) -> None:
        super().laden()
        self.coalities = self._coalities_in_bestand()
        qs = Deelname.objects.filter(coalitie__in=self.coalities.values()).annotate(aantal_toezeggingen=Count("toezeggingen"))
        if self.vergrendelen:
            qs = Deelname.objects.filter(pk__in=list(qs.values_list("pk", flat=True))).select_for_update()
            aantallen = dict(
                Deelname.objects.filter(coalitie__in=self.coalities.values()).annotate(n=Count("toezeggingen"))
                .values_list("pk", "n")
            )
            self.deelnames = {(d.coalitie_id, d.organisatie_id): d for d in qs}
            for d in self.deelnames.values():
                d.aantal_toezeggingen = aantallen.get(d.pk, 0)
        else:
            self.deelnames = {(d.coalitie_id, d.organisatie_id): d for d in qs}
        self.nieuw: list[Deelname] = []
        self.gewijzigd: list[tuple[Deelname, set[str]]] = []
        self.toezeggingen: list[Toezegging] = []

    def rij(self, regel: Rij, rij: dict) -> None:
        coalitie = self._coalitie(rij.get("coalitie"))
        organisatie = self._organisatie(rij.get("organisatie"))
        self._eenmalig((coalitie.pk, organisatie.pk), regel)
        if not permissions.mag_deelname_wijzigen(self.door, organisatie.pk):
            raise RijFout(_("U mag de deelname van %(organisatie)s niet wijzigen.") % {"organisatie": organisatie})
        bestaande = self.deelnames.get((coalitie.pk, organisatie.pk))
        if "variant" in self.kolommen and rij.get("variant"):
            variant = _keuze(rij["variant"], Deelname.Variant.choices, "variant")
        elif bestaande is not None:
            variant = bestaande.variant
        else:
            raise RijFout(_("variant: verplicht voor een nieuwe deelname."))
        velden = {"variant": variant}
        for veld in self.BEDRAGVELDEN:
            if veld in self.kolommen:
                velden[veld] = _datum(rij.get(veld), veld) if veld == "instapdatum" else _bedrag(rij.get(veld), veld)
            elif veld not in self.HOORT_BIJ[variant] or bestaande is None:
                velden[veld] = None  # a field the variant does not carry goes, as on the screen
            else:
                velden[veld] = getattr(bestaande, veld)
        deelname = _kopie(bestaande) if bestaande is not None else Deelname(coalitie=coalitie, organisatie=organisatie)
        deelname.coalitie = coalitie
        deelname.organisatie = organisatie
        for veld, waarde in velden.items():
            setattr(deelname, veld, waarde)
        aantal = bestaande.aantal_toezeggingen if bestaande is not None else 0
        toezegging = None
        if rij.get("toezegging_soort") and variant in regels.MET_TOEZEGGING and aantal == 0:
            toezegging = Toezegging(deelname=deelname, **_toezegging_velden(rij, "toezegging_", self.kolommen))
            toezegging.full_clean(exclude=["deelname"], validate_unique=False, validate_constraints=False)
            services.controleer_toezeggingvelden(toezegging)
            aantal = 1
            regel.bedragen = _hoeveelheid_tonen(toezegging.soort, toezegging.eenheid, toezegging.hoeveelheid)
        deelname.full_clean(exclude=["coalitie", "organisatie"], validate_unique=False, validate_constraints=False)
        services.controleer_variantvelden(deelname)
        services.controleer_deelname(deelname, aantal_toezeggingen=aantal)
        bedragen = [euro(velden[v]) for v in ("solidariteitsbijdrage", "instapfee") if velden.get(v) is not None]
        regel.bedragen = " · ".join(filter(None, [*bedragen, regel.bedragen]))
        if toezegging is not None:
            self.toezeggingen.append(toezegging)
        if bestaande is None:
            regel.actie = NIEUW
            self.nieuw.append(deelname)
            return
        gewijzigd = services.gewijzigde_velden(bestaande, velden)
        if not gewijzigd and toezegging is None:
            regel.actie = ONGEWIJZIGD
            return
        regel.actie = GEWIJZIGD
        regel.wijzigingen = _wijzigingen(bestaande, velden, gewijzigd)
        if toezegging is not None:
            regel.wijzigingen.append(_("eerste toezegging toegevoegd"))
        self.gewijzigd.append((deelname, gewijzigd))

    def opslaan(self) -> None:
        services.deelnames_importeren(
            nieuw=self.nieuw, gewijzigd=self.gewijzigd, toezeggingen=self.toezeggingen, door=self.door
        )


def _toezegging_velden(rij: dict, prefix: str, kolommen: set[str], bestaande: Toezegging | None = None) -> dict:
    """The fields of a commitment from a row; a column that is not in the file keeps the stored value."""
    soort = _keuze(rij[f"{prefix}soort"], Toezegging.Soort.choices, f"{prefix}soort")
    velden = {
        "soort": soort,
        "jaar_van": _jaar(rij.get(f"{prefix}jaar_van"), f"{prefix}jaar_van"),
        "jaar_tot": _jaar(rij.get(f"{prefix}jaar_tot"), f"{prefix}jaar_tot"),
    }
    for veld in ("hoeveelheid", "eenheid", "omschrijving"):
        if f"{prefix}{veld}" in kolommen:
            waarde = rij.get(f"{prefix}{veld}")
            if veld == "hoeveelheid":
                velden[veld] = _bedrag(waarde, f"{prefix}hoeveelheid")
            elif veld == "eenheid":
                velden[veld] = _keuze(waarde, Toezegging.Eenheid.choices, f"{prefix}eenheid") if waarde else ""
            else:
                velden[veld] = str(waarde or "")
        elif bestaande is not None:
            velden[veld] = getattr(bestaande, veld)
        else:
            velden[veld] = None if veld == "hoeveelheid" else ""
    # Money is always in euro; knowledge has no amount (as on the screen).
    velden["eenheid"], velden["hoeveelheid"] = regels.toezegging_normaliseren(soort, velden["eenheid"], velden["hoeveelheid"])
    return velden


class _ToezeggingPlan(_Plan):
    def laden(self) -> None:
        super().laden()
        self.coalities = self._coalities_in_bestand()
        self.deelnames = {
            (d.coalitie_id, d.organisatie_id): d for d in Deelname.objects.filter(coalitie__in=self.coalities.values())
        }
        qs = Toezegging.objects.filter(deelname__in=self.deelnames.values())
        if self.vergrendelen:
            qs = qs.select_for_update()
        self.bestaande: dict[tuple, list[Toezegging]] = {}
        for toezegging in qs:
            self.bestaande.setdefault(self._sleutel(toezegging.deelname_id, toezegging), []).append(toezegging)
        self.nieuw: list[Toezegging] = []
        self.gewijzigd: list[tuple[Toezegging, set[str]]] = []

    @staticmethod
    def _sleutel(deelname_id: int, t) -> tuple:
        """A commitment is one kind over one period; knowledge is told apart by its description."""
        soort, van, tot = (t["soort"], t["jaar_van"], t["jaar_tot"]) if isinstance(t, dict) else (t.soort, t.jaar_van, t.jaar_tot)
        omschrijving = (t["omschrijving"] if isinstance(t, dict) else t.omschrijving) if soort == Toezegging.Soort.KENNIS else ""
        return (deelname_id, soort, van, tot, omschrijving.strip().lower())

    def rij(self, regel: Rij, rij: dict) -> None:
        coalitie = self._coalitie(rij.get("coalitie"))
        organisatie = self._organisatie(rij.get("organisatie"))
        if not permissions.mag_deelname_wijzigen(self.door, organisatie.pk):
            raise RijFout(_("U mag de toezeggingen van %(organisatie)s niet wijzigen.") % {"organisatie": organisatie})
        deelname = self.deelnames.get((coalitie.pk, organisatie.pk))
        if deelname is None:
            raise RijFout(_("%(organisatie)s heeft nog geen deelname in %(coalitie)s.") % {"organisatie": organisatie, "coalitie": coalitie})
        if deelname.variant not in regels.MET_TOEZEGGING:
            raise RijFout(
                _("Bij %(variant)s horen geen toezeggingen; kies eerst volledige participatie of instap.")
                % {"variant": deelname.get_variant_display().lower()}
            )
        velden = _toezegging_velden(rij, "", self.kolommen)
        sleutel = self._sleutel(deelname.pk, velden)
        self._eenmalig(sleutel, regel)
        kandidaten = self.bestaande.get(sleutel, [])
        if len(kandidaten) > 1:
            raise RijFout(_("Er zijn al meerdere van zulke toezeggingen; wijzig ze op de pagina van de coalitie."))
        bestaande = kandidaten[0] if kandidaten else None
        if bestaande is not None:
            velden = _toezegging_velden(rij, "", self.kolommen, bestaande)
        toezegging = _kopie(bestaande) if bestaande is not None else Toezegging(deelname=deelname)
        for veld, waarde in velden.items():
            setattr(toezegging, veld, waarde)
        toezegging.full_clean(exclude=["deelname"], validate_unique=False, validate_constraints=False)
        services.controleer_toezeggingvelden(toezegging)
        regel.bedragen = _hoeveelheid_tonen(toezegging.soort, toezegging.eenheid, toezegging.hoeveelheid)
        if bestaande is None:
            regel.actie = NIEUW
            self.nieuw.append(toezegging)
            return
        gewijzigd = services.gewijzigde_velden(bestaande, velden)
        if not gewijzigd:
            regel.actie = ONGEWIJZIGD
            return
        regel.actie = GEWIJZIGD
        regel.wijzigingen = _wijzigingen(bestaande, velden, gewijzigd)
        self.gewijzigd.append((toezegging, gewijzigd))

    def opslaan(self) -> None:
        services.toezeggingen_importeren(nieuw=self.nieuw, gewijzigd=self.gewijzigd, door=self.door)
