"""Screens of the tafels app: content, rights (404/403) and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from drechtsteden.models import Organisatie, Rol
from tafels import services
from tafels.models import Lidmaatschap, Stukversie
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.tafels.factories import (
    agendapunt,
    houden,
    na_vergadering,
    pdf,
    secretaris_van,
    tafel_met_leden,
    vergadering,
)

pytestmark = pytest.mark.django_db
DATUM = datetime.date(2026, 3, 1)


def _gebruiker(orgnaam: str, rol=Rol.Soort.BESTUURDER):
    return GebruikerFactory(organisatie=Organisatie.objects.get(naam=orgnaam), rollen=[rol])


def _buitenstaander():
    """A user of an organisation that is not at the table."""
    org = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    return GebruikerFactory(organisatie=org, rollen=[Rol.Soort.BESTUURDER])


@pytest.fixture
def tafel():
    return tafel_met_leden(naam="Tafel Bereikbaarheid", thema=ThemaFactory(naam="Bereikbaarheid", slug="bereikbaarheid"))


def test_index_lists_tables_with_opt_outs_and_partners(client, tafel):
    """The table list shows each table, its participants, opt-outs and admitted partners."""
    lid = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen opgave", datum=DATUM, door=secretaris_van(lid))
    buur = OrganisatieFactory(naam="Hoeksche Waard", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1963")
    services.partner_toelaten(
        tafel=tafel, organisatie=buur, besluit_referentie="Besluit 4", datum=DATUM, door=secretaris_van(tafel),
    )
    client.force_login(_gebruiker("Dordrecht"))
    html = client.get(reverse("tafels:index")).content.decode()
    assert "Tafel Bereikbaarheid" in html
    assert "Sliedrecht" in html and "Hoeksche Waard" in html and "Toegetreden partner" in html


def test_tafel_page_shows_members_reasons_and_decisions(client, tafel):
    """The table page shows opt-out reasons and the decision admitting a partner."""
    lid = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    services.lidmaatschap_afmelden(
        lidmaatschap=lid, reden="Sliedrecht kiest voor de eigen aanpak", datum=DATUM, door=secretaris_van(lid),
    )
    services.ambitie_vaststellen(
        tafel=tafel, tekst="Samen de regio bereikbaar houden", vastgesteld_op=DATUM, door=secretaris_van(tafel),
    )
    client.force_login(_gebruiker("Zwijndrecht"))
    html = client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()
    assert "Sliedrecht kiest voor de eigen aanpak" in html
    assert "Samen de regio bereikbaar houden" in html and "Versie 1" in html


def test_tafel_page_shows_its_coalitions_results_and_sorteerbak(client, tafel):
    """The table page lists its coalitions with status and open choices, their results and lessons, and the sorteerbak."""
    from coalities.models import Coalitie, ResultaatEnLes
    from tests.coalities.factories import CoalitieFactory

    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    eigen = CoalitieFactory(naam="Snelfietsroute Dordrecht–Zwijndrecht", tafel=tafel, thema=tafel.thema,
                            trekker=dordrecht, status=Coalitie.Status.LOPEND)
    elders = CoalitieFactory(naam="Warmtenet Sliedrecht", trekker=dordrecht)
    ResultaatEnLes.objects.create(coalitie=eigen, soort="les", titel="Grondeigenaren vroeg betrekken",
                                  tekst="Scheelt een half jaar.", datum=DATUM)
    ResultaatEnLes.objects.create(coalitie=elders, soort="resultaat", titel="Elders geleerd", tekst="x", datum=DATUM)
    client.force_login(_gebruiker("Zwijndrecht", Rol.Soort.RAADSLID))
    html = client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()
    assert f'href="{reverse("coalities:detail", args=[eigen.pk])}">Snelfietsroute Dordrecht–Zwijndrecht</a>' in html
    assert "Lopend" in html
    assert "7 gemeenten" in html  # none of the seven chose yet
    assert f'href="{reverse("coalities:sorteerbak", args=[tafel.pk])}"' in html
    assert "Grondeigenaren vroeg betrekken" in html
    assert "Warmtenet Sliedrecht" not in html and "Elders geleerd" not in html


def test_tafel_page_hides_meetings_from_outsiders(client, tafel):
    """An outsider sees the table but not its meetings."""
    v = vergadering(tafel)
    client.force_login(_buitenstaander())
    html = client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()
    assert reverse("tafels:vergadering", args=[v.pk]) not in html
    assert "Uw organisatie zit niet aan deze tafel" in html


def test_member_bestuurder_sees_the_draft_meeting(client, tafel):
    """A bestuurder of a member gemeente opens the draft agenda with its items."""
    v = vergadering(tafel)
    agendapunt(v, "Regionale fietsroutes")
    client.force_login(_gebruiker("Papendrecht"))
    response = client.get(reverse("tafels:vergadering", args=[v.pk]))
    assert response.status_code == 200
    assert "Regionale fietsroutes" in response.content.decode()
    assert "Agendapunt toevoegen" not in response.content.decode()


def test_outsider_gets_404_for_a_draft_agenda(client, tafel):
    """A user of an organisation not at the table cannot open the draft agenda: 404."""
    v = vergadering(tafel)
    client.force_login(_buitenstaander())
    assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 404
    assert client.get(reverse("tafels:besluitenlijst", args=[v.pk])).status_code == 404


def test_opted_out_gemeente_gets_404_for_a_draft_agenda(client, tafel):
    """A gemeente that opted out is no longer at the table and does not see its drafts."""
    lid = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen opgave", datum=DATUM, door=secretaris_van(lid))
    v = vergadering(tafel)
    client.force_login(_gebruiker("Sliedrecht"))
    assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 404


def test_manager_sdd_sees_set_agenda_but_not_draft(client, tafel):
    """The manager SDD follows all tables once an agenda is set, not the drafts of other tables."""
    v = vergadering(tafel)
    manager = GebruikerFactory(organisatie=_buitenstaander().organisatie, rollen=[Rol.Soort.MANAGER_SDD])
    client.force_login(manager)
    assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 404
    services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 200


def test_raadslid_reads_but_may_not_edit(client, tafel):
    """A raadslid of a member gemeente reads the meeting; adding an item is forbidden (403)."""
    v = vergadering(tafel)
    client.force_login(_gebruiker("Alblasserdam", Rol.Soort.RAADSLID))
    assert client.get(reverse("tafels:vergadering", args=[v.pk])).status_code == 200
    response = client.post(
        reverse("tafels:agendapunt_toevoegen", args=[v.pk]),
        {"nieuw-titel": "X", "nieuw-processtap": "overig", "nieuw-soort": "bespreking", "nieuw-minuten": 10},
    )
    assert response.status_code == 403
    assert v.agendapunten.count() == 1


def test_secretary_adds_item_with_htmx(client, tafel):
    """The secretary adds an item inline: the answer is the agenda fragment with the new item."""
    v = vergadering(tafel)
    client.force_login(tafel.secretaris)
    response = client.post(
        reverse("tafels:agendapunt_toevoegen", args=[v.pk]),
        {"nieuw-titel": "Ambitie 2030", "nieuw-processtap": "1_ambitie", "nieuw-soort": "besluitvorming", "nieuw-minuten": 30},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="agenda"' in html
    assert "2. Ambitie 2030" in html and "(1) Ambitie bepalen" in html


def test_item_form_errors_are_shown(client, tafel):
    """An item without title is refused with the error linked to its field."""
    v = vergadering(tafel)
    client.force_login(tafel.secretaris)
    html = client.post(
        reverse("tafels:agendapunt_toevoegen", args=[v.pk]),
        {"nieuw-titel": "", "nieuw-processtap": "overig", "nieuw-soort": "bespreking", "nieuw-minuten": 10},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'aria-describedby="id_nieuw-titel_error"' in html and 'id="id_nieuw-titel_error"' in html
    assert v.agendapunten.count() == 1


def test_item_about_one_project_shows_a_warning(client, tafel):
    """An item linked to one coalition warns that projects are discussed in the coalition."""
    from coalities.models import Coalitie

    coalitie = Coalitie.objects.create(
        naam="Snelfietsroute Dordrecht–Zwijndrecht", thema=tafel.thema, tafel=tafel,
        trekker=Organisatie.objects.get(naam="Dordrecht"),
    )
    v = vergadering(tafel)
    agendapunt(v, "Stand snelfietsroute", coalitie=coalitie)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert "Dit punt gaat over één project (Snelfietsroute Dordrecht–Zwijndrecht)" in html


def test_secretary_links_an_item_to_one_of_the_tables_coalitions(client, tafel):
    """The agenda builder offers only this table's coalitions; the linked item shows the warning and its coalition."""
    from tests.coalities.factories import CoalitieFactory

    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    eigen = CoalitieFactory(naam="Snelfietsroute Dordrecht–Zwijndrecht", tafel=tafel, thema=tafel.thema, trekker=dordrecht)
    andere = CoalitieFactory(naam="Warmtenet van een andere tafel", thema=tafel.thema, trekker=dordrecht,
                             tafel=tafel_met_leden(naam="Tafel Energie"))
    v = vergadering(tafel)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert f'<option value="{eigen.pk}">Snelfietsroute Dordrecht–Zwijndrecht</option>' in html
    assert "Warmtenet van een andere tafel" not in html
    velden = {"nieuw-titel": "Stand snelfietsroute", "nieuw-processtap": "overig", "nieuw-soort": "bespreking",
              "nieuw-minuten": 10}
    weigering = client.post(reverse("tafels:agendapunt_toevoegen", args=[v.pk]), {**velden, "nieuw-coalitie": andere.pk})
    assert weigering.status_code == 200 and not v.agendapunten.filter(titel="Stand snelfietsroute").exists()
    client.post(reverse("tafels:agendapunt_toevoegen", args=[v.pk]), {**velden, "nieuw-coalitie": eigen.pk})
    assert v.agendapunten.get(titel="Stand snelfietsroute").coalitie == eigen
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert "Projecten worden besproken in hun coalitie, niet aan de tafel." in html
    assert f'href="{reverse("coalities:detail", args=[eigen.pk])}"' in html


