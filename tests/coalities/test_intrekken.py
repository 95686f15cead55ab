"""A change to a variant without commitments, refused because commitments stand in the way: the way out.

The refusal lists the commitments and offers to withdraw them; a confirmation step says what is withdrawn,
what the new variant is and what it does to the project financing; confirming withdraws the commitments and
changes the variant in one transaction (``services.deelname_update_met_intrekking``), or changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coalities import services
from coalities.models import Coalitie, Deelname, Realisatie, Toezegging
from coalities.services import ToezeggingGegevens
from drechtsteden.models import Rol
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory, tafel_met_gemeenten
from tests.factories import GebruikerFactory, drechtsteden
from tests.rechten import stand

pytestmark = pytest.mark.django_db

MODELLEN = (Coalitie, Deelname, Toezegging, Realisatie)


@pytest.fixture
def w():
    """Papendrecht takes part fully in the cycle routes with money and knowledge; Sliedrecht is solidary."""
    gemeenten = {g.naam: g for g in drechtsteden()}
    tafel = tafel_met_gemeenten(gemeenten.values(), naam="Tafel Bereikbaarheid")
    coalitie = CoalitieFactory(
        naam="Regionale fietsroutes", tafel=tafel, thema=tafel.thema, trekker=gemeenten["Dordrecht"]
    )
    papendrecht = gemeenten["Papendrecht"]
    deelname = DeelnameFactory(coalitie=coalitie, organisatie=papendrecht, variant=Deelname.Variant.VOLLEDIG)
    geld = ToezeggingFactory(deelname=deelname, hoeveelheid=Decimal("12500"), jaar_van=2026, jaar_tot=2027)
    kennis = ToezeggingFactory(
        deelname=deelname, soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Verkeerskundig advies",
        jaar_van=2026, jaar_tot=2026,
    )
    sliedrecht = DeelnameFactory(coalitie=coalitie, organisatie=gemeenten["Sliedrecht"], solidair=True)
    return type("W", (), {
        "gemeenten": gemeenten, "coalitie": coalitie, "papendrecht": papendrecht, "deelname": deelname,
        "geld": geld, "kennis": kennis, "sliedrecht": sliedrecht,
        "medewerker": GebruikerFactory(
            first_name="Fatima", last_name="El Amrani", organisatie=papendrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]
        ),
        "collega": GebruikerFactory(
            first_name="Karin", last_name="Smit", organisatie=papendrecht, rollen=[Rol.Soort.COORDINEREND_AMBTENAAR]
        ),
    })


def _intrekken(w, door, **anders):
    argumenten = {
        "coalitie": w.coalitie, "organisatie": w.papendrecht, "variant": "geen", "versie": w.deelname.versie,
        "toezeggingen": {w.geld.pk: w.geld.versie, w.kennis.pk: w.kennis.versie},
    }
    return services.deelname_update_met_intrekking(**(argumenten | anders), door=door)


def _codes(exc: ValidationError) -> set[str]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


# --- Service --------------------------------------------------------------------------------------


def test_withdraws_the_commitments_and_changes_the_variant_with_both_in_the_history(w):
    """Both commitments go, the deelname becomes geen with its version raised; the history names Fatima for each."""
    deelname = _intrekken(w, w.medewerker)
    assert (deelname.variant, deelname.versie) == ("geen", 2)
    opgeslagen = Deelname.objects.get(pk=w.deelname.pk)
    assert (opgeslagen.variant, opgeslagen.versie, opgeslagen.solidariteitsbijdrage) == ("geen", 2, None)
    assert not Toezegging.objects.filter(deelname=w.deelname).exists()

    verwijderd = Toezegging.history.filter(deelname_id=w.deelname.pk, history_type="-")
    assert sorted(verwijderd.values_list("id", flat=True)) == sorted([w.geld.pk, w.kennis.pk])
    assert {r.history_user for r in verwijderd} == {w.medewerker}
    assert {r.history_change_reason for r in verwijderd} == {"Ingetrokken bij de wijziging naar geen deelname."}
    wijziging = Deelname.history.filter(id=w.deelname.pk).first()
    assert (wijziging.history_type, wijziging.variant, wijziging.history_user) == ("~", "geen", w.medewerker)
    assert wijziging.history_change_reason == "Gewijzigd naar geen deelname; 2 toezeggingen ingetrokken."


def test_to_solidarity_with_its_contribution(w):
    """Solidarity takes its contribution along; the amount is stored."""
    _intrekken(w, w.medewerker, variant="solidariteit", solidariteitsbijdrage=Decimal("7500.50"))
    opgeslagen = Deelname.objects.get(pk=w.deelname.pk)
    assert (opgeslagen.variant, opgeslagen.solidariteitsbijdrage) == ("solidariteit", Decimal("7500.50"))
    assert not Toezegging.objects.filter(deelname=w.deelname).exists()


@pytest.mark.parametrize("rol", [Rol.Soort.PROGRAMMAMEDEWERKER, Rol.Soort.COORDINEREND_AMBTENAAR])
def test_staff_of_another_gemeente_are_refused_and_nothing_changes(w, rol):
    """Sliedrecht's programme staff may not withdraw Papendrecht's commitments: PermissionDenied, every row as it was."""
    voor = stand(*MODELLEN)
    with pytest.raises(PermissionDenied):
        _intrekken(w, GebruikerFactory(organisatie=w.gemeenten["Sliedrecht"], rollen=[rol]))
    assert stand(*MODELLEN) == voor


@pytest.mark.parametrize("rol", [Rol.Soort.RAADSLID, Rol.Soort.BESTUURDER, Rol.Soort.MANAGER_SDD])
def test_others_of_the_own_gemeente_are_refused_and_nothing_changes(w, rol):
    """A raadslid, bestuurder or SDD manager of Papendrecht itself is not programme staff: refused, nothing saved."""
    voor = stand(*MODELLEN)
    with pytest.raises(PermissionDenied):
        _intrekken(w, GebruikerFactory(organisatie=w.papendrecht, rollen=[rol]))
    assert stand(*MODELLEN) == voor


def test_stale_deelname_version_is_refused_and_nothing_changes(w):
    """Karin turned the choice into instap after Fatima read version 1: the withdrawal is refused, naming Karin."""
    services.deelname_update(
        coalitie=w.coalitie, organisatie=w.papendrecht, variant="instap", versie=1, door=w.collega,
        instapdatum=datetime.date(2026, 9, 1), instapfee=Decimal("2500"),
    )
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker, versie=1)
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    assert "iemand anders was u voor" in exc.value.messages[0] and "Karin Smit" in exc.value.messages[0]
    assert stand(*MODELLEN) == voor
    assert Deelname.objects.get(pk=w.deelname.pk).variant == "instap"


def test_commitment_changed_meanwhile_is_refused_and_nothing_changes(w):
    """Karin raised the money commitment after Fatima's confirmation page was shown: refused with her change, nothing withdrawn."""
    gezien = {w.geld.pk: w.geld.versie, w.kennis.pk: w.kennis.versie}
    services.toezegging_update(
        toezegging=w.geld, versie=w.geld.versie, door=w.collega,
        gegevens=ToezeggingGegevens(soort="geld", hoeveelheid=Decimal("20000"), eenheid="euro", omschrijving="",
                                    jaar_van=2026, jaar_tot=2027),
    )
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker, toezeggingen=gezien)
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    bericht = exc.value.messages[0]
    assert "geld 2026–2027 is intussen gewijzigd" in bericht and "Karin Smit" in bericht
    assert stand(*MODELLEN) == voor


