"""Property: no sequence of service calls leaves a deelname that breaks its variant's rule."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coalities import services
from coalities.models import Coalitie, Deelname
from tests.coalities.factories import beheerder
from coalities.services import ToezeggingGegevens
from drechtsteden.permissions import systeem
from tests.factories import OrganisatieFactory, ThemaFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)

bedragen = st.one_of(st.none(), st.decimals(min_value=-10, max_value=10_000, places=2, allow_nan=False))
datums = st.one_of(st.none(), st.dates(min_value=datetime.date(2025, 6, 1), max_value=datetime.date(2027, 6, 1)))
toezegging_gegevens = st.builds(
    ToezeggingGegevens,
    soort=st.sampled_from(["geld", "menskracht", "kennis"]),
    hoeveelheid=bedragen,
    eenheid=st.sampled_from(["", "euro", "uren", "fte"]),
    omschrijving=st.sampled_from(["", "Advies"]),
    jaar_van=st.integers(2025, 2028),
    jaar_tot=st.integers(2025, 2028),
)

geldige_toezegging = st.builds(
    ToezeggingGegevens, soort=st.just("geld"), hoeveelheid=st.decimals(min_value=1, max_value=10_000, places=2),
    eenheid=st.just("euro"), omschrijving=st.just(""), jaar_van=st.just(2026), jaar_tot=st.just(2027),
)
# Well-formed input per variant, so that many calls succeed and the sequences reach varied states.
keuzes = st.one_of(
    st.tuples(st.just("volledig"), st.none(), st.none(), st.none(), geldige_toezegging),
    st.tuples(st.just("solidariteit"), st.decimals(min_value=1, max_value=10_000, places=2), st.none(), st.none(),
              st.none()),
    st.tuples(st.just("instap"), st.none(), st.dates(datetime.date(2026, 1, 2), datetime.date(2026, 12, 31)),
              st.decimals(min_value=0, max_value=5_000, places=2), geldige_toezegging),
    st.tuples(st.just("geen"), st.none(), st.none(), st.none(), st.none()),
)

stappen = st.lists(
    st.one_of(
        st.tuples(st.just("deelname"), st.integers(0, 1), keuzes, st.booleans()).map(
            lambda t: (t[0], t[1], *t[2], t[3])
        ),
        st.tuples(
            st.just("deelname"), st.integers(0, 1), st.sampled_from(list(Deelname.Variant.values)),
            bedragen, datums, bedragen, st.one_of(st.none(), toezegging_gegevens), st.booleans(),
        ),
        st.tuples(st.just("toezegging"), st.integers(0, 1), toezegging_gegevens),
        st.tuples(st.just("intrekken"), st.integers(0, 1)),
        st.tuples(st.just("start"), datums),
        st.tuples(st.just("omzetten"), st.dates(min_value=datetime.date(2025, 6, 1), max_value=datetime.date(2027, 12, 31))),
    ),
    max_size=12,
)


def assert_variant_rule_holds(deelname: Deelname) -> None:
    aantal = deelname.toezeggingen.count()
    coalitie = Coalitie.objects.get(pk=deelname.coalitie_id)
    if deelname.variant == "volledig":
        assert aantal >= 1
        assert deelname.solidariteitsbijdrage is None
        assert (deelname.instapdatum is None) == (deelname.instapfee is None)
    elif deelname.variant == "solidariteit":
        assert aantal == 0
        assert deelname.solidariteitsbijdrage is not None and deelname.solidariteitsbijdrage > 0
        assert deelname.instapdatum is None and deelname.instapfee is None
    elif deelname.variant == "instap":
        assert aantal >= 1
        assert deelname.instapfee is not None and deelname.instapfee >= 0
        assert coalitie.startdatum is not None and deelname.instapdatum > coalitie.startdatum
        assert deelname.solidariteitsbijdrage is None
    else:
        assert deelname.variant == "geen"
        assert aantal == 0
        assert deelname.solidariteitsbijdrage is None and deelname.instapdatum is None and deelname.instapfee is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stappen=stappen)
def test_no_sequence_of_service_calls_breaks_a_variant_rule(stappen):
    """Whatever the order and input of service calls, every deelname keeps its variant's rule."""
    with transaction.atomic():
        thema = ThemaFactory(slug="bereikbaarheid")
        organisaties = [OrganisatieFactory(naam="Papendrecht", cbs_code="GM0590"),
                        OrganisatieFactory(naam="Sliedrecht", cbs_code="GM0610")]
        coalitie = services.coalitie_create(
            naam="Regionale fietsroutes", thema=thema, trekker=organisaties[0], startdatum=START,
            status=Coalitie.Status.IN_VORMING, door=beheerder(),
        )
        for stap in stappen:
            try:
                _voer_uit(stap, coalitie, organisaties)
                event(f"{stap[0]}: uitgevoerd")
            except ValidationError:
                event(f"{stap[0]}: geweigerd")
            for deelname in Deelname.objects.all():
                assert_variant_rule_holds(deelname)
        transaction.set_rollback(True)


def _voer_uit(stap, coalitie, organisaties) -> None:
    soort = stap[0]
    if soort == "deelname":
        _, i, variant, bijdrage, instapdatum, fee, eerste, verouderd = stap
        bestaande = Deelname.objects.filter(coalitie=coalitie, organisatie=organisaties[i]).first()
        gegevens = dict(
            coalitie=coalitie, organisatie=organisaties[i], variant=variant,
            solidariteitsbijdrage=bijdrage, instapdatum=instapdatum, instapfee=fee, eerste_toezegging=eerste, door=beheerder(),
        )
        if bestaande is None:
            services.deelname_create(**gegevens)
        else:
            services.deelname_update(**gegevens, versie=bestaande.versie - (1 if verouderd else 0))
    elif soort == "toezegging":
        deelname = Deelname.objects.filter(coalitie=coalitie, organisatie=organisaties[stap[1]]).first()
        if deelname:
            services.toezegging_create(deelname=deelname, gegevens=stap[2], door=beheerder())
    elif soort == "intrekken":
        deelname = Deelname.objects.filter(coalitie=coalitie, organisatie=organisaties[stap[1]]).first()
        toezegging = deelname.toezeggingen.first() if deelname else None
        if toezegging:
            services.toezegging_delete(toezegging=toezegging, versie=toezegging.versie, door=beheerder())
    elif soort == "start":
        services.coalitie_update(coalitie=Coalitie.objects.get(pk=coalitie.pk), startdatum=stap[1], door=beheerder())
    elif soort == "omzetten":
        services.instap_omzetten(peildatum=stap[1], door=systeem())


def test_property_checker_catches_a_broken_deelname():
    """The checker used above really fails on a volledig deelname without commitments."""
    thema = ThemaFactory()
    organisatie = OrganisatieFactory()
    coalitie = Coalitie.objects.create(naam="X", thema=thema, trekker=organisatie)
    deelname = Deelname.objects.create(coalitie=coalitie, organisatie=organisatie, variant="volledig")
    with pytest.raises(AssertionError):
        assert_variant_rule_holds(deelname)

