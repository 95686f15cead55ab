"""Raadsinformatie per gemeente: its content, its money to the cent, who may read it, and the PDF itself."""

import datetime
import http.server
import io
import json
import re
import subprocess
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from coalities.models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging
from drechtsteden.models import Organisatie, Rol
from financiering.verdeling import bedrag_nl
from portaal import pdfs, selectors
from portaal.permissions import mag_raadsinformatie_zien
from tafels import services as tafel_services
from tafels.models import Lidmaatschap
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory
from tests.factories import GebruikerFactory, PartnerFactory, ThemaFactory
from tests.financiering.factories import ProjectBudgetFactory, voorbeeld_netwerk
from tests.tafels.factories import secretaris_van, tafel_met_leden

pytestmark = pytest.mark.django_db

AFMELDREDEN = "Wij werken voor dit thema samen met de Alblasserwaard."


@pytest.fixture
def netwerk():
    """The issue's example network, with two tables (Zwijndrecht left one) and Dordrecht's results."""
    netwerk = voorbeeld_netwerk()
    org = netwerk.gemeenten
    netwerk.tafel = tafel_met_leden(naam="Tafel Bereikbaarheid")
    netwerk.energie = tafel_met_leden(naam="Tafel Energietransitie", thema=ThemaFactory(naam="Energie", slug="energie"))
    tafel_services.lidmaatschap_afmelden(
        lidmaatschap=netwerk.energie.lidmaatschappen.get(organisatie=org["Zwijndrecht"]),
        reden=AFMELDREDEN, datum=datetime.date(2025, 3, 1),
        door=secretaris_van(netwerk.energie),
    )
    fietsroute = netwerk.fietsroute
    fietsroute.tafel = netwerk.tafel
    fietsroute.beoogd_resultaat = "Een doorfietsroute van Dordrecht naar Sliedrecht."
    fietsroute.save()
    deelname = Deelname.objects.get(coalitie=fietsroute, organisatie=org["Dordrecht"])
    toezegging = ToezeggingFactory(deelname=deelname, soort=Toezegging.Soort.MENSKRACHT, hoeveelheid=Decimal("400"),
                                   eenheid=Toezegging.Eenheid.UREN, omschrijving="Verkeerskundige")
    Realisatie.objects.create(toezegging=toezegging, jaar=2026, hoeveelheid=Decimal("120"))
    ResultaatEnLes.objects.create(coalitie=fietsroute, soort=ResultaatEnLes.Soort.LES, titel="Grondaankoop kost tijd",
                                  tekst="Begin vroeg met de grondeigenaren.", datum=datetime.date(2026, 2, 1))
    ResultaatEnLes.objects.create(coalitie=fietsroute, soort=ResultaatEnLes.Soort.RESULTAAT, titel="Tracé vastgesteld",
                                  tekst="Alle raden stemden in.", datum=datetime.date(2026, 3, 1))
    return netwerk


def _gebruiker(netwerk, rol, gemeente="Dordrecht"):
    return GebruikerFactory(organisatie=netwerk.gemeenten[gemeente], rollen=[rol])


