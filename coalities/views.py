"""Screens of the coalities app: list, coalition page, entry screens, sorteerbak, import and export."""

from __future__ import annotations

import base64
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from django_htmx.http import HttpResponseClientRedirect

from drechtsteden.forms import fouten_naar_form, opslaan_met
from drechtsteden.invoer import parse_geheel_getal
from drechtsteden.models import Organisatie
from drechtsteden import paginering
from drechtsteden.spreadsheets import download
from tafels.models import BestuurlijkeTafel

from . import exports, imports, permissions, regels, selectors, services
from .forms import (
    FORMATEN,
    CoalitieFilter,
    CoalitieForm,
    DeelnameForm,
    ImportForm,
    IntrekkenForm,
    RealisatieCorrectieForm,
    RealisatieForm,
    ResultaatEnLesForm,
    ToezeggingForm,
    VoortgangCorrectieForm,
    VoortgangForm,
)
from .models import Coalitie, Deelname, Realisatie, Toezegging, Voortgangsrapportage


def _get_coalitie_for_user(request: HttpRequest, pk: int, *, bewerken: bool = False) -> Coalitie:
    coalitie = get_object_or_404(Coalitie.objects.select_related("tafel", "trekker", "thema"), pk=pk)
    if bewerken and not permissions.mag_coalitie_wijzigen(request.user, coalitie):
        raise PermissionDenied
    return coalitie


def _get_deelname_plek_for_user(request: HttpRequest, pk: int, organisatie_pk: int) -> tuple[Coalitie, Organisatie]:
    coalitie = _get_coalitie_for_user(request, pk)
    organisatie = get_object_or_404(Organisatie, pk=organisatie_pk)
    if not permissions.mag_deelname_wijzigen(request.user, organisatie.pk):
        raise PermissionDenied
    return coalitie, organisatie


def _get_toezegging_for_user(request: HttpRequest, pk: int) -> Toezegging:
    toezegging = get_object_or_404(
        Toezegging.objects.select_related("deelname__coalitie", "deelname__organisatie"), pk=pk
    )
    if not permissions.mag_deelname_wijzigen(request.user, toezegging.deelname.organisatie_id):
        raise PermissionDenied
    return toezegging


# --- List and page --------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    filterset = CoalitieFilter(request.GET or None, queryset=selectors.coalitie_lijst_kort())
    pagina = paginering.pagina(request, filterset.qs)
    context = {
        "filter": filterset,
        "pagina": pagina,
        "coalities": list(pagina),
        "mag_aanmaken": permissions.mag_coalitie_aanmaken(request.user),
        "mag_importeren": permissions.mag_importeren(request.user),
        "tafels": BestuurlijkeTafel.objects.thematafels().only("pk", "naam"),
    }
    # A history restore after hx-push-url needs the whole page, not the fragment.
    fragment = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "coalities/index.html#resultaten" if fragment else "coalities/index.html"
    return render(request, template, context)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        pagina = selectors.coalitie_pagina(pk)
    except Coalitie.DoesNotExist:
        raise Http404 from None
    user = request.user
    context = {
        "pagina": pagina,
        "coalitie": pagina.coalitie,
        "mag_bewerken": permissions.mag_coalitie_wijzigen(user, pagina.coalitie),
        "eigen_organisatie_id": user.organisatie_id,
        "bewerkbare": {
            o.pk
            for o in [d.organisatie for d in pagina.deelnames] + pagina.nog_geen_keuze
            if permissions.mag_deelname_wijzigen(user, o.pk)
        },
        "mag_eigen_keuze": user.organisatie_id is not None
        and permissions.mag_deelname_wijzigen(user, user.organisatie_id)
        and not any(d.organisatie_id == user.organisatie_id for d in pagina.deelnames),
        "is_beheerder": user.is_beheerder,
        "organisaties": Organisatie.objects.order_by("naam") if user.is_beheerder else [],
        # A realisation is recorded for a period that has begun: not before a commitment's first year.
        "dit_jaar": timezone.localdate().year,
    }
    return render(request, "coalities/detail.html", context)


