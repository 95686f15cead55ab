"""Who hears about what: each producer notifies the people concerned, never the actor or outsiders, once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from coalities import melders as coalitie_melders
from coalities.models import Deelname
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from meldingen.models import Melding, Soort
from regiekamer import services as regiekamer_services
from regiekamer.models import Escalatie
from tafels import melders as tafel_melders
from tafels import services as tafel_services
from tests.coalities.factories import CoalitieFactory
from tests.meldingen.helpers import persoon, tafelwereld
from tests.regiekamer.factories import kamers
from tests.tafels.factories import agendapunt, na_vergadering, pdf

pytestmark = pytest.mark.django_db


def ontvangers(soort: str) -> set:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger__username", flat=True))


def test_a_new_document_notifies_the_members_but_not_the_uploader_or_outsiders(django_capture_on_commit_callbacks):
    """A paper added to a meeting reaches the representatives and chair, not the secretary who uploaded it,
    not a colleague of the same gemeente who is not at the table, not another organisation."""
    w = tafelwereld()
    with django_capture_on_commit_callbacks(execute=True):
        versie = tafel_services.stuk_uploaden(agendapunt=w.punt, bestand=pdf(), titel="Notitie", door=w.secretaris)
    assert ontvangers(Soort.STUKKEN) == {b.username for b in w.vertegenwoordigers.values()}
    melding = Melding.objects.filter(soort=Soort.STUKKEN).first()
    assert melding.url == f"/tafels/vergaderingen/{w.vergadering.pk}/#punt-{w.punt.pk}"
    assert "Notitie" in melding.onderwerp and w.tafel.naam in melding.onderwerp
    # The same event announced again (a retried callback) adds nothing.
    tafel_melders.stuk_toegevoegd(versie=versie, door=w.secretaris)
    assert Melding.objects.filter(soort=Soort.STUKKEN).count() == 2


def test_an_action_notifies_its_owner_person_or_the_organisations_representative(django_capture_on_commit_callbacks):
    """An action for a person reaches that person; one for an organisation reaches its representative at the table."""
    w = tafelwereld()
    eigenaar = w.vertegenwoordigers["Papendrecht"]
    with django_capture_on_commit_callbacks(execute=True):
        tafel_services.actiepunt_create(
            agendapunt=w.punt, omschrijving="Notitie schrijven", deadline=na_vergadering(w.vergadering),
            eigenaar_persoon=eigenaar, door=w.secretaris,
        )
        tafel_services.actiepunt_create(
            agendapunt=w.punt, omschrijving="Cijfers aanleveren", deadline=na_vergadering(w.vergadering),
            eigenaar_organisatie=w.org["Zwijndrecht"], door=w.secretaris,
        )
        tafel_services.actiepunt_create(
            agendapunt=w.punt, omschrijving="Zelf doen", deadline=na_vergadering(w.vergadering),
            eigenaar_persoon=w.secretaris, door=w.secretaris,
        )
    paren = set(Melding.objects.filter(soort=Soort.ACTIEPUNT).values_list("ontvanger__username", "onderwerp"))
    assert paren == {
        (eigenaar.username, f"Actiepunt voor u van {w.tafel.naam}: Notitie schrijven"),
        (w.vertegenwoordigers["Zwijndrecht"].username, f"Actiepunt voor u van {w.tafel.naam}: Cijfers aanleveren"),
    }


def test_overdue_actions_are_announced_once_per_deadline():
    """The daily job announces an overdue open action to its owner once, however often it runs."""
    w = tafelwereld(over_dagen=-7)  # the actions were agreed at last week's meeting
    eigenaar = w.vertegenwoordigers["Papendrecht"]
    vandaag = timezone.localdate()
    tafel_services.actiepunt_create(
        agendapunt=w.punt, omschrijving="Te laat", deadline=vandaag - datetime.timedelta(days=1),
        eigenaar_persoon=eigenaar, door=w.secretaris,
    )
    tafel_services.actiepunt_create(
        agendapunt=w.punt, omschrijving="Nog op tijd", deadline=vandaag + datetime.timedelta(days=5),
        eigenaar_persoon=eigenaar, door=w.secretaris,
    )
    assert tafel_melders.verlopen_actiepunten(vandaag=vandaag, door=systeem()) == 1
    assert tafel_melders.verlopen_actiepunten(vandaag=vandaag, door=systeem()) == 0
    verlopen = Melding.objects.get(soort=Soort.ACTIEPUNT, gebeurtenis__contains="verlopen")
    assert verlopen.ontvanger == eigenaar and "Te laat" in verlopen.onderwerp


def test_paper_deadline_in_three_days_reaches_who_must_deliver():
    """Three days before the deadline: an item about a coalition goes to its projectleider and the trekker's
    representative, another item to the table's secretary; items with papers or for information to nobody."""
    vandaag = timezone.localdate()
    w = tafelwereld()
    deadline_dagen = w.tafel.deadline_stukken_dagen
    # Meeting at the same local time of day, deadline exactly three days from today.
    w.vergadering.begint_om = w.vergadering.begint_om.replace(
        year=vandaag.year, month=vandaag.month, day=vandaag.day
    ) + datetime.timedelta(days=3 + deadline_dagen)
    w.vergadering.save()
    leider = persoon(w.org["Dordrecht"], Rol.Soort.PROGRAMMAMEDEWERKER)
    coalitie = CoalitieFactory(trekker=w.org["Zwijndrecht"], tafel=w.tafel, projectleider=leider)
    agendapunt(w.vergadering, titel="Fietsroute", coalitie=coalitie, door=w.secretaris)
    met_stuk = agendapunt(w.vergadering, titel="Met stuk", door=w.secretaris)
    tafel_services.stuk_uploaden(agendapunt=met_stuk, bestand=pdf(), titel="Stuk", door=w.secretaris)
    agendapunt(w.vergadering, titel="Ter info", soort="informatie", door=w.secretaris)

    aantal = tafel_melders.deadline_stukken(vandaag=vandaag, door=systeem())
    per_persoon = {m.ontvanger: m for m in Melding.objects.filter(soort=Soort.DEADLINE_STUKKEN)}
    assert aantal == 3
    assert set(per_persoon) == {leider, w.vertegenwoordigers["Zwijndrecht"], w.secretaris}
    assert "Fietsroute" in per_persoon[leider].tekst and "Voortgang" not in per_persoon[leider].tekst
    assert "Voortgang" in per_persoon[w.secretaris].tekst
    assert all("Met stuk" not in m.tekst and "Ter info" not in m.tekst for m in per_persoon.values())
    # A day later (deadline in two days) and a second run the same day add nothing.
    assert tafel_melders.deadline_stukken(vandaag=vandaag, door=systeem()) == 0
    assert tafel_melders.deadline_stukken(vandaag=vandaag + datetime.timedelta(days=1), door=systeem()) == 0


