from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from drechtsteden import selectors

from . import dashboard, services
from .models import Systeemcontrole


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portaal/home.html",
        {"netwerk": selectors.netwerk_overzicht(), "voor_u": dashboard.voor_u(request.user)},
    )


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """A small page that only says the portal answers: the lowest cost of a page through the whole stack."""
    return render(request, "portaal/status.html")


def _vereist_beheerder(user) -> bool:
    if not user.is_beheerder:
        raise PermissionDenied
    return True


@require_GET
@user_passes_test(_vereist_beheerder)
def systeemstatus(request: HttpRequest) -> HttpResponse:
    """Keeps a check request and sends it to the worker; the page polls for its answer.

    When the broker is away the request is kept and the page says so; each poll tries to send it again.
    """
    controle = services.systeemcontrole_aanvragen(door=request.user)
    return render(request, "portaal/systeemstatus.html", {"controle": controle})


@require_GET
@vary_on_headers("HX-Request")
@user_passes_test(_vereist_beheerder)
def systeemstatus_antwoord(request: HttpRequest, task_id) -> HttpResponse:
    controle = get_object_or_404(Systeemcontrole, pk=task_id)
    if controle.status == Systeemcontrole.Status.BEWAARD:
        services.systeemcontrole_versturen(controle=controle)
        controle.refresh_from_db()
    template = "portaal/systeemstatus.html#antwoord" if request.htmx else "portaal/systeemstatus.html"
    return render(request, template, {"controle": controle})
