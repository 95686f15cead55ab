"""Every scrolling table container is a focusable region named by its own caption."""

import re

from django.template import Context, Template
from django.test import RequestFactory

from tests.conftest import assert_table_regions_labelled

TABEL = (
    '<div class="utrecht-table__container" {% tabelregio %}><table>'
    '<caption class="utrecht-table__caption" {% tabelbijschrift %}>{{ naam }}</caption></table></div>'
)


def test_regions_get_unique_ids_that_their_captions_carry():
    template = Template("{% load tabellen %}{% for naam in namen %}" + TABEL + "{% endfor %}")
    html = template.render(Context({"namen": ["Stemmen", "Gewichten", "Rooster"], "request": RequestFactory().get("/")}))
    regio_ids = re.findall(r'tabindex="0" role="region" aria-labelledby="([^"]+)"', html)
    bijschrift_ids = re.findall(r'<caption class="utrecht-table__caption" id="([^"]+)"', html)
    assert regio_ids == bijschrift_ids
    assert len(set(regio_ids)) == 3
    assert_table_regions_labelled(html)


def test_ids_stay_unique_across_includes_in_one_response():
    """A partial with a table, included twice in one page, gives each table its own id."""
    request = RequestFactory().get("/")
    deel = Template("{% load tabellen %}" + TABEL)
    eerste = deel.render(Context({"naam": "Een", "request": request}))
    tweede = deel.render(Context({"naam": "Twee", "request": request}))
    assert_table_regions_labelled(eerste + tweede)


def test_without_request_ids_are_still_unique():
    deel = Template("{% load tabellen %}" + TABEL)
    assert_table_regions_labelled(deel.render(Context({"naam": "Een"})) + deel.render(Context({"naam": "Twee"})))
