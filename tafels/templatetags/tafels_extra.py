from django import template
from django.urls import reverse
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from drechtsteden.opmaak import als_date_filter
from drechtsteden.templatetags.tabellen import keuzelabel, regels, url_met_id

register = template.Library()


@register.simple_tag
def vergadering_items(vergaderingen, inspringing: int | None = 8) -> SafeString:
    """The meetings of a table page as list items: date (a link), place and status badge."""
    url = url_met_id("tafels:vergadering")
    return regels((
        format_html(
            '<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{}">{}</a>{} '
            '<span class="portaal-badge">{}</span></li>',
            url.format(int(v.pk)), als_date_filter(v.begint_om, "j F Y, H:i"),
            format_html(", {}", v.plaats) if v.plaats else "", keuzelabel(v, "status"),
        )
        for v in vergaderingen
    ), inspringing)


@register.simple_tag
def besluit_items(besluiten) -> SafeString:
    """A table's latest decisions as list items: the text and the date of the meeting."""
    return regels((
        format_html(
            '<li class="utrecht-unordered-list__item">{} <span class="portaal-soort">({})</span></li>',
            besluit.tekst, als_date_filter(besluit.vergaderdatum, "j F Y"),
        )
        for besluit in besluiten
    ), 8)


@register.simple_tag
def open_actiepunt_items(acties) -> SafeString:
    """A table's open actions as list items: what, whose and by when."""
    uiterlijk = gettext("uiterlijk")
    return regels((
        format_html(
            '<li class="utrecht-unordered-list__item">{} — {}, {} {}</li>',
            actie.omschrijving, actie.eigenaar, uiterlijk, als_date_filter(actie.deadline, "j F Y"),
        )
        for actie in acties
    ), 8)


_LID_TOON = {"afgemeld": " portaal-badge--let-op", "toegetreden_partner": " portaal-badge--info"}


