"""The groeiperspectief: selector, layout, filters, the page per role and the PDF as a document job."""

from __future__ import annotations

import io
import re
import subprocess
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from coalities.models import Coalitie
from documenten import services as documenten_services
from documenten.models import Documentopdracht
from drechtsteden.models import Rol
from portaal import groeikaart, groeiperspectief_rapport, selectors
from portaal.forms import GroeiperspectiefFilter
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, volledig
from tests.factories import GebruikerFactory, ThemaFactory, drechtsteden
from tests.tafels.factories import TafelFactory

pytestmark = pytest.mark.django_db


def _netwerk(extra: int = 0):
    """Two themes with a table each, coalitions with deelnames and a chain (and a cycle) of dependencies."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    mobiliteit, energie = ThemaFactory(naam="Bereikbaarheid", volgorde=1), ThemaFactory(naam="Energie", volgorde=2)
    tafel_m = TafelFactory(naam="Tafel Bereikbaarheid", thema=mobiliteit)
    tafel_e = TafelFactory(naam="Tafel Energie", thema=energie)
    pont = CoalitieFactory(naam="Waterbus en pontveren", thema=mobiliteit, tafel=tafel_m, status="lopend", trekker=gemeenten["Dordrecht"])
    fiets = CoalitieFactory(naam="Regionale fietsroutes", thema=mobiliteit, tafel=tafel_m, status="in_vorming", trekker=gemeenten["Dordrecht"])
    warmte = CoalitieFactory(naam="Warmtenet Drechtsteden", thema=energie, tafel=tafel_e, status="idee", trekker=gemeenten["Zwijndrecht"])
    los = CoalitieFactory(naam="Laadpalen zonder tafel", thema=energie, tafel=None, status="gestopt", trekker=gemeenten["Sliedrecht"])
    fiets.afhankelijkheden.add(pont)
    warmte.afhankelijkheden.add(fiets)
    los.afhankelijkheden.add(warmte)
    warmte.afhankelijkheden.add(los)  # a cycle must not break the layout
    volledig(coalitie=pont, organisatie=gemeenten["Dordrecht"])
    DeelnameFactory(coalitie=pont, organisatie=gemeenten["Zwijndrecht"], solidair=True)
    DeelnameFactory(coalitie=fiets, organisatie=gemeenten["Zwijndrecht"], instapper=True)
    DeelnameFactory(coalitie=warmte, organisatie=gemeenten["Sliedrecht"])
    for n in range(extra):
        c = CoalitieFactory(naam=f"Extra {n}", thema=energie, tafel=tafel_e, status="lopend", trekker=gemeenten["Papendrecht"])
        volledig(coalitie=c, organisatie=gemeenten["Papendrecht"])
        DeelnameFactory(coalitie=c, organisatie=gemeenten["Sliedrecht"], solidair=True)
        c.afhankelijkheden.add(pont, warmte)
    return gemeenten, {c.naam: c for c in Coalitie.objects.all()}


def _queries(functie) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        functie()
    return len(vastgelegd)


def test_selector_uses_five_queries_at_any_size(django_assert_num_queries):
    """Themes, tables, coalitions, deelnames and dependencies: five queries with 4 or 14 coalitions."""
    _netwerk()
    with django_assert_num_queries(5):
        klein = selectors.groeiperspectief()
    for n in range(10):
        c = CoalitieFactory(naam=f"Groei {n}", thema=klein.themas[0].thema, status="lopend")
        DeelnameFactory(coalitie=c, solidair=True)
        c.afhankelijkheden.add(Coalitie.objects.get(naam="Waterbus en pontveren"))
    with django_assert_num_queries(5):
        groot = selectors.groeiperspectief()
    assert len(groot.coalities) == len(klein.coalities) + 10


def test_selector_groups_orders_and_links_dependencies():
    """Columns per theme in order; a dependency stands above what needs it; cycles and outside links are kept."""
    gemeenten, _c = _netwerk()
    gp = selectors.groeiperspectief(gemeente=gemeenten["Zwijndrecht"])
    assert [t.thema.naam for t in gp.themas] == ["Bereikbaarheid", "Energie"]
    bereikbaarheid = gp.themas[0].tafels[0]
    assert [r.coalitie.naam for r in bereikbaarheid.coalities] == ["Waterbus en pontveren", "Regionale fietsroutes"]
    energie = gp.themas[1]
    assert [g.tafel.naam if g.tafel else None for g in energie.tafels] == ["Tafel Energie", None]
    regels = {r.coalitie.naam: r for r in gp.coalities}
    assert regels["Waterbus en pontveren"].variant_gemeente == "solidariteit"
    assert regels["Regionale fietsroutes"].variant_gemeente == "instap"
    assert regels["Warmtenet Drechtsteden"].variant_gemeente is None
    assert [v.naam for v in regels["Regionale fietsroutes"].afhankelijk_van] == ["Waterbus en pontveren"]
    assert [v.naam for v in regels["Waterbus en pontveren"].nodig_voor] == ["Regionale fietsroutes"]
    assert len(gp.afhankelijkheden) == 4
    # With a status filter, a dependency outside the selection is still named, marked as outside.
    gefilterd = selectors.groeiperspectief(coalities=Coalitie.objects.filter(status="in_vorming"))
    [fiets] = gefilterd.coalities
    assert [(v.naam, v.in_selectie) for v in fiets.afhankelijk_van] == [("Waterbus en pontveren", False)]
    assert gefilterd.afhankelijkheden == []


def test_map_has_shapes_labels_links_and_arrows():
    """Every coalition is a link with an accessible name and its status in words; themes, tables and arrows are drawn."""
    _netwerk()
    gp = selectors.groeiperspectief()
    kaart = groeikaart.indelen(gp)
    assert len(kaart.themas) == 2 and len(kaart.tafels) == 2 and len(kaart.coalities) == 4
    assert len(kaart.pijlen) == 4
    fiets = next(k for k in kaart.coalities if "Regionale fietsroutes" in k.label)
    assert "In vorming" in fiets.regels and "hangt af van Waterbus en pontveren" in fiets.label
    assert fiets.url == reverse("coalities:detail", args=[Coalitie.objects.get(naam="Regionale fietsroutes").pk])
    assert fiets.stijl.streep  # in vorming is dashed, not only coloured
    # The same data gives the same map.
    assert groeikaart.indelen(selectors.groeiperspectief()) == kaart
    # Nodes in one column do not overlap.
    for kolom_x in {k.x for k in kaart.coalities}:
        blokken = sorted((k.y, k.y + k.h) for k in kaart.coalities if k.x == kolom_x)
        assert all(a[1] <= b[0] for a, b in zip(blokken, blokken[1:]))


def test_filters_combine_gemeente_and_variant_on_one_deelname():
    """Gemeente with variant means that gemeente's choice; theme and status narrow as usual."""
    gemeenten, c = _netwerk()
    zwijndrecht = gemeenten["Zwijndrecht"].pk

    def namen(data):
        return sorted(GroeiperspectiefFilter(data).qs.values_list("naam", flat=True))

    assert namen({"gemeente": zwijndrecht}) == ["Regionale fietsroutes", "Waterbus en pontveren"]
    assert namen({"gemeente": zwijndrecht, "variant": "instap"}) == ["Regionale fietsroutes"]
    assert namen({"variant": "geen"}) == ["Warmtenet Drechtsteden"]
    assert namen({"status": "gestopt"}) == ["Laadpalen zonder tafel"]
    assert namen({"thema": c["Warmtenet Drechtsteden"].thema_id}) == ["Laadpalen zonder tafel", "Warmtenet Drechtsteden"]


