"""A select's empty choice is Dutch: never Django's "- Select an option -" (or "---------") in the Dutch UI."""

import pytest
from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.urls import reverse
from django.utils import translation

from coalities.forms import ToezeggingForm, VoortgangForm
from drechtsteden.forms import FilterFormulier, UtrechtFormulier
from drechtsteden.models import Organisatie, Rol
from tests.coalities.factories import CoalitieFactory, tafel_met_gemeenten
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = pytest.mark.django_db
ENGELS = ("Select an option", "---------")


class _Formulier(UtrechtFormulier, forms.Form):
    verplicht = forms.ModelChoiceField(queryset=Organisatie.objects.all())
    vrij = forms.ModelChoiceField(queryset=Organisatie.objects.all(), required=False)
    eigen = forms.ModelChoiceField(queryset=Organisatie.objects.all(), empty_label="— geen vervanger —")
    keuze = forms.ChoiceField(choices=[("", BLANK_CHOICE_LABEL), ("a", "A")])


class _Filter(FilterFormulier):
    organisatie = forms.ModelChoiceField(queryset=Organisatie.objects.all(), required=False)


def test_required_select_says_kies_and_optional_says_geen():
    """A required select starts at "— kies —", an optional one at "— geen —"; a label the form chose stays."""
    html = str(_Formulier())
    assert not any(tekst in html for tekst in ENGELS)
    assert html.count('<option value="" selected>— kies —</option>') == 2  # verplicht and keuze
    assert '<option value="" selected>— geen —</option>' in html
    assert '<option value="" selected>— geen vervanger —</option>' in html


def test_filter_select_says_alle():
    """In a filter the empty choice means no filter: "Alle"."""
    html = str(_Filter())
    assert '<option value="" selected>Alle</option>' in html and "Select an option" not in html


def test_english_ui_gets_the_english_words():
    """With English chosen the same selects read "— choose —" and "— none —"."""
    with translation.override("en"):
        html = str(_Formulier())
    assert "— choose —" in html and "— none —" in html and "Select an option" not in html


def test_model_forms_choices_from_the_model_are_dutch():
    """Choices that come from a model field (a commitment's kind, a progress status) start in Dutch too."""
    html = str(ToezeggingForm()) + str(VoortgangForm())
    assert not any(tekst in html for tekst in ENGELS)
    assert "— kies —" in html


def test_new_coalition_page_has_no_english_placeholder(client):
    """The page where a coalition is started (theme, table, lead, project leader) has Dutch empty choices only."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    tafel = tafel_met_gemeenten(gemeenten.values(), naam="Tafel Bereikbaarheid")
    CoalitieFactory(naam="Regionale fietsroutes", tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"])
    client.force_login(GebruikerFactory(organisatie=gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]))
    html = client.get(reverse("coalities:nieuw")).content.decode()
    assert not any(tekst in html for tekst in ENGELS)
    assert "— kies —" in html
