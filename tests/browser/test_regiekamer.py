import pytest
from playwright.sync_api import expect

from regiekamer.models import Escalatie, Reflectieantwoord
from tests.conftest import assert_no_serious_axe_violations
from tests.regiekamer.monitor_data import monitor_wereld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_sees_overdue_escalation_raises_a_knelpunt_and_answers_the_round(page, live_server, login, screenshot):
    """A gemeentesecretaris sees the overdue escalation in red and in words, escalates a knelpunt from a table to
    the ambtelijke regiekamer, and fills in the reflection round for their gemeente; axe finds nothing serious."""
    w = monitor_wereld()
    secretaris = w.secretarissen["Alblasserdam"]
    login(secretaris)

    page.goto(f"{live_server.url}/regiekamer/")
    rij = page.locator("tr.regiekamer-rij--te-lang", has_text="Grondverwerving stokt")
    expect(rij).to_be_visible()
    label = rij.locator(".portaal-badge--fout")
    expect(label).to_contain_text("Te lang open")
    kleur = label.evaluate("e => getComputedStyle(e).backgroundColor")
    assert kleur == "rgb(246, 222, 222)"  # the red badge, and the words say it without colour
    expect(page.locator('tr[data-indicator="escalaties_te_lang_open"]')).to_contain_text("Oranje")
    assert_no_serious_axe_violations(page)
    screenshot("regiekamer-dashboard-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("regiekamer-dashboard-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.get_by_label("Mijn gemeente (Alblasserdam)").check()
    expect(page.get_by_role("heading", name="Alblasserdam in de")).to_be_visible()

    page.goto(f"{live_server.url}/tafels/{w.tafel.pk}/")
    page.get_by_role("link", name="Knelpunt escaleren").click()
    page.get_by_label("Knelpunt (korte titel)").fill("Agenda van de tafel is te vol")
    page.get_by_label("Wat is er aan de hand?").fill("Elf punten in twee uur; niets wordt echt besproken.")
    page.get_by_label("Speelt sinds").fill("2026-10-01")
    page.get_by_label("Wat wordt gevraagd?").fill("Spreek de voorzitter aan op de omvang van de agenda.")
    assert_no_serious_axe_violations(page)
    screenshot("regiekamer-knelpunt-1366")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Het knelpunt is ingediend als signalering.")).to_be_visible()
    page.get_by_label("Besluit", exact=True).fill("Agenderen in de ambtelijke regiekamer van december.")
    page.get_by_role("button", name="Opschalen naar Ambtelijke regiekamer").click()
    expect(page.get_by_text("De escalatie ligt nu bij: Ambtelijke regiekamer.")).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_contain_text("Ambtelijke regiekamer")
    assert_no_serious_axe_violations(page)
    screenshot("regiekamer-escalatie-1366")
    escalatie = Escalatie.objects.get(titel="Agenda van de tafel is te vol")
    assert escalatie.tafel == w.tafel and escalatie.niveau == "ambtelijke_regiekamer"
    assert escalatie.stappen.count() == 2

    page.goto(f"{live_server.url}/regiekamer/reflectie/{w.ronde.pk}/")
    for onderwerp, score in (("Eigenaarschap", "4"), ("Kwaliteit van het gesprek aan tafel", "3"),
                             ("Relevantie van de agenda", "2"), ("Nakomen van afspraken", "4"),
                             ("Openheid over belangen", "3"), ("Bestuurlijke drukte (5 = goed te behappen)", "2")):
        page.get_by_role("group", name=onderwerp).get_by_label(score, exact=True).check()
    page.get_by_label("Toelichting (optioneel)").fill("De agenda is te vol; verder gaat het goed.")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_text("Het antwoord van Alblasserdam is opgeslagen")).to_be_visible()
    screenshot("regiekamer-reflectie-1366")
    antwoord = Reflectieantwoord.objects.get(ronde=w.ronde, organisatie=w.gemeenten["Alblasserdam"])
    assert (antwoord.eigenaarschap, antwoord.relevantie_agenda, antwoord.bestuurlijke_drukte) == (4, 2, 2)