@require_http_methods(["GET", "POST"])
def coalitie_nieuw(request: HttpRequest) -> HttpResponse:
    if not permissions.mag_coalitie_aanmaken(request.user):
        raise PermissionDenied
    form = CoalitieForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        afhankelijkheden = list(data.pop("afhankelijkheden"))
        try:
            coalitie = services.coalitie_create(**data, afhankelijkheden=afhankelijkheden, door=request.user)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, _("Coalitie %(naam)s is aangemaakt.") % {"naam": coalitie.naam})
            return redirect("coalities:detail", pk=coalitie.pk)
    return render(request, "coalities/formulier.html", {"form": form, "titel": _("Nieuwe coalitie")})


@require_http_methods(["GET", "POST"])
def coalitie_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    coalitie = _get_coalitie_for_user(request, pk, bewerken=True)
    form = CoalitieForm(request.POST or None, instance=Coalitie.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        afhankelijkheden = list(data.pop("afhankelijkheden"))
        try:
            services.coalitie_update(coalitie=coalitie, afhankelijkheden=afhankelijkheden, door=request.user, **data)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, _("De coalitie is bijgewerkt."))
            return redirect("coalities:detail", pk=coalitie.pk)
    return render(
        request, "coalities/formulier.html", {"form": form, "titel": _("Coalitie bewerken"), "coalitie": coalitie}
    )


def _versie_vernieuwen(form: forms.Form, versie: int | str) -> None:
    """After a refused change the form carries the stored version: a new save knowingly replaces it."""
    data = form.data.copy()
    data[form.add_prefix("versie")] = versie
    form.data = data


def _nieuw_in_periode(
    form: forms.Form, bestaande_url_naam: str, opslaan: Callable[..., object], **argumenten: object
) -> str | None:
    """Saves a new row of a period with the form's data: None when saved; else the messages land on the
    form and the URL of the row the period already has is returned (empty when there is none)."""
    try:
        opslaan(**argumenten, **form.cleaned_data)
    except services.PeriodeBezet as exc:
        fouten_naar_form(form, exc)
        return reverse(bestaande_url_naam, args=[exc.bestaande.pk]) if exc.bestaande else ""
    except ValidationError as exc:
        fouten_naar_form(form, exc)
        return ""
    return None


# --- Deelname -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def deelname_bewerken(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    """The choice of one organisation; in the sorteerbak the same form opens inside the cell."""
    coalitie, organisatie = _get_deelname_plek_for_user(request, pk, organisatie_pk)
    deelname = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
    heeft_toezeggingen = deelname is not None and deelname.toezeggingen.exists()
    in_cel = request.GET.get("cel") == "1" or request.POST.get("cel") == "1"
    initial = {}
    if deelname is not None:
        initial = {
            "variant": deelname.variant, "solidariteitsbijdrage": deelname.solidariteitsbijdrage,
            "instapdatum": deelname.instapdatum, "instapfee": deelname.instapfee, "versie": deelname.versie,
        }
    form = DeelnameForm(
        request.POST or None, initial=initial, heeft_toezeggingen=heeft_toezeggingen,
        prefix=f"d{coalitie.pk}-{organisatie.pk}" if in_cel else None,
    )
    conflict = False
    weigering, in_de_weg = "", []
    controleren = request.POST.get("controleren") == "1"
    if controleren:
        # Only show what the chosen variant asks; no errors before the user tries to save.
        form = form.zonder_fouten()
    if request.method == "POST" and not controleren and form.is_valid():
        gegevens = {
            "coalitie": coalitie, "organisatie": organisatie, "variant": form.cleaned_data["variant"],
            "door": request.user, "solidariteitsbijdrage": form.cleaned_data["solidariteitsbijdrage"],
            "instapdatum": form.cleaned_data["instapdatum"], "instapfee": form.cleaned_data["instapfee"],
            "eerste_toezegging": form.eerste_toezegging(),
        }
        versie = form.cleaned_data["versie"]
        try:
            if versie is None:
                services.deelname_create(**gegevens)
            else:
                # A version for a choice that no longer exists is refused with a message (nothing is saved).
                services.deelname_update(**gegevens, versie=versie)
        except ValidationError as exc:
            codes = {e.code for e in getattr(exc, "error_list", [])}
            conflict = "gelijktijdige_wijziging" in codes
            if codes == {"toezeggingen_aanwezig"}:
                # The refusal shows the commitments in the way and offers to withdraw them (deelname_intrekken).
                weigering = exc.messages[0]
                in_de_weg = selectors.toezeggingen_van(deelname)
            else:
                fouten_naar_form(form, exc)
            if conflict:
                # Show the current state; a new save from here knowingly replaces it.
                huidige = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
                _versie_vernieuwen(form, "" if huidige is None else huidige.versie)
        else:
            if in_cel and request.htmx:
                cel_ = selectors.cel(coalitie, organisatie)
                cel_.bewerkbaar = True
                context = {"cel": cel_, "bijgewerkt": True, "rij": None}
                if coalitie.tafel_id:
                    # The row's totals change too: sent along out of band.
                    bak = selectors.sorteerbak(coalitie.tafel_id)
                    context["rij"] = next((r for r in bak.rijen if r.organisatie.pk == organisatie.pk), None)
                return render(request, "coalities/_cel_opgeslagen.html", context)
            messages.success(request, _("De keuze van %(organisatie)s is opgeslagen.") % {"organisatie": organisatie})
            return redirect("coalities:detail", pk=coalitie.pk)
    # Something delivered blocks the way out; the delivered column is shown only then.
    geleverd = [t for t in in_de_weg if t.realisaties.all()]
    context = {
        "form": form, "coalitie": coalitie, "organisatie": organisatie, "deelname": deelname, "in_cel": in_cel,
        "eisen": regels.variant_eisen(form.gekozen_variant), "conflict": conflict,
        "gecontroleerd": controleren, "weigering": weigering, "in_de_weg": in_de_weg, "geleverd": geleverd,
        "zonder_geleverd": not geleverd,
    }
    if request.htmx:
        return render(request, "coalities/deelname.html#formulier", context)
    return render(request, "coalities/deelname.html", context)


