"""The rules of the regiekamers as pure functions: composition, rota, ladder, periods and thresholds."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiekamer import rules

SEVEN = ["Alblasserdam", "Dordrecht", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht",
         "Zwijndrecht"]


def lid(org, rollen=("gemeentesecretaris",), rol=rules.LID, gemeente=True):
    return rules.Lid(persoon=f"P {org}", organisatie=org, is_drechtstedengemeente=gemeente, rollen=frozenset(rollen), rol=rol)


# --- composition -----------------------------------------------------------------------------------


def test_complete_ambtelijke_regiekamer_has_no_errors():
    """Seven secretaries and the manager SDD as linking pin make a complete ambtelijke regiekamer."""
    leden = [lid(g) for g in SEVEN] + [lid("Dordrecht", ("manager_sdd",), rules.VERBINDENDE_SCHAKEL)]
    assert rules.samenstelling_fouten(rules.AMBTELIJK, leden, SEVEN) == []


def test_missing_and_double_gemeenten_are_named():
    """A gemeente without its secretary and one with two are both reported by name, as is a missing linking pin."""
    leden = [lid(g) for g in SEVEN if g != "Sliedrecht"] + [lid("Papendrecht")]
    fouten = rules.samenstelling_fouten(rules.AMBTELIJK, leden, SEVEN)
    assert "Sliedrecht heeft geen gemeentesecretaris in de regiekamer." in fouten
    assert "Papendrecht heeft 2 leden in de regiekamer; het is er precies één." in fouten
    assert any("precies één manager SDD" in f for f in fouten)


def test_bestuurlijk_is_one_bestuurder_per_gemeente():
    """The bestuurlijke regiekamer takes bestuurders of Drechtstedengemeenten only, without a linking pin."""
    leden = [lid(g, ("bestuurder",)) for g in SEVEN]
    assert rules.samenstelling_fouten(rules.BESTUURLIJK, leden, SEVEN) == []
    assert "geen bestuurder" in rules.lid_toetsen(rules.BESTUURLIJK, lid("Sliedrecht"))
    assert "geen Drechtstedengemeente" in rules.lid_toetsen(
        rules.BESTUURLIJK, lid("Gorinchem", ("bestuurder",), gemeente=False))
    assert "geen verbindende schakel" in rules.lid_toetsen(
        rules.BESTUURLIJK, lid("Dordrecht", ("manager_sdd",), rules.VERBINDENDE_SCHAKEL))


def test_only_the_manager_sdd_is_linking_pin_and_never_a_candidate_chair():
    """A secretary cannot be the linking pin; the linking pin's organisation is no candidate for the chair by that seat."""
    assert "manager Smart Delta" in rules.lid_toetsen(rules.AMBTELIJK, lid("Sliedrecht", rol=rules.VERBINDENDE_SCHAKEL))
    leden = [lid("Sliedrecht"), lid("Dordrecht", ("manager_sdd",), rules.VERBINDENDE_SCHAKEL)]
    assert rules.kandidaten_voor_voorzitter(leden, []) == ["Sliedrecht"]


# --- rota ------------------------------------------------------------------------------------------


def test_rota_skips_dordrecht_and_starts_with_who_never_chaired():
    """With Sliedrecht chairing in 2026, the rota starts with the ones that never chaired, alphabetically."""
    kandidaten = rules.kandidaten_voor_voorzitter([lid(g) for g in SEVEN], ["Dordrecht"])
    rota = rules.rooster(kandidaten=kandidaten, historie={2026: "Sliedrecht"}, vanaf=2027, jaren=7)
    assert rota == [(2027, "Alblasserdam"), (2028, "Hardinxveld-Giessendam"), (2029, "Hendrik-Ido-Ambacht"),
                    (2030, "Papendrecht"), (2031, "Zwijndrecht"), (2032, "Sliedrecht"), (2033, "Alblasserdam")]


