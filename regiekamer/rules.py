"""The rules of the regiekamers in one place, as pure functions over plain values.

Services, views, the command and the tests all ask these functions; none of them touches the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

BESTUURLIJK = "bestuurlijk"
AMBTELIJK = "ambtelijk"
LID = "lid"
VERBINDENDE_SCHAKEL = "verbindende_schakel"

# --- Composition of the two rooms -----------------------------------------------------------------


@dataclass(frozen=True)
class Lid:
    """A member as the rules see it: who, for which organisation, with which roles in the portal."""

    persoon: str
    organisatie: str
    is_drechtstedengemeente: bool
    rollen: frozenset[str]
    rol: str = LID


def lid_toetsen(soort: str, lid: Lid) -> str | None:
    """Why this person cannot sit in this room in this role, or None."""
    if soort == BESTUURLIJK:
        if lid.rol != LID:
            return _("De bestuurlijke regiekamer kent geen verbindende schakel; leden zijn bestuurders.")
        if "bestuurder" not in lid.rollen:
            return _("%(persoon)s is geen bestuurder; de bestuurlijke regiekamer bestaat uit bestuurders.") % {
                "persoon": lid.persoon}
        if not lid.is_drechtstedengemeente:
            return _("%(organisatie)s is geen Drechtstedengemeente; in de bestuurlijke regiekamer zit één "
                     "bestuurder per Drechtstedengemeente.") % {"organisatie": lid.organisatie}
        return None
    if lid.rol == VERBINDENDE_SCHAKEL:
        if "manager_sdd" not in lid.rollen:
            return _("Alleen de manager Smart Delta Drechtsteden is de verbindende schakel in de ambtelijke regiekamer.")
        return None
    if "gemeentesecretaris" not in lid.rollen:
        return _("%(persoon)s is geen gemeentesecretaris; de ambtelijke regiekamer bestaat uit de "
                 "gemeentesecretarissen, met de manager SDD als verbindende schakel.") % {"persoon": lid.persoon}
    if not lid.is_drechtstedengemeente:
        return _("%(organisatie)s is geen Drechtstedengemeente; in de ambtelijke regiekamer zit de "
                 "gemeentesecretaris van elke Drechtstedengemeente.") % {"organisatie": lid.organisatie}
    return None


def samenstelling_fouten(soort: str, leden: Iterable[Lid], gemeenten: Sequence[str]) -> list[str]:
    """What is wrong with the composition of a room on one day; empty when it is complete and correct.

    Bestuurlijk: exactly one bestuurder per Drechtstedengemeente. Ambtelijk: exactly one
    gemeentesecretaris per Drechtstedengemeente, plus one manager SDD as linking pin without a chair's role.
    """
    leden = list(leden)
    fouten = [fout for lid in leden if (fout := lid_toetsen(soort, lid))]
    per_gemeente: dict[str, list[Lid]] = {}
    schakels = []
    for lid in leden:
        if lid.rol == VERBINDENDE_SCHAKEL:
            schakels.append(lid)
        elif lid.is_drechtstedengemeente:
            per_gemeente.setdefault(lid.organisatie, []).append(lid)
    wie = _("bestuurder") if soort == BESTUURLIJK else _("gemeentesecretaris")
    for gemeente in gemeenten:
        aantal = len(per_gemeente.get(gemeente, []))
        if aantal == 0:
            fouten.append(_("%(gemeente)s heeft geen %(wie)s in de regiekamer.") % {"gemeente": gemeente, "wie": wie})
        elif aantal > 1:
            fouten.append(_("%(gemeente)s heeft %(aantal)s leden in de regiekamer; het is er precies één.")
                          % {"gemeente": gemeente, "aantal": aantal})
    if soort == AMBTELIJK and len(schakels) != 1:
        fouten.append(_("De ambtelijke regiekamer heeft precies één manager SDD als verbindende schakel (nu %(n)s).")
                      % {"n": len(schakels)})
    return fouten


# --- The rotating chair ---------------------------------------------------------------------------


def kandidaten_voor_voorzitter(leden: Iterable[Lid], uitgesloten: Iterable[str]) -> list[str]:
    """The gemeenten that may chair: a member gemeente (not the linking pin), not excluded; sorted by name."""
    weg = set(uitgesloten)
    return sorted({lid.organisatie for lid in leden if lid.rol == LID and lid.is_drechtstedengemeente} - weg)


def voorzitter_toetsen(
    *, jaar: int, organisatie: str, kandidaten: Sequence[str], uitgesloten: Iterable[str], historie: Mapping[int, str]
) -> str | None:
    """Why ``organisatie`` may not chair in ``jaar`` given the stored terms, or None when it may.

    Terms are one calendar year and are recorded in order. A gemeente chairs again only when every other
    eligible gemeente has chaired since its own last term: everyone once before anyone twice.
    """
    if not 2000 <= jaar <= 2100:
        return _("Het jaar ligt tussen 2000 en 2100.")
    if organisatie in set(uitgesloten):
        return _("%(organisatie)s is uitgesloten van het voorzitterschap van deze regiekamer.") % {
            "organisatie": organisatie}
    if organisatie not in kandidaten:
        return _("%(organisatie)s is geen gemeente met een lid in deze regiekamer en kan geen voorzitter zijn.") % {
            "organisatie": organisatie}
    if jaar in historie:
        return _("Voor %(jaar)s is al een voorzitter vastgelegd: %(organisatie)s.") % {
            "jaar": jaar, "organisatie": historie[jaar]}
    later = [j for j in historie if j > jaar]
    if later:
        return _("Voorzitterschappen worden op volgorde vastgelegd; voor %(jaar)s is al een voorzitter vastgelegd.") % {
            "jaar": max(later)}
    eigen = [j for j, org in historie.items() if org == organisatie]
    if not eigen:
        return None  # a gemeente that never chaired has nobody to wait for
    laatste = max(eigen)
    sindsdien = {org for j, org in historie.items() if laatste < j < jaar}
    wachtend = [k for k in kandidaten if k != organisatie and k not in sindsdien]
    if wachtend:
        return _(
            "%(organisatie)s was voorzitter in %(laatste)s. Eerst zijn aan de beurt: %(wachtend)s — iedere gemeente "
            "is één keer voorzitter voordat een gemeente een tweede keer voorzitter is."
        ) % {"organisatie": organisatie, "laatste": laatste, "wachtend": ", ".join(wachtend)}
    return None


def rooster(
    *, kandidaten: Sequence[str], historie: Mapping[int, str], vanaf: int, jaren: int
) -> list[tuple[int, str]]:
    """The chair per year from ``vanaf`` for ``jaren`` years: stored terms as they are, the rest proposed.

    Proposals go to the eligible gemeente that chaired least recently; gemeenten that never chaired go
    first, in alphabetical order. So everyone chairs once before anyone twice, and the one who chaired
    last waits longest.
    """
    if not kandidaten:
        return [(jaar, historie[jaar]) for jaar in range(vanaf, vanaf + jaren) if jaar in historie]
    bekend = dict(historie)
    uitkomst = []
    for jaar in range(vanaf, vanaf + jaren):
        if jaar not in bekend:
            laatst: dict[str, int] = {}
            for j, org in bekend.items():
                if j < jaar:
                    laatst[org] = max(laatst.get(org, j), j)
            bekend[jaar] = min(kandidaten, key=lambda k: (laatst.get(k, -1), k))
        uitkomst.append((jaar, bekend[jaar]))
    return uitkomst


# --- The escalation ladder ------------------------------------------------------------------------

LADDER = ("signalering", "ambtelijke_regiekamer", "bestuurlijke_regiekamer", "colleges_raden")
STANDAARD_SIGNALERINGSTERMIJN_WEKEN = 8


def volgende_niveau(niveau: str) -> str | None:
    index = LADDER.index(niveau)
    return LADDER[index + 1] if index + 1 < len(LADDER) else None


def opschalen_toetsen(*, huidig: str, naar: str, open_: bool, labels: Mapping[str, str]) -> str | None:
    """Why the escalation cannot move from ``huidig`` to ``naar``, or None: one step up at a time."""
    if not open_:
        return _("Deze escalatie is gesloten en gaat niet meer verder.")
    if naar not in LADDER:
        return _("Onbekend niveau.")
    volgende = volgende_niveau(huidig)
    if volgende is None:
        return _("De escalatie ligt al bij %(niveau)s, het hoogste niveau; sluit haar met een uitkomst.") % {
            "niveau": labels[huidig]}
    if LADDER.index(naar) <= LADDER.index(huidig):
        return _("Een escalatie gaat alleen omhoog: van %(van)s niet terug naar %(naar)s.") % {
            "van": labels[huidig], "naar": labels[naar]}
    if naar != volgende:
        return _("Een escalatie gaat één stap tegelijk: na %(van)s komt %(volgende)s.") % {
            "van": labels[huidig], "volgende": labels[volgende]}
    return None


def te_lang_open(*, geopend_op: datetime.date, vandaag: datetime.date, open_: bool, weken: int) -> bool:
    """An open escalation is flagged when it is open longer than ``weeks`` weeks."""
    return open_ and (vandaag - geopend_op).days > weken * 7


# --- Periods ---------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Periode:
    begin: datetime.date
    eind: datetime.date  # inclusive
    code: str

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        jaar, deel = self.code[:4], self.code[5:]
        if not deel:
            return jaar
        if deel.startswith("H"):
            return _("%(n)se helft %(jaar)s") % {"n": deel[1], "jaar": jaar}
        return _("%(n)se kwartaal %(jaar)s") % {"n": deel[1], "jaar": jaar}

    def vorige(self, aantal: int = 1) -> list[Periode]:
        """The ``aantal`` periods of the same length before this one, oldest first."""
        uitkomst = []
        huidig = self
        for _i in range(aantal):
            huidig = periode_voor(huidig.begin - datetime.timedelta(days=1), soort=self.soort)
            uitkomst.append(huidig)
        return list(reversed(uitkomst))

    @property
    def soort(self) -> str:
        return "J" if len(self.code) == 4 else self.code[5]


_PERIODE = re.compile(r"^(?P<jaar>\d{4})(?:-(?P<soort>[HQK])(?P<n>\d))?$")


def periode_parse(tekst: str) -> Periode:
    """``2026-H2`` (half year), ``2026-Q3`` or ``2026-K3`` (quarter) or ``2026`` (year); ValueError in Dutch."""
    match = _PERIODE.match((tekst or "").strip().upper())
    if not match:
        raise ValueError(_("Onbekende periode „%(tekst)s”: gebruik bijvoorbeeld 2026-H2, 2026-Q3 of 2026.") % {
            "tekst": tekst})
    jaar = int(match["jaar"])
    if not 2000 <= jaar <= 2100:
        raise ValueError(_("Het jaar ligt tussen 2000 en 2100."))
    soort, n = match["soort"], int(match["n"] or 0)
    if soort is None:
        return Periode(datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31), f"{jaar}")
    if soort == "H":
        if n not in (1, 2):
            raise ValueError(_("Een halfjaar is H1 of H2."))
        maanden = (1, 6) if n == 1 else (7, 12)
        code = f"{jaar}-H{n}"
    else:
        if not 1 <= n <= 4:
            raise ValueError(_("Een kwartaal is Q1, Q2, Q3 of Q4."))
        maanden = (3 * n - 2, 3 * n)
        code = f"{jaar}-Q{n}"
    return Periode(datetime.date(jaar, maanden[0], 1), _maandeinde(jaar, maanden[1]), code)


def periode_voor(datum: datetime.date, *, soort: str = "H") -> Periode:
    """The half year (``H``), quarter (``Q``) or year (``J``) that contains ``datum``."""
    if soort == "J":
        return periode_parse(f"{datum.year}")
    if soort == "H":
        return periode_parse(f"{datum.year}-H{1 if datum.month <= 6 else 2}")
    return periode_parse(f"{datum.year}-Q{(datum.month - 1) // 3 + 1}")


def _maandeinde(jaar: int, maand: int) -> datetime.date:
    if maand == 12:
        return datetime.date(jaar, 12, 31)
    return datetime.date(jaar, maand + 1, 1) - datetime.timedelta(days=1)


# --- Thresholds of the indicators ------------------------------------------------------------------

GROEN, ORANJE, ROOD, GEEN = "groen", "oranje", "rood", "geen"


@dataclass(frozen=True)
class Drempel:
    """Green from ``groen`` and orange from ``oranje``; ``hoger_beter`` False turns the scale around."""

    groen: Decimal
    oranje: Decimal
    hoger_beter: bool = True


DREMPELS: dict[str, Drempel] = {
    "stukken_op_tijd": Drempel(Decimal(90), Decimal(70)),
    "acties_op_tijd": Drempel(Decimal(80), Decimal(60)),
    "geld_geleverd": Drempel(Decimal(90), Decimal(70)),
    "uren_geleverd": Drempel(Decimal(90), Decimal(70)),
    "nog_geen_keuze": Drempel(Decimal(0), Decimal(2), hoger_beter=False),
    "vergaderingen_gehouden": Drempel(Decimal(100), Decimal(50)),
    "escalaties_te_lang_open": Drempel(Decimal(0), Decimal(1), hoger_beter=False),
    "coordinerend_ambtenaar": Drempel(Decimal(100), Decimal(100)),
    "reflectie_gemiddeld": Drempel(Decimal("3.5"), Decimal("2.5")),
}


def kleur(code: str, waarde: Decimal | int | None) -> tuple[str, str]:
    """The colour of an indicator and the reason, in words that also work without colour."""
    if waarde is None:
        return GEEN, _("Geen gegevens in deze periode.")
    drempel = DREMPELS[code]
    waarde = Decimal(waarde)
    if drempel.hoger_beter:
        if waarde >= drempel.groen:
            return GROEN, _("Op of boven de norm van %(norm)s.") % {"norm": _getal(drempel.groen)}
        if waarde >= drempel.oranje:
            return ORANJE, _("Onder de norm van %(norm)s, niet onder de ondergrens van %(grens)s.") % {
                "norm": _getal(drempel.groen), "grens": _getal(drempel.oranje)}
        return ROOD, _("Onder de ondergrens van %(grens)s.") % {"grens": _getal(drempel.oranje)}
    if waarde <= drempel.groen:
        return GROEN, _("Op of onder de norm van %(norm)s.") % {"norm": _getal(drempel.groen)}
    if waarde <= drempel.oranje:
        return ORANJE, _("Boven de norm van %(norm)s, niet boven de grens van %(grens)s.") % {
            "norm": _getal(drempel.groen), "grens": _getal(drempel.oranje)}
    return ROOD, _("Boven de grens van %(grens)s.") % {"grens": _getal(drempel.oranje)}


def _getal(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}".replace(".", ",")


def percentage(teller: Decimal | int, noemer: Decimal | int) -> Decimal | None:
    """``teller / noemer`` as a percentage with one decimal; None when there is nothing to count."""
    if not noemer:
        return None
    return (Decimal(teller) * 100 / Decimal(noemer)).quantize(Decimal("0.1"))


def trend(waarden: Sequence[Decimal | None], *, hoger_beter: bool = True) -> str:
    """``beter``, ``slechter``, ``gelijk`` or ``onbekend`` from the last two known values."""
    bekend = [w for w in waarden if w is not None]
    if len(bekend) < 2:
        return "onbekend"
    verschil = Decimal(bekend[-1]) - Decimal(bekend[-2])
    if verschil == 0:
        return "gelijk"
    return "beter" if (verschil > 0) == hoger_beter else "slechter"
