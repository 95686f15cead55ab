import pytest
from playwright.sync_api import expect

from tests.conftest import assert_no_serious_axe_violations
from tests.tafels.factories import tafel_met_leden
from tests.tafels.test_besluitvorming import _gehouden

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_sets_a_cap_records_a_vote_and_sees_the_outcome(page, live_server, login, screenshot):
    """The secretary weighs by inhabitants under a 35 % cap, records a vote in which only Dordrecht is
    in favour, and sees on the meeting page that Dordrecht was held at 35 % and the proposal lost."""
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    v, punt = _gehouden(tafel)
    login(tafel.secretaris)

    page.goto(f"{live_server.url}/tafels/{tafel.pk}/")
    page.get_by_role("link", name="Stemregeling en stemgewichten").click()
    page.get_by_label("Gelijk deel (%)").fill("0")
    page.get_by_label("Naar inwoners (%)").fill("100")
    page.get_by_label("Plafond per organisatie (%)").fill("35")
    page.get_by_role("button", name="Stemregeling opslaan").click()
    expect(page.get_by_text("De stemregeling is opgeslagen.")).to_be_visible()
    dordrecht = page.locator("#gewichten tr", has_text="Dordrecht")
    expect(dordrecht).to_contain_text("40,9476 %")
    expect(dordrecht).to_contain_text("35,0000 %")
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        screenshot(f"stemregeling-{breedte}")
    assert_no_serious_axe_violations(page)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/")
    page.locator(f"#punt-{punt.pk}").get_by_role("link", name="Besluit bij stemming vastleggen").click()
    page.get_by_label("Besluit").fill("De tafel stelt de regionale fietsstrategie vast.")
    for fieldset in page.locator("fieldset.tafels-stem").all():
        naam = fieldset.locator("legend").inner_text()
        fieldset.get_by_label("Voor" if naam == "Dordrecht" else "Tegen", exact=True).check()
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        screenshot(f"stemming-vastleggen-{breedte}")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Stemming vastleggen").click()

    expect(page.get_by_text("De stemming is vastgelegd.")).to_be_visible()
    stemming = page.locator(".tafels-stemming")
    expect(stemming.locator("[data-uitkomst]")).to_have_text("Verworpen")
    expect(stemming).to_contain_text("voor 35,0000 %, tegen 65,0000 %")
    expect(stemming).to_contain_text("Dordrecht van 40,9476 % naar 35,0000 %")
    for breedte in (1366, 390):
        page.set_viewport_size({"width": breedte, "height": 900})
        stemming.scroll_into_view_if_needed()
        screenshot(f"vergadering-stemming-{breedte}")
    assert_no_serious_axe_violations(page)

    page.goto(f"{live_server.url}/tafels/vergaderingen/{v.pk}/besluitenlijst/")
    expect(page.locator(".tafels-stemming")).to_contain_text("Verworpen")
    screenshot("besluitenlijst-stemming-390")
