"""Hoe is dit berekend? the engine's intermediate values of one contribution, in words and numbers.

The numbers come from `verdeling.OrganisatieUitleg` and `verdeling.CoalitieUitleg`; nothing here
computes an amount again. Each line carries the amount it explains, and the lines of a block add up
to the block's amount (the rounding line holds the cents of the largest-remainder method).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drechtsteden.opmaak import aantal, euro, euro_verschil, procent

from . import verdeling

DREMPEL_VERSCHIL = Decimal("10")  # percent change from the previous year that gets an explanation


@dataclass(frozen=True)
class Regel:
    tekst: str
    bedrag: Decimal | None = None  # None: a line of context that is not part of the sum

    # Written once: the explanation pages keep their lines per language (its text is in that language too).

    @cached_property
    def bedrag_tekst(self) -> str:
        return "" if self.bedrag is None else euro(self.bedrag)

    @cached_property
    def deel(self) -> str:
        """The amount as the pages' data-deel attribute holds it ("" for a line of context)."""
        return "" if self.bedrag is None else str(self.bedrag)


@dataclass(frozen=True)
class Blok:
    titel: str
    regels: list[Regel] = field(default_factory=list)
    bedrag: Decimal = verdeling.NUL

    @property
    def delen(self) -> list[Decimal]:
        return [r.bedrag for r in self.regels if r.bedrag is not None]


def _pct(waarde: Fraction | Decimal) -> str:
    """A share (a Fraction of 1) or a percentage (a Decimal) for reading: 8,83 %."""
    if isinstance(waarde, Fraction):
        waarde = Decimal(waarde.numerator * 100) / Decimal(waarde.denominator)
    return procent(waarde, decimalen=2)


def _pct_sleutel(waarde: Decimal) -> str:
    """A key percentage as adopted, without trailing zeros: 37,5 %."""
    return procent(waarde, decimalen=2, kort=True)


def _datum(datum: datetime.date | None) -> str:
    return date_format(datum, "j F Y") if datum else _("onbekende datum")


def component_blok(uitleg: verdeling.ComponentUitleg, titel: str) -> Blok:
    regels: list[Regel] = []
    if uitleg.vaste_bijdragen and not any(d.soort == verdeling.DEEL_VASTE_BIJDRAGE for d in uitleg.delen):
        regels.append(Regel(_("Budget %(budget)s, min de vaste bijdragen van partners %(vast)s: "
                              "%(rest)s te verdelen over de gemeenten.") % {
            "budget": euro(uitleg.budget), "vast": euro(uitleg.vaste_bijdragen), "rest": euro(uitleg.te_verdelen)}))
    elif uitleg.delen and uitleg.delen[0].soort != verdeling.DEEL_VASTE_BIJDRAGE:
        regels.append(Regel(_("Budget %(budget)s, te verdelen over de gemeenten.") % {"budget": euro(uitleg.budget)}))
    for deel in uitleg.delen:
        regels.append(Regel(_deel_tekst(deel, uitleg) + _maanden_tekst(deel), deel.bedrag))
    if not uitleg.delen:
        regels.append(Regel(_("Geen bijdrage in deze component."), uitleg.bedrag))
    return Blok(titel, regels, uitleg.bedrag)


def _maanden_tekst(deel: verdeling.Deel) -> str:
    """For a party that joined or left during the year: the months of the year it pays."""
    if deel.maanden is None:
        return ""
    return _(", naar rato van %(n)s van de 12 maanden") % {"n": deel.maanden}


