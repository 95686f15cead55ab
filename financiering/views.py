"""Screens of financiering: network totals, per organisation, per coalition, scenarios and exports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from coalities.models import Coalitie, Deelname
from drechtsteden.forms import fouten_naar_form
from drechtsteden.invoer import parse_jaar
from drechtsteden.models import Organisatie
from drechtsteden import paginering
from drechtsteden.spreadsheets import download
from tafels.models import BestuurlijkeTafel, Lidmaatschap

from . import exports, overgang, permissions, selectors, services
from .forms import (
    CoalitieToetredingForm,
    PartnerToetredingForm,
    SamenwerkingToetredingForm,
    ScenarioForm,
    ScenarioNaamForm,
    ToetredingForm,
    UittredingForm,
    VaststellingForm,
)
from .models import OpgeslagenScenario, Overgangsregel, Vaststelling


def _jaar(tekst) -> int:
    """A year from a query string or form: 2000–2100, anything else is a 404."""
    try:
        return parse_jaar(tekst)
    except ValidationError:
        raise Http404(_("Onbekend jaar.")) from None


def _jaar_uit(request: HttpRequest, jaren: list[int]) -> int:
    return _jaar(request.GET.get("jaar", jaren[0]))


def _formaat(formaat: str) -> str:
    if formaat not in exports.FORMATEN:
        raise Http404(_("Onbekend exportformaat."))
    return formaat


def _get_organisatie_for_user(request: HttpRequest, pk: int) -> Organisatie:
    """Every signed-in user may see what any party pays: the financing is open within the network."""
    return get_object_or_404(Organisatie, pk=pk)


def _get_scenario_recht(request: HttpRequest) -> None:
    if not permissions.mag_scenario_doorrekenen(request.user):
        raise PermissionDenied(_("Als raadslid kunt u de cijfers inzien, maar geen scenario's doorrekenen."))


@require_GET
@vary_on_headers("HX-Request")
def index(request: HttpRequest) -> HttpResponse:
    """Network totals per year and component with the warnings, and who pays what in one year."""
    jaren = selectors.meerjarige_jaren()
    jaar = _jaar_uit(request, jaren)
    per_jaar = selectors.verdelingen(sorted(set(jaren) | {jaar}))
    weergave = selectors.netwerk_weergave(per_jaar[jaar])
    context = {
        "jaren": [per_jaar[j] for j in jaren],
        "met_signalen": [per_jaar[j] for j in jaren if per_jaar[j].waarschuwingen],
        "gekozen": per_jaar[jaar],
        "organisaties": weergave.organisaties,
        "projectbudgetten": paginering.pagina(request, weergave.projectbudgetten),
        "wijzigingen": selectors.wijzigingen(jaar),
        "jaarkeuze": sorted(set(jaren) | {jaar}),
        "mag_scenario": permissions.mag_scenario_doorrekenen(request.user),
        "mag_toetreding": permissions.mag_toetreding_samenwerking(request.user),
    }
    if request.htmx:
        return render(request, "financiering/index.html#jaar", context)
    return render(request, "financiering/index.html", context)


@require_GET
def organisatie(request: HttpRequest, pk: int) -> HttpResponse:
    """What one gemeente or partner pays per component, this year and the four after it."""
    org = _get_organisatie_for_user(request, pk)
    lid = org.is_actief_op(timezone.localdate())
    meerjarig = selectors.organisatie_meerjarig(org, selectors.meerjarige_jaren())
    return render(request, "financiering/organisatie.html", {
        "organisatie": org,
        "mag_uittreden": lid and org.actief_tot is None and permissions.mag_uittreding_samenwerking(request.user, org),
        "mag_toetreden": not lid and permissions.mag_toetreding_samenwerking(request.user, org),
        "overzicht": meerjarig.overzicht,
        "toelichtingen": meerjarig.toelichtingen,
        "coalities": paginering.pagina(request, meerjarig.coalities),
        "mag_scenario": permissions.mag_scenario_doorrekenen(request.user),
        # Read with the allocation: no query of its own.
        "overgangen": selectors.overgangen_van(meerjarig.overgangen, organisatie=org),
    })


@require_GET
def organisatie_export(request: HttpRequest, pk: int, formaat: str) -> HttpResponse:
    org = _get_organisatie_for_user(request, pk)
    formaat = _formaat(formaat)
    overzicht = selectors.organisatie_overzicht(org, selectors.meerjarige_jaren())
    return download(exports.organisatie_export(org.naam, overzicht, formaat), formaat, f"financiering-{org.naam}")


@require_GET
def netwerk_export(request: HttpRequest, jaar: int, formaat: str) -> HttpResponse:
    formaat = _formaat(formaat)
    jaar_verdeling = selectors.verdeling_voor_jaar(jaar)
    if jaar_verdeling.fout:
        messages.error(request, jaar_verdeling.fout)
        return redirect(f"{reverse('financiering:index')}?jaar={jaar}")
    return download(exports.netwerk_export(jaar_verdeling, formaat), formaat, f"financiering-netwerk-{jaar}")


@require_GET
def coalitie(request: HttpRequest, pk: int) -> HttpResponse:
    """A coalition's project budget per year and who pays what."""
    coalitie = get_object_or_404(Coalitie, pk=pk)
    return render(request, "financiering/coalitie.html", {
        "coalitie": coalitie, "overzicht": selectors.coalitie_meerjarig(coalitie),
    })


