"""Screens of the bestuurlijke tafels: list, table page, membership, meetings, agenda builder, feeds."""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from drechtsteden import paginering
from drechtsteden.forms import fouten_naar_form, opslaan_met
from drechtsteden.models import Gebruiker

from . import besluitvorming, permissions, selectors, services
from .agenda import tafel_agenda
from .forms import (
    AanmeldingForm,
    AanwezigheidForm,
    ActiepuntForm,
    ActiepuntStatusForm,
    AgendapuntForm,
    AmbitieForm,
    BesluitForm,
    PriveNotitieForm,
    StemmingForm,
    StemregelingForm,
    StukForm,
    UrgentietoetsForm,
    VergaderingForm,
    VertegenwoordigerForm,
)
from .models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    BestuurlijkeTafel,
    Lidmaatschap,
    Stuk,
    Stukversie,
    Vergadering,
    veilige_bestandsnaam,
)


def _foutmelding(fout: ValidationError) -> str:
    return " ".join(fout.messages)


def _formfouten(form) -> str:
    return " ".join(str(e) for fouten in form.errors.values() for e in fouten)


# --- Access helpers ------------------------------------------------------------------------------


def _get_tafel_for_editor(request: HttpRequest, pk: int) -> BestuurlijkeTafel:
    tafel = get_object_or_404(BestuurlijkeTafel.objects.select_related("thema"), pk=pk)
    if not permissions.mag_tafel_bewerken(gebruiker=request.user, tafel=tafel):
        raise PermissionDenied
    return tafel


def _get_vergadering_for_user(
    request: HttpRequest, pk: int, *, bewerken: bool = False, leden: list[Lidmaatschap] | None = None
) -> Vergadering:
    """404 for whoever may not see the meeting (a draft agenda stays hidden); 403 for a reader who edits.

    A given (empty) ``leden`` list is filled with the members at the table (``selectors.leden_aan_tafel``),
    read for the access check, so that the meeting page does not read them again. That is the meeting page's
    GET: its meeting and members are kept between requests (``selectors.vergadering_met_leden``), read only."""
    leden_ids = None
    if leden is None:
        vergadering = get_object_or_404(Vergadering.objects.select_related("tafel", "tafel__thema"), pk=pk)
    else:
        try:
            vergadering, aan_tafel = selectors.vergadering_met_leden(pk)
        except Vergadering.DoesNotExist:
            raise Http404 from None
        leden.extend(aan_tafel)
        leden_ids = {lid.organisatie_id for lid in leden}
    if not permissions.mag_vergadering_zien(request.user, vergadering, leden_ids):
        raise Http404
    if bewerken and not permissions.mag_tafel_bewerken(gebruiker=request.user, tafel=vergadering.tafel):
        raise PermissionDenied
    return vergadering


def _get_agendapunt_for_editor(request: HttpRequest, pk: int) -> Agendapunt:
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__tafel"), pk=pk)
    _get_vergadering_for_user(request, punt.vergadering_id, bewerken=True)
    return punt


# --- Tables --------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "tafels/index.html", {"tafels": selectors.tafels_overzicht()})


@require_GET
def tafel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        pagina = selectors.tafel_pagina(tafel_pk=pk, gebruiker=request.user)
    except BestuurlijkeTafel.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "tafels/tafel.html",
        {
            "pagina": pagina,
            "tafel": pagina.tafel,
            "mag_bewerken": permissions.mag_tafel_bewerken(gebruiker=request.user, tafel=pagina.tafel),
            "mag_plannen": permissions.mag_vergadering_plannen(request.user, pagina.tafel),
        },
    )


