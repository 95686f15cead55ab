"""The groeiperspectief drawn as a map: a deterministic layered layout, written as SVG (`svg`).

Themes are columns; under each theme its tables, and under each table its coalitions, ordered so
that what a coalition depends on stands above it. Dependencies are arrows from the coalition to what
it depends on. Each kind of node has its own shape (theme: hexagon, table: rectangle, coalition:
rounded block) and each status its own outline pattern and written word, so the map reads without
colour. Only presentation attributes are used (no style attributes), so the same SVG serves the page
under a strict CSP and the PDF.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalities.models import Coalitie

from .selectors import GroeiCoalitie, Groeiperspectief

MARGE = 16
KOLOM = 300
TUSSENRUIMTE = 56
THEMA_H = 52
INSPRONG = 28
COALITIE_B = KOLOM - 2 * INSPRONG + 16
REGEL = 16
TEKENS_PER_REGEL = 30


@dataclass(frozen=True)
class Stijl:
    vulling: str
    rand: str
    streep: str  # stroke-dasharray; "" is a solid line
    beschrijving: str
    dubbel: bool = False  # a second, inner outline


# The status is always written in the node too; colour and pattern only repeat it.
STATUS_STIJL: dict[str, Stijl] = {
    Coalitie.Status.IDEE: Stijl("#f3f3f3", "#4b4b4b", "2 4", gettext_lazy("gestippelde rand")),
    Coalitie.Status.IN_VORMING: Stijl("#fff4d6", "#5c4400", "9 5", gettext_lazy("gestreepte rand")),
    Coalitie.Status.LOPEND: Stijl("#dff3e4", "#0b4a1c", "", gettext_lazy("doorgetrokken rand")),
    Coalitie.Status.AFGEROND: Stijl("#e6f0f7", "#002d52", "", gettext_lazy("dubbele rand"), dubbel=True),
    Coalitie.Status.GESTOPT: Stijl("#f6dede", "#6b0d0d", "12 4 2 4", gettext_lazy("streep-punt-rand")),
}


def statuslegenda() -> list[tuple[Coalitie.Status, Stijl]]:
    return [(Coalitie.Status(code), STATUS_STIJL[code]) for code in Coalitie.Status.values]


@dataclass
class Knoop:
    soort: str  # thema, tafel, coalitie
    x: float
    y: float
    b: float
    h: float
    regels: list[str]
    label: str
    url: str = ""
    stijl: Stijl | None = None
    vet: int = 1  # how many of the first lines are the name (bold)
    coalitie_pk: int | None = None
    kolom: int = 0

    @property
    def midden_y(self) -> float:
        return self.y + self.h / 2

    @property
    def rechts(self) -> float:
        return self.x + self.b

    @property
    def zeshoek(self) -> str:
        """The theme's hexagon as polygon points."""
        punt = 14
        x, y, b, h = self.x, self.y, self.b, self.h
        return " ".join(
            f"{px:g},{py:g}"
            for px, py in ((x + punt, y), (x + b - punt, y), (x + b, y + h / 2), (x + b - punt, y + h), (x + punt, y + h), (x, y + h / 2))
        )

    @property
    def tekstregels(self) -> list[tuple[float, str, bool]]:
        """(baseline y, text, bold) for each line, centred vertically."""
        begin = self.midden_y - (len(self.regels) - 1) * REGEL / 2 + 5
        return [(begin + i * REGEL, regel, i < self.vet) for i, regel in enumerate(self.regels)]

    @property
    def tekst_x(self) -> float:
        return self.x + (24 if self.soort == "thema" else 12)


@dataclass
class Lijn:
    """A plain line: a table's or theme's spine to its coalitions."""

    d: str


@dataclass
class Pijl:
    d: str
    label: str


@dataclass
class Kaart:
    breedte: float
    hoogte: float
    knopen: list[Knoop] = field(default_factory=list)
    lijnen: list[Lijn] = field(default_factory=list)
    pijlen: list[Pijl] = field(default_factory=list)
    titel: str = ""
    beschrijving: str = ""

    @property
    def svg(self) -> SafeString:
        return svg(self)

    @property
    def statusstijlen(self) -> list[tuple[Coalitie.Status, Stijl]]:
        return statuslegenda()

    def van_soort(self, soort: str) -> list[Knoop]:
        return [k for k in self.knopen if k.soort == soort]

    @property
    def themas(self) -> list[Knoop]:
        return self.van_soort("thema")

    @property
    def tafels(self) -> list[Knoop]:
        return self.van_soort("tafel")

    @property
    def coalities(self) -> list[Knoop]:
        return self.van_soort("coalitie")


