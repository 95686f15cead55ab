"""WCAG 2.1 AA on every page type: reflow at 320 px (1.4.10) and axe at desktop and phone width."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from coalities.models import Coalitie
from drechtsteden.models import Gebruiker, Organisatie
from tafels.models import BestuurlijkeTafel, Vergadering
from tests.conftest import assert_no_serious_axe_violations, assert_table_regions_labelled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "Drechtsteden-demo-2026"
ROLLEN = ["bestuurder", "secretaris", "programmamanager", "coordinator"]


def _inloggen(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def _paginas() -> list[str]:
    tafel = BestuurlijkeTafel.objects.order_by("pk").first()
    vergadering = Vergadering.objects.order_by("pk").first()
    coalitie = Coalitie.objects.order_by("pk").first()
    gemeente = Organisatie.objects.get(naam="Dordrecht")
    return [
        reverse("home"),
        reverse("netwerk"),
        reverse("tafels:index"),
        reverse("tafels:detail", args=[tafel.pk]),
        reverse("tafels:vergadering", args=[vergadering.pk]),
        reverse("coalities:index"),
        reverse("coalities:detail", args=[coalitie.pk]),
        reverse("coalities:sorteerbak", args=[tafel.pk]),
        reverse("financiering:index"),
        reverse("financiering:organisatie", args=[gemeente.pk]),
        reverse("financiering:scenario"),
        reverse("regiekamer:index"),
        reverse("groeiperspectief"),
    ]


# The outermost elements sticking out to the right, outside any table container.
_TE_BREED = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.utrecht-table__container')
               && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 321))
  .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _meet(page, live_server, url, fouten, screenshot, naam):
    """Reflow at 320 px, then axe at 1366 and 390 px; problems are collected, not raised one by one."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{url}")
    page.wait_for_load_state("networkidle")
    breedte = page.evaluate("document.documentElement.scrollWidth")
    if breedte > 321:
        te_breed = page.evaluate(_TE_BREED)
        fouten.append(f"{url}: {breedte} px breed bij 320 px, door {te_breed}")
    assert_table_regions_labelled(page.content())
    for viewport in (1366, 390):
        page.set_viewport_size({"width": viewport, "height": 900})
        if viewport == 390:
            screenshot(f"wcag-{naam}-390")
        try:
            assert_no_serious_axe_violations(page)
        except AssertionError as fout:
            fouten.append(f"{url} @ {viewport}: {fout}")


def test_every_page_type_reflows_and_passes_axe(page, live_server, screenshot):
    call_command("demo_data")
    assert Gebruiker.objects.filter(username__in=ROLLEN).count() == len(ROLLEN)
    fouten: list[str] = []

    page.goto(f"{live_server.url}/inloggen/")
    _meet(page, live_server, "/inloggen/", fouten, screenshot, "inloggen")

    # Each role's own dashboard on the home page.
    for rol in ROLLEN:
        _inloggen(page, live_server, rol)
        _meet(page, live_server, reverse("home"), fouten, screenshot, f"home-{rol}")

    for i, url in enumerate(_paginas()[1:]):
        _meet(page, live_server, url, fouten, screenshot, f"pagina-{i}")

    assert not fouten, "\n".join(fouten)