def _deel_tekst(deel: verdeling.Deel, uitleg: verdeling.ComponentUitleg | None = None) -> str:
    if deel.soort == verdeling.DEEL_VASTE_VOET:
        return ngettext(
            "%(pct)s vaste voet, gelijk verdeeld over %(n)s gemeente",
            "%(pct)s vaste voet, gelijk verdeeld over %(n)s gemeenten",
            int(deel.noemer),
        ) % {"pct": _pct_sleutel(deel.pct), "n": int(deel.noemer)}
    if deel.soort == verdeling.DEEL_INWONERS:
        cijfers = _("%(inwoners)s van %(alle)s inwoners = %(aandeel)s") % {
            "inwoners": aantal(int(deel.teller)), "alle": aantal(int(deel.noemer)),
            "aandeel": _pct(deel.teller / deel.noemer if deel.noemer else Fraction(0)),
        }
        if deel.pct is not None:
            return _("%(pct)s naar inwoners: %(cijfers)s") % {"pct": _pct_sleutel(deel.pct), "cijfers": cijfers}
        return _("Naar inwoners: %(cijfers)s") % {"cijfers": cijfers}
    if deel.soort == verdeling.DEEL_GELIJK:
        return _("Gelijk verdeeld over %(n)s gemeenten") % {"n": int(deel.noemer)}
    if deel.soort == verdeling.DEEL_PERCENTAGE:
        return _("Vast percentage: %(pct)s") % {"pct": _pct_sleutel(deel.pct)}
    if deel.soort == verdeling.DEEL_VASTE_BIJDRAGE:
        if deel.maanden is not None:
            return _("Vaste bijdrage als partner: %(bedrag)s per jaar") % {"bedrag": euro(deel.basis)}
        return _("Vaste bijdrage als partner (afgesproken bedrag)")
    if deel.soort == verdeling.DEEL_SOLIDARITEIT:
        if deel.maanden is not None:
            return _("Solidariteitsbijdrage: %(bedrag)s per jaar") % {"bedrag": euro(deel.basis)}
        return _("Solidariteitsbijdrage (vast bedrag)")
    if deel.soort == verdeling.DEEL_OVERNAME:
        return _("Deel van wat toe- en uittreders dit jaar niet betalen: %(aandeel)s van %(bedrag)s") % {
            "aandeel": _pct(deel.aandeel), "bedrag": euro(deel.basis)}
    if deel.soort == verdeling.DEEL_INSTAPFEE:
        return _("Instapfee (eenmalig, in het jaar van instap)")
    if deel.soort == verdeling.DEEL_AFRONDING:
        return _("Afrondingsverschil: het restant wordt op hele centen verdeeld")
    return deel.soort


def coalitie_blok(uitleg: verdeling.CoalitieUitleg, variant_label: str, titel: str | None = None) -> Blok:
    regels = [Regel(_("Projectbudget %(budget)s; deelname: %(variant)s.") % {
        "budget": euro(uitleg.budget), "variant": variant_label})]
    if uitleg.vast:
        regels.append(Regel(_("Min solidariteitsbijdragen en instapfees %(vast)s: %(rest)s te verdelen naar profijt.") % {
            "vast": euro(uitleg.vast), "rest": euro(uitleg.te_verdelen)}))
    for deel in uitleg.delen:
        if deel.soort == verdeling.DEEL_PROFIJT:
            profijt = {
                verdeling.PROFIJT_GELIJK: _("gelijk"),
                verdeling.PROFIJT_INWONERS: _("naar inwoners"),
            }.get(uitleg.profijt, _("naar gewichten"))
            # The share of the rest by benefit; for a party of part of the year, of its whole-year share.
            aandeel = deel.aandeel / Fraction(deel.maanden, 12) if deel.maanden else deel.aandeel
            tekst = _("Aandeel naar profijt (%(profijt)s): %(aandeel)s van %(rest)s") % {
                "profijt": profijt, "aandeel": _pct(aandeel), "rest": euro(deel.basis)}
            tekst += _maanden_tekst(deel)
            if uitleg.instapfactor is not None and uitleg.instapfactor != 1:
                maanden = int(uitleg.instapfactor * 12)
                tekst += ngettext(
                    ", naar rato van %(n)s maand deelname",
                    ", naar rato van %(n)s maanden deelname",
                    maanden,
                ) % {"n": maanden}
            regels.append(Regel(tekst, deel.bedrag))
        else:
            regels.append(Regel(_deel_tekst(deel) + _maanden_tekst(deel), deel.bedrag))
    if uitleg.variant == verdeling.VARIANT_GEEN:
        regels.append(Regel(_("Neemt niet deel en betaalt niets."), uitleg.bedrag))
    elif not uitleg.delen:
        regels.append(Regel(_("Nog niet ingestapt in dit jaar: geen bijdrage."), uitleg.bedrag))
    return Blok(titel or uitleg.coalitie, regels, uitleg.bedrag)


