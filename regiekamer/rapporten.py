"""The monitoring report as a kind of document job (``monitoring``): per table or for the network,
per quarter or half year. The builder reads the same ``monitor()`` as the dashboard, so every value in
the PDF is the value on the screen."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documenten.registry import Bouwfout, Resultaat, Voortgang

from . import rules

SOORT = "monitoring"


def parameters(gegevens: Mapping[str, str]) -> dict[str, Any]:
    """``periode`` (2026-H2, 2026-Q3) and optionally ``tafel`` (id of a themed table)."""
    from tafels.models import BestuurlijkeTafel

    try:
        periode = rules.periode_parse(str(gegevens.get("periode", ""))[:20])
    except ValueError as fout:
        raise ValidationError(str(fout), code="periode") from fout
    if periode.soort not in ("H", "Q"):
        raise ValidationError(_("Het rapport gaat over een kwartaal of een halfjaar, bijvoorbeeld 2026-H2."), code="periode")
    tafel = str(gegevens.get("tafel") or "").strip()
    if tafel:
        if not (tafel.isascii() and tafel.isdigit() and len(tafel) < 10) or not BestuurlijkeTafel.objects.thematafels().filter(pk=int(tafel)).exists():
            raise ValidationError(_("Onbekende tafel %(tafel)s.") % {"tafel": tafel[:20]}, code="tafel")
    return {"periode": periode.code, "tafel": int(tafel) if tafel else None}


def _financiering(jaar: int) -> list[tuple[str, Decimal]]:
    from financiering.models import Begrotingsjaar, ProjectBudget

    begroting = Begrotingsjaar.objects.filter(jaar=jaar).first()
    projecten = ProjectBudget.objects.filter(jaar=jaar).aggregate(s=Sum("budget"))["s"] or Decimal(0)
    return [
        (_("1. Instandhouding van het netwerk"), begroting.component_1_budget if begroting else Decimal(0)),
        (_("2. Basisfinanciering van projecten"), begroting.component_2_budget if begroting else Decimal(0)),
        (_("3. Specifieke projecten (naar deelname en profijt)"), projecten),
    ]


def _portfolio(tafel) -> list[dict]:
    from coalities.models import Coalitie

    coalities = Coalitie.objects.select_related("tafel", "trekker").prefetch_related("voortgangsrapportages", "resultaten_en_lessen")
    if tafel is not None:
        coalities = coalities.filter(tafel=tafel)
    uitkomst = []
    for c in coalities.order_by("naam"):
        rapporten = list(c.voortgangsrapportages.all())
        laatste = max(rapporten, key=lambda r: (r.jaar, r.kwartaal or 0)) if rapporten else None
        uitkomst.append({"coalitie": c, "voortgang": laatste, "resultaten": list(c.resultaten_en_lessen.all())[:3]})
    return uitkomst


def monitoring_html(*, periode: rules.Periode, tafel=None, vandaag=None) -> tuple[str, Any]:
    from documenten import pdf as docpdf  # WeasyPrint is heavy: imported on first use

    from . import grafieken
    from .monitor import monitor

    m = monitor(periode=periode, tafel=tafel, vandaag=vandaag)
    context = {
        "m": m,
        "tafel": tafel,
        "grafieken": [(i, grafieken.trend_svg(i)) for i in m.indicatoren],
        "financiering": _financiering(periode.begin.year),
        "portfolio": _portfolio(tafel),
        "opgesteld_op": timezone.localdate(),
        "static_basis": docpdf.BASIS_URL + "static/",
    }
    with translation.override("nl"):
        return render_to_string("regiekamer/monitoring_pdf.html", context), m


def bouwen(parameters: dict[str, Any], voortgang: Voortgang) -> Resultaat:
    from tafels.models import BestuurlijkeTafel

    tafel = None
    if parameters.get("tafel"):
        tafel = BestuurlijkeTafel.objects.thematafels().filter(pk=parameters["tafel"]).first()
        if tafel is None:
            raise Bouwfout(_("Deze tafel bestaat niet meer in het portaal."))
    voortgang(0, 2, _("Indicatoren berekenen"))
    html, m = monitoring_html(periode=rules.periode_parse(parameters["periode"]), tafel=tafel)
    voortgang(1, 2, _("PDF opmaken"))
    from documenten import pdf as docpdf

    data = docpdf.html_document(html).write_pdf(pdf_tags=True)
    voortgang(2, 2, _("Klaar"))
    return Resultaat(data, {i.code: i.weergave for i in m.indicatoren})


def mag_zien(gebruiker, parameters: dict[str, Any]) -> bool:
    """The monitor is open within the network, as the dashboard is."""
    return bool(getattr(gebruiker, "is_authenticated", False))


def mag_starten(gebruiker, parameters: dict[str, Any]) -> bool:
    from .permissions import mag_rapport_maken

    return mag_rapport_maken(gebruiker)


def bestandsnaam(parameters: dict[str, Any]) -> str:
    deel = f"-tafel-{parameters['tafel']}" if parameters.get("tafel") else ""
    return f"monitoring-{parameters['periode']}{deel}.pdf"


def terug_url(parameters: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse("regiekamer:index") + f"?periode={parameters['periode']}"


def registreren() -> None:
    from django.utils.translation import gettext_lazy

    from documenten.registry import Documentsoort, registreer

    registreer(Documentsoort(
        naam=SOORT, label=gettext_lazy("Monitoringsrapport"), bouwen=bouwen, parameters=parameters,
        mag_zien=mag_zien, mag_starten=mag_starten, bestandsnaam=bestandsnaam, terug_url=terug_url,
    ))
