"""Every write of the tafels app refuses a user without the right (PermissionDenied, nothing saved) and
lets the right user write: a raadslid, the secretary of another table, a bestuurder of an organisation
outside the table and, for the secretary's work, a bestuurder of a member are all refused."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from documenten.models import Documentopdracht
from drechtsteden.models import Organisatie, Rol
from drechtsteden.permissions import systeem
from tafels import besluitvorming, services
from tafels.models import Aanmelding, Processtap, Vergadering
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.rechten import (
    Geval,
    controleer_services,
    schrijft_met_recht,
    toestemmingen,
    weigeringen,
    weigert_zonder_te_schrijven,
)
from tests.tafels.factories import agendapunt, pdf, tafel_met_leden, vergadering

pytestmark = pytest.mark.django_db

DATUM = datetime.date(2026, 3, 1)
APPS = ("tafels", "documenten", "financiering")  # an admission records its join in financiering
NIET_BIJ_DE_TAFEL = ("raadslid", "andere_secretaris", "buitenstaander")
SECRETARISWERK_GEWEIGERD = (*NIET_BIJ_DE_TAFEL, "lid_bestuurder")


@pytest.fixture
def w() -> SimpleNamespace:
    """A table with a concept meeting (held yesterday), two items, an action, an opted-out member, and the
    people around it."""
    tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    andere = tafel_met_leden(naam="Tafel Wonen")
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    zwijndrecht = Organisatie.objects.get(naam="Zwijndrecht")
    gorinchem = OrganisatieFactory(naam="Gorinchem", soort=Organisatie.Soort.AANPALENDE_GEMEENTE, cbs_code="GM0512")
    v = vergadering(tafel, over_dagen=-1)
    punt = agendapunt(v, titel="Regionale fietsstrategie")
    agendapunt(v, titel="Rondvraag")
    actie = services.actiepunt_create(
        agendapunt=punt, omschrijving="Fietskaart maken", deadline=_deadline(v), eigenaar_organisatie=dordrecht,
        door=tafel.secretaris,
    )
    afgemeld = tafel.lidmaatschappen.get(organisatie__naam="Sliedrecht")
    services.lidmaatschap_afmelden(lidmaatschap=afgemeld, reden="Geen opgave", datum=DATUM, door=tafel.secretaris)
    gebruikers = {
        "secretaris": tafel.secretaris,
        "andere_secretaris": andere.secretaris,
        "raadslid": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]),
        "buitenstaander": GebruikerFactory(organisatie=gorinchem, rollen=[Rol.Soort.BESTUURDER]),
        "lid_bestuurder": GebruikerFactory(organisatie=zwijndrecht, rollen=[Rol.Soort.BESTUURDER]),
        "manager": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.MANAGER_SDD]),
    }
    return SimpleNamespace(
        tafel=tafel, vergadering=v, punt=punt, actie=actie, afgemeld=afgemeld, dordrecht=dordrecht,
        zwijndrecht=zwijndrecht, gebruikers=gebruikers,
        partner=OrganisatieFactory(naam="Da Vinci College", soort=Organisatie.Soort.KENNISINSTELLING, cbs_code=""),
    )


def _deadline(v: Vergadering) -> datetime.date:
    """Two weeks after the meeting: an action is due on or after the day of its meeting."""
    return v.datum + datetime.timedelta(days=14)


def _gehouden(w) -> None:
    """The meeting was held: decisions by vote and admissions are recorded now."""
    for stap in ("agenda_vastgesteld", "stukken_verzonden", "gehouden"):
        services.vergadering_status_verder(vergadering=w.vergadering, naar=stap, door=w.tafel.secretaris)
    w.vergadering.refresh_from_db()


def _besluit(w) -> dict:
    _gehouden(w)
    return {"agendapunt": w.punt, "tekst": "De tafel kiest de snelfietsroute."}


def _stemming(w) -> dict:
    _gehouden(w)
    stemmen = {lid.organisatie_id: "voor" for lid in besluitvorming.stemgerechtigden(w.tafel)}
    return {"agendapunt": w.punt, "tekst": "De tafel stelt de fietsstrategie vast.", "stemmen": stemmen}


def _toelating(w) -> dict:
    _gehouden(w)
    return {"agendapunt": w.punt, "organisatie": w.partner, "tekst": "Da Vinci College treedt toe.",
            "voorwaarden": "", "basisbijdrage": Decimal(0)}


def _pakketopdracht(w) -> dict:
    """A finished pack built for sending, as the worker leaves it."""
    opdracht = Documentopdracht.objects.create(
        soort="agendapakket", parameters={"vergadering": w.vergadering.pk, "verzenden": True},
        status=Documentopdracht.Status.KLAAR, bestand="documenten/agendapakket/pakket.pdf", sha256="a" * 64,
        resultaat={"versie": 1, "paginas": 3, "inhoud": {"punten": ["Regionale fietsstrategie"]}},
        door=w.tafel.secretaris,
    )
    return {"opdracht": opdracht}


def secretariswerk(service, argumenten) -> Geval:
    """A write that is the table secretary's: everybody else, a bestuurder at the table too, is refused."""
    return Geval(service, argumenten, mag="secretaris", geweigerd=SECRETARISWERK_GEWEIGERD)