def _scenario_context(request: HttpRequest, data) -> dict:
    """The scenario page: the form bound to what was typed (or to the adopted figures) and its result."""
    jaren = selectors.meerjarige_jaren()
    jaar = _jaar_uit(request, jaren) if request.method == "GET" else _jaar_uit_post(request)
    jaar_verdeling = selectors.verdeling_voor_jaar(jaar)
    if data is None:
        data = ScenarioForm(jaar_verdeling=jaar_verdeling, user=request.user).data_uit_vastgesteld()
    form = ScenarioForm(data, jaar_verdeling=jaar_verdeling, user=request.user)
    vergelijking = None
    if form.is_valid() and jaar_verdeling.resultaat is not None:
        scenario = selectors.bereken(jaar_verdeling, form.scenario())
        vergelijking = selectors.scenario_vergelijking(jaar_verdeling.resultaat, [scenario.resultaat])
    return {
        "jaar": jaar,
        "jaarkeuze": jaren if jaar in jaren else sorted({*jaren, jaar}),
        "vastgesteld": jaar_verdeling,
        "form": form,
        "vergelijking": vergelijking,
        "mag_vaststellen": permissions.mag_vaststellen(request.user),
        "mag_opslaan": permissions.mag_scenario_opslaan(request.user),
        "scenario_namen": [_("Scenario")],
        "naam_form": ScenarioNaamForm(),
    }


def _jaar_uit_post(request: HttpRequest) -> int:
    return _jaar(request.POST.get("jaar", ""))


