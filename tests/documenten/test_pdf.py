"""The PDF building blocks: the safe URL fetcher, merging with page-number stamps, atomic storage."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.files.storage import FileSystemStorage
from pypdf import PdfReader

from documenten import pdf
from documenten.opslag import atomair_opslaan


def test_fetcher_serves_own_static_files_only():
    """The portal's static files are served; the network, file:// and paths outside static are refused."""
    fetcher = pdf.VeiligeFetcher()
    antwoord = fetcher.fetch(pdf.BASIS_URL + "static/css/portaal.css")
    assert b"drechtsteden" in antwoord.read()
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        pdf.BASIS_URL + "static/../../../etc/passwd",
        pdf.BASIS_URL + "etc/passwd",
        "data:text/plain,geheim",
    ):
        with pytest.raises(pdf.GeweigerdeURL):
            fetcher.fetch(url)


def test_rendering_with_foreign_resources_fetches_nothing():
    """HTML with an image from the network and a local file renders without fetching either."""
    import http.server
    import threading

    opgevraagd = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            opgevraagd.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        html = (
            f'<html lang="nl"><body><p>Tekst</p><img src="http://127.0.0.1:{server.server_port}/x.png">'
            '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd"></body></html>'
        )
        data = pdf.html_naar_pdf(html)
    finally:
        server.shutdown()
    assert opgevraagd == []
    tekst = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Tekst" in tekst and "root:" not in tekst


def test_merge_stamps_page_numbers_on_every_page_and_keeps_language():
    """Merged PDFs of other page sizes get "pagina X van Y"; /Lang and the title are set."""
    from pypdf import PdfWriter

    delen = [pdf.html_naar_pdf(f"<html><body><p>Deel {n}</p></body></html>") for n in range(2)]
    writer = PdfWriter()
    for data in delen:
        writer.append(PdfReader(io.BytesIO(data)))
    writer.add_blank_page(width=842, height=595)  # landscape A4
    pdf.Voettekst(links="Test — voet", css="html { font-family: 'DejaVu Sans'; }").stempelen(writer)
    data = pdf.afronden(writer, titel="Proef")
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.metadata.title == "Proef"
    tekst = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    paginas = tekst.split("\f")
    for n in range(3):
        assert f"pagina {n + 1} van 3" in paginas[n]
        assert "Test — voet" in paginas[n]


def test_atomic_save_leaves_no_file_when_the_process_dies(tmp_path):
    """A process killed while writing leaves nothing under the final name; a finished write is complete."""
    storage = FileSystemStorage(location=tmp_path)
    naam = atomair_opslaan(storage, "documenten/x/pakket.pdf", b"%PDF-1.7 " + b"x" * 1000)
    assert storage.open(naam).read().startswith(b"%PDF-1.7")
    code = (
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings'); django.setup();"
        "from django.core.files.storage import FileSystemStorage; from documenten.opslag import atomair_opslaan;"
        "import documenten.opslag as o; orig = o.os.fsync;"
        "o.os.fsync = lambda fd: os.kill(os.getpid(), 9);"
        f"atomair_opslaan(FileSystemStorage(location={str(tmp_path)!r}), 'documenten/y/pakket.pdf', b'x' * 100000)"
    )
    proces = subprocess.run([sys.executable, "-c", code], cwd=os.getcwd(), capture_output=True)
    assert proces.returncode == -9
    assert not (tmp_path / "documenten" / "y").exists() or not list((tmp_path / "documenten" / "y").iterdir())
