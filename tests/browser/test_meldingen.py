"""In Chromium: the unread counter in the header, the notification list and the preference form."""

import pytest
from playwright.sync_api import expect

from meldingen.models import Frequentie, Melding, Soort
from meldingen import services as meldingen_services
from tafels import services as tafel_services
from tests.conftest import assert_no_serious_axe_violations
from tests.meldingen.helpers import tafelwereld
from tests.tafels.factories import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_reads_a_notification_and_chooses_how_to_hear(page, live_server, login, screenshot):
    """A new paper shows as one unread notification in the header; the member opens the list, marks it read,
    and switches the agenda-pack mails off; both pages pass axe at 1366 and 390 px and do not scroll sideways at 320."""
    w = tafelwereld()
    lid = w.vertegenwoordigers["Zwijndrecht"]
    tafel_services.stuk_uploaden(agendapunt=w.punt, bestand=pdf(), titel="Notitie bereikbaarheid", door=w.secretaris)
    assert Melding.objects.filter(ontvanger=lid).count() == 1

    login(lid)
    kop = page.locator("header .meldingen-link")
    expect(kop).to_contain_text("1")
    expect(kop.get_by_role("link")).to_have_accessible_name("Meldingen 1 ongelezen melding")
    kop.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    item = page.locator("li.meldingen-item")
    expect(item.get_by_role("link")).to_contain_text("Notitie bereikbaarheid")
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_no_serious_axe_violations(page)
        screenshot(f"meldingen-lijst-{breedte}")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 321

    item.get_by_role("button", name="Markeer als gelezen").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("li.meldingen-item--ongelezen")).to_have_count(0)
    expect(page.locator("#meldingen-aantal")).to_have_text("")

    page.get_by_role("link", name="Meldingsvoorkeuren").first.click()
    page.wait_for_load_state("networkidle")
    groep = page.get_by_role("group", name="Agendapakket verzonden")
    expect(groep.get_by_label("Direct een e-mail")).to_be_checked()
    groep.get_by_label("Nooit").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("group", name="Agendapakket verzonden").get_by_label("Nooit")).to_be_checked()
    assert meldingen_services.frequenties(lid)[Soort.AGENDAPAKKET] == Frequentie.NOOIT
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_no_serious_axe_violations(page)
        screenshot(f"meldingen-voorkeuren-{breedte}")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
