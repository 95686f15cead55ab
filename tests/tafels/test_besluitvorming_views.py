"""Pages for the vote rules and for recording a decision by vote: happy path, bad input, wrong user."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from drechtsteden.models import Organisatie, Rol
from tafels import besluitvorming
from tafels.models import Besluit, Stemgroep, Stemregeling
from tests.factories import GebruikerFactory
from tests.tafels.test_besluitvorming import _gehouden

pytestmark = pytest.mark.django_db

from tests.tafels.factories import tafel_met_leden  # noqa: E402


def _regeling_data(tafel, **over):
    data = {"weging_gelijk": "50", "weging_inwoners": "50", "weging_bijdrage": "0", "bijdrage_jaar": "",
            "bijdrage_componenten": "123", "plafond_pct": "35", "groepsplafond_pct": "", "drempel": "gewone_meerderheid",
            "versie": ""}
    for lid in besluitvorming.stemgerechtigden(tafel):
        data[f"groep_{lid.organisatie_id}"] = "stedelijk" if lid.organisatie.naam == "Dordrecht" else ""
    return data | over


def test_secretary_sets_rules_with_dutch_numbers_and_groups(client):
    """Percentages typed the Dutch way are saved with the groups; the page shows today's weights."""
    tafel = tafel_met_leden()
    client.force_login(tafel.secretaris)
    url = reverse("tafels:stemregeling", args=[tafel.pk])
    antwoord = client.post(url, _regeling_data(tafel, weging_gelijk="37,5", weging_inwoners="62,5"))
    assert antwoord.status_code == 302
    regeling = Stemregeling.objects.get(tafel=tafel)
    assert (regeling.weging_gelijk, regeling.weging_inwoners, regeling.plafond_pct) == (D("37.5"), D("62.5"), D(35))
    assert list(Stemgroep.objects.values_list("organisatie__naam", "groep")) == [("Dordrecht", "stedelijk")]
    html = client.get(url).content.decode()
    assert 'id="gewichten"' in html and "30,9494\u00a0%" in html  # Dordrecht: 37,5/7 + 0,625 × 40,9475…


@pytest.mark.parametrize(
    ("over", "melding"),
    [
        ({"weging_gelijk": "50", "weging_inwoners": "40"}, "telt op tot 90"),
        ({"plafond_pct": "1e999999999"}, "Voer een getal in"),
        ({"plafond_pct": "10"}, "geen verdeling mogelijk"),
        ({"weging_inwoners": "0", "weging_bijdrage": "50"}, "Kies het jaar van de bijdrage"),
        ({"groep_999999": "stedelijk", "plafond_pct": "0"}, "boven 0"),
    ],
)
def test_bad_rules_get_a_dutch_message_and_change_nothing(client, over, melding):
    """Wrong sums, hostile numbers and impossible caps: 200 with the message, nothing saved."""
    tafel = tafel_met_leden()
    client.force_login(tafel.secretaris)
    antwoord = client.post(reverse("tafels:stemregeling", args=[tafel.pk]), _regeling_data(tafel, **over))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Stemregeling.objects.exists() and not Stemgroep.objects.exists()


def test_record_a_vote_through_the_page(client):
    """The secretary records a vote; the meeting page shows the outcome."""
    tafel = tafel_met_leden()
    besluitvorming.stemregeling_opslaan(tafel=tafel, door=tafel.secretaris, versie=None, weging_gelijk=D(0),
                                        weging_inwoners=D(100), weging_bijdrage=D(0), drempel="gewone_meerderheid",
                                        plafond_pct=D(35))
    v, punt = _gehouden(tafel)
    client.force_login(tafel.secretaris)
    url = reverse("tafels:stemming_vastleggen", args=[punt.pk])
    pagina = client.get(url).content.decode()
    assert "40,9476\u00a0%" in pagina and "35,0000\u00a0%" in pagina  # the weights before anyone votes
    data = {"tekst": "De fietsstrategie wordt vastgesteld."}
    for lid in besluitvorming.stemgerechtigden(tafel):
        data[f"stem_{lid.organisatie_id}"] = "tegen" if lid.organisatie.naam == "Dordrecht" else "voor"
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"#punt-{punt.pk}")
    stemming = Besluit.objects.get(agendapunt=punt).stemming
    assert (stemming.voor, stemming.uitkomst) == (D("65.0000"), "aangenomen")
    assert 'data-uitkomst="aangenomen"' in client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()


def test_missing_vote_is_shown_and_nothing_saved(client):
    """A member without a vote: the form names it; no decision is saved."""
    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    client.force_login(tafel.secretaris)
    data = {"tekst": "Besluit"}
    for lid in besluitvorming.stemgerechtigden(tafel):
        if lid.organisatie.naam != "Sliedrecht":
            data[f"stem_{lid.organisatie_id}"] = "voor"
    antwoord = client.post(reverse("tafels:stemming_vastleggen", args=[punt.pk]), data)
    assert antwoord.status_code == 200
    assert "Kies de stem van Sliedrecht." in antwoord.content.decode()
    assert not Besluit.objects.exists()


def test_wrong_users_get_403_or_404_and_nothing_is_saved(client):
    """A member's bestuurder gets 403, an outsider 404 on a draft meeting's item; nothing is saved."""
    from tests.tafels.factories import agendapunt, vergadering

    tafel = tafel_met_leden()
    v, punt = _gehouden(tafel)
    concept_punt = agendapunt(vergadering(tafel))
    bestuurder = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Zwijndrecht"), rollen=[Rol.Soort.BESTUURDER])
    gorinchem = Organisatie.objects.create(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    buitenstaander = GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    data = {"tekst": "B"} | {f"stem_{lid.organisatie_id}": "voor" for lid in besluitvorming.stemgerechtigden(tafel)}
    client.force_login(bestuurder)
    assert client.post(reverse("tafels:stemming_vastleggen", args=[punt.pk]), data).status_code == 403
    assert client.post(reverse("tafels:stemregeling", args=[tafel.pk]), _regeling_data(tafel)).status_code == 403
    client.force_login(buitenstaander)
    assert client.post(reverse("tafels:stemming_vastleggen", args=[concept_punt.pk]), data).status_code == 404
    assert not Besluit.objects.exists() and not Stemregeling.objects.exists()