def test_upload_late_document_shows_te_laat_and_count(client, tafel):
    """A document uploaded after the deadline is marked te laat and counted in 'stukken op tijd'."""
    v = vergadering(tafel, over_dagen=3)
    punt = agendapunt(v)
    services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Vooraf", door=tafel.secretaris,
                           moment=v.begint_om - datetime.timedelta(days=20))
    client.force_login(tafel.secretaris)
    html = client.post(
        reverse("tafels:stuk_uploaden", args=[punt.pk]), {"titel": "Nazending", "bestand": pdf("nazending.pdf")},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Nazending" in html and "te laat" in html
    html = client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()
    assert 'id="stukken-op-tijd">1 van 2<' in html


def test_upload_of_wrong_type_is_refused(client, tafel):
    """A file that is not PDF/DOCX/XLSX/ODT is refused with a Dutch message."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    punt = agendapunt(vergadering(tafel))
    client.force_login(tafel.secretaris)
    html = client.post(
        reverse("tafels:stuk_uploaden", args=[punt.pk]),
        {"titel": "Plaatje", "bestand": SimpleUploadedFile("x.pdf", b"GIF89a" + b"\0" * 50)},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "geen PDF, DOCX, XLSX of ODT" in html
    assert not Stukversie.objects.exists()


def test_download_checks_rights(client, tafel):
    """A member downloads the document through the view; an outsider gets 404."""
    punt = agendapunt(vergadering(tafel))
    versie = services.stuk_uploaden(agendapunt=punt, bestand=pdf("notitie.pdf"), titel="Notitie", door=tafel.secretaris)
    client.force_login(_gebruiker("Dordrecht"))
    response = client.get(reverse("tafels:stuk_download", args=[versie.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'filename="notitie.pdf"' in response["Content-Disposition"]
    client.force_login(_buitenstaander())
    assert client.get(reverse("tafels:stuk_download", args=[versie.pk])).status_code == 404


def test_decision_and_action_recorded_and_on_besluitenlijst(client, tafel):
    """A decision and an action recorded on an item appear on the besluitenlijst page."""
    v = vergadering(tafel, over_dagen=-1)
    punt = agendapunt(v, "Ambitie")
    houden(v)
    client.force_login(tafel.secretaris)
    client.post(reverse("tafels:besluit_vastleggen", args=[punt.pk]), {"tekst": "De ambitie wordt vastgesteld."})
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    client.post(
        reverse("tafels:actiepunt_toevoegen", args=[punt.pk]),
        {"omschrijving": "Uitwerken in projecten", "eigenaar_organisatie": dordrecht.pk,
         "deadline": na_vergadering(v).isoformat()},
    )
    html = client.get(reverse("tafels:besluitenlijst", args=[v.pk])).content.decode()
    assert "De ambitie wordt vastgesteld." in html and "Uitwerken in projecten" in html and "Dordrecht" in html


def test_status_backwards_via_view_shows_message(client, tafel):
    """Posting an earlier status shows the Dutch refusal and keeps the status."""
    v = vergadering(tafel)
    services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:vergadering_status", args=[v.pk]), {"naar": "concept"}, follow=True)
    assert "De status gaat alleen vooruit" in response.content.decode()
    v.refresh_from_db()
    assert v.status == "agenda_vastgesteld"


def test_afmelden_goes_through_the_confirmation(client, tafel):
    """The membership page links to the confirmation of the leave (notice period, what is still owed); a
    direct opt-out post changes nothing. After the confirmed opt-out the page offers the return."""
    lid = tafel.lidmaatschappen.get(organisatie__naam="Hendrik-Ido-Ambacht")
    url = reverse("tafels:lidmaatschap", args=[tafel.pk, lid.pk])
    client.force_login(tafel.secretaris)
    bevestiging = reverse("financiering:uittreding_tafel", args=[lid.pk])
    assert bevestiging in client.get(url).content.decode()
    assert client.post(url, {"afmelden-reden": "Geen capaciteit", "afmelden-datum": "2026-03-01"}).status_code == 405
    assert Lidmaatschap.objects.get(pk=lid.pk).status == "deelnemend"
    client.post(bevestiging, {"meldingsdatum": timezone.localdate().isoformat(), "reden": "Geen capaciteit", "bevestigd": "1"})
    html = client.get(url).content.decode()
    assert Lidmaatschap.objects.get(pk=lid.pk).status == "afgemeld"
    assert "Geen capaciteit" in html and "Weer deelnemen" in html
    assert reverse("financiering:toetreding_lidmaatschap", args=[lid.pk]) in html


def test_membership_forms_only_for_the_secretary(client, tafel):
    """A bestuurder of a member gemeente may not change memberships (403)."""
    lid = tafel.lidmaatschappen.first()
    client.force_login(_gebruiker("Dordrecht"))
    assert client.get(reverse("tafels:lidmaatschap", args=[tafel.pk, lid.pk])).status_code == 403
    assert client.get(reverse("financiering:toetreding_tafel", args=[tafel.pk])).status_code == 403


def test_partner_form_demands_decision(client, tafel):
    """Admitting a partner (through the confirmation of its consequences) without decision shows the rule;
    with one it is admitted."""
    buur = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    client.force_login(tafel.secretaris)
    url = reverse("financiering:toetreding_tafel", args=[tafel.pk])
    datum = timezone.localdate().isoformat()
    html = client.post(url, {"organisatie": buur.pk, "besluit_referentie": "", "meldingsdatum": datum}).content.decode()
    assert "vastgelegd besluit van de tafel" in html
    client.post(url, {"organisatie": buur.pk, "besluit_referentie": "Besluit 7", "meldingsdatum": datum, "bevestigd": "1"})
    assert tafel.lidmaatschappen.get(organisatie=buur).status == "toegetreden_partner"


def test_reorder_with_htmx(client, tafel):
    """Moving an item down swaps it with the next one without a page reload."""
    v = vergadering(tafel)
    a = agendapunt(v, "Eerste")
    agendapunt(v, "Tweede")
    client.force_login(tafel.secretaris)
    html = client.post(
        reverse("tafels:agendapunt_verplaatsen", args=[a.pk]), {"richting": "omlaag"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.index("2. Tweede") < html.index("3. Eerste")


# --- Calendar feeds ------------------------------------------------------------------------------


def test_personal_feed_parses_and_holds_the_meetings(client, tafel):
    """The personal feed is valid iCalendar with the meetings of the user's tables, without login."""
    eerste = vergadering(tafel, over_dagen=10)
    vergadering(tafel, over_dagen=100)
    andere = tafel_met_leden(naam="Andere tafel")
    services.lidmaatschap_afmelden(
        lidmaatschap=andere.lidmaatschappen.get(organisatie__naam="Zwijndrecht"), reden="Geen opgave", datum=DATUM,
        door=secretaris_van(andere),
    )
    vergadering(andere, over_dagen=20)
    bestuurder = _gebruiker("Zwijndrecht")
    response = client.get(reverse("tafels:agenda_persoonlijk", args=[bestuurder.agenda_token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    agenda = Calendar.from_ical(response.content)
    events = agenda.walk("VEVENT")
    assert len(events) == 2
    assert {str(e["summary"]) for e in events} == {"Tafel Bereikbaarheid"}
    assert events[0].decoded("dtstart") == eerste.begint_om.replace(microsecond=0)
    assert str(events[0]["location"]) == "Stadskantoor"


def test_table_feed_and_unknown_token(client, tafel):
    """The table feed parses; an unknown token or an outsider's token gives 404."""
    vergadering(tafel)
    lid = _gebruiker("Dordrecht")
    response = client.get(reverse("tafels:agenda_tafel", args=[lid.agenda_token, tafel.pk]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert client.get(reverse("tafels:agenda_persoonlijk", args=["onbekend"])).status_code == 404
    buiten = _buitenstaander()
    assert client.get(reverse("tafels:agenda_tafel", args=[buiten.agenda_token, tafel.pk])).status_code == 404


# --- Fixed number of queries ---------------------------------------------------------------------


def _vul(tafel, aantal: int):
    """Adds ``aantal`` meetings with items, documents, decisions and actions, and coalitions with results."""
    from coalities.models import ResultaatEnLes
    from tests.coalities.factories import CoalitieFactory, DeelnameFactory

    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    laatste = None
    for i in range(aantal):
        coalitie = CoalitieFactory(tafel=tafel, thema=tafel.thema, trekker=dordrecht)
        DeelnameFactory(coalitie=coalitie, organisatie=dordrecht)
        ResultaatEnLes.objects.create(coalitie=coalitie, soort="les", titel=f"Les {i}", tekst="Vroeg betrekken.",
                                      datum=DATUM)
        # Held meetings, a month apart, the last one ten days ago: decisions are recorded after the meeting.
        v = vergadering(tafel, over_dagen=-10 - 30 * (aantal - 1 - i))
        punten = [agendapunt(v, f"Punt {i}-{j}") for j in range(aantal)]
        for j, punt in enumerate(punten):
            services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel=f"Stuk {j}", door=tafel.secretaris)
        houden(v)
        for j, punt in enumerate(punten):
            services.besluit_vastleggen(agendapunt=punt, tekst=f"Besluit {i}-{j}", door=secretaris_van(punt))
            services.actiepunt_create(agendapunt=punt, omschrijving=f"Actie {i}-{j}", deadline=na_vergadering(v),
                                      eigenaar_organisatie=dordrecht, eigenaar_persoon=tafel.secretaris,
                                      door=secretaris_van(punt))
        services.aanwezigheid_registreren(
            vergadering=v, organisatie=dordrecht, status="aanwezig", door=secretaris_van(v),
        )
        laatste = v
    return laatste


@pytest.mark.parametrize("aantal", [1, 4])
def test_pages_render_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, tafel, aantal):
    """List, table, meeting and besluitenlijst pages do not query per row: the same ceiling for 1 and 4."""
    laatste = _vul(tafel, aantal)
    client.force_login(tafel.secretaris)
    for url, maximum in [
        (reverse("tafels:index"), 6),
        (reverse("tafels:detail", args=[tafel.pk]), 13),  # the first coalitions with the total and their counts; joins and leaves
        (reverse("tafels:vergaderingen", args=[tafel.pk]), 12),
        (reverse("tafels:vergadering", args=[laatste.pk]), 21),  # 17 + aanmeldingen + agenda pack block (2) + vote rules
        (reverse("tafels:besluitenlijst", args=[laatste.pk]), 8),  # only the items with their decisions and actions
    ]:
        with django_assert_max_num_queries(maximum):
            assert client.get(url).status_code == 200


def test_meeting_page_shows_deadline_state(client, tafel):
    """Before the deadline the page says it is open; after it, that new papers are late."""
    open_v = vergadering(tafel, over_dagen=30)
    laat_v = vergadering(tafel, over_dagen=3)
    client.force_login(tafel.secretaris)
    assert "open, nog" in client.get(reverse("tafels:vergadering", args=[open_v.pk])).content.decode()
    assert "verstreken: nieuwe stukken zijn te laat" in client.get(reverse("tafels:vergadering", args=[laat_v.pk])).content.decode()


def test_edit_item_inline(client, tafel):
    """The secretary opens an item's edit form in the agenda fragment and saves a new title and step."""
    v = vergadering(tafel)
    punt = agendapunt(v, "Oude titel")
    client.force_login(tafel.secretaris)
    url = reverse("tafels:agendapunt_bewerken", args=[punt.pk])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Agendapunt 2 bewerken" in html and 'value="Oude titel"' in html
    prefix = f"punt-{punt.pk}"
    html = client.post(
        url,
        {f"{prefix}-titel": "Nieuwe titel", f"{prefix}-processtap": "7_knelpunten", f"{prefix}-soort": "bespreking",
         f"{prefix}-minuten": 25},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "2. Nieuwe titel" in html and "(7) Knelpunten signaleren" in html


def test_remove_item(client, tafel):
    """Removing an item takes it off the agenda; a reader may not (403)."""
    v = vergadering(tafel)
    punt = agendapunt(v, "Weg ermee")
    client.force_login(_gebruiker("Dordrecht"))
    assert client.post(reverse("tafels:agendapunt_verwijderen", args=[punt.pk])).status_code == 403
    client.force_login(tafel.secretaris)
    html = client.post(reverse("tafels:agendapunt_verwijderen", args=[punt.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "Weg ermee" not in html and v.agendapunten.count() == 1


def test_urgent_dossier_form(client, tafel):
    """Three yeses put the dossier on the agenda; a 'no' records it as not admitted, with the answers."""
    v = vergadering(tafel)
    client.force_login(tafel.secretaris)
    url = reverse("tafels:urgentietoets", args=[v.pk])
    antwoorden = {"toets-past_binnen_scope": "ja", "toets-capaciteit_beschikbaar": "ja", "toets-minuten": 15}
    html = client.post(url, {**antwoorden, "toets-titel": "Dijkversterking", "toets-urgent_gevoeld": "ja"},
                       headers={"HX-Request": "true"}).content.decode()
    assert "2. Dijkversterking" in html and "Toegelaten: past bij de tafel, er is capaciteit en het is urgent" in html
    html = client.post(url, {**antwoorden, "toets-titel": "Parkeren", "toets-urgent_gevoeld": "nee"},
                       headers={"HX-Request": "true"}).content.decode()
    assert "„Parkeren” is niet toegelaten" in html and "urgent nee" in html
    html = client.post(url, {**antwoorden, "toets-titel": "Half", "toets-urgent_gevoeld": ""},
                       headers={"HX-Request": "true"}).content.decode()
    assert "Beantwoord deze vraag met ja of nee." in html
    assert v.urgentietoetsen.count() == 2


def test_attendance_is_recorded(client, tafel):
    """The secretary records attendance per member; members see it."""
    v = vergadering(tafel)
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    client.force_login(tafel.secretaris)
    client.post(reverse("tafels:aanwezigheid", args=[v.pk]), {f"aanwezigheid-{dordrecht.pk}": "afwezig_met_bericht"})
    assert v.aanwezigheden.get(organisatie=dordrecht).status == "afwezig_met_bericht"
    client.force_login(_gebruiker("Papendrecht"))
    assert "Afwezig met bericht" in client.get(reverse("tafels:vergadering", args=[v.pk])).content.decode()


def test_action_status_changed_from_next_meeting(client, tafel):
    """An open action carried over to the next meeting can be closed there, and leaves the open list."""
    eerste = vergadering(tafel, over_dagen=-20)
    tweede = vergadering(tafel, over_dagen=30)
    actie = services.actiepunt_create(agendapunt=agendapunt(eerste), omschrijving="Kaart maken", deadline=na_vergadering(eerste),
                                      eigenaar_persoon=tafel.secretaris, door=secretaris_van(tafel))
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:vergadering", args=[tweede.pk])).content.decode()
    assert "Kaart maken" in html
    client.post(reverse("tafels:actiepunt_status", args=[actie.pk]), {"status": "gereed", "vergadering": tweede.pk})
    actie.refresh_from_db()
    assert actie.status == "gereed"
    assert "Kaart maken" not in client.get(reverse("tafels:vergadering", args=[tweede.pk])).content.decode()


def test_plan_meeting_and_adopt_ambition(client, tafel):
    """The secretary plans a meeting and adopts a new version of the ambition; others get 403."""
    client.force_login(_gebruiker("Dordrecht"))
    assert client.get(reverse("tafels:vergadering_nieuw", args=[tafel.pk])).status_code == 403
    assert client.get(reverse("tafels:ambitie", args=[tafel.pk])).status_code == 403
    client.force_login(tafel.secretaris)
    response = client.post(reverse("tafels:vergadering_nieuw", args=[tafel.pk]),
                           {"begint_om": "2027-03-11T14:00", "duur_minuten": 120, "plaats": "Sliedrecht"})
    v = tafel.vergaderingen.get()
    assert response.url == reverse("tafels:vergadering", args=[v.pk])
    assert timezone.localtime(v.begint_om).hour == 14
    client.post(reverse("tafels:ambitie", args=[tafel.pk]), {"tekst": "Nieuwe ambitie", "vastgesteld_op": "2026-11-01"})
    assert "Nieuwe ambitie" in client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()


def test_pages_need_login(client, tafel):
    """Without login the table pages redirect to the login page."""
    response = client.get(reverse("tafels:detail", args=[tafel.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_table_page_shows_the_next_and_last_meetings_and_pages_them_all(client, tafel):
    """Five upcoming and five past meetings on the table page, with the total and a link to every meeting, paged."""
    for i in range(7):
        vergadering(tafel, over_dagen=10 + i)
        vergadering(tafel, over_dagen=-10 - i)
    client.force_login(tafel.secretaris)
    html = client.get(reverse("tafels:detail", args=[tafel.pk])).content.decode()
    assert "Komende vergaderingen" in html and "Eerdere vergaderingen" in html
    assert "10 van 14 getoond." in html and reverse("tafels:vergaderingen", args=[tafel.pk]) in html
    alle = client.get(reverse("tafels:vergaderingen", args=[tafel.pk])).content.decode()
    assert alle.count('href="/tafels/vergaderingen/') == 14
    client.force_login(GebruikerFactory(organisatie=OrganisatieFactory(naam="Buiten de tafel")))
    assert client.get(reverse("tafels:vergaderingen", args=[tafel.pk])).status_code == 403


def test_table_page_reads_only_the_meetings_it_shows_in_order_and_counts_what_the_user_may_see(client, tafel):
    """The next meetings soonest first, the past ones newest first; a draft counts only for who may see drafts
    (the manager SDD outside the table sees the others); the table page's queries do not grow with meetings."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    komend = [vergadering(tafel, over_dagen=d) for d in (30, 10, 20)]  # drafts
    geweest = [houden(vergadering(tafel, over_dagen=-d)) for d in (5, 40, 20)]
    client.force_login(tafel.secretaris)
    url = reverse("tafels:detail", args=[tafel.pk])
    html = client.get(url).content.decode()
    links = [html.index(reverse("tafels:vergadering", args=[v.pk])) for v in [komend[1], komend[2], komend[0], *geweest[::2], geweest[1]]]
    assert links == sorted(links)
    manager = GebruikerFactory(organisatie=_buitenstaander().organisatie, rollen=[Rol.Soort.MANAGER_SDD])
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert all(reverse("tafels:vergadering", args=[v.pk]) not in html for v in komend)
    assert all(reverse("tafels:vergadering", args=[v.pk]) in html for v in geweest)
    alle = client.get(reverse("tafels:vergaderingen", args=[tafel.pk])).content.decode()
    assert alle.count('href="/tafels/vergaderingen/') == 3
    client.force_login(tafel.secretaris)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    aantal = len(weinig)
    for d in range(12):
        vergadering(tafel, over_dagen=50 + d)
        vergadering(tafel, over_dagen=-50 - d)
    with CaptureQueriesContext(connection) as veel:
        html = client.get(url).content.decode()
    assert len(veel) == aantal and "10 van 30 getoond." in html