def _tekst(pdf: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it, with runs of white space made single spaces."""
    pad = tmp_path / "raadsinformatie.pdf"
    pad.write_bytes(pdf)
    tekst = subprocess.run(["pdftotext", str(pad), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", tekst)


def _gedrukt(bedrag: Decimal) -> str:
    """An amount as the PDF's text reads it: pdftotext gives the no-break space after "€" as a space."""
    return bedrag_nl(bedrag).replace("\u00a0", " ")


def _verdeling(jaar: int, naam: str) -> dict:
    uit = io.StringIO()
    call_command("verdeling", "--jaar", str(jaar), "--organisatie", naam, "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())["organisaties"][naam]


def _pdf(netwerk, naam="Dordrecht", jaar=2026) -> bytes:
    info = selectors.raadsinformatie(organisatie=netwerk.gemeenten[naam], jaar=jaar)
    return pdfs.raadsinformatie_pdf(info)


# --- The document ---------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["Dordrecht", "Sliedrecht", "Papendrecht", "Zwijndrecht"])
def test_totals_equal_the_verdeling_command(netwerk, naam, tmp_path):
    """Every amount of `verdeling --jaar 2026 --organisatie NAAM` is in the PDF, to the cent, per variant."""
    tekst = _tekst(_pdf(netwerk, naam), tmp_path)
    cijfers = _verdeling(2026, naam)
    bedragen = [cijfers["component_1"], cijfers["component_2"], cijfers["component_3"]["totaal"], cijfers["totaal"]]
    bedragen += [b for b in cijfers["component_3"]["per_coalitie"].values() if Decimal(b)]
    for bedrag in bedragen:
        assert _gedrukt(Decimal(bedrag)) in tekst, (naam, bedrag)
    assert f"{naam} draagt in 2026 {_gedrukt(Decimal(cijfers['totaal']))} bij" in tekst


def test_amounts_equal_the_financing_screen(client, netwerk, tmp_path):
    """The multi-year amounts of the financing page of the gemeente are the PDF's, year by year."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(_gebruiker(netwerk, Rol.Soort.BESTUURDER))
    html = client.get(reverse("financiering:organisatie", args=[dordrecht.pk])).content.decode()
    info = selectors.raadsinformatie(organisatie=dordrecht, jaar=2026)
    tekst = _tekst(pdfs.raadsinformatie_pdf(info), tmp_path)
    for jaar in info.financiering:
        b = jaar.bijdrage
        for bedrag in (b.component_1, b.component_2, b.component_3, b.totaal):
            assert _gedrukt(bedrag) in tekst
            assert bedrag_nl(bedrag) in html


def test_names_every_table_and_coalition_with_reasons(netwerk, tmp_path):
    """Tables it sits at and left (with the reason), each coalition by variant, commitments, results and lessons."""
    tekst = _tekst(_pdf(netwerk, "Zwijndrecht"), tmp_path)
    assert "Tafel Bereikbaarheid" in tekst and "Tafel Energietransitie" in tekst
    assert "Afgemeld" in tekst and AFMELDREDEN in tekst
    assert "Geen deelname (1)" in tekst and "Fietsroute" in tekst

    tekst = _tekst(_pdf(netwerk, "Dordrecht"), tmp_path)
    assert "Volledige participatie (1)" in tekst
    assert "Verkeerskundige" in tekst and "400 uur per jaar" in tekst and "120" in tekst
    assert "Grondaankoop kost tijd" in tekst and "Tracé vastgesteld" in tekst
    assert "Een doorfietsroute van Dordrecht naar Sliedrecht." in tekst

    tekst = _tekst(_pdf(netwerk, "Sliedrecht"), tmp_path)
    assert "Solidariteit (1)" in tekst and "Solidariteitsbijdrage: € 5.000,00 per jaar." in tekst
    tekst = _tekst(_pdf(netwerk, "Papendrecht"), tmp_path)
    assert "Instapmodel (1)" in tekst and "instapfee € 2.500,00" in tekst


def test_pages_language_title_and_page_numbers(netwerk, tmp_path):
    """A4 pages, lang nl, title metadata, tagged, and "pagina Y van Y" on the last page."""
    pdf = _pdf(netwerk)
    reader = PdfReader(io.BytesIO(pdf))
    aantal = len(reader.pages)
    assert aantal >= 2
    assert reader.metadata.title == "Raadsinformatie Dordrecht 2026"
    assert reader.metadata.author == "Samenwerking Drechtsteden"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    laatste = re.sub(r"\s+", " ", reader.pages[-1].extract_text())
    assert f"pagina {aantal} van {aantal}" in laatste
    assert "pagina 1 van" in re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert abs(float(reader.pages[0].mediabox.width) - 595.28) < 1
    # The NL Design System typeface is embedded, not a fallback.
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "Noto" in fonts or "PDF" in fonts


def test_user_text_is_escaped_and_nothing_is_fetched(netwerk, tmp_path):
    """User text with <img src="http://…"> and file:///etc/passwd is printed as text; no request leaves."""
    verzoeken = []

    class Teller(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            verzoeken.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Teller)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    adres = f"http://127.0.0.1:{server.server_port}/lek.png"
    try:
        netwerk.fietsroute.beoogd_resultaat = f'<img src="{adres}"><img src="file:///etc/passwd"> Klaar.'
        netwerk.fietsroute.save()
        tekst = _tekst(_pdf(netwerk), tmp_path)
        # And a template with the same markup unescaped: the fetcher refuses both.
        pdfs.html_naar_pdf(f'<p>x</p><img src="{adres}"><img src="file:///etc/passwd">'
                           f'<link rel="stylesheet" href="{adres}">')
    finally:
        server.shutdown()
    assert verzoeken == []
    assert '<img src="file:///etc/passwd">' in tekst
    assert "root:" not in tekst


def test_fetcher_serves_the_stylesheet_and_font_only_from_static():
    """The PDF's stylesheet and typeface come through the safe fetcher; other URLs are refused."""
    from documenten.pdf import GeweigerdeURL, VeiligeFetcher

    fetcher = VeiligeFetcher()
    assert b"@page" in fetcher.fetch(pdfs.STATIC_BASIS + "css/portaal-pdf.css").read()
    assert fetcher.fetch(pdfs.STATIC_BASIS + "fonts/noto-sans/noto-sans-latin-wght-normal.woff2").read()[:4] == b"wOF2"
    for url in ("http://example.com/x.css", "file:///etc/passwd", pdfs.STATIC_BASIS + "../../etc/passwd"):
        with pytest.raises(GeweigerdeURL):
            fetcher.fetch(url)


def test_selector_query_count_is_fixed(netwerk):
    """The selector does the same number of queries with one coalition or many, one table or several."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    with CaptureQueriesContext(connection) as klein:
        selectors.raadsinformatie(organisatie=dordrecht, jaar=2026)
    for n in range(4):
        coalitie = CoalitieFactory(naam=f"Extra {n}", trekker=dordrecht, tafel=netwerk.tafel)
        ProjectBudgetFactory(coalitie=coalitie, jaar=2026)
        deelname = DeelnameFactory(coalitie=coalitie, organisatie=dordrecht, variant=Deelname.Variant.VOLLEDIG)
        toezegging = ToezeggingFactory(deelname=deelname)
        Realisatie.objects.create(toezegging=toezegging, jaar=2026, hoeveelheid=Decimal("10"))
        ResultaatEnLes.objects.create(coalitie=coalitie, soort="les", titel=f"Les {n}", tekst="x", datum=datetime.date(2026, 1, 1))
        tafel_met_leden(naam=f"Extra tafel {n}")
    with CaptureQueriesContext(connection) as groot:
        info = selectors.raadsinformatie(organisatie=dordrecht, jaar=2026)
    assert len(info.coalities) == 5
    assert len(groot) == len(klein) <= 17  # the stamp of the stored financing years, and computing them (with the joins and leaves)


# --- Who may read it ------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.Soort.GEMEENTESECRETARIS, Rol.Soort.BESTUURDER, Rol.Soort.RAADSLID])
def test_own_college_and_council_download_the_pdf(client, netwerk, rol):
    """The gemeente's own secretaris, bestuurder and raadslid get the page and the PDF."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(_gebruiker(netwerk, rol))
    pagina = client.get(reverse("raadsinformatie", args=[dordrecht.pk]))
    assert pagina.status_code == 200
    response = client.get(reverse("raadsinformatie_pdf", args=[dordrecht.pk]) + "?jaar=2026")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="raadsinformatie-dordrecht-2026.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def _aantallen() -> tuple:
    return (Organisatie.objects.count(), Lidmaatschap.objects.count(), Coalitie.objects.count(),
            Deelname.objects.count(), Toezegging.objects.count())


@pytest.mark.parametrize("rol, gemeente", [
    (Rol.Soort.RAADSLID, "Sliedrecht"),             # another gemeente's council
    (Rol.Soort.BESTUURDER, "Zwijndrecht"),          # another gemeente's college
    (Rol.Soort.PROGRAMMAMEDEWERKER, "Dordrecht"),   # own gemeente, not college or council
    (Rol.Soort.MANAGER_SDD, "Dordrecht"),
])
def test_others_get_403_and_nothing_changes(client, netwerk, rol, gemeente):
    """Anyone but the gemeente's own secretaris, bestuurders and raadsleden gets 403; nothing is saved."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(_gebruiker(netwerk, rol, gemeente))
    voor = _aantallen()
    assert client.get(reverse("raadsinformatie", args=[dordrecht.pk])).status_code == 403
    assert client.get(reverse("raadsinformatie_pdf", args=[dordrecht.pk]) + "?jaar=2026").status_code == 403
    assert _aantallen() == voor


def test_partner_unknown_and_bad_year_are_404(client, netwerk):
    """A partner is no gemeente, an unknown id does not exist, a year outside 2000–2100 is unknown: 404."""
    beheerder = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    client.force_login(beheerder)
    partner = PartnerFactory()
    assert client.get(reverse("raadsinformatie", args=[partner.pk])).status_code == 404
    assert client.get(reverse("raadsinformatie_pdf", args=[999_999])).status_code == 404
    url = reverse("raadsinformatie_pdf", args=[netwerk.gemeenten["Dordrecht"].pk])
    for jaar in ("1999", "2101", "abc", "-1", "２０２６"):
        assert client.get(url, {"jaar": jaar}).status_code == 404, jaar


def test_link_on_financing_and_coalition_pages_only_for_those_who_may(client, netwerk):
    """The gemeente's financing and coalition pages link to the raadsinformatie for its own college only."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    link = reverse("raadsinformatie", args=[dordrecht.pk])
    for naam in ("financiering:organisatie", "coalities:organisatie"):
        client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
        assert link in client.get(reverse(naam, args=[dordrecht.pk])).content.decode()
        client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID, "Sliedrecht"))
        assert link not in client.get(reverse(naam, args=[dordrecht.pk])).content.decode()