def test_commitment_added_or_withdrawn_meanwhile_is_refused(w):
    """A commitment added after the page was shown, or one already withdrawn, refuses the whole change."""
    gezien = {w.geld.pk: w.geld.versie, w.kennis.pk: w.kennis.versie}
    derde = ToezeggingFactory(deelname=w.deelname, soort="menskracht", eenheid="uren", hoeveelheid=Decimal("200"))
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker, toezeggingen=gezien)
    assert "er is er een bijgekomen of ingetrokken" in exc.value.messages[0]
    assert stand(*MODELLEN) == voor

    services.toezegging_delete(toezegging=derde, versie=derde.versie, door=w.collega)
    services.toezegging_delete(toezegging=w.kennis, versie=w.kennis.versie, door=w.collega)
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker, toezeggingen=gezien)
    assert _codes(exc.value) == {"gelijktijdige_wijziging"}
    assert stand(*MODELLEN) == voor


def test_a_commitment_with_realisations_is_not_withdrawn(w):
    """What was delivered stays on record (Realisatie cascades with its commitment): refused, nothing changes."""
    services.realisatie_create(
        toezegging=w.geld, jaar=2026, kwartaal=1, hoeveelheid=Decimal("3000"), door=w.medewerker
    )
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker)
    assert _codes(exc.value) == {"realisaties_aanwezig"}
    assert "op de toezegging geld 2026–2027 is al iets geleverd" in exc.value.messages[0]
    assert stand(*MODELLEN) == voor


