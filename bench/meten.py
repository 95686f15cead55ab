"""In-process parts of `make bench`, run by bench/run.py against one throwaway database.

    python bench/meten.py pagina-s      the pages to measure, their query counts, and the load plan (JSON)
    python bench/meten.py verdeling     10 years × all coalities through the engine (JSON)
    python bench/meten.py schrijfcontrole MARKERS_FILE PREFIX   which acknowledged writes are in the database
    python bench/meten.py tijden [NAAM ...]   in-process median per page and its ratio to the floor (a quick look)
    python bench/meten.py profiel NAAM [--alles]   a pyinstrument profile of one page (pip install pyinstrument)
    python bench/meten.py queries NAAM   each query of one page with its time (the best of five requests)

`tijden`, `profiel` and `queries` are for development on a database filled by `manage.py bench_data`; run them with
DJANGO_DEBUG=false (and DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=testserver) to see production behaviour.

Prints one JSON document on stdout; run.py reads it.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import get_resolver, reverse  # noqa: E402

from coalities.models import Coalitie, Deelname, Toezegging  # noqa: E402
from drechtsteden.models import Gebruiker, Organisatie  # noqa: E402
from financiering import selectors as financiering_selectors  # noqa: E402
from financiering import verdeling  # noqa: E402
from portaal import benchdata  # noqa: E402
from tafels import permissions as tafel_permissions  # noqa: E402
from tafels.models import BestuurlijkeTafel, Vergadering  # noqa: E402



def _gebruiker() -> Gebruiker:
    """The reader of every page: the programme staff member of Dordrecht created by bench_data."""
    return Gebruiker.objects.get(username__startswith="bench-programmamedewerker", organisatie__naam="Dordrecht")


def _bestuurder() -> Gebruiker:
    """The reader of the bestuurder's pages: the bestuurder of Dordrecht created by bench_data."""
    return Gebruiker.objects.get(username__startswith="bench-bestuurder", organisatie__naam="Dordrecht")


# Pages of another role than the programme staff member's, read by the bestuurder of Dordrecht. The home
# page of the programme staff member is their dashboard "Mijn toezeggingen".
ALS_BESTUURDER = ("bestuurder: mijn vergaderingen", "bestuurder: raadsinformatie")


def paginas() -> dict[str, str]:
    """The same logical pages at every scale: the first table, its latest adopted meeting, the first coalition."""
    tafel = BestuurlijkeTafel.objects.order_by("pk").first()
    vergadering = (
        Vergadering.objects.filter(tafel=tafel, status=Vergadering.Status.BESLUITENLIJST_VASTGESTELD)
        .order_by("-begint_om").first()
    )
    coalitie = Coalitie.objects.get(naam=f"{benchdata.PREFIX}-coalitie 00001")
    dordrecht = Organisatie.objects.get(naam="Dordrecht")
    urls = {
        "floor (status)": reverse("status"),
        "home / dashboard": reverse("home"),
        "tafel": reverse("tafels:detail", args=[tafel.pk]),
        "vergadering": reverse("tafels:vergadering", args=[vergadering.pk]),
        "besluitenlijst": reverse("tafels:besluitenlijst", args=[vergadering.pk]),
        "coalitielijst": reverse("coalities:index"),
        "coalitie": reverse("coalities:detail", args=[coalitie.pk]),
        "sorteerbak": reverse("coalities:sorteerbak", args=[tafel.pk]),
        "financiering overzicht": reverse("financiering:index"),
        "financiering organisatie": reverse("financiering:organisatie", args=[dordrecht.pk]),
        "financiering coalitie": reverse("financiering:coalitie", args=[coalitie.pk]),
        "groeiperspectief": reverse("groeiperspectief"),
        "bestuurder: mijn vergaderingen": reverse("dashboard", args=["vergaderingen"]),
        "bestuurder: raadsinformatie": reverse("raadsinformatie", args=[dordrecht.pk]),
    }
    # The regiekamer's pages (and any other page without arguments there), as far as they exist.
    for naam in ("regiekamer", "groeiperspectief"):
        try:
            resolver = get_resolver().namespace_dict[naam][1]
        except KeyError:
            continue
        for patroon in resolver.url_patterns:
            if getattr(patroon, "name", None) and not patroon.pattern.regex.groups:
                try:
                    urls[f"{naam}: {patroon.name}"] = reverse(f"{naam}:{patroon.name}")
                except Exception:  # noqa: BLE001 - a pattern that needs arguments after all
                    continue
    return urls


