from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, user_passes_test
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from drechtsteden import paginering, selectors, spreadsheets
from drechtsteden.invoer import parse_jaar
from drechtsteden.models import Organisatie
from tafels.forms import AanmeldingForm

from . import dashboard, pdfs, services
from . import selectors as portaal_selectors
from .forms import NetwerkFilterForm
from .models import Systeemcontrole
from .permissions import mag_raadsinformatie_zien, mag_systeemcontrole_aanvragen


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own dashboard (the last one chosen, for a user with several); others on the network."""
    soorten = dashboard.dashboards_voor(request.user)
    gekozen = request.session.get("dashboard")
    soort = next((s for s in soorten if s.code == gekozen), soorten[0] if soorten else None)
    if soort is None:
        gemeente = request.user.organisatie if request.user.organisatie_id else None
        if gemeente is not None and mag_raadsinformatie_zien(request.user, gemeente):
            # A raadslid lands on what their gemeente does and pays in the cooperation.
            return redirect("raadsinformatie", pk=gemeente.pk)
        return netwerk(request)
    return _dashboard(request, soort, soorten)


@require_GET
def netwerk(request: HttpRequest) -> HttpResponse:
    """The network page: gemeenten, neighbours, partners and themes, and what is there for the user."""
    return render(
        request,
        "portaal/home.html",
        {"netwerk": selectors.netwerk_overzicht(), "voor_u": dashboard.voor_u(request.user)},
    )


@require_GET
@vary_on_headers("HX-Request")
def mijn_dashboard(request: HttpRequest, soort: str) -> HttpResponse:
    """One of the user's dashboards; choosing it makes it the landing page from now on."""
    soorten = dashboard.dashboards_voor(request.user)
    gekozen = next((s for s in soorten if s.code == soort), None)
    if gekozen is None:
        raise Http404 if soort not in dashboard.SOORT_PER_CODE else PermissionDenied
    if request.session.get("dashboard") != gekozen.code:  # an unchanged session is not written again
        request.session["dashboard"] = gekozen.code
    return _dashboard(request, gekozen, soorten)


def _dashboard(request: HttpRequest, soort: dashboard.Soort, soorten: list[dashboard.Soort]) -> HttpResponse:
    if soort.elders:
        return redirect(soort.elders)
    context = {"soort": soort, "soorten": soorten}
    if soort.code == "vergaderingen":
        context["mijn"] = dashboard.mijn_vergaderingen(request.user)
        context["aanmelding_form"] = AanmeldingForm(user=request.user)
    elif soort.code == "toezeggingen":
        context["te_doen"] = dashboard.mijn_toezeggingen(request.user)
    else:
        filter_form = NetwerkFilterForm(request.GET or None)
        filters = _netwerk_filters(filter_form)
        context.update(filter_form=filter_form, oogopslag=dashboard.netwerk_oogopslag(**filters))
        if request.htmx:
            return render(request, "portaal/dashboard_netwerk.html#signalen", context)
    return render(request, f"portaal/dashboard_{soort.code}.html", context)


@require_GET
def te_doen_lijst(request: HttpRequest, lijst: str) -> HttpResponse:
    """One list of the programme staff dashboard in full, paged."""
    if lijst not in dashboard.TE_DOEN_TITELS:
        raise Http404
    if not any(s.code == "toezeggingen" for s in dashboard.dashboards_voor(request.user)):
        raise PermissionDenied
    items = dashboard.te_doen_lijst(request.user, lijst)
    return render(request, "portaal/te_doen_lijst.html", {
        "lijst": lijst,
        "titel": dashboard.TE_DOEN_TITELS[lijst],
        "organisatie": request.user.organisatie if request.user.organisatie_id else None,
        "pagina": paginering.pagina(request, items) if items is not None else None,
    })


def _netwerk_filters(form: NetwerkFilterForm) -> dict:
    if not form.is_bound or not form.is_valid():
        return {}
    return {
        "tafel_id": form.cleaned_data["tafel"].pk if form.cleaned_data["tafel"] else None,
        "organisatie_id": form.cleaned_data["organisatie"].pk if form.cleaned_data["organisatie"] else None,
    }


