"""Services of the regiekamer: composition, chairs, escalations and reflection rounds against the database."""

import datetime
import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from drechtsteden.models import Rol
from regiekamer import selectors, services
from regiekamer.models import SCORES, Escalatie, Reflectieantwoord, Regiekamerlid, Voorzitterschap
from tafels.models import BestuurlijkeTafel
from tafels.selectors import tafels_overzicht
from tests.factories import GebruikerFactory
from tests.regiekamer.factories import VAN, kamers

pytestmark = pytest.mark.django_db
VANDAAG = datetime.date(2026, 11, 20)


@pytest.fixture
def w():
    return kamers()


def test_rooms_meet_through_a_tafels_body_kept_out_of_the_table_list(w):
    """Each room owns a meeting body of kind regiekamer, without theme, that the table list leaves out."""
    assert w.ambtelijk.orgaan.soort == BestuurlijkeTafel.Soort.REGIEKAMER and w.ambtelijk.orgaan.thema is None
    assert not tafels_overzicht().filter(pk__in=[w.ambtelijk.orgaan.pk, w.bestuurlijk.orgaan.pk]).exists()


def test_complete_rooms_have_no_composition_errors(w):
    """With seven secretaries, the manager SDD and seven burgemeesters both rooms are complete."""
    assert selectors.kamer_pagina(w.ambtelijk, vandaag=VANDAAG).fouten == []
    assert selectors.kamer_pagina(w.bestuurlijk, vandaag=VANDAAG).fouten == []


def test_a_second_secretary_of_a_gemeente_is_refused_until_the_first_leaves(w):
    """A gemeente has one seat: a new secretary joins only after the former one's membership ends."""
    sliedrecht = w.gemeenten["Sliedrecht"]
    nieuw = GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.GEMEENTESECRETARIS])
    with pytest.raises(ValidationError, match="Sliedrecht heeft in die periode al een lid"):
        services.regiekamerlid_create(regiekamer=w.ambtelijk, gebruiker=nieuw, van=VANDAAG, door=w.manager)
    oud = w.ambtelijk.leden.get(organisatie=sliedrecht)
    services.regiekamerlid_beeindigen(lid=oud, tot=VANDAAG - datetime.timedelta(days=1), door=w.manager)
    services.regiekamerlid_create(regiekamer=w.ambtelijk, gebruiker=nieuw, van=VANDAAG, door=w.manager)
    assert selectors.kamer_pagina(w.ambtelijk, vandaag=VANDAAG).fouten == []


def test_wrong_members_are_refused_with_the_reason(w):
    """A programmamedewerker in the ambtelijke room and a Gorinchem bestuurder in the bestuurlijke are refused."""
    medewerker = GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    with pytest.raises(ValidationError, match="geen gemeentesecretaris"):
        services.regiekamerlid_create(regiekamer=w.ambtelijk, gebruiker=medewerker, van=VANDAAG, door=w.manager)
    buur = GebruikerFactory(organisatie=w.gorinchem, rollen=[Rol.Soort.BESTUURDER])
    with pytest.raises(ValidationError, match="Gorinchem is geen Drechtstedengemeente"):
        services.regiekamerlid_create(regiekamer=w.bestuurlijk, gebruiker=buur, van=VANDAAG, door=w.manager)
    assert Regiekamerlid.objects.count() == 15


def test_only_the_manager_sdd_or_a_beheerder_keeps_members(w):
    """A secretary cannot add members: PermissionDenied, nothing saved."""
    medewerker = GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.GEMEENTESECRETARIS])
    with pytest.raises(PermissionDenied):
        services.regiekamerlid_create(regiekamer=w.ambtelijk, gebruiker=medewerker, van=VANDAAG,
                                      door=w.secretarissen["Sliedrecht"])
    assert Regiekamerlid.objects.count() == 15