MAX_COALITIEBLOKKEN = 10  # more coalitions in a year: one summary block for component 3


def organisatie_blokken(jaar, variant_labels: dict[str, str]) -> list[Blok]:
    """The explanation blocks of one `selectors.OrganisatieJaar`: component 1, 2 and each coalition.

    An organisation in more than MAX_COALITIEBLOKKEN coalitions gets one block for component 3 that
    points to the table per coalition and each coalition's own explanation, instead of hundreds.
    """
    uitleg = jaar.uitleg
    if uitleg is None:
        return []
    blokken = [
        component_blok(uitleg.component_1, _("1. Instandhouding netwerk")),
        component_blok(uitleg.component_2, _("2. Basisfinanciering projecten")),
    ]
    if len(uitleg.coalities) > MAX_COALITIEBLOKKEN:
        tekst = ngettext(
            "Bijdrage aan %(n)s coalitie; per coalitie in de tabel van de coalities en op de financieringspagina van de coalitie.",
            "Bijdragen aan %(n)s coalities; per coalitie in de tabel van de coalities en op de financieringspagina van elke coalitie.",
            len(uitleg.coalities),
        ) % {"n": aantal(len(uitleg.coalities))}
        blokken.append(Blok(_("3. Specifieke projecten"), [Regel(tekst, uitleg.component_3)], uitleg.component_3))
        return blokken
    for c in uitleg.coalities:
        blok = coalitie_blok(c, variant_labels.get(c.coalitie, c.variant))
        blokken.append(Blok(_("3. %(coalitie)s") % {"coalitie": c.coalitie}, blok.regels, blok.bedrag))
    return blokken


def inwoners_tekst(inwoners: int | None, peildatum: datetime.date | None) -> str:
    if inwoners is None:
        return _("Geen inwonertal bekend.")
    return _("Gebruikt inwonertal: %(aantal)s op %(datum)s.") % {"aantal": aantal(inwoners), "datum": _datum(peildatum)}


def verschil_tekst(vorig, huidig) -> str | None:
    """Why the total of `huidig` differs more than 10 % from `vorig` (two `OrganisatieJaar`), or None."""
    oud, nieuw = vorig.bijdrage.totaal, huidig.bijdrage.totaal
    if oud == nieuw or vorig.uitleg is None or huidig.uitleg is None:
        return None
    if oud:
        verandering = (nieuw - oud) * 100 / oud
        if abs(verandering) <= DREMPEL_VERSCHIL:
            return None
        kop = _("%(verschil)s ten opzichte van %(jaar)s (%(pct)s)") % {
            "verschil": euro_verschil(nieuw - oud), "jaar": vorig.jaar, "pct": _plus_min_pct(verandering)}
    else:
        kop = _("%(verschil)s ten opzichte van %(jaar)s, toen niets") % {"verschil": euro_verschil(nieuw - oud), "jaar": vorig.jaar}
    oorzaken = []
    for nummer, naam in ((1, _("instandhouding netwerk")), (2, _("basisfinanciering projecten"))):
        a, b = getattr(vorig.uitleg, f"component_{nummer}"), getattr(huidig.uitleg, f"component_{nummer}")
        if a.bedrag == b.bedrag:
            continue
        details = []
        if a.budget != b.budget:
            details.append(_("budget %(oud)s → %(nieuw)s") % {"oud": euro(a.budget), "nieuw": euro(b.budget)})
        if a.sleutel != b.sleutel or a.vaste_voet_pct != b.vaste_voet_pct:
            details.append(_("andere verdeelsleutel"))
        if a.vaste_bijdragen != b.vaste_bijdragen:
            details.append(_("vaste bijdragen van partners %(oud)s → %(nieuw)s") % {
                "oud": euro(a.vaste_bijdragen), "nieuw": euro(b.vaste_bijdragen)})
        if vorig.uitleg.inwoners != huidig.uitleg.inwoners:
            details.append(_("ander inwonertal"))
        oorzaken.append((abs(b.bedrag - a.bedrag), _component_tekst(naam, b.bedrag - a.bedrag, details)))
    oud_c = {c.coalitie: c.bedrag for c in vorig.uitleg.coalities}
    nieuw_c = {c.coalitie: c.bedrag for c in huidig.uitleg.coalities}
    for coalitie in sorted(set(oud_c) | set(nieuw_c)):
        a, b = oud_c.get(coalitie, verdeling.NUL), nieuw_c.get(coalitie, verdeling.NUL)
        if a == b:
            continue
        details = []
        if coalitie not in oud_c:
            details.append(_("nieuw projectbudget"))
        elif coalitie not in nieuw_c:
            details.append(_("geen projectbudget meer"))
        oorzaken.append((abs(b - a), _component_tekst(_("coalitie %(naam)s") % {"naam": coalitie}, b - a, details)))
    oorzaken.sort(key=lambda o: -o[0])
    return _("%(kop)s, door: %(oorzaken)s.") % {"kop": kop, "oorzaken": "; ".join(t for _b, t in oorzaken)}