GEVALLEN = [
    Geval(services.tafel_create, lambda w: {"thema": ThemaFactory(), "naam": "Tafel Zorg"}, mag="manager",
          geweigerd=(*SECRETARISWERK_GEWEIGERD, "secretaris")),
    secretariswerk(services.lidmaatschap_afmelden, lambda w: {
        "lidmaatschap": w.tafel.lidmaatschappen.get(organisatie=w.zwijndrecht), "reden": "Eigen aanpak", "datum": DATUM}),
    secretariswerk(services.lidmaatschap_weer_deelnemen, lambda w: {"lidmaatschap": w.afgemeld, "datum": DATUM}),
    secretariswerk(services.partner_toelaten, lambda w: {
        "tafel": w.tafel, "organisatie": w.partner, "besluit_referentie": "Besluit 4", "datum": DATUM}),
    secretariswerk(services.lidmaatschap_vertegenwoordiger_instellen, lambda w: {
        "lidmaatschap": w.tafel.lidmaatschappen.get(organisatie=w.zwijndrecht),
        "vertegenwoordiger": w.gebruikers["lid_bestuurder"]}),
    secretariswerk(services.ambitie_vaststellen, lambda w: {"tafel": w.tafel, "tekst": "Samen bereikbaar", "vastgesteld_op": DATUM}),
    secretariswerk(services.vergadering_create, lambda w: {
        "tafel": w.tafel, "begint_om": w.vergadering.begint_om + datetime.timedelta(days=60)}),
    secretariswerk(services.vergadering_status_verder, lambda w: {
        "vergadering": w.vergadering, "naar": Vergadering.Status.AGENDA_VASTGESTELD}),
    secretariswerk(services.aanwezigheid_registreren, lambda w: {
        "vergadering": w.vergadering, "organisatie": w.dordrecht, "status": "aanwezig"}),
    secretariswerk(services.agendapunt_create, lambda w: {
        "vergadering": w.vergadering, "titel": "Fietsparkeren", "processtap": Processtap.VOORTGANG}),
    secretariswerk(services.urgentietoets_vastleggen, lambda w: {
        "vergadering": w.vergadering, "titel": "Sluiting veerpont", "past_binnen_scope": True,
        "capaciteit_beschikbaar": True, "urgent_gevoeld": True}),
    secretariswerk(services.agendapunt_update, lambda w: {"agendapunt": w.punt, "titel": "Fietsstrategie 2030"}),
    secretariswerk(services.agendapunt_delete, lambda w: {"agendapunt": w.vergadering.agendapunten.get(titel="Rondvraag")}),
    secretariswerk(services.agendapunt_verplaatsen, lambda w: {"agendapunt": w.punt, "richting": "omlaag"}),
    secretariswerk(services.stuk_uploaden, lambda w: {"agendapunt": w.punt, "bestand": pdf(), "titel": "Notitie"}),
    secretariswerk(services.besluit_vastleggen, _besluit),
    secretariswerk(services.actiepunt_create, lambda w: {
        "agendapunt": w.punt, "omschrijving": "Routes tekenen", "deadline": _deadline(w.vergadering),
        "eigenaar_organisatie": w.dordrecht}),
    secretariswerk(services.actiepunt_status_wijzigen, lambda w: {"actiepunt": w.actie, "status": "gereed"}),
    Geval(services.aanmelding_vastleggen, lambda w: {"vergadering": w.vergadering, "status": Aanmelding.Status.AANGEMELD},
          mag="lid_bestuurder", geweigerd=(*NIET_BIJ_DE_TAFEL, "secretaris")),
    Geval(services.prive_notitie_opslaan, lambda w: {"agendapunt": w.punt, "tekst": "Vragen over de kosten", "versie": 0},
          mag="lid_bestuurder", geweigerd=(*NIET_BIJ_DE_TAFEL, "secretaris")),
    secretariswerk(services.pakketversie_vastleggen, _pakketopdracht),
    secretariswerk(besluitvorming.stemregeling_opslaan, lambda w: {
        "tafel": w.tafel, "versie": None, "weging_gelijk": Decimal(50), "weging_inwoners": Decimal(50),
        "weging_bijdrage": Decimal(0), "drempel": "gewone_meerderheid"}),
    secretariswerk(besluitvorming.stemming_vastleggen, _stemming),
    secretariswerk(besluitvorming.partner_toelaten_bij_besluit, _toelating),
]

