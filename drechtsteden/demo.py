"""Demo content of the network core: the real seven gemeenten, neighbours, partners and themes."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Gebruiker, Inwonertal, Organisatie, Rol, Thema

DEMO_WACHTWOORD = "Drechtsteden-demo-2026"
PEILDATUM = datetime.date(2024, 1, 1)
BRON = "Benadering voor de demo; vervang door CBS-cijfers op de peildatum."

GEMEENTEN = [
    # naam, CBS-code, indicative inhabitants
    ("Dordrecht", "GM0505", 121_000),
    ("Zwijndrecht", "GM0642", 45_000),
    ("Papendrecht", "GM0590", 32_500),
    ("Hendrik-Ido-Ambacht", "GM0531", 32_000),
    ("Sliedrecht", "GM0610", 26_000),
    ("Alblasserdam", "GM0482", 20_500),
    ("Hardinxveld-Giessendam", "GM0523", 18_500),
]
AANPALENDE_GEMEENTEN = [
    ("Hoeksche Waard", "GM1963", 89_000),
    ("Molenlanden", "GM1978", 45_500),
    ("Gorinchem", "GM0512", 38_000),
]
PARTNERS = [
    ("Economic Development Board Drechtsteden", Organisatie.Soort.BEDRIJF),
    ("Bouwtafel Drechtsteden", Organisatie.Soort.BEDRIJF),
    ("Da Vinci College", Organisatie.Soort.KENNISINSTELLING),
    ("Hogeschool Rotterdam", Organisatie.Soort.KENNISINSTELLING),
    ("Energietafel Drechtsteden", Organisatie.Soort.MAATSCHAPPELIJKE_ORGANISATIE),
]
THEMAS = [
    ("Economie", "economie", "Vestigingsklimaat, innovatie en de maritieme maakindustrie."),
    ("Wonen en bouwen", "wonen-en-bouwen", "Woningbouwopgave en de regionale woonagenda."),
    ("Bereikbaarheid", "bereikbaarheid", "Regionale fietsroutes, openbaar vervoer en de wegen."),
    ("Energietransitie", "energietransitie", "De regionale energiestrategie en warmtetransitie."),
    ("Arbeidsmarkt en onderwijs", "arbeidsmarkt-en-onderwijs", "Aansluiting van onderwijs op de arbeidsmarkt."),
]
# username, first name, last name, organisation, role, function, portfolio
GEBRUIKERS = [
    ("bestuurder", "Anouk", "de Bruijn", "Zwijndrecht", Rol.Soort.BESTUURDER, Rol.Bestuursfunctie.WETHOUDER, "Bereikbaarheid"),
    ("secretaris", "Marco", "Verhoeven", "Sliedrecht", Rol.Soort.GEMEENTESECRETARIS, "", ""),
    ("manager-sdd", "Ingrid", "Kool", "Dordrecht", Rol.Soort.MANAGER_SDD, "", ""),
    ("programmamanager", "Sander", "Visser", "Dordrecht", Rol.Soort.PROGRAMMAMANAGER, "", ""),
    ("programmamedewerker", "Fatima", "El Amrani", "Papendrecht", Rol.Soort.PROGRAMMAMEDEWERKER, "", ""),
    ("coordinator", "Joost", "van Wijk", "Hendrik-Ido-Ambacht", Rol.Soort.COORDINEREND_AMBTENAAR, "", ""),
    ("raadslid", "Esther", "Mulder", "Alblasserdam", Rol.Soort.RAADSLID, "", ""),
    ("beheerder", "Pieter", "Bakker", "Dordrecht", Rol.Soort.BEHEERDER, "", ""),
]


@transaction.atomic
def load(stdout) -> None:
    for naam, code, inwoners in GEMEENTEN:
        _gemeente(naam, code, inwoners, Organisatie.Soort.DRECHTSTEDENGEMEENTE)
    for naam, code, inwoners in AANPALENDE_GEMEENTEN:
        _gemeente(naam, code, inwoners, Organisatie.Soort.AANPALENDE_GEMEENTE)
    for naam, soort in PARTNERS:
        Organisatie.objects.update_or_create(naam=naam, defaults={"soort": soort, "cbs_code": ""})
    for volgorde, (naam, slug, omschrijving) in enumerate(THEMAS, start=1):
        Thema.objects.update_or_create(slug=slug, defaults={"naam": naam, "omschrijving": omschrijving, "volgorde": volgorde})
    for username, voornaam, achternaam, organisatie, rol, functie, portefeuille in GEBRUIKERS:
        gebruiker, created = Gebruiker.objects.update_or_create(
            username=username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{username}@demo.drechtsteden.nl",
                "organisatie": Organisatie.objects.get(naam=organisatie),
                "is_staff": rol == Rol.Soort.BEHEERDER,
                "is_superuser": rol == Rol.Soort.BEHEERDER,
            },
        )
        demo_wachtwoord_geven(gebruiker, nieuw=created)
        Rol.objects.update_or_create(
            gebruiker=gebruiker, rol=rol, defaults={"bestuursfunctie": functie, "portefeuille": portefeuille}
        )
    stdout.write(f"Netwerk: {Organisatie.objects.count()} organisaties, {Thema.objects.count()} thema's.")


_HASHES: dict[str, str] = {}


def demo_wachtwoord_hash() -> str:
    """The demo password hashed once per process (and per hasher): a PBKDF2 hash takes most of a second,
    and the demo and the scale data give dozens of users the same password."""
    hasher = settings.PASSWORD_HASHERS[0]
    if hasher not in _HASHES:
        _HASHES[hasher] = make_password(DEMO_WACHTWOORD)
    return _HASHES[hasher]


def demo_wachtwoord_geven(gebruiker: Gebruiker, *, nieuw: bool) -> None:
    """Gives a demo user the demo password, unless an existing user has it already."""
    if nieuw or not gebruiker.check_password(DEMO_WACHTWOORD):
        gebruiker.password = demo_wachtwoord_hash()
        gebruiker.save(update_fields=["password"])


def _gemeente(naam: str, code: str, inwoners: int, soort: str) -> None:
    organisatie, _ = Organisatie.objects.update_or_create(naam=naam, defaults={"soort": soort, "cbs_code": code})
    Inwonertal.objects.get_or_create(
        organisatie=organisatie, peildatum=PEILDATUM, defaults={"aantal": inwoners, "indicatief": True, "bron": BRON}
    )


def print_logins(stdout) -> None:
    stdout.write("")
    stdout.write("Demo-inloggegevens (wachtwoord voor iedereen: %s):" % DEMO_WACHTWOORD)
    for username, voornaam, achternaam, organisatie, rol, *_ in GEBRUIKERS:
        stdout.write(f"  {username:<22} {Rol.Soort(rol).label:<34} {organisatie}")