def test_manual_chair_that_breaks_the_rules_is_refused_with_the_reason():
    """Dordrecht, a second term before the others, a taken year and an out-of-order year are all refused."""
    kandidaten = [g for g in SEVEN if g != "Dordrecht"]
    hist = {2025: "Papendrecht", 2026: "Sliedrecht"}
    kwargs = dict(kandidaten=kandidaten, uitgesloten=["Dordrecht"], historie=hist)
    assert "Dordrecht is uitgesloten" in rules.voorzitter_toetsen(jaar=2027, organisatie="Dordrecht", **kwargs)
    fout = rules.voorzitter_toetsen(jaar=2027, organisatie="Papendrecht", **kwargs)
    assert "Papendrecht was voorzitter in 2025" in fout and "Alblasserdam" in fout and "Sliedrecht" not in fout
    assert "al een voorzitter vastgelegd: Sliedrecht" in rules.voorzitter_toetsen(jaar=2026, organisatie="Zwijndrecht", **kwargs)
    assert "op volgorde" in rules.voorzitter_toetsen(jaar=2024, organisatie="Zwijndrecht", **kwargs)
    assert rules.voorzitter_toetsen(jaar=2027, organisatie="Zwijndrecht", **kwargs) is None
    assert "geen gemeente met een lid" in rules.voorzitter_toetsen(jaar=2027, organisatie="Gorinchem", **kwargs)


NAMEN = st.lists(st.sampled_from(SEVEN + ["Hoeksche Waard", "Molenlanden", "Gorinchem"]), min_size=1, max_size=10,
                 unique=True)


@st.composite
def situatie(draw):
    """A member set, excluded organisations, and a valid history built by legal manual choices."""
    leden = draw(NAMEN)
    uitgesloten = draw(st.lists(st.sampled_from(leden), max_size=len(leden) - 1, unique=True))
    kandidaten = sorted(set(leden) - set(uitgesloten))
    hist: dict[int, str] = {}
    jaar = draw(st.integers(2000, 2040))
    for _i in range(draw(st.integers(0, 15))):
        toegestaan = [k for k in kandidaten if rules.voorzitter_toetsen(
            jaar=jaar, organisatie=k, kandidaten=kandidaten, uitgesloten=uitgesloten, historie=hist) is None]
        hist[jaar] = draw(st.sampled_from(toegestaan))
        jaar += 1
    return kandidaten, uitgesloten, hist, jaar


@settings(max_examples=300, deadline=None)
@given(situatie(), st.integers(1, 40))
def test_rota_is_fair_over_many_years_and_member_sets(s, jaren):
    """Property: one chair per year, never an excluded organisation, every proposal passes the manual-chair rule,
    everyone once before anyone twice, and the last chair does not chair again straight away."""
    kandidaten, uitgesloten, hist, vanaf = s
    rota = rules.rooster(kandidaten=kandidaten, historie=hist, vanaf=vanaf, jaren=jaren)
    assert [j for j, _ in rota] == list(range(vanaf, vanaf + jaren))
    opgebouwd = dict(hist)
    for jaar, org in rota:
        assert org in kandidaten and org not in uitgesloten
        assert rules.voorzitter_toetsen(jaar=jaar, organisatie=org, kandidaten=kandidaten, uitgesloten=uitgesloten,
                                        historie=opgebouwd) is None
        opgebouwd[jaar] = org
    namen = [org for _, org in rota]
    k = len(kandidaten)
    for i in range(len(namen)):
        assert len(set(namen[i:i + k])) == len(namen[i:i + k])  # k consecutive years: k different gemeenten
    if hist and k > 1:
        assert namen[0] != hist[max(hist)]
    nooit = [c for c in kandidaten if c not in hist.values()]
    assert namen[:len(nooit)] == nooit[:len(namen)]


@settings(max_examples=200, deadline=None)
@given(situatie())
def test_a_second_term_is_refused_while_someone_waits(s):
    """Property: whoever chaired is refused the next year as long as another candidate has not chaired since."""
    kandidaten, uitgesloten, hist, jaar = s
    for org in set(hist.values()) & set(kandidaten):
        laatste = max(j for j, o in hist.items() if o == org)
        wachtend = [k for k in kandidaten if k != org and k not in {o for j, o in hist.items() if j > laatste}]
        fout = rules.voorzitter_toetsen(jaar=jaar, organisatie=org, kandidaten=kandidaten, uitgesloten=uitgesloten,
                                        historie=hist)
        assert (fout is None) == (not wachtend)


