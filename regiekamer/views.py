"""Screens of the regiekamer: the dashboard, the rooms, escalations and reflection rounds."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from coalities.models import Coalitie
from drechtsteden.forms import fouten_naar_form, opslaan_met
from drechtsteden.models import Organisatie
from tafels.models import BestuurlijkeTafel

from . import grafieken, permissions, rules, selectors, services
from .forms import EscalatieForm, OpschalenForm, ReflectieForm, RondeForm, SluitenForm, VoorzitterForm
from .models import SCORES, Escalatie, Reflectieantwoord, Reflectieronde, Regiekamer
from .monitor import DIMENSIES, bewaarde_monitor


def _periode(request: HttpRequest) -> rules.Periode:
    tekst = request.GET.get("periode", "")
    if tekst:
        try:
            return rules.periode_parse(tekst)
        except ValueError:
            messages.error(request, _("Onbekende periode; het dashboard toont de huidige periode."))
    return rules.periode_voor(timezone.localdate())


# --- Dashboard -------------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    """The dashboard for the gemeentesecretarissen: the network, or the user's own gemeente."""
    periode = _periode(request)
    eigen = request.user.organisatie if request.user.organisatie_id else None
    mijn = request.GET.get("weergave") == "mijn" and eigen is not None and eigen.is_drechtstedengemeente
    m = bewaarde_monitor(periode=periode, organisatie=eigen if mijn else None)
    context = {
        "m": m,
        "grafieken": grafieken.van_monitor(m),
        "mijn": mijn,
        "eigen": eigen if eigen is not None and eigen.is_drechtstedengemeente else None,
        "kamers": list(selectors.kamers()),
        "periodes": [p.code for p in [*periode.vorige(3), periode]],
        "mag_indienen": permissions.mag_escalatie_indienen(request.user),
        "weken": selectors.signaleringstermijn_weken(),
    }
    template = "regiekamer/index.html#monitor" if request.htmx else "regiekamer/index.html"
    return render(request, template, context)


# --- Rooms -----------------------------------------------------------------------------------------


@require_GET
def kamer(request: HttpRequest, pk: int) -> HttpResponse:
    kamer_ = get_object_or_404(Regiekamer.objects.select_related("orgaan"), pk=pk)
    return render(request, "regiekamer/kamer.html", {
        "pagina": selectors.kamer_pagina(kamer_),
        "mag_beheren": permissions.mag_regiekamer_beheren(request.user, kamer_),
        "voorzitter_form": VoorzitterForm(initial={"jaar": timezone.localdate().year + 1}),
    })


