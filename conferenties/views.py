"""Pages of the work conferences: the list, and one page per conference with programme, café and wall."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drechtsteden.forms import fouten_naar_form
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
from .models import Cafetafel, Werkconferentie


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


def _detail(request: HttpRequest, pk: int, **extra) -> HttpResponse:
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
        "muur_form": MuurberichtForm(),
        "oogst_form": OogstForm(),
    }
    if context["mag_organiseren"]:
        context |= {
            "programma_form": ProgrammaonderdeelForm(prefix="programma"),
            "pitch_form": PitchForm(prefix="pitch"),
            "cafetafel_form": CafetafelForm(prefix="cafetafel"),
            "uitnodigen_form": UitnodigenForm(prefix="uitnodigen"),
            "aanwezigheid_form": AanwezigheidForm(deelnemers=pagina.deelnemers),
            "verslag_form": VerslagForm(initial={"verslag": pagina.conferentie.verslag}),
        }
    return render(request, "conferenties/detail.html", context | extra)


def _plannen(request: HttpRequest, pk: int, naam: str, form: object, vastleggen, gelukt: str, anker: str) -> HttpResponse:
    """One planning action of an organiser: validate, let the service write, or show the form with its errors."""
    conferentie = get_object_or_404(Werkconferentie, pk=pk)
    vereis(permissions.mag_conferentie_organiseren(request.user, conferentie))
    if form.is_valid():
        try:
            vastleggen(conferentie=conferentie, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, gelukt)
            return redirect(reverse("conferenties:detail", args=[pk]) + anker)
    return _detail(request, pk, **{f"{naam}_form": form, "open_formulier": naam})


@require_POST
def programma_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    return _plannen(request, pk, "programma", ProgrammaonderdeelForm(request.POST, prefix="programma"),
                    services.programmaonderdeel_create, _("Het onderdeel staat in het programma."), "#kop-programma")


@require_POST
def pitch_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    return _plannen(request, pk, "pitch", PitchForm(request.POST, prefix="pitch"),
                    services.pitch_create, _("De pitch is toegevoegd."), "#kop-pitches")


@require_POST
def cafetafel_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    return _plannen(request, pk, "cafetafel", CafetafelForm(request.POST, prefix="cafetafel"),
                    services.cafetafel_create, _("De tafel is toegevoegd."), "#kop-cafe")


@require_POST
def uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    return _plannen(request, pk, "uitnodigen", UitnodigenForm(request.POST, prefix="uitnodigen"),
                    services.deelnemers_uitnodigen, _("De uitnodigingen zijn vastgelegd."), "#indeling")


@require_POST
def aanwezigheid(request: HttpRequest, pk: int) -> HttpResponse:
    deelnemers = list(get_object_or_404(Werkconferentie, pk=pk).deelnemers.select_related("gebruiker__organisatie"))
    return _plannen(request, pk, "aanwezigheid", AanwezigheidForm(request.POST, deelnemers=deelnemers),
                    services.aanwezigheid_vastleggen, _("De aanwezigheid is vastgelegd."), "#na-afloop")


@require_POST
def verslag(request: HttpRequest, pk: int) -> HttpResponse:
    return _plannen(request, pk, "verslag", VerslagForm(request.POST),
                    services.verslag_vastleggen, _("Het verslag is opgeslagen."), "#na-afloop")


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
    return _detail(request, pk, muur_form=form)


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