@require_GET
def netwerk_export(request: HttpRequest) -> HttpResponse:
    """The network view's lists (with the same filters) as one CSV for Excel."""
    if not any(s.code == "netwerk" for s in dashboard.dashboards_voor(request.user)):
        raise PermissionDenied
    form = NetwerkFilterForm(request.GET or None)
    oogopslag = dashboard.netwerk_oogopslag(**_netwerk_filters(form))
    blad = spreadsheets.Blad(
        naam=_("Signalen netwerk"),
        kolommen=[
            spreadsheets.Kolom(_("Soort")), spreadsheets.Kolom(_("Tafel")), spreadsheets.Kolom(_("Onderwerp")),
            spreadsheets.Kolom(_("Wie")), spreadsheets.Kolom(_("Datum"), spreadsheets.DATUM),
        ],
    )
    for versie in oogopslag.signalen.late_stukken:
        vergadering = versie.stuk.agendapunt.vergadering
        blad.rijen.append([_("Stuk te laat"), vergadering.tafel.naam, versie.stuk.titel, "", versie.geupload_op.date()])
    for punt in oogopslag.signalen.ontbrekende_stukken:
        blad.rijen.append([_("Stuk ontbreekt"), punt.vergadering.tafel.naam, punt.titel, "", punt.vergadering.begint_om.date()])
    for actie in oogopslag.signalen.verlopen_acties:
        blad.rijen.append(
            [_("Actie verlopen"), actie.agendapunt.vergadering.tafel.naam, actie.omschrijving, str(actie.eigenaar), actie.deadline]
        )
    for keuze in oogopslag.open_keuzes:
        blad.rijen.append([_("Nog geen keuze"), keuze.coalitie.tafel.naam, keuze.coalitie.naam, keuze.organisatie.naam, None])
    return spreadsheets.download(spreadsheets.exporteer([blad], spreadsheets.CSV), spreadsheets.CSV, "netwerk-signalen")


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """A small page that only says the portal answers: the lowest cost of a page through the whole stack."""
    return render(request, "portaal/status.html")


@login_not_required
@require_GET
def over_het_portaal(request: HttpRequest, pagina: str) -> HttpResponse:
    """The pages every government site has, readable without logging in: accessibility, privacy, contact."""
    return render(request, f"portaal/over/{pagina}.html", {"contact_email": settings.DEFAULT_FROM_EMAIL})


def _vereist_beheerder(user) -> bool:
    if not mag_systeemcontrole_aanvragen(user):
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
        services.systeemcontrole_versturen(controle=controle, door=request.user)
        controle.refresh_from_db()
    template = "portaal/systeemstatus.html#antwoord" if request.htmx else "portaal/systeemstatus.html"
    return render(request, template, {"controle": controle})


# --- Raadsinformatie per gemeente ----------------------------------------------------------------


def _get_gemeente_for_user(request: HttpRequest, pk: int) -> Organisatie:
    """404 for what is not a gemeente; 403 for anyone but its own college, council and secretaris."""
    organisatie = get_object_or_404(Organisatie, pk=pk, soort__in=Organisatie.GEMEENTEN)
    if not mag_raadsinformatie_zien(request.user, organisatie):
        raise PermissionDenied(
            _("De raadsinformatie is voor de eigen secretaris, bestuurders en raadsleden van %(naam)s.")
            % {"naam": organisatie.naam}
        )
    if request.user.organisatie_id == organisatie.pk:
        request.user.organisatie = organisatie  # the header names it: not read a second time
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
    """The gemeente's page to have its raadsinformatie made (a document job) and download it, with a summary
    of it on screen (the coalitions a page at a time); the PDF holds the whole document."""
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
        "info": portaal_selectors.raadsinformatie_scherm(
            organisatie=organisatie, jaar=jaar, pagina=request.GET.get(paginering.PARAMETER) or 1
        ),
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


# --- Groeiperspectief ----------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def groeiperspectief(request: HttpRequest) -> HttpResponse:
    """The map of themes, tables, coalitions and dependencies, with its list view; filters update it by htmx."""
    from documenten.models import Documentopdracht
    from documenten.services import mag_opnieuw

    from . import groeiperspectief_rapport as rapport

    filters, gp, kaart = rapport.kaart_en_lijst(request.GET, pagina=request.GET.get(paginering.PARAMETER) or 1)
    parameters = rapport.als_parameters(filters)
    opdracht = None
    if not request.user.alleen_lezen:
        opdracht = (
            Documentopdracht.objects.filter(soort=rapport.SOORT, parameters=parameters)
            .order_by("-aangemaakt_op", "-id").first()
        )
    context = {
        "filter": filters,
        "gp": gp,
        "kaart": kaart,
        "overzicht": gp.overzicht,
        "omschrijving": rapport.omschrijving(filters),
        "parameters": parameters,
        "query": urlencode(filters.parameters),
        "opdracht": opdracht,
        "mag_opnieuw": bool(opdracht and mag_opnieuw(opdracht)),
    }
    fragment = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "portaal/groeiperspectief.html#resultaat" if fragment else "portaal/groeiperspectief.html"
    return render(request, template, context)


@require_GET
def groeiperspectief_pdf(request: HttpRequest) -> HttpResponse:
    """The PDF made at once, for those who only read (a raadslid starts no jobs); bad filters are a 404."""
    from . import groeiperspectief_rapport as rapport

    try:
        parameters = rapport.parameters(request.GET)
    except ValidationError:
        raise Http404(_("Onbekende filter.")) from None
    data, _gp = rapport.pdf(parameters)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{rapport.bestandsnaam(parameters)}"'
    return response
