"""Generic views of document jobs: start, progress (polled by htmx), retry and download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from . import registry, services
from .models import Documentopdracht


BEWAARD = _lazy(
    "De achtergrondverwerking is nu niet bereikbaar. Uw aanvraag is bewaard: het document wordt gemaakt zodra "
    "die weer werkt. U kunt deze pagina sluiten."
)


def _get_opdracht_for_user(request: HttpRequest, pk: int) -> Documentopdracht:
    """404 for a job the user may not see (the document's own rule decides)."""
    opdracht = get_object_or_404(Documentopdracht, pk=pk)
    try:
        documentsoort = registry.soort(opdracht.soort)
    except ValidationError:
        raise Http404 from None
    if not documentsoort.mag_zien(request.user, opdracht.parameters):
        raise Http404
    return opdracht


def _context(request: HttpRequest, opdracht: Documentopdracht) -> dict:
    documentsoort = registry.soort(opdracht.soort)
    return {
        "opdracht": opdracht,
        "documentsoort": documentsoort,
        "mag_opnieuw": services.mag_opnieuw(opdracht) and documentsoort.mag_starten(request.user, opdracht.parameters),
    }


def _terug(request: HttpRequest, opdracht: Documentopdracht) -> HttpResponse:
    volgende = request.POST.get("volgende", "")
    if volgende and url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(volgende)
    documentsoort = registry.soort(opdracht.soort)
    if documentsoort.terug_url is not None:
        return redirect(documentsoort.terug_url(opdracht.parameters))
    return redirect("documenten:opdracht", pk=opdracht.pk)


@require_POST
def starten(request: HttpRequest, soort: str) -> HttpResponse:
    try:
        documentsoort = registry.soort(soort)
        parameters = documentsoort.parameters(request.POST)
    except ValidationError:
        raise Http404 from None
    if not documentsoort.mag_zien(request.user, parameters):
        raise Http404
    try:
        opdracht = services.documentopdracht_create(soort=soort, gegevens=request.POST, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        raise Http404 from None
    if request.htmx:
        return render(request, "documenten/opdracht.html#voortgang", _context(request, opdracht))
    if opdracht.is_bewaard:
        messages.warning(request, BEWAARD)
    else:
        messages.info(request, _("Het document wordt gemaakt."))
    return _terug(request, opdracht)


@require_GET
@vary_on_headers("HX-Request")
def opdracht(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress, polled by htmx; each poll offers a job kept while the broker was away again."""
    opdracht = _get_opdracht_for_user(request, pk)
    if opdracht.is_bewaard:
        services.documentopdracht_aanbieden(opdracht=opdracht, door=request.user)
    template = "documenten/opdracht.html#voortgang" if request.htmx else "documenten/opdracht.html"
    return render(request, template, _context(request, opdracht))


@require_POST
def opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    opdracht = _get_opdracht_for_user(request, pk)
    try:
        opdracht = services.documentopdracht_opnieuw(opdracht=opdracht, door=request.user)
    except ValidationError as fout:
        if request.htmx:
            return render(request, "documenten/opdracht.html#voortgang", {**_context(request, opdracht), "fout": " ".join(fout.messages)})
        messages.error(request, " ".join(fout.messages))
        return _terug(request, opdracht)
    if request.htmx:
        return render(request, "documenten/opdracht.html#voortgang", _context(request, opdracht))
    return _terug(request, opdracht)


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    opdracht = _get_opdracht_for_user(request, pk)
    if opdracht.status != Documentopdracht.Status.KLAAR:
        raise Http404
    services.inzage_vastleggen(opdracht=opdracht, door=request.user)
    return FileResponse(
        opdracht.bestand.open("rb"), as_attachment=True, filename=opdracht.bestandsnaam, content_type="application/pdf"
    )