def _afkorten(tekst: str, regels: int) -> list[str]:
    """The text in at most ``regels`` lines; what does not fit ends in an ellipsis."""
    delen = textwrap.wrap(tekst, TEKENS_PER_REGEL, break_long_words=True) or [""]
    if len(delen) > regels:
        delen = delen[:regels]
        delen[-1] = delen[-1][: TEKENS_PER_REGEL - 1].rstrip() + "…"
    return delen


def _deelname_regel(regel: GroeiCoalitie, gemeente) -> str:
    if gemeente is not None:
        keuze = regel.variant_gemeente_label or _("nog geen keuze")
        return f"{gemeente.naam}: {keuze.lower()}"
    aantallen = {code: aantal for code, _l, aantal in regel.tellingen}
    return _("%(v)s volledig · %(s)s solidair · %(i)s instap") % {
        "v": aantallen["volledig"], "s": aantallen["solidariteit"], "i": aantallen["instap"]
    }


def _coalitie_label(regel: GroeiCoalitie, gemeente, status: str) -> str:
    coalitie = regel.coalitie
    delen = [
        _("Coalitie %(naam)s") % {"naam": coalitie.naam},
        _("status: %(status)s") % {"status": status.lower()},
        _deelname_regel(regel, gemeente),
    ]
    if regel.afhankelijk_van:
        delen.append(_("hangt af van %(namen)s") % {"namen": ", ".join(v.naam for v in regel.afhankelijk_van)})
    return "; ".join(delen)


def _kolom_x(kolom: int) -> int:
    return MARGE + kolom * (KOLOM + TUSSENRUIMTE)


def _pijl(van: Knoop, naar: Knoop, baan_y: float | None = None, spoor: int = 0) -> str:
    """A line from the dependant to what it depends on, leaving low and arriving high on a side.

    Within a column or to the next one it is a curve through the gap between the columns. Further away
    it would cross the columns in between, so it goes down its gap to its own lane (``baan_y``) under
    the map, along it, and up the gap next to the target.
    """
    y1, y2 = van.midden_y + 8, naar.midden_y - 8
    if van.kolom == naar.kolom:  # a loop through the gap on the right
        x = van.rechts
        uit = x + 22 + min(abs(y2 - y1) / 12, 18)
        return f"M{x:g},{y1:g} C{uit:g},{y1:g} {uit:g},{y2:g} {x + 8:g},{y2:g}"
    rechts = naar.kolom > van.kolom
    x1, x2 = (van.rechts, naar.x - 8) if rechts else (van.x, naar.rechts + 8)
    if baan_y is None:
        midden = (x1 + x2) / 2
        return f"M{x1:g},{y1:g} C{midden:g},{y1:g} {midden:g},{y2:g} {x2:g},{y2:g}"
    verschuiving = (spoor % 5) * 6 - 12  # parallel lines in one gap stay apart
    if rechts:
        gat1 = _kolom_x(van.kolom) + KOLOM + TUSSENRUIMTE / 2 + verschuiving
        gat2 = _kolom_x(naar.kolom) - TUSSENRUIMTE / 2 + verschuiving
    else:
        gat1 = _kolom_x(van.kolom) - TUSSENRUIMTE / 2 + verschuiving
        gat2 = _kolom_x(naar.kolom) + KOLOM + TUSSENRUIMTE / 2 + verschuiving
    return f"M{x1:g},{y1:g} H{gat1:g} V{baan_y:g} H{gat2:g} V{y2:g} H{x2:g}"