# Public functions of the services modules that change no data, with the reason.
GEEN_SCHRIJVERS = {
    "tafels.services.stuk_controleren": "checks the size and content of an upload before stuk_uploaden",
    "tafels.services.vereis_besluitmoment": "checks that a meeting takes decisions now; writes nothing",
    "tafels.besluitvorming.registreer_bijdragebron": "connects the financing app at start-up; no data",
    "tafels.besluitvorming.registreer_coalitiestemrecht": "connects the coalities app at start-up; no data",
    "tafels.besluitvorming.registreer_toetreding": "connects the financing app's join at start-up; no data",
    "tafels.besluitvorming.stemregeling_van": "reads",
    "tafels.besluitvorming.stemgerechtigden": "reads",
    "tafels.besluitvorming.groepen_van": "reads",
    "tafels.besluitvorming.inwoners_op": "reads",
    "tafels.besluitvorming.regels_van": "reads",
    "tafels.besluitvorming.berekenen": "computes weights and outcomes without saving them",
}


def test_every_writing_service_takes_a_required_door_and_is_tested_here():
    """Each public write of tafels.services and tafels.besluitvorming has a keyword-only `door` without a
    default and a case below; a new function fails here until it is classified."""
    controleer_services([services, besluitvorming], GEEN_SCHRIJVERS, {geval.naam for geval in GEVALLEN})


@pytest.mark.parametrize(("geval", "rol"), weigeringen(GEVALLEN))
def test_user_without_the_right_is_refused_and_nothing_is_saved(w, geval, rol):
    """The service raises PermissionDenied (a 403 in a view) and no row of tafels or documenten changes."""
    weigert_zonder_te_schrijven(geval, w, rol, APPS)


@pytest.mark.parametrize("geval", toestemmingen(GEVALLEN))
def test_user_with_the_right_writes(w, geval):
    """The same call by the user who holds the right is saved."""
    schrijft_met_recht(geval, w, APPS)


def test_the_portal_itself_may_do_the_secretarys_work():
    """Jobs, commands and demo data act as systeem(): it plans a meeting at any table."""
    tafel = tafel_met_leden()
    nieuwe = services.vergadering_create(
        tafel=tafel, begint_om=datetime.datetime(2026, 5, 1, 15, tzinfo=datetime.UTC), door=systeem()
    )
    assert nieuwe.pk and nieuwe.agendapunten.count() == 1
