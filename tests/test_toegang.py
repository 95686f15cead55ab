"""Access matrix: for every URL of the portal, who may GET and who may POST.

Each entry names the user who may use the URL and the expected status for four kinds of visitor:
anonymous (redirected to the login page), a raadslid of a member gemeente (reads, never changes),
a programmamedewerker of another organisation (Gorinchem: not at the table, not the trekker) and the
allowed user. ``None`` means the method is not allowed there (405 for a signed-in user). A new URL
without an entry makes ``test_every_url_has_an_entry`` fail.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coalities.models import Deelname, Realisatie, Voortgangsrapportage
from documenten.models import Documentopdracht
from conferenties.models import Cafetafel, Deelnemer, Werkconferentie
from drechtsteden.middleware import ALLEEN_LEZEN_TOEGESTAAN
from drechtsteden.models import Organisatie, Rol
from financiering import selectors as financiering_selectors
from financiering.forms import ScenarioForm
from meldingen.models import Melding, Soort
from meldingen.services import afmeldtoken
from financiering.models import OpgeslagenScenario, Vaststelling
from portaal.models import Systeemcontrole
from tafels import services as tafel_services
from regiekamer import services as regiekamer_services
from regiekamer.models import SCORES
from tests.coalities.factories import ToezeggingFactory
from tests.factories import GebruikerFactory
from tests.financiering.factories import voorbeeld_netwerk
from tests.tafels.factories import agendapunt, na_vergadering, pdf, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db

LOGIN = "/inloggen/"
SOORTEN = ("anoniem", "raadslid", "buitenstaander", "toegestaan")


@pytest.fixture
def wereld():
    """Demo-like data: the network with its financing, one table with a draft meeting and a coalition."""
    netwerk = voorbeeld_netwerk()
    org = {o.naam: o for o in Organisatie.objects.all()}
    dordrecht = org["Dordrecht"]
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    secretaris = tafel.secretaris
    w = SimpleNamespace(netwerk=netwerk, tafel=tafel, dordrecht=dordrecht, gorinchem=netwerk.gorinchem)
    w.gebruikers = {
        "secretaris": secretaris,
        "beheerder": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.BEHEERDER], is_staff=True),
        "medewerker": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        "manager": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.MANAGER_SDD]),
        "bestuurder": GebruikerFactory(organisatie=org["Zwijndrecht"], rollen=[Rol.Soort.BESTUURDER]),
        "raadslid": GebruikerFactory(organisatie=org["Alblasserdam"], rollen=[Rol.Soort.RAADSLID]),
        "buitenstaander": GebruikerFactory(organisatie=netwerk.gorinchem, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
    }
    w.vergadering = vergadering(tafel)
    w.punt = agendapunt(w.vergadering)
    w.stukversie = tafel_services.stuk_uploaden(agendapunt=w.punt, bestand=pdf(), titel="Notitie", door=secretaris)
    w.actiepunt = tafel_services.actiepunt_create(
        agendapunt=w.punt, omschrijving="Notitie opstellen", deadline=na_vergadering(w.vergadering),
        eigenaar_organisatie=dordrecht, door=secretaris,
    )
    w.lid = tafel.lidmaatschappen.get(organisatie=dordrecht)
    w.coalitie = netwerk.fietsroute
    w.coalitie.tafel = tafel
    w.coalitie.save()
    w.deelname = Deelname.objects.get(coalitie=w.coalitie, organisatie=dordrecht)
    w.toezegging = ToezeggingFactory(deelname=w.deelname)
    w.realisatie = Realisatie.objects.create(toezegging=w.toezegging, jaar=2026, hoeveelheid=Decimal("100"))
    w.voortgang = Voortgangsrapportage.objects.create(
        coalitie=w.coalitie, jaar=2026, kwartaal=1, status=Voortgangsrapportage.Status.OP_KOERS, tekst="Op schema."
    )
    w.opdracht = Documentopdracht(
        soort="agendapakket", parameters={"vergadering": w.vergadering.pk}, status=Documentopdracht.Status.KLAAR,
        sha256="0" * 64, bestandsnaam="agendapakket.pdf", door=secretaris,
    )
    w.opdracht.bestand.save("agendapakket.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    w.opdracht.save()
    # The regiekamers: both rooms, an open escalation from the table and an open reflection round.
    from tests.regiekamer.factories import kamers

    w.kamers = kamers()
    w.gebruikers["gemeentesecretaris"] = w.kamers.secretarissen["Sliedrecht"]
    w.escalatie = regiekamer_services.escalatie_indienen(
        titel="Capaciteit ontbreekt", omschrijving="Te weinig uren.", gevraagd="Afspraken maken.",
        sinds=datetime.date(2026, 1, 1), tafel=tafel, door=w.gebruikers["gemeentesecretaris"],
    )
    w.ronde = regiekamer_services.reflectieronde_openen(periode="2026-H2", door=w.kamers.manager)
    w.melding = Melding.objects.create(
        ontvanger=w.gebruikers["bestuurder"], soort=Soort.STUKKEN, onderwerp="Nieuw stuk", url="/tafels/",
        gebeurtenis="test:1",
    )
    w.conferentie = Werkconferentie.objects.create(titel="Werkconferentie", datum=datetime.date(2026, 3, 1), rondes=2)
    w.cafetafel = Cafetafel.objects.create(conferentie=w.conferentie, nummer=1, thema="Sturing", stelling="Meer grip.")
    Cafetafel.objects.create(conferentie=w.conferentie, nummer=2, thema="Belangen", stelling="Stad en regio.")
    Deelnemer.objects.create(conferentie=w.conferentie, gebruiker=w.gebruikers["bestuurder"])
    w.scenario = OpgeslagenScenario.objects.create(
        naam="Proef", jaar=2026, invoer=_scenario_data(), gemaakt_door=w.gebruikers["bestuurder"])
    w.vaststelling = Vaststelling.objects.create(
        jaar=2026, besluit="AB 2026-1", besluitdatum=datetime.date(2026, 3, 1), door=w.gebruikers["manager"])
    return w


def _scenario_data() -> dict[str, str]:
    """The adopted 2026 figures as a filled-in scenario form."""
    return ScenarioForm(jaar_verdeling=financiering_selectors.verdeling_voor_jaar(2026), user=None).data_uit_vastgesteld()


@dataclass(frozen=True)
class Regel:
    """One URL: how to build it, who is allowed, and the expected statuses per kind of visitor."""

    url: Callable[[SimpleNamespace, object], str]
    toegestaan: str
    get: tuple[int, int, int, int] | None
    post: tuple[int, int, int, int] | None
    data: Callable[[SimpleNamespace], dict] = lambda w: {}
    anoniem_mag: bool = False  # login page, language switch and the token feeds


def _r(naam: str, *args: Callable[[SimpleNamespace], object]) -> Callable[[SimpleNamespace, object], str]:
    return lambda w, gebruiker: reverse(naam, args=[a(w) for a in args])


ALLEN = (302, 200, 200, 200)          # every signed-in user reads
BEWERKER = (302, 403, 403, 200)       # only the allowed user; others 403
BEWERKER_POST = (302, 403, 403, 302)  # a change answered with a redirect
TAFEL_CONCEPT = (302, 200, 404, 200)  # a draft meeting: members read, outsiders get 404
CONCEPT_BEWERKEN = (302, 403, 404, 200)
CONCEPT_BEWERKEN_POST = (302, 403, 404, 302)
OPEN = (200, 200, 200, 200)

tafel = lambda w: w.tafel.pk  # noqa: E731
verg = lambda w: w.vergadering.pk  # noqa: E731
punt = lambda w: w.punt.pk  # noqa: E731
coal = lambda w: w.coalitie.pk  # noqa: E731
dordt = lambda w: w.dordrecht.pk  # noqa: E731


def _afgemeld(w) -> int:
    """A gemeente without users at the table that opted out (made on first use), to take part again."""
    lid = w.tafel.lidmaatschappen.get(organisatie__naam="Hardinxveld-Giessendam")
    if lid.status != "afgemeld":
        tafel_services.lidmaatschap_afmelden(lidmaatschap=lid, reden="Geen opgave", datum=datetime.date(2026, 1, 1),
                                            door=w.tafel.secretaris)
    return lid.pk


zwijndrecht = lambda w: Organisatie.objects.get(naam="Zwijndrecht").pk  # noqa: E731  (no deelname of its own)

MATRIX: dict[str, Regel] = {
    # --- core ---
    "home": Regel(_r("home"), "bestuurder", (302, 302, 200, 200), None),  # a raadslid goes on to the raadsinformatie
    "login": Regel(_r("login"), "bestuurder", (200, 302, 302, 302), (200, 302, 302, 302), anoniem_mag=True),
    "logout": Regel(_r("logout"), "bestuurder", None, (302, 302, 302, 302)),
    "set_language": Regel(
        _r("set_language"), "bestuurder", (302, 302, 302, 302), (302, 302, 302, 302),
        data=lambda w: {"language": "nl", "next": "/"}, anoniem_mag=True,
    ),
    "status": Regel(_r("status"), "bestuurder", ALLEN, None),
    "toegankelijkheid": Regel(_r("toegankelijkheid"), "bestuurder", OPEN, None, anoniem_mag=True),
    "privacy": Regel(_r("privacy"), "bestuurder", OPEN, None, anoniem_mag=True),
    "contact": Regel(_r("contact"), "bestuurder", OPEN, None, anoniem_mag=True),
    "systeemstatus": Regel(_r("systeemstatus"), "beheerder", BEWERKER, None),
    "netwerk": Regel(_r("netwerk"), "bestuurder", ALLEN, None),
    "dashboard": Regel(lambda w, g: reverse("dashboard", args=["vergaderingen"]), "bestuurder", BEWERKER, None),
    # A whole list of the programme staff's dashboard: programme staff of any organisation, their own list.
    "te_doen_lijst": Regel(lambda w, g: reverse("te_doen_lijst", args=["keuze"]), "medewerker", (302, 403, 200, 200), None),
    "netwerk_export": Regel(_r("netwerk_export"), "manager", BEWERKER, None),
    "systeemstatus_antwoord": Regel(
        lambda w, g: reverse("systeemstatus_antwoord", args=[
            Systeemcontrole.objects.create(aangevraagd_door=w.gebruikers["beheerder"]).pk
        ]),
        "beheerder", BEWERKER, None,
    ),
    # --- meldingen: each person's own; the unsubscribe link works without a session ---
    "meldingen:lijst": Regel(_r("meldingen:lijst"), "bestuurder", ALLEN, None),
    "meldingen:aantal": Regel(_r("meldingen:aantal"), "bestuurder", ALLEN, None),
    "meldingen:voorkeuren": Regel(
        _r("meldingen:voorkeuren"), "bestuurder", ALLEN, (302, 302, 302, 302),
        data=lambda w: {soort: "direct" for soort in Soort.values},
    ),
    "meldingen:gelezen": Regel(_r("meldingen:gelezen", lambda w: w.melding.pk), "bestuurder", None, (302, 404, 404, 302)),
    "meldingen:alles_gelezen": Regel(_r("meldingen:alles_gelezen"), "bestuurder", None, (302, 302, 302, 302)),
    "meldingen:afmelden": Regel(
        lambda w, g: reverse("meldingen:afmelden", args=[afmeldtoken(w.gebruikers["bestuurder"], Soort.STUKKEN)]),
        "bestuurder", OPEN, (200, 200, 200, 200), anoniem_mag=True,
    ),
    # --- tafels ---
    "tafels:index": Regel(_r("tafels:index"), "bestuurder", ALLEN, None),
    "tafels:detail": Regel(_r("tafels:detail", tafel), "bestuurder", ALLEN, None),
    # All meetings of a table: whoever may see its meetings (members, a raadslid of a member gemeente).
    "tafels:vergaderingen": Regel(_r("tafels:vergaderingen", tafel), "bestuurder", (302, 200, 403, 200), None),
    "tafels:lidmaatschap": Regel(_r("tafels:lidmaatschap", tafel, lambda w: w.lid.pk), "secretaris", BEWERKER, None),
    # The representative has its own endpoint; empty means "none" and is saved. Opting out and taking
    # part again go through financiering:uittreding_tafel and toetreding_lidmaatschap (the consequences first).
    "tafels:lidmaatschap_vertegenwoordiger": Regel(
        _r("tafels:lidmaatschap_vertegenwoordiger", tafel, lambda w: w.lid.pk), "secretaris", None, BEWERKER_POST
    ),
    "tafels:ambitie": Regel(_r("tafels:ambitie", tafel), "secretaris", BEWERKER, BEWERKER),
    "tafels:vergadering_nieuw": Regel(_r("tafels:vergadering_nieuw", tafel), "secretaris", BEWERKER, BEWERKER),
    "tafels:vergadering": Regel(_r("tafels:vergadering", verg), "bestuurder", TAFEL_CONCEPT, None),
    "tafels:vergadering_status": Regel(
        _r("tafels:vergadering_status", verg), "secretaris", None, CONCEPT_BEWERKEN_POST
    ),
    "tafels:agendapunt_toevoegen": Regel(
        _r("tafels:agendapunt_toevoegen", verg), "secretaris", None, CONCEPT_BEWERKEN
    ),
    "tafels:urgentietoets": Regel(_r("tafels:urgentietoets", verg), "secretaris", None, CONCEPT_BEWERKEN),
    "tafels:aanwezigheid": Regel(_r("tafels:aanwezigheid", verg), "secretaris", None, CONCEPT_BEWERKEN_POST),
    "tafels:aanmelden": Regel(
        _r("tafels:aanmelden", verg), "bestuurder", None, CONCEPT_BEWERKEN_POST, data=lambda w: {"status": "aangemeld"}
    ),
    "tafels:besluitenlijst": Regel(_r("tafels:besluitenlijst", verg), "bestuurder", TAFEL_CONCEPT, None),
    "tafels:agendapunt_bewerken": Regel(
        _r("tafels:agendapunt_bewerken", punt), "secretaris", CONCEPT_BEWERKEN, CONCEPT_BEWERKEN
    ),
    "tafels:agendapunt_verplaatsen": Regel(
        _r("tafels:agendapunt_verplaatsen", punt), "secretaris", None, CONCEPT_BEWERKEN_POST,
        data=lambda w: {"richting": "omhoog"},
    ),
    "tafels:agendapunt_verwijderen": Regel(
        _r("tafels:agendapunt_verwijderen", punt), "secretaris", None, CONCEPT_BEWERKEN_POST
    ),
    "tafels:stuk_uploaden": Regel(_r("tafels:stuk_uploaden", punt), "secretaris", None, CONCEPT_BEWERKEN_POST),
    "tafels:stemregeling": Regel(_r("tafels:stemregeling", tafel), "secretaris", BEWERKER, BEWERKER),
    "tafels:stemming_vastleggen": Regel(
        _r("tafels:stemming_vastleggen", punt), "secretaris", CONCEPT_BEWERKEN, CONCEPT_BEWERKEN
    ),
    "tafels:besluit_vastleggen": Regel(
        _r("tafels:besluit_vastleggen", punt), "secretaris", None, CONCEPT_BEWERKEN_POST
    ),
    "tafels:actiepunt_toevoegen": Regel(
        _r("tafels:actiepunt_toevoegen", punt), "secretaris", None, CONCEPT_BEWERKEN_POST
    ),
    "tafels:actiepunt_status": Regel(
        _r("tafels:actiepunt_status", lambda w: w.actiepunt.pk), "secretaris", None, CONCEPT_BEWERKEN_POST,
        data=lambda w: {"status": "gereed"},
    ),
    "tafels:stukken_zip": Regel(_r("tafels:stukken_zip", verg), "bestuurder", TAFEL_CONCEPT, None),
    "tafels:prive_notitie": Regel(
        _r("tafels:prive_notitie", punt), "bestuurder", None, CONCEPT_BEWERKEN_POST,
        data=lambda w: {f"notitie-{w.punt.pk}-tekst": "Mijn afweging"},
    ),
    "tafels:stuk_download": Regel(_r("tafels:stuk_download", lambda w: w.stukversie.pk), "bestuurder", TAFEL_CONCEPT, None),
    # The feeds need no session: the token in the URL is the key. Anonymous uses the allowed user's token.
    "tafels:agenda_persoonlijk": Regel(
        lambda w, g: reverse("tafels:agenda_persoonlijk", args=[g.agenda_token]), "bestuurder", OPEN, None,
        anoniem_mag=True,
    ),
    "tafels:agenda_tafel": Regel(
        lambda w, g: reverse("tafels:agenda_tafel", args=[g.agenda_token, w.tafel.pk]), "bestuurder",
        (200, 200, 404, 200), None, anoniem_mag=True,
    ),
    # --- documenten (the agenda pack of the draft meeting: its members only) ---
    "documenten:starten": Regel(
        lambda w, g: reverse("documenten:starten", args=["agendapakket"]), "bestuurder", None, CONCEPT_BEWERKEN_POST,
        data=lambda w: {"vergadering": w.vergadering.pk},
    ),
    "documenten:opdracht": Regel(_r("documenten:opdracht", lambda w: w.opdracht.pk), "bestuurder", TAFEL_CONCEPT, None),
    "documenten:opnieuw": Regel(
        _r("documenten:opnieuw", lambda w: w.opdracht.pk), "bestuurder", None, CONCEPT_BEWERKEN_POST
    ),
    "documenten:download": Regel(_r("documenten:download", lambda w: w.opdracht.pk), "bestuurder", TAFEL_CONCEPT, None),
    # --- coalities ---
    "coalities:index": Regel(_r("coalities:index"), "bestuurder", ALLEN, None),
    "coalities:nieuw": Regel(_r("coalities:nieuw"), "medewerker", (302, 403, 200, 200), (302, 403, 200, 200)),
    "coalities:importeren": Regel(
        _r("coalities:importeren"), "medewerker", (302, 403, 200, 200), (302, 403, 200, 200)
    ),
    "coalities:exporteren": Regel(
        lambda w, g: reverse("coalities:exporteren", args=["deelnames", "csv"]), "bestuurder", ALLEN, None
    ),
    "coalities:sorteerbak": Regel(_r("coalities:sorteerbak", tafel), "bestuurder", ALLEN, None),
    "coalities:organisatie": Regel(_r("coalities:organisatie", dordt), "bestuurder", ALLEN, None),
    "coalities:detail": Regel(_r("coalities:detail", coal), "bestuurder", ALLEN, None),
    "coalities:bewerken": Regel(_r("coalities:bewerken", coal), "medewerker", BEWERKER, BEWERKER),
    "coalities:voortgang_nieuw": Regel(_r("coalities:voortgang_nieuw", coal), "medewerker", BEWERKER, BEWERKER),
    "coalities:resultaat_nieuw": Regel(_r("coalities:resultaat_nieuw", coal), "medewerker", BEWERKER, BEWERKER),
    "coalities:deelname_kiezen": Regel(
        lambda w, g: reverse("coalities:deelname_kiezen", args=[w.coalitie.pk]) + f"?organisatie={w.dordrecht.pk}",
        "medewerker", (302, 403, 403, 302), None,
    ),
    "coalities:deelname": Regel(_r("coalities:deelname", coal, dordt), "medewerker", BEWERKER, BEWERKER),
    "coalities:cel": Regel(_r("coalities:cel", coal, dordt), "bestuurder", ALLEN, None),
    # The confirmation of withdrawing commitments for a variant without them; Dordrecht's commitment has a
    # realisation, so the allowed POST is refused with a message on the page (200), nothing withdrawn.
    "coalities:deelname_intrekken": Regel(
        lambda w, g: reverse("coalities:deelname_intrekken", args=[w.coalitie.pk, w.dordrecht.pk])
        + "?" + urlencode({"variant": "geen", "versie": w.deelname.versie}),
        "medewerker", BEWERKER, BEWERKER,
        data=lambda w: {"variant": "geen", "versie": w.deelname.versie,
                        "toezegging": f"{w.toezegging.pk}:{w.toezegging.versie}"},
    ),
    "coalities:toezegging_nieuw": Regel(
        _r("coalities:toezegging_nieuw", coal, dordt), "medewerker", BEWERKER, BEWERKER
    ),
    "coalities:toezegging": Regel(_r("coalities:toezegging", lambda w: w.toezegging.pk), "medewerker", BEWERKER, BEWERKER),
    "coalities:toezegging_intrekken": Regel(
        _r("coalities:toezegging_intrekken", lambda w: w.toezegging.pk), "medewerker", None, BEWERKER_POST
    ),
    "coalities:realisatie_nieuw": Regel(
        _r("coalities:realisatie_nieuw", lambda w: w.toezegging.pk), "medewerker", BEWERKER, BEWERKER
    ),
    "coalities:realisatie": Regel(_r("coalities:realisatie", lambda w: w.realisatie.pk), "medewerker", BEWERKER, BEWERKER),
    "coalities:voortgang": Regel(_r("coalities:voortgang", lambda w: w.voortgang.pk), "medewerker", BEWERKER, BEWERKER),
    # --- conferenties: every signed-in user reads and writes on the wall; organisers divide the groups ---
    "conferenties:index": Regel(_r("conferenties:index"), "bestuurder", ALLEN, None),
    "conferenties:detail": Regel(_r("conferenties:detail", lambda w: w.conferentie.pk), "bestuurder", ALLEN, None),
    "conferenties:indeling": Regel(
        _r("conferenties:indeling", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST
    ),
    "conferenties:muurbericht": Regel(
        _r("conferenties:muurbericht", lambda w: w.conferentie.pk), "bestuurder", None, (302, 403, 302, 302),
        data=lambda w: {"soort": "wens", "tekst": "Minder vergaderen"},
    ),
    "conferenties:oogst": Regel(
        _r("conferenties:oogst", lambda w: w.cafetafel.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"ronde": "1", "tekst": "Oogst"},
    ),
    # planning a meeting and recording it afterwards: organisers only
    "conferenties:nieuw": Regel(
        _r("conferenties:nieuw"), "manager", BEWERKER, BEWERKER_POST,
        data=lambda w: {"soort": "netwerkbijeenkomst", "titel": "Netwerkbijeenkomst", "datum": "04-03-2027", "rondes": "3"},
    ),
    "conferenties:programma_toevoegen": Regel(
        _r("conferenties:programma_toevoegen", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"programma-begint_om": "09:00", "programma-eindigt_om": "09:30", "programma-soort": "opening",
                        "programma-titel": "Opening"},
    ),
    "conferenties:pitch_toevoegen": Regel(
        _r("conferenties:pitch_toevoegen", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"pitch-organisatie": str(w.dordrecht.pk), "pitch-max_minuten": "3"},
    ),
    "conferenties:cafetafel_toevoegen": Regel(
        _r("conferenties:cafetafel_toevoegen", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"cafetafel-thema": "Regie", "cafetafel-stelling": "De regio kiest."},
    ),
    "conferenties:uitnodigen": Regel(
        _r("conferenties:uitnodigen", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"uitnodigen-rollen": ["raadslid"]},
    ),
    "conferenties:aanwezigheid": Regel(
        _r("conferenties:aanwezigheid", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"aanwezig": [str(w.conferentie.deelnemers.first().pk)]},
    ),
    "conferenties:verslag": Regel(
        _r("conferenties:verslag", lambda w: w.conferentie.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"verslag": "Een goede middag."},
    ),
    # --- regiekamer ---
    "regiekamer:index": Regel(_r("regiekamer:index"), "bestuurder", ALLEN, None),
    "regiekamer:kamer": Regel(_r("regiekamer:kamer", lambda w: w.kamers.ambtelijk.pk), "bestuurder", ALLEN, None),
    "regiekamer:voorzitter": Regel(
        _r("regiekamer:voorzitter", lambda w: w.kamers.ambtelijk.pk), "manager", None, BEWERKER_POST,
        data=lambda w: {"jaar": "2027", "organisatie": str(w.kamers.gemeenten["Papendrecht"].pk)},
    ),
    "regiekamer:escalaties": Regel(_r("regiekamer:escalaties"), "bestuurder", ALLEN, None),
    # Anyone working in the network raises a knelpunt, also from outside the table; a raadslid only reads.
    "regiekamer:escalatie_nieuw": Regel(
        lambda w, g: reverse("regiekamer:escalatie_nieuw") + f"?tafel={w.tafel.pk}", "medewerker",
        (302, 403, 200, 200), (302, 403, 302, 302),
        data=lambda w: {"titel": "Stukken te laat", "omschrijving": "Drie keer op rij.", "gevraagd": "Aanspreken.",
                        "sinds": "2026-09-01", "bron_tafel": str(w.tafel.pk)},
    ),
    "regiekamer:escalatie": Regel(_r("regiekamer:escalatie", lambda w: w.escalatie.pk), "bestuurder", ALLEN, None),
    "regiekamer:escalatie_opschalen": Regel(
        _r("regiekamer:escalatie_opschalen", lambda w: w.escalatie.pk), "gemeentesecretaris", None, BEWERKER_POST,
        data=lambda w: {"naar": "ambtelijke_regiekamer", "datum": datetime.date.today().isoformat(),
                        "besluit": "Agenderen in de ambtelijke regiekamer.", "eigenaar": str(w.kamers.manager.pk),
                        "volgende_bespreking": (datetime.date.today() + datetime.timedelta(days=28)).isoformat()},
    ),
    "regiekamer:escalatie_sluiten": Regel(
        _r("regiekamer:escalatie_sluiten", lambda w: w.escalatie.pk), "gemeentesecretaris", None, BEWERKER_POST,
        data=lambda w: {"uitkomst": "Opgelost aan tafel.", "datum": datetime.date.today().isoformat()},
    ),
    "regiekamer:rondes": Regel(_r("regiekamer:rondes"), "bestuurder", ALLEN, None),
    # A round is already open: opening another is answered with the form and its reason.
    "regiekamer:ronde_openen": Regel(
        _r("regiekamer:ronde_openen"), "gemeentesecretaris", None, (302, 403, 403, 200),
        data=lambda w: {"periode": "2027-H1"},
    ),
    "regiekamer:ronde": Regel(
        _r("regiekamer:ronde", lambda w: w.ronde.pk), "gemeentesecretaris", ALLEN, BEWERKER_POST,
        data=lambda w: dict.fromkeys(SCORES, "4") | {"toelichting": "Goed op weg."},
    ),
    "regiekamer:ronde_sluiten": Regel(
        _r("regiekamer:ronde_sluiten", lambda w: w.ronde.pk), "manager", None, BEWERKER_POST
    ),
    "regiekamer:ronde_per_gemeente": Regel(
        _r("regiekamer:ronde_per_gemeente", lambda w: w.ronde.pk), "gemeentesecretaris", BEWERKER, None
    ),
    # --- financiering: open within the network; a raadslid runs no scenarios ---
    "financiering:index": Regel(_r("financiering:index"), "bestuurder", ALLEN, None),
    "financiering:netwerk_export": Regel(
        lambda w, g: reverse("financiering:netwerk_export", args=[2026, "csv"]), "bestuurder", ALLEN, None
    ),
    "financiering:organisatie": Regel(_r("financiering:organisatie", dordt), "bestuurder", ALLEN, None),
    "financiering:organisatie_export": Regel(
        lambda w, g: reverse("financiering:organisatie_export", args=[w.dordrecht.pk, "xlsx"]), "bestuurder", ALLEN, None
    ),
    "financiering:coalitie": Regel(_r("financiering:coalitie", coal), "bestuurder", ALLEN, None),
    "financiering:scenario": Regel(_r("financiering:scenario"), "bestuurder", (302, 403, 200, 200), None),
    "financiering:scenario_export": Regel(
        lambda w, g: reverse("financiering:scenario_export", args=["csv"]) + "?" + urlencode(_scenario_data()),
        "bestuurder", (302, 403, 200, 200), None,
    ),
    "financiering:scenario_vaststellen": Regel(  # the first step answers with the confirmation page
        _r("financiering:scenario_vaststellen"), "manager", None, BEWERKER, data=lambda w: _scenario_data()
    ),
    # --- financiering: leaving, first the consequences, then the confirmation ---
    "financiering:uittreding_samenwerking": Regel(
        _r("financiering:uittreding_samenwerking", dordt), "manager", BEWERKER, BEWERKER
    ),
    "financiering:uittreding_tafel": Regel(
        _r("financiering:uittreding_tafel", lambda w: w.lid.pk), "secretaris", BEWERKER, BEWERKER
    ),
    "financiering:uittreding_coalitie": Regel(
        _r("financiering:uittreding_coalitie", coal, dordt), "medewerker", BEWERKER, BEWERKER
    ),
    # --- financiering: joining, the same confirmation ---
    "financiering:toetreding_samenwerking": Regel(_r("financiering:toetreding_samenwerking"), "manager", BEWERKER, BEWERKER),
    "financiering:toetreding_tafel": Regel(_r("financiering:toetreding_tafel", tafel), "secretaris", BEWERKER, BEWERKER),
    "financiering:toetreding_lidmaatschap": Regel(
        _r("financiering:toetreding_lidmaatschap", _afgemeld), "secretaris", BEWERKER, BEWERKER
    ),
    "financiering:toetreding_coalitie": Regel(
        _r("financiering:toetreding_coalitie", coal, zwijndrecht), "beheerder", BEWERKER, BEWERKER
    ),
    "financiering:scenario_opslaan": Regel(
        _r("financiering:scenario_opslaan"), "bestuurder", None, (302, 403, 302, 302),
        data=lambda w: _scenario_data() | {"naam": "Nieuw"},
    ),
    "financiering:scenario_vergelijken": Regel(
        lambda w, g: reverse("financiering:scenario_vergelijken") + f"?s={w.scenario.pk}", "bestuurder",
        (302, 403, 200, 200), None,
    ),
    "financiering:scenario_verwijderen": Regel(
        _r("financiering:scenario_verwijderen", lambda w: w.scenario.pk), "bestuurder", None, BEWERKER_POST
    ),
    "financiering:vaststelling": Regel(_r("financiering:vaststelling", lambda w: w.vaststelling.pk), "bestuurder", ALLEN, None),
    # --- portaal: the raadsinformatie is for the gemeente's own college and council (and beheerders) ---
    "raadsinformatie": Regel(_r("raadsinformatie", dordt), "beheerder", BEWERKER, None),
    # --- portaal: the groeiperspectief is open to everyone signed in; bad filters never a 500 ---
    "groeiperspectief": Regel(_r("groeiperspectief"), "bestuurder", ALLEN, None),
    "groeiperspectief_pdf": Regel(
        lambda w, g: reverse("groeiperspectief_pdf") + "?status=lopend", "bestuurder", ALLEN, None,
    ),
    "raadsinformatie_pdf": Regel(
        lambda w, g: reverse("raadsinformatie_pdf", args=[w.dordrecht.pk]) + "?jaar=2026",
        "beheerder", BEWERKER, None,
    ),
}


def _url_patronen() -> dict[str, str]:
    """Every named URL with its full route."""

    def walk(patterns, ns="", prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                yield f"{ns}{p.name}", prefix + str(p.pattern)

    return dict(walk(get_resolver().url_patterns))


def _url_namen() -> set[str]:
    return set(_url_patronen())


def test_every_url_has_an_entry():
    """Every named URL outside the Django admin has a row in the access matrix, and no row is stale."""
    namen = {n for n in _url_namen() if not n.startswith("admin:")}
    assert namen - MATRIX.keys() == set(), "URL zonder regel in de toegangsmatrix"
    assert MATRIX.keys() - namen == set(), "regel voor een URL die niet meer bestaat"


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_access_matrix(client, wereld, naam, soort):
    """Each kind of visitor gets the status of the matrix, for the page and its htmx fragment alike."""
    regel = MATRIX[naam]
    index = SOORTEN.index(soort)
    toegestaan = wereld.gebruikers[regel.toegestaan]
    gebruiker = toegestaan if soort in ("anoniem", "toegestaan") else wereld.gebruikers[soort]
    if soort != "anoniem":
        client.force_login(gebruiker)
    url = regel.url(wereld, gebruiker)

    for htmx in (False, True):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(url, headers=headers)
        verwacht = regel.get[index] if regel.get else (302 if soort == "anoniem" else 405)
        assert response.status_code == verwacht, f"GET {url} als {soort} (htmx={htmx}): {response.status_code}"
        if soort == "anoniem" and not regel.anoniem_mag:
            assert response["Location"].startswith(LOGIN)
        if getattr(response, "streaming", False):
            continue
        if not htmx:
            volledige_pagina = b"<html" in response.content
        elif response.status_code == 200 and volledige_pagina and b"<html" not in response.content:
            # A fragment and the full page share a URL: caches must keep them apart.
            assert "HX-Request" in response.get("Vary", ""), f"GET {url}: fragment zonder Vary: HX-Request"

    response = client.post(url, regel.data(wereld) if regel.post else {})
    if regel.post:
        verwacht = regel.post[index]
    elif soort == "anoniem":
        verwacht = 405 if regel.anoniem_mag else 302
    else:
        verwacht = 403 if soort == "raadslid" and naam not in ALLEEN_LEZEN_TOEGESTAAN else 405
    assert response.status_code == verwacht, f"POST {url} als {soort}: {response.status_code}"
    if soort == "anoniem" and not regel.anoniem_mag:
        assert response["Location"].startswith(LOGIN)


def test_raadslid_is_refused_every_change():
    """On every URL that accepts a POST, the raadslid gets 403, except logging in or out and the language."""
    for naam, regel in MATRIX.items():
        if regel.post and naam not in ALLEEN_LEZEN_TOEGESTAAN:
            assert regel.post[1] == 403, naam


def test_raadslid_post_is_refused_even_where_a_view_forgets(rf, wereld):
    """The read-only guard answers 403 to any POST of a raadslid before the view runs."""
    from django.core.exceptions import PermissionDenied
    from django.urls import resolve

    from drechtsteden.middleware import AlleenLezenMiddleware

    request = rf.post("/coalities/")
    request.user = wereld.gebruikers["raadslid"]
    request.resolver_match = resolve("/coalities/")
    guard = AlleenLezenMiddleware(lambda r: None)
    with pytest.raises(PermissionDenied, match="Als raadslid kunt u alles inzien, maar niets wijzigen."):
        guard.process_view(request, lambda r: None, (), {})
    request.user = wereld.gebruikers["bestuurder"]
    assert guard.process_view(request, lambda r: None, (), {}) is None


def test_anonymous_is_sent_to_login_except_login_language_feeds_unsubscribing_and_the_pages_about_the_portal():
    """Only the login page, the language switch, the token feeds, the unsubscribe link and the accessibility,
    privacy and contact pages open without a session."""
    assert {n for n, r in MATRIX.items() if r.anoniem_mag} == {
        "login", "set_language", "tafels:agenda_persoonlijk", "tafels:agenda_tafel", "meldingen:afmelden",
        "toegankelijkheid", "privacy", "contact",
    }


def test_wrong_token_gets_404(client, wereld):
    """A calendar feed with an unknown token answers 404, without a session."""
    assert client.get(reverse("tafels:agenda_persoonlijk", args=["onbekend"])).status_code == 404
    assert client.get(reverse("tafels:agenda_tafel", args=["onbekend", wereld.tafel.pk])).status_code == 404


# --- Django admin: its own permission system, checked for every admin URL -------------------------


@pytest.mark.parametrize("naam", sorted({n for n in _url_namen() if n.startswith("admin:")}))
def test_admin_is_for_staff_only(client, wereld, naam):
    """Every admin URL sends an anonymous visitor and a non-staff raadslid to a login page."""
    from django.urls import NoReverseMatch

    url = None
    for args in ([], ["drechtsteden"], ["1"], ["1", "1"]):
        try:
            url = reverse(naam, args=args)
            break
        except NoReverseMatch:
            continue
    assert url is not None, naam
    anoniem = client.get(url)
    if naam in ("admin:login", "admin:logout"):
        # Logging in or out of the admin needs no staff rights.
        return
    assert anoniem.status_code == 302
    client.force_login(wereld.gebruikers["raadslid"])
    raadslid = client.get(url)
    assert raadslid.status_code == 302 and "/beheer/login/" in raadslid["Location"]
    assert client.post(url, {}).status_code == 403  # the read-only guard, before the admin's own check


# --- Bad input in the URL: unknown ids answer 404, never 500 -------------------------------------


def _met_onbekend_id() -> list[tuple[str, str]]:
    """(URL name, id parameter) for every id in a URL; a year is not an id."""
    import re

    return [(naam, sleutel) for naam, patroon in sorted(_url_patronen().items()) if naam in MATRIX
            for sleutel in re.findall(r"<int:(\w+)>", patroon) if sleutel != "jaar"]


@pytest.mark.parametrize(("naam", "sleutel"), _met_onbekend_id())
def test_unknown_id_is_404(client, wereld, naam, sleutel):
    """An id that does not exist answers 404 for GET and POST, even for a beheerder, and never 500."""
    from django.urls import resolve

    regel = MATRIX[naam]
    beheerder = wereld.gebruikers["beheerder"]
    client.force_login(beheerder)
    url = regel.url(wereld, beheerder)
    pad, _, query = url.partition("?")
    match = resolve(pad)
    kwargs = dict(match.kwargs) | {sleutel: 999_999}
    url = reverse(match.view_name, kwargs=kwargs) + (f"?{query}" if query else "")
    if regel.get:
        assert client.get(url).status_code == 404
    if regel.post:
        assert client.post(url, regel.data(wereld)).status_code == 404


def test_actiepunt_status_with_bad_meeting_is_404(client, wereld):
    """A meeting id in the form that is not a number answers 404 and changes nothing."""
    client.force_login(wereld.gebruikers["secretaris"])
    url = reverse("tafels:actiepunt_status", args=[wereld.actiepunt.pk])
    assert client.post(url, {"status": "gereed", "vergadering": "abc"}).status_code == 404
    wereld.actiepunt.refresh_from_db()
    assert wereld.actiepunt.status != "gereed"


# --- Calendar feeds: a draft agenda stays with those at the table ---------------------------------


def _uids(response) -> set[str]:
    from icalendar import Calendar

    return {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_feeds_hide_drafts_from_a_network_role_outside_the_table(client, wereld):
    """A programmamanager of a non-member organisation gets set agendas in the feeds, never a draft."""
    volger = GebruikerFactory(organisatie=wereld.gorinchem, rollen=[Rol.Soort.PROGRAMMAMANAGER])
    vastgesteld = vergadering(wereld.tafel, over_dagen=60)
    tafel_services.vergadering_status_verder(vergadering=vastgesteld, naar="agenda_vastgesteld", door=wereld.tafel.secretaris)
    concept_uid = f"vergadering-{wereld.vergadering.pk}@drechtsteden-portaal"
    vastgesteld_uid = f"vergadering-{vastgesteld.pk}@drechtsteden-portaal"

    for url in (reverse("tafels:agenda_persoonlijk", args=[volger.agenda_token]),
                reverse("tafels:agenda_tafel", args=[volger.agenda_token, wereld.tafel.pk])):
        uids = _uids(client.get(url))
        assert vastgesteld_uid in uids and concept_uid not in uids, url

    lid = wereld.gebruikers["bestuurder"]
    for url in (reverse("tafels:agenda_persoonlijk", args=[lid.agenda_token]),
                reverse("tafels:agenda_tafel", args=[lid.agenda_token, wereld.tafel.pk])):
        assert {concept_uid, vastgesteld_uid} <= _uids(client.get(url)), url


def test_personal_feed_of_an_outsider_is_empty(client, wereld):
    """Someone of an organisation not at any table, without a network role, gets no meetings at all."""
    buiten = wereld.gebruikers["buitenstaander"]
    assert _uids(client.get(reverse("tafels:agenda_persoonlijk", args=[buiten.agenda_token]))) == set()


# --- Roles: for the URLs that depend on a role, each of the eight roles of Dordrecht ---------------

PROGRAMMASTAF = {"programmamedewerker", "coordinerend_ambtenaar", "programmamanager", "beheerder"}
ROLLEN_MATRIX: dict[str, tuple[str, set[str]]] = {
    # name: (method, roles that may) — a user of Dordrecht: member of the table, trekker of the coalition.
    "systeemstatus": ("get", {"beheerder"}),
    "dashboard": ("get", {"bestuurder"}),
    "netwerk_export": ("get", {"gemeentesecretaris", "manager_sdd", "beheerder"}),
    "coalities:nieuw": ("get", PROGRAMMASTAF),
    "coalities:importeren": ("get", PROGRAMMASTAF),
    "coalities:bewerken": ("get", PROGRAMMASTAF),
    "coalities:voortgang_nieuw": ("post", PROGRAMMASTAF),
    "coalities:deelname": ("post", PROGRAMMASTAF),
    "coalities:toezegging_nieuw": ("get", PROGRAMMASTAF),
    "coalities:toezegging_intrekken": ("post", PROGRAMMASTAF),
    "coalities:deelname_intrekken": ("get", PROGRAMMASTAF),
    "tafels:ambitie": ("get", {"beheerder"}),  # besides the table's own secretary
    "tafels:agendapunt_toevoegen": ("post", {"beheerder"}),
    "tafels:aanmelden": ("post", {"bestuurder"}),
    "tafels:vergadering": ("get", set(Rol.Soort.values)),  # Dordrecht is at the table, the raadslid too
    "financiering:scenario": ("get", set(Rol.Soort.values) - {"raadslid"}),
    "financiering:scenario_vaststellen": ("post", {"manager_sdd", "beheerder"}),
    "financiering:scenario_opslaan": ("post", set(Rol.Soort.values) - {"raadslid"}),
    "financiering:uittreding_samenwerking": ("get", {"manager_sdd", "beheerder"}),
    "financiering:uittreding_tafel": ("get", {"beheerder"}),  # besides the table's own secretary
    "financiering:uittreding_coalitie": ("post", PROGRAMMASTAF),
    "financiering:toetreding_samenwerking": ("get", {"manager_sdd", "beheerder"}),
    "financiering:toetreding_tafel": ("get", {"beheerder"}),  # besides the table's own secretary
    "financiering:toetreding_coalitie": ("get", {"beheerder"}),  # besides Zwijndrecht's own programme staff
    "regiekamer:escalatie_opschalen": ("post", {"gemeentesecretaris", "manager_sdd", "beheerder"}),
    "regiekamer:ronde_sluiten": ("post", {"gemeentesecretaris", "manager_sdd", "beheerder"}),
    "regiekamer:ronde_per_gemeente": ("get", {"gemeentesecretaris", "manager_sdd", "beheerder"}),
    "regiekamer:voorzitter": ("post", {"manager_sdd", "beheerder"}),
}


def test_role_matrix_only_names_known_urls():
    """Each row of the role matrix is a URL of the access matrix with the same method."""
    for naam, (methode, _rollen) in ROLLEN_MATRIX.items():
        regel = MATRIX[naam]
        assert getattr(regel, methode) is not None, naam


@pytest.mark.parametrize("rol", Rol.Soort.values)
@pytest.mark.parametrize("naam", sorted(ROLLEN_MATRIX))
def test_role_matrix(client, wereld, naam, rol):
    """Each role gets exactly the allowed user's status of the access matrix where it may, and 403 elsewhere."""
    methode, rollen = ROLLEN_MATRIX[naam]
    gebruiker = GebruikerFactory(organisatie=wereld.dordrecht, rollen=[rol], is_staff=rol == "beheerder")
    client.force_login(gebruiker)
    url = MATRIX[naam].url(wereld, gebruiker)
    response = client.get(url) if methode == "get" else client.post(url, MATRIX[naam].data(wereld))
    verwacht = getattr(MATRIX[naam], methode)[SOORTEN.index("toegestaan")] if rol in rollen else 403
    assert response.status_code == verwacht, f"{rol} {naam}: {response.status_code}"


