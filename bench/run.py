"""`make bench`: scale data, page cost against a floor, allocation and load, on the production stack.

Runs against the PostgreSQL and Redis of ``DATABASE_URL`` and ``REDIS_URL`` with production settings
(``DJANGO_DEBUG=false``, static files collected into a temporary folder). The developer's own
database is never touched: the runner creates throwaway databases next to it (``bench_<pid>_…``) and
drops them at the end. It starts gunicorn and a Celery worker itself, sends requests to 127.0.0.1
only, prints a table and writes ``bench/results.json``.

    .venv/bin/python bench/run.py [--snel] [--poorten 8200-8209]
    # --snel: fewer requests and a shorter load test; --poorten: where gunicorn may listen
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
RESULTS = BASE_DIR / "bench" / "results.json"
POORTEN = range(8190, 8200)
GUNICORN_WORKERS = 3
DOELEN = {"pagina_ratio": 5.0, "verdeling_s": 1.0, "load_fouten": 0, "load_verloren": 0}


def fout(bericht: str) -> None:
    print(f"make bench: {bericht}", file=sys.stderr)
    raise SystemExit(2)


def stap(tekst: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {tekst}", flush=True)


# --- Services and throwaway databases -------------------------------------------------------------


class Databases:
    """Throwaway databases on the server of DATABASE_URL: one migrated with the demo, cloned per scale."""

    def __init__(self, url: str) -> None:
        delen = urlsplit(url)
        if delen.scheme not in ("postgres", "postgresql", "pgsql"):
            fout("DATABASE_URL moet naar PostgreSQL wijzen (postgres://…); de benchmark draait niet op SQLite.")
        self.delen = delen
        self.eigen = delen.path.lstrip("/")
        self.prefix = f"bench_{os.getpid()}"
        self.namen: list[str] = []

    def url(self, naam: str) -> str:
        return self.delen._replace(path=f"/{naam}").geturl()

    def _sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as verbinding:
            verbinding.execute(sql)

    def maak(self, achtervoegsel: str, sjabloon: str | None = None) -> str:
        naam = f"{self.prefix}_{achtervoegsel}"
        if naam == self.eigen:
            fout("de wegwerpdatabase zou de eigen database zijn; kies een andere DATABASE_URL.")
        self._sql(f'CREATE DATABASE "{naam}"' + (f' TEMPLATE "{sjabloon}"' if sjabloon else ""))
        self.namen.append(naam)
        return naam

    def opruimen(self) -> None:
        for naam in reversed(self.namen):
            try:
                self._sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - cleaning up must not hide the results
                print(f"Let op: {naam} niet verwijderd: {exc}", file=sys.stderr)


def vrije_poort(poorten: range = POORTEN) -> int:
    for poort in poorten:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", poort)) != 0:
                return poort
    fout(f"geen vrije poort tussen {poorten.start} en {poorten.stop - 1}.")
    return 0


def poortbereik(tekst: str) -> range:
    """`8200-8209` as a range of ports to try for gunicorn."""
    van, _, tot = tekst.partition("-")
    try:
        bereik = range(int(van), int(tot or van) + 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"verwacht een poortbereik zoals 8200-8209, niet '{tekst}'") from None
    if not bereik or not 1024 <= bereik.start <= bereik.stop - 1 <= 65535:
        raise argparse.ArgumentTypeError(f"verwacht een poortbereik tussen 1024 en 65535, niet '{tekst}'")
    return bereik


def wacht_op_poort(poort: int, proces: subprocess.Popen, log: Path, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            fout(f"gunicorn stopte bij het starten:\n{log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", poort)) == 0:
                return
        time.sleep(0.2)
    fout("gunicorn antwoordde niet binnen een minuut.")


def stop(proces: subprocess.Popen | None) -> None:
    if proces is None or proces.poll() is not None:
        return
    proces.send_signal(signal.SIGTERM)
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


# --- A small HTTP client: cookies by hand, as a browser behind the TLS proxy ----------------------


class Bezoeker:
    """One signed-in visitor. Requests say they came through the HTTPS proxy (X-Forwarded-Proto), so
    the secure cookies and CSRF rules of production apply exactly as for a browser."""

    def __init__(self, poort: int, sessie: str | None = None) -> None:
        self.poort = poort
        self.cookies: dict[str, str] = {}
        if sessie:
            self.cookies["sessionid"] = sessie
        self.verbinding: http.client.HTTPConnection | None = None

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        oorsprong = f"https://127.0.0.1:{self.poort}"
        headers = {
            "Host": f"127.0.0.1:{self.poort}", "X-Forwarded-Proto": "https", "Accept-Language": "nl",
            "Origin": oorsprong, "Referer": oorsprong + "/", "Connection": "keep-alive",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def verzoek(self, methode: str, pad: str, data: dict | None = None, headers: dict | None = None):
        body = urlencode(data) if data is not None else None
        h = self._headers(headers)
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
            h["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for poging in range(2):
            if self.verbinding is None:
                self.verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)
            try:
                self.verbinding.request(methode, pad, body=body, headers=h)
                antwoord = self.verbinding.getresponse()
                inhoud = antwoord.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # gunicorn's sync workers close idle connections; a fresh one is not an error
                self.verbinding.close()
                self.verbinding = None
                if poging:
                    raise
        for kop, waarde in antwoord.getheaders():
            if kop.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam.strip()] = rest.split(";", 1)[0]
        if antwoord.getheader("Connection", "").lower() == "close":
            self.verbinding.close()
            self.verbinding = None
        return antwoord.status, antwoord.getheader("Location", ""), inhoud

    def inloggen(self, gebruikersnaam: str, wachtwoord: str) -> None:
        self.verzoek("GET", "/inloggen/")
        status, locatie, _ = self.verzoek("POST", "/inloggen/", {
            "username": gebruikersnaam, "password": wachtwoord,
            "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
        })
        if status != 302:
            fout(f"inloggen als {gebruikersnaam} mislukte (status {status}).")


# --- Measurements -----------------------------------------------------------------------------------


def pct(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(p / 100 * len(geordend)) - 1))]


ZWAAR_S, ZWAAR_ELKE = 1.0, 10  # a page slower than a second is timed in every tenth round only
MIN_RONDES = 40  # before this many rounds the medians are not trusted to be stable
STABIEL = 0.03  # stop when no page's median moved more than 3 % over the last quarter of the rounds


def stabiel(tijden: dict[str, list[float]]) -> bool:
    """True when every median (and so every ratio to the floor) hardly changes with more rounds."""
    for t in tijden.values():
        if len(t) < MIN_RONDES:
            return False
        eerder = statistics.median(t[: len(t) * 3 // 4])
        if abs(statistics.median(t) - eerder) > STABIEL * eerder:
            return False
    return True


def meet_paginas(poort: int, paginas: dict[str, dict], gebruiker: str, rondes: int, max_s: float) -> dict:
    """Round robin over the floor and every page, so the noise of a busy machine hits all alike; stops
    after `rondes` rounds, after `max_s` seconds or as soon as every median is stable. A page of another
    role names its reader (`gebruiker`); the others and the floor are read by `gebruiker`."""
    bezoekers: dict[str, Bezoeker] = {}
    for naam in {gebruiker} | {p.get("gebruiker", gebruiker) for p in paginas.values()}:
        bezoekers[naam] = Bezoeker(poort)
        bezoekers[naam].inloggen(naam, "Drechtsteden-demo-2026")

    def bezoeker_van(pagina: dict) -> Bezoeker:
        return bezoekers[pagina.get("gebruiker", gebruiker)]

    tijden: dict[str, list[float]] = {naam: [] for naam in paginas}
    zwaar = set()  # pages that take longer than ZWAAR_S: measured every ZWAAR_ELKE rounds, so the others get their rounds
    for naam, pagina in paginas.items():  # warm-up: caches and lazy imports, in each of the gunicorn workers
        snelste = float("inf")
        for _ in range(GUNICORN_WORKERS + 1):
            begin = time.perf_counter()
            status, _, _ = bezoeker_van(pagina).verzoek("GET", pagina["url"])
            snelste = min(snelste, time.perf_counter() - begin)
            if status != 200:
                fout(f"{naam} ({pagina['url']}) antwoordde {status}.")
        if snelste > ZWAAR_S:  # even its fastest warm view (a worker that computed before) is slow
            zwaar.add(naam)
    einde = time.monotonic() + max_s
    for ronde in range(rondes):
        for naam, pagina in paginas.items():
            if naam in zwaar and ronde % ZWAAR_ELKE:
                continue
            bezoeker = bezoeker_van(pagina)
            begin = time.perf_counter()
            status, _, _ = bezoeker.verzoek("GET", pagina["url"])
            tijden[naam].append(time.perf_counter() - begin)
            if status != 200:
                fout(f"{naam} antwoordde {status}.")
        if time.monotonic() > einde or stabiel({n: t for n, t in tijden.items() if n not in zwaar}):
            break
    vloer = statistics.median(tijden["floor (status)"])
    return {
        naam: {
            "n": len(t), "mediaan_ms": statistics.median(t) * 1000, "p95_ms": pct(t, 95) * 1000,
            "ratio": statistics.median(t) / vloer,
        }
        for naam, t in tijden.items()
    }


class Belasting:
    """N clients for S seconds: page views, htmx partials and commitment writes, each client its own user."""

    def __init__(self, poort: int, plan: dict, clients: int, seconden: float) -> None:
        self.poort = poort
        self.plan = plan
        self.clients = clients
        self.seconden = seconden
        self.lock = threading.Lock()
        self.tijden: list[float] = []
        self.per_soort: dict[str, int] = {"pagina": 0, "htmx": 0, "schrijven": 0}
        self.fouten: list[str] = []
        self.bevestigd: list[str] = []
        self.run_id = f"{os.getpid()}-{int(time.time())}"

    def _client(self, nummer: int, start: float) -> None:
        rng = random.Random(nummer)
        gegevens = self.plan["clients"][nummer % len(self.plan["clients"])]
        bezoeker = Bezoeker(self.poort, gegevens["sessie"])
        bezoeker.verzoek("GET", "/status/")  # the CSRF cookie, as a browser has it from any page
        teller = 0
        while time.monotonic() - start < self.seconden:
            keuze = rng.random()
            headers = None
            data = None
            if keuze < 0.15 and gegevens["schrijfplekken"]:
                soort = "schrijven"
                coalitie, organisatie = rng.choice(gegevens["schrijfplekken"])
                pad = f"/coalities/{coalitie}/deelname/{organisatie}/toezegging/"
                teller += 1
                merk = f"Belastingtest {self.run_id} {nummer:03d}-{teller:05d}"
                data = {"soort": "kennis", "omschrijving": merk, "jaar_van": "2027", "jaar_tot": "2027",
                        "hoeveelheid": "", "eenheid": "", "versie": ""}
            elif keuze < 0.40:
                soort = "htmx"
                headers = {"HX-Request": "true"}
                if rng.random() < 0.5:
                    pad = f"/coalities/?status={rng.choice(['lopend', 'idee', 'afgerond'])}&tafel={rng.choice(self.plan['tafels'])}"
                else:
                    coalitie, organisatie = rng.choice(self.plan["cel"])
                    pad = f"/coalities/{coalitie}/deelname/{organisatie}/cel/"
            else:
                soort = "pagina"
                paden = [
                    "/", f"/coalities/{rng.choice(self.plan['coalities'])}/",
                    f"/tafels/{rng.choice(self.plan['tafels'])}/",
                    f"/coalities/tafel/{rng.choice(self.plan['tafels'])}/sorteerbak/",
                ]
                if gegevens["vergaderingen"]:
                    paden.append(f"/tafels/vergaderingen/{rng.choice(gegevens['vergaderingen'])}/")
                pad = rng.choice(paden)
            begin = time.perf_counter()
            try:
                status, locatie, _ = bezoeker.verzoek("POST" if data else "GET", pad, data=data, headers=headers)
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                status, locatie = 0, repr(exc)
            duur = time.perf_counter() - begin
            goed = (status == 302 and "/coalities/" in locatie) if data else status == 200
            with self.lock:
                self.tijden.append(duur)
                self.per_soort[soort] += 1
                if not goed:
                    self.fouten.append(f"{status} {pad} {locatie[:80]}")
                elif data:
                    self.bevestigd.append(data["omschrijving"])

    def draai(self) -> dict:
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(self.clients) as pool:
            for f in [pool.submit(self._client, n, start) for n in range(self.clients)]:
                f.result()
        duur = time.monotonic() - start
        return {
            "clients": self.clients, "seconden": round(duur, 1), "verzoeken": len(self.tijden),
            "per_seconde": len(self.tijden) / duur, "mediaan_ms": statistics.median(self.tijden) * 1000,
            "p95_ms": pct(self.tijden, 95) * 1000, "fouten": len(self.fouten), "foutvoorbeelden": self.fouten[:10],
            "per_soort": self.per_soort, "schrijfacties_bevestigd": len(self.bevestigd),
        }


# --- The run -------------------------------------------------------------------------------------


def draai(args: argparse.Namespace) -> dict:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url or not redis_url:
        fout("zet DATABASE_URL (PostgreSQL) en REDIS_URL (Redis); de benchmark draait op de echte diensten.")
    databases = Databases(database_url)
    tijdelijk = Path(tempfile.mkdtemp(prefix="drechtsteden-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "drechtsteden.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_STATIC_ROOT": str(tijdelijk / "static"),
        "DJANGO_MEDIA_ROOT": str(tijdelijk / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": f"bench-{os.getpid()}",
        "PYTHONUNBUFFERED": "1",
    }
    resultaten: dict = {
        "datum": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "doelen": DOELEN,
    }
    gunicorn = worker = None
    try:
        def run(*cmd: str, database: str, **kwargs) -> subprocess.CompletedProcess:
            return subprocess.run([PY, *cmd], cwd=BASE_DIR, env=env | {"DATABASE_URL": databases.url(database)},
                                  check=True, capture_output=True, text=True, **kwargs)

        def genereer(schalen: dict[int, str], generatie: dict) -> None:
            stap("Benchdata genereren op schaal 1 en 10 (tegelijk)")
            processen = {
                s: subprocess.Popen([PY, "manage.py", "bench_data", "--scale", str(s), "--zonder-demo"], cwd=BASE_DIR,
                                    env=env | {"DATABASE_URL": databases.url(db)}, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
                for s, db in schalen.items()
            }
            for s, proces in processen.items():
                uitvoer, _ = proces.communicate(timeout=900)
                if proces.returncode != 0:
                    fout(f"bench_data --scale {s} mislukte:\n{uitvoer[-3000:]}")
                seconden = float(re.search(r"gegenereerd in ([0-9.]+) s", uitvoer).group(1))
                aantallen = dict(re.findall(r"^  (.+): (\d+)$", uitvoer, re.M))
                generatie[f"schaal_{s}"] = {"seconden": seconden, "rijen": {k: int(v) for k, v in aantallen.items()}}
                stap(f"  schaal {s}: {seconden:.1f} s")
            resultaten["generatie"] = generatie

        if args.hergebruik:
            # Development re-runs: databases that bench_data filled before; nothing is created or dropped.
            schalen = {1: args.hergebruik[0], 10: args.hergebruik[1]}
            stap(f"Bestaande benchdatabases {schalen[1]} en {schalen[10]}; statische bestanden verzamelen")
            for db in schalen.values():
                run("manage.py", "migrate", "--noinput", "-v0", database=db)
            run("manage.py", "collectstatic", "--noinput", "-v0", database=schalen[10])
        else:
            stap("Wegwerpdatabase aanmaken en migreren")
            demo = databases.maak("demo")
            run("manage.py", "migrate", "--noinput", "-v0", database=demo)
            # The demo goes through the services (and their history and notifications): it is loaded once,
            # and both scales start from a copy of that database.
            stap("Demodata laden (eenmaal, voor beide schalen); tegelijk statische bestanden verzamelen")
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                statisch = pool.submit(run, "manage.py", "collectstatic", "--noinput", "-v0", database=demo)
                begin = time.monotonic()
                run("manage.py", "demo_data", database=demo)
                generatie = {"demo": {"seconden": round(time.monotonic() - begin, 1), "rijen": {}}}
                statisch.result()
            schalen = {1: databases.maak("s1", demo), 10: databases.maak("s10", demo)}
            genereer(schalen, generatie)

        stap("Queries per pagina op schaal 1 en 10 en het belastingsplan (tegelijk)")
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            taken = {s: pool.submit(run, "bench/meten.py", "pagina-s", database=db) for s, db in schalen.items()}
            metingen = {s: json.loads(t.result().stdout) for s, t in taken.items()}
        stap("De verdeling, 10 jaar op schaal 10 (alleen, zodat niets anders de tijd meet)")
        resultaten["verdeling"] = json.loads(run("bench/meten.py", "verdeling", database=schalen[10]).stdout)
        paginas = metingen[10]["paginas"]
        if metingen[10]["load"]["controle"]:
            fout("het belastingsplan vraagt pagina's die de gebruikers niet mogen zien:\n"
                 + "\n".join(metingen[10]["load"]["controle"][:20]))

        stap("gunicorn (3 workers) en een Celery-worker starten op schaal 10")
        poort = vrije_poort(args.poorten)
        log = tijdelijk / "gunicorn.log"
        env10 = env | {"DATABASE_URL": databases.url(schalen[10])}
        with open(log, "wb") as uit:
            gunicorn = subprocess.Popen(
                [PY, "-m", "gunicorn", "drechtsteden.wsgi", "-b", f"127.0.0.1:{poort}", "--workers", str(GUNICORN_WORKERS),
                 "--timeout", "120", "--backlog", "256"], cwd=BASE_DIR, env=env10, stdout=uit, stderr=subprocess.STDOUT)
        with open(tijdelijk / "worker.log", "wb") as uit:
            worker = subprocess.Popen(
                [PY, "-m", "celery", "-A", "drechtsteden", "worker", "--pool=solo", "--loglevel=WARNING",
                 "-Q", env["CELERY_QUEUE"], "-n", f"bench-{os.getpid()}@%h", "--without-gossip", "--without-mingle"],
                cwd=BASE_DIR, env=env10, stdout=uit, stderr=subprocess.STDOUT)
        wacht_op_poort(poort, gunicorn, log)
        resultaten["worker"] = controleer_worker(poort, worker)

        stap(f"Pagina's: vloer en elke pagina, {args.rondes} rondes (max {args.max_s:.0f} s)")
        resultaten["paginas"] = meet_paginas(poort, paginas, metingen[10]["gebruiker"], args.rondes, args.max_s)
        for naam, meting in resultaten["paginas"].items():
            meting["queries_schaal_1"] = metingen[1]["paginas"][naam]["queries"]
            meting["queries_schaal_10"] = paginas[naam]["queries"]

        stap(f"Belasting: {args.clients} clients, {args.load_s:.0f} s")
        belasting = Belasting(poort, metingen[10]["load"], args.clients, args.load_s)
        resultaten["belasting"] = belasting.draai()
        markers = tijdelijk / "bevestigd.json"
        markers.write_text(json.dumps(belasting.bevestigd))
        resultaten["belasting"]["controle"] = json.loads(
            run("bench/meten.py", "schrijfcontrole", str(markers), f"Belastingtest {belasting.run_id} ",
                database=schalen[10]).stdout
        )
    finally:
        stop(gunicorn)
        stop(worker)
        databases.opruimen()
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return resultaten


def controleer_worker(poort: int, worker: subprocess.Popen) -> dict:
    """The system status page sends a task to the worker; its answer must come back."""
    bezoeker = Bezoeker(poort)
    bezoeker.inloggen("beheerder", "Drechtsteden-demo-2026")
    begin = time.monotonic()
    status, _, inhoud = bezoeker.verzoek("GET", "/systeemstatus/")
    if status == 200 and "antwoordt".encode() in inhoud:
        return {"antwoord_s": round(time.monotonic() - begin, 2)}
    match = re.search(rb"/systeemstatus/([0-9a-f-]{36})/", inhoud)
    if status != 200 or not match:
        fout(f"de systeemstatuspagina antwoordde {status} zonder taak.")
    while time.monotonic() - begin < 60:
        if worker.poll() is not None:
            fout("de Celery-worker stopte.")
        _, _, inhoud = bezoeker.verzoek("GET", f"/systeemstatus/{match.group(1).decode()}/", headers={"HX-Request": "true"})
        if "antwoordt".encode() in inhoud:
            return {"antwoord_s": round(time.monotonic() - begin, 2)}
        time.sleep(0.5)
    fout("de Celery-worker antwoordde niet binnen een minuut.")
    return {}


def tabel(r: dict) -> str:
    regels = [f"Benchmark {r['datum']} — {r['machine']}", ""]
    for s, g in r.get("generatie", {}).items():
        if s == "demo":
            regels.append(f"Demodata (eenmaal, gekopieerd naar beide schalen): {g['seconden']:.1f} s")
            continue
        regels.append(f"Generatie {s.replace('_', ' ')}: {g['seconden']:.1f} s "
                      f"({g['rijen'].get('coalities', 0)} coalities, {g['rijen'].get('toezeggingen', 0)} toezeggingen)")
    regels += ["", f"{'pagina (schaal 10)':<32}{'n':>5}{'mediaan':>10}{'p95':>10}{'× vloer':>9}{'q s1':>6}{'q s10':>6}  doel"]
    for naam, p in r["paginas"].items():
        gelijk = p["queries_schaal_1"] == p["queries_schaal_10"]
        ok = gelijk and (p["ratio"] <= DOELEN["pagina_ratio"] or naam.startswith("floor"))
        regels.append(f"{naam:<32}{p['n']:>5}{p['mediaan_ms']:>8.1f}ms{p['p95_ms']:>8.1f}ms{p['ratio']:>8.1f}×"
                      f"{p['queries_schaal_1']:>6}{p['queries_schaal_10']:>6}  {'ok' if ok else 'MIST'}")
    v = r["verdeling"]
    cpu = f", CPU {v['motor_cpu_s']:.2f} s" if "motor_cpu_s" in v else ""
    regels += ["", f"Verdeling {v['jaren']} jaar × {v['coalities_per_jaar']} coalities: motor {v['motor_s']:.2f} s{cpu} "
               f"(doel ≤ {DOELEN['verdeling_s']:.0f} s: {'ok' if v['motor_s'] <= DOELEN['verdeling_s'] else 'MIST'}), "
               f"met databaselezen {v['met_database_s']:.2f} s, fouten: {len(v['fouten'])}"]
    b = r["belasting"]
    c = b["controle"]
    regels.append(
        f"Belasting {b['clients']} clients × {b['seconden']} s: {b['per_seconde']:.1f} verzoeken/s, mediaan "
        f"{b['mediaan_ms']:.0f} ms, p95 {b['p95_ms']:.0f} ms, fouten {b['fouten']}, schrijfacties bevestigd "
        f"{c['bevestigd']}, in de database {c['in_database']}, verloren {c['aantal_verloren']}"
    )
    regels.append(f"Celery-worker antwoordde via de systeemstatus in {r['worker'].get('antwoord_s')} s")
    if "totaal_s" in r:
        regels.append(f"Totale duur van de run: {r['totaal_s'] / 60:.1f} min (doel < 15 min)")
    return "\n".join(regels)


def readme_bijwerken(resultaten: dict) -> None:
    """Puts the latest table in the README, between the benchmark markers."""
    readme = BASE_DIR / "README.md"
    tekst = readme.read_text()
    begin, einde = "<!-- BENCH-CIJFERS -->", "<!-- /BENCH-CIJFERS -->"
    if begin not in tekst:
        return
    voor, _, rest = tekst.partition(begin)
    _, _, na = rest.partition(einde) if einde in rest else ("", "", rest)
    blok = f"{begin}\nLaatste run (`bench/results.json`):\n\n```text\n{tabel(resultaten)}\n```\n{einde}"
    readme.write_text(voor + blok + na)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark van het portaal op de productiestack.")
    parser.add_argument("--snel", action="store_true", help="minder verzoeken en een korte belastingtest")
    parser.add_argument("--hergebruik", nargs=2, metavar=("DB_SCHAAL_1", "DB_SCHAAL_10"),
                        help="eerder gevulde benchdatabases gebruiken in plaats van nieuwe te genereren")
    parser.add_argument("--poorten", type=poortbereik, default=POORTEN, metavar="VAN-TOT",
                        help="poorten om gunicorn op te starten (standaard 8190-8199)")
    args = parser.parse_args()
    args.rondes, args.max_s, args.clients, args.load_s = (30, 60.0, 10, 10.0) if args.snel else (300, 180.0, 50, 60.0)
    begin = time.monotonic()
    resultaten = draai(args)
    resultaten["totaal_s"] = round(time.monotonic() - begin, 1)
    RESULTS.write_text(json.dumps(resultaten, indent=2, ensure_ascii=False) + "\n")
    readme_bijwerken(resultaten)
    print()
    print(tabel(resultaten))
    print(f"\nTotaal {resultaten['totaal_s']:.0f} s; cijfers in {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