@register.simple_tag
def leden_rijen(tafel, leden, mag_bewerken: bool) -> SafeString:
    """The rows of a table page's members table: organisation, status, representative, since when and why,
    with a link to change it for who may."""
    wijzigen = url_met_id("tafels:lidmaatschap", tafel.pk) if mag_bewerken else ""
    tekst_wijzigen = gettext("Wijzigen")
    rijen = []
    for lid in leden:
        actie = format_html(
            '<td class="utrecht-table__cell"><a class="utrecht-link" href="{}">{}'
            '<span class="portaal-visueel-verborgen"> ({})</span></a></td>',
            wijzigen.format(int(lid.pk)), tekst_wijzigen, lid.organisatie,
        ) if mag_bewerken else ""
        rijen.append(format_html(
            '<tr class="utrecht-table__row">'
            '\n          <th class="utrecht-table__header-cell" scope="row">{}</th>'
            '\n          <td class="utrecht-table__cell"><span class="portaal-badge{}">{}</span></td>'
            '\n          <td class="utrecht-table__cell">{}</td>'
            '\n          <td class="utrecht-table__cell portaal-geen-afbreking">{}</td>'
            '\n          <td class="utrecht-table__cell">{}</td>'
            '\n          {}'
            '\n        </tr>',
            lid.organisatie, _LID_TOON.get(lid.status, ""), keuzelabel(lid, "status"),
            lid.vertegenwoordiger or "—", als_date_filter(lid.datum, "j F Y") or "—",
            lid.besluit_referentie if lid.status == "toegetreden_partner" else (lid.reden or "—"),
            actie,
        ))
    return regels(rijen, 8)


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` for dictionaries built by the selectors."""
    return mapping.get(key)


@register.simple_tag
def vervanger_opties(vervangers, gekozen_id) -> str:
    """The options of the vervanger select (the chosen one selected): built in one go, as a page with many
    meetings shows the same people under each."""
    return format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((p.pk, " selected" if p.pk == gekozen_id else "", p.get_full_name() or p.username) for p in vervangers),
    )


@register.filter
def nog_tijd(moment) -> str:
    """Time left until `moment` in one unit, as people say it: "11 dagen", "5 uur", "20 minuten"
    (never "1 week, 4 dagen")."""
    from django.utils import timezone
    from django.utils.translation import ngettext, npgettext

    seconden = max(0, int((moment - timezone.now()).total_seconds()))
    if seconden >= 86400:
        n = seconden // 86400
        return ngettext("%(n)s dag", "%(n)s dagen", n) % {"n": n}
    if seconden >= 3600:
        n = seconden // 3600
        return npgettext("resterende tijd", "%(n)s uur", "%(n)s uur", n) % {"n": n}
    n = max(1, seconden // 60)
    return ngettext("%(n)s minuut", "%(n)s minuten", n) % {"n": n}


def _fouten(fouten) -> SafeString:
    """A field's or the form's errors as ``{{ fouten|join:" " }}`` shows them."""
    return mark_safe(" ".join(conditional_escape(fout) for fout in fouten))


@register.simple_tag(takes_context=True)
def aanmelding_blok(context) -> SafeString:
    """A bestuurder's aan- or afmelding for one meeting, with its form (``tafels/_aanmelding.html``).

    Built in Python: a dashboard shows it for every upcoming meeting, and as a template it was most of that
    page's time. Every value is escaped as the template did.
    """
    return _aanmelding(context, context["vergadering"], context.get("aanmelding"), context["vervangers"])


def _aanmelding(context, vergadering, aanmelding, vervangers) -> SafeString:
    """The aanmelding block of ``vergadering``; the form, the request and the CSRF token come from the context."""
    form = context["aanmelding_form"]
    pk = vergadering.pk
    if aanmelding:
        if aanmelding.status == "aangemeld":
            stand = format_html("{}\n      ", gettext("U heeft gemeld dat u komt."))
        elif aanmelding.vervanger:
            stand = mark_safe(
                gettext("U heeft zich afgemeld; %(naam)s komt in uw plaats.")
                % {"naam": conditional_escape(aanmelding.vervanger.get_full_name())}
                + "\n      "
            )
        else:
            stand = conditional_escape(gettext("U heeft zich afgemeld."))
        opgeslagen = format_html("<strong>{}</strong>", gettext("Opgeslagen.")) if context.get("opgeslagen") else ""
        melding = format_html("\n      {}\n      {}\n    ", stand, opgeslagen)
    else:
        melding = format_html("\n      {}\n    ", gettext("U heeft nog niet gemeld of u komt."))
    csrf_token = context.get("csrf_token")
    csrf = (
        format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
        if csrf_token and csrf_token != "NOTPROVIDED" else ""
    )
    status, vervanger = form["status"], form["vervanger"]
    gekozen = aanmelding.status if aanmelding else None
    radios = format_html_join(
        "", '\n        <div class="utrecht-form-field utrecht-form-field--radio">\n          <input class="utrecht-radio-button" '
        'type="radio" name="{}" value="{}" id="{}-{}"{}>\n          <label class="utrecht-form-label '
        'utrecht-form-label--radio" for="{}-{}">{}</label>\n        </div>\n      ',
        (
            (
                radio.data["name"], radio.data["value"], radio.id_for_label, pk,
                " checked" if gekozen == radio.data["value"] or radio.data["selected"] else "",
                radio.id_for_label, pk, radio.choice_label,
            )
            for radio in status
        ),
    )
    non_field = form.non_field_errors()
    aanmelden_url = url_met_id("tafels:aanmelden").format(int(pk))
    return format_html(
        '\n<section class="portaal-aanmelding" id="aanmelding-{pk}" aria-labelledby="kop-aanmelding-{pk}">\n'
        '  <h3 class="utrecht-heading-4" id="kop-aanmelding-{pk}">{kop}</h3>\n'
        '  <p class="utrecht-paragraph" role="status">\n    {melding}\n  </p>\n'
        '  <form method="post" action="{url}" novalidate\n'
        '        hx-post="{url}" hx-target="#aanmelding-{pk}" hx-swap="outerHTML"\n'
        '        hx-disabled-elt="find button">\n'
        '    {csrf}\n'
        '    <input type="hidden" name="volgende" value="{volgende}">\n'
        '    \n'
        '    {non_field}\n'
        '    <fieldset class="utrecht-form-fieldset portaal-aanmelding__keuze{status_ongeldig}"{status_beschreven}>\n'
        '      <legend class="utrecht-form-fieldset__legend">{status_label}</legend>\n'
        '      {status_fouten}\n'
        '      {radios}\n'
        '    </fieldset>\n'
        '    <div class="utrecht-form-field{vervanger_ongeldig}">\n'
        '      <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="vervanger-{pk}">'
        '{vervanger_label}</label></div>\n'
        '      <div class="utrecht-form-field-description" id="vervanger-{pk}-uitleg">{vervanger_uitleg}</div>\n'
        '      {vervanger_fouten}\n'
        '      <div class="utrecht-form-field__input">\n'
        '        <select class="utrecht-select utrecht-select--html-select" name="vervanger" id="vervanger-{pk}" '
        'aria-describedby="vervanger-{pk}-uitleg{vervanger_fout_id}">\n'
        '          <option value="">{geen}</option>\n'
        '          {opties}\n'
        '        </select>\n'
        '      </div>\n'
        '    </div>\n'
        '    \n'
        '    <button class="utrecht-button utrecht-button--secondary-action" type="submit">{opslaan}</button>\n'
        '  </form>\n'
        '</section>\n',
        pk=pk,
        kop=gettext("Uw aanwezigheid"),
        melding=melding,
        url=aanmelden_url,
        csrf=csrf,
        volgende=context["request"].get_full_path(),
        non_field=format_html('<p class="utrecht-form-field-error-message">{}</p>', _fouten(non_field)) if non_field else "",
        status_ongeldig=" utrecht-form-fieldset--invalid" if status.errors else "",
        status_beschreven=format_html(' aria-describedby="{}-fout"', status.auto_id) if status.errors else "",
        status_label=status.label,
        status_fouten=format_html(
            '<p class="utrecht-form-field-error-message" id="{}-fout">{}</p>', status.auto_id, _fouten(status.errors)
        ) if status.errors else "",
        radios=radios,
        vervanger_ongeldig=" utrecht-form-field--invalid" if vervanger.errors else "",
        vervanger_label=vervanger.label,
        vervanger_uitleg=vervanger.help_text,
        vervanger_fouten=format_html(
            '<p class="utrecht-form-field-error-message" id="vervanger-{}-fout">{}</p>', pk, _fouten(vervanger.errors)
        ) if vervanger.errors else "",
        vervanger_fout_id=format_html(" vervanger-{}-fout", pk) if vervanger.errors else "",
        geen=gettext("— geen vervanger —"),
        opties=vervanger_opties(vervangers, aanmelding.vervanger_id if aanmelding else None),
        opslaan=gettext("Opslaan"),
    )


@register.simple_tag(takes_context=True)
def vergaderkaart(context, regel, vervangers) -> SafeString:
    """One meeting on a bestuurder's dashboard (``selectors.MijnVergadering``): when and where, status, the
    deadline for papers, the agenda pack, their notes, the items to decide and their aanmelding.

    Built in Python, as the dashboard shows ten of them; every value is escaped as the template did.
    """
    vergadering, pakket = regel.vergadering, regel.pakket
    url = url_met_id("tafels:vergadering").format(int(vergadering.pk))
    if not pakket:
        pakket_html = conditional_escape(gettext("nog niet verzonden"))
    else:
        if regel.pakket_gewijzigd:
            badge = format_html(
                ' <span class="portaal-badge portaal-badge--let-op">{}</span>\n      ',
                mark_safe(gettext("gewijzigd sinds u versie %(versie)s opende")
                          % {"versie": conditional_escape(regel.geopende_versie)}),
            )
        elif regel.geopende_versie is None:
            badge = format_html(' <span class="portaal-badge portaal-badge--info">{}</span>', gettext("nog niet geopend"))
        else:
            badge = ""
        pakket_html = format_html(
            '\n      <a class="utrecht-link" href="{}">{}</a>\n      {}\n    ',
            url_met_id("documenten:download").format(int(pakket.opdracht_id)),
            mark_safe(gettext("Versie %(versie)s, verzonden %(datum)s") % {
                "versie": conditional_escape(pakket.nummer),
                "datum": conditional_escape(als_date_filter(pakket.verzonden_op, "j F Y")),
            }),
            badge,
        )
    notities = format_html(
        '<dt>{}</dt><dd><a class="utrecht-link" href="{}#agenda">{}</a></dd>',
        gettext("Uw notities"), url,
        mark_safe(ngettext("%(aantal)s privénotitie bij de agenda", "%(aantal)s privénotities bij de agenda",
                           regel.notities) % {"aantal": conditional_escape(regel.notities)}),
    ) if regel.notities else ""
    besluitpunten = format_html(
        '\n    <h3 class="utrecht-heading-4">{}</h3>\n    <ul class="utrecht-unordered-list">\n      {}\n    </ul>\n  ',
        gettext("Ter besluitvorming"),
        format_html_join("", '<li class="utrecht-unordered-list__item">{}</li>', ((p.titel,) for p in regel.besluitpunten)),
    ) if regel.besluitpunten else ""
    return format_html(
        '\n<article class="portaal-sectie portaal-vergaderkaart" aria-labelledby="kop-vergadering-{pk}">\n'
        '  <h2 class="utrecht-heading-2" id="kop-vergadering-{pk}"><a class="utrecht-link" href="{url}">{tafel}</a></h2>\n'
        '  <dl class="portaal-gegevens">\n'
        '    <dt>{wanneer}</dt><dd>{begint}{plaats}</dd>\n'
        '    <dt>{status}</dt><dd>{status_label}</dd>\n'
        '    <dt>{uiterlijk}</dt><dd>{deadline}{verstreken}</dd>\n'
        '    <dt>{agendapakket}</dt>\n'
        '    <dd>{pakket}</dd>\n'
        '    {notities}\n'
        '  </dl>\n'
        '  {besluitpunten}\n'
        '  {aanmelding}\n'
        '</article>\n',
        pk=vergadering.pk, url=url, tafel=vergadering.tafel.naam,
        wanneer=gettext("Wanneer"), begint=als_date_filter(vergadering.begint_om, "l j F Y, H:i"),
        plaats=format_html(", {}", vergadering.plaats) if vergadering.plaats else "",
        status=gettext("Status"), status_label=vergadering.get_status_display(),
        uiterlijk=gettext("Stukken uiterlijk"), deadline=als_date_filter(vergadering.deadline_stukken, "l j F Y, H:i"),
        verstreken=format_html(' <span class="portaal-badge portaal-badge--let-op">{}</span>', gettext("verstreken"))
        if vergadering.deadline_verstreken else "",
        agendapakket=gettext("Agendapakket"), pakket=pakket_html, notities=notities, besluitpunten=besluitpunten,
        aanmelding=_aanmelding(context, vergadering, regel.aanmelding, vervangers) if regel.mag_aanmelden else "",
    )


def _vertaald(tekst: str, **waarden) -> SafeString:
    """A translated text with placeholders as ``{% blocktranslate with … %}`` writes it: the values escaped."""
    return mark_safe(tekst % {naam: conditional_escape(waarde) for naam, waarde in waarden.items()})


@register.simple_tag
def agendapunt_kop(punt) -> SafeString:
    """An agenda item's heading, minutes, kind and step badges, the coalition warning and its explanation."""
    toets = format_html(
        '<span class="portaal-badge portaal-badge--goed">{}</span>',
        gettext("Toegelaten: past bij de tafel, er is capaciteit en het is urgent"),
    ) if punt.urgentietoets else ""
    coalitie = format_html(
        '\n        <div class="utrecht-alert utrecht-alert--warning"><div class="utrecht-alert__content">'
        '<p class="utrecht-alert__message utrecht-paragraph">{} <a class="utrecht-link" href="{}">{}</a></p></div></div>\n      ',
        _vertaald(gettext("Dit punt gaat over één project (%(coalitie)s). Projecten worden besproken in hun coalitie, "
                          "niet aan de tafel."), coalitie=punt.coalitie),
        reverse("coalities:detail", args=[punt.coalitie_id]),
        _vertaald(gettext("Naar de coalitie %(coalitie)s"), coalitie=punt.coalitie),
    ) if punt.coalitie else ""
    return format_html(
        '<div class="tafels-punt__kop">\n'
        '        <h3 class="utrecht-heading-3">{}. {}</h3>\n'
        '        <span>{}</span>\n'
        '      </div>\n'
        '      <div class="tafels-punt__meta">\n'
        '        <span class="portaal-badge">{}</span>\n'
        '        <span class="portaal-badge">{}</span>\n'
        '        {}\n'
        '      </div>\n'
        '      {}\n'
        '      {}',
        punt.volgorde, punt.titel,
        _vertaald(ngettext("%(minuten)s minuut", "%(minuten)s minuten", punt.minuten), minuten=punt.minuten),
        keuzelabel(punt, "soort"), keuzelabel(punt, "processtap"), toets, coalitie,
        format_html('<p class="utrecht-paragraph">{}</p>', linebreaksbr(punt.toelichting, autoescape=True))
        if punt.toelichting else "",
    )


@register.simple_tag
def stuk_items(stukken) -> SafeString:
    """The documents of an agenda item (``selectors.StukRegel``) as list items: the current version (a link),
    when it came in and whether in time, and the earlier versions."""
    download = url_met_id("tafels:stuk_download")
    te_laat = format_html('<span class="portaal-badge portaal-badge--fout">{}</span>', gettext("te laat"))
    op_tijd = format_html('<span class="portaal-badge portaal-badge--goed">{}</span>', gettext("op tijd"))
    items = []
    for s in stukken:
        eerdere = format_html(
            '\n                <details><summary>{}</summary><ul class="tafels-stukken">\n                  {}\n'
            '                </ul></details>\n              ',
            gettext("Eerdere versies"),
            format_html_join("", '<li><a class="utrecht-link" href="{}">{}</a></li>', (
                (download.format(int(v.pk)), _vertaald(
                    gettext("Versie %(versie)s (%(moment)s)"), versie=v.versie,
                    moment=als_date_filter(v.geupload_op, "j F Y, H:i"),
                ))
                for v in s.eerdere
            )),
        ) if s.eerdere else ""
        items.append(format_html(
            '<li>\n'
            '              <a class="utrecht-link" href="{}">{}</a>\n'
            '              <span class="portaal-soort">({})</span>\n'
            '              {}\n'
            '              {}\n'
            '            </li>',
            download.format(int(s.huidige.pk)), s.stuk.titel,
            _vertaald(gettext("versie %(versie)s, %(moment)s"), versie=s.huidige.versie,
                      moment=als_date_filter(s.huidige.geupload_op, "j F Y, H:i")),
            te_laat if s.te_laat else op_tijd, eerdere,
        ))
    return regels(items, 12)


@register.simple_tag
def aanwezigheid_rijen(pagina, mag_bewerken: bool, statussen) -> SafeString:
    """The rows of a meeting's attendance table: each member, its representative, who said they come or not,
    and the recorded attendance (a select for who may record it)."""
    komt, afgemeld, geen = gettext("komt"), gettext("afgemeld"), gettext("— nog niet vastgelegd —")
    rijen = []
    for lid in pagina.leden:
        a = pagina.aanwezigheid.get(lid.organisatie_id)
        verwacht = pagina.verwacht.get(lid.organisatie_id)
        meldingen = pagina.aanmeldingen.get(lid.organisatie_id)
        if meldingen:
            laatste = len(meldingen) - 1
            gemeld = mark_safe("".join(
                format_html(
                    "\n                {}: {}{}\n              ",
                    m.gebruiker.get_full_name(),
                    komt if m.status == "aangemeld" else (
                        _vertaald(gettext("afgemeld, vervanger %(naam)s"), naam=m.vervanger.get_full_name())
                        if m.vervanger else afgemeld
                    ),
                    mark_safe("<br>") if i < laatste else "",
                )
                for i, m in enumerate(meldingen)
            ))
        else:
            gemeld = "—"
        vastgelegd = keuzelabel(a, "status") or "—"
        if mag_bewerken:
            opties = format_html_join("", '<option value="{}"{}>{}</option>', (
                (waarde, " selected" if (a and a.status == waarde) or (not a and verwacht == waarde) else "", label)
                for waarde, label in statussen
            ))
            aanwezigheid = format_html(
                '\n                <label class="portaal-visueel-verborgen" for="aanwezigheid-{id}">{label}</label>\n'
                '                <select class="utrecht-select utrecht-select--html-select" name="aanwezigheid-{id}" '
                'id="aanwezigheid-{id}">\n'
                '                  <option value="">{geen}</option>\n'
                '                  {opties}\n'
                '                </select>\n'
                '                <span class="portaal-alleen-print">{vastgelegd}</span>\n'
                '              ',
                id=lid.organisatie_id, label=_vertaald(gettext("Aanwezigheid %(org)s"), org=lid.organisatie),
                geen=geen, opties=opties, vastgelegd=vastgelegd,
            )
        else:
            aanwezigheid = conditional_escape(vastgelegd)
        rijen.append(format_html(
            '<tr class="utrecht-table__row">\n'
            '            <th class="utrecht-table__header-cell" scope="row">{}</th>\n'
            '            <td class="utrecht-table__cell">{}</td>\n'
            '            <td class="utrecht-table__cell">\n'
            '              {}\n'
            '            </td>\n'
            '            <td class="utrecht-table__cell">\n'
            '              {}\n'
            '            </td>\n'
            '          </tr>',
            lid.organisatie, lid.vertegenwoordiger or "—", gemeld, aanwezigheid,
        ))
    return regels(rijen, 10)
