"""Every page a demo user reaches from their start page, on the database `DATABASE_URL` names (run as a script
by tests/drechtsteden/test_database.py against the embedded SQLite of `make run`).

Per demo user: the start page, the main menu's pages and every link on those, at most two addresses of each
kind (ids replaced), GET only. Prints one JSON list of failures: an exception, a status of 500 or more, or a
link on a page that leads to a page the user cannot open (403 or 404).
"""

import json
import os
import re
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drechtsteden.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from drechtsteden.demo import GEBRUIKERS  # noqa: E402
from drechtsteden.models import Gebruiker  # noqa: E402

setup_test_environment()

# Not pages: signing out, language and dashboard choices, downloads that render a PDF or a spreadsheet on the
# spot, the admin, and static files.
OVERSLAAN = re.compile(r"^/(uitloggen|taal|admin|static|media)/|\.(pdf|csv|xlsx|svg|png|ico)$|/(pdf|download|export)/?$")
LINK = re.compile(r'href="(/[^"#?]*)"')

fouten = []
for gebruikersnaam, *_rest in GEBRUIKERS:
    client = Client(raise_request_exception=True)
    client.force_login(Gebruiker.objects.get(username=gebruikersnaam))
    per_soort: dict[str, int] = {}
    bezocht: set[str] = set()
    wachtrij = ["/"]
    diepte = {"/": 0}
    van = {"/": ""}
    while wachtrij:
        pad = wachtrij.pop(0)
        soort = re.sub(r"/\d+/", "/N/", pad)
        if pad in bezocht or OVERSLAAN.search(pad) or per_soort.get(soort, 0) >= 2:
            continue
        bezocht.add(pad)
        per_soort[soort] = per_soort.get(soort, 0) + 1
        try:
            response = client.get(pad, secure=True, follow=True)
        except Exception as fout:  # noqa: BLE001 - every failure is reported, with where it happened
            plekken = [f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno}"
                       for f in traceback.extract_tb(fout.__traceback__) if "site-packages" not in f.filename]
            fouten.append(f"{gebruikersnaam} {pad}: {type(fout).__name__}: {str(fout)[:200]} ({', '.join(plekken[-2:])})")
            continue
        if response.status_code >= 500 or (response.status_code in (403, 404) and van[pad]):
            fouten.append(f"{gebruikersnaam} {pad}: status {response.status_code} (link op {van[pad] or '-'})")
            continue
        if diepte[pad] < 2 and "text/html" in response.get("Content-Type", ""):
            for link in LINK.findall(response.content.decode()):
                if link not in diepte:
                    diepte[link] = diepte[pad] + 1
                    van[link] = pad
                    wachtrij.append(link)
    print(f"{gebruikersnaam}: {len(bezocht)} pagina's", file=sys.stderr)

print(json.dumps(fouten))
