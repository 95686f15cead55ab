"""Pages: the person's notifications, their choices per kind, the unread counter and the unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drechtsteden.forms import fouten_naar_form

from . import permissions, selectors, services
from .forms import VoorkeurenForm
from .models import Melding, Soort


def _get_melding_for_user(request: HttpRequest, pk: int) -> Melding:
    """Another person's notification does not exist for this user (404)."""
    melding = Melding.objects.filter(pk=pk).first()
    if melding is None or not permissions.mag_melding_lezen(request.user, melding):
        raise Http404
    return melding


def _terug(request: HttpRequest) -> HttpResponse:
    volgende = request.POST.get("volgende", "")
    if volgende and url_has_allowed_host_and_scheme(volgende, {request.get_host()}, require_https=request.is_secure()):
        return redirect(volgende)
    return redirect("meldingen:lijst")


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    pagina = selectors.meldingen_pagina(request.user, request.GET.get("pagina"))
    return render(request, "meldingen/lijst.html", {"pagina": pagina})


@require_POST
def gelezen(request: HttpRequest, pk: int) -> HttpResponse:
    services.melding_gelezen(melding=_get_melding_for_user(request, pk), door=request.user)
    return _terug(request)


@require_POST
def alles_gelezen(request: HttpRequest) -> HttpResponse:
    aantal = services.alles_gelezen(gebruiker=request.user, door=request.user)
    if aantal:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return _terug(request)


@require_GET
@never_cache
def aantal(request: HttpRequest) -> HttpResponse:
    """The unread counter in the header, loaded by htmx after the page so no page pays a query for it."""
    return render(request, "meldingen/_aantal.html", {"aantal": selectors.aantal_ongelezen(request.user)})


@require_http_methods(["GET", "POST"])
def voorkeuren(request: HttpRequest) -> HttpResponse:
    huidig = services.frequenties(request.user)
    if request.method == "POST":
        form = VoorkeurenForm(request.POST)
        if form.is_valid():
            try:
                services.voorkeuren_opslaan(gebruiker=request.user, keuzes=form.cleaned_data, door=request.user)
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(request, _("Uw meldingsvoorkeuren zijn opgeslagen."))
                return redirect("meldingen:voorkeuren")
    else:
        form = VoorkeurenForm(initial=huidig)
    return render(request, "meldingen/voorkeuren.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def afmelden(request: HttpRequest, token: str) -> HttpResponse:
    """The unsubscribe link of one kind: works without logging in; the signed token names person and kind.

    GET asks for confirmation (a mail scanner that follows links changes nothing); POST stops that kind.
    """
    gelezen = services.afmeldtoken_lezen(token)
    if gelezen is None:
        return render(request, "meldingen/afmelden.html", {"ongeldig": True}, status=400)
    gebruiker, soort = gelezen
    context = {"soort_label": Soort(soort).label, "token": token}
    if request.method == "POST":
        services.afmelden(token=token)
        context["afgemeld"] = True
    return render(request, "meldingen/afmelden.html", context)
