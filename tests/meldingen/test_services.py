"""Preferences, mailing and the unsubscribe link: each choice respected, each event mailed at most once."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from drechtsteden.permissions import systeem
from meldingen import services
from meldingen.models import Frequentie, Melding, Meldingsvoorkeur, Soort
from tests.factories import GebruikerFactory
from tests.meldingen.helpers import persoon
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvanger():
    return persoon(OrganisatieFactory(), first_name="Anna", last_name="de Vries")


def _melden(ontvanger, soort=Soort.STUKKEN, gebeurtenis="stukversie:1", django_capture_on_commit_callbacks=None):
    return services.melden(
        soort=soort, gebeurtenis=gebeurtenis, ontvangers=[ontvanger], onderwerp="Nieuw stuk voor Tafel Wonen",
        tekst="Bij agendapunt 2. Voortgang.", url="/tafels/vergaderingen/7/#punt-3", door=systeem(),
    )


def test_direct_mail_is_dutch_text_and_html_with_absolute_links_and_sent_once(ontvanger, settings):
    """Mailed directly: Dutch subject and body, an HTML part, an absolute link to the exact page and an
    unsubscribe link for this kind; a second run (a retried task) sends nothing."""
    settings.PORTAAL_URL = "https://portaal.example.nl/"
    [melding] = _melden(ontvanger)
    assert services.melding_mailen(melding.pk) is True
    assert services.melding_mailen(melding.pk) is False
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [ontvanger.email] and bericht.subject == "Nieuw stuk voor Tafel Wonen"
    assert "https://portaal.example.nl/tafels/vergaderingen/7/#punt-3" in bericht.body
    assert "U krijgt deze e-mail omdat u meldingen ontvangt over" in bericht.body
    html, soort = bericht.alternatives[0]
    assert soort == "text/html" and 'href="https://portaal.example.nl/tafels/vergaderingen/7/#punt-3"' in html
    token = re.search(r"https://portaal\.example\.nl/meldingen/afmelden/([^/\s]+)/", bericht.body).group(1)
    assert services.afmeldtoken_lezen(token) == (ontvanger, Soort.STUKKEN)
    assert bericht.extra_headers["List-Unsubscribe"] == f"<https://portaal.example.nl/meldingen/afmelden/{token}/>"
    melding.refresh_from_db()
    assert melding.gemaild_op is not None


def test_the_same_event_never_notifies_twice(ontvanger):
    """A second call for the same (person, event) creates nothing and mails nothing."""
    assert len(_melden(ontvanger)) == 1
    assert _melden(ontvanger) == []
    assert Melding.objects.filter(ontvanger=ontvanger).count() == 1


def test_nooit_means_nothing_at_all(ontvanger):
    """A person who chose "nooit" for a kind gets no notification of it, in the portal or by mail."""
    services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.STUKKEN: Frequentie.NOOIT}, door=ontvanger)
    assert _melden(ontvanger) == []
    assert len(_melden(ontvanger, soort=Soort.ESCALATIE, gebeurtenis="escalatie:1:signalering")) == 1


def test_daily_goes_only_into_the_overview_once(ontvanger):
    """Daily: the notification is in the portal at once, not mailed on its own, and mailed in one overview;
    a second overview run the same day sends nothing."""
    services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.STUKKEN: Frequentie.DAGELIJKS}, door=ontvanger)
    [eerste] = _melden(ontvanger)
    [tweede] = _melden(ontvanger, gebeurtenis="stukversie:2")
    assert services.melding_mailen(eerste.pk) is False
    assert mail.outbox == []
    assert services.overzichten_mailen() == 1
    assert services.overzichten_mailen() == 0
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.subject == "Uw dagelijkse overzicht: 2 meldingen"
    assert bericht.body.count("Nieuw stuk voor Tafel Wonen") == 2
    assert "/meldingen/afmelden/" in bericht.body and "text/html" == bericht.alternatives[0][1]


def test_deadline_reminders_default_to_the_daily_overview(ontvanger):
    """Without a choice a deadline reminder waits for the overview; other kinds are mailed directly."""
    keuzes = services.frequenties(ontvanger)
    assert keuzes[Soort.DEADLINE_STUKKEN] == Frequentie.DAGELIJKS
    assert {keuzes[s] for s in Soort.values if s != Soort.DEADLINE_STUKKEN} == {Frequentie.DIRECT}


def test_a_read_notification_stays_out_of_the_overview(ontvanger):
    """What the person already read in the portal is not mailed in the overview."""
    services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.STUKKEN: Frequentie.DAGELIJKS}, door=ontvanger)
    [melding] = _melden(ontvanger)
    services.melding_gelezen(melding=melding, door=ontvanger)
    assert services.overzichten_mailen() == 0


def test_bad_preferences_change_nothing(ontvanger):
    """An unknown kind or frequency is refused with a Dutch message; nothing is stored."""
    with pytest.raises(ValidationError) as fout:
        services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.STUKKEN: "wekelijks"}, door=ontvanger)
    assert "Kies direct, dagelijks of nooit." in str(fout.value)
    with pytest.raises(ValidationError):
        services.voorkeuren_opslaan(
            gebruiker=ontvanger, keuzes={Soort.STUKKEN: Frequentie.NOOIT, "spam": Frequentie.NOOIT}, door=ontvanger
        )
    assert not Meldingsvoorkeur.objects.exists()


def test_nobody_changes_another_persons_preferences(ontvanger):
    """Another user is refused (PermissionDenied) and nothing is stored."""
    ander = GebruikerFactory(rollen=["bestuurder"])
    with pytest.raises(PermissionDenied):
        services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.STUKKEN: Frequentie.NOOIT}, door=ander)
    with pytest.raises(PermissionDenied):
        services.melding_gelezen(melding=_melden(ontvanger)[0], door=ander)
    assert not Meldingsvoorkeur.objects.exists()
    assert Melding.objects.get().gelezen_op is None


def test_unsubscribe_token_stops_only_that_kind_for_that_person(ontvanger):
    """A good token sets that kind to "nooit" for the person it names; other kinds and other people keep theirs."""
    ander = persoon(ontvanger.organisatie)
    services.voorkeuren_opslaan(gebruiker=ontvanger, keuzes={Soort.ESCALATIE: Frequentie.DAGELIJKS}, door=ontvanger)
    gebruiker, soort = services.afmelden(token=services.afmeldtoken(ontvanger, Soort.STUKKEN))
    assert (gebruiker, soort) == (ontvanger, Soort.STUKKEN)
    keuzes = services.frequenties(ontvanger)
    assert keuzes[Soort.STUKKEN] == Frequentie.NOOIT and keuzes[Soort.ESCALATIE] == Frequentie.DAGELIJKS
    assert keuzes[Soort.AGENDAPAKKET] == Frequentie.DIRECT
    assert not Meldingsvoorkeur.objects.filter(gebruiker=ander).exists()


@pytest.mark.parametrize("knoeien", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
    lambda t: t.replace(t.split(":")[0], t.split(":")[0][::-1]),  # payload changed
    lambda t: "nep",
])
def test_tampered_unsubscribe_token_changes_nothing(ontvanger, knoeien):
    """An altered token is refused with a Dutch message; no preference is stored."""
    with pytest.raises(ValidationError) as fout:
        services.afmelden(token=knoeien(services.afmeldtoken(ontvanger, Soort.STUKKEN)))
    assert "Deze afmeldlink is ongeldig of beschadigd. Er is niets gewijzigd." in fout.value.messages
    assert not Meldingsvoorkeur.objects.exists()


def test_a_token_signed_for_another_purpose_is_refused(ontvanger):
    """A value signed with the project's key but another salt is no unsubscribe token."""
    from django.core import signing

    token = signing.dumps({"g": ontvanger.pk, "s": Soort.STUKKEN})
    assert services.afmeldtoken_lezen(token) is None