@require_GET
def vergaderingen(request: HttpRequest, pk: int) -> HttpResponse:
    """Every meeting of the table the user may see, newest first, paged."""
    try:
        pagina = selectors.tafel_pagina(tafel_pk=pk, gebruiker=request.user)
    except BestuurlijkeTafel.DoesNotExist:
        raise Http404 from None
    if not (pagina.mag_vergaderingen_zien or pagina.mag_concept_zien):
        raise PermissionDenied
    zichtbaar = selectors.zichtbare_vergaderingen_van(
        pagina.tafel, zien=pagina.mag_vergaderingen_zien, concept=pagina.mag_concept_zien
    )
    return render(request, "tafels/vergaderingen.html", {
        "tafel": pagina.tafel, "vergaderingen": paginering.pagina(request, zichtbaar.order_by("-begint_om", "-pk")),
    })


def _lidmaatschap(request: HttpRequest, pk: int, lid_pk: int) -> tuple[BestuurlijkeTafel, Lidmaatschap]:
    tafel = _get_tafel_for_editor(request, pk)
    lid = get_object_or_404(tafel.lidmaatschappen.select_related("organisatie", "vertegenwoordiger"), pk=lid_pk)
    return tafel, lid


def _lidmaatschap_pagina(
    request: HttpRequest, tafel: BestuurlijkeTafel, lid: Lidmaatschap, **gebonden: forms.Form
) -> HttpResponse:
    """The membership page with its form; ``gebonden`` holds the one just sent back with its messages."""
    formulieren = {
        "vertegenwoordiger": VertegenwoordigerForm(
            prefix="vertegenwoordiger", lidmaatschap=lid,
            initial={"vertegenwoordiger": lid.vertegenwoordiger_id},
        ),
    } | gebonden
    historie = lid.history.select_related("history_user", "vertegenwoordiger").order_by("-history_date", "-history_id")
    return render(
        request, "tafels/lidmaatschap.html", {"tafel": tafel, "lid": lid, "historie": historie, **formulieren}
    )


@require_GET
def lidmaatschap_wijzigen(request: HttpRequest, pk: int, lid_pk: int) -> HttpResponse:
    """A membership and its representing bestuurder; opting out and taking part again go through the
    confirmation of their consequences in financiering (the rule's dates, what is paid)."""
    tafel, lid = _lidmaatschap(request, pk, lid_pk)
    return _lidmaatschap_pagina(request, tafel, lid)


# Each change of a membership: its form (under its name on the page), the service and the message.
LidmaatschapActie = tuple[str, Callable[..., forms.Form], Callable[..., object], Callable[[Lidmaatschap], str]]
LIDMAATSCHAP_ACTIES: dict[str, LidmaatschapActie] = {
    "vertegenwoordiger": (
        "vertegenwoordiger",
        lambda data, lid: VertegenwoordigerForm(data, prefix="vertegenwoordiger", lidmaatschap=lid),
        services.lidmaatschap_vertegenwoordiger_instellen,
        lambda lid: _("De vertegenwoordiger is opgeslagen."),
    ),
}


@require_POST
def lidmaatschap_actie(request: HttpRequest, pk: int, lid_pk: int, actie: str) -> HttpResponse:
    """One change of a membership (its own URL per ``actie``): saved and back to the page, or the page
    with that form's messages."""
    tafel, lid = _lidmaatschap(request, pk, lid_pk)
    naam, form_maken, service, gelukt = LIDMAATSCHAP_ACTIES[actie]
    form = form_maken(request.POST, lid)
    if opslaan_met(form, lambda data: service(lidmaatschap=lid, door=request.user, **data)):
        messages.success(request, gelukt(lid))
        return redirect("tafels:lidmaatschap", pk=tafel.pk, lid_pk=lid.pk)
    return _lidmaatschap_pagina(request, tafel, lid, **{naam: form})