def test_only_for_a_variant_without_commitments(w):
    """Withdrawing everything for volledig or instap makes no sense: refused with a Dutch message."""
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError) as exc:
        _intrekken(w, w.medewerker, variant="volledig")
    assert _codes(exc.value) == {"variant_met_toezeggingen"}
    assert stand(*MODELLEN) == voor


def test_solidarity_without_contribution_changes_nothing(w):
    """The one-row rules still hold: solidarity without its contribution is refused before anything is withdrawn."""
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError):
        _intrekken(w, w.medewerker, variant="solidariteit", solidariteitsbijdrage=None)
    assert stand(*MODELLEN) == voor


def test_a_commitment_of_another_deelname_is_refused(w):
    """Naming Sliedrecht's commitment (another organisation's) next to Papendrecht's own refuses the change."""
    vreemd = ToezeggingFactory(deelname=DeelnameFactory(coalitie=w.coalitie, variant="volledig"))
    voor = stand(*MODELLEN)
    with pytest.raises(ValidationError):
        _intrekken(w, w.medewerker, toezeggingen={
            w.geld.pk: w.geld.versie, w.kennis.pk: w.kennis.versie, vreemd.pk: vreemd.versie,
        })
    assert stand(*MODELLEN) == voor


# --- Screens --------------------------------------------------------------------------------------


def _keuze_url(w) -> str:
    return reverse("coalities:deelname", args=[w.coalitie.pk, w.papendrecht.pk])


def _intrekken_url(w, organisatie=None) -> str:
    return reverse("coalities:deelname_intrekken", args=[w.coalitie.pk, (organisatie or w.papendrecht).pk])


def _bevestiging(w, **anders) -> dict:
    data = {"variant": "geen", "versie": str(w.deelname.versie),
            "toezegging": [f"{w.geld.pk}:{w.geld.versie}", f"{w.kennis.pk}:{w.kennis.versie}"]}
    return data | anders


