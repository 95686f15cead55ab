"""The one way forms look and report errors in the portal.

`FORM_RENDERER` renders every field with `templates/componenten/veld.html` (`{{ form.veld.as_field_group }}`):
label, description, errors with Django's own ids (`<id>_helptext`, `<id>_error`, which Django puts in the
input's `aria-describedby`) and the input. `UtrechtFormulier` gives each widget its NL Design System class,
also for fields a form adds after `__init__`. `templates/componenten/formfouten.html` shows what is wrong
with the form as a whole.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .invoer import DatumInput  # noqa: F401  (the one date widget, re-exported for the app forms)


class Weergave(TemplatesSetting):
    """Form templates come from the project's template settings, so the portal's field template is found.

    A select list is written here rather than through Django's templates, which include a template per
    option and another for its attributes: a filter with 70 options spent a third of its page there.
    The HTML is the same as the templates', an option's custom template (a widget's own) still counts.
    """

    field_template_name = "componenten/veld.html"
    SELECT = "django/forms/widgets/select.html"
    OPTIE = "django/forms/widgets/select_option.html"

    def render(self, template_name, context, request=None):
        if template_name == self.SELECT and all(
            optie["template_name"] == self.OPTIE for _n, opties, _i in context["widget"]["optgroups"] for optie in opties
        ):
            return keuzelijst(context["widget"])
        return super().render(template_name, context, request=request)


def _attributen(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves an attribute out, True writes its bare name."""
    return "".join(
        f" {conditional_escape(naam)}" if waarde is True else f' {conditional_escape(naam)}="{conditional_escape(waarde)}"'
        for naam, waarde in attrs.items() if waarde is not False
    )


def keuzelijst(widget: dict) -> SafeString:
    """The <select> of a Select or SelectMultiple widget's context, with its groups and options. Written with
    conditional_escape directly: format_html per option cost most of a long list's time."""
    delen = [f'<select name="{conditional_escape(widget["name"])}"{_attributen(widget["attrs"])}>']
    for groepnaam, opties, _index in widget["optgroups"]:
        if groepnaam:
            delen.append(f'\n  <optgroup label="{conditional_escape(groepnaam)}">')
        for optie in opties:
            attrs = _attributen(optie["attrs"]) if optie["attrs"] else ""
            delen.append(
                f'\n  <option value="{conditional_escape(optie["value"])}"{attrs}>{conditional_escape(optie["label"])}</option>'
            )
        if groepnaam:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return mark_safe("".join(delen))


def utrecht_klasse(widget: forms.Widget) -> None:
    """Gives the widget the NL Design System class of its kind (once; a class set by the form stays)."""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.HiddenInput):
        return
    if isinstance(widget, forms.SelectMultiple):
        css = "utrecht-select utrecht-select--html-select portaal-meervoud"
    elif isinstance(widget, forms.Select):
        css = "utrecht-select utrecht-select--html-select"
    elif isinstance(widget, forms.Textarea):
        css = "utrecht-textarea utrecht-textarea--html-textarea"
        widget.attrs["rows"] = min(int(widget.attrs.get("rows", 3)), 4)
    elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        css = "portaal-bestand"
    elif isinstance(widget, forms.CheckboxInput):
        css = "utrecht-checkbox utrecht-checkbox--html-input"
    else:
        css = "utrecht-textbox utrecht-textbox--html-input"
    widget.attrs.setdefault("class", css)


def lege_keuze(veld: forms.Field, *, filter: bool = False) -> None:
    """Replaces Django's English empty choice ("- Select an option -") of a select by a Dutch one.

    A required field says "— kies —", an optional one "— geen —", a filter "Alle". An empty choice the
    form names itself ("Alle thema's", "— geen vervanger —") stays as it is.
    """
    if filter:
        label = _("Alle")
    else:
        label = _("— kies —") if veld.required else _("— geen —")
    if isinstance(veld, forms.ModelChoiceField):
        if veld.empty_label is not None and str(veld.empty_label) == str(BLANK_CHOICE_LABEL):
            veld.empty_label = label
    elif isinstance(veld, forms.ChoiceField) and not isinstance(veld.widget, forms.SelectMultiple):
        keuzes = list(veld.choices)
        if keuzes and keuzes[0][0] in ("", None) and str(keuzes[0][1]) == str(BLANK_CHOICE_LABEL):
            veld.choices = [(keuzes[0][0], label), *keuzes[1:]]


class UtrechtFormulier:
    """Mixin for every form of the portal: widgets get their Utrecht class when a field is used.

    An optional field is labelled "(niet verplicht)", except in filter forms, where every field is optional.
    The server checks what is required: no browser ``required`` attribute, so an empty field is not shown
    as an error before the user has typed anything. A select's empty choice is Dutch (`lege_keuze`).
    """

    markeer_niet_verplicht = True
    is_filter = False
    use_required_attribute = False

    def __getitem__(self, name: str) -> forms.BoundField:
        veld = super().__getitem__(name)
        utrecht_klasse(veld.field.widget)
        lege_keuze(veld.field, filter=self.is_filter)
        return veld


class FilterFormulier(UtrechtFormulier, forms.Form):
    """The form of a django-filter FilterSet (``Meta.form``), in the portal's look."""

    markeer_niet_verplicht = False
    is_filter = True


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. Controleer beide en probeer het opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": "utrecht-textbox", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"class": "utrecht-textbox", "autocomplete": "current-password"})


def fouten_naar_form(form: forms.BaseForm, fout: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field where the form has one, else on top."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


def opslaan_met(form: forms.BaseForm, opslaan: Callable[[dict[str, Any]], object]) -> bool:
    """Validates ``form`` and hands its data to ``opslaan`` (a service call): True when saved.

    A ValidationError from the service lands on the form (``fouten_naar_form``), so the view shows the
    form again with the message and nothing saved.
    """
    if not form.is_valid():
        return False
    try:
        opslaan(form.cleaned_data)
    except ValidationError as fout:
        fouten_naar_form(form, fout)
        return False
    return True