def indelen(gp: Groeiperspectief) -> Kaart:
    """Places every node and arrow; the same data always gives the same map."""
    knopen: list[Knoop] = []
    lijnen: list[Lijn] = []
    per_coalitie: dict[int, Knoop] = {}
    hoogste = MARGE
    # Labels and the link pattern once, not per node (get_status_display and reverse are slow in a loop).
    statussen = {code: str(label) for code, label in Coalitie.Status.choices}
    coalitie_url = reverse("coalities:detail", args=[0]).replace("/0/", "/{}/")
    for kolom, groep in enumerate(gp.themas):
        x = _kolom_x(kolom)
        y = MARGE
        thema = Knoop(
            "thema", x, y, KOLOM, THEMA_H, _afkorten(groep.thema.naam, 2),
            _("Thema %(naam)s") % {"naam": groep.thema.naam}, vet=2,
        )
        knopen.append(thema)
        y += THEMA_H + 16
        for tafel_groep in groep.tafels:
            spil_x = x + INSPRONG / 2
            if tafel_groep.tafel is not None:
                naam = _afkorten(tafel_groep.tafel.naam, 2)
                tafel = Knoop(
                    "tafel", x + 8, y, KOLOM - 16, 12 + REGEL * (len(naam) + 1), [*naam, _("bestuurlijke tafel")],
                    _("Tafel %(naam)s") % {"naam": tafel_groep.tafel.naam},
                    url=reverse("tafels:detail", args=[tafel_groep.tafel.pk]), vet=len(naam),
                )
                knopen.append(tafel)
                lijnen.append(Lijn(f"M{x + KOLOM / 2:g},{y - 16:g} V{y:g}"))
                spil_x = x + 8 + INSPRONG / 2
                y += tafel.h + 12
                boven = y - 12
            else:
                knopen.append(Knoop(
                    "kop", x + 8, y, KOLOM - 16, 20, [_("Zonder tafel van dit thema")], "", vet=1,
                ))
                y += 28
                boven = y - 8
            for regel in tafel_groep.coalities:
                coalitie = regel.coalitie
                naam = _afkorten(coalitie.naam, 2)
                status = statussen[coalitie.status]
                regels = [*naam, status, _deelname_regel(regel, gp.gemeente)]
                hoogte = 16 + REGEL * len(regels)
                knoop = Knoop(
                    "coalitie", x + INSPRONG + 8, y, COALITIE_B - 8, hoogte, regels,
                    _coalitie_label(regel, gp.gemeente, status), url=coalitie_url.format(coalitie.pk),
                    stijl=STATUS_STIJL[coalitie.status], vet=len(naam), coalitie_pk=coalitie.pk, kolom=kolom,
                )
                knopen.append(knoop)
                per_coalitie[coalitie.pk] = knoop
                lijnen.append(Lijn(f"M{spil_x:g},{boven:g} V{knoop.midden_y:g} H{knoop.x:g}"))
                y += hoogte + 12
            y += 8
        hoogste = max(hoogste, y)
    breedte = MARGE * 2 + max(len(gp.themas), 1) * (KOLOM + TUSSENRUIMTE) - TUSSENRUIMTE
    pijlen = []
    banen = 0
    for van, naar in gp.afhankelijkheden:
        begin, eind = per_coalitie[van.coalitie.pk], per_coalitie[naar.coalitie.pk]
        baan_y = None
        if abs(begin.kolom - eind.kolom) > 1:
            baan_y = hoogste + 4 + banen * 10
            banen += 1
        pijlen.append(Pijl(
            _pijl(begin, eind, baan_y, len(pijlen)),
            _("%(van)s hangt af van %(naar)s") % {"van": van.coalitie.naam, "naar": naar.coalitie.naam},
        ))
    hoogste += banen * 10
    aantal = len(per_coalitie)
    return Kaart(
        breedte=breedte,
        hoogte=hoogste + MARGE,
        knopen=knopen,
        lijnen=lijnen,
        pijlen=pijlen,
        titel=_("Groeiperspectief: thema's, tafels, coalities en afhankelijkheden"),
        beschrijving=_(
            "%(themas)s thema's als kolommen met hun tafels; %(coalities)s coalities als blokken onder hun tafel, "
            "met status en deelname; %(pijlen)s pijlen van een coalitie naar waar zij van afhangt. "
            "Dezelfde gegevens staan in de lijstweergave."
        ) % {"themas": len(gp.themas), "coalities": aantal, "pijlen": len(pijlen)},
    )


VET = ' font-weight="bold"'
THEMA_REGEL = ' font-weight="bold" font-size="15"'
TAFEL_SOORT = ' font-size="12" font-style="italic"'