@require_http_methods(["GET", "POST"])
def ambitie_vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    tafel = _get_tafel_for_editor(request, pk)
    huidige = tafel.ambities.order_by("-versie").first()
    form = AmbitieForm(request.POST or None, initial={"tekst": huidige.tekst if huidige else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.ambitie_vaststellen(tafel=tafel, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De nieuwe versie van de ambitie is vastgelegd."))
            return redirect("tafels:detail", pk=tafel.pk)
    return render(request, "tafels/ambitie.html", {"tafel": tafel, "form": form})


@require_http_methods(["GET", "POST"])
def vergadering_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    tafel = get_object_or_404(BestuurlijkeTafel.objects.select_related("thema"), pk=pk)
    if not permissions.mag_vergadering_plannen(request.user, tafel):
        raise PermissionDenied
    form = VergaderingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vergadering = services.vergadering_create(tafel=tafel, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            return redirect("tafels:vergadering", pk=vergadering.pk)
    return render(request, "tafels/vergadering_nieuw.html", {"tafel": tafel, "form": form})


# --- Meeting page and agenda builder -------------------------------------------------------------


def _vergadering_context(
    request: HttpRequest, vergadering: Vergadering, *, leden: list[Lidmaatschap] | None = None, **extra
) -> dict:
    mag_bewerken = permissions.mag_tafel_bewerken(gebruiker=request.user, tafel=vergadering.tafel)
    pagina = selectors.vergadering_pagina(vergadering=vergadering, leden=leden)
    # The organisations at the table, as the page read them (its members at the table).
    leden_ids = {lid.organisatie_id for lid in pagina.leden}
    context = {
        "vergadering": vergadering,
        "tafel": vergadering.tafel,
        "pagina": pagina,
        "mag_bewerken": mag_bewerken,
        "processtappen": AgendapuntForm.base_fields["processtap"].choices,
        "actiestatussen": Actiepunt.Status.choices,
        "aanwezigheidsstatussen": Aanwezigheid.Status.choices,
        # Private notes: only the user's own, never anyone else's.
        "notities": selectors.prive_notities(gebruiker=request.user, vergadering=vergadering),
        "mag_notities": permissions.mag_notities_bijhouden(request.user, vergadering),
        "pakket": selectors.agendapakket_blok(vergadering=vergadering, gebruiker=request.user, leden_ids=leden_ids),
        # Why decisions cannot be recorded yet (or any more): the page says so instead of offering the form.
        "besluit_beletsel": vergadering.besluit_beletsel(),
        "stukken_beletsel": vergadering.stukken_beletsel(),
    }
    if mag_bewerken:
        actie_form = ActiepuntForm(tafel=vergadering.tafel)
        context["eigenaar_personen"] = list(actie_form.fields["eigenaar_persoon"].queryset.order_by("sorteernaam", "first_name"))
        context["eigenaar_organisaties"] = list(actie_form.fields["eigenaar_organisatie"].queryset.order_by("naam"))
        if vergadering.is_concept:
            extra.setdefault("punt_form", AgendapuntForm(tafel=vergadering.tafel, prefix="nieuw"))
            extra.setdefault("toets_form", UrgentietoetsForm(prefix="toets"))
    if permissions.mag_aanmelden(request.user, vergadering, leden_ids):
        eigen = [a for a in pagina.aanmeldingen.get(request.user.organisatie_id, []) if a.gebruiker_id == request.user.pk]
        context["aanmelding"] = eigen[0] if eigen else None
        context["aanmelding_form"] = AanmeldingForm(user=request.user)
        context["vervangers"] = list(context["aanmelding_form"].fields["vervanger"].queryset)
    context.update(extra)
    if "bewerk_form" in context and context["bewerk_form"] is not None:
        context["bewerk_id"] = context["bewerk_form"].agendapunt_id
    return context


def _agenda_antwoord(request: HttpRequest, vergadering: Vergadering, *, fout: str = "", **extra) -> HttpResponse:
    """After an agenda change: the agenda fragment for htmx, otherwise back to the meeting page."""
    if request.htmx:
        context = _vergadering_context(request, vergadering, fout=fout, **extra)
        return render(request, "tafels/vergadering.html#agenda", context)
    if fout:
        messages.error(request, fout)
    return redirect(reverse("tafels:vergadering", args=[vergadering.pk]) + "#agenda")


def _punt_fout(request: HttpRequest, punt: Agendapunt, formulier: str, fout: str) -> HttpResponse:
    """A refused paper, decision or action on an item: the message above the item, and that form open again
    with what was typed (a file is never sent back)."""
    return _agenda_antwoord(
        request, punt.vergadering, fout=fout, fout_punt=punt.pk, fout_formulier=formulier, ingevuld=request.POST,
    )


@require_GET
@vary_on_headers("HX-Request")
def vergadering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    leden: list[Lidmaatschap] = []
    vergadering = _get_vergadering_for_user(request, pk, leden=leden)
    template = "tafels/vergadering.html#agenda" if request.htmx else "tafels/vergadering.html"
    return render(request, template, _vergadering_context(request, vergadering, leden=leden))


@require_POST
def vergadering_status(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = _get_vergadering_for_user(request, pk, bewerken=True)
    try:
        services.vergadering_status_verder(vergadering=vergadering, naar=request.POST.get("naar", ""), door=request.user)
    except ValidationError as fout:
        messages.error(request, _foutmelding(fout))
    else:
        vergadering.refresh_from_db()
        messages.success(request, _("De status is nu: %(status)s.") % {"status": vergadering.get_status_display()})
    return redirect("tafels:vergadering", pk=vergadering.pk)


@require_POST
def agendapunt_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = _get_vergadering_for_user(request, pk, bewerken=True)
    form = AgendapuntForm(request.POST, tafel=vergadering.tafel, prefix="nieuw")
    if form.is_valid():
        try:
            services.agendapunt_create(vergadering=vergadering, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            return _agenda_antwoord(request, vergadering)
    if request.htmx:
        return _agenda_antwoord(request, vergadering, punt_form=form)
    return render(request, "tafels/vergadering.html", _vergadering_context(request, vergadering, punt_form=form))


@require_POST
def urgentietoets(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = _get_vergadering_for_user(request, pk, bewerken=True)
    form = UrgentietoetsForm(request.POST, prefix="toets")
    if form.is_valid():
        try:
            toets = services.urgentietoets_vastleggen(vergadering=vergadering, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            if not toets.toegelaten:
                melding = _("„%(titel)s” is niet toegelaten: niet alle drie de vragen zijn met ja beantwoord.")
                return _agenda_antwoord(request, vergadering, fout=melding % {"titel": toets.titel})
            return _agenda_antwoord(request, vergadering)
    if request.htmx:
        return _agenda_antwoord(request, vergadering, toets_form=form)
    return render(request, "tafels/vergadering.html", _vergadering_context(request, vergadering, toets_form=form))


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def agendapunt_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    vergadering = punt.vergadering
    initial = {veld: getattr(punt, veld) for veld in ("titel", "toelichting", "soort", "minuten", "processtap")}
    initial["coalitie"] = punt.coalitie_id
    form = AgendapuntForm(
        request.POST or None, tafel=vergadering.tafel, agendapunt=punt,
        prefix=f"punt-{punt.pk}", initial=initial,
    )
    form.agendapunt_id = punt.pk
    if request.method == "POST" and form.is_valid():
        try:
            services.agendapunt_update(agendapunt=punt, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            return _agenda_antwoord(request, vergadering)
    context = _vergadering_context(request, vergadering, bewerk_form=form)
    template = "tafels/vergadering.html#agenda" if request.htmx else "tafels/vergadering.html"
    return render(request, template, context)


@require_POST
def agendapunt_verplaatsen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    try:
        services.agendapunt_verplaatsen(agendapunt=punt, richting=request.POST.get("richting", ""), door=request.user)
    except ValidationError as fout:
        return _agenda_antwoord(request, punt.vergadering, fout=_foutmelding(fout))
    return _agenda_antwoord(request, punt.vergadering)


@require_POST
def agendapunt_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    vergadering = punt.vergadering
    try:
        services.agendapunt_delete(agendapunt=punt, door=request.user)
    except ValidationError as fout:
        return _agenda_antwoord(request, vergadering, fout=_foutmelding(fout))
    return _agenda_antwoord(request, vergadering)


@require_POST
def stuk_uploaden(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    form = StukForm(request.POST, request.FILES)
    if not form.is_valid():
        return _punt_fout(request, punt, "stuk", _formfouten(form))
    stuk = None
    if form.cleaned_data["stuk"]:
        stuk = get_object_or_404(Stuk, pk=form.cleaned_data["stuk"], agendapunt=punt)
    try:
        services.stuk_uploaden(
            agendapunt=punt, bestand=form.cleaned_data["bestand"], titel=form.cleaned_data["titel"], stuk=stuk,
            door=request.user,
        )
    except ValidationError as fout:
        return _punt_fout(request, punt, "stuk", _foutmelding(fout))
    return _agenda_antwoord(request, punt.vergadering)


@require_POST
def prive_notitie(request: HttpRequest, pk: int) -> HttpResponse:
    """Saves the bestuurder's own note on an agenda item; answers with the note fragment for htmx."""
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__tafel"), pk=pk)
    _get_vergadering_for_user(request, punt.vergadering_id)
    if not permissions.mag_notitie_schrijven(request.user, punt):
        raise PermissionDenied(_("Alleen een bestuurder die deze vergadering kan inzien, houdt hier notities bij."))
    form = PriveNotitieForm(request.POST, prefix=f"notitie-{punt.pk}")
    fout = ""
    notitie = None
    opgeslagen = False
    if form.is_valid():
        try:
            notitie = services.prive_notitie_opslaan(
                agendapunt=punt, tekst=form.cleaned_data["tekst"], versie=form.cleaned_data["versie"], door=request.user
            )
            opgeslagen = True
        except ValidationError as fout_:
            fout = _foutmelding(fout_)
    else:
        fout = _formfouten(form)
    if not request.htmx:
        if fout:
            messages.error(request, fout)
        else:
            messages.success(request, _("Uw notitie is opgeslagen."))
        return redirect(reverse("tafels:vergadering", args=[punt.vergadering_id]) + f"#punt-{punt.pk}")
    if fout:
        notitie = selectors.prive_notities(gebruiker=request.user, vergadering=punt.vergadering).get(punt.pk)
    return render(request, "tafels/_notitie.html", {
        "punt": punt, "notitie": notitie, "fout": fout, "opgeslagen": opgeslagen,
        "ingevoerd": form.data.get(f"notitie-{punt.pk}-tekst", "") if fout else None,
    })


@require_POST
def besluit_vastleggen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    form = BesluitForm(request.POST)
    if not form.is_valid():
        return _punt_fout(request, punt, "besluit", _formfouten(form))
    try:
        services.besluit_vastleggen(agendapunt=punt, tekst=form.cleaned_data["tekst"], door=request.user)
    except ValidationError as fout:
        return _punt_fout(request, punt, "besluit", _foutmelding(fout))
    return _agenda_antwoord(request, punt.vergadering)


@require_POST
def actiepunt_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _get_agendapunt_for_editor(request, pk)
    form = ActiepuntForm(request.POST, tafel=punt.vergadering.tafel)
    if not form.is_valid():
        return _punt_fout(request, punt, "actie", _formfouten(form))
    try:
        services.actiepunt_create(agendapunt=punt, door=request.user, **form.cleaned_data)
    except ValidationError as fout:
        return _punt_fout(request, punt, "actie", _foutmelding(fout))
    return _agenda_antwoord(request, punt.vergadering)


@require_POST
def actiepunt_status(request: HttpRequest, pk: int) -> HttpResponse:
    actiepunt = get_object_or_404(Actiepunt.objects.select_related("agendapunt__vergadering__tafel"), pk=pk)
    # The form sits on the meeting page where the action is shown (its own or a later meeting).
    vergadering_pk = request.POST.get("vergadering") or str(actiepunt.agendapunt.vergadering_id)
    if not re.fullmatch(r"[0-9]{1,18}", vergadering_pk):
        raise Http404
    vergadering = _get_vergadering_for_user(request, int(vergadering_pk), bewerken=True)
    if vergadering.tafel_id != actiepunt.agendapunt.vergadering.tafel_id:
        raise Http404
    form = ActiepuntStatusForm(request.POST)
    if not form.is_valid():
        return _agenda_antwoord(request, vergadering, fout=_("Kies een status uit de lijst: open, gereed of vervallen."))
    try:
        services.actiepunt_status_wijzigen(actiepunt=actiepunt, status=form.cleaned_data["status"], door=request.user)
    except ValidationError as fout:
        return _agenda_antwoord(request, vergadering, fout=_foutmelding(fout))
    return _agenda_antwoord(request, vergadering)


@require_POST
def aanwezigheid(request: HttpRequest, pk: int) -> HttpResponse:
    """Saves every member's chosen attendance, or, if any value is not one of the choices, nothing at all."""
    vergadering = _get_vergadering_for_user(request, pk, bewerken=True)
    terug = redirect(reverse("tafels:vergadering", args=[vergadering.pk]) + "#aanwezigheid")
    leden = vergadering.tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).select_related("organisatie")
    keuzes, ongeldig = [], []
    for lid in leden:
        waarde = request.POST.get(f"aanwezigheid-{lid.organisatie_id}", "")
        if waarde == "":
            continue  # "— nog niet vastgelegd —"
        form = AanwezigheidForm({"organisatie": lid.organisatie_id, "status": waarde})
        if form.is_valid():
            keuzes.append((lid.organisatie, form.cleaned_data["status"]))
        else:
            ongeldig.append(str(lid.organisatie))
    if ongeldig:
        messages.error(
            request,
            _("Kies een aanwezigheid uit de lijst voor %(organisaties)s. Er is niets opgeslagen.")
            % {"organisaties": ", ".join(ongeldig)},
        )
        return terug
    if not keuzes:
        messages.error(request, _("Er is geen aanwezigheid gekozen. Er is niets opgeslagen."))
        return terug
    try:
        with transaction.atomic():
            for organisatie, status in keuzes:
                services.aanwezigheid_registreren(
                    vergadering=vergadering, organisatie=organisatie, status=status, door=request.user
                )
    except ValidationError as fout:
        messages.error(request, _foutmelding(fout))
        return terug
    messages.success(request, _("De aanwezigheid is opgeslagen."))
    return terug


@require_GET
def besluitenlijst(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering = _get_vergadering_for_user(request, pk)
    return render(
        request, "tafels/besluitenlijst.html",
        {"vergadering": vergadering, "tafel": vergadering.tafel,
         "punten": selectors.besluitenlijst_punten(vergadering=vergadering)},
    )


@require_GET
def stuk_download(request: HttpRequest, pk: int) -> FileResponse:
    """Documents are served only through this view, after the same check as the meeting page."""
    versie = get_object_or_404(Stukversie.objects.select_related("stuk__agendapunt"), pk=pk)
    _get_vergadering_for_user(request, versie.stuk.agendapunt.vergadering_id)
    return FileResponse(
        versie.bestand.open("rb"), as_attachment=True,
        filename=veilige_bestandsnaam(versie.bestandsnaam, versie.mime_type), content_type=versie.mime_type,
    )


# Extensions by the type detected when the document was uploaded, not by the name it came with.
EXTENSIES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


def _zipnaam(volgorde: int, nummer: int, titel: str, mime_type: str, gebruikt: set[str]) -> str:
    """A safe, unique name in the archive: item and document number, the title as a slug, the true extension."""
    basis = f"{volgorde:02d}-{nummer:02d}-{slugify(titel)[:60].strip('-') or 'stuk'}"
    naam = basis + EXTENSIES.get(mime_type, ".bin")
    teller = 2
    while naam in gebruikt:
        naam = f"{basis}-{teller}{EXTENSIES.get(mime_type, '.bin')}"
        teller += 1
    gebruikt.add(naam)
    return naam


@require_GET
def stukken_zip(request: HttpRequest, pk: int) -> FileResponse:
    """All current documents of the meeting in one ZIP, after the same check as the single downloads."""
    vergadering = _get_vergadering_for_user(request, pk)
    pagina = selectors.vergadering_pagina(vergadering=vergadering)
    if not pagina.stukken_totaal:
        raise Http404(_("Deze vergadering heeft nog geen stukken."))
    archief = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    gebruikt: set[str] = set()
    with zipfile.ZipFile(archief, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        for regel in pagina.regels:
            for nummer, s in enumerate(regel.stukken, start=1):
                naam = _zipnaam(regel.punt.volgorde, nummer, s.stuk.titel, s.huidige.mime_type, gebruikt)
                info = zipfile.ZipInfo(naam, date_time=timezone.localtime(s.huidige.geupload_op).timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                with s.huidige.bestand.open("rb") as bron, zip_.open(info, "w") as doel:
                    shutil.copyfileobj(bron, doel, 1024 * 1024)
    archief.seek(0)
    naam = f"stukken-{slugify(vergadering.tafel.naam)[:60]}-{timezone.localtime(vergadering.begint_om):%Y-%m-%d}.zip"
    return FileResponse(archief, as_attachment=True, filename=naam, content_type="application/zip")


# --- Calendar feeds ------------------------------------------------------------------------------


def _gebruiker_voor_token(token: str) -> Gebruiker:
    gebruiker = Gebruiker.objects.filter(agenda_token=token, is_active=True).prefetch_related("rollen").first()
    if gebruiker is None:
        raise Http404
    return gebruiker


def _ics(inhoud: bytes, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{naam}.ics"'
    return response


@login_not_required
@require_GET
def agenda_persoonlijk(request: HttpRequest, token: str) -> HttpResponse:
    gebruiker = _gebruiker_voor_token(token)
    vergaderingen = selectors.zichtbare_vergaderingen(gebruiker)
    return _ics(tafel_agenda(vergaderingen, naam=_("Mijn bestuurlijke tafels"), request=request), "mijn-tafels")


@login_not_required
@require_GET
def agenda_tafel(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    gebruiker = _gebruiker_voor_token(token)
    tafel = get_object_or_404(BestuurlijkeTafel, pk=pk)
    if not permissions.mag_vergaderingen_zien(gebruiker, tafel):
        raise Http404
    vergaderingen = tafel.vergaderingen.select_related("tafel", "tafel__thema").order_by("begint_om")
    if not permissions.mag_concept_zien(gebruiker, tafel):
        # A network role follows the table, but a draft agenda stays with those at the table.
        vergaderingen = vergaderingen.exclude(status=Vergadering.Status.CONCEPT)
    return _ics(tafel_agenda(vergaderingen, naam=tafel.naam, request=request), f"tafel-{tafel.pk}")


# --- Aanmelden and afmelden ---------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def aanmelden(request: HttpRequest, pk: int) -> HttpResponse:
    """A bestuurder says whether they come; htmx gets the block back, others the page they came from."""
    vergadering = _get_vergadering_for_user(request, pk)
    if not permissions.mag_aanmelden(request.user, vergadering):
        raise PermissionDenied
    form = AanmeldingForm(request.POST, user=request.user)
    aanmelding = None
    if form.is_valid():
        try:
            aanmelding = services.aanmelding_vastleggen(
                vergadering=vergadering, status=form.cleaned_data["status"],
                vervanger=form.cleaned_data["vervanger"], door=request.user,
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
    if request.htmx:
        if aanmelding is None:
            aanmelding = vergadering.aanmeldingen.filter(gebruiker=request.user).select_related("vervanger").first()
        return render(
            request, "tafels/_aanmelding.html",
            {
                "vergadering": vergadering, "aanmelding": aanmelding, "aanmelding_form": form,
                "vervangers": list(form.fields["vervanger"].queryset), "opgeslagen": form.is_valid(),
            },
        )
    if form.is_valid():
        messages.success(request, _("Uw aan- of afmelding is opgeslagen."))
    else:
        messages.error(request, _formfouten(form))
    return redirect(_veilige_terugweg(request) or reverse("tafels:vergadering", args=[vergadering.pk]))


def _veilige_terugweg(request: HttpRequest) -> str | None:
    """The page the form was on (dashboard or meeting page), only when it is this portal's own path."""
    volgende = request.POST.get("volgende", "")
    if volgende and url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        return volgende
    return None


# --- Vote rules and decisions by vote ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def stemregeling(request: HttpRequest, pk: int) -> HttpResponse:
    """The table's vote rules: mix, caps, groups and threshold, with today's weights beside them."""
    tafel = get_object_or_404(BestuurlijkeTafel.objects.select_related("thema"), pk=pk)
    if not permissions.mag_stemregeling_wijzigen(request.user, tafel):
        raise PermissionDenied
    regeling = besluitvorming.stemregeling_van(tafel)
    leden = besluitvorming.stemgerechtigden(tafel)
    groepen = besluitvorming.groepen_van(regeling)
    initial = {
        veld: getattr(regeling, veld)
        for veld in ("weging_gelijk", "weging_inwoners", "weging_bijdrage", "bijdrage_jaar", "bijdrage_componenten",
                     "plafond_pct", "groepsplafond_pct", "drempel", "versie")
    } | {f"groep_{org_id}": groep for org_id, groep in groepen.items()}
    form = StemregelingForm(request.POST or None, leden=leden, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            besluitvorming.stemregeling_opslaan(
                tafel=tafel, door=request.user, versie=form.cleaned_data["versie"], groepen=form.groepen(),
                **form.regeling(),
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De stemregeling is opgeslagen."))
            return redirect("tafels:stemregeling", pk=tafel.pk)
    berekening = besluitvorming.berekenen(tafel=tafel, datum=timezone.localdate())
    bekende_groepen = sorted({"stedelijk", "polder", *groepen.values()})
    return render(
        request, "tafels/stemregeling.html",
        {"tafel": tafel, "form": form, "berekening": berekening, "bekende_groepen": bekende_groepen},
    )


@require_http_methods(["GET", "POST"])
def stemming_vastleggen(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision by vote on an agenda item: every voting member's vote, the weights and the outcome."""
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__tafel__thema", "coalitie"), pk=pk)
    vergadering = _get_vergadering_for_user(request, punt.vergadering_id)
    if not permissions.mag_stemming_vastleggen(request.user, punt):
        raise PermissionDenied
    leden = besluitvorming.stemgerechtigden(vergadering.tafel, agendapunt=punt)
    form = StemmingForm(request.POST or None, leden=leden)
    if request.method == "POST" and form.is_valid():
        try:
            besluitvorming.stemming_vastleggen(
                agendapunt=punt, tekst=form.cleaned_data["tekst"], stemmen=form.stemmen(), door=request.user
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De stemming is vastgelegd."))
            return redirect(reverse("tafels:vergadering", args=[vergadering.pk]) + f"#punt-{punt.pk}")
    datum = timezone.localtime(vergadering.begint_om).date()
    return render(
        request, "tafels/stemming.html",
        {"tafel": vergadering.tafel, "vergadering": vergadering, "punt": punt, "form": form,
         "berekening": besluitvorming.berekenen(tafel=vergadering.tafel, datum=datum, agendapunt=punt),
         "regeling": besluitvorming.stemregeling_van(vergadering.tafel),
         "besluit_beletsel": vergadering.besluit_beletsel()},
    )
