"""The agenda pack of a meeting as PDF: plain functions, context in, PDF bytes out.

The pack is built from sections (see ``documenten.pdf``): a frame (cover, changes since the last
version, agenda, table of contents), one section per agenda item with its documents merged in, and a
closing section (decisions of the previous meeting, open actions). Sections are cached by content,
so a rebuild after one changed document renders only that item and the frame.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pypdf import PdfReader

from documenten import pdf as docpdf
from documenten.registry import Bouwfout, Resultaat

from .models import Actiepunt, Agendapunt, Besluit, Pakketversie, Stem, Stukversie, Vergadering
from .selectors import vergadering_pagina

logger = logging.getLogger(__name__)

Voortgang = Callable[[int, int, str], None]
OMZETBAAR = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


# --- Attachments ---------------------------------------------------------------------------------


@dataclass
class Bijlage:
    """One document of an agenda item, as merged into the pack (or why it is not)."""

    versie: Stukversie
    lezer: PdfReader | None = None
    notitie: str = ""
    pagina: int | None = None

    @property
    def anker(self) -> str:
        return f"stuk-{self.versie.pk}"

    @property
    def pagina_aantal(self) -> int:
        return len(self.lezer.pages) if self.lezer is not None else 0


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def omzetten_naar_pdf(data: bytes, extensie: str) -> bytes | None:
    """A DOCX, XLSX or ODT converted with LibreOffice headless (cached by content); None if that fails."""
    programma = soffice()
    if programma is None:
        return None
    sleutel = f"tafels:omgezet:{docpdf.sha256(data)}"
    if (opgeslagen := cache.get(sleutel, version=docpdf.cache_versie())) is not None:
        return opgeslagen
    with tempfile.TemporaryDirectory(prefix="omzetten-") as map_:
        bron = os.path.join(map_, f"stuk{extensie}")
        with open(bron, "wb") as uit:
            uit.write(data)
        profiel = PurePath(map_, "profiel").as_uri()
        try:
            subprocess.run(
                [programma, f"-env:UserInstallation={profiel}", "--headless", "--norestore", "--convert-to", "pdf",
                 "--outdir", map_, bron],
                check=True, capture_output=True, timeout=120,
            )
            with open(os.path.join(map_, "stuk.pdf"), "rb") as resultaat:
                pdf = resultaat.read()
        except (subprocess.SubprocessError, OSError):
            logger.warning("Omzetten naar PDF mislukt", exc_info=True)
            return None
    cache.set(sleutel, pdf, docpdf.SECTIE_CACHE_SECONDEN, version=docpdf.cache_versie())
    return pdf


def bijlage_laden(versie: Stukversie) -> Bijlage:
    """Reads a document for merging; what cannot be merged is listed with a note."""
    try:
        with versie.bestand.open("rb") as bestand:
            data = bestand.read()
    except OSError:
        return Bijlage(versie, notitie=_("Het bestand is niet gevonden; het is niet opgenomen."))
    soort = "PDF"
    if versie.mime_type in OMZETBAAR:
        soort = OMZETBAAR[versie.mime_type].lstrip(".").upper()
        if soffice() is None:
            return Bijlage(versie, notitie=_(
                "Dit stuk (%(soort)s) is niet in het pakket opgenomen: omzetten naar PDF is op deze server niet "
                "mogelijk. Open het stuk in het portaal."
            ) % {"soort": soort})
        data = omzetten_naar_pdf(data, OMZETBAAR[versie.mime_type])
        if data is None:
            return Bijlage(versie, notitie=_(
                "Dit stuk (%(soort)s) kon niet naar PDF worden omgezet en is niet opgenomen. Open het stuk in het portaal."
            ) % {"soort": soort})
    try:
        lezer = PdfReader(io.BytesIO(data))
        if lezer.is_encrypted or not len(lezer.pages):
            raise ValueError("versleuteld of leeg")
    except Exception:  # noqa: BLE001 - any unreadable upload is listed, never breaks the pack
        return Bijlage(versie, notitie=_("Dit stuk kon niet worden gelezen (beveiligd of beschadigd) en is niet opgenomen."))
    return Bijlage(versie, lezer=lezer)


# --- Content and changes -------------------------------------------------------------------------


def pakket_inhoud(vergadering: Vergadering) -> dict[str, Any]:
    """What a version contains, to compare with the next one: items and current documents."""
    pagina = vergadering_pagina(vergadering=vergadering)
    return {
        "punten": [{"id": r.punt.pk, "volgorde": r.punt.volgorde, "titel": r.punt.titel} for r in pagina.regels],
        "stukken": [
            {"id": s.stuk.pk, "punt": r.punt.pk, "titel": s.stuk.titel or s.huidige.bestandsnaam,
             "versie": s.huidige.versie, "versie_id": s.huidige.pk}
            for r in pagina.regels for s in r.stukken
        ],
    }


def wijzigingen(vorige: dict[str, Any] | None, huidige: dict[str, Any]) -> list[str]:
    """What changed since the previous version, as Dutch sentences."""
    if not vorige:
        return []
    regels: list[str] = []
    oud = {p["id"]: p for p in vorige.get("punten", [])}
    nieuw = {p["id"]: p for p in huidige["punten"]}
    for p in huidige["punten"]:
        if p["id"] not in oud:
            regels.append(_("Agendapunt toegevoegd: %(nr)s. %(titel)s") % {"nr": p["volgorde"], "titel": p["titel"]})
        elif oud[p["id"]]["titel"] != p["titel"]:
            regels.append(_("Agendapunt %(nr)s heeft een nieuwe titel: “%(oud)s” is nu “%(nieuw)s”")
                          % {"nr": p["volgorde"], "oud": oud[p["id"]]["titel"], "nieuw": p["titel"]})
    for p in vorige.get("punten", []):
        if p["id"] not in nieuw:
            regels.append(_("Agendapunt vervallen: %(titel)s") % {"titel": p["titel"]})
    oude_stukken = {s["id"]: s for s in vorige.get("stukken", [])}
    nieuwe_stukken = {s["id"] for s in huidige["stukken"]}
    titels = {p["id"]: p["titel"] for p in huidige["punten"]}
    for s in huidige["stukken"]:
        if s["id"] not in oude_stukken:
            regels.append(_("Stuk toegevoegd bij “%(punt)s”: %(titel)s") % {"punt": titels.get(s["punt"], ""), "titel": s["titel"]})
        elif oude_stukken[s["id"]]["versie_id"] != s["versie_id"]:
            regels.append(_("Stuk vervangen bij “%(punt)s”: %(titel)s (nu versie %(versie)s)")
                          % {"punt": titels.get(s["punt"], ""), "titel": s["titel"], "versie": s["versie"]})
    for s in vorige.get("stukken", []):
        if s["id"] not in nieuwe_stukken and s["punt"] in nieuw:
            regels.append(_("Stuk ingetrokken: %(titel)s") % {"titel": s["titel"]})
    return regels


# --- The pack ------------------------------------------------------------------------------------


@dataclass
class Pakketpunt:
    punt: Agendapunt
    begint_om: datetime.datetime
    bijlagen: list[Bijlage] = field(default_factory=list)
    open_actiepunten: list[Actiepunt] = field(default_factory=list)
    pagina: int = 0


def _css_tekst(tekst: str) -> str:
    """A value for a CSS string inside <style>: no way out of the string or the element."""
    return (
        tekst.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ").replace(">", "\\3e ")
    )


def _kop(vergadering: Vergadering) -> str:
    css = render_to_string(
        "tafels/pdf/agendapakket.css",
        {
            "kop_links": _css_tekst(_("Agendapakket %(tafel)s") % {"tafel": vergadering.tafel.naam}),
            "kop_rechts": _css_tekst(
                _("Vergadering %(datum)s") % {"datum": date_format(timezone.localtime(vergadering.begint_om), "j F Y")}
            ),
        },
    )
    return f"<style>{css}</style>"


def _voettekst(vergadering: Vergadering, versie: int, concept: bool) -> docpdf.Voettekst:
    datum = date_format(timezone.localtime(vergadering.begint_om), "j F Y")
    links = _("%(tafel)s — vergadering %(datum)s — versie %(versie)s") % {
        "tafel": vergadering.tafel.naam, "datum": datum, "versie": versie,
    }
    if concept:
        links += " " + _("(concept)")
    return docpdf.Voettekst(links=links, css='html { font-family: "DejaVu Sans", Arial, sans-serif; color: #333; }')


def vorige_vergadering(vergadering: Vergadering) -> Vergadering | None:
    return (
        Vergadering.objects.filter(tafel_id=vergadering.tafel_id, begint_om__lt=vergadering.begint_om)
        .order_by("-begint_om").first()
    )


def agendapakket_pdf(
    vergadering: Vergadering,
    *,
    versie: int,
    verzonden_op: datetime.datetime | None = None,
    vorige_inhoud: dict[str, Any] | None = None,
    voortgang: Voortgang | None = None,
) -> Resultaat:
    """The agenda pack of ``vergadering`` as PDF, with the content it holds (for the next version's changes)."""
    melden = voortgang or (lambda *a: None)
    with translation.override("nl"):
        return _agendapakket_pdf(vergadering, versie=versie, verzonden_op=verzonden_op, vorige_inhoud=vorige_inhoud, melden=melden)


def _agendapakket_pdf(vergadering, *, versie, verzonden_op, vorige_inhoud, melden) -> Resultaat:
    pagina = vergadering_pagina(vergadering=vergadering)
    inhoud = pakket_inhoud(vergadering)
    totaal = len(pagina.regels) * 2 + 4
    stap = 0

    def vooruit(aantal: int, onderdeel: str) -> None:
        nonlocal stap
        stap += aantal
        melden(min(stap, totaal), totaal, onderdeel)

    # Attachments first (conversion is the slow part for office documents).
    moment = timezone.localtime(vergadering.begint_om)
    punten: list[Pakketpunt] = []
    for regel in pagina.regels:
        pp = Pakketpunt(punt=regel.punt, begint_om=moment)
        for stuk in regel.stukken:
            pp.bijlagen.append(bijlage_laden(stuk.huidige))
        if regel.punt.vast_punt_actiepunten:
            pp.open_actiepunten = pagina.overgenomen_actiepunten
        moment += datetime.timedelta(minutes=regel.punt.minuten)
        punten.append(pp)
        vooruit(1, _("Stukken bij %(titel)s") % {"titel": regel.punt.titel})

    vorige = vorige_vergadering(vergadering)
    besluiten = list(
        Besluit.objects.filter(agendapunt__vergadering=vorige)
        .select_related("agendapunt", "stemming")
        .prefetch_related(Prefetch("stemming__stemmen", queryset=Stem.objects.select_related("organisatie")))
        .order_by("agendapunt__volgorde", "id")
    ) if vorige else []
    open_acties = list(
        Actiepunt.objects.filter(agendapunt__vergadering__tafel_id=vergadering.tafel_id, status=Actiepunt.Status.OPEN)
        .select_related("eigenaar_persoon", "eigenaar_organisatie", "agendapunt__vergadering")
        .order_by("deadline", "id")
    )

    basis = {"vergadering": vergadering, "tafel": vergadering.tafel}
    secties = [
        docpdf.Sectie(
            sleutel=f"punt-{pp.punt.pk}",
            html=render_to_string("tafels/pdf/_punt.html", {
                **basis, "pp": pp, "punt": pp.punt,
                "plaatshouders": [docpdf.plaatshouders(b.anker, b.pagina_aantal) for b in pp.bijlagen],
            }),
        )
        for pp in punten
    ]
    secties.append(docpdf.Sectie(
        sleutel="afsluiting",
        html=render_to_string("tafels/pdf/_afsluiting.html", {**basis, "vorige": vorige, "besluiten": besluiten, "open_acties": open_acties}),
    ))
    renderer = docpdf.Sectierenderer(kop=_kop(vergadering))
    per_keer = max(4, -(-len(secties) // 3))
    gerenderd = renderer.renderen(secties, per_keer=per_keer, voortgang=lambda n: vooruit(n, _("Agendapunten opmaken")))

    # The frame (cover, changes, agenda, contents) holds page numbers, so it comes last; its own
    # length is remembered per meeting, and corrected in a second pass when the guess was off.
    lijst = wijzigingen(vorige_inhoud, inhoud)
    kader_sleutel = f"tafels:kaderlengte:{vergadering.pk}"
    kader_lengte = cache.get(kader_sleutel, 3, version=docpdf.cache_versie())
    for _poging in range(3):
        indeling = docpdf.pagina_indeling(gerenderd, begin=kader_lengte)
        for pp in punten:
            pp.pagina = indeling[f"sectie-punt-{pp.punt.pk}"] + 1
            for b in pp.bijlagen:
                b.pagina = indeling[f"bijlage-{b.anker}"] + 1 if b.lezer is not None else None
        kader_html = render_to_string("tafels/pdf/_kader.html", {
            **basis, "punten": punten, "versie": versie, "verzonden_op": verzonden_op, "wijzigingen": lijst,
            "heeft_vorige_versie": vorige_inhoud is not None, "vorige": vorige,
            "pagina_besluiten": indeling.get("besluitenlijst", 0) + 1,
            "pagina_acties": indeling["actiepunten"] + 1,
            "minuten_totaal": pagina.minuten_totaal,
            "eindigt_om": timezone.localtime(vergadering.begint_om) + datetime.timedelta(minutes=pagina.minuten_totaal),
        })
        kader = renderer.renderen([docpdf.Sectie(sleutel="kader", html=kader_html)])[0]
        if kader.aantal == kader_lengte:
            break
        kader_lengte = kader.aantal
    cache.set(kader_sleutel, kader.aantal, docpdf.SECTIE_CACHE_SECONDEN, version=docpdf.cache_versie())
    vooruit(1, _("Voorblad en inhoudsopgave"))

    alle = [kader, *gerenderd]
    indeling = docpdf.pagina_indeling(gerenderd, begin=kader.aantal)
    indeling.update({f"{k}@kader": v for k, v in docpdf.pagina_indeling([kader]).items()})
    bladwijzers = [docpdf.Bladwijzer(_("Voorblad"), 0)]
    if "wijzigingen" in kader.ankers:
        bladwijzers.append(docpdf.Bladwijzer(_("Wijzigingen sinds de vorige versie"), kader.ankers["wijzigingen"]))
    bladwijzers += [
        docpdf.Bladwijzer(_("Agenda"), kader.ankers.get("agenda", 0)),
        docpdf.Bladwijzer(_("Inhoud"), kader.ankers.get("inhoud", 0)),
    ]
    for pp in punten:
        bladwijzers.append(docpdf.Bladwijzer(f"{pp.punt.volgorde}. {pp.punt.titel}", indeling[f"sectie-punt-{pp.punt.pk}"]))
        for bijlage in pp.bijlagen:
            if bijlage.lezer is not None:
                bladwijzers.append(docpdf.Bladwijzer(
                    bijlage.versie.stuk.titel or bijlage.versie.bestandsnaam, indeling[f"bijlage-{bijlage.anker}"], niveau=1,
                ))
    if vorige:
        bladwijzers.append(docpdf.Bladwijzer(_("Besluitenlijst vorige vergadering"), indeling["besluitenlijst"]))
    bladwijzers.append(docpdf.Bladwijzer(_("Openstaande actiepunten"), indeling["actiepunten"]))

    vooruit(1, _("Samenvoegen"))
    datum = date_format(timezone.localtime(vergadering.begint_om), "j F Y")
    titel = _("Agendapakket %(tafel)s, vergadering %(datum)s, versie %(versie)s") % {
        "tafel": vergadering.tafel.naam, "datum": datum, "versie": versie,
    }
    data = docpdf.samenstellen(
        renderer, alle,
        bijlagen={b.anker: b.lezer for pp in punten for b in pp.bijlagen if b.lezer is not None},
        voettekst=_voettekst(vergadering, versie, concept=verzonden_op is None),
        bladwijzers=bladwijzers,
        titel=titel,
        auteur=_("Samenwerkingsportaal Drechtsteden"),
        onderwerp=_("Agenda en stukken"),
    )
    melden(totaal, totaal, _("Klaar"))
    pagina_aantal = sum(s.aantal for s in alle)
    return Resultaat(data=data, gegevens={"inhoud": inhoud, "wijzigingen": lijst, "paginas": pagina_aantal,
                                          "gerenderd": renderer.gerenderd_aantal})


# --- Registered document kind --------------------------------------------------------------------


def _vergadering(parameters: dict[str, Any]) -> Vergadering:
    try:
        return Vergadering.objects.select_related("tafel").get(pk=parameters["vergadering"])
    except (Vergadering.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404(_("Deze vergadering bestaat niet.")) from None


def parameters(gegevens) -> dict[str, Any]:
    """``vergadering`` (id) and optional ``verzenden``; bad values give a Dutch message."""
    waarde = str(gegevens.get("vergadering", "")).strip()
    if not waarde.isdigit() or len(waarde) > 12:
        raise ValidationError(_("Geef het nummer van een vergadering op."), code="vergadering")
    uitkomst: dict[str, Any] = {"vergadering": int(waarde)}
    if str(gegevens.get("verzenden", "")).lower() in ("1", "true", "ja", "on"):
        uitkomst["verzenden"] = True
    return uitkomst


def volgende_versie(vergadering: Vergadering) -> tuple[int, Pakketversie | None]:
    laatste = vergadering.pakketversies.order_by("-nummer").first()
    return (laatste.nummer + 1 if laatste else 1), laatste


def bouwen(parameters: dict[str, Any], voortgang: Voortgang) -> Resultaat:
    """The registered builder: the pack for the meeting in ``parameters``."""
    try:
        vergadering = _vergadering(parameters)
    except Http404 as fout:
        raise Bouwfout(str(fout)) from None
    nummer, laatste = volgende_versie(vergadering)
    verzonden_op = timezone.now() if parameters.get("verzenden") else None
    resultaat = agendapakket_pdf(
        vergadering, versie=nummer, verzonden_op=verzonden_op,
        vorige_inhoud=laatste.inhoud if laatste else None, voortgang=voortgang,
    )
    resultaat.gegevens["versie"] = nummer
    resultaat.gegevens["verzonden_op"] = verzonden_op.isoformat() if verzonden_op else None
    return resultaat


def bestandsnaam(parameters: dict[str, Any]) -> str:
    vergadering = Vergadering.objects.filter(pk=parameters.get("vergadering")).select_related("tafel").first()
    if vergadering is None:
        return "agendapakket.pdf"
    from django.utils.text import slugify

    return f"agendapakket-{slugify(vergadering.tafel.naam)}-{timezone.localtime(vergadering.begint_om):%Y-%m-%d}.pdf"


def mag_zien(gebruiker, parameters: dict[str, Any]) -> bool:
    from .permissions import mag_agendapakket_zien

    vergadering = Vergadering.objects.filter(pk=parameters.get("vergadering")).select_related("tafel").first()
    return vergadering is not None and mag_agendapakket_zien(gebruiker, vergadering)


def mag_starten(gebruiker, parameters: dict[str, Any]) -> bool:
    from .permissions import mag_agendapakket_maken, mag_agendapakket_verzenden

    vergadering = Vergadering.objects.filter(pk=parameters.get("vergadering")).select_related("tafel").first()
    if vergadering is None:
        return False
    if parameters.get("verzenden"):
        return mag_agendapakket_verzenden(gebruiker, vergadering)
    return mag_agendapakket_maken(gebruiker, vergadering)


def terug_url(parameters: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse("tafels:vergadering", args=[parameters["vergadering"]]) + "#agendapakket"


def na_afloop(opdracht) -> None:
    """When a pack built for sending is done: freeze it as the next version and notify the members."""
    if not opdracht.parameters.get("verzenden"):
        return
    from . import services

    services.pakketversie_vastleggen(opdracht=opdracht, door=opdracht.door)