def _component_tekst(naam: str, verschil: Decimal, details: list[str]) -> str:
    tekst = f"{naam} {euro_verschil(verschil)}"
    return f"{tekst} ({', '.join(details)})" if details else tekst


def _plus_min_pct(verschil: Decimal) -> str:
    teken = "+" if verschil > 0 else "−"
    return teken + procent(abs(verschil), decimalen=0)


def inzet_tekst(regel, jaar: int, heeft_budget: bool) -> str:
    """How a party's commitments relate to what component 3 charges it (`regel`: a `selectors.InzetRegel`)."""
    inbreng = []
    if regel.geld:
        inbreng.append(_("%(bedrag)s in geld") % {"bedrag": euro(regel.geld)})
    if regel.uren:
        inbreng.append(_("%(n)s uur") % {"n": number_format(regel.uren.normalize(), force_grouping=True)})
    if regel.fte:
        inbreng.append(_("%(n)s fte") % {"n": number_format(regel.fte.normalize())})
    if regel.kennis:
        inbreng.append(ngettext("%(n)s kennisbijdrage", "%(n)s kennisbijdragen", regel.kennis) % {"n": regel.kennis})
    toegezegd = ", ".join(inbreng)
    if regel.variant == verdeling.VARIANT_GEEN:
        return _("Neemt niet deel: betaalt niets en zegt niets toe.") if not inbreng else _(
            "Neemt niet deel en betaalt niets, maar zegde toch toe: %(inbreng)s.") % {"inbreng": toegezegd}
    if regel.variant == verdeling.VARIANT_SOLIDARITEIT:
        return _("Doet niet mee maar betaalt solidair %(bedrag)s; een toezegging in geld, mensen of kennis hoort "
                 "daar niet bij.") % {"bedrag": euro(regel.bijdrage)}
    if not heeft_budget:
        if inbreng:
            return _("Geen projectbudget in %(jaar)s, dus geen projectbijdrage: de toezegging (%(inbreng)s) is de "
                     "hele inbreng.") % {"jaar": jaar, "inbreng": toegezegd}
        return _("Geen projectbudget in %(jaar)s en nog niets toegezegd.") % {"jaar": jaar}
    if not inbreng:
        return _("Betaalt %(bedrag)s aan het projectbudget, maar zegde voor %(jaar)s nog geen geld, mensen of kennis "
                 "toe.") % {"bedrag": euro(regel.bijdrage), "jaar": jaar}
    tekst = _("Betaalt %(bedrag)s aan het projectbudget en brengt daarbovenop in: %(inbreng)s.") % {
        "bedrag": euro(regel.bijdrage), "inbreng": toegezegd}
    if regel.geld:
        tekst += " " + _("Samen %(totaal)s in geld.") % {"totaal": euro(regel.bijdrage + regel.geld)}
    return tekst
