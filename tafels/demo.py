"""Demo content of the bestuurlijke tafels: one table per seed theme, members, meetings and papers.

Idempotent: tables and memberships are updated in place; meetings are only created for a table that
has none yet, so a second run adds nothing.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from drechtsteden.demo import demo_wachtwoord_geven
from drechtsteden.models import Gebruiker, Organisatie, Rol, Thema
from drechtsteden.permissions import systeem

from . import services
from .models import Agendapunt, BestuurlijkeTafel, Lidmaatschap, Processtap, Vergadering

# gemeente, username, first name, last name, function, portfolio
BESTUURDERS = [
    ("Dordrecht", "bestuurder-dordrecht", "Maarten", "van der Linden", Rol.Bestuursfunctie.WETHOUDER, "Economie"),
    ("Zwijndrecht", "bestuurder-zwijndrecht", "Hans", "Groeneveld", Rol.Bestuursfunctie.BURGEMEESTER, "Openbare orde"),
    ("Papendrecht", "bestuurder-papendrecht", "Linda", "Hoogendoorn", Rol.Bestuursfunctie.WETHOUDER, "Wonen"),
    ("Hendrik-Ido-Ambacht", "bestuurder-hendrik-ido-ambacht", "Robert", "Kraaijeveld", Rol.Bestuursfunctie.WETHOUDER, "Onderwijs en werk"),
    ("Sliedrecht", "bestuurder-sliedrecht", "Karin", "Baars", Rol.Bestuursfunctie.WETHOUDER, "Duurzaamheid"),
    ("Alblasserdam", "bestuurder-alblasserdam", "Erik", "Smit", Rol.Bestuursfunctie.WETHOUDER, "Mobiliteit"),
    ("Hardinxveld-Giessendam", "bestuurder-hardinxveld-giessendam", "Petra", "de Vries", Rol.Bestuursfunctie.WETHOUDER, "Ruimte"),
    ("Hoeksche Waard", "bestuurder-hoeksche-waard", "Jan", "Boender", Rol.Bestuursfunctie.WETHOUDER, "Verkeer"),
    ("Molenlanden", "bestuurder-molenlanden", "Anja", "Verheul", Rol.Bestuursfunctie.WETHOUDER, "Infrastructuur"),
]

# theme slug, scope, chair's username, ambition
TAFELS = [
    ("economie", "Vestigingsklimaat, innovatie en de maritieme maakindustrie in de Drechtsteden.", "bestuurder-dordrecht",
     "De Drechtsteden zijn in 2030 de maritieme maakregio van Nederland, met ruimte voor innovatieve bedrijven."),
    ("wonen-en-bouwen", "De regionale woonagenda en de gezamenlijke woningbouwopgave.", "bestuurder-papendrecht",
     "Samen bouwen we tot 2030 de afgesproken woningen, met een eerlijke verdeling van sociale huur."),
    ("bereikbaarheid", "Regionale fietsroutes, openbaar vervoer over water en weg, en de wegen tussen de gemeenten.", "bestuurder",
     "Elke inwoner bereikt in 2030 binnen 30 minuten met fiets of openbaar vervoer werk, school en zorg."),
    ("energietransitie", "De regionale energiestrategie (RES) en de warmtetransitie.", "bestuurder-sliedrecht",
     "De regio wekt in 2030 de in de RES afgesproken duurzame energie op en heeft een regionaal warmtenet."),
    ("arbeidsmarkt-en-onderwijs", "Aansluiting van onderwijs op de arbeidsmarkt, met de techniek voorop.", "bestuurder-hendrik-ido-ambacht",
     "Elke jongere in de Drechtsteden vindt een passende opleiding en baan in de regio."),
]

AFMELDING = (
    "energietransitie",
    "Hardinxveld-Giessendam",
    "Hardinxveld-Giessendam werkt voor de warmtetransitie samen met de gemeenten in de Alblasserwaard en neemt "
    "daarom openlijk niet deel aan deze tafel; de gemeente blijft geïnformeerd.",
)
PARTNERS_BEREIKBAARHEID = ["Hoeksche Waard", "Molenlanden"]

# (title, process step, kind, minutes) for the last and the next meeting
AGENDA_GEHOUDEN = [
    ("Inspiratie: wat levert samenwerken de inwoner op?", Processtap.VERBINDING, Agendapunt.Soort.BESPREKING, 20,
     "Een korte presentatie van een geslaagd regionaal project, daarna een open gesprek."),
    ("Gezamenlijke ambitie", Processtap.AMBITIE_BEPALEN, Agendapunt.Soort.BESLUITVORMING, 30,
     "Voorstel voor de gezamenlijke ambitie van de tafel tot 2030."),
    ("Projectvoorstellen binnen het thema", Processtap.PROJECTEN_DEFINIEREN, Agendapunt.Soort.BESPREKING, 30,
     "Welke projecten dragen het meest bij aan de ambitie? Het programmateam doet een eerste voorstel."),
    ("Kleur bekennen: wie doet mee aan welk project?", Processtap.BELANGEN_COMMITMENT, Agendapunt.Soort.BESPREKING, 30,
     "Het belangen- en commitmentgesprek: per gemeente de eigen belangen en de bereidheid om mee te doen."),
]
AGENDA_VOLGENDE = [
    ("Coalities per project vormen", Processtap.COALITIES_VORMEN, Agendapunt.Soort.BESLUITVORMING, 30,
     "Voorstel: de tafel stemt in met de vorming van coalities per project, zoals in de sorteerbak is voorbereid. "
     "Per project is een trekker aangewezen; de gemeenten kiezen hun deelnamevariant vóór de volgende vergadering."),
    ("Voortgang portfolio", Processtap.VOORTGANG, Agendapunt.Soort.INFORMATIE, 20,
     "De halfjaarlijkse voortgangsrapportage van het portfolio: wat is bereikt, wat vraagt aandacht."),
    ("Knelpunten signaleren", Processtap.KNELPUNTEN, Agendapunt.Soort.BESPREKING, 20,
     "Knelpunten die projecten niet zelf kunnen oplossen, met een voorstel wie ze oppakt."),
]
# The agenda pack of this table's next meeting gets realistic papers of a few pages each.
PAKKET_TAFEL = "bereikbaarheid"
PAKKET_STUKKEN = [
    (0, "Voorstel coalitievorming", 3),
    (0, "Sorteerbak per project", 2),
    (1, "Voortgangsrapportage portfolio", 4),
    (2, "Knelpuntenanalyse", 2),
]


def demo_pdf(titel: str) -> bytes:
    """A small valid one-page PDF with a title line; no external tools needed."""
    tekst = titel.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    inhoud = b"BT /F1 14 Tf 50 780 Td (" + tekst + b") Tj ET"
    objecten = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length " + str(len(inhoud)).encode() + b">>stream\n" + inhoud + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    posities = []
    for nummer, obj in enumerate(objecten, start=1):
        posities.append(len(pdf))
        pdf += b"%d 0 obj\n" % nummer + obj + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    for positie in posities:
        pdf += b"%010d 00000 n \n" % positie
    pdf += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objecten) + 1, xref)
    return bytes(pdf)


def _bestuurders() -> dict[str, Gebruiker]:
    for gemeente, username, voornaam, achternaam, functie, portefeuille in BESTUURDERS:
        gebruiker, created = Gebruiker.objects.update_or_create(
            username=username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{username}@demo.drechtsteden.nl",
                "organisatie": Organisatie.objects.get(naam=gemeente),
            },
        )
        demo_wachtwoord_geven(gebruiker, nieuw=created)
        Rol.objects.update_or_create(
            gebruiker=gebruiker, rol=Rol.Soort.BESTUURDER, defaults={"bestuursfunctie": functie, "portefeuille": portefeuille}
        )
    per_organisatie = {}
    for gebruiker in Gebruiker.objects.filter(rollen__rol=Rol.Soort.BESTUURDER).select_related("organisatie").order_by("username"):
        per_organisatie.setdefault(gebruiker.organisatie_id, gebruiker)
    # The existing demo bestuurder of Zwijndrecht holds bereikbaarheid: she represents Zwijndrecht there.
    return per_organisatie


@transaction.atomic
def load(stdout) -> None:
    secretaris = Gebruiker.objects.get(username="programmamanager")
    portaal = systeem()  # the portal sets up the tables and their members; the secretary runs the meetings
    bestuurders = _bestuurders()
    zwijndrecht_bereikbaarheid = Gebruiker.objects.get(username="bestuurder")
    vandaag = timezone.localdate()
    for volgnummer, (slug, scope, voorzitter_naam, ambitie) in enumerate(TAFELS):
        thema = Thema.objects.get(slug=slug)
        naam = f"Bestuurlijke tafel {thema.naam}"
        voorzitter = Gebruiker.objects.get(username=voorzitter_naam)
        tafel = BestuurlijkeTafel.objects.filter(naam=naam).first()
        if tafel is None:
            tafel = services.tafel_create(
                thema=thema, naam=naam, scope=scope, voorzitter=voorzitter, secretaris=secretaris,
                datum=datetime.date(2024, 9, 1), door=portaal,
            )
        else:
            BestuurlijkeTafel.objects.filter(pk=tafel.pk).update(scope=scope, voorzitter=voorzitter, secretaris=secretaris)
            tafel.refresh_from_db()
        if slug == AFMELDING[0]:
            lid = tafel.lidmaatschappen.get(organisatie__naam=AFMELDING[1])
            if lid.status != Lidmaatschap.Status.AFGEMELD:
                services.lidmaatschap_afmelden(lidmaatschap=lid, reden=AFMELDING[2], datum=datetime.date(2025, 1, 20),
                                               door=portaal)
        if slug == "bereikbaarheid":
            for buur in PARTNERS_BEREIKBAARHEID:
                organisatie = Organisatie.objects.get(naam=buur)
                if not tafel.lidmaatschappen.filter(organisatie=organisatie).exists():
                    services.partner_toelaten(
                        tafel=tafel, organisatie=organisatie, datum=datetime.date(2025, 3, 13),
                        besluit_referentie="Besluit 3 van de vergadering van 13 maart 2025: "
                        "Hoeksche Waard en Molenlanden haken aan binnen het thema bereikbaarheid.",
                        door=portaal,
                    )
        for lid in tafel.lidmaatschappen.select_related("organisatie"):
            vertegenwoordiger = bestuurders.get(lid.organisatie_id)
            if slug == "bereikbaarheid" and lid.organisatie.naam == "Zwijndrecht":
                vertegenwoordiger = zwijndrecht_bereikbaarheid
            if vertegenwoordiger and lid.vertegenwoordiger_id != vertegenwoordiger.pk:
                services.lidmaatschap_vertegenwoordiger_instellen(
                    lidmaatschap=lid, vertegenwoordiger=vertegenwoordiger, door=portaal
                )
        if not tafel.ambities.exists():
            services.ambitie_vaststellen(
                tafel=tafel, tekst=ambitie, vastgesteld_op=datetime.date(2025, 3, 13), door=portaal,
            )
        if not tafel.vergaderingen.exists():
            # Tables meet on different days: one a week, starting next week.
            _vergaderingen(tafel, secretaris, vandaag + datetime.timedelta(days=7 * volgnummer))
    stdout.write(
        f"Tafels: {BestuurlijkeTafel.objects.thematafels().count()} tafels, "
        f"{Vergadering.objects.filter(tafel__soort=BestuurlijkeTafel.Soort.THEMATAFEL).count()} vergaderingen; "
        f"bestuurders per gemeente: {', '.join(b[1] for b in BESTUURDERS)}."
    )


def werkdag(datum: datetime.date) -> datetime.date:
    """The date itself on a weekday, else the Monday after: tables do not meet at the weekend."""
    return datum + datetime.timedelta(days=max(0, 7 - datum.weekday()) if datum.weekday() >= 5 else 0)


def _vergaderingen(tafel: BestuurlijkeTafel, secretaris: Gebruiker, vandaag: datetime.date) -> None:
    tz = timezone.get_current_timezone()
    gehouden_op = datetime.datetime.combine(werkdag(vandaag - datetime.timedelta(days=56)), datetime.time(15, 0), tzinfo=tz)
    volgende_op = datetime.datetime.combine(werkdag(vandaag + datetime.timedelta(days=8)), datetime.time(15, 0), tzinfo=tz)
    plaats = "Stadskantoor Dordrecht, Spuiboulevard 300"

    # The last meeting: held, with papers, decisions, actions and attendance.
    gehouden = services.vergadering_create(tafel=tafel, begint_om=gehouden_op, plaats=plaats, door=secretaris)
    punten = []
    for titel, stap, soort, minuten, toelichting in AGENDA_GEHOUDEN:
        punten.append(services.agendapunt_create(
            vergadering=gehouden, titel=titel, processtap=stap, soort=soort, minuten=minuten, door=secretaris,
            toelichting=toelichting,
        ))
    op_tijd = gehouden_op - datetime.timedelta(days=tafel.deadline_stukken_dagen + 4)
    _stuk(punten[1], f"Notitie ambitie {tafel.thema.naam}", secretaris, op_tijd)
    _stuk(punten[2], "Overzicht projectvoorstellen", secretaris, op_tijd)
    _stuk(punten[3], "Sorteerbak: wie doet mee?", secretaris, gehouden_op - datetime.timedelta(days=3))  # late
    for status in Vergadering.VOLGORDE[1:4]:
        services.vergadering_status_verder(vergadering=gehouden, naar=status, door=secretaris)
    services.besluit_vastleggen(agendapunt=punten[1], tekst=f"De tafel stelt de gezamenlijke ambitie voor {tafel.thema.naam.lower()} vast.",
                                door=secretaris)
    services.besluit_vastleggen(agendapunt=punten[2], tekst="De projectvoorstellen worden uitgewerkt tot projectplannen met trekker en beoogd resultaat.",
                                door=secretaris)
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    services.actiepunt_create(
        agendapunt=punten[2], omschrijving="Projectplannen opstellen met trekker, resultaat en planning.",
        eigenaar_persoon=secretaris, deadline=vandaag + datetime.timedelta(days=21), door=secretaris,
    )
    services.actiepunt_create(
        agendapunt=punten[3],
        omschrijving="Eerste keuze per project in de sorteerbak voorbereiden voor het commitmentgesprek.",
        eigenaar_organisatie=Organisatie.objects.get(naam="Sliedrecht"), deadline=vandaag + datetime.timedelta(days=7),
        door=secretaris,
    )
    gereed = services.actiepunt_create(
        agendapunt=punten[0], omschrijving="Inspiratiesessie voor de raden organiseren.",
        eigenaar_organisatie=dordrecht, deadline=vandaag - datetime.timedelta(days=14), door=secretaris,
    )
    services.actiepunt_status_wijzigen(actiepunt=gereed, status="gereed", door=secretaris)
    # One action left open past its deadline, so the dashboards show what they are for.
    services.actiepunt_create(
        agendapunt=punten[0], omschrijving="Contactpersonen per gemeente doorgeven aan het programmateam.",
        eigenaar_organisatie=dordrecht, deadline=vandaag - datetime.timedelta(days=5), door=secretaris,
    )
    for index, lid in enumerate(tafel.lidmaatschappen.filter(status__in=Lidmaatschap.AAN_TAFEL).select_related("organisatie")):
        status = "afwezig_met_bericht" if index == 2 else "aanwezig"
        services.aanwezigheid_registreren(
            vergadering=gehouden, organisatie=lid.organisatie, status=status, door=secretaris,
        )
    services.vergadering_status_verder(
        vergadering=gehouden, naar=Vergadering.Status.BESLUITENLIJST_VASTGESTELD, door=secretaris,
    )

    # The next meeting: agenda in preparation, one paper already in; open actions carry over.
    volgende = services.vergadering_create(tafel=tafel, begint_om=volgende_op, plaats=plaats, door=secretaris)
    nieuwe = [
        services.agendapunt_create(
            vergadering=volgende, titel=titel, processtap=stap, soort=soort, minuten=minuten, toelichting=toelichting,
            door=secretaris,
        )
        for titel, stap, soort, minuten, toelichting in AGENDA_VOLGENDE
    ]
    if tafel.thema.slug == PAKKET_TAFEL:
        for index, titel, paginas in PAKKET_STUKKEN:
            _stuk(nieuwe[index], titel, secretaris, volgende_op - datetime.timedelta(days=12), paginas=paginas)
    else:
        _stuk(nieuwe[1], "Voortgangsrapportage portfolio", secretaris, volgende_op - datetime.timedelta(days=12))
    if tafel.thema.slug == "bereikbaarheid":
        services.urgentietoets_vastleggen(
            vergadering=volgende, titel="Tijdelijke sluiting Drechttunnel: gevolgen voor de regio",
            past_binnen_scope=True, capaciteit_beschikbaar=True, urgent_gevoeld=True, minuten=20, door=secretaris,
        )
        services.urgentietoets_vastleggen(
            vergadering=volgende, titel="Nieuwe parkeerregeling binnenstad Dordrecht",
            past_binnen_scope=False, capaciteit_beschikbaar=True, urgent_gevoeld=False, door=secretaris,
        )
        services.vergadering_status_verder(
            vergadering=volgende, naar=Vergadering.Status.AGENDA_VASTGESTELD, door=secretaris,
        )


def demo_stuk_pdf(titel: str, paginas: int, *, kenmerk: str = "") -> bytes:
    """A document of a few A4 pages, as a secretary would upload it, rendered with WeasyPrint."""
    from django.utils.html import escape

    from documenten.pdf import html_naar_pdf

    alinea = (
        "De gemeenten in de Drechtsteden werken samen aan de bereikbaarheid van de regio. Deze notitie vat de "
        "stand van zaken samen, benoemt de keuzes die voorliggen en doet een voorstel voor de volgende stap. "
    ) * 3
    delen = []
    for n in range(1, paginas + 1):
        delen.append(
            f'<section><p class="kop">{escape(titel)}{escape(kenmerk)}</p><h1>{escape(titel)}</h1>'
            f"<h2>Paragraaf {n}</h2><p>{alinea}</p><p>{alinea}</p>"
            f'<p class="voet">{escape(titel)} – blad {n} van {paginas}</p></section>'
        )
    css = (
        "@page { size: A4; margin: 25mm 25mm 30mm; } body { font-family: 'DejaVu Serif', serif; font-size: 11pt; }"
        "section { break-after: page; } section:last-child { break-after: auto; } h1 { font-size: 16pt; color: #333; }"
        ".kop { font-size: 8pt; color: #777; border-bottom: 0.5pt solid #999; } .voet { margin-top: 20mm; font-size: 8pt; color: #777; }"
    )
    return html_naar_pdf(f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{escape(titel)}</title>'
                         f"<style>{css}</style></head><body>{''.join(delen)}</body></html>")


def _stuk(punt: Agendapunt, titel: str, door: Gebruiker, moment: datetime.datetime, *, paginas: int = 0) -> None:
    inhoud = demo_stuk_pdf(titel, paginas) if paginas else demo_pdf(titel)
    bestand = SimpleUploadedFile(f"{titel.lower().replace(' ', '-').replace(':', '').replace('?', '')}.pdf", inhoud)
    services.stuk_uploaden(agendapunt=punt, bestand=bestand, titel=titel, door=door, moment=moment)