def test_permission_function(netwerk):
    """Pure over roles and organisation: own secretaris, bestuurder, raadslid and beheerders; gemeenten only."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    assert mag_raadsinformatie_zien(_gebruiker(netwerk, Rol.Soort.GEMEENTESECRETARIS), dordrecht)
    assert not mag_raadsinformatie_zien(_gebruiker(netwerk, Rol.Soort.COORDINEREND_AMBTENAAR), dordrecht)
    beheerder = GebruikerFactory(organisatie=netwerk.gorinchem, rollen=[Rol.Soort.BEHEERDER])
    assert mag_raadsinformatie_zien(beheerder, dordrecht)
    assert not mag_raadsinformatie_zien(beheerder, PartnerFactory())


def test_decisions_of_the_tables_where_the_gemeente_takes_part(netwerk, client):
    """The raadsinformatie lists the adopted decisions of this year of the tables where the gemeente takes part;
    not those of a table it opted out of, nor of a meeting whose decision list is not adopted yet."""
    from tafels.models import Vergadering
    from tests.tafels.factories import agendapunt

    def besloten(tafel, titel, tekst, vaststellen=True):
        v = tafel_services.vergadering_create(
            tafel=tafel, begint_om=datetime.datetime(2026, 3, 10, 15, tzinfo=datetime.UTC), plaats="Stadskantoor",
            door=tafel.secretaris,
        )
        punt = agendapunt(v, titel=titel)
        stappen = ["agenda_vastgesteld", "stukken_verzonden", "gehouden"]
        for stap in stappen:
            tafel_services.vergadering_status_verder(vergadering=v, naar=stap, door=tafel.secretaris)
        tafel_services.besluit_vastleggen(agendapunt=punt, tekst=tekst, door=tafel.secretaris)
        if vaststellen:
            tafel_services.vergadering_status_verder(
                vergadering=v, naar=Vergadering.Status.BESLUITENLIJST_VASTGESTELD, door=tafel.secretaris
            )

    besloten(netwerk.energie, "Warmtevisie", "De tafel stelt de regionale warmtevisie vast.")
    besloten(netwerk.tafel, "Fietsroutes", "Nog niet vastgesteld besluit.", vaststellen=False)

    dordrecht = selectors.raadsinformatie(organisatie=netwerk.gemeenten["Dordrecht"], jaar=2026)
    assert [b.tekst for b in dordrecht.besluiten] == ["De tafel stelt de regionale warmtevisie vast."]
    zwijndrecht = selectors.raadsinformatie(organisatie=netwerk.gemeenten["Zwijndrecht"], jaar=2026)
    assert zwijndrecht.besluiten == []  # Zwijndrecht opted out of the energy table
    assert selectors.raadsinformatie(organisatie=netwerk.gemeenten["Dordrecht"], jaar=2027).besluiten == []

    client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
    html = client.get(reverse("raadsinformatie", args=[netwerk.gemeenten["Dordrecht"].pk]) + "?jaar=2026").content.decode()
    assert "6. Besluiten van de tafels in 2026" in html and "De tafel stelt de regionale warmtevisie vast." in html
    assert "Nog niet vastgesteld besluit." not in html


def _bedrag(tekst: str) -> Decimal:
    return Decimal(tekst.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("naam", ["Dordrecht", "Sliedrecht", "Papendrecht"])
def test_pdf_explains_the_amount_and_the_figures_add_up(netwerk, naam):
    """"Hoe is het bedrag berekend?" in the PDF, read back with pypdf: each block's parts add up to its
    subtotal, the subtotals to the year's total, and that total is the `verdeling` command's."""
    reader = PdfReader(io.BytesIO(_pdf(netwerk, naam)))
    tekst = "\n".join(pagina.extract_text() for pagina in reader.pages)
    begin = tekst.index("Hoe is het bedrag van 2026 berekend?")
    uitleg = tekst[begin:tekst.index("Totaal 2026:", begin)]
    totaal = _bedrag(re.search(r"Totaal 2026: €\u00a0(-?[\d.]+,\d\d)", tekst[begin:]).group(1))
    assert "Gebruikt inwonertal:" in uitleg and "1 januari 2024" in uitleg

    subtotalen, delen = [], []
    for regel in uitleg.splitlines():
        if m := re.fullmatch(r"Samen €\u00a0(-?[\d.]+,\d\d)", regel.strip()):
            subtotalen.append(_bedrag(m.group(1)))
            assert sum(delen, Decimal(0)) == subtotalen[-1], (naam, regel)
            delen = []
        elif m := re.fullmatch(r".*\S €\u00a0(-?[\d.]+,\d\d)", regel.strip()):
            delen.append(_bedrag(m.group(1)))
    assert len(subtotalen) >= 3  # components 1 and 2 and Fietsroute
    assert sum(subtotalen, Decimal(0)) == totaal == Decimal(_verdeling(2026, naam)["totaal"])


# --- The page on screen ---------------------------------------------------------------------------


def _meer_coalities(netwerk, aantal: int, start: int = 0) -> None:
    """Coalitions at Tafel Bereikbaarheid where Dordrecht takes part fully, each with a budget and a lesson."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    for n in range(start, start + aantal):
        coalitie = CoalitieFactory(naam=f"Extra {n:02d}", trekker=dordrecht, tafel=netwerk.tafel, status="lopend")
        ProjectBudgetFactory(coalitie=coalitie, jaar=2026)
        DeelnameFactory(coalitie=coalitie, organisatie=dordrecht, variant=Deelname.Variant.VOLLEDIG)
        ResultaatEnLes.objects.create(coalitie=coalitie, soort="les", titel=f"Les {n}", tekst="x", datum=datetime.date(2025, 1, 1))