@require_POST
def voorzitter(request: HttpRequest, pk: int) -> HttpResponse:
    kamer_ = get_object_or_404(Regiekamer, pk=pk)
    if not permissions.mag_regiekamer_beheren(request.user, kamer_):
        raise PermissionDenied
    form = VoorzitterForm(request.POST)
    if form.is_valid():
        try:
            services.voorzitterschap_create(regiekamer=kamer_, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het voorzitterschap is vastgelegd."))
            return redirect("regiekamer:kamer", pk=kamer_.pk)
    return render(request, "regiekamer/kamer.html", {
        "pagina": selectors.kamer_pagina(kamer_), "mag_beheren": True, "voorzitter_form": form,
    }, status=200)


# --- Escalations -----------------------------------------------------------------------------------


@require_GET
def escalaties(request: HttpRequest) -> HttpResponse:
    alleen_open = request.GET.get("status") != "alle"
    lijst = selectors.markeer(list(selectors.escalaties(alleen_open=alleen_open)))
    return render(request, "regiekamer/escalaties.html", {
        "escalaties": lijst, "alleen_open": alleen_open, "weken": selectors.signaleringstermijn_weken(),
        "mag_indienen": permissions.mag_escalatie_indienen(request.user),
    })


def _bron(request: HttpRequest) -> dict:
    """The table, coalition or gemeente a knelpunt is raised from, from the query string; 404 when unknown."""
    bron = {}
    for sleutel, model in (("tafel", BestuurlijkeTafel), ("coalitie", Coalitie), ("organisatie", Organisatie)):
        waarde = request.GET.get(sleutel) or request.POST.get(f"bron_{sleutel}")
        if waarde:
            if not str(waarde).isdigit():
                raise Http404
            bron[sleutel] = get_object_or_404(model, pk=int(waarde))
    return bron


@require_http_methods(["GET", "POST"])
def escalatie_nieuw(request: HttpRequest) -> HttpResponse:
    if not permissions.mag_escalatie_indienen(request.user):
        raise PermissionDenied
    bron = _bron(request)
    initial = {"titel": request.GET.get("titel", "")[:200], "organisatie": bron.get("organisatie")}
    form = EscalatieForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            escalatie = services.escalatie_indienen(
                titel=data["titel"], omschrijving=data["omschrijving"], gevraagd=data["gevraagd"], sinds=data["sinds"],
                organisatie=data["organisatie"], tafel=bron.get("tafel"), coalitie=bron.get("coalitie"), door=request.user,
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het knelpunt is ingediend als signalering."))
            return redirect("regiekamer:escalatie", pk=escalatie.pk)
    return render(request, "regiekamer/escalatie_nieuw.html", {"form": form, "bron": bron})


def _escalatie_context(request: HttpRequest, escalatie: Escalatie, **extra) -> dict:
    selectors.markeer([escalatie])
    mag = permissions.mag_escalatie_behandelen(request.user, escalatie)
    volgende = escalatie.volgend_niveau
    vandaag = timezone.localdate()
    context = {
        "escalatie": escalatie,
        "mag_behandelen": mag,
        "volgende_label": Escalatie.Niveau(volgende).label if volgende else "",
        "ladder": [(code, label, code == escalatie.niveau) for code, label in Escalatie.Niveau.choices],
        "weken": selectors.signaleringstermijn_weken(),
        "opschalen_form": OpschalenForm(initial={
            "naar": volgende, "datum": vandaag, "volgende_bespreking": vandaag + datetime.timedelta(weeks=4),
            "versie": escalatie.versie, "eigenaar": request.user.pk,
        }) if mag and volgende else None,
        "sluiten_form": SluitenForm(initial={"datum": vandaag, "versie": escalatie.versie}) if mag and escalatie.is_open else None,
    }
    context.update(extra)
    return context


def _get_escalatie(pk: int) -> Escalatie:
    return get_object_or_404(selectors.escalaties(), pk=pk)


@require_GET
def escalatie(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "regiekamer/escalatie.html", _escalatie_context(request, _get_escalatie(pk)))


@require_POST
def escalatie_opschalen(request: HttpRequest, pk: int) -> HttpResponse:
    escalatie_ = _get_escalatie(pk)
    if not permissions.mag_escalatie_behandelen(request.user, escalatie_):
        raise PermissionDenied
    form = OpschalenForm(request.POST)
    if opslaan_met(form, lambda data: services.escalatie_opschalen(escalatie=escalatie_, door=request.user, **data)):
        messages.success(request, _("De escalatie ligt nu bij: %(niveau)s.") % {"niveau": escalatie_.get_niveau_display()})
        return redirect("regiekamer:escalatie", pk=escalatie_.pk)
    escalatie_ = _get_escalatie(pk)
    return render(request, "regiekamer/escalatie.html", _escalatie_context(request, escalatie_, opschalen_form=form))


@require_POST
def escalatie_sluiten(request: HttpRequest, pk: int) -> HttpResponse:
    escalatie_ = _get_escalatie(pk)
    if not permissions.mag_escalatie_behandelen(request.user, escalatie_):
        raise PermissionDenied
    form = SluitenForm(request.POST)
    if opslaan_met(form, lambda data: services.escalatie_sluiten(escalatie=escalatie_, door=request.user, **data)):
        messages.success(request, _("De escalatie is gesloten."))
        return redirect("regiekamer:escalatie", pk=escalatie_.pk)
    escalatie_ = _get_escalatie(pk)
    return render(request, "regiekamer/escalatie.html", _escalatie_context(request, escalatie_, sluiten_form=form))


# --- Reflection rounds ----------------------------------------------------------------------------


@require_GET
def rondes(request: HttpRequest) -> HttpResponse:
    return render(request, "regiekamer/rondes.html", {
        "rondes": list(Reflectieronde.objects.select_related("geopend_door")),
        "mag_beheren": permissions.mag_ronde_beheren(request.user),
        "form": RondeForm(initial={"periode": rules.periode_voor(timezone.localdate()).code}),
    })


@require_POST
def ronde_openen(request: HttpRequest) -> HttpResponse:
    if not permissions.mag_ronde_beheren(request.user):
        raise PermissionDenied
    form = RondeForm(request.POST)
    if form.is_valid():
        try:
            ronde_ = services.reflectieronde_openen(periode=form.cleaned_data["periode"], door=request.user)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De reflectieronde %(periode)s is geopend.") % {"periode": ronde_.periode})
            return redirect("regiekamer:ronde", pk=ronde_.pk)
    return render(request, "regiekamer/rondes.html", {
        "rondes": list(Reflectieronde.objects.select_related("geopend_door")), "mag_beheren": True, "form": form,
    })


@require_http_methods(["GET", "POST"])
def ronde(request: HttpRequest, pk: int) -> HttpResponse:
    """The round: the form for the user's own organisation while open, and the results per dimension."""
    ronde_ = get_object_or_404(Reflectieronde, pk=pk)
    organisatie = request.user.organisatie if request.user.organisatie_id else None
    mag_invullen = (
        ronde_.is_open and organisatie is not None and organisatie.is_drechtstedengemeente
        and permissions.mag_reflectie_invullen(request.user, organisatie.pk)
    )
    if request.method == "POST" and not mag_invullen:
        raise PermissionDenied
    antwoord = Reflectieantwoord.objects.filter(ronde=ronde_, organisatie=organisatie).first() if organisatie else None
    initial = {veld: getattr(antwoord, veld) for veld in SCORES} | {
        "toelichting": antwoord.toelichting, "versie": antwoord.versie} if antwoord else {}
    form = ReflectieForm(request.POST or None, initial=initial) if mag_invullen else None
    if request.method == "POST" and form.is_valid():
        try:
            services.reflectie_invullen(ronde=ronde_, organisatie=organisatie, scores=form.scores,
                                        toelichting=form.cleaned_data["toelichting"], door=request.user,
                                        versie=form.cleaned_data.get("versie"))
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het antwoord van %(organisatie)s is opgeslagen; u kunt het wijzigen tot de ronde sluit.")
                             % {"organisatie": organisatie})
            return redirect("regiekamer:ronde", pk=ronde_.pk)
    antwoorden = list(ronde_.antwoorden.all())
    gemiddelden = [
        (label, _gemiddelde([getattr(a, veld) for a in antwoorden])) for veld, label in DIMENSIES
    ]
    return render(request, "regiekamer/ronde.html", {
        "ronde": ronde_, "form": form, "organisatie": organisatie, "antwoord": antwoord, "aantal": len(antwoorden),
        "gemiddelden": gemiddelden, "mag_beheren": permissions.mag_ronde_beheren(request.user, ronde_),
        "mag_per_gemeente": permissions.mag_resultaten_per_gemeente_zien(request.user, ronde_),
    })


def _gemiddelde(waarden: list[int]) -> str:
    if not waarden:
        return "—"
    return f"{sum(waarden) / len(waarden):.1f}".replace(".", ",")


@require_POST
def ronde_sluiten(request: HttpRequest, pk: int) -> HttpResponse:
    ronde_ = get_object_or_404(Reflectieronde, pk=pk)
    if not permissions.mag_ronde_beheren(request.user, ronde_):
        raise PermissionDenied
    try:
        services.reflectieronde_sluiten(ronde=ronde_, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("De reflectieronde is gesloten."))
    return redirect("regiekamer:ronde", pk=ronde_.pk)


@require_GET
def ronde_per_gemeente(request: HttpRequest, pk: int) -> HttpResponse:
    ronde_ = get_object_or_404(Reflectieronde, pk=pk)
    if not permissions.mag_resultaten_per_gemeente_zien(request.user, ronde_):
        raise PermissionDenied
    antwoorden = list(ronde_.antwoorden.select_related("organisatie").order_by("organisatie__naam"))
    gemeenten = list(Organisatie.objects.drechtstedengemeenten().order_by("naam"))
    per_org = {a.organisatie_id: a for a in antwoorden}
    rijen = [
        (g, [(label, getattr(a, veld)) for veld, label in DIMENSIES] if a else None, a.toelichting if a else "")
        for g in gemeenten for a in [per_org.get(g.pk)]
    ]
    return render(request, "regiekamer/ronde_per_gemeente.html", {
        "ronde": ronde_, "rijen": rijen, "dimensies": DIMENSIES, "scores": SCORES,
    })
