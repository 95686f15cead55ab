from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


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
    vergadering, aanmelding, form = context["vergadering"], context.get("aanmelding"), context["aanmelding_form"]
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
    aanmelden_url = reverse("tafels:aanmelden", args=[pk])
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
        opties=vervanger_opties(context["vervangers"], aanmelding.vervanger_id if aanmelding else None),
        opslaan=gettext("Opslaan"),
    )
