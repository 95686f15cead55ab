"""Template tags through which pages of lower apps show what the portal app offers."""

from django import template
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from coalities.templatetags.coalities_tags import badge_toon
from drechtsteden.opmaak import euro, procent
from drechtsteden.templatetags.tabellen import keuzelabel
from portaal.permissions import mag_raadsinformatie_zien

register = template.Library()


@register.inclusion_tag("portaal/_raadsinformatie_link.html", takes_context=True)
def raadsinformatie_link(context, organisatie):
    """A link to the gemeente's raadsinformatie, for those who may read it."""
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    toon = gebruiker is not None and mag_raadsinformatie_zien(gebruiker, organisatie)
    return {"organisatie": organisatie, "toon": toon}


@register.simple_tag
def groei_lijst_coalities(regels, gemeente) -> SafeString:
    """The groeiperspectief's list items of one table's coalitions (``GroeiCoalitie``s), for the page and the
    PDF: written here rather than by a template, which spent about 0.1 ms on each. Every text is escaped."""
    detail = reverse("coalities:detail", args=[0]).replace("/0/", "/{}/")
    buiten = " " + escape(_("(buiten deze selectie)"))
    geen_keuze = escape(_("nog geen keuze"))
    deelname, nog_niemand = _("Deelname"), _("Nog niemand heeft een keuze vastgelegd.")
    niemand = f"<dt>{escape(deelname)}</dt><dd>{escape(nog_niemand)}</dd>"
    hangt_af_van, nodig_voor = _("Hangt af van"), _("Nodig voor")

    def verwijzingen(kop: str, lijst) -> str:
        if not lijst:
            return ""
        links = ", ".join(
            f'<a class="utrecht-link" href="{detail.format(int(v.pk))}">{escape(v.naam)}</a>{"" if v.in_selectie else buiten}'
            for v in lijst
        )
        return f"<dt>{escape(kop)}</dt>\n            <dd>{links}</dd>"

    items = []
    for regel in regels:
        coalitie = regel.coalitie
        keuze = ""
        if gemeente:
            variant = escape(regel.variant_gemeente_label.lower()) if regel.variant_gemeente else geen_keuze
            keuze = f'\n            <span class="groei-lijst__keuze">{escape(gemeente.naam)}: {variant}</span>'
        deelnemers = "".join(
            f"\n            <dt>{escape(label)}</dt>\n            <dd>{escape(namen)}</dd>\n            "
            for label, namen in regel.deelnemers
        ) or f"{niemand}\n            "
        items.append(
            '\n        <li class="groei-lijst__coalitie">'
            f'\n          <p class="utrecht-paragraph"><a class="utrecht-link" href="{detail.format(int(coalitie.pk))}">'
            f"{escape(coalitie.naam)}</a>"
            f'\n            <span class="portaal-badge portaal-badge--{badge_toon(coalitie.status)}">'
            f'{escape(keuzelabel(coalitie, "status"))}</span>{keuze}</p>'
            '\n          <dl class="groei-lijst__gegevens">'
            f"\n            {deelnemers}"
            f"\n            {verwijzingen(hangt_af_van, regel.afhankelijk_van)}"
            f"\n            {verwijzingen(nodig_voor, regel.nodig_voor)}"
            "\n          </dl>\n        </li>\n        "
        )
    return mark_safe("".join(items))


@register.simple_tag
def raadsinformatie_coalitierijen(regels) -> SafeString:
    """The rows of the raadsinformatie's coalition table on screen (``CoalitieKort``s): written here rather than
    by a template, which spent about 0.05 ms on each. Every text is escaped."""
    rijen = []
    for regel in regels:
        c = regel.coalitie
        tafel = f'<br><span class="stil">{escape(c.tafel.naam)}</span>' if c.tafel else ""
        variant = escape(regel.variant_label) if regel.variant else f"<strong>{escape(regel.variant_label)}</strong>"
        v = regel.voortgang
        voortgang = (
            f'{escape(v.periode)}: <span class="label label--{escape(v.status)}">{escape(keuzelabel(v, "status"))}</span>'
            if v else "—"
        )
        rijen.append(
            "\n    <tr>"
            f'\n      <th scope="row"><a class="utrecht-link" href="{escape(regel.url)}">{escape(c.naam)}</a></th>'
            f"\n      <td>{escape(c.thema.naam)}{tafel}</td>"
            f"\n      <td>{escape(regel.status_label)}</td>"
            f"\n      <td>{variant}</td>"
            f'\n      <td class="getal">{escape(regel.bijdrage_tekst)}</td>'
            f"\n      <td>{voortgang}</td>"
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rijen))


