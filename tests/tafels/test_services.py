"""The rules of the tafels app, enforced by services and database constraints."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from drechtsteden.models import Organisatie, Rol
from tafels import models, services
from tafels.models import Agendapunt, Ambitie, Lidmaatschap, Processtap, Stuk, Urgentietoets, Vergadering
from tests.factories import GebruikerFactory, OrganisatieFactory, PartnerFactory
from tests.tafels.factories import (
    agendapunt,
    docx,
    na_vergadering,
    pdf,
    secretaris_van,
    tafel_met_leden,
    vergadering,
)

pytestmark = pytest.mark.django_db
DATUM = datetime.date(2026, 3, 1)


def test_tafel_create_makes_the_seven_gemeenten_members():
    """A new table has the seven Drechtstedengemeenten as participating members, and nobody else."""
    PartnerFactory()
    tafel = tafel_met_leden()
    assert tafel.lidmaatschappen.filter(status=Lidmaatschap.Status.DEELNEMEND).count() == 7
    assert tafel.deelnemende_organisaties().count() == 7
    assert set(tafel.deelnemende_organisaties().values_list("soort", flat=True)) == {"drechtstedengemeente"}


def test_afmelden_without_reason_is_refused_and_nothing_saved():
    """An opt-out without a reason is refused with a Dutch message; the membership stays as it was."""
    tafel = tafel_met_leden()
    lid = tafel.lidmaatschappen.first()
    with pytest.raises(ValidationError) as fout:
        services.lidmaatschap_afmelden(lidmaatschap=lid, reden="  ", datum=DATUM, door=secretaris_van(lid))
    assert "Geef de reden van de afmelding." in fout.value.messages
    lid.refresh_from_db()
    assert lid.status == Lidmaatschap.Status.DEELNEMEND
    assert lid.history.count() == 1


def test_afmelden_without_date_is_refused():
    """An opt-out needs a date."""
    lid = tafel_met_leden().lidmaatschappen.first()
    with pytest.raises(ValidationError) as fout:
        services.lidmaatschap_afmelden(
            lidmaatschap=lid, reden="Geen opgave in dit thema", datum=None, door=secretaris_van(lid),
        )
    assert fout.value.error_dict["datum"][0].code == "datum_verplicht"


def test_afmelden_and_rejoin_keep_the_history():
    """A gemeente opts out with reason and date, rejoins later, and the history shows both steps."""
    tafel = tafel_met_leden()
    lid = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen eigen opgave", datum=DATUM, door=secretaris_van(lid))
    assert tafel.deelnemende_organisaties().count() == 6
    services.lidmaatschap_weer_deelnemen(
        lidmaatschap=lid, datum=DATUM + datetime.timedelta(days=200), door=secretaris_van(lid),
    )
    assert tafel.deelnemende_organisaties().count() == 7
    statussen = list(lid.history.order_by("history_id").values_list("status", "reden"))
    assert statussen == [("deelnemend", ""), ("afgemeld", "Geen eigen opgave"), ("deelnemend", "")]


def test_afgemeld_without_reason_is_refused_by_the_database():
    """The database itself refuses an opt-out row without reason or date."""
    lid = tafel_met_leden().lidmaatschappen.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.filter(pk=lid.pk).update(status=Lidmaatschap.Status.AFGEMELD, reden="")


def test_partner_without_decision_is_refused_and_nothing_saved():
    """A partner is admitted only with a recorded table decision; without it nothing is saved."""
    tafel = tafel_met_leden()
    buur = OrganisatieFactory(naam="Hoeksche Waard", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1963")
    with pytest.raises(ValidationError) as fout:
        services.partner_toelaten(
            tafel=tafel, organisatie=buur, besluit_referentie="", datum=DATUM, door=secretaris_van(tafel),
        )
    assert "Een partner treedt alleen toe met een vastgelegd besluit van de tafel." in fout.value.messages
    assert not tafel.lidmaatschappen.filter(organisatie=buur).exists()


def test_partner_with_decision_is_admitted():
    """With a decision and a date the neighbour sits at the table as admitted partner."""
    tafel = tafel_met_leden()
    buur = OrganisatieFactory(naam="Molenlanden", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM1978")
    lid = services.partner_toelaten(
        tafel=tafel, organisatie=buur, besluit_referentie="Besluit 2025-03", datum=DATUM, door=secretaris_van(tafel),
    )
    assert lid.status == Lidmaatschap.Status.TOEGETREDEN_PARTNER
    assert buur in tafel.deelnemende_organisaties()


def test_partner_constraint_in_database():
    """The database refuses an admitted partner without a decision reference."""
    tafel = tafel_met_leden()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(
            tafel=tafel, organisatie=PartnerFactory(), status=Lidmaatschap.Status.TOEGETREDEN_PARTNER, datum=DATUM
        )


def test_drechtstedengemeente_is_not_admitted_as_partner():
    """One of the seven is a member by default, never an admitted partner."""
    tafel = tafel_met_leden()
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    with pytest.raises(ValidationError) as fout:
        services.partner_toelaten(
            tafel=tafel, organisatie=dordrecht, besluit_referentie="B1", datum=DATUM, door=secretaris_van(tafel),
        )
    assert fout.value.code == "geen_partner"


def test_vertegenwoordiger_must_be_bestuurder_of_the_member():
    """The representing bestuurder belongs to the member organisation and is a bestuurder."""
    tafel = tafel_met_leden()
    lid = tafel.lidmaatschappen.get(organisatie__naam="Zwijndrecht")
    wethouder = GebruikerFactory(organisatie=lid.organisatie, rollen=[Rol.Soort.BESTUURDER])
    ambtenaar = GebruikerFactory(organisatie=lid.organisatie, rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    with pytest.raises(ValidationError):
        services.lidmaatschap_vertegenwoordiger_instellen(
            lidmaatschap=lid, vertegenwoordiger=ambtenaar, door=secretaris_van(lid),
        )
    services.lidmaatschap_vertegenwoordiger_instellen(
        lidmaatschap=lid, vertegenwoordiger=wethouder, door=secretaris_van(lid),
    )
    assert Lidmaatschap.objects.get(pk=lid.pk).vertegenwoordiger == wethouder


def test_ambitie_versions_increase():
    """Each adoption of the ambition is a new version; the latest is current."""
    tafel = tafel_met_leden()
    services.ambitie_vaststellen(tafel=tafel, tekst="Eerste ambitie", vastgesteld_op=DATUM, door=secretaris_van(tafel))
    tweede = services.ambitie_vaststellen(
        tafel=tafel, tekst="Scherpere ambitie", vastgesteld_op=DATUM, door=secretaris_van(tafel),
    )
    assert tweede.versie == 2
    assert Ambitie.objects.filter(tafel=tafel).count() == 2


def test_only_the_secretary_edits():
    """Another user, even a programmamanager, may not change the table's agenda."""
    tafel = tafel_met_leden()
    ander = GebruikerFactory(rollen=[Rol.Soort.PROGRAMMAMANAGER])
    with pytest.raises(PermissionDenied):
        vergadering(tafel, door=ander)
    assert not Vergadering.objects.exists()


