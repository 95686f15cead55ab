"""Demo content of the regiekamers: both rooms with members, the chair rota, two reflection rounds and
escalations at different steps of the ladder. Idempotent: a second run adds nothing twice."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from drechtsteden.demo import demo_wachtwoord_geven
from drechtsteden.models import Gebruiker, Organisatie, Rol, Thema
from drechtsteden.permissions import systeem
from tafels import services as tafel_services
from tafels.models import BestuurlijkeTafel, Processtap

from . import services
from .models import SCORES, Escalatie, Reflectieronde, Regiekamer, Regiekamerlid, Themaambtenaar, Voorzitterschap

VAN = datetime.date(2024, 1, 1)
# gemeente, username, first name, last name; Sliedrecht's secretary is the demo user "secretaris".
SECRETARISSEN = [
    ("Dordrecht", "secretaris-dordrecht", "Hanneke", "Bosman"),
    ("Zwijndrecht", "secretaris-zwijndrecht", "Ruud", "van Dam"),
    ("Papendrecht", "secretaris-papendrecht", "Monique", "Verschoor"),
    ("Hendrik-Ido-Ambacht", "secretaris-hendrik-ido-ambacht", "Wim", "Stolk"),
    ("Alblasserdam", "secretaris-alblasserdam", "Saskia", "Blom"),
    ("Hardinxveld-Giessendam", "secretaris-hardinxveld-giessendam", "Gert", "Baggerman"),
]
BURGEMEESTERS = [
    ("Dordrecht", "burgemeester-dordrecht", "Wouter", "Kolff"),
    ("Papendrecht", "burgemeester-papendrecht", "Anne", "Mulder"),
    ("Hendrik-Ido-Ambacht", "burgemeester-hendrik-ido-ambacht", "Jan", "Heijkoop"),
    ("Sliedrecht", "burgemeester-sliedrecht", "Peter", "de Groot"),
    ("Alblasserdam", "burgemeester-alblasserdam", "Jaap", "Paans"),
    ("Hardinxveld-Giessendam", "burgemeester-hardinxveld-giessendam", "Dirk", "Heijkoop"),
]
COORDINATOREN = [
    ("Zwijndrecht", "coordinator-zwijndrecht", "Yvonne", "Koster"),
    ("Papendrecht", "coordinator-papendrecht", "Bas", "Lagendijk"),
    ("Sliedrecht", "coordinator-sliedrecht", "Ilse", "de Jong"),
    ("Dordrecht", "coordinator-dordrecht", "Mehmet", "Yilmaz"),
]
VOORZITTERS = [(2024, "Zwijndrecht"), (2025, "Papendrecht"), (2026, "Sliedrecht")]
TAAK_AMBTELIJK = (
    "Systeemeigenaar van de inrichting, de structurele monitoring en de doorontwikkeling van de samenwerking; "
    "eerste escalatieniveau; regelt de inbreng van elke gemeente in geld, mensen of kennis."
)
TAAK_BESTUURLIJK = (
    "Ambassadeur en uitdager van de strategie; beslist over scope, samenstelling en knelpunten die de thema's "
    "overstijgen."
)


def _gebruiker(username: str, voornaam: str, achternaam: str, organisatie: str, rol: str, functie: str = "") -> Gebruiker:
    gebruiker, created = Gebruiker.objects.update_or_create(
        username=username,
        defaults={"first_name": voornaam, "last_name": achternaam, "email": f"{username}@demo.drechtsteden.nl",
                  "organisatie": Organisatie.objects.get(naam=organisatie)},
    )
    demo_wachtwoord_geven(gebruiker, nieuw=created)
    Rol.objects.update_or_create(gebruiker=gebruiker, rol=rol, defaults={"bestuursfunctie": functie, "portefeuille": ""})
    return Gebruiker.objects.get(pk=gebruiker.pk)


def _kamer(soort: str, naam: str, taak: str, door: Gebruiker, secretaris: Gebruiker, uitgesloten: list[Organisatie]) -> Regiekamer:
    kamer = Regiekamer.objects.filter(soort=soort).first()
    if kamer is None:
        kamer = services.regiekamer_create(soort=soort, naam=naam, taak=taak, door=door, secretaris=secretaris,
                                           uitgesloten=uitgesloten, datum=VAN)
    return kamer


def _lid(kamer: Regiekamer, gebruiker: Gebruiker, manager: Gebruiker, rol: str = Regiekamerlid.Rol.LID) -> None:
    if not kamer.leden.filter(gebruiker=gebruiker).exists():
        services.regiekamerlid_create(regiekamer=kamer, gebruiker=gebruiker, van=VAN, rol=rol, door=manager)


@transaction.atomic
def load(stdout) -> None:
    vandaag = timezone.localdate()
    manager = Gebruiker.objects.get(username="manager-sdd")
    portaal = systeem()  # the portal sets up the rooms, members and chairs; people raise and move escalations
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    secretarissen = {"Sliedrecht": Gebruiker.objects.get(username="secretaris")}
    for gemeente, username, voornaam, achternaam in SECRETARISSEN:
        secretarissen[gemeente] = _gebruiker(username, voornaam, achternaam, gemeente, Rol.Soort.GEMEENTESECRETARIS)
    burgemeesters = {"Zwijndrecht": Gebruiker.objects.get(username="bestuurder-zwijndrecht")}
    for gemeente, username, voornaam, achternaam in BURGEMEESTERS:
        burgemeesters[gemeente] = _gebruiker(username, voornaam, achternaam, gemeente, Rol.Soort.BESTUURDER,
                                             Rol.Bestuursfunctie.BURGEMEESTER)
    for gemeente, username, voornaam, achternaam in COORDINATOREN:
        _gebruiker(username, voornaam, achternaam, gemeente, Rol.Soort.COORDINEREND_AMBTENAAR)

    ambtelijk = _kamer(Regiekamer.Soort.AMBTELIJK, "Ambtelijke regiekamer", TAAK_AMBTELIJK, portaal, manager, [dordrecht])
    bestuurlijk = _kamer(Regiekamer.Soort.BESTUURLIJK, "Bestuurlijke regiekamer", TAAK_BESTUURLIJK, portaal, manager, [])
    for gemeente in sorted(secretarissen):
        _lid(ambtelijk, secretarissen[gemeente], portaal)
        _lid(bestuurlijk, burgemeesters[gemeente], portaal)
    _lid(ambtelijk, manager, portaal, Regiekamerlid.Rol.VERBINDENDE_SCHAKEL)
    for jaar, gemeente in VOORZITTERS:
        if not Voorzitterschap.objects.filter(regiekamer=ambtelijk, jaar=jaar).exists():
            services.voorzitterschap_create(regiekamer=ambtelijk, jaar=jaar, organisatie=Organisatie.objects.get(naam=gemeente),
                                            voorzitter=secretarissen[gemeente], door=portaal)
    for kamer, dagen in ((ambtelijk, 10), (bestuurlijk, 24)):
        if not kamer.orgaan.vergaderingen.exists():
            moment = timezone.make_aware(datetime.datetime.combine(vandaag + datetime.timedelta(days=dagen), datetime.time(9, 30)))
            vergadering = tafel_services.vergadering_create(tafel=kamer.orgaan, begint_om=moment, plaats="Stadskantoor Dordrecht",
                                                            door=kamer.orgaan.secretaris)
            tafel_services.agendapunt_create(vergadering=vergadering, titel="Samenwerkingsmonitor en open escalaties",
                                             processtap=Processtap.KNELPUNTEN, door=kamer.orgaan.secretaris)

    # Ambtenaren per theme: bereikbaarheid is fully staffed, the others show gaps on the dashboard.
    bereikbaarheid = Thema.objects.get(slug="bereikbaarheid")
    for gemeente, gebruiker in secretarissen.items():
        coordinator = Gebruiker.objects.filter(organisatie__naam=gemeente, rollen__rol=Rol.Soort.COORDINEREND_AMBTENAAR).first()
        Themaambtenaar.objects.get_or_create(thema=bereikbaarheid, gebruiker=coordinator or gebruiker,
                                             defaults={"organisatie": (coordinator or gebruiker).organisatie})

    _rondes(manager, secretarissen, vandaag)
    _escalaties(manager, secretarissen, vandaag)
    stdout.write(
        f"Regiekamer: {Regiekamerlid.objects.count()} leden in twee regiekamers, {Escalatie.objects.count()} escalaties, "
        f"{Reflectieronde.objects.count()} reflectierondes."
    )


def _rondes(manager: Gebruiker, secretarissen: dict[str, Gebruiker], vandaag: datetime.date) -> None:
    if Reflectieronde.objects.exists():
        return
    eerste = services.reflectieronde_openen(periode="2026-H1", door=manager, datum=datetime.date(2026, 6, 1))
    scores_h1 = {"Dordrecht": 4, "Zwijndrecht": 3, "Papendrecht": 3, "Hendrik-Ido-Ambacht": 2, "Sliedrecht": 3,
                 "Alblasserdam": 2, "Hardinxveld-Giessendam": 3}
    for i, (gemeente, basis) in enumerate(scores_h1.items()):
        scores = {veld: max(1, min(5, basis + (j + i) % 3 - 1)) for j, veld in enumerate(SCORES)}
        services.reflectie_invullen(ronde=eerste, organisatie=secretarissen[gemeente].organisatie, scores=scores,
                                    toelichting="Papers komen vaak laat; het gesprek aan tafel wordt beter.",
                                    door=secretarissen[gemeente])
    services.reflectieronde_sluiten(ronde=eerste, door=manager, datum=datetime.date(2026, 6, 30))
    tweede = services.reflectieronde_openen(periode="2026-H2", door=manager, datum=max(vandaag - datetime.timedelta(days=14), datetime.date(2026, 7, 1)))
    for gemeente in ("Dordrecht", "Zwijndrecht", "Papendrecht", "Hendrik-Ido-Ambacht"):
        scores = {veld: 4 if j % 2 else 3 for j, veld in enumerate(SCORES)}
        services.reflectie_invullen(ronde=tweede, organisatie=secretarissen[gemeente].organisatie, scores=scores,
                                    toelichting="Meer eigenaarschap sinds de coalities.", door=secretarissen[gemeente])


def _escalaties(manager: Gebruiker, secretarissen: dict[str, Gebruiker], vandaag: datetime.date) -> None:
    if Escalatie.objects.exists():
        return
    from coalities.models import Coalitie

    bereikbaarheid = BestuurlijkeTafel.objects.filter(thema__slug="bereikbaarheid").first()
    energie = BestuurlijkeTafel.objects.filter(thema__slug="energietransitie").first()
    coalitie = Coalitie.objects.filter(tafel=bereikbaarheid).order_by("naam").first()
    dagen = datetime.timedelta

    services.escalatie_indienen(
        titel="Stukken voor de tafel komen structureel te laat",
        omschrijving="Drie vergaderingen op rij kwamen de stukken na de deadline; leden konden zich niet voorbereiden.",
        gevraagd="Spreek de programmamanagers aan op de deadline en bewaak die in de ambtelijke regiekamer.",
        sinds=vandaag - dagen(days=60), tafel=bereikbaarheid, door=secretarissen["Papendrecht"], vandaag=vandaag - dagen(days=5))

    lang = services.escalatie_indienen(
        titel="Capaciteit voor de regionale fietsroutes ontbreekt",
        omschrijving="Twee gemeenten leveren de toegezegde uren niet; de planning van de fietsroutes schuift op.",
        gevraagd="Maak afspraken over de inbreng van uren per gemeente.", sinds=vandaag - dagen(days=120),
        tafel=bereikbaarheid, coalitie=coalitie, door=secretarissen["Sliedrecht"], vandaag=vandaag - dagen(weeks=11))
    services.escalatie_opschalen(
        escalatie=lang, naar=Escalatie.Niveau.AMBTELIJK, datum=vandaag - dagen(weeks=9),
        besluit="De ambtelijke regiekamer vraagt de betrokken gemeenten om een voorstel voor de inbreng.",
        eigenaar=secretarissen["Sliedrecht"], volgende_bespreking=vandaag + dagen(days=10), door=manager)

    hoog = services.escalatie_indienen(
        titel="Warmtenet: geen overeenstemming over de verdeling van de kosten",
        omschrijving="De gemeenten aan de energietafel verschillen van mening over de verdeelsleutel van het warmtenet.",
        gevraagd="Een bestuurlijk besluit over de verdeelsleutel.", sinds=vandaag - dagen(days=90), tafel=energie,
        door=secretarissen["Zwijndrecht"], vandaag=vandaag - dagen(weeks=6))
    services.escalatie_opschalen(
        escalatie=hoog, naar=Escalatie.Niveau.AMBTELIJK, datum=vandaag - dagen(weeks=5),
        besluit="Geen ambtelijke oplossing; voorleggen aan de bestuurlijke regiekamer.",
        eigenaar=secretarissen["Zwijndrecht"], volgende_bespreking=vandaag - dagen(weeks=3), door=manager)
    services.escalatie_opschalen(
        escalatie=hoog, naar=Escalatie.Niveau.BESTUURLIJK, datum=vandaag - dagen(weeks=3),
        besluit="De bestuurlijke regiekamer laat twee varianten van de verdeelsleutel uitwerken.",
        eigenaar=manager, volgende_bespreking=vandaag + dagen(days=21), door=manager)

    gesloten = services.escalatie_indienen(
        titel="Onduidelijk wie de woonagenda trekt", omschrijving="Twee gemeenten dachten beide trekker te zijn.",
        gevraagd="Wijs één trekker aan.", sinds=datetime.date(2026, 1, 15), door=secretarissen["Alblasserdam"],
        vandaag=datetime.date(2026, 2, 1))
    services.escalatie_opschalen(
        escalatie=gesloten, naar=Escalatie.Niveau.AMBTELIJK, datum=datetime.date(2026, 2, 10),
        besluit="Papendrecht trekt de woonagenda.", eigenaar=secretarissen["Papendrecht"],
        volgende_bespreking=datetime.date(2026, 3, 10), door=manager)
    services.escalatie_sluiten(escalatie=gesloten, uitkomst="Papendrecht is trekker; de tafel is geïnformeerd.",
                               datum=datetime.date(2026, 3, 10), door=manager)