# --- Organisation scoping inside forms ------------------------------------------------------------


def _coalitie_data(coalitie, **wijzigingen) -> dict:
    from django.forms.models import model_to_dict

    from coalities.forms import CoalitieForm

    velden = CoalitieForm._meta.fields
    data = {k: ("" if v is None else v) for k, v in model_to_dict(coalitie, fields=velden).items()}
    data["afhankelijkheden"] = [c.pk for c in data["afhankelijkheden"]]
    for datum in ("resultaatdatum", "startdatum"):
        data[datum] = data[datum].isoformat() if data[datum] else ""
    return data | {"startdatum": data["startdatum"] or "2026-01-01"} | wijzigingen


def test_project_leader_of_another_organisation_cannot_take_the_lead(client, wereld):
    """A project leader from Sliedrecht edits the coalition but cannot move the trekker to Sliedrecht."""
    sliedrecht = Organisatie.objects.get(naam="Sliedrecht")
    leider = GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER])
    wereld.coalitie.projectleider = leider
    wereld.coalitie.save()
    client.force_login(leider)
    url = reverse("coalities:bewerken", args=[wereld.coalitie.pk])

    response = client.post(url, _coalitie_data(wereld.coalitie, trekker=sliedrecht.pk))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    wereld.coalitie.refresh_from_db()
    assert wereld.coalitie.trekker == wereld.dordrecht

    response = client.post(url, _coalitie_data(wereld.coalitie, doel="Een veilige fietsroute langs de Merwede."))
    assert response.status_code == 302
    wereld.coalitie.refresh_from_db()
    assert wereld.coalitie.doel == "Een veilige fietsroute langs de Merwede."
    assert wereld.coalitie.trekker == wereld.dordrecht