@pytest.mark.parametrize("rol", [Rol.Soort.RAADSLID, Rol.Soort.BESTUURDER, Rol.Soort.PROGRAMMAMEDEWERKER,
                                 Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.BEHEERDER])
def test_page_for_every_role(client, rol):
    """Every signed-in role sees the map, the list and the menu entry; a raadslid gets a direct download."""
    gemeenten, c = _netwerk()
    client.force_login(GebruikerFactory(organisatie=gemeenten["Alblasserdam"], rollen=[rol]))
    response = client.get(reverse("groeiperspectief"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="group"' in html and "<title id=\"groei-kaart-titel\">" in html
    assert html.count('class="groei-kaart__link groei-kaart__coalitie"') == 4
    assert f'href="{reverse("coalities:detail", args=[c["Waterbus en pontveren"].pk])}"' in html
    assert "Lijstweergave" in html and 'aria-current="page">Groeiperspectief<' in html
    if rol == Rol.Soort.RAADSLID:
        assert reverse("groeiperspectief_pdf") in html
        assert reverse("documenten:starten", args=["groeiperspectief"]) not in html
    else:
        assert reverse("documenten:starten", args=["groeiperspectief"]) in html


def test_anonymous_goes_to_login(client):
    """The map is for signed-in users only."""
    assert client.get(reverse("groeiperspectief")).status_code == 302


def test_page_filters_by_htmx_and_answers_a_fragment(client):
    """A filter change answers only the result fragment with the narrowed map and list."""
    gemeenten, c = _netwerk()
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    html = client.get(reverse("groeiperspectief"), {"status": "idee"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and 'id="groeiperspectief"' in html
    assert html.count('class="groei-kaart__link groei-kaart__coalitie"') == 1
    assert 'aria-label="Coalitie Warmtenet Drechtsteden;' in html and "Coalitie Regionale fietsroutes" not in html
    assert "1 coalitie in deze selectie" in html


@pytest.mark.parametrize("fout, melding", [
    ({"thema": "999999"}, "Dit thema bestaat niet"),
    ({"thema": "x" * 500}, "Dit thema bestaat niet"),
    ({"gemeente": "99999999999999999999999"}, "Deze gemeente kent het portaal niet"),
    ({"variant": "half"}, "Deze variant bestaat niet"),
    ({"status": "<script>"}, "Deze status bestaat niet"),
])
def test_bad_filters_give_a_dutch_message(client, fout, melding):
    """An unknown filter value is a Dutch message on the page (never a 500); the map shows the rest."""
    gemeenten, _c = _netwerk()
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    response = client.get(reverse("groeiperspectief"), fout)
    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html and "<script>" not in html
    assert "4 coalities in deze selectie" in html
    assert client.get(reverse("groeiperspectief_pdf"), fout).status_code == 404
    assert client.post(reverse("documenten:starten", args=["groeiperspectief"]), fout).status_code == 404
    assert not Documentopdracht.objects.exists()


def test_page_queries_do_not_grow(client, django_assert_num_queries):
    """The page makes the same number of queries with 4 and with 24 coalitions."""
    gemeenten, _c = _netwerk()
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    url = reverse("groeiperspectief")
    data = {"gemeente": gemeenten["Sliedrecht"].pk}
    client.get(url, data)
    aantal = _queries(lambda: client.get(url, data))
    for n in range(20):
        extra = CoalitieFactory(naam=f"Meer {n}", thema=Coalitie.objects.first().thema, status="lopend")
        DeelnameFactory(coalitie=extra, organisatie=gemeenten["Sliedrecht"], solidair=True)
        extra.afhankelijkheden.add(Coalitie.objects.first())
    with django_assert_num_queries(aantal):
        html = client.get(url, data).content.decode()
    assert "Meer 19" in html


def test_raadslid_downloads_the_pdf_directly_and_starts_no_job(client, tmp_path):
    """A raadslid gets the PDF at once; a POST to start a job is refused and nothing is saved."""
    gemeenten, _c = _netwerk()
    client.force_login(GebruikerFactory(organisatie=gemeenten["Alblasserdam"], rollen=[Rol.Soort.RAADSLID]))
    response = client.get(reverse("groeiperspectief_pdf"), {"status": "lopend"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="groeiperspectief-lopend.pdf"' in response["Content-Disposition"]
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Waterbus en pontveren" in tekst and "Warmtenet Drechtsteden" not in tekst
    assert client.post(reverse("documenten:starten", args=["groeiperspectief"]), {}).status_code == 403
    assert not Documentopdracht.objects.exists()


def test_job_parameters_and_start_from_the_page(client, django_capture_on_commit_callbacks):
    """The page's form starts one job with the chosen filters; the page then shows its progress."""
    gemeenten, c = _netwerk()
    bestuurder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER])
    client.force_login(bestuurder)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("documenten:starten", args=["groeiperspectief"]),
                               {"variant": "volledig", "gemeente": gemeenten["Dordrecht"].pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and len(callbacks) == 1
    opdracht = Documentopdracht.objects.get()
    assert opdracht.parameters == {"thema": "", "gemeente": str(gemeenten["Dordrecht"].pk), "variant": "volledig", "status": ""}
    pagina = client.get(reverse("groeiperspectief"), {"variant": "volledig", "gemeente": gemeenten["Dordrecht"].pk})
    assert f'id="opdracht-{opdracht.pk}"' in pagina.content.decode()


def _pdf_tekst(data: bytes, tmp_path) -> str:
    pad = tmp_path / "g.pdf"
    pad.write_bytes(data)
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pad), "-"], check=True, capture_output=True, text=True).stdout)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_builds_the_groeiperspectief(celery_worker_process, tmp_path):
    """Through Redis and PostgreSQL a real worker builds the PDF: the map's and the list's coalition names are in it."""
    gemeenten, _c = _netwerk()
    bestuurder = GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER])
    opdracht = documenten_services.documentopdracht_create(soort="groeiperspectief", gegevens={}, door=bestuurder)
    einde = time.monotonic() + 180
    while not opdracht.is_afgerond and time.monotonic() < einde:
        time.sleep(0.2)
        opdracht.refresh_from_db()
    assert opdracht.status == Documentopdracht.Status.KLAAR, opdracht.fout
    assert opdracht.bestandsnaam == "groeiperspectief.pdf"
    assert opdracht.resultaat == {"coalities": 4, "afhankelijkheden": 4}
    data = opdracht.bestand.read()
    lezer = PdfReader(io.BytesIO(data))
    assert len(lezer.pages) >= 1
    tekst = " ".join(p.extract_text() for p in lezer.pages)
    for naam in ("Waterbus en pontveren", "Regionale fietsroutes", "Warmtenet Drechtsteden", "Laadpalen zonder tafel"):
        assert naam in tekst
    assert "Groeiperspectief Drechtsteden" in _pdf_tekst(data, tmp_path)
    # Render the first page to look at it (var/screenshots, git-ignored).
    from tests.conftest import BASE_DIR

    uit = BASE_DIR / "var" / "screenshots"
    uit.mkdir(parents=True, exist_ok=True)
    (uit / "groeiperspectief.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(uit / "groeiperspectief.pdf"), str(uit / "groeiperspectief-pdf")], check=True)
    assert (uit / "groeiperspectief-pdf-1.png").exists()


# --- Paged on screen ------------------------------------------------------------------------------


def test_a_page_keeps_theme_table_name_order_and_draws_only_its_themes():
    """Paged by 3: theme, table and name order over the pages; a page shows only the themes and tables it has
    coalitions of; a dependency on another page is named as in the selection but gets no arrow."""
    _netwerk()
    pagina_1 = selectors.groeiperspectief(pagina=1, per_pagina=3)
    assert pagina_1.pagina.paginator.count == 4 and pagina_1.pagina.paginator.num_pages == 2
    assert [r.coalitie.naam for r in pagina_1.coalities] == [
        "Waterbus en pontveren", "Regionale fietsroutes", "Warmtenet Drechtsteden",
    ]
    pagina_2 = selectors.groeiperspectief(pagina=2, per_pagina=3)
    assert [t.thema.naam for t in pagina_2.themas] == ["Energie"]
    assert [g.tafel for g in pagina_2.themas[0].tafels] == [None]  # Tafel Energie has no coalition on page 2
    [los] = pagina_2.coalities
    assert los.coalitie.naam == "Laadpalen zonder tafel"
    assert [(v.naam, v.in_selectie, v.op_pagina) for v in los.afhankelijk_van] == [("Warmtenet Drechtsteden", True, False)]
    assert pagina_2.afhankelijkheden == []
    # The counts are of the whole selection, whatever the page.
    assert pagina_2.overzicht.totaal == 4
    assert [(t.naam, totaal) for t, _a, totaal in pagina_2.overzicht.per_thema] == [("Bereikbaarheid", 2), ("Energie", 2)]
    assert {code: n for code, _l, n in pagina_2.overzicht.per_status} == {
        "idee": 1, "in_vorming": 1, "lopend": 1, "afgerond": 0, "gestopt": 1,
    }
    # A page number beyond the end gives the last page, nonsense the first (never an error).
    assert selectors.groeiperspectief(pagina="99", per_pagina=3).pagina.number == 2
    assert selectors.groeiperspectief(pagina="x", per_pagina=3).pagina.number == 1


def test_a_filtered_page_marks_what_lies_outside_the_selection():
    """With a status filter, a dependency outside the selection stays marked as outside, also on a page."""
    _netwerk()
    gp = selectors.groeiperspectief(coalities=Coalitie.objects.filter(status="in_vorming"), pagina=1)
    [fiets] = gp.coalities
    assert [(v.naam, v.in_selectie, v.op_pagina) for v in fiets.afhankelijk_van] == [("Waterbus en pontveren", False, False)]


def test_overview_counts_the_chosen_gemeentes_choices():
    """With a gemeente, the overview counts its own choices per variant and the coalitions without one."""
    gemeenten, _c = _netwerk()
    gp = selectors.groeiperspectief(gemeente=gemeenten["Zwijndrecht"], pagina=1)
    assert {code: n for code, _l, n in gp.overzicht.per_variant} == {
        "volledig": 0, "solidariteit": 1, "instap": 1, "geen": 0,
    }
    assert gp.overzicht.nog_geen_keuze == 2
    assert selectors.groeiperspectief(pagina=1).overzicht.per_variant == []


def test_paged_selector_queries_do_not_grow(django_assert_num_queries):
    """One page costs the same queries with 14 and with 64 coalitions, with or without a gemeente."""
    gemeenten, _c = _netwerk(extra=10)
    with CaptureQueriesContext(connection) as klein:
        selectors.groeiperspectief(pagina=1, gemeente=gemeenten["Sliedrecht"])
    _netwerk_erbij(50, gemeenten)
    with django_assert_num_queries(len(klein)):
        groot = selectors.groeiperspectief(pagina=2, gemeente=gemeenten["Sliedrecht"])
    assert len(groot.coalities) == selectors.GROEI_PER_PAGINA and groot.overzicht.totaal == 64


def _netwerk_erbij(aantal: int, gemeenten) -> None:
    tafel = Coalitie.objects.get(naam="Warmtenet Drechtsteden").tafel
    for n in range(aantal):
        c = CoalitieFactory(naam=f"Meer {n:02d}", thema=tafel.thema, tafel=tafel, status="lopend", trekker=gemeenten["Papendrecht"])
        DeelnameFactory(coalitie=c, organisatie=gemeenten["Sliedrecht"], solidair=True)
        c.afhankelijkheden.add(Coalitie.objects.get(naam="Waterbus en pontveren"))


def test_page_shows_counts_one_page_of_map_and_list_and_says_the_pdf_has_all(client, django_assert_num_queries):
    """Above 25 coalitions the page draws 25 on the map and in the list, links to the next page, counts the
    whole selection, says the PDF holds all; the queries stay the same at twice the size."""
    gemeenten, _c = _netwerk(extra=30)
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    url = reverse("groeiperspectief")
    html = client.get(url).content.decode()
    assert html.count('class="groei-kaart__link groei-kaart__coalitie"') == 25
    assert html.count('class="groei-lijst__coalitie"') == 25
    assert "34 coalities in deze selectie" in html and "Coalities per thema en status" in html
    assert "Kaart en lijst tonen coalitie 1 tot en met 25 van 34" in html
    assert "De PDF bevat de volledige kaart en lijst van de hele selectie" in html
    assert 'aria-label="Paginering"' in html and "Pagina 1 van 2 (34 in totaal)" in html
    assert "?pagina=2#kop-groei-kaart" in html
    tweede = client.get(url, {"pagina": 2}).content.decode()
    assert tweede.count('class="groei-kaart__link groei-kaart__coalitie"') == 9
    aantal = _queries(lambda: client.get(url, {"pagina": 2}))
    _netwerk_erbij(40, gemeenten)
    with django_assert_num_queries(aantal):
        html = client.get(url, {"pagina": 2}).content.decode()
    assert "74 coalities in deze selectie" in html and "Pagina 2 van 3" in html


def test_htmx_filter_answers_the_first_page_of_the_new_selection(client):
    """A filter by htmx answers the fragment with the counts and the first page of the narrowed selection;
    the page links keep the filter."""
    gemeenten, _c = _netwerk(extra=30)
    client.force_login(GebruikerFactory(organisatie=gemeenten["Dordrecht"], rollen=[Rol.Soort.BESTUURDER]))
    html = client.get(reverse("groeiperspectief"), {"status": "lopend", "gemeente": gemeenten["Sliedrecht"].pk},
                      headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "30 coalities in deze selectie" in html
    assert "Keuzes van Sliedrecht in deze selectie:" in html and "solidariteit 30" in html
    assert html.count('class="groei-kaart__link groei-kaart__coalitie"') == 25
    assert f"?status=lopend&amp;gemeente={gemeenten['Sliedrecht'].pk}&amp;pagina=2" in html


def test_pdf_keeps_the_whole_selection():
    """The PDF's data (job and direct download) holds every coalition, however many pages the screen has."""
    gemeenten, _c = _netwerk(extra=30)
    _filters, gp, kaart = groeiperspectief_rapport.kaart_en_lijst({})
    assert gp.pagina is None and len(gp.coalities) == 34 and len(kaart.coalities) == 34
    assert len(gp.afhankelijkheden) == 4 + 60
