from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .invoer import DatumInput  # noqa: F401  (the one date widget, re-exported for the app forms)


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
