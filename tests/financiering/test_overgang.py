"""The arithmetic of joining and leaving (financiering/overgang.py): worked examples in euros, and the boundaries."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financiering import overgang, verdeling
from financiering.overgang import Bedragen, Regel

D = Decimal
d = datetime.date

# The default rules of the data migration, as the computation reads them.
SAMENWERKING = Regel(opzegtermijn_maanden=12, terugwerkend_dagen=30, financiering_per="eerste_januari",
                     verschuldigd="volledig_jaar", component_2_loopt_door=True)
TAFEL = Regel(opzegtermijn_maanden=6, terugwerkend_dagen=30, financiering_per="eerste_januari",
              verschuldigd="naar_rato", component_2_loopt_door=True)
COALITIE = Regel(opzegtermijn_maanden=3, terugwerkend_dagen=30, financiering_per="eerste_januari",
                 verschuldigd="naar_rato")

JAAR_2026 = Bedragen(D("31250.00"), D("52000.00"), D("9000.00"))


def test_leaving_the_cooperation_owes_every_year_until_the_financing_changes():
    """Notice on 15 March 2026, twelve months: the leave takes effect on 15 March 2027 and the financing
    changes on 1 January 2028; 2026 is owed in full, and 2027 in full by the rule (not yet adopted: € 0,00)."""
    uitkomst = overgang.bereken(SAMENWERKING, d(2026, 3, 15), {2026: JAAR_2026}, vandaag=d(2026, 3, 15))
    assert uitkomst.ingangsdatum == d(2027, 3, 15)
    assert uitkomst.financiering_per == d(2028, 1, 1)
    assert uitkomst.jaren == [2026, 2027]
    j2026, j2027 = uitkomst.per_jaar
    assert j2026.bedragen == JAAR_2026 and j2026.maanden == (12, 12, 12) and j2026.vastgesteld
    assert j2027.maanden == (12, 12, 12) and not j2027.vastgesteld and j2027.totaal == D("0.00")
    assert uitkomst.totaal == D("92250.00")


def test_pro_rata_until_the_leave_takes_effect_on_the_first_of_a_month():
    """Notice on 1 February 2026, six months: out on 1 August, so January to July (7/12) are owed:
    € 9.000,00 × 7/12 = € 5.250,00 and € 10.000,00 × 7/12 = € 5.833,33 (rounded half up)."""
    regel = Regel(opzegtermijn_maanden=6, financiering_per="eerste_januari", verschuldigd="naar_rato")
    bedragen = {2026: Bedragen(D("10000.00"), D("0.00"), D("9000.00"))}
    uitkomst = overgang.bereken(regel, d(2026, 2, 1), bedragen, vandaag=d(2026, 2, 1))
    assert uitkomst.ingangsdatum == d(2026, 8, 1)
    (j2026,) = uitkomst.per_jaar
    assert j2026.maanden == (7, 7, 7)
    assert j2026.bedragen == Bedragen(D("5833.33"), D("0.00"), D("5250.00"))


def test_component_3_in_several_coalitions_owes_the_months_of_each_share():
    """Two coalitions of € 5.000,00 each, left after seven months: the allocation charges each 7/12 rounded to
    the cent (€ 2.916,67 twice), so € 5.833,34 is owed, not 7/12 of the sum (€ 5.833,33)."""
    regel = Regel(financiering_per="eerste_van_maand", verschuldigd="naar_rato")
    bedragen = Bedragen(component_3=D("10000.00"), delen_3=(D("5000.00"), D("5000.00")))
    uitkomst = overgang.bereken(regel, d(2026, 7, 15), {2026: bedragen}, vandaag=d(2026, 7, 15))
    assert uitkomst.per_jaar[0].maanden[2] == 7
    assert uitkomst.per_jaar[0].bedragen.component_3 == D("5833.34") == 2 * verdeling.deel_van_jaar(D("5000.00"), 7)
    zonder_delen = overgang.bereken(regel, d(2026, 7, 15), {2026: Bedragen(component_3=D("10000.00"))},
                                    vandaag=d(2026, 7, 15))
    assert zonder_delen.per_jaar[0].bedragen.component_3 == D("5833.33")


def test_a_leave_later_in_the_month_pays_that_month():
    regel = Regel(opzegtermijn_maanden=0, verschuldigd="naar_rato")
    uitkomst = overgang.bereken(regel, d(2026, 5, 15), {2026: Bedragen(component_3=D("1000.00"))}, vandaag=d(2026, 5, 15))
    assert uitkomst.per_jaar[0].maanden[2] == 5  # January to May
    assert uitkomst.per_jaar[0].bedragen.component_3 == D("416.67")  # 1.000 × 5/12 = 416,666…


def test_component_2_continues_until_the_financing_changes():
    """A partner at a table leaves on 1 August 2026 (notice 1 February, six months): components 1 and 3
    pro rata, but its fixed contribution (component 2) runs until 1 January 2027: the full € 10.000,00."""
    bedragen = {2026: Bedragen(D("1200.00"), D("10000.00"), D("0.00"))}
    uitkomst = overgang.bereken(TAFEL, d(2026, 2, 1), bedragen, vandaag=d(2026, 2, 1))
    (j2026,) = uitkomst.per_jaar
    assert j2026.maanden == (7, 12, 7)
    assert j2026.bedragen == Bedragen(D("700.00"), D("10000.00"), D("0.00"))


def test_notice_period_crossing_a_year():
    """Notice on 1 September 2026 with six months: out on 1 March 2027. 2026 is owed in full, 2027 two
    months pro rata, and component 2 all of 2027 because the financing changes on 1 January 2028."""
    bedragen = {2026: Bedragen(D("1200.00"), D("2400.00"), D("3600.00")),
                2027: Bedragen(D("1200.00"), D("2400.00"), D("3600.00"))}
    uitkomst = overgang.bereken(TAFEL, d(2026, 9, 1), bedragen, vandaag=d(2026, 9, 1))
    assert uitkomst.ingangsdatum == d(2027, 3, 1)
    assert uitkomst.financiering_per == d(2028, 1, 1)
    j2026, j2027 = uitkomst.per_jaar
    assert j2026.maanden == (12, 12, 12) and j2026.totaal == D("7200.00")
    assert j2027.maanden == (2, 12, 2)
    assert j2027.bedragen == Bedragen(D("200.00"), D("2400.00"), D("600.00"))
    assert uitkomst.totaal == D("10400.00")


def test_a_leave_on_1_january_owes_nothing_for_that_year():
    """Out on 1 January 2027 (notice on 1 October 2026, three months): 2026 in full, 2027 nothing, and the
    financing changes on that same 1 January."""
    uitkomst = overgang.bereken(COALITIE, d(2026, 10, 1), {2026: Bedragen(component_3=D("9000.00"))},
                                vandaag=d(2026, 10, 1))
    assert uitkomst.ingangsdatum == d(2027, 1, 1)
    assert uitkomst.financiering_per == d(2027, 1, 1)
    assert uitkomst.jaren == [2026]
    assert uitkomst.totaal == D("9000.00")
    zonder_termijn = overgang.bereken(Regel(verschuldigd="volledig_jaar"), d(2027, 1, 1), {2027: JAAR_2026},
                                      vandaag=d(2027, 1, 1))
    assert zonder_termijn.jaren == [2027]
    assert zonder_termijn.per_jaar[0].maanden == (0, 0, 0) and zonder_termijn.totaal == D("0.00")


def test_on_31_december_the_whole_year_is_owed():
    uitkomst = overgang.bereken(Regel(verschuldigd="naar_rato"), d(2026, 12, 31), {2026: JAAR_2026}, vandaag=d(2026, 12, 31))
    assert uitkomst.financiering_per == d(2027, 1, 1)
    assert uitkomst.per_jaar[0].bedragen == JAAR_2026


def test_nothing_owed_by_rule_and_full_year_by_rule():
    bedragen = {2026: JAAR_2026}
    niets = overgang.bereken(Regel(verschuldigd="niets"), d(2026, 6, 10), bedragen, vandaag=d(2026, 6, 10))
    assert niets.totaal == D("0.00")
    volledig = overgang.bereken(Regel(verschuldigd="volledig_jaar"), d(2026, 6, 10), bedragen, vandaag=d(2026, 6, 10))
    assert volledig.totaal == JAAR_2026.totaal


def test_no_financing_that_year():
    uitkomst = overgang.bereken(COALITIE, d(2026, 4, 1), {}, vandaag=d(2026, 4, 1))
    assert [j.vastgesteld for j in uitkomst.per_jaar] == [False]
    assert uitkomst.totaal == D("0.00")


@pytest.mark.parametrize(("per", "verwacht"), [
    ("ingang", d(2026, 8, 15)), ("eerste_van_maand", d(2026, 9, 1)), ("eerste_januari", d(2027, 1, 1)),
])
def test_when_the_financing_changes(per, verwacht):
    regel = Regel(opzegtermijn_maanden=6, financiering_per=per)
    assert overgang.financiering_per(regel, overgang.ingangsdatum(regel, d(2026, 2, 15))) == verwacht


def test_first_of_month_on_the_first_is_that_day():
    assert overgang.financiering_per(Regel(financiering_per="eerste_van_maand"), d(2026, 9, 1)) == d(2026, 9, 1)


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert overgang.plus_maanden(d(2026, 8, 31), 6) == d(2027, 2, 28)
    assert overgang.plus_maanden(d(2027, 8, 31), 6) == d(2028, 2, 29)
    assert overgang.plus_maanden(d(2026, 11, 30), 14) == d(2028, 1, 30)


def test_a_date_further_in_the_past_than_the_rule_allows_is_refused():
    vandaag = d(2026, 3, 1)
    overgang.bereken(TAFEL, vandaag - datetime.timedelta(days=30), {}, vandaag=vandaag)  # just allowed
    with pytest.raises(overgang.OvergangFout, match="hooguit 30 dagen in het verleden"):
        overgang.bereken(TAFEL, vandaag - datetime.timedelta(days=31), {}, vandaag=vandaag)
    with pytest.raises(overgang.OvergangFout, match="niet in het verleden"):
        overgang.bereken(Regel(terugwerkend_dagen=0), d(2026, 2, 28), {}, vandaag=vandaag)


def test_a_change_after_2100_is_refused():
    with pytest.raises(overgang.OvergangFout, match="na 2100"):
        overgang.bereken(TAFEL, d(2100, 7, 1), {}, vandaag=d(2100, 7, 1))


def test_joining_pays_from_the_entry_date_as_the_instap_model_does():
    """Joining on 15 July 2026 pro rata: August to December, € 12.000,00 × 5/12 = € 5.000,00; and the year
    after in full (not adopted yet: € 0,00)."""
    regel = Regel(richting="toetreding", financiering_per="ingang", verschuldigd="naar_rato")
    uitkomst = overgang.bereken(regel, d(2026, 7, 15), {2026: Bedragen(component_3=D("12000.00"))}, vandaag=d(2026, 7, 15))
    assert uitkomst.jaren == [2026, 2027]
    assert uitkomst.per_jaar[0].bedragen.component_3 == D("5000.00")
    assert uitkomst.per_jaar[1].maanden == (12, 12, 12) and not uitkomst.per_jaar[1].vastgesteld
    gratis = overgang.bereken(Regel(richting="toetreding", verschuldigd="niets"), d(2026, 7, 15),
                              {2026: Bedragen(component_3=D("12000.00"))}, vandaag=d(2026, 7, 15))
    assert gratis.totaal == D("0.00")


@given(st.dates(min_value=d(2000, 1, 1), max_value=d(2099, 12, 31)), st.integers(min_value=2000, max_value=2100))
def test_a_leaver_and_an_entrant_on_the_same_day_share_each_month_once(datum, jaar):
    """No month is paid twice or not at all when one party leaves and another joins on the same day, and
    the entrant's months are the engine's `instapfactor`."""
    assert overgang.maanden_lid(datum, jaar) + overgang.maanden_vanaf(datum, jaar) == 12
    assert Fraction(overgang.maanden_vanaf(datum, jaar), 12) == verdeling.instapfactor(datum, jaar)


@given(st.dates(min_value=d(2000, 1, 1), max_value=d(2095, 12, 31)), st.integers(min_value=0, max_value=60),
       st.sampled_from(["ingang", "eerste_van_maand", "eerste_januari"]))
def test_the_financing_never_changes_before_the_leave_takes_effect(datum, maanden, per):
    regel = Regel(opzegtermijn_maanden=maanden, financiering_per=per)
    ingang = overgang.ingangsdatum(regel, datum)
    assert datum <= ingang <= overgang.financiering_per(regel, ingang)
    assert (overgang.financiering_per(regel, ingang) - ingang).days < 366


def test_a_partner_joining_a_table_pays_from_the_first_of_the_next_month():
    """The default rule for a table: a partner admitted on 15 July 2026 pays its fixed € 12.000,00 from
    1 August: 5/12 = € 5.000,00 in 2026, then € 12.000,00 in 2027."""
    regel = Regel(richting="toetreding", terugwerkend_dagen=30, financiering_per="eerste_van_maand", verschuldigd="naar_rato")
    vast = Bedragen(component_2=D("12000.00"))
    uitkomst = overgang.bereken(regel, d(2026, 7, 15), {2026: vast, 2027: vast}, vandaag=d(2026, 7, 15))
    assert (uitkomst.ingangsdatum, uitkomst.financiering_per) == (d(2026, 7, 15), d(2026, 8, 1))
    assert [(j.jaar, j.maanden[1], j.bedragen.component_2) for j in uitkomst.per_jaar] == [
        (2026, 5, D("5000.00")), (2027, 12, D("12000.00"))]
    assert uitkomst.totaal == D("17000.00")


def test_a_join_whose_financing_starts_on_1_january_pays_nothing_before_it():
    """Joined on 15 July 2026 with 'financing changes on 1 January': pro rata counts from that date, so
    nothing in 2026 and all of 2027."""
    regel = Regel(richting="toetreding", financiering_per="eerste_januari", verschuldigd="naar_rato")
    vast = Bedragen(component_3=D("12000.00"))
    uitkomst = overgang.bereken(regel, d(2026, 7, 15), {2026: vast, 2027: vast}, vandaag=d(2026, 7, 15))
    assert [(j.jaar, j.maanden[2]) for j in uitkomst.per_jaar] == [(2026, 0), (2027, 12)]


def _vastgelegd(richting, **maanden):
    return overgang.Vastgelegd(richting, {int(j[1:]): m for j, m in maanden.items()})


def test_the_allocation_reads_each_year_from_the_record_that_decides_it():
    """A leave recorded for 2026 (5 months paid): before 2026 the organisation took part all year, in 2026 it
    pays 5 months, after it the current state applies (it has left). A join recorded for 2027–2028: nothing
    before, its months in those years, the current state after."""
    uit = _vastgelegd(overgang.UITTREDING, j2026=(5, 12, 5))
    assert overgang.stand_in_jaar([uit], 2025) == (uit, (12, 12, 12))
    assert overgang.stand_in_jaar([uit], 2026) == (uit, (5, 12, 5))
    assert overgang.stand_in_jaar([uit], 2027) == (uit, None)
    toe = _vastgelegd(overgang.TOETREDING, j2027=(0, 5, 5), j2028=(12, 12, 12))
    assert overgang.stand_in_jaar([toe], 2026) == (toe, (0, 0, 0))
    assert overgang.stand_in_jaar([toe], 2027) == (toe, (0, 5, 5))
    assert overgang.stand_in_jaar([toe], 2029) == (toe, None)
    # Left in 2026, back in 2027: each year follows the latest record that started before or in it.
    assert overgang.stand_in_jaar([uit, toe], 2026) == (uit, (5, 12, 5))
    assert overgang.stand_in_jaar([uit, toe], 2027) == (toe, (0, 5, 5))
    assert overgang.stand_in_jaar([], 2026) == (None, None)