def test_page_summarises_and_pages_the_coalitions_the_pdf_has_them_all(client, netwerk):
    """Above 25 coalitions the page counts them per variant, lists 25 a page (variant, then name; where it chose
    nothing yet last and marked), says the PDF holds the whole text; the PDF's data still has every coalition."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    _meer_coalities(netwerk, 30)
    open_keuze = CoalitieFactory(naam="Aaa nog open", tafel=netwerk.tafel, status="lopend")
    client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
    url = reverse("raadsinformatie", args=[dordrecht.pk])
    html = client.get(url, {"jaar": 2026}).content.decode()
    assert "Een keuze vastgelegd in 31 coalities: volledige participatie 31, solidariteit 0, instapmodel 0, geen deelname 0." in html
    assert "Nog geen keuze gemaakt voor 1 coalitie." in html
    assert "De PDF hierboven bevat de volledige tekst" in html
    rijen = re.findall(r'<th scope="row"><a class="utrecht-link" href="/coalities/\d+/">([^<]+)</a>', html)
    assert rijen == [f"Extra {n:02d}" for n in range(25)]  # volledig, by name

    assert 'aria-label="Paginering"' in html and "Pagina 1 van 2 (32 in totaal)" in html
    assert "jaar=2026&amp;pagina=2#kop-coalitielijst" in html
    tweede = client.get(url, {"jaar": 2026, "pagina": 2}).content.decode()
    rijen = re.findall(r'<th scope="row"><a class="utrecht-link" href="/coalities/\d+/">([^<]+)</a>', tweede)
    assert rijen == [*(f"Extra {n:02d}" for n in range(25, 30)), "Fietsroute", "Aaa nog open"]  # no choice yet last
    assert "<strong>Nog geen keuze gemaakt</strong>" in tweede
    info = selectors.raadsinformatie(organisatie=dordrecht, jaar=2026)
    assert len(info.coalities) == 31 and [c.naam for c in info.nog_geen_keuze] == [open_keuze.naam]


def test_page_money_equals_the_financing_figures(client, netwerk):
    """The project contribution per coalition and per variant on screen are the allocation's, to the cent."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(_gebruiker(netwerk, Rol.Soort.BESTUURDER))
    html = client.get(reverse("raadsinformatie", args=[dordrecht.pk]), {"jaar": 2026}).content.decode()
    cijfers = _verdeling(2026, "Dordrecht")
    fietsroute = Decimal(cijfers["component_3"]["per_coalitie"]["Fietsroute"])
    assert fietsroute and bedrag_nl(fietsroute) in html
    for bedrag in (cijfers["component_1"], cijfers["component_2"], cijfers["component_3"]["totaal"], cijfers["totaal"]):
        assert bedrag_nl(Decimal(bedrag)) in html
    assert "Specifieke projecten (component 3): per coalitie in de tabel bij 2" in html