def test_open_choice_reaches_the_gemeente_that_has_not_chosen():
    """A coalition at the table waits for gemeenten without a deelname: their representative and coördinerend
    ambtenaar hear it once; a gemeente that chose, and an organisation not at the table, hear nothing."""
    w = tafelwereld()
    ambtenaar = persoon(w.org["Papendrecht"], Rol.Soort.COORDINEREND_AMBTENAAR)
    persoon(w.gorinchem, Rol.Soort.COORDINEREND_AMBTENAAR)
    coalitie = CoalitieFactory(trekker=w.org["Dordrecht"], tafel=w.tafel)
    Deelname.objects.create(coalitie=coalitie, organisatie=w.org["Zwijndrecht"], variant=Deelname.Variant.GEEN)
    coalitie_melders.open_keuzes(door=systeem())
    assert ontvangers(Soort.KEUZE) == {w.vertegenwoordigers["Papendrecht"].username, ambtenaar.username}
    melding = Melding.objects.filter(soort=Soort.KEUZE).first()
    assert melding.url == f"/coalities/{coalitie.pk}/deelname/{w.org['Papendrecht'].pk}/"
    assert coalitie_melders.open_keuzes(door=systeem()) == 0


def test_an_escalation_reaches_the_room_at_its_level_but_not_who_raised_it(django_capture_on_commit_callbacks):
    """Raised: the ambtelijke regiekamer hears it (not the secretary who raised it); moved up to the bestuurlijke
    regiekamer: the burgemeesters hear it; the one who moved it hears nothing of his own step."""
    k = kamers()
    indiener = k.secretarissen["Sliedrecht"]
    with django_capture_on_commit_callbacks(execute=True):
        escalatie = regiekamer_services.escalatie_indienen(
            titel="Capaciteit ontbreekt", omschrijving="Te weinig uren.", gevraagd="Afspraken maken.",
            sinds=datetime.date(2026, 1, 1), door=indiener,
        )
    eerste = ontvangers(Soort.ESCALATIE)
    assert eerste == {s.username for n, s in k.secretarissen.items() if n != "Sliedrecht"} | {k.manager.username}
    with django_capture_on_commit_callbacks(execute=True):
        regiekamer_services.escalatie_opschalen(
            escalatie=escalatie, naar=Escalatie.Niveau.AMBTELIJK, datum=timezone.localdate(), besluit="Bespreken.",
            eigenaar=k.manager, volgende_bespreking=timezone.localdate() + datetime.timedelta(days=14), door=k.manager,
        )
        regiekamer_services.escalatie_opschalen(
            escalatie=escalatie, naar=Escalatie.Niveau.BESTUURLIJK, datum=timezone.localdate(), besluit="Naar bestuur.",
            eigenaar=k.burgemeesters["Zwijndrecht"], volgende_bespreking=timezone.localdate() + datetime.timedelta(days=14),
            door=k.manager,
        )
    bestuurlijk = set(
        Melding.objects.filter(gebeurtenis=f"escalatie:{escalatie.pk}:bestuurlijke_regiekamer")
        .values_list("ontvanger__username", flat=True)
    )
    assert bestuurlijk == {b.username for b in k.burgemeesters.values()}
    # The manager moved it up both times: no notification for him about his own steps.
    assert list(Melding.objects.filter(ontvanger=k.manager).values_list("gebeurtenis", flat=True)) == [
        f"escalatie:{escalatie.pk}:signalering"
    ]


def test_a_new_coalition_at_the_table_asks_the_gemeenten_right_away(django_capture_on_commit_callbacks):
    """Created at a table in formation: every gemeente at the table is asked for its choice at once (not
    waiting for the daily job), and the daily job later adds nothing."""
    from coalities import services as coalitie_services
    from tests.coalities.factories import beheerder

    w = tafelwereld()
    door = beheerder()
    with django_capture_on_commit_callbacks(execute=True):
        coalitie = coalitie_services.coalitie_create(
            door=door, naam="Warmtenet", thema=w.tafel.thema, trekker=w.org["Dordrecht"], tafel=w.tafel,
            status="in_vorming",
        )
    assert ontvangers(Soort.KEUZE) == {b.username for b in w.vertegenwoordigers.values()}
    assert all(m.url.startswith(f"/coalities/{coalitie.pk}/deelname/") for m in Melding.objects.filter(soort=Soort.KEUZE))
    assert coalitie_melders.open_keuzes(door=systeem()) == 0
