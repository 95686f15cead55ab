"""The samenwerkingsmonitor computed on hand-made data: values, colours with reasons, trends and scopes."""

import datetime
from decimal import Decimal

import pytest

from regiekamer import rules
from regiekamer.monitor import monitor
from tests.regiekamer.monitor_data import VANDAAG, monitor_wereld

pytestmark = pytest.mark.django_db
H2 = rules.periode_parse("2026-H2")


@pytest.fixture
def w():
    return monitor_wereld()


def test_network_indicators_on_hand_made_data(w):
    """Each indicator of the network in 2026-H2 has the value, text and colour the data was made for."""
    m = monitor(periode=H2, vandaag=VANDAAG)
    verwacht = {
        "stukken_op_tijd": (Decimal("50.0"), "50,0\u00a0%", "rood", "1 van 2 stukken op tijd"),
        "acties_op_tijd": (Decimal("50.0"), "50,0\u00a0%", "rood", "1 van 2 actiepunten op tijd gereed"),
        "geld_geleverd": (Decimal("40.0"), "40,0\u00a0%", "rood", "€\u00a02.000 geleverd van €\u00a05.000 toegezegd"),
        "uren_geleverd": (None, "—", "geen", "0 uur geleverd van 0 uur toegezegd"),
        "vergaderingen_gehouden": (Decimal("50.0"), "50,0\u00a0%", "oranje", "1 van 2 geplande vergaderingen gehouden"),
        "nog_geen_keuze": (Decimal(6), "6", "rood", "6 keuzes voor een deelnamevariant staan nog open"),
        "escalaties_te_lang_open": (Decimal(1), "1", "oranje", "1 van 1 open escalaties langer dan 8 weken open"),
        "coordinerend_ambtenaar": (Decimal("14.3"), "14,3\u00a0%", "rood", "1 van 7 gemeenten hebben een coördinerend ambtenaar"),
        "reflectie_gemiddeld": (Decimal("3.0"), "3,0", "oranje", "gemiddelde score (1–5) van 2 antwoorden"),
    }
    for code, (waarde, weergave, kleur, toelichting) in verwacht.items():
        i = m.indicator(code)
        assert (i.waarde, i.weergave, i.kleur, i.toelichting) == (waarde, weergave, kleur, toelichting), code
        assert i.reden
    assert m.indicator("stukken_op_tijd").reden == "Onder de ondergrens van 70."


def test_lists_and_checks(w):
    """Late papers, overdue actions, open choices, werkorganisatie gaps, process step and knelpunten are listed."""
    m = monitor(periode=H2, vandaag=VANDAAG)
    assert [s["titel"] for s in m.late_stukken] == ["Notitie te laat"]
    assert [a["omschrijving"] for a in m.te_late_acties] == ["Kosten ramen"]
    assert m.nog_geen_keuze[0][0] == w.coalitie and "Sliedrecht" not in m.nog_geen_keuze[0][1]
    assert "Alblasserdam heeft geen coördinerend ambtenaar." in m.werkorganisatie
    assert any("Tafel Bereikbaarheid: geen ambtenaar voor dit thema" in r for r in m.werkorganisatie)
    assert [(p.tafel, p.stap) for p in m.processtand] == [(w.tafel, "4_coalities")]
    assert [e.te_lang_open for e in m.escalaties_open] == [True]
    soorten = {k["soort"] for k in m.knelpunten}
    assert soorten == {"levering"}  # the kritiek coalition is already escalated
    assert dict(m.reflectie)["Eigenaarschap"] == Decimal("3.0")
    assert m.reflectie_per_gemeente == {"Papendrecht": [2] * 6, "Sliedrecht": [4] * 6}


def test_per_gemeente(w):
    """For Sliedrecht: its own action was on time, its delivery is 40%, it answered 4 and has no coördinator."""
    m = monitor(periode=H2, organisatie=w.gemeenten["Sliedrecht"], vandaag=VANDAAG)
    assert m.indicator("acties_op_tijd").weergave == "100,0\u00a0%"
    assert m.indicator("geld_geleverd").weergave == "40,0\u00a0%"
    assert m.indicator("reflectie_gemiddeld").waarde == Decimal("4.0")
    assert m.indicator("coordinerend_ambtenaar").kleur == "rood"
    assert m.indicator("nog_geen_keuze").waarde == 0
    hia = monitor(periode=H2, organisatie=w.gemeenten["Hendrik-Ido-Ambacht"], vandaag=VANDAAG)
    assert hia.indicator("coordinerend_ambtenaar").kleur == "groen"
    assert hia.indicator("escalaties_te_lang_open").waarde == 0


def test_trend_over_periods(w):
    """The series covers four half years; quarters work too."""
    m = monitor(periode=H2, vandaag=VANDAAG)
    assert [p for p, _w in m.indicator("stukken_op_tijd").reeks] == ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]
    assert m.indicator("stukken_op_tijd").trend == "onbekend"
    q3 = monitor(periode=rules.periode_parse("2026-Q3"), vandaag=VANDAAG)
    assert q3.indicator("stukken_op_tijd").weergave == "50,0\u00a0%"
    assert q3.indicator("geld_geleverd").toelichting == "€\u00a02.000 geleverd van €\u00a02.500 toegezegd"
    assert monitor(periode=rules.periode_parse("2026-Q4"), vandaag=VANDAAG).indicator("vergaderingen_gehouden").waarde == 0


def test_fixed_number_of_queries():
    """The monitor takes the same number of queries with one table or seven, for the network and a gemeente."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.regiekamer.monitor_data import meer_data

    w = monitor_wereld()
    with CaptureQueriesContext(connection) as klein:
        monitor(periode=H2, vandaag=VANDAAG)
        monitor(periode=H2, organisatie=w.gemeenten["Sliedrecht"], vandaag=VANDAAG)
    meer_data(w, 6)
    with CaptureQueriesContext(connection) as groot:
        monitor(periode=H2, vandaag=VANDAAG)
        monitor(periode=H2, organisatie=w.gemeenten["Sliedrecht"], vandaag=VANDAAG)
    assert len(klein) == len(groot) == 2 * 17  # 16 reads and the deelnames below their commitment, summed in one
