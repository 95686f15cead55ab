"""Pages of the work conferences: the list, and one page per conference with programme, café and wall."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drechtsteden.forms import fouten_naar_form, opslaan_met
from drechtsteden.permissions import vereis

from . import permissions, selectors, services
from .forms import (
    AanwezigheidForm,
    CafetafelForm,
    ConferentieForm,
    MuurberichtForm,
    OogstForm,
    PitchForm,
    ProgrammaonderdeelForm,
    UitnodigenForm,
    VerslagForm,
)
from .models import Cafetafel, Deelnemer, Werkconferentie


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "conferenties/index.html", {
        "conferenties": Werkconferentie.objects.all(),
        "mag_organiseren": permissions.mag_conferentie_organiseren(request.user),
    })


@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    """Plans a new meeting; afterwards its page takes the programme, pitches, tables and invitations."""
    vereis(permissions.mag_conferentie_organiseren(request.user))
    form = ConferentieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conferentie = services.conferentie_create(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De bijeenkomst is gepland. Vul nu het programma aan en nodig de deelnemers uit."))
            return redirect("conferenties:detail", pk=conferentie.pk)
    return render(request, "conferenties/nieuw.html", {"form": form, "paginatitel": _("Bijeenkomst plannen")})


@dataclass(frozen=True)
class Planactie:
    """One planning action of an organiser: its form (bound or not), the service, the message, the anchor."""

    formulier: Callable[[dict | None, Werkconferentie, list[Deelnemer]], forms.Form]
    service: Callable[..., object]
    gelukt: str
    anker: str


PLANACTIES: dict[str, Planactie] = {
    "programma": Planactie(lambda data, c, d: ProgrammaonderdeelForm(data, prefix="programma"),
                           services.programmaonderdeel_create, gettext_lazy("Het onderdeel staat in het programma."),
                           "#kop-programma"),
    "pitch": Planactie(lambda data, c, d: PitchForm(data, prefix="pitch"), services.pitch_create,
                       gettext_lazy("De pitch is toegevoegd."), "#kop-pitches"),
    "cafetafel": Planactie(lambda data, c, d: CafetafelForm(data, prefix="cafetafel"), services.cafetafel_create,
                           gettext_lazy("De tafel is toegevoegd."), "#kop-cafe"),
    "uitnodigen": Planactie(lambda data, c, d: UitnodigenForm(data, prefix="uitnodigen"),
                            services.deelnemers_uitnodigen, gettext_lazy("De uitnodigingen zijn vastgelegd."),
                            "#indeling"),
    "aanwezigheid": Planactie(lambda data, c, d: AanwezigheidForm(data, deelnemers=d),
                              services.aanwezigheid_vastleggen, gettext_lazy("De aanwezigheid is vastgelegd."),
                              "#na-afloop"),
    "verslag": Planactie(lambda data, c, d: VerslagForm(data, initial={"verslag": c.verslag}),
                         services.verslag_vastleggen, gettext_lazy("Het verslag is opgeslagen."), "#na-afloop"),
}


def _detail(request: HttpRequest, pk: int, **gebonden: forms.Form) -> HttpResponse:
    """The meeting's page; ``gebonden`` holds a planning form just sent back with its messages."""
    try:
        pagina = selectors.conferentie_pagina(pk)
    except Werkconferentie.DoesNotExist:
        raise Http404 from None
    context = {
        "pagina": pagina,
        "conferentie": pagina.conferentie,
        "mag_organiseren": permissions.mag_conferentie_organiseren(request.user, pagina.conferentie),
        "mag_muur": permissions.mag_muurbericht_plaatsen(request.user, pagina.conferentie),
        "oogst_tafels": {t.pk for t in pagina.tafels if permissions.mag_oogst_vastleggen(request.user, t)},
        "muur_form": gebonden.pop("muur", None) or MuurberichtForm(),
        "oogst_form": OogstForm(),
        "open_formulier": next(iter(gebonden), None),
    }
    if context["mag_organiseren"]:
        for naam, actie in PLANACTIES.items():
            context[f"{naam}_form"] = gebonden.get(naam) or actie.formulier(None, pagina.conferentie, pagina.deelnemers)
    return render(request, "conferenties/detail.html", context)


@require_POST
def plannen(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """One planning action (its own URL per ``actie``): saved and back to its place on the page, or the page
    with that form's messages."""
    conferentie = get_object_or_404(Werkconferentie, pk=pk)
    vereis(permissions.mag_conferentie_organiseren(request.user, conferentie))
    plan = PLANACTIES[actie]
    deelnemers = list(conferentie.deelnemers.select_related("gebruiker__organisatie")) if actie == "aanwezigheid" else []
    form = plan.formulier(request.POST, conferentie, deelnemers)
    if opslaan_met(form, lambda data: plan.service(conferentie=conferentie, door=request.user, **data)):
        messages.success(request, str(plan.gelukt))
        return redirect(reverse("conferenties:detail", args=[pk]) + plan.anker)
    return _detail(request, pk, **{actie: form})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
def indeling(request: HttpRequest, pk: int) -> HttpResponse:
    conferentie = get_object_or_404(Werkconferentie, pk=pk)
    vereis(permissions.mag_conferentie_organiseren(request.user, conferentie))
    try:
        services.indeling_maken(conferentie=conferentie, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("De groepen zijn ingedeeld."))
    return redirect(reverse("conferenties:detail", args=[pk]) + "#indeling")


@require_POST
def muurbericht(request: HttpRequest, pk: int) -> HttpResponse:
    conferentie = get_object_or_404(Werkconferentie, pk=pk)
    vereis(permissions.mag_muurbericht_plaatsen(request.user, conferentie))
    form = MuurberichtForm(request.POST)
    if form.is_valid():
        services.muurbericht_plaatsen(conferentie=conferentie, door=request.user, **form.cleaned_data)
        messages.success(request, _("Uw bericht hangt op de muur."))
        return redirect(reverse("conferenties:detail", args=[pk]) + "#muur")
    return _detail(request, pk, muur=form)


@require_POST
def oogst(request: HttpRequest, pk: int) -> HttpResponse:
    tafel = get_object_or_404(Cafetafel.objects.select_related("conferentie"), pk=pk)
    vereis(permissions.mag_oogst_vastleggen(request.user, tafel))
    form = OogstForm(request.POST)
    if form.is_valid():
        try:
            services.oogst_vastleggen(tafel=tafel, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De oogst is vastgelegd."))
    else:
        messages.error(request, " ".join(str(e) for fouten in form.errors.values() for e in fouten))
    return redirect(reverse("conferenties:detail", args=[tafel.conferentie_id]) + f"#tafel-{tafel.pk}")