def test_chair_rules_against_stored_history(w):
    """Dordrecht is refused, a valid chair is stored, and the next year it must wait for the others."""
    with pytest.raises(ValidationError, match="Dordrecht is uitgesloten"):
        services.voorzitterschap_create(regiekamer=w.ambtelijk, jaar=2026, organisatie=w.gemeenten["Dordrecht"], door=w.manager)
    services.voorzitterschap_create(regiekamer=w.ambtelijk, jaar=2026, organisatie=w.gemeenten["Sliedrecht"],
                                    voorzitter=w.secretarissen["Sliedrecht"], door=w.manager)
    with pytest.raises(ValidationError, match="Eerst zijn aan de beurt: Alblasserdam"):
        services.voorzitterschap_create(regiekamer=w.ambtelijk, jaar=2027, organisatie=w.gemeenten["Sliedrecht"], door=w.manager)
    with pytest.raises(ValidationError, match="geen roulerend voorzitterschap"):
        services.voorzitterschap_create(regiekamer=w.bestuurlijk, jaar=2027, organisatie=w.gemeenten["Sliedrecht"], door=w.manager)
    assert Voorzitterschap.objects.count() == 1


def test_command_prints_the_rota_as_json(w):
    """The command prints stored and proposed years; Dordrecht never appears."""
    services.voorzitterschap_create(regiekamer=w.ambtelijk, jaar=2026, organisatie=w.gemeenten["Sliedrecht"], door=w.manager)
    uit = StringIO()
    call_command("voorzitterschap", "--vanaf", "2026", "--jaren", "8", "--format", "json", stdout=uit)
    rota = json.loads(uit.getvalue())
    assert rota[:3] == [{"jaar": 2026, "organisatie": "Sliedrecht"}, {"jaar": 2027, "organisatie": "Alblasserdam"},
                        {"jaar": 2028, "organisatie": "Hardinxveld-Giessendam"}]
    assert len(rota) == 8 and all(r["organisatie"] != "Dordrecht" for r in rota)
    assert rota[6] == {"jaar": 2032, "organisatie": "Sliedrecht"}


@pytest.mark.parametrize(("args", "melding"), [
    (["--vanaf", "1999"], "ligt niet tussen 2000 en 2100"),
    (["--vanaf", "2027", "--jaren", "0"], "1 tot en met 50"),
    (["--vanaf", "twee"], "verwacht een geheel getal"),
    (["--vanaf", "2027", "--format", "xml"], "ongeldige keuze"),
    ([], "verplicht"),
])
def test_command_refuses_bad_arguments_in_dutch(w, args, melding):
    """Bad arguments give a Dutch message (a non-zero exit on the command line)."""
    with pytest.raises(CommandError, match=melding):
        call_command("voorzitterschap", *args, stdout=StringIO())