def _tspans(k: Knoop, vet: str, normaal: str = "") -> str:
    """The node's lines; ``vet`` and ``normaal`` are the attributes of a bold and of an other line."""
    x = k.tekst_x
    return "".join(
        f'<tspan x="{x}" y="{y}"{vet if is_vet else normaal}>{escape(tekst)}</tspan>' for y, tekst, is_vet in k.tekstregels
    )


def _knoop_svg(k: Knoop) -> str:
    if k.soort == "thema":
        return (
            '\n      <g class="groei-kaart__thema">'
            f'\n        <polygon points="{k.zeshoek}" fill="#00457c" stroke="#002d52" stroke-width="2"/>'
            f'\n        <text fill="#ffffff">{_tspans(k, THEMA_REGEL, THEMA_REGEL)}</text>'
            '\n      </g>\n    '
        )
    if k.soort == "tafel":
        return (
            f'\n      <a href="{escape(k.url)}" class="groei-kaart__link groei-kaart__tafel" aria-label="{escape(k.label)}">'
            f'\n        <rect x="{k.x}" y="{k.y}" width="{k.b}" height="{k.h}" fill="#ffffff" stroke="#00457c" stroke-width="2.5"/>'
            f'\n        <text fill="#1a1a1a">{_tspans(k, VET, TAFEL_SOORT)}</text>'
            '\n      </a>\n    '
        )
    if k.soort == "kop":
        return f'\n      <text fill="#1a1a1a" font-style="italic">{_tspans(k, "")}</text>\n    '
    stijl = k.stijl
    streep = f' stroke-dasharray="{escape(stijl.streep)}"' if stijl.streep else ""
    # As the template filter `add` did: whole numbers.
    dubbel = (
        f'<rect x="{int(k.x) + 4}" y="{int(k.y) + 4}" width="{int(k.b) - 8}" height="{int(k.h) - 8}" rx="10" fill="none"'
        f' stroke="{escape(stijl.rand)}" stroke-width="1"/>'
    ) if stijl.dubbel else ""
    return (
        f'\n      <a href="{escape(k.url)}" class="groei-kaart__link groei-kaart__coalitie" aria-label="{escape(k.label)}"'
        f' data-coalitie="{k.coalitie_pk}">'
        f'\n        <rect x="{k.x}" y="{k.y}" width="{k.b}" height="{k.h}" rx="14" fill="{escape(stijl.vulling)}"'
        f' stroke="{escape(stijl.rand)}" stroke-width="2"{streep}/>'
        f'\n        {dubbel}'
        f'\n        <text fill="#1a1a1a">{_tspans(k, VET)}</text>'
        '\n      </a>\n    '
    )


def svg(kaart: Kaart) -> SafeString:
    """The map as SVG for the page and the PDF, written here rather than by a template: a template spent
    about 0.1 ms on each node. Numbers go in as Python writes them, every text escaped."""
    lijnen = "".join(f'<path d="{escape(lijn.d)}"/>' for lijn in kaart.lijnen)
    pijlen = "".join(
        f'<path d="{escape(pijl.d)}" marker-end="url(#groei-pijlpunt)"><title>{escape(pijl.label)}</title></path>'
        for pijl in kaart.pijlen
    )
    knopen = "".join(f"\n    {_knoop_svg(k)}\n  " for k in kaart.knopen)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="groei-kaart__svg" viewBox="0 0 {kaart.breedte} {kaart.hoogte}"'
        f' width="{kaart.breedte}" height="{kaart.hoogte}" role="group" aria-labelledby="groei-kaart-titel"'
        ' aria-describedby="groei-kaart-beschrijving" font-family="Arial, Helvetica, sans-serif" font-size="13">'
        f'\n  <title id="groei-kaart-titel">{escape(kaart.titel)}</title>'
        f'\n  <desc id="groei-kaart-beschrijving">{escape(kaart.beschrijving)}</desc>'
        '\n  <defs>'
        '\n    <marker id="groei-pijlpunt" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="7" markerHeight="7"'
        ' orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker>'
        '\n  </defs>'
        f'\n  <g aria-hidden="true" fill="none" stroke="#6b6b6b" stroke-width="1.5">\n    {lijnen}\n  </g>'
        f'\n  <g aria-hidden="true" fill="none" stroke="#1a1a1a" stroke-width="1.75">\n    {pijlen}\n  </g>'
        f'\n  {knopen}\n</svg>'
    )