def test_vergadering_gets_the_standing_item_for_open_actions():
    """A new meeting has the standing item under which open actions carry over."""
    v = vergadering(tafel_met_leden())
    assert list(v.agendapunten.values_list("titel", "vast_punt_actiepunten")) == [("Openstaande actiepunten", True)]


def test_status_goes_forward_one_step_by_the_secretary():
    """The secretary moves the status one step forward at a time."""
    tafel = tafel_met_leden()
    v = vergadering(tafel)
    services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    v.refresh_from_db()
    assert v.status == Vergadering.Status.AGENDA_VASTGESTELD


def test_status_backwards_is_refused():
    """Going back from agenda vastgesteld to concept is refused with a Dutch message; nothing changes."""
    tafel = tafel_met_leden()
    v = vergadering(tafel)
    services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    with pytest.raises(ValidationError) as fout:
        services.vergadering_status_verder(vergadering=v, naar="concept", door=tafel.secretaris)
    assert fout.value.code == "status_terug"
    assert "De status gaat alleen vooruit" in fout.value.messages[0]
    assert Vergadering.objects.get(pk=v.pk).status == "agenda_vastgesteld"


def test_status_cannot_skip_a_step_or_be_set_by_others():
    """Skipping a step is refused, and a non-secretary may not move the status."""
    tafel = tafel_met_leden()
    v = vergadering(tafel)
    with pytest.raises(ValidationError) as fout:
        services.vergadering_status_verder(vergadering=v, naar="gehouden", door=tafel.secretaris)
    assert fout.value.code == "status_overslaan"
    bestuurder = GebruikerFactory(rollen=[Rol.Soort.BESTUURDER], organisatie=tafel.lidmaatschappen.first().organisatie)
    with pytest.raises(PermissionDenied):
        services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=bestuurder)
    assert Vergadering.objects.get(pk=v.pk).status == "concept"