@register.simple_tag
def raadsinformatie_tafelrijen(aan_tafel, afgemeld) -> SafeString:
    """The rows of the raadsinformatie's table of tables (``Lidmaatschap``s), on screen and in the PDF: the tables
    it sits at, then those it left. Written here rather than by a template; every text is escaped."""
    def begin(lid) -> str:
        thema = lid.tafel.thema.naam if lid.tafel.thema else ""
        return f'\n    <tr><th scope="row">{escape(lid.tafel.naam)}</th><td>{escape(thema)}</td>'

    def sinds(lid) -> str:
        return escape(date(lid.datum, "j-n-Y") or "—")

    rijen = [
        f'{begin(lid)}<td>{escape(keuzelabel(lid, "status"))}</td><td>{sinds(lid)}</td>'
        f'<td>{escape(lid.besluit_referentie or lid.reden or "—")}</td></tr>\n  '
        for lid in aan_tafel
    ]
    rijen.append("\n  ")
    rijen += [
        f'{begin(lid)}<td><span class="label label--afgemeld">{escape(keuzelabel(lid, "status"))}</span></td>'
        f"<td>{sinds(lid)}</td><td>{escape(lid.reden)}</td></tr>\n  "
        for lid in afgemeld
    ]
    return mark_safe("".join(rijen))


@register.simple_tag
def raadsinformatie_besluitrijen(besluiten) -> SafeString:
    """The rows of the raadsinformatie's decisions (``Besluit``s with their agenda item, meeting, table and vote),
    on screen and in the PDF. Written here rather than by a template; every text is escaped."""
    lijst = reverse("tafels:besluitenlijst", args=[0]).replace("/0/", "/{}/")
    rijen = []
    for b in besluiten:
        v = b.agendapunt.vergadering
        if b.wijze == "stemming":
            hoe = escape(keuzelabel(b.stemming, "uitkomst")) + " " + _("bij stemming (voor %(voor)s, tegen %(tegen)s)") % {
                "voor": escape(procent(b.stemming.voor, decimalen=2)),
                "tegen": escape(procent(b.stemming.tegen, decimalen=2)),
            }
        else:
            hoe = escape(keuzelabel(b, "wijze"))
        rijen.append(
            f'\n    <tr><th scope="row"><a href="{escape(lijst.format(int(v.pk)))}">{escape(v.tafel.naam)}, '
            f'{escape(date(template_localtime(v.begint_om), "j F Y"))}</a></th><td>{escape(b.agendapunt.titel)}</td>'
            f"<td>{escape(b.tekst)}</td><td>{hoe}</td></tr>\n  "
        )
    return mark_safe("".join(rijen))


@register.simple_tag
def realisatie_regel(toezegging) -> SafeString:
    """A commitment without a realisation for the last quarter, with the link to enter one (dashboard and its
    whole list): written here rather than by a template, which spent about 0.08 ms on each. Every text is escaped."""
    hoeveelheid = ""
    if toezegging.hoeveelheid:
        if toezegging.eenheid == "euro":
            hoeveelheid = ", " + escape(euro(toezegging.hoeveelheid))
        else:
            hoeveelheid = f", {escape(localize(toezegging.hoeveelheid))} {escape(keuzelabel(toezegging, 'eenheid'))}"
    url = reverse("coalities:realisatie_nieuw", args=[toezegging.pk])
    return mark_safe(
        f'<li class="utrecht-unordered-list__item">{escape(toezegging.deelname.coalitie.naam)}: '
        f'{escape(keuzelabel(toezegging, "soort").lower())}{hoeveelheid}'
        f'\n        — <a class="utrecht-link" href="{escape(url)}">{escape(_("realisatie invullen"))}</a></li>'
    )