def test_page_shows_the_newest_results_and_says_where_the_rest_is(client, netwerk):
    """The newest results and lessons of its coalitions, with the coalition's name; older ones are in the PDF."""
    _meer_coalities(netwerk, 6)
    client.force_login(_gebruiker(netwerk, Rol.Soort.RAADSLID))
    html = client.get(reverse("raadsinformatie", args=[netwerk.gemeenten["Dordrecht"].pk]), {"jaar": 2026}).content.decode()
    assert "Tracé vastgesteld" in html and "Grondaankoop kost tijd" in html and "(Fietsroute, 1 maart 2026)" in html
    assert len(re.findall(r"Les \d", html)) == 3  # five newest: the two of 2026 and three of the six older lessons


def test_page_queries_do_not_grow(client, netwerk, django_assert_num_queries):
    """The page makes the same number of queries with 1 and with 61 coalitions (3 pages), more tables and results."""
    dordrecht = netwerk.gemeenten["Dordrecht"]
    client.force_login(_gebruiker(netwerk, Rol.Soort.BESTUURDER))
    url = reverse("raadsinformatie", args=[dordrecht.pk])
    client.get(url, {"jaar": 2026})
    with CaptureQueriesContext(connection) as klein:
        client.get(url, {"jaar": 2026})
    aantal = len(klein)  # now: the query log keeps only the last 9,000 queries
    _meer_coalities(netwerk, 60)
    CoalitieFactory(naam="Nog open", tafel=netwerk.tafel, status="lopend")
    for n in range(3):
        tafel_met_leden(naam=f"Extra tafel {n}")
    client.get(url, {"jaar": 2026})  # the financing years are computed again once after a change
    with django_assert_num_queries(aantal):
        html = client.get(url, {"jaar": 2026, "pagina": 2}).content.decode()
    assert "Pagina 2 van 3 (62 in totaal)" in html