def test_urgent_dossier_without_toets_is_refused_and_nothing_saved():
    """An urgent dossier cannot go on the agenda without three recorded yeses."""
    v = vergadering(tafel_met_leden())
    with pytest.raises(ValidationError) as fout:
        agendapunt(v, "Sluiting veerpont", processtap=Processtap.URGENT)
    assert fout.value.error_dict["processtap"][0].code == "urgent_zonder_toets"
    assert v.agendapunten.count() == 1


def test_urgent_dossier_with_unanswered_question_is_refused():
    """All three questions must be answered; otherwise nothing is recorded."""
    v = vergadering(tafel_met_leden())
    with pytest.raises(ValidationError) as fout:
        services.urgentietoets_vastleggen(
            vergadering=v, titel="Sluiting veerpont", past_binnen_scope=True, capaciteit_beschikbaar=None, urgent_gevoeld=True,
            door=secretaris_van(v)
        )
    assert "capaciteit_beschikbaar" in fout.value.error_dict
    assert not Urgentietoets.objects.exists()


def test_urgent_dossier_with_a_no_is_recorded_as_not_admitted():
    """With one 'no' the answers are recorded, the dossier is not admitted and not on the agenda."""
    v = vergadering(tafel_met_leden())
    toets = services.urgentietoets_vastleggen(
        vergadering=v, titel="Sluiting veerpont", past_binnen_scope=True, capaciteit_beschikbaar=False, urgent_gevoeld=True,
        door=secretaris_van(v)
    )
    assert toets.pk and toets.toegelaten is False
    assert not v.agendapunten.filter(titel="Sluiting veerpont").exists()


def test_urgent_dossier_with_three_yeses_is_on_the_agenda():
    """Three yeses admit the dossier: it goes on the agenda, linked to its test."""
    v = vergadering(tafel_met_leden())
    toets = services.urgentietoets_vastleggen(
        vergadering=v, titel="Sluiting veerpont", past_binnen_scope=True, capaciteit_beschikbaar=True, urgent_gevoeld=True,
        door=secretaris_van(v)
    )
    punt = v.agendapunten.get(titel="Sluiting veerpont")
    assert toets.toegelaten and punt.urgentietoets == toets and punt.processtap == Processtap.URGENT


def test_urgent_item_without_toets_refused_by_database():
    """The database refuses an urgent item without a test."""
    v = vergadering(tafel_met_leden())
    with pytest.raises(IntegrityError), transaction.atomic():
        Agendapunt.objects.create(vergadering=v, volgorde=9, titel="X", processtap=Processtap.URGENT)


def test_agenda_reorder_and_delete():
    """Moving an item up swaps it with the one above; deleting renumbers the rest."""
    v = vergadering(tafel_met_leden())
    a, b, c = (agendapunt(v, t) for t in ("A", "B", "C"))
    services.agendapunt_verplaatsen(agendapunt=c, richting="omhoog", door=secretaris_van(c))
    assert list(v.agendapunten.values_list("titel", flat=True)) == ["Openstaande actiepunten", "A", "C", "B"]
    services.agendapunt_delete(agendapunt=Agendapunt.objects.get(pk=a.pk), door=secretaris_van(v))
    assert list(v.agendapunten.values_list("volgorde", "titel")) == [(1, "Openstaande actiepunten"), (2, "C"), (3, "B")]


def test_agenda_is_fixed_after_vaststelling():
    """After the agenda is set, items are no longer added."""
    tafel = tafel_met_leden()
    v = vergadering(tafel)
    services.vergadering_status_verder(vergadering=v, naar="agenda_vastgesteld", door=tafel.secretaris)
    with pytest.raises(ValidationError) as fout:
        agendapunt(v)
    assert fout.value.code == "agenda_vastgesteld"


def test_standing_item_cannot_be_removed():
    """The standing item for open actions stays on the agenda."""
    v = vergadering(tafel_met_leden())
    with pytest.raises(ValidationError):
        services.agendapunt_delete(agendapunt=v.agendapunten.get(), door=secretaris_van(v))


