"""Trend charts of the monitor as SVG, drawn by pygal; the same SVG serves the dashboard and the report.

The SVG goes into an ``<img>`` as a data URI: no inline script or style in the page (strict CSP), and
WeasyPrint embeds it as it is. Each point carries its value as text and the norm is a dashed line, so the
chart reads without colour.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from drechtsteden import opmaak

from . import rules
from .monitor import Indicator, Monitor

STIJL = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4b4b4b",
    colors=("#00457c", "#4b4b4b"),
    font_family="Arial, Helvetica, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    legend_font_size=13,
    title_font_size=14,
)


def _getal(waarde: Decimal | None) -> float | None:
    return None if waarde is None else float(waarde)


def trend_svg(indicator: Indicator) -> str:
    """A line chart of the indicator over its periods, with the norm as a dashed line."""
    procent = indicator.eenheid == "%"
    grafiek = pygal.Line(
        width=420, height=220, explicit_size=True, style=STIJL, js=[], disable_xml_declaration=True,
        show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=2, print_values=True,
        print_values_position="top", dots_size=4, allow_interruptions=True, show_y_guides=False,
        range=(0, 100) if procent else None, include_x_axis=True, margin=8, margin_right=36, truncate_label=-1,
        y_labels=[0, 25, 50, 75, 100] if procent else None,
        value_formatter=(lambda x: opmaak.procent(x, decimalen=0)) if procent else (lambda x: opmaak.getal(x, decimalen=1)),
        title=indicator.label,
    )
    grafiek.x_labels = [code for code, _w in indicator.reeks]
    grafiek.add(_("Waarde"), [_getal(w) for _c, w in indicator.reeks])
    norm = rules.DREMPELS[indicator.code].groen
    grafiek.add(_("Norm"), [float(norm)] * len(indicator.reeks), stroke_style={"dasharray": "6, 4", "width": 2},
                show_dots=False, print_values=False)
    # pygal writes its tooltip configuration as a script; an image never runs it, so it is left out.
    svg = re.sub(r"<script.*?</script>", "", grafiek.render(is_unicode=True), flags=re.S)
    # The legend's ids serve that script only; several charts in one document would repeat them.
    return re.sub(r' id="activate-serie-\d+"', "", svg)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def beschrijving(indicator: Indicator) -> str:
    """The chart in words, for the alt text."""
    punten = ", ".join(f"{code}: {_('geen gegevens') if w is None else str(w).replace('.', ',')}" for code, w in indicator.reeks)
    return _("Trend van %(label)s per periode — %(punten)s; norm %(norm)s.") % {
        "label": indicator.label.lower(), "punten": punten, "norm": str(rules.DREMPELS[indicator.code].groen)}


DASHBOARD_CODES = ("stukken_op_tijd", "acties_op_tijd", "geld_geleverd", "vergaderingen_gehouden", "reflectie_gemiddeld",
                   "escalaties_te_lang_open")


def van_monitor(m: Monitor) -> list[tuple[Indicator, str, str]]:
    """The dashboard's charts (indicator, data URI, text) of a monitor, drawn once per kept monitor: pygal
    costs a few milliseconds per chart, and a kept monitor's indicators do not change."""
    grafieken = m.opgemaakt.get("grafieken")
    if grafieken is None:
        grafieken = [
            (i, data_uri(trend_svg(i)), beschrijving(i)) for i in m.indicatoren if i.code in DASHBOARD_CODES
        ]
        m.opgemaakt["grafieken"] = grafieken
    return grafieken