def test_the_refusal_shows_the_commitments_and_offers_the_way_out(client, w):
    """Choosing geen with commitments: the refusal lists both, with amount and kind as on the coalition page,
    and offers "Toezeggingen intrekken en variant wijzigen" with the choice carried along; nothing is saved."""
    client.force_login(w.medewerker)
    voor = stand(*MODELLEN)
    response = client.post(_keuze_url(w), {"variant": "geen", "versie": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bij geen deelname horen geen toezeggingen; trek eerst de 2 toezeggingen in." in html
    assert "Deze toezeggingen staan de wijziging in de weg" in html
    assert "€\u00a012.500,00 per jaar" in html and "totaal €\u00a025.000,00" in html
    assert "Kennis: Verkeerskundig advies" in html
    assert "Toezeggingen intrekken en variant wijzigen" in html
    assert ">Geleverd<" not in html  # nothing delivered: the column is left out
    assert f'action="{_intrekken_url(w)}"' in html and 'method="get"' in html
    assert 'name="variant" value="geen"' in html
    assert "Niet opgeslagen: verbeter de gemarkeerde velden" not in html  # the refusal is not a field error
    assert stand(*MODELLEN) == voor


def test_the_refusal_keeps_the_solidarity_contribution_as_typed(client, w):
    """Solidarity with "7.500,50": the way out carries the amount as typed, and htmx swaps it into the form."""
    client.force_login(w.medewerker)
    response = client.post(
        _keuze_url(w), {"variant": "solidariteit", "solidariteitsbijdrage": "7.500,50", "versie": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'name="solidariteitsbijdrage" value="7.500,50"' in html
    assert f'hx-get="{_intrekken_url(w)}"' in html


def test_the_refusal_in_a_sorteerbak_cell_opens_the_confirmation_as_a_page(client, w):
    """In the narrow sorteerbak cell the refusal offers the same way out, as a plain link to the confirmation page."""
    client.force_login(w.medewerker)
    prefix = f"d{w.coalitie.pk}-{w.papendrecht.pk}"
    response = client.post(
        _keuze_url(w), {"cel": "1", f"{prefix}-variant": "geen", f"{prefix}-versie": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert f'id="cel-{w.coalitie.pk}-{w.papendrecht.pk}"' in html
    assert "trek eerst de 2 toezeggingen in" in html
    assert f'action="{_intrekken_url(w)}"' in html and 'name="variant" value="geen"' in html
    assert 'name="versie" value="1"' in html
    assert "hx-get" not in html.split("coalities-uitweg")[1].split(">")[0]  # a full page, not a swap into the cell
    assert Toezegging.objects.filter(deelname=w.deelname).count() == 2


def test_the_refusal_says_when_something_was_delivered(client, w):
    """A commitment with realisations cannot go: the refusal says why and offers no way out that would fail."""
    Realisatie.objects.create(toezegging=w.geld, jaar=2026, kwartaal=1, hoeveelheid=Decimal("3000"))
    client.force_login(w.medewerker)
    html = client.post(_keuze_url(w), {"variant": "geen", "versie": "1"}).content.decode()
    assert "Op een van deze toezeggingen is al iets geleverd" in html
    assert ">Geleverd<" in html and "€\u00a03.000,00" in html
    assert "Toezeggingen intrekken en variant wijzigen" not in html


def test_the_confirmation_says_what_is_withdrawn_and_what_the_choice_becomes(client, w):
    """The confirmation page lists both commitments with their versions, the variant now and after, and the button."""
    client.force_login(w.medewerker)
    response = client.get(_intrekken_url(w), {"variant": "solidariteit", "solidariteitsbijdrage": "7.500,50", "versie": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze 2 toezeggingen worden ingetrokken" in html
    assert "€\u00a012.500,00 per jaar" in html and "Verkeerskundig advies" in html
    assert "Volledige participatie" in html and "Solidariteit" in html
    assert "solidariteitsbijdrage €\u00a07.500,50 per jaar" in html
    assert f'name="toezegging" value="{w.geld.pk}:1"' in html and f'name="toezegging" value="{w.kennis.pk}:1"' in html
    assert 'name="solidariteitsbijdrage" value="7500.50"' in html
    assert "Gevolg voor de projectfinanciering" in html  # no project budget here: says that nothing changes
    assert "Intrekken en variant wijzigen" in html
    assert Toezegging.objects.filter(deelname=w.deelname).count() == 2


def test_the_confirmation_without_a_valid_choice_goes_back_with_a_message(client, w):
    """Opened with volledig or a garbled version, the confirmation sends the user back to the choice with a Dutch message."""
    client.force_login(w.medewerker)
    for query in ({"variant": "volledig", "versie": "1"}, {"variant": "geen", "versie": "een"}, {"variant": "solidariteit", "versie": "1"}):
        response = client.get(_intrekken_url(w), query, follow=True)
        assert response.redirect_chain[-1][0] == _keuze_url(w)
        assert response.context["messages"]
    assert Toezegging.objects.filter(deelname=w.deelname).count() == 2


def test_confirming_withdraws_and_changes_then_shows_the_coalition(client, w):
    """Confirming saves both in one go and lands on the coalition page with the message and the history lines."""
    client.force_login(w.medewerker)
    response = client.post(_intrekken_url(w), _bevestiging(w), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("coalities:detail", args=[w.coalitie.pk])
    assert "De toezeggingen van Papendrecht zijn ingetrokken en de keuze is gewijzigd in geen deelname." in html
    assert "Gewijzigd naar geen deelname; 2 toezeggingen ingetrokken." in html
    assert "Ingetrokken bij de wijziging naar geen deelname." in html
    assert Deelname.objects.get(pk=w.deelname.pk).variant == "geen"
    assert not Toezegging.objects.filter(deelname=w.deelname).exists()


def test_confirming_with_htmx_redirects_the_browser(client, w):
    """With htmx the answer is a client redirect to the coalition page."""
    client.force_login(w.medewerker)
    response = client.post(_intrekken_url(w), _bevestiging(w), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == reverse("coalities:detail", args=[w.coalitie.pk])
    assert Deelname.objects.get(pk=w.deelname.pk).variant == "geen"


def test_a_stale_confirmation_is_refused_and_shows_the_new_state(client, w):
    """Karin changed the money meanwhile: the page comes back with her change, the new version, and nothing withdrawn."""
    client.force_login(w.medewerker)
    bevestiging = _bevestiging(w)
    services.toezegging_update(
        toezegging=w.geld, versie=1, door=w.collega,
        gegevens=ToezeggingGegevens(soort="geld", hoeveelheid=Decimal("20000"), eenheid="euro", omschrijving="",
                                    jaar_van=2026, jaar_tot=2027),
    )
    voor = stand(*MODELLEN)
    response = client.post(_intrekken_url(w), bevestiging)
    html = response.content.decode()
    assert response.status_code == 200
    assert "is intussen gewijzigd" in html and "Karin Smit" in html
    assert "€\u00a020.000,00 per jaar" in html
    assert f'name="toezegging" value="{w.geld.pk}:2"' in html  # a new confirmation knowingly withdraws the new state
    assert stand(*MODELLEN) == voor


def test_hostile_or_foreign_ids_give_404_or_403_and_change_nothing(client, w):
    """Another organisation's commitment gives 403, an unknown or unrelated id 404, another gemeente's
    deelname 403, an unknown coalition 404; nothing changes."""
    andere = ToezeggingFactory(deelname=w.sliedrecht.coalitie.deelnames.create(
        organisatie=w.gemeenten["Dordrecht"], variant="volledig"))
    eigen_elders = ToezeggingFactory(deelname=DeelnameFactory(organisatie=w.papendrecht, variant="volledig"))
    client.force_login(w.medewerker)
    voor = stand(*MODELLEN)
    eigen = [f"{w.geld.pk}:1", f"{w.kennis.pk}:1"]
    assert client.post(_intrekken_url(w), _bevestiging(w, toezegging=[*eigen, f"{andere.pk}:1"])).status_code == 403
    assert client.post(_intrekken_url(w), _bevestiging(w, toezegging=[*eigen, "999999:1"])).status_code == 404
    assert client.post(_intrekken_url(w), _bevestiging(w, toezegging=[*eigen, f"{eigen_elders.pk}:1"])).status_code == 404
    sliedrecht = _intrekken_url(w, w.gemeenten["Sliedrecht"])
    assert client.post(sliedrecht, _bevestiging(w)).status_code == 403
    assert client.get(sliedrecht, {"variant": "geen", "versie": "1"}).status_code == 403
    onbekend = reverse("coalities:deelname_intrekken", args=[999999, w.papendrecht.pk])
    assert client.post(onbekend, _bevestiging(w)).status_code == 404
    # Alblasserdam made no choice here: there is nothing to withdraw (a beheerder gets 404, not a page).
    client.force_login(GebruikerFactory(rollen=[Rol.Soort.BEHEERDER]))
    assert client.post(_intrekken_url(w, w.gemeenten["Alblasserdam"]), _bevestiging(w)).status_code == 404
    assert stand(*MODELLEN) == voor


def test_garbled_confirmations_change_nothing(client, w):
    """Garbled ids or versions, or a commitment named twice, send the user back with a message; nothing changes."""
    client.force_login(w.medewerker)
    voor = stand(*MODELLEN)
    for toezegging in (["abc"], [f"{w.geld.pk}"], [f"{w.geld.pk}:1", f"{w.geld.pk}:1"], ["1e9:1"]):
        response = client.post(_intrekken_url(w), _bevestiging(w, toezegging=toezegging))
        assert response.status_code == 302 and response["Location"] == _keuze_url(w)
    assert stand(*MODELLEN) == voor


def test_a_raadslid_cannot_open_or_confirm(client, w):
    """A raadslid of Papendrecht reads but may not withdraw: 403 on the page and on the confirmation."""
    client.force_login(GebruikerFactory(organisatie=w.papendrecht, rollen=[Rol.Soort.RAADSLID]))
    voor = stand(*MODELLEN)
    assert client.get(_intrekken_url(w), {"variant": "geen", "versie": "1"}).status_code == 403
    assert client.post(_intrekken_url(w), _bevestiging(w)).status_code == 403
    assert stand(*MODELLEN) == voor


def test_refusal_and_confirmation_use_a_fixed_number_of_queries(client, w):
    """The refusal and the confirmation need as many queries with 2 commitments as with 12 (some delivered on)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as weigering:
            assert client.post(_keuze_url(w), {"variant": "geen", "versie": "1"}).status_code == 200
        with CaptureQueriesContext(connection) as bevestiging:
            assert client.get(_intrekken_url(w), {"variant": "geen", "versie": "1"}).status_code == 200
        return len(weigering.captured_queries), len(bevestiging.captured_queries)

    client.force_login(w.medewerker)
    Realisatie.objects.create(toezegging=w.kennis, jaar=2026, toelichting="Advies gegeven.")
    client.get(_intrekken_url(w), {"variant": "geen", "versie": "1"})  # the year's allocation is computed once
    klein = tel()
    for i in range(10):
        toezegging = ToezeggingFactory(deelname=w.deelname, jaar_van=2026, jaar_tot=2026 + i % 3)
        Realisatie.objects.create(toezegging=toezegging, jaar=2026, hoeveelheid=Decimal("100"))
    assert tel() == klein
