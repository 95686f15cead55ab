"""Every write of the coalities app refuses a user without the right, and then stores nothing.

Each case calls one service as users without the right (a raadslid of the trekker, programme staff of
another organisation, a bestuurder of the trekker, …) and expects PermissionDenied with every row as it
was; the allowed user's call succeeds. A public function of the services or imports module that writes
must take a required keyword-only ``door`` and have a case here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied

from coalities import imports, services
from coalities.models import Coalitie, Deelname, Realisatie, ResultaatEnLes, Toezegging, Voortgangsrapportage
from coalities.services import ToezeggingGegevens
from drechtsteden.models import Rol
from drechtsteden.permissions import systeem
from tests.coalities.factories import CoalitieFactory, DeelnameFactory, ToezeggingFactory
from tests.factories import GebruikerFactory, OrganisatieFactory, ThemaFactory
from tests.rechten import namen_zonder_verplichte_door, schrijvende_functies, stand

pytestmark = pytest.mark.django_db

KENNIS = ToezeggingGegevens(
    soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Verkeerskundige kennis", jaar_van=2026, jaar_tot=2026
)
MODELLEN = (Coalitie, Coalitie.afhankelijkheden.through, Deelname, Toezegging, Realisatie, Voortgangsrapportage,
            ResultaatEnLes)


@pytest.fixture
def w():
    """Dordrecht leads a coalition it takes part in fully; Sliedrecht is another organisation, entering later."""
    dordrecht = OrganisatieFactory(naam="Dordrecht")
    sliedrecht = OrganisatieFactory(naam="Sliedrecht")
    w = SimpleNamespace(dordrecht=dordrecht, sliedrecht=sliedrecht, thema=ThemaFactory())
    w.gebruikers = {
        "medewerker": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        "raadslid": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.RAADSLID]),
        "bestuurder": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.BESTUURDER]),
        "manager_sdd": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.MANAGER_SDD]),
        "andere_medewerker": GebruikerFactory(organisatie=sliedrecht, rollen=[Rol.Soort.PROGRAMMAMEDEWERKER]),
        "beheerder": GebruikerFactory(organisatie=dordrecht, rollen=[Rol.Soort.BEHEERDER]),
    }
    w.gebruikers["systeem"] = systeem()
    w.coalitie = CoalitieFactory(naam="Fietsroute", thema=w.thema, trekker=dordrecht)
    w.leeg = CoalitieFactory(naam="Deelauto", thema=w.thema, trekker=dordrecht)
    w.deelname = DeelnameFactory(coalitie=w.coalitie, organisatie=dordrecht, variant=Deelname.Variant.VOLLEDIG)
    w.toezegging = ToezeggingFactory(deelname=w.deelname)
    w.tweede = ToezeggingFactory(deelname=w.deelname, soort="kennis", hoeveelheid=None, eenheid="", omschrijving="Advies")
    w.instap = DeelnameFactory(coalitie=w.coalitie, organisatie=sliedrecht, instapper=True)
    ToezeggingFactory(deelname=w.instap)
    w.realisatie = Realisatie.objects.create(toezegging=w.toezegging, jaar=2026, kwartaal=1, hoeveelheid=Decimal("100"))
    w.rapportage = Voortgangsrapportage.objects.create(
        coalitie=w.coalitie, jaar=2026, kwartaal=1, status=Voortgangsrapportage.Status.OP_KOERS, tekst="Op schema."
    )
    return w


@dataclass(frozen=True)
class Geval:
    """One write: how to call it as ``door``, who may, and who may not."""

    aanroep: Callable[[SimpleNamespace, object], object]
    toegestaan: str
    geweigerd: tuple[str, ...]


BUITEN_DE_TREKKER = ("raadslid", "bestuurder", "manager_sdd", "andere_medewerker")


def _import_coalitie(w, door):
    dataset = imports.lees_dataset(b"naam,thema,trekker\nRegionale laadpalen,%s,Dordrecht\n" % w.thema.naam.encode(), "c.csv")
    resultaat = imports.importeer(soort="coalities", dataset=dataset, door=door, opslaan=True)
    assert resultaat.opgeslagen, [r.fouten for r in resultaat.rijen]


GEVALLEN: dict[str, Geval] = {
    "coalitie_create": Geval(
        lambda w, door: services.coalitie_create(door=door, naam="Laadpalen", thema=w.thema, trekker=w.dordrecht),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "coalitie_update": Geval(
        lambda w, door: services.coalitie_update(coalitie=w.coalitie, door=door, doel="Een veilige fietsroute."),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    # Handing the lead to another organisation is for a beheerder only, not for the trekker's own staff.
    "coalitie_update_trekker": Geval(
        lambda w, door: services.coalitie_update(coalitie=w.coalitie, door=door, trekker=w.sliedrecht),
        "beheerder", ("medewerker", *BUITEN_DE_TREKKER),
    ),
    "deelname_create": Geval(
        lambda w, door: services.deelname_create(
            coalitie=w.leeg, organisatie=w.dordrecht, variant="solidariteit", door=door,
            solidariteitsbijdrage=Decimal("5000"),
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    # Sliedrecht's own staff turn its later entry into full participation; Dordrecht's may not.
    "deelname_update": Geval(
        lambda w, door: services.deelname_update(
            coalitie=w.coalitie, organisatie=w.sliedrecht, variant="volledig", versie=w.instap.versie, door=door,
        ),
        "andere_medewerker", ("medewerker", "raadslid", "bestuurder"),
    ),
    # Sliedrecht's own staff withdraw its commitments and leave the coalition in one go; nobody else may.
    "deelname_update_met_intrekking": Geval(
        lambda w, door: services.deelname_update_met_intrekking(
            coalitie=w.coalitie, organisatie=w.sliedrecht, variant="geen", versie=w.instap.versie,
            toezeggingen={t.pk: t.versie for t in w.instap.toezeggingen.all()}, door=door,
        ),
        "andere_medewerker", ("medewerker", "raadslid", "bestuurder", "manager_sdd"),
    ),
    "instap_omzetten": Geval(
        lambda w, door: services.instap_omzetten(peildatum=datetime.date(2026, 7, 1), door=door),
        "systeem", ("medewerker", "andere_medewerker", "raadslid", "manager_sdd"),
    ),
    "toezegging_create": Geval(
        lambda w, door: services.toezegging_create(deelname=w.deelname, gegevens=KENNIS, door=door),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "toezegging_update": Geval(
        lambda w, door: services.toezegging_update(toezegging=w.tweede, versie=w.tweede.versie, gegevens=KENNIS, door=door),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "toezegging_delete": Geval(
        lambda w, door: services.toezegging_delete(toezegging=w.tweede, versie=w.tweede.versie, door=door),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "realisatie_create": Geval(
        lambda w, door: services.realisatie_create(
            toezegging=w.toezegging, jaar=2026, kwartaal=2, hoeveelheid=Decimal("50"), door=door
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "realisatie_update": Geval(
        lambda w, door: services.realisatie_update(
            realisatie=w.realisatie, versie=w.realisatie.versie, hoeveelheid=Decimal("150"), toelichting="Meer.",
            door=door,
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "voortgangsrapportage_create": Geval(
        lambda w, door: services.voortgangsrapportage_create(
            coalitie=w.coalitie, jaar=2026, kwartaal=2, status="aandacht", mijlpalen="", tekst="Vertraging.", door=door
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "voortgangsrapportage_update": Geval(
        lambda w, door: services.voortgangsrapportage_update(
            rapportage=w.rapportage, versie=w.rapportage.versie, status="kritiek", mijlpalen="", tekst="Stilstand.",
            door=door,
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "resultaat_en_les_create": Geval(
        lambda w, door: services.resultaat_en_les_create(
            coalitie=w.coalitie, soort="les", titel="Samen aanbesteden", tekst="Scheelt tijd.",
            datum=datetime.date(2026, 4, 1), door=door,
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "coalities_importeren": Geval(
        lambda w, door: services.coalities_importeren(
            nieuw=[Coalitie(naam="Laadpalen", thema=w.thema, trekker=w.dordrecht)], gewijzigd=[], door=door
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "deelnames_importeren": Geval(
        lambda w, door: services.deelnames_importeren(
            nieuw=[Deelname(coalitie=w.leeg, organisatie=w.dordrecht, variant="solidariteit",
                            solidariteitsbijdrage=Decimal("5000"))],
            gewijzigd=[], toezeggingen=[], door=door,
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    "toezeggingen_importeren": Geval(
        lambda w, door: services.toezeggingen_importeren(
            nieuw=[Toezegging(deelname=w.deelname, soort="kennis", omschrijving="Data", jaar_van=2026, jaar_tot=2026)],
            gewijzigd=[], door=door,
        ),
        "medewerker", BUITEN_DE_TREKKER,
    ),
    # Programme staff of another organisation may import (each row is then refused on its own);
    # who may not start a coalition at all is refused the import as a whole.
    "importeer": Geval(_import_coalitie, "medewerker", ("raadslid", "bestuurder", "manager_sdd")),
}

# Public functions of the modules that only read or check; everything else writes.
LEZEND = {
    services: {
        "wijziging_omschrijven", "gewijzigde_velden", "controleer_coalitie_aanmaken",
        "controleer_coalitie_wijzigen", "controleer_deelname", "controleer_deelname_wijzigen",
        "controleer_variantvelden", "controleer_toezeggingvelden",
    },
    imports: {"lees_dataset"},
}


@pytest.mark.parametrize(
    ("naam", "wie"), [(naam, wie) for naam, geval in GEVALLEN.items() for wie in geval.geweigerd]
)
def test_a_user_without_the_right_is_refused_and_nothing_is_saved(w, naam, wie):
    geval = GEVALLEN[naam]
    voor = stand(*MODELLEN)
    with pytest.raises(PermissionDenied):
        geval.aanroep(w, w.gebruikers[wie])
    assert stand(*MODELLEN) == voor


@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_the_allowed_user_writes(w, naam):
    geval = GEVALLEN[naam]
    voor = stand(*MODELLEN)
    geval.aanroep(w, w.gebruikers[geval.toegestaan])
    assert stand(*MODELLEN) != voor


def test_every_write_takes_a_required_door_and_has_a_refusal_case():
    for module, lezend in LEZEND.items():
        schrijvend = schrijvende_functies(module, lezend)
        assert namen_zonder_verplichte_door(module, schrijvend) == [], module.__name__
        assert schrijvend <= {naam.removesuffix("_trekker") for naam in GEVALLEN}, module.__name__