def test_page_of_a_neighbouring_gemeente_has_no_open_choices(client, netwerk):
    """A gemeente outside the Drechtsteden chooses nothing at the tables: its page counts variants only."""
    beheerder = GebruikerFactory(organisatie=netwerk.gemeenten["Dordrecht"], rollen=[Rol.Soort.BEHEERDER])
    client.force_login(beheerder)
    response = client.get(reverse("raadsinformatie", args=[netwerk.gorinchem.pk]), {"jaar": 2026, "pagina": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een keuze vastgelegd in 0 coalities" in html and "Nog geen keuze gemaakt" not in html
    assert "De gemeente doet nog niet mee aan een coalitie." in html


@pytest.mark.parametrize("vulling_mm", range(200, 246, 5))
def test_a_heading_its_introduction_and_a_tables_caption_stay_with_the_tables_first_rows(vulling_mm):
    """Wherever a section starts near the foot of a page, its heading, first paragraph and the table's caption
    go to the page of the table's first rows (the portal's PDF stylesheet), never alone at the foot."""
    rijen = "".join(f"<tr><td>Tafel {i}</td><td>Deelnemend</td></tr>" for i in range(40))
    html = (
        f'<html><head><link rel="stylesheet" href="{pdfs.STATIC_BASIS}css/portaal-pdf.css"></head><body>'
        f'<div style="height: {vulling_mm}mm">Vulling</div>'
        "<h2>1. Bestuurlijke tafels</h2><p>Aan elke tafel zitten standaard alle zeven gemeenten.</p>"
        "<table><caption>Tafels waar Dordrecht aan zit</caption>"
        f"<thead><tr><th>Tafel</th><th>Status</th></tr></thead><tbody>{rijen}</tbody></table></body></html>"
    )
    paginas = [pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdfs.html_naar_pdf(html))).pages]
    for tekst in ("1. Bestuurlijke tafels", "Aan elke tafel", "Tafels waar Dordrecht aan zit"):
        assert [tekst in pagina for pagina in paginas] == ["Tafel 0" in pagina for pagina in paginas], tekst
