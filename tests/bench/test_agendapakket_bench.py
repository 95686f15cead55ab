"""Benchmark (make bench): a ~100-page agenda pack with 40 attachment pages.

Compares the pack function with the floor — WeasyPrint rendering the same HTML in one pass plus pypdf
appending the same attachments, nothing else — and a rebuild after one changed document with a full
build. Targets: cold build ≤ 1.3× the floor, rebuild ≤ 0.3× a full build.
"""

from __future__ import annotations

import io
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from documenten import pdf as docpdf
from tafels import pdfs, services
from tafels.demo import demo_stuk_pdf
from tests.tafels.factories import agendapunt, tafel_met_leden, vergadering

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ALINEA = (
    "De gemeenten van de Drechtsteden werken samen aan een bereikbare regio. Dit voorstel beschrijft de "
    "aanleiding, de keuzes die voorliggen, de financiële gevolgen en de vervolgstappen per gemeente. "
) * 6


def _meting(functie, keer: int = 3) -> float:
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return min(tijden)


def test_bench_agendapakket(benchmark):
    tafel = tafel_met_leden(naam="Tafel Benchmark")
    v = vergadering(tafel)
    stukken = []
    for n in range(12):
        punt = agendapunt(v, titel=f"Agendapunt {n + 1}: voorstel", toelichting="\n\n".join([ALINEA] * 9), door=tafel.secretaris)
        if n < 10:
            data = demo_stuk_pdf(f"Bijlage {n + 1}", 4)
            stukken.append(services.stuk_uploaden(
                agendapunt=punt, bestand=SimpleUploadedFile(f"bijlage-{n + 1}.pdf", data, content_type="application/pdf"),
                titel=f"Bijlage {n + 1}", door=tafel.secretaris,
            ))
    bijlagen = [s.bestand.open("rb").read() for s in stukken]

    def pakket():
        return pdfs.agendapakket_pdf(v, versie=1)

    def koud():
        cache.clear()
        return pakket()

    resultaat = koud()
    paginas = resultaat.gegevens["paginas"]
    assert 90 <= paginas <= 115
    assert sum(len(PdfReader(io.BytesIO(b)).pages) for b in bijlagen) == 40

    # The floor: the same HTML in one WeasyPrint pass (footers in margin boxes), plus appending the attachments.
    renderer = docpdf.Sectierenderer(kop=pdfs._kop(v))
    cache.clear()
    pdfs.agendapakket_pdf(v, versie=1)
    html_delen = []
    # Rebuild the sections' HTML exactly as the pack does, by rendering once more with a recording renderer.
    origineel = docpdf.Sectierenderer.renderen

    def opnemen(self, secties, **kwargs):
        html_delen.extend(secties)
        return origineel(self, secties, **kwargs)

    docpdf.Sectierenderer.renderen = opnemen
    try:
        cache.clear()
        pdfs.agendapakket_pdf(v, versie=1)
    finally:
        docpdf.Sectierenderer.renderen = origineel
    secties = [s for s in html_delen if s.sleutel != "kader"] 
    kader = [s for s in html_delen if s.sleutel == "kader"][-1]
    voet = (
        "<style>@page { @bottom-left { content: 'Tafel Benchmark — versie 1'; font: 8pt 'DejaVu Sans'; }"
        " @bottom-right { content: 'pagina ' counter(page) ' van ' counter(pages); font: 8pt 'DejaVu Sans'; } }</style>"
    )
    vloer_html = renderer._html([kader, *secties]).replace("</head>", voet + "</head>")

    def vloer():
        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(docpdf.html_naar_pdf(vloer_html))))
        for data in bijlagen:
            writer.append(PdfReader(io.BytesIO(data)))
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    t_vloer = _meting(vloer)
    t_koud = _meting(koud)

    # Rebuild after one changed document vs a full build of the same content.
    stuk = stukken[4].stuk
    teller = iter(range(100))

    def wijzigen():
        services.stuk_uploaden(
            agendapunt=stuk.agendapunt, stuk=stuk, door=tafel.secretaris,
            bestand=SimpleUploadedFile("b.pdf", demo_stuk_pdf("Bijlage 5", 4, kenmerk=f" r{next(teller)}"), content_type="application/pdf"),
        )

    warm_tijden = []
    for _ in range(3):
        pakket()  # warm cache for the current content
        wijzigen()
        begin = time.perf_counter()
        warm = pakket()
        warm_tijden.append(time.perf_counter() - begin)
        assert warm.gegevens["gerenderd"] == 2
    t_warm = min(warm_tijden)
    t_vol = _meting(koud)

    benchmark.extra_info.update({
        "paginas": paginas, "vloer_s": round(t_vloer, 3), "koud_s": round(t_koud, 3), "koud_vs_vloer": round(t_koud / t_vloer, 2),
        "herbouw_s": round(t_warm, 3), "volledig_s": round(t_vol, 3), "herbouw_vs_volledig": round(t_warm / t_vol, 2),
    })
    print(f"\nagendapakket: {paginas} pagina's; vloer {t_vloer:.2f}s, koud {t_koud:.2f}s ({t_koud / t_vloer:.2f}×); "
          f"herbouw {t_warm:.2f}s vs volledig {t_vol:.2f}s ({t_warm / t_vol:.2f}×)")
    benchmark.pedantic(pakket, rounds=1, iterations=1)
    assert t_warm / t_vol <= 0.3
    assert t_koud / t_vloer <= 1.3