def test_document_before_deadline_is_on_time_and_after_is_late():
    """A document uploaded after the deadline (10 days before) is late; one before is on time."""
    tafel = tafel_met_leden()
    v = vergadering(tafel, over_dagen=5)
    punt = agendapunt(v)
    vroeg = services.stuk_uploaden(
        agendapunt=punt, bestand=pdf(), titel="Notitie", door=tafel.secretaris,
        moment=v.begint_om - datetime.timedelta(days=11),
    )
    laat = services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Nazending", door=tafel.secretaris)
    assert models.is_te_laat(versie=vroeg, vergadering=v) is False
    assert models.is_te_laat(versie=laat, vergadering=v) is True


def test_document_versions_are_kept():
    """Uploading to an existing document adds a version and keeps the earlier one."""
    tafel = tafel_met_leden()
    punt = agendapunt(vergadering(tafel))
    eerste = services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Notitie", door=tafel.secretaris)
    tweede = services.stuk_uploaden(agendapunt=punt, bestand=docx(), stuk=eerste.stuk, door=tafel.secretaris)
    assert tweede.versie == 2 and tweede.mime_type.endswith("wordprocessingml.document")
    assert Stuk.objects.get().versies.count() == 2


def test_document_content_is_checked_not_the_extension():
    """A text file named .pdf is refused: the content decides."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    tafel = tafel_met_leden()
    punt = agendapunt(vergadering(tafel))
    nep = SimpleUploadedFile("begroting.pdf", b"dit is geen pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as fout:
        services.stuk_uploaden(agendapunt=punt, bestand=nep, titel="Begroting", door=tafel.secretaris)
    assert fout.value.code == "bestandstype"
    assert not Stuk.objects.exists()


@override_settings(TAFELS_STUK_MAX_BYTES=100)
def test_document_size_limit():
    """A document larger than the limit is refused."""
    tafel = tafel_met_leden()
    punt = agendapunt(vergadering(tafel))
    with pytest.raises(ValidationError) as fout:
        services.stuk_uploaden(agendapunt=punt, bestand=pdf(), titel="Groot", door=tafel.secretaris)
    assert fout.value.code == "te_groot"


def test_actiepunt_needs_an_owner():
    """An action has an owner: a person or an organisation."""
    punt = agendapunt(vergadering(tafel_met_leden()))
    with pytest.raises(ValidationError, match="Een actiepunt heeft een eigenaar"):
        services.actiepunt_create(
            agendapunt=punt, omschrijving="Uitzoeken", deadline=na_vergadering(punt.vergadering), door=secretaris_van(punt),
        )


def test_open_actions_carry_over_to_the_next_meeting():
    """An open action of one meeting shows under the standing item of the next; a finished one does not."""
    from tafels.selectors import vergadering_pagina

    tafel = tafel_met_leden()
    eerste = vergadering(tafel, over_dagen=10)
    tweede = vergadering(tafel, over_dagen=100)
    punt = agendapunt(eerste)
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    open_actie = services.actiepunt_create(
        agendapunt=punt, omschrijving="Open", deadline=na_vergadering(eerste), eigenaar_organisatie=dordrecht,
        door=secretaris_van(punt),
    )
    klaar = services.actiepunt_create(
        agendapunt=punt, omschrijving="Klaar", deadline=na_vergadering(eerste), eigenaar_organisatie=dordrecht,
        door=secretaris_van(punt),
    )
    services.actiepunt_status_wijzigen(actiepunt=klaar, status="gereed", door=secretaris_van(klaar))
    assert vergadering_pagina(vergadering=tweede).overgenomen_actiepunten == [open_actie]
    assert vergadering_pagina(vergadering=eerste).overgenomen_actiepunten == []


def test_total_minutes_and_overrun():
    """The planned minutes add up and an agenda longer than the meeting is flagged."""
    from tafels.selectors import vergadering_pagina

    v = vergadering(tafel_met_leden(), duur_minuten=60)
    agendapunt(v, "A", minuten=30)
    assert vergadering_pagina(vergadering=v).te_lang is False
    agendapunt(v, "B", minuten=30)
    pagina = vergadering_pagina(vergadering=v)
    assert pagina.minuten_totaal == 65 and pagina.te_lang is True
