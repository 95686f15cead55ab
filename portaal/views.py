from celery.result import AsyncResult
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from drechtsteden import selectors
from drechtsteden.tasks import health_check

from . import dashboard


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
    """Sends a health task to the worker; the page polls for its answer."""
    result = health_check.delay()
    return render(request, "portaal/systeemstatus.html", {"task_id": result.id})


@require_GET
@vary_on_headers("HX-Request")
@user_passes_test(_vereist_beheerder)
def systeemstatus_antwoord(request: HttpRequest, task_id) -> HttpResponse:
    result = AsyncResult(str(task_id))
    context = {"task_id": task_id, "klaar": result.ready(), "antwoord": result.result if result.successful() else None}
    template = "portaal/systeemstatus.html#antwoord" if request.htmx else "portaal/systeemstatus.html"
    return render(request, template, context)
