from celery.result import AsyncResult
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from drechtsteden import selectors
from drechtsteden.invoer import parse_jaar
from drechtsteden.models import Organisatie
from drechtsteden.tasks import health_check

from . import dashboard, pdfs
from . import selectors as portaal_selectors
from .permissions import mag_raadsinformatie_zien


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portaal/home.html",
        {"netwerk": selectors.netwerk_overzicht(), "voor_u": dashboard.voor_u(request.user)},
    )


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


# --- Raadsinformatie per gemeente ----------------------------------------------------------------


def _get_gemeente_for_user(request: HttpRequest, pk: int) -> Organisatie:
    """404 for what is not a gemeente; 403 for anyone but its own college, council and secretaris."""
    organisatie = get_object_or_404(Organisatie, pk=pk, soort__in=Organisatie.GEMEENTEN)
    if not mag_raadsinformatie_zien(request.user, organisatie):
        raise PermissionDenied(
            _("De raadsinformatie is voor de eigen secretaris, bestuurders en raadsleden van %(naam)s.")
            % {"naam": organisatie.naam}
        )
    return organisatie


def jaarkeuze() -> list[int]:
    """Last year, this year and the next four."""
    dit_jaar = timezone.localdate().year
    return list(range(dit_jaar - 1, dit_jaar + 5))


def _jaar_uit(request: HttpRequest) -> int:
    try:
        return parse_jaar(request.GET.get("jaar") or timezone.localdate().year)
    except ValidationError:
        raise Http404(_("Onbekend jaar.")) from None


@require_GET
def raadsinformatie(request: HttpRequest, pk: int) -> HttpResponse:
    """The gemeente's page to have its raadsinformatie made (a document job) and download it."""
    from documenten.models import Documentopdracht
    from documenten.services import mag_opnieuw

    from .rapporten import SOORT

    organisatie = _get_gemeente_for_user(request, pk)
    jaar = _jaar_uit(request)
    opdracht = (
        Documentopdracht.objects.filter(soort=SOORT, parameters__organisatie=organisatie.pk)
        .order_by("-aangemaakt_op", "-id").first()
    )
    return render(request, "portaal/raadsinformatie.html", {
        "organisatie": organisatie,
        "jaar": jaar,
        "jaarkeuze": sorted(set(jaarkeuze()) | {jaar}),
        "opdracht": opdracht,
        "mag_opnieuw": bool(opdracht and not request.user.alleen_lezen and mag_opnieuw(opdracht)),
    })


@require_GET
def raadsinformatie_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The raadsinformatie made at once, for those who only read (a raadslid starts no jobs)."""
    organisatie = _get_gemeente_for_user(request, pk)
    jaar = _jaar_uit(request)
    info = portaal_selectors.raadsinformatie(organisatie=organisatie, jaar=jaar)
    response = HttpResponse(pdfs.raadsinformatie_pdf(info), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdfs.bestandsnaam(info)}"'
    return response