def _scenario_pagina(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    jaar = context["jaar"]
    context |= {
        "querystring": urlencode(context["form"].invoer()),
        "opgeslagen": selectors.opgeslagen_scenarios(jaar),
        "vaststellingen": selectors.vaststellingen(jaar),
    }
    for opgeslagen in context["opgeslagen"]:
        opgeslagen.mag_wijzigen = permissions.mag_scenario_wijzigen(request.user, opgeslagen)
        opgeslagen.querystring = urlencode(opgeslagen.invoer | {"scenario": opgeslagen.pk})
    return render(request, "financiering/scenario.html", context, status=status)


def _gekozen_opgeslagen(request: HttpRequest, jaar: int):
    """The saved scenario the page was opened from (`?scenario=pk`), if it is of this year."""
    pk = request.GET.get("scenario") or request.POST.get("scenario")
    if not pk or not str(pk).isdigit():
        return None
    return OpgeslagenScenario.objects.filter(pk=pk, jaar=jaar).first()


@require_GET
@vary_on_headers("HX-Request")
def scenario(request: HttpRequest) -> HttpResponse:
    """What-if: change a key, budget or variant and see beside it what each party would pay; nothing is saved."""
    _get_scenario_recht(request)
    data = request.GET if "c1_budget" in request.GET else None
    context = _scenario_context(request, data)
    context["gekozen"] = gekozen = _gekozen_opgeslagen(request, context["jaar"])
    if gekozen is not None:
        context["naam_form"] = ScenarioNaamForm(initial={"naam": gekozen.naam})
    if request.htmx:
        context["querystring"] = urlencode(context["form"].invoer())
        return render(request, "financiering/scenario.html#uitkomst", context)
    return _scenario_pagina(request, context)


@require_GET
def scenario_export(request: HttpRequest, formaat: str) -> HttpResponse:
    _get_scenario_recht(request)
    formaat = _formaat(formaat)
    context = _scenario_context(request, request.GET)
    form = context["form"]
    if not form.is_valid() or context["vastgesteld"].resultaat is None:
        raise Http404(_("Dit scenario kan niet doorgerekend worden."))
    scenario = selectors.bereken(context["vastgesteld"], form.scenario())
    inhoud = exports.scenario_export(context["vastgesteld"].resultaat, scenario.resultaat, context["jaar"], formaat)
    return download(inhoud, formaat, f"financiering-scenario-{context['jaar']}")


@require_POST
def scenario_opslaan(request: HttpRequest) -> HttpResponse:
    """Keep the scenario on the page under a name, to open, compare or adopt it later."""
    if not permissions.mag_scenario_opslaan(request.user):
        raise PermissionDenied(_("Als raadslid kunt u de cijfers inzien, maar geen scenario's bewaren."))
    context = _scenario_context(request, request.POST)
    form, naam_form = context["form"], ScenarioNaamForm(request.POST)
    if form.is_valid() and naam_form.is_valid():
        try:
            opgeslagen = services.scenario_opslaan(
                naam=naam_form.cleaned_data["naam"], jaar=context["jaar"], invoer=form.invoer(), door=request.user
            )
        except ValidationError as fout:
            fouten_naar_form(naam_form, fout)
        else:
            messages.success(request, _("Het scenario “%(naam)s” is bewaard.") % {"naam": opgeslagen.naam})
            return redirect(f"{reverse('financiering:scenario')}?{urlencode(opgeslagen.invoer | {'scenario': opgeslagen.pk})}")
    context["naam_form"] = naam_form
    return _scenario_pagina(request, context, status=400)


def _get_opgeslagen_for_user(request: HttpRequest, pk: int) -> OpgeslagenScenario:
    _get_scenario_recht(request)
    return get_object_or_404(OpgeslagenScenario, pk=pk)


@require_POST
def scenario_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    opgeslagen = _get_opgeslagen_for_user(request, pk)
    if not permissions.mag_scenario_wijzigen(request.user, opgeslagen):
        raise PermissionDenied(_("Alleen wie het scenario maakte, of wie begrotingen vaststelt, mag het verwijderen."))
    services.scenario_verwijderen(scenario=opgeslagen, door=request.user)
    messages.success(request, _("Het scenario “%(naam)s” is verwijderd.") % {"naam": opgeslagen.naam})
    return redirect(f"{reverse('financiering:scenario')}?jaar={opgeslagen.jaar}")


# Side by side stays readable on a screen and a phone with at most this many scenarios.
MAX_VERGELIJKEN = 4


@require_GET
def scenario_vergelijken(request: HttpRequest) -> HttpResponse:
    """Saved scenarios of one year side by side: per organisation the total and the difference with the adopted."""
    _get_scenario_recht(request)
    pks = [pk for pk in request.GET.getlist("s") if pk.isdigit()][:MAX_VERGELIJKEN]
    gekozen = list(OpgeslagenScenario.objects.filter(pk__in=pks).order_by("naam"))
    if not gekozen:
        messages.error(request, _("Kies een of meer bewaarde scenario's om te vergelijken."))
        return redirect(f"{reverse('financiering:scenario')}?{request.GET.urlencode()}")
    jaar = gekozen[0].jaar
    if any(s.jaar != jaar for s in gekozen):
        messages.error(request, _("Vergelijk scenario's van hetzelfde jaar."))
        return redirect(f"{reverse('financiering:scenario')}?jaar={jaar}")
    jaar_verdeling = selectors.verdeling_voor_jaar(jaar)
    kolommen = []
    for opgeslagen in gekozen:
        form = ScenarioForm(opgeslagen.invoer, jaar_verdeling=jaar_verdeling, user=request.user)
        if form.is_valid():
            kolommen.append((opgeslagen, selectors.bereken(jaar_verdeling, form.scenario()).resultaat, None))
        else:
            fout = "; ".join(form.non_field_errors()) or _("de cijfers van dit jaar zijn sindsdien veranderd.")
            kolommen.append((opgeslagen, None, fout))
    berekend = [k for k in kolommen if k[1] is not None]
    vergelijking = None
    if jaar_verdeling.resultaat is not None and berekend:
        vergelijking = selectors.scenario_vergelijking(jaar_verdeling.resultaat, [r for _s, r, _f in berekend])
    for opgeslagen, _r, _f in kolommen:
        opgeslagen.querystring = urlencode(opgeslagen.invoer | {"scenario": opgeslagen.pk})
    return render(request, "financiering/scenario_vergelijken.html", {
        "jaar": jaar, "kolommen": kolommen, "berekend": [s.naam for s, _r, _f in berekend],
        "vergelijking": vergelijking, "vastgesteld": jaar_verdeling,
        "mag_vaststellen": permissions.mag_vaststellen(request.user),
    })


@require_POST
def scenario_vaststellen(request: HttpRequest) -> HttpResponse:
    """Adopt the scenario, in two steps: first a summary that asks for the decision, then the adoption itself.

    Only for the beheerder and the manager of Smart Delta Drechtsteden.
    """
    if not permissions.mag_vaststellen(request.user):
        raise PermissionDenied(_("U mag scenario's doorrekenen, maar niet vaststellen."))
    context = _scenario_context(request, request.POST)
    form = context["form"]
    if not form.is_valid():
        return _scenario_pagina(request, context, status=400)
    opgeslagen = _gekozen_opgeslagen(request, context["jaar"])
    bevestigd = "bevestigen" in request.POST
    besluit_form = VaststellingForm(request.POST if bevestigd else None)
    if bevestigd and besluit_form.is_valid():
        try:
            vaststelling = services.scenario_vaststellen(
                scenario=form.scenario(), besluit=besluit_form.cleaned_data["besluit"],
                besluitdatum=besluit_form.cleaned_data["besluitdatum"], opgeslagen=opgeslagen, door=request.user,
            )
        except ValidationError as fout:
            fouten_naar_form(besluit_form, fout)
        else:
            messages.success(request, _("De begroting %(jaar)s is vastgesteld.") % {"jaar": context["jaar"]})
            return redirect("financiering:vaststelling", pk=vaststelling.pk)
    context |= {"besluit_form": besluit_form, "opgeslagen_scenario": opgeslagen,
                "querystring": urlencode(form.invoer() | ({"scenario": opgeslagen.pk} if opgeslagen else {}))}
    return render(request, "financiering/scenario_vaststellen.html", context, status=400 if bevestigd else 200)


@require_GET
def vaststelling(request: HttpRequest, pk: int) -> HttpResponse:
    """One adoption: the decision, who adopted it, and every party's total before and after."""
    vaststelling = get_object_or_404(Vaststelling.objects.select_related("door", "scenario"), pk=pk)
    return render(request, "financiering/vaststelling.html", {
        "vaststelling": vaststelling, "regels": selectors.vaststelling_regels(vaststelling),
        "componenten": selectors.vaststelling_componenten(vaststelling),
        "eerdere": selectors.vaststellingen(vaststelling.jaar),
    })


def _overgang(
    request: HttpRequest, form, *, doel: Callable[[dict], selectors.Overgangsdoel], vastleggen, terug: str,
    kop: selectors.Overgangsdoel,
) -> HttpResponse:
    """One page for every join and leave: the form; with valid input the consequences under the recorded
    rule and a confirm button; only the confirmation (``bevestigd=1``) calls the service.

    `doel` makes what is joined or left from the valid input (a partner is chosen on the form); `kop` is
    what the page is about before that (its title and the rule it shows).
    """
    regel = uitkomst = gekozen = None
    if request.method == "POST" and form.is_valid():
        gekozen = doel(form.cleaned_data)
        if request.POST.get("bevestigd") == "1":
            try:
                vastleggen(**form.gegevens(), door=request.user)
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                sjabloon = (_("De toetreding van %(organisatie)s tot %(doel)s is vastgelegd.") if gekozen.is_toetreding
                            else _("De uittreding van %(organisatie)s uit %(doel)s is vastgelegd."))
                messages.success(request, sjabloon % {"organisatie": gekozen.organisatie, "doel": gekozen.omschrijving})
                return redirect(terug)
        else:
            try:
                regel, uitkomst = selectors.overgang_berekenen(gekozen, form.cleaned_data["meldingsdatum"])
            except overgang.OvergangFout as fout:
                form.add_error("meldingsdatum", fout.message)
    doel_op_pagina = gekozen or kop
    verandert = doel_op_pagina.verandert_financiering if uitkomst else True
    return render(request, "financiering/overgang.html", {
        "doel": doel_op_pagina, "kop": kop, "form": form, "uitkomst": uitkomst, "terug": terug,
        "regel": regel or selectors.overgangsregel(kop.niveau, kop.richting),
        "verandert": verandert,
        # A partner whose fixed contribution is not adopted for a year yet: the allocation counts it once it is.
        "zonder_vaste_bijdrage": [
            j.jaar for j in uitkomst.per_jaar if j.vastgesteld and not j.bedragen.component_2
        ] if uitkomst and verandert and doel_op_pagina.niveau == Overgangsregel.Niveau.TAFEL else [],
    })


def _uittreding(request: HttpRequest, doel: selectors.Overgangsdoel, *, vastleggen, terug: str) -> HttpResponse:
    form = UittredingForm(request.POST or None, initial={"meldingsdatum": timezone.localdate()})
    return _overgang(request, form, doel=lambda _data: doel, vastleggen=vastleggen, terug=terug, kop=doel)


@require_http_methods(["GET", "POST"])
def uittreding_samenwerking(request: HttpRequest, pk: int) -> HttpResponse:
    organisatie = get_object_or_404(Organisatie, pk=pk)
    if not permissions.mag_uittreding_samenwerking(request.user, organisatie):
        raise PermissionDenied(_("Alleen de manager SDD of een beheerder legt een uittreding uit de samenwerking vast."))
    return _uittreding(
        request, selectors.Overgangsdoel(Overgangsregel.Niveau.SAMENWERKING, organisatie),
        vastleggen=partial(services.uittreding_samenwerking_vastleggen, organisatie=organisatie),
        terug=reverse("financiering:organisatie", args=[organisatie.pk]),
    )


@require_http_methods(["GET", "POST"])
def uittreding_tafel(request: HttpRequest, pk: int) -> HttpResponse:
    lidmaatschap = get_object_or_404(Lidmaatschap.objects.select_related("tafel", "organisatie"), pk=pk)
    if not permissions.mag_uittreding_tafel(request.user, lidmaatschap):
        raise PermissionDenied(_("Alleen de secretaris van de tafel legt een uittreding vast."))
    return _uittreding(
        request, selectors.Overgangsdoel(Overgangsregel.Niveau.TAFEL, lidmaatschap.organisatie, lidmaatschap=lidmaatschap),
        vastleggen=partial(services.uittreding_tafel_vastleggen, lidmaatschap=lidmaatschap),
        terug=reverse("tafels:lidmaatschap", args=[lidmaatschap.tafel_id, lidmaatschap.pk]),
    )


@require_http_methods(["GET", "POST"])
def uittreding_coalitie(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    deelname = get_object_or_404(
        Deelname.objects.select_related("coalitie", "organisatie"), coalitie_id=pk, organisatie_id=organisatie_pk
    )
    if not permissions.mag_uittreding_coalitie(request.user, deelname):
        raise PermissionDenied(_("Alleen de programmastaf van de eigen organisatie legt een uittreding uit een coalitie vast."))
    return _uittreding(
        request, selectors.Overgangsdoel(Overgangsregel.Niveau.COALITIE, deelname.organisatie, deelname=deelname),
        vastleggen=partial(services.uittreding_coalitie_vastleggen, deelname=deelname),
        terug=reverse("coalities:detail", args=[pk]),
    )


# --- Joining: the same page, the other direction ---------------------------------------------------------

TOETREDING = Overgangsregel.Richting.TOETREDING


@require_http_methods(["GET", "POST"])
def toetreding_samenwerking(request: HttpRequest) -> HttpResponse:
    """An organisation joins the cooperation: first from when it pays and what, then the confirmation."""
    if not permissions.mag_toetreding_samenwerking(request.user):
        raise PermissionDenied(_("Alleen de manager SDD of een beheerder legt een toetreding tot de samenwerking vast."))
    vandaag = timezone.localdate()
    form = SamenwerkingToetredingForm(request.POST or None, vandaag=vandaag, initial={
        "meldingsdatum": vandaag, "organisatie": request.GET.get("organisatie")})
    kop = selectors.Overgangsdoel(Overgangsregel.Niveau.SAMENWERKING, Organisatie(naam=_("een organisatie")),
                                  richting=TOETREDING)
    return _overgang(
        request, form,
        doel=lambda data: dataclasses.replace(kop, organisatie=data["organisatie"]),
        vastleggen=services.toetreding_samenwerking_vastleggen, terug=reverse("financiering:index"), kop=kop,
    )


@require_http_methods(["GET", "POST"])
def toetreding_tafel(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner joins the table by a decision of the table: first what it will pay, then the confirmation."""
    tafel = get_object_or_404(BestuurlijkeTafel, pk=pk)
    if not permissions.mag_toetreding_tafel(request.user, tafel):
        raise PermissionDenied(_("Alleen de secretaris van de tafel legt een toetreding vast."))
    form = PartnerToetredingForm(request.POST or None, tafel=tafel, initial={"meldingsdatum": timezone.localdate()})
    kop = selectors.Overgangsdoel(Overgangsregel.Niveau.TAFEL, Organisatie(naam=_("een partner")), richting=TOETREDING,
                                  tafel=tafel)
    return _overgang(
        request, form,
        doel=lambda data: selectors.Overgangsdoel(Overgangsregel.Niveau.TAFEL, data["organisatie"], richting=TOETREDING,
                                                  tafel=tafel),
        vastleggen=partial(services.toetreding_tafel_vastleggen, tafel=tafel),
        terug=reverse("tafels:detail", args=[tafel.pk]), kop=kop,
    )


@require_http_methods(["GET", "POST"])
def toetreding_lidmaatschap(request: HttpRequest, pk: int) -> HttpResponse:
    """An opted-out gemeente takes part in the table again: first what changes, then the confirmation."""
    lidmaatschap = get_object_or_404(
        Lidmaatschap.objects.select_related("tafel", "organisatie"), pk=pk, status=Lidmaatschap.Status.AFGEMELD,
        organisatie__soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE,
    )
    if not permissions.mag_toetreding_tafel(request.user, lidmaatschap.tafel):
        raise PermissionDenied(_("Alleen de secretaris van de tafel legt een toetreding vast."))
    form = ToetredingForm(request.POST or None, initial={"meldingsdatum": timezone.localdate()})
    doel = selectors.Overgangsdoel(Overgangsregel.Niveau.TAFEL, lidmaatschap.organisatie, lidmaatschap=lidmaatschap,
                                   richting=TOETREDING)
    return _overgang(
        request, form, doel=lambda _data: doel,
        vastleggen=partial(services.toetreding_lidmaatschap_vastleggen, lidmaatschap=lidmaatschap),
        terug=reverse("tafels:lidmaatschap", args=[lidmaatschap.tafel_id, lidmaatschap.pk]), kop=doel,
    )


@require_http_methods(["GET", "POST"])
def toetreding_coalitie(request: HttpRequest, pk: int, organisatie_pk: int) -> HttpResponse:
    """An organisation joins a coalition as a paying party: first what it will pay and from when, then the
    confirmation."""
    coalitie = get_object_or_404(Coalitie, pk=pk)
    organisatie = get_object_or_404(Organisatie, pk=organisatie_pk)
    if not permissions.mag_toetreding_coalitie(request.user, organisatie):
        raise PermissionDenied(_("Alleen de programmastaf van de eigen organisatie legt een toetreding tot een coalitie vast."))
    huidig = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
    if huidig is not None and huidig.variant != Deelname.Variant.GEEN:
        messages.info(request, _("%(organisatie)s neemt al deel aan %(coalitie)s.")
                      % {"organisatie": organisatie, "coalitie": coalitie})
        return redirect("coalities:deelname", pk=coalitie.pk, organisatie_pk=organisatie.pk)
    form = CoalitieToetredingForm(request.POST or None, initial={"meldingsdatum": timezone.localdate()})
    kop = selectors.Overgangsdoel(Overgangsregel.Niveau.COALITIE, organisatie, richting=TOETREDING, coalitie=coalitie)
    return _overgang(
        request, form,
        doel=lambda data: dataclasses.replace(kop, variant=data["variant"],
                                              solidariteitsbijdrage=data.get("solidariteitsbijdrage")),
        vastleggen=partial(services.toetreding_coalitie_vastleggen, coalitie=coalitie, organisatie=organisatie),
        terug=reverse("coalities:detail", args=[coalitie.pk]), kop=kop,
    )