def test_command_exits_non_zero_on_the_command_line(w):
    """Run as a script, a bad year exits with status 1 and a Dutch message on stderr."""
    import os
    import subprocess
    import sys

    uit = subprocess.run([sys.executable, "manage.py", "voorzitterschap", "--vanaf", "1800"], capture_output=True,
                         text=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"})
    assert uit.returncode != 0 and "tussen 2000 en 2100" in uit.stderr


# --- escalations ------------------------------------------------------------------------------------


def _escalatie(w, **kwargs):
    kwargs.setdefault("door", w.secretarissen["Sliedrecht"])
    return services.escalatie_indienen(
        titel="Capaciteit fietsroute ontbreekt", omschrijving="Twee gemeenten leveren geen uren.",
        gevraagd="Maak afspraken over capaciteit.", sinds=datetime.date(2026, 9, 1), vandaag=VANDAAG, **kwargs)


def test_escalation_climbs_one_step_at_a_time_and_closes_with_an_outcome(w):
    """Signalering → ambtelijk → bestuurlijk; skipping is refused; each step records decision, owner, review date."""
    e = _escalatie(w)
    assert e.niveau == "signalering" and e.stappen.count() == 1
    secretaris = w.secretarissen["Papendrecht"]
    with pytest.raises(ValidationError, match="één stap tegelijk"):
        services.escalatie_opschalen(escalatie=e, naar="bestuurlijke_regiekamer", datum=VANDAAG, besluit="x",
                                     eigenaar=secretaris, volgende_bespreking=VANDAAG, door=secretaris)
    services.escalatie_opschalen(escalatie=e, naar="ambtelijke_regiekamer", datum=VANDAAG, besluit="Bespreken in ONS-D.",
                                 eigenaar=secretaris, volgende_bespreking=VANDAAG + datetime.timedelta(weeks=4), door=secretaris)
    stap = e.stappen.get(niveau="ambtelijke_regiekamer")
    assert (stap.besluit, stap.eigenaar, stap.volgende_bespreking) == ("Bespreken in ONS-D.", secretaris, datetime.date(2026, 12, 18))
    with pytest.raises(ValidationError, match="verouderd|Iemand anders"):
        services.escalatie_sluiten(escalatie=e, uitkomst="Opgelost", datum=VANDAAG, door=secretaris, versie=1)
    services.escalatie_sluiten(escalatie=e, uitkomst="Capaciteit geregeld.", datum=VANDAAG, door=secretaris, versie=2)
    e.refresh_from_db()
    assert e.status == "gesloten" and e.uitkomst == "Capaciteit geregeld."
    with pytest.raises(ValidationError, match="gesloten"):
        services.escalatie_opschalen(escalatie=e, naar="bestuurlijke_regiekamer", datum=VANDAAG, besluit="x",
                                     eigenaar=secretaris, volgende_bespreking=VANDAAG, door=secretaris)


def test_escalation_rights(w):
    """A programmamedewerker raises but does not move an escalation; a raadslid does neither."""
    medewerker = GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    raadslid = GebruikerFactory(organisatie=w.gemeenten["Papendrecht"], rollen=[Rol.Soort.RAADSLID])
    e = _escalatie(w, door=medewerker)
    with pytest.raises(PermissionDenied):
        services.escalatie_opschalen(escalatie=e, naar="ambtelijke_regiekamer", datum=VANDAAG, besluit="x",
                                     eigenaar=medewerker, volgende_bespreking=VANDAAG, door=medewerker)
    with pytest.raises(PermissionDenied):
        _escalatie(w, door=raadslid)
    assert Escalatie.objects.count() == 1


def test_overdue_flag_uses_the_setting(w, settings):
    """Open longer than the set number of weeks is flagged; the default is eight."""
    e = _escalatie(w)
    assert selectors.signaleringstermijn_weken() == 8
    assert selectors.markeer([e], VANDAAG + datetime.timedelta(weeks=9))[0].te_lang_open
    settings.REGIEKAMER_SIGNALERINGSTERMIJN_WEKEN = 10
    assert not selectors.markeer([e], VANDAAG + datetime.timedelta(weeks=9))[0].te_lang_open


# --- reflection rounds --------------------------------------------------------------------------------


def _scores(n=4):
    return dict.fromkeys(SCORES, n)


def test_reflection_round_one_answer_per_organisation_editable_until_closed(w):
    """The secretary answers for their gemeente, edits while open, and nothing changes after closing."""
    secretaris = w.secretarissen["Sliedrecht"]
    ronde = services.reflectieronde_openen(periode="2026-h2", door=secretaris, datum=VANDAAG)
    assert ronde.periode == "2026-H2"
    with pytest.raises(ValidationError, match="al een open reflectieronde"):
        services.reflectieronde_openen(periode="2027-H1", door=secretaris)
    antwoord = services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(3),
                                           toelichting="Goed gesprek.", door=secretaris)
    services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(3),
                                toelichting="Goed gesprek.", door=secretaris)
    antwoord.refresh_from_db()
    assert antwoord.versie == 1  # a save without changes changes nothing
    services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(5), door=secretaris,
                                versie=1)
    with pytest.raises(ValidationError, match="Iemand anders"):
        services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(2),
                                    door=secretaris, versie=1)
    with pytest.raises(PermissionDenied):
        services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Papendrecht"], scores=_scores(), door=secretaris)
    services.reflectieronde_sluiten(ronde=ronde, door=w.manager, datum=VANDAAG)
    with pytest.raises(ValidationError, match="gesloten"):
        services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(1), door=secretaris)
    antwoord.refresh_from_db()
    assert (Reflectieantwoord.objects.count(), antwoord.eigenaarschap, antwoord.versie) == (1, 5, 2)


def test_scores_outside_one_to_five_are_refused(w):
    """A score of 0 or 6 is refused with a Dutch message."""
    secretaris = w.secretarissen["Sliedrecht"]
    ronde = services.reflectieronde_openen(periode="2026-H2", door=secretaris, datum=VANDAAG)
    with pytest.raises(ValidationError):
        services.reflectie_invullen(ronde=ronde, organisatie=w.gemeenten["Sliedrecht"], scores=_scores(6), door=secretaris)
    assert not Reflectieantwoord.objects.exists()
