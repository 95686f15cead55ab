"""Pages of the work conferences: the list, and one page per conference with programme, café and wall."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from drechtsteden.permissions import vereis

from . import permissions, selectors, services
from .forms import MuurberichtForm, OogstForm
from .models import Cafetafel, Werkconferentie


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "conferenties/index.html", {"conferenties": Werkconferentie.objects.all()})


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
    } | extra
    return render(request, "conferenties/detail.html", context)


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