def _sessie(gebruiker: Gebruiker) -> str:
    """A signed-in session as the login view leaves it, without hashing a password per client."""
    sessie = SessionStore()
    sessie[SESSION_KEY] = str(gebruiker.pk)
    sessie[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    sessie[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
    sessie.create()
    return sessie.session_key


def pagina_s() -> dict:
    gebruiker = _gebruiker()
    bestuurder = _bestuurder()
    clients = {}
    for lezer in (gebruiker, bestuurder):
        clients[lezer.username] = Client()
        clients[lezer.username].force_login(lezer)
        clients[lezer.username].get(reverse("status"), secure=True)  # first view: translations, lazy imports
    resultaat = {"gebruiker": gebruiker.username, "paginas": {}}
    resultaat["overgeslagen"] = {}
    for naam, url in paginas().items():
        lezer = bestuurder if naam in ALS_BESTUURDER else gebruiker
        client = clients[lezer.username]
        # Home, the financing pages and the regiekamer keep computed figures: count the usual view, not the first.
        if client.get(url, secure=True).status_code != 200:  # e.g. a POST-only action (405): not a page to time
            resultaat["overgeslagen"][naam] = url
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        resultaat["paginas"][naam] = {"url": url, "status": response.status_code, "queries": len(queries)}
        if lezer is not gebruiker:
            resultaat["paginas"][naam]["gebruiker"] = lezer.username

    # The load plan: per client a signed-in staff member and the coalitions their organisation may add to.
    plekken: dict[int, list[list[int]]] = {}
    for coalitie_id, organisatie_id in Deelname.objects.filter(variant__in=["volledig", "instap"]).values_list(
        "coalitie_id", "organisatie_id"
    ):
        plekken.setdefault(organisatie_id, []).append([coalitie_id, organisatie_id])
    clients = []
    medewerkers = list(Gebruiker.objects.filter(username__startswith="bench-programmamedewerker").order_by("username"))
    # A meeting shows only to those the meeting page lets in (others get 404, rightly): each client reads
    # meetings chosen by the page's own rule.
    vastgesteld = list(
        Vergadering.objects.filter(status=Vergadering.Status.BESLUITENLIJST_VASTGESTELD).select_related("tafel")
    )
    leden = {tafel.pk: tafel_permissions.tafel_leden_ids(tafel) for tafel in BestuurlijkeTafel.objects.all()}
    for medewerker in medewerkers:
        zichtbaar = [
            v.pk for v in vastgesteld if tafel_permissions.mag_vergadering_zien(medewerker, v, leden[v.tafel_id])
        ]
        clients.append({
            "gebruiker": medewerker.username, "sessie": _sessie(medewerker),
            "schrijfplekken": plekken.get(medewerker.organisatie_id, [])[:50],
            "vergaderingen": zichtbaar[:100],
        })
    resultaat["load"] = {
        "clients": clients,
        "coalities": list(Coalitie.objects.order_by("pk").values_list("pk", flat=True)[:500]),
        # Table pages and sorteerbakken exist for the thematic tables only (a regiekamer body is no table).
        "tafels": list(BestuurlijkeTafel.objects.thematafels().values_list("pk", flat=True)),
        "cel": [[c, o] for c, o in Deelname.objects.values_list("coalitie_id", "organisatie_id")[:500]],
    }
    resultaat["load"]["controle"] = _controleer_plan(resultaat["load"], medewerkers)
    resultaat["toezeggingen_voor"] = Toezegging.objects.count()
    return resultaat


def _controleer_plan(plan: dict, medewerkers) -> list[str]:
    """Every kind of page in the load mix answers 200 for the clients that will ask for it: each client's
    first meeting, and every table page and sorteerbak for the first client. Returns the failures."""
    fouten = []
    for medewerker, gegevens in zip(medewerkers, plan["clients"], strict=True):
        client = Client()
        client.force_login(medewerker)
        paden = [f"/tafels/vergaderingen/{pk}/" for pk in gegevens["vergaderingen"][:1]]
        if medewerker is medewerkers[0]:
            paden += [f"/tafels/{t}/" for t in plan["tafels"]] + [f"/coalities/tafel/{t}/sorteerbak/" for t in plan["tafels"]]
        for pad in paden:
            status = client.get(pad, secure=True).status_code
            if status != 200:
                fouten.append(f"{status} {pad} ({medewerker.username})")
    return fouten


def verdeling_meten() -> dict:
    """10 years × every coalition: the engine alone on scenarios built beforehand, and with the database reads."""
    jaren = benchdata.jaren()
    begin = time.perf_counter()
    per_jaar = financiering_selectors.verdelingen(jaren)
    met_database = time.perf_counter() - begin
    scenarios = [per_jaar[j].scenario for j in jaren]
    fouten = [f"{j}: {per_jaar[j].fout}" for j in jaren if per_jaar[j].fout]
    tijden, cpu = [], []
    for _ in range(5):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        for scenario in scenarios:
            verdeling.bereken(scenario)
        tijden.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    return {
        "jaren": len(jaren),
        "coalities_per_jaar": round(statistics.mean(len(s.coalities) for s in scenarios)),
        "motor_s": min(tijden),
        "motor_rondes_s": tijden,
        # The process's CPU time varies less than the wall clock when others share the machine.
        "motor_cpu_s": min(cpu),
        "met_database_s": met_database,
        "fouten": fouten,
    }


def schrijfcontrole(pad: str, prefix: str) -> dict:
    """Every acknowledged write of the load test, looked up by its unique description."""
    bevestigd = set(json.loads(Path(pad).read_text()))
    aanwezig = set(Toezegging.objects.filter(omschrijving__startswith=prefix).values_list("omschrijving", flat=True))
    return {
        "bevestigd": len(bevestigd),
        "in_database": len(aanwezig),
        "verloren": sorted(bevestigd - aanwezig)[:20],
        "aantal_verloren": len(bevestigd - aanwezig),
        "onbevestigd_maar_opgeslagen": len(aanwezig - bevestigd),
    }


def _ingelogd(gebruiker: Gebruiker | None = None) -> Client:
    client = Client()
    client.force_login(gebruiker or _gebruiker())
    client.get(reverse("status"), secure=True)
    return client


def _pagina(naam: str) -> tuple[str, str]:
    """The page of that name, else the first whose name contains it ("coalitie" is not "coalitielijst")."""
    urls = paginas()
    if naam in urls:
        return naam, urls[naam]
    return next((n, u) for n, u in urls.items() if naam in n)


def _client_voor(naam: str, clients: dict) -> Client:
    soort = "bestuurder" if naam in ALS_BESTUURDER else "medewerker"
    if soort not in clients:
        clients[soort] = _ingelogd(_bestuurder() if soort == "bestuurder" else _gebruiker())
    return clients[soort]


def tijden(namen: list[str], rondes: int = 30) -> dict:
    """Median ms per page over `rondes` in-process requests (after two warm-up requests), round robin with
    the floor, and the ratio to it. Without gunicorn and HTTP, so the ratios run higher than run.py's."""
    clients: dict[str, Client] = {}
    urls = paginas()
    gekozen = {"floor (status)": urls["floor (status)"]} | {
        naam: url for naam, url in urls.items() if not namen or any(n in naam for n in namen)
    }
    for naam, url in list(gekozen.items()):
        for _ in range(2):
            if _client_voor(naam, clients).get(url, secure=True).status_code != 200:  # a POST-only action: not a page
                del gekozen[naam]
                break
    gemeten: dict[str, list[float]] = {naam: [] for naam in gekozen}
    cpu: dict[str, list[float]] = {naam: [] for naam in gekozen}
    for _ in range(rondes):
        for naam, url in gekozen.items():
            client = _client_voor(naam, clients)
            begin, begin_cpu = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            gemeten[naam].append(time.perf_counter() - begin)
            cpu[naam].append(time.process_time() - begin_cpu)
    vloer = statistics.median(gemeten["floor (status)"])
    vloer_cpu = statistics.median(cpu["floor (status)"])
    # The CPU time of this process (not the database's) varies less on a shared machine than the wall clock.
    return {naam: {"mediaan_ms": round(statistics.median(t) * 1000, 1), "ratio": round(statistics.median(t) / vloer, 1),
                   "cpu_ms": round(statistics.median(cpu[naam]) * 1000, 1),
                   "cpu_ratio": round(statistics.median(cpu[naam]) / vloer_cpu, 1)}
            for naam, t in gemeten.items()}


def profiel(naam: str, rondes: int = int(os.environ.get("RONDES", 20)), alles: bool = False) -> str:
    """A pyinstrument profile of `rondes` warm requests of one page, as text."""
    from pyinstrument import Profiler

    naam, url = _pagina(naam)
    client = _client_voor(naam, {})
    for _ in range(2):
        client.get(url, secure=True)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(rondes):
        client.get(url, secure=True)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=alles)


def queries(naam: str, rondes: int = 5) -> list[tuple[float, str]]:
    """Each query of one warm request of a page with its time in ms, the best of ``rondes`` requests: the
    time until the rows are in (psycopg fetches them with the execute)."""
    naam, url = _pagina(naam)
    client = _client_voor(naam, {})
    client.get(url, secure=True)
    beste: list[tuple[float, str]] | None = None
    for _ in range(rondes):
        gemeten: list[tuple[float, str]] = []

        def klok(execute, sql, params, many, context):
            begin = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                gemeten.append(((time.perf_counter() - begin) * 1000, sql))

        with connection.execute_wrapper(klok):
            client.get(url, secure=True)
        beste = gemeten if beste is None else [(min(a[0], b[0]), a[1]) for a, b in zip(beste, gemeten, strict=True)]
    return beste or []


if __name__ == "__main__":
    opdracht = sys.argv[1]
    if opdracht == "tijden":
        for naam, meting in tijden(sys.argv[2:]).items():
            print(f"{naam:<40}{meting['mediaan_ms']:>8.1f} ms{meting['ratio']:>6.1f}×   cpu {meting['cpu_ms']:>7.1f} ms"
                  f"{meting['cpu_ratio']:>6.1f}×")
        raise SystemExit(0)
    if opdracht == "profiel":
        print(profiel(sys.argv[2], alles="--alles" in sys.argv))
        raise SystemExit(0)
    if opdracht == "queries":
        gemeten = queries(sys.argv[2])
        for ms, sql in gemeten:
            print(f"{ms:7.2f} ms  {sql[:300]}")
        print(f"{sum(ms for ms, _sql in gemeten):7.2f} ms in {len(gemeten)} queries")
        raise SystemExit(0)
    if opdracht == "pagina-s":
        uitvoer = pagina_s()
    elif opdracht == "verdeling":
        uitvoer = verdeling_meten()
    elif opdracht == "schrijfcontrole":
        uitvoer = schrijfcontrole(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"Onbekende opdracht: {opdracht}")
    print(json.dumps(uitvoer))