# --- escalation ladder ----------------------------------------------------------------------------

LABELS = {"signalering": "Signalering", "ambtelijke_regiekamer": "Ambtelijke regiekamer",
          "bestuurlijke_regiekamer": "Bestuurlijke regiekamer", "colleges_raden": "Colleges en raden"}


@pytest.mark.parametrize("huidig", rules.LADDER)
@pytest.mark.parametrize("naar", rules.LADDER)
def test_ladder_moves_one_step_up_at_a_time(huidig, naar):
    """Only the next rung is allowed; skipping, staying and going down are refused with a reason."""
    fout = rules.opschalen_toetsen(huidig=huidig, naar=naar, open_=True, labels=LABELS)
    assert (fout is None) == (rules.LADDER.index(naar) == rules.LADDER.index(huidig) + 1)


def test_ladder_messages():
    """The reasons name the levels in Dutch."""
    assert rules.opschalen_toetsen(huidig="signalering", naar="bestuurlijke_regiekamer", open_=True, labels=LABELS) == (
        "Een escalatie gaat één stap tegelijk: na Signalering komt Ambtelijke regiekamer.")
    assert "gesloten" in rules.opschalen_toetsen(huidig="signalering", naar="ambtelijke_regiekamer", open_=False, labels=LABELS)
    assert "hoogste niveau" in rules.opschalen_toetsen(huidig="colleges_raden", naar="colleges_raden", open_=True, labels=LABELS)


def test_flag_after_the_set_number_of_weeks():
    """Open for more than eight weeks is flagged; exactly eight weeks or closed is not."""
    begin = datetime.date(2026, 1, 1)
    assert not rules.te_lang_open(geopend_op=begin, vandaag=begin + datetime.timedelta(weeks=8), open_=True, weken=8)
    assert rules.te_lang_open(geopend_op=begin, vandaag=begin + datetime.timedelta(weeks=8, days=1), open_=True, weken=8)
    assert not rules.te_lang_open(geopend_op=begin, vandaag=begin + datetime.timedelta(weeks=20), open_=False, weken=8)


# --- periods and thresholds -------------------------------------------------------------------------


def test_periods():
    """Half years, quarters and years parse to their first and last day; bad input gets a Dutch message."""
    assert rules.periode_parse("2026-H2") == rules.Periode(datetime.date(2026, 7, 1), datetime.date(2026, 12, 31), "2026-H2")
    assert rules.periode_parse("2026-q1").eind == datetime.date(2026, 3, 31)
    assert rules.periode_parse("2026-K4").code == "2026-Q4"
    assert [p.code for p in rules.periode_parse("2026-H1").vorige(3)] == ["2024-H2", "2025-H1", "2025-H2"]
    for fout in ("2026-H3", "2026-Q5", "1999", "volgend jaar", ""):
        with pytest.raises(ValueError):
            rules.periode_parse(fout)


def test_colours_with_reason():
    """Green, orange and red with a reason; lower-is-better indicators turn the scale around."""
    assert rules.kleur("stukken_op_tijd", Decimal(95))[0] == "groen"
    assert rules.kleur("stukken_op_tijd", Decimal(75)) == ("oranje", "Onder de norm van 90, niet onder de ondergrens van 70.")
    assert rules.kleur("stukken_op_tijd", Decimal(50))[0] == "rood"
    assert rules.kleur("escalaties_te_lang_open", 0)[0] == "groen"
    assert rules.kleur("escalaties_te_lang_open", 3) == ("rood", "Boven de grens van 1.")
    assert rules.kleur("acties_op_tijd", None)[0] == "geen"
    assert rules.trend([Decimal(50), None, Decimal(70)]) == "beter"
    assert rules.trend([Decimal(2), Decimal(1)], hoger_beter=False) == "beter"