def _controleer_toezeggingen_for_user(request: HttpRequest, deelname: Deelname, ids: set[int]) -> None:
    """404 for an id that is not (and never was) a commitment of ``deelname``, 403 for one the user may not
    change. An id withdrawn from this deelname meanwhile passes: the service refuses it with a message."""
    vreemd = ids - set(deelname.toezeggingen.values_list("pk", flat=True))
    if not vreemd:
        return
    for toezegging in Toezegging.objects.filter(pk__in=vreemd).select_related("deelname"):
        if not permissions.mag_toezegging_wijzigen(request.user, toezegging):
            raise PermissionDenied
        raise Http404
    ingetrokken = set(Toezegging.history.filter(id__in=vreemd, deelname_id=deelname.pk).values_list("id", flat=True))
    if vreemd - ingetrokken:
        raise Http404


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def deelname_intrekken(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    """Confirms withdrawing the commitments that stand in the way of a variant without commitments, then
    withdraws them and changes the variant in one go. Opened from the refusal on the choice form."""
    coalitie, organisatie = _get_deelname_plek_for_user(request, pk, organisatie_pk)
    deelname = get_object_or_404(
        Deelname.objects.select_related("organisatie", "coalitie"), coalitie=coalitie, organisatie=organisatie
    )
    form = IntrekkenForm(request.POST if request.method == "POST" else request.GET)
    terug = reverse("coalities:deelname", args=[coalitie.pk, organisatie.pk])
    if not form.is_valid():
        form.fouten_bovenaan()
        for fout in form.non_field_errors():
            messages.error(request, fout)
        return HttpResponseClientRedirect(terug) if request.htmx else redirect(terug)
    keuze = dict(form.cleaned_data)
    versie = keuze["versie"]
    if request.method == "POST":
        _controleer_toezeggingen_for_user(request, deelname, set(keuze["toezegging"]))
        if opslaan_met(form, lambda data: services.deelname_update_met_intrekking(
            coalitie=coalitie, organisatie=organisatie, variant=data["variant"], versie=data["versie"],
            toezeggingen=data["toezegging"], solidariteitsbijdrage=data["solidariteitsbijdrage"], door=request.user,
        )):
            deelname.refresh_from_db()
            messages.success(request, _(
                "De toezeggingen van %(organisatie)s zijn ingetrokken en de keuze is gewijzigd in %(variant)s."
            ) % {"organisatie": organisatie, "variant": deelname.get_variant_display().lower()})
            url = reverse("coalities:detail", args=[coalitie.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        form.fouten_bovenaan()
        # Show the current state; a new confirmation from here knowingly replaces it.
        deelname.refresh_from_db()
        versie = deelname.versie
    toezeggingen = selectors.toezeggingen_van(deelname)
    geleverd = [t for t in toezeggingen if t.realisaties.all()]
    context = {
        "form": form, "coalitie": coalitie, "organisatie": organisatie, "deelname": deelname, "terug": terug,
        "toezeggingen": toezeggingen, "geleverd": geleverd, "zonder_geleverd": not geleverd,
        "variant": keuze["variant"], "variant_label": Deelname.Variant(keuze["variant"]).label,
        "solidariteitsbijdrage": keuze["solidariteitsbijdrage"], "versie": versie,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "coalities/intrekken.html#bevestiging", context)
    return render(request, "coalities/intrekken.html", context)


@require_GET
def deelname_kiezen(request: HttpRequest, pk: int) -> HttpResponse:
    """Opens the choice of the organisation picked from a list (any organisation may take part)."""
    try:
        organisatie_pk = parse_geheel_getal(request.GET.get("organisatie"), minimum=1)
    except ValidationError:
        return redirect("coalities:detail", pk=pk)
    _get_deelname_plek_for_user(request, pk, organisatie_pk)
    return redirect("coalities:deelname", pk=pk, organisatie_pk=organisatie_pk)


@require_GET
def cel(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    """One cell of the sorteerbak, shown again after cancelling an edit."""
    coalitie = _get_coalitie_for_user(request, pk)
    organisatie = get_object_or_404(Organisatie, pk=organisatie_pk)
    cel_ = selectors.cel(coalitie, organisatie)
    cel_.bewerkbaar = permissions.mag_deelname_wijzigen(request.user, organisatie.pk)
    return render(request, "coalities/sorteerbak.html#cel", {"cel": cel_})


# --- Toezegging and realisatie --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def toezegging_nieuw(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    coalitie, organisatie = _get_deelname_plek_for_user(request, pk, organisatie_pk)
    deelname = get_object_or_404(Deelname, coalitie=coalitie, organisatie=organisatie)
    form = ToezeggingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.toezegging_create(deelname=deelname, gegevens=form.gegevens(), door=request.user)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, _("De toezegging is vastgelegd."))
            return redirect("coalities:detail", pk=coalitie.pk)
    titel = _("Nieuwe toezegging van %(organisatie)s") % {"organisatie": organisatie}
    return render(request, "coalities/formulier.html", {"form": form, "titel": titel, "coalitie": coalitie})


@require_http_methods(["GET", "POST"])
def toezegging_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    toezegging = _get_toezegging_for_user(request, pk)
    form = ToezeggingForm(
        request.POST or None, instance=Toezegging.objects.get(pk=pk), initial={"versie": toezegging.versie},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.toezegging_update(
                toezegging=toezegging, versie=form.cleaned_data["versie"] or 0, gegevens=form.gegevens(),
                door=request.user,
            )
        except ValidationError as exc:
            fouten_naar_form(form, exc)
            _versie_vernieuwen(form, Toezegging.objects.get(pk=pk).versie)
        else:
            messages.success(request, _("De toezegging is bijgewerkt."))
            return redirect("coalities:detail", pk=toezegging.deelname.coalitie_id)
    titel = _("Toezegging van %(organisatie)s bewerken") % {"organisatie": toezegging.deelname.organisatie}
    return render(
        request, "coalities/formulier.html",
        {"form": form, "titel": titel, "coalitie": toezegging.deelname.coalitie, "intrekken": toezegging},
    )


@require_POST
def toezegging_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    toezegging = _get_toezegging_for_user(request, pk)
    try:
        versie = parse_geheel_getal(request.POST.get("versie"))
    except ValidationError:
        messages.error(request, _("De toezegging is niet ingetrokken: laad de pagina opnieuw en probeer het nog eens."))
        return redirect("coalities:detail", pk=toezegging.deelname.coalitie_id)
    try:
        services.toezegging_delete(toezegging=toezegging, versie=versie, door=request.user)
    except ValidationError as exc:
        for melding in exc.messages:
            messages.error(request, melding)
    else:
        messages.success(request, _("De toezegging is ingetrokken."))
    return redirect("coalities:detail", pk=toezegging.deelname.coalitie_id)


@require_http_methods(["GET", "POST"])
def realisatie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    toezegging = _get_toezegging_for_user(request, pk)
    # The current year when the commitment runs now: a realisation is recorded for a period that has begun.
    jaar = min(max(timezone.localdate().year, toezegging.jaar_van), toezegging.jaar_tot)
    form = RealisatieForm(request.POST or None, initial={"jaar": jaar})
    bestaande_url = ""
    if request.method == "POST" and form.is_valid():
        bestaande_url = _nieuw_in_periode(
            form, "coalities:realisatie", services.realisatie_create, toezegging=toezegging, door=request.user
        )
        if bestaande_url is None:
            messages.success(request, _("De realisatie is vastgelegd."))
            return redirect("coalities:detail", pk=toezegging.deelname.coalitie_id)
    titel = _("Realisatie vastleggen: %(toezegging)s") % {"toezegging": toezegging}
    return render(
        request, "coalities/formulier.html",
        {"form": form, "titel": titel, "coalitie": toezegging.deelname.coalitie, "bestaande_url": bestaande_url,
         "bestaande_label": _("De vastgelegde realisatie bekijken en wijzigen")},
    )


@require_http_methods(["GET", "POST"])
def realisatie_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    realisatie = get_object_or_404(Realisatie.objects.select_related("toezegging__deelname__coalitie"), pk=pk)
    toezegging = _get_toezegging_for_user(request, realisatie.toezegging_id)
    form = RealisatieCorrectieForm(
        request.POST or None, instance=Realisatie.objects.get(pk=pk), initial={"versie": realisatie.versie},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.realisatie_update(
                realisatie=realisatie, versie=form.cleaned_data["versie"] or 0,
                hoeveelheid=form.cleaned_data["hoeveelheid"], toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except ValidationError as exc:
            fouten_naar_form(form, exc)
            _versie_vernieuwen(form, Realisatie.objects.get(pk=pk).versie)
        else:
            messages.success(request, _("De realisatie is bijgewerkt."))
            return redirect("coalities:detail", pk=toezegging.deelname.coalitie_id)
    titel = _("Realisatie %(periode)s wijzigen: %(toezegging)s") % {"periode": realisatie.periode, "toezegging": toezegging}
    return render(request, "coalities/formulier.html", {"form": form, "titel": titel, "coalitie": toezegging.deelname.coalitie})


# --- Voortgang, resultaten en lessen --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def voortgang_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    coalitie = _get_coalitie_for_user(request, pk, bewerken=True)
    form = VoortgangForm(request.POST or None)
    bestaande_url = ""
    if request.method == "POST" and form.is_valid():
        bestaande_url = _nieuw_in_periode(
            form, "coalities:voortgang", services.voortgangsrapportage_create, coalitie=coalitie, door=request.user
        )
        if bestaande_url is None:
            messages.success(request, _("De voortgangsrapportage is vastgelegd."))
            return redirect("coalities:detail", pk=coalitie.pk)
    return render(
        request, "coalities/formulier.html",
        {"form": form, "titel": _("Voortgang rapporteren"), "coalitie": coalitie, "bestaande_url": bestaande_url,
         "bestaande_label": _("De vastgelegde voortgangsrapportage bekijken en wijzigen")},
    )


@require_http_methods(["GET", "POST"])
def voortgang_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    rapportage = get_object_or_404(Voortgangsrapportage, pk=pk)
    coalitie = _get_coalitie_for_user(request, rapportage.coalitie_id, bewerken=True)
    form = VoortgangCorrectieForm(
        request.POST or None, instance=Voortgangsrapportage.objects.get(pk=pk), initial={"versie": rapportage.versie},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.voortgangsrapportage_update(
                rapportage=rapportage, versie=form.cleaned_data["versie"] or 0, status=form.cleaned_data["status"],
                mijlpalen=form.cleaned_data["mijlpalen"], tekst=form.cleaned_data["tekst"], door=request.user,
            )
        except ValidationError as exc:
            fouten_naar_form(form, exc)
            _versie_vernieuwen(form, Voortgangsrapportage.objects.get(pk=pk).versie)
        else:
            messages.success(request, _("De voortgangsrapportage is bijgewerkt."))
            return redirect("coalities:detail", pk=coalitie.pk)
    titel = _("Voortgang %(periode)s wijzigen") % {"periode": rapportage.periode}
    return render(request, "coalities/formulier.html", {"form": form, "titel": titel, "coalitie": coalitie})


@require_http_methods(["GET", "POST"])
def resultaat_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    coalitie = _get_coalitie_for_user(request, pk, bewerken=True)
    form = ResultaatEnLesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resultaat_en_les_create(coalitie=coalitie, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fouten_naar_form(form, exc)
        else:
            messages.success(request, _("Het resultaat of de les is vastgelegd."))
            return redirect("coalities:detail", pk=coalitie.pk)
    return render(
        request, "coalities/formulier.html", {"form": form, "titel": _("Resultaat of les vastleggen"), "coalitie": coalitie}
    )


# --- Sorteerbak and overview per organisation -----------------------------------------------------


@require_GET
def sorteerbak(request: HttpRequest, tafel_pk: int) -> HttpResponse:
    tafel = get_object_or_404(BestuurlijkeTafel.objects.thematafels().only("pk", "naam"), pk=tafel_pk)
    bak = selectors.sorteerbak(tafel, pagina=request.GET.get(paginering.PARAMETER))
    for rij in bak.rijen:
        bewerkbaar = permissions.mag_deelname_wijzigen(request.user, rij.organisatie.pk)
        for cel_ in rij.cellen:
            cel_.bewerkbaar = bewerkbaar
    return render(request, "coalities/sorteerbak.html", {"bak": bak, "varianten": Deelname.Variant.choices})


@require_GET
def organisatie(request: HttpRequest, organisatie_pk: int) -> HttpResponse:
    organisatie_ = get_object_or_404(Organisatie, pk=organisatie_pk)
    overzicht = selectors.organisatie_overzicht(organisatie_)
    return render(request, "coalities/organisatie.html", {
        "overzicht": overzicht,
        "deelnames": paginering.pagina(request, overzicht.deelnames),
        "mag_bewerken": permissions.mag_deelname_wijzigen(request.user, organisatie_.pk),
    })


# --- Import and export ----------------------------------------------------------------------------

SESSIE_IMPORT = "coalities_import"


@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    """Step 1 uploads and previews (nothing saved); step 2 confirms and saves only if every row is valid."""
    if not permissions.mag_importeren(request.user):
        raise PermissionDenied
    resultaat = None
    form = ImportForm()
    if request.method == "POST" and request.POST.get("stap") == "bevestigen":
        bewaard = request.session.get(SESSIE_IMPORT)
        if not bewaard:
            messages.error(request, _("Er is geen voorbeeld om te bevestigen; upload het bestand opnieuw."))
            return redirect("coalities:importeren")
        dataset = imports.lees_dataset(base64.b64decode(bewaard["inhoud"]), bewaard["naam"])
        resultaat = imports.importeer(soort=bewaard["soort"], dataset=dataset, door=request.user, opslaan=True)
        if resultaat.opgeslagen:
            del request.session[SESSIE_IMPORT]
            messages.success(
                request,
                _("De import is opgeslagen: %(nieuw)s nieuw, %(gewijzigd)s gewijzigd, %(ongewijzigd)s ongewijzigd.")
                % {"nieuw": resultaat.aantal_nieuw, "gewijzigd": resultaat.aantal_gewijzigd,
                   "ongewijzigd": resultaat.aantal_ongewijzigd},
            )
            return redirect("coalities:index")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            inhoud = bestand.read()
            try:
                dataset = imports.lees_dataset(inhoud, bestand.name)
            except Exception:  # noqa: BLE001 - any unreadable file gets the same Dutch answer
                form.add_error("bestand", _("Dit bestand kan niet worden gelezen als CSV of XLSX."))
            else:
                if not dataset.height:
                    form.add_error("bestand", _("Het bestand bevat geen rijen om te importeren."))
            if form.is_valid():
                soort = form.cleaned_data["soort"]
                resultaat = imports.importeer(soort=soort, dataset=dataset, door=request.user, opslaan=False)
                request.session[SESSIE_IMPORT] = {
                    "inhoud": base64.b64encode(inhoud).decode(), "naam": bestand.name, "soort": soort,
                }
    return render(
        request, "coalities/import.html",
        {"form": form, "resultaat": resultaat, "kolommen": imports.KOLOMMEN, "formaten": FORMATEN},
    )


@require_GET
def exporteren(request: HttpRequest, soort: str, formaat: str) -> HttpResponse:
    if soort not in exports.SOORTEN or formaat not in dict(FORMATEN):
        raise Http404
    return download(exports.exporteer_soort(soort, formaat), formaat, soort)