def test_direct_mails_that_never_reached_the_worker_are_offered_again(ontvanger):
    """Only unmailed notifications of the last day, older than two minutes, of people who want them directly
    and have an address, are offered again (the broker was away when they were made)."""
    import datetime

    from django.utils import timezone

    Meldingsvoorkeur.objects.create(gebruiker=ontvanger, soort=Soort.ACTIEPUNT, frequentie=Frequentie.DAGELIJKS)
    zonder_adres = persoon(OrganisatieFactory())
    zonder_adres.email = ""
    zonder_adres.save(update_fields=["email"])
    nu = timezone.now()

    def melding(wie, soort, gebeurtenis, geleden, **velden):
        return Melding.objects.create(ontvanger=wie, soort=soort, gebeurtenis=gebeurtenis, onderwerp="Onderwerp",
                                      url="/", aangemaakt_op=nu - geleden, **velden)

    achtergebleven = melding(ontvanger, Soort.STUKKEN, "a", datetime.timedelta(minutes=5))
    melding(ontvanger, Soort.ACTIEPUNT, "b", datetime.timedelta(minutes=5))  # wanted once a day
    melding(ontvanger, Soort.STUKKEN, "c", datetime.timedelta(minutes=5), gemaild_op=nu)  # mailed
    melding(ontvanger, Soort.STUKKEN, "d", datetime.timedelta(seconds=30))  # its own offer may still be on its way
    melding(ontvanger, Soort.STUKKEN, "e", datetime.timedelta(days=2))  # too old to send now
    melding(zonder_adres, Soort.STUKKEN, "f", datetime.timedelta(minutes=5))
    assert services.achtergebleven_mailen() == 1
    assert services.melding_mailen(achtergebleven.pk) is True and len(mail.outbox) == 1
