"""Work conferences: the demo of February 2020, the page, rotation, harvest and wall, and who may write."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferenties import services
from conferenties.models import Cafetafel, Deelnemer, Muurbericht, Oogst, Plaatsing, Werkconferentie
from drechtsteden.models import Organisatie, Rol
from tests.factories import GebruikerFactory, drechtsteden

pytestmark = pytest.mark.django_db


def _conferentie(deelnemers: int = 7, rondes: int = 3) -> Werkconferentie:
    gemeenten = drechtsteden()
    conferentie = Werkconferentie.objects.create(titel="Werkconferentie", datum=datetime.date(2026, 3, 1), rondes=rondes)
    for nummer in range(1, 5):
        Cafetafel.objects.create(conferentie=conferentie, nummer=nummer, thema=f"Thema {nummer}", stelling=f"Stelling {nummer}")
    for i in range(deelnemers):
        gebruiker = GebruikerFactory(organisatie=gemeenten[i % 7], rollen=[Rol.Soort.BESTUURDER])
        Deelnemer.objects.create(conferentie=conferentie, gebruiker=gebruiker)
    return conferentie


def _organisator():
    return GebruikerFactory(organisatie=Organisatie.objects.get(naam="Dordrecht"), rollen=[Rol.Soort.PROGRAMMAMANAGER])


def test_demo_has_the_february_2020_conference_with_its_four_statements():
    """demo_data adds the conference of 14 February 2020 with its programme, pitches, four statements and
    rotating groups; a second run adds nothing."""
    call_command("demo_data", stdout=io.StringIO())
    conferentie = Werkconferentie.objects.get(datum=datetime.date(2020, 2, 14))
    stellingen = list(conferentie.tafels.order_by("nummer").values_list("stelling", flat=True))
    assert len(stellingen) == 4
    assert stellingen[0].startswith("De gemeentelijke opgaven zijn, o.a. door de 3D's")
    assert "verzwakken stad en regio elkaar" in stellingen[1]
    assert "harmonisatie en uniformiteit" in stellingen[2]
    assert "directere lokale sturing" in stellingen[3]
    assert conferentie.programma.first().titel == "Inloop, ontbijtbuffet"
    assert conferentie.pitches.count() == 7
    assert Plaatsing.objects.filter(deelnemer__conferentie=conferentie).count() == conferentie.deelnemers.count() * 3
    aantallen = (conferentie.programma.count(), Plaatsing.objects.count(), Muurbericht.objects.count())
    call_command("demo_data", stdout=io.StringIO())
    assert (conferentie.programma.count(), Plaatsing.objects.count(), Muurbericht.objects.count()) == aantallen


def test_rotation_three_rounds_every_table_at_most_once():
    """The organiser divides the participants: three rounds, nobody twice at the same table."""
    conferentie = _conferentie()
    plaatsingen = services.indeling_maken(conferentie=conferentie, door=_organisator())
    assert len(plaatsingen) == 7 * 3
    for deelnemer in conferentie.deelnemers.all():
        tafels = list(deelnemer.plaatsingen.values_list("tafel_id", flat=True))
        assert len(tafels) == len(set(tafels)) == 3
    # Again: the earlier rotation is replaced, not added to.
    services.indeling_maken(conferentie=conferentie, door=_organisator())
    assert Plaatsing.objects.count() == 21


def test_more_rounds_than_tables_is_refused():
    conferentie = _conferentie(rondes=5)
    with pytest.raises(ValidationError, match="1 tot en met 4 rondes"):
        services.indeling_maken(conferentie=conferentie, door=_organisator())
    assert not Plaatsing.objects.exists()


def test_only_organisers_divide_and_only_moderators_harvest():
    """A bestuurder cannot divide the groups; a moderator writes the harvest of their own table only."""
    conferentie = _conferentie()
    bestuurder = conferentie.deelnemers.first().gebruiker
    with pytest.raises(PermissionDenied):
        services.indeling_maken(conferentie=conferentie, door=bestuurder)
    tafel1, tafel2 = conferentie.tafels.order_by("nummer")[:2]
    secretaris = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Sliedrecht"), rollen=[Rol.Soort.COORDINEREND_AMBTENAAR])
    tafel1.moderatoren.add(secretaris)
    services.oogst_vastleggen(tafel=tafel1, ronde=2, tekst="Lokale kleuring is belangrijker geworden.", door=secretaris)
    with pytest.raises(PermissionDenied):
        services.oogst_vastleggen(tafel=tafel2, ronde=1, tekst="x", door=secretaris)
    with pytest.raises(ValidationError):
        services.oogst_vastleggen(tafel=tafel1, ronde=4, tekst="x", door=secretaris)
    assert list(Oogst.objects.values_list("ronde", flat=True)) == [2]


def test_page_shows_everything_and_the_wall_takes_notes(client):
    """The page shows programme, statements and groups; a bestuurder writes on the wall; a raadslid cannot."""
    conferentie = _conferentie()
    services.indeling_maken(conferentie=conferentie, door=_organisator())
    bestuurder = conferentie.deelnemers.first().gebruiker
    client.force_login(bestuurder)
    html = client.get(reverse("conferenties:detail", args=[conferentie.pk])).content.decode()
    assert "Stelling 4" in html and "Ronde 3" in html
    antwoord = client.post(reverse("conferenties:muurbericht", args=[conferentie.pk]), {"soort": "wens", "tekst": "Minder vergaderen"})
    assert antwoord.status_code == 302
    assert Muurbericht.objects.get().tekst == "Minder vergaderen"
    antwoord = client.post(reverse("conferenties:muurbericht", args=[conferentie.pk]), {"soort": "roddel", "tekst": "x" * 600})
    assert antwoord.status_code == 200 and Muurbericht.objects.count() == 1
    raadslid = GebruikerFactory(organisatie=Organisatie.objects.get(naam="Alblasserdam"), rollen=[Rol.Soort.RAADSLID])
    client.force_login(raadslid)
    assert client.post(reverse("conferenties:muurbericht", args=[conferentie.pk]), {"soort": "wens", "tekst": "y"}).status_code == 403
    assert client.post(reverse("conferenties:indeling", args=[conferentie.pk])).status_code == 403
    assert Muurbericht.objects.count() == 1


def test_page_query_count_does_not_grow_with_participants(client):
    """7 or 28 participants with their groups and harvest: the same number of queries."""
    conferentie = _conferentie(deelnemers=7)
    organisator = _organisator()
    gemeenten = list(Organisatie.objects.drechtstedengemeenten())
    client.force_login(organisator)

    def tellen():
        services.indeling_maken(conferentie=conferentie, door=organisator)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("conferenties:detail", args=[conferentie.pk])).status_code == 200
        return len(ctx)

    klein = tellen()
    for i in range(21):
        Deelnemer.objects.create(conferentie=conferentie, gebruiker=GebruikerFactory(organisatie=gemeenten[i % 7]))
    for tafel in conferentie.tafels.all():
        services.oogst_vastleggen(tafel=tafel, ronde=1, tekst="Oogst", door=organisator)
    assert tellen() == klein


def test_impression_report_pdf_reads_back_programme_statements_harvest_and_wall():
    """The impression report is built for real with WeasyPrint and read back: programme, the four
    statements, the harvest per round and the wall are in it."""
    import pypdf

    from conferenties import pdfs

    call_command("demo_data", stdout=io.StringIO())
    conferentie = Werkconferentie.objects.get(datum=datetime.date(2020, 2, 14))
    tafel = conferentie.tafels.get(nummer=2)
    services.oogst_vastleggen(tafel=tafel, ronde=3, tekst="Stad en regio versterken elkaar met maatwerk.",
                              door=_organisator())
    deelnemers = list(conferentie.deelnemers.order_by("pk"))
    services.aanwezigheid_vastleggen(conferentie=conferentie, aanwezig=[d.pk for d in deelnemers[1:]], door=_organisator())
    services.verslag_vastleggen(conferentie=conferentie, verslag="Vier tafels, één boodschap: de basis eerst.",
                                door=_organisator())
    parameters = pdfs.parameters({"conferentie": str(conferentie.pk)})
    stappen = []
    data = pdfs.bouwen(parameters, lambda klaar, totaal, onderdeel: stappen.append((klaar, totaal)))
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    tekst = " ".join(tekst.split())
    assert "Impressieverslag: Werkconferentie DS-" in tekst and "vrijdag 14 februari 2020" in tekst
    assert "Inloop, ontbijtbuffet" in tekst
    assert "verzwakken stad en regio elkaar" in tekst
    assert "Ronde 3: Stad en regio versterken elkaar met maatwerk." in tekst
    assert "Goed dat alle zeven colleges vandaag aan tafel zitten." in tekst
    assert f"{len(deelnemers) - 1} van {len(deelnemers)} deelnemers waren aanwezig." in tekst
    assert "Vier tafels, één boodschap: de basis eerst." in tekst
    assert stappen[-1] == (1, 1)
    with pytest.raises(ValidationError):
        pdfs.parameters({"conferentie": "1e999"})
    assert pdfs.bestandsnaam(parameters) == "impressieverslag-werkconferentie-ds-colleges-2020-02-14.pdf"
