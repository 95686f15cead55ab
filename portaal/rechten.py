"""Roles × actions of every app, computed from the permission functions (``manage.py rechtenmatrix``).

Each action names its app, a Dutch label, the permission function and how to build the object it is
asked about. The functions are pure, so the objects are built unsaved (with fixed ids and the
prefetched relations the functions read): nothing touches the database. Where the answer depends on
the object, an action builds two — one that belongs to the user (their own organisation, the table
where they are secretary, …) and one that does not — and the table says on what it depends.
``docs/permissions.md`` is this module's output; a test fails when the two differ.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

from django.utils import translation

from coalities import permissions as coalities
from coalities.models import Coalitie, Deelname, Toezegging
from conferenties import permissions as conferenties
from conferenties.models import Cafetafel, Werkconferentie
from documenten import permissions as documenten
from meldingen import permissions as meldingen
from meldingen.models import Melding
from drechtsteden.models import Gebruiker, Organisatie, Rol
from financiering import permissions as financiering
from financiering.models import OpgeslagenScenario
from regiekamer import permissions as regiekamer
from regiekamer.models import Escalatie
from tafels import permissions as tafels
from tafels.models import Actiepunt, Agendapunt, BestuurlijkeTafel, Lidmaatschap, PriveNotitie, Vergadering

from . import permissions as portaal

# The apps with a permissions module, top to bottom; a mag_ function of one of them that is not in
# ACTIES (nor in NIET_IN_DE_MATRIX) makes the test fail.
APPS = ("portaal", "regiekamer", "financiering", "coalities", "conferenties", "tafels", "meldingen", "documenten")
EIGEN, ANDERE = 1, 2  # ids of the user's own organisation (a gemeente at the table) and another one
ANDERE_GEBRUIKER = 999


@dataclass(frozen=True)
class Actie:
    """One action: ``functie(gebruiker, object)``; ``andere`` builds the object that is not the user's."""

    app: str
    label: str
    functie: Callable[..., bool]
    eigen: Callable[[Gebruiker], Any] = lambda g: None
    andere: Callable[[Gebruiker], Any] | None = None
    voorwaarde: str = ""  # on what the answer depends, e.g. "eigen organisatie"
    vraag: Callable[[Gebruiker, Any], bool] | None = None  # when the function is asked otherwise

    def mag(self, gebruiker: Gebruiker, obj: Any) -> bool:
        if self.vraag is not None:
            return self.vraag(gebruiker, obj)
        parameters = list(inspect.signature(self.functie).parameters.values())
        if len(parameters) == 1:
            return self.functie(gebruiker)
        if parameters[0].kind is inspect.Parameter.KEYWORD_ONLY:
            return self.functie(**{parameters[0].name: gebruiker, parameters[1].name: obj})
        return self.functie(gebruiker, obj)


def gebruiker(rol: str) -> Gebruiker:
    """An unsaved user of the own organisation with one role (the roles read without a query)."""
    g = Gebruiker(pk=100 + Rol.Soort.values.index(rol), username=rol, organisatie=_organisatie(EIGEN))
    g.__dict__["rolcodes"] = frozenset({rol})
    return g


def _organisatie(pk: int) -> Organisatie:
    return Organisatie(pk=pk, naam=f"Organisatie {pk}", soort=Organisatie.Soort.DRECHTSTEDENGEMEENTE)


def _tafel(*, lid: bool = True, secretaris: int = ANDERE_GEBRUIKER) -> BestuurlijkeTafel:
    tafel = BestuurlijkeTafel(pk=1, naam="Tafel", secretaris_id=secretaris)
    tafel.leden_lijst = [Lidmaatschap(organisatie_id=EIGEN if lid else ANDERE, status=Lidmaatschap.Status.DEELNEMEND)]
    return tafel


def _vergadering(*, lid: bool = True, secretaris: int = ANDERE_GEBRUIKER, status=Vergadering.Status.CONCEPT) -> Vergadering:
    return Vergadering(pk=1, tafel=_tafel(lid=lid, secretaris=secretaris), status=status)


def _coalitie(trekker: int) -> Coalitie:
    return Coalitie(pk=1, naam="Coalitie", trekker_id=trekker)


def _toezegging(organisatie: int) -> Toezegging:
    return Toezegging(pk=1, deelname=Deelname(pk=1, organisatie_id=organisatie))


def _cafetafel(moderator: Gebruiker | None) -> Cafetafel:
    tafel = Cafetafel(pk=1, conferentie=Werkconferentie(pk=1), nummer=1)
    tafel._prefetched_objects_cache = {"moderatoren": [moderator] if moderator else []}
    return tafel


def _escalatie(niveau: str) -> Escalatie:
    return Escalatie(pk=1, niveau=niveau)


ORGANISATIE = "eigen organisatie"
SECRETARIS = "secretaris van de tafel"
AAN_TAFEL = "organisatie aan tafel"

ACTIES: tuple[Actie, ...] = (
    # --- portaal ---
    Actie("portaal", "Raadsinformatie van een gemeente inzien", portaal.mag_raadsinformatie_zien,
          lambda g: _organisatie(EIGEN), lambda g: _organisatie(ANDERE), ORGANISATIE),
    Actie("portaal", "Systeemstatus opvragen", portaal.mag_systeemcontrole_aanvragen),
    # --- regiekamer ---
    Actie("regiekamer", "Regiekamer beheren (leden, voorzitter)", regiekamer.mag_regiekamer_beheren),
    Actie("regiekamer", "Escalatie indienen", regiekamer.mag_escalatie_indienen),
    Actie("regiekamer", "Escalatie behandelen (opschalen, sluiten)", regiekamer.mag_escalatie_behandelen,
          lambda g: _escalatie(Escalatie.Niveau.BESTUURLIJK), lambda g: _escalatie(Escalatie.Niveau.AMBTELIJK),
          "vanaf de bestuurlijke regiekamer"),
    Actie("regiekamer", "Reflectieronde openen en sluiten", regiekamer.mag_ronde_beheren),
    Actie("regiekamer", "Reflectie invullen", regiekamer.mag_reflectie_invullen,
          lambda g: EIGEN, lambda g: ANDERE, "voor de eigen organisatie"),
    Actie("regiekamer", "Resultaten per gemeente inzien", regiekamer.mag_resultaten_per_gemeente_zien),
    Actie("regiekamer", "Monitoringsrapport laten maken", regiekamer.mag_rapport_maken),
    # --- financiering ---
    Actie("financiering", "Begroting, verdeelsleutels en bedragen vaststellen", financiering.mag_vaststellen),
    Actie("financiering", "Scenario doorrekenen", financiering.mag_scenario_doorrekenen),
    Actie("financiering", "Scenario bewaren", financiering.mag_scenario_opslaan),
    Actie("financiering", "Bewaard scenario wijzigen of verwijderen", financiering.mag_scenario_wijzigen,
          lambda g: OpgeslagenScenario(pk=1, gemaakt_door_id=g.pk),
          lambda g: OpgeslagenScenario(pk=1, gemaakt_door_id=ANDERE_GEBRUIKER), "eigen scenario"),
    Actie("financiering", "Uittreding uit de samenwerking vastleggen", financiering.mag_uittreding_samenwerking),
    Actie("financiering", "Toetreding tot de samenwerking vastleggen (met gevolgen)", financiering.mag_toetreding_samenwerking),
    Actie("financiering", "Uittreding uit een tafel vastleggen (met gevolgen)", financiering.mag_uittreding_tafel,
          lambda g: Lidmaatschap(pk=1, tafel=_tafel(secretaris=g.pk)), lambda g: Lidmaatschap(pk=1, tafel=_tafel()),
          SECRETARIS),
    Actie("financiering", "Uittreding uit een coalitie vastleggen (met gevolgen)", financiering.mag_uittreding_coalitie,
          lambda g: Deelname(pk=1, organisatie_id=EIGEN), lambda g: Deelname(pk=1, organisatie_id=ANDERE), ORGANISATIE),
    Actie("financiering", "Toetreding tot een tafel vastleggen (partner, of gemeente die weer deelneemt; met gevolgen)",
          financiering.mag_toetreding_tafel, lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("financiering", "Toetreding tot een coalitie vastleggen (met gevolgen)", financiering.mag_toetreding_coalitie,
          lambda g: _organisatie(EIGEN), lambda g: _organisatie(ANDERE), ORGANISATIE),
    # --- coalities ---
    Actie("coalities", "Coalitie starten", coalities.mag_coalitie_aanmaken,
          lambda g: _organisatie(EIGEN), lambda g: _organisatie(ANDERE), "eigen organisatie als trekker"),
    Actie("coalities", "Coalitie wijzigen", coalities.mag_coalitie_wijzigen,
          lambda g: _coalitie(EIGEN), lambda g: _coalitie(ANDERE), "eigen organisatie is trekker (of projectleider)"),
    Actie("coalities", "Trekker van een coalitie wijzigen", coalities.mag_trekker_wijzigen,
          lambda g: _coalitie(EIGEN), lambda g: _coalitie(ANDERE), "eigen organisatie is trekker"),
    Actie("coalities", "Coalities, deelnames en toezeggingen importeren", coalities.mag_importeren),
    Actie("coalities", "Deelname kiezen of wijzigen", coalities.mag_deelname_wijzigen,
          lambda g: EIGEN, lambda g: ANDERE, ORGANISATIE),
    Actie("coalities", "Toezegging toevoegen, wijzigen of intrekken", coalities.mag_toezegging_wijzigen,
          lambda g: _toezegging(EIGEN), lambda g: _toezegging(ANDERE), ORGANISATIE),
    Actie("coalities", "Realisatie vastleggen", coalities.mag_realisatie_vastleggen,
          lambda g: _toezegging(EIGEN), lambda g: _toezegging(ANDERE), ORGANISATIE),
    Actie("coalities", "Voortgang rapporteren", coalities.mag_voortgang_rapporteren,
          lambda g: _coalitie(EIGEN), lambda g: _coalitie(ANDERE), "eigen organisatie is trekker (of projectleider)"),
    Actie("coalities", "Resultaat of les vastleggen", coalities.mag_resultaat_vastleggen,
          lambda g: _coalitie(EIGEN), lambda g: _coalitie(ANDERE), "eigen organisatie is trekker (of projectleider)"),
    Actie("coalities", "Instap omzetten naar volledige deelname (nachtelijke taak)", coalities.mag_instap_omzetten),
    # --- conferenties ---
    Actie("conferenties", "Werkconferentie organiseren en indelen", conferenties.mag_conferentie_organiseren),
    Actie("conferenties", "Oogst van een cafétafel vastleggen", conferenties.mag_oogst_vastleggen,
          lambda g: _cafetafel(g), lambda g: _cafetafel(None), "moderator van de tafel"),
    Actie("conferenties", "Bericht op de muur plaatsen", conferenties.mag_muurbericht_plaatsen,
          lambda g: Werkconferentie(pk=1)),
    # --- tafels ---
    Actie("tafels", "Tafel bewerken (lidmaatschap, ambitie, vergaderingen, agenda)", tafels.mag_tafel_bewerken,
          lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("tafels", "Conceptagenda inzien", tafels.mag_concept_zien,
          lambda g: _tafel(), lambda g: _tafel(lid=False), AAN_TAFEL),
    Actie("tafels", "Vastgestelde vergaderingen inzien", tafels.mag_vergaderingen_zien,
          lambda g: _tafel(), lambda g: _tafel(lid=False), AAN_TAFEL),
    Actie("tafels", "Vergadering inzien (concept)", tafels.mag_vergadering_zien,
          lambda g: _vergadering(), lambda g: _vergadering(lid=False), AAN_TAFEL),
    Actie("tafels", "Aan- of afmelden voor een vergadering", tafels.mag_aanmelden,
          lambda g: _vergadering(), lambda g: _vergadering(lid=False), AAN_TAFEL,
          vraag=lambda g, v: tafels.mag_aanmelden(g, v, tafels.tafel_leden_ids(v.tafel))),
    Actie("tafels", "Privénotities bijhouden", tafels.mag_notities_bijhouden,
          lambda g: _vergadering(), lambda g: _vergadering(lid=False), AAN_TAFEL),
    Actie("tafels", "Privénotitie bij een agendapunt schrijven", tafels.mag_notitie_schrijven,
          lambda g: Agendapunt(pk=1, vergadering=_vergadering()),
          lambda g: Agendapunt(pk=1, vergadering=_vergadering(lid=False)), AAN_TAFEL),
    Actie("tafels", "Privénotitie lezen", tafels.mag_notitie_lezen,
          lambda g: PriveNotitie(pk=1, auteur_id=g.pk), lambda g: PriveNotitie(pk=1, auteur_id=ANDERE_GEBRUIKER),
          "eigen notitie"),
    Actie("tafels", "Agendapakket inzien", tafels.mag_agendapakket_zien,
          lambda g: _vergadering(), lambda g: _vergadering(lid=False), AAN_TAFEL),
    Actie("tafels", "Agendapakket laten maken", tafels.mag_agendapakket_maken,
          lambda g: _vergadering(), lambda g: _vergadering(lid=False), AAN_TAFEL),
    Actie("tafels", "Agendapakket verzenden", tafels.mag_agendapakket_verzenden,
          lambda g: _vergadering(secretaris=g.pk), lambda g: _vergadering(), SECRETARIS),
    Actie("tafels", "Stemregeling wijzigen", tafels.mag_stemregeling_wijzigen,
          lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("tafels", "Besluit of stemming vastleggen", tafels.mag_stemming_vastleggen,
          lambda g: Agendapunt(pk=1, vergadering=_vergadering(secretaris=g.pk)),
          lambda g: Agendapunt(pk=1, vergadering=_vergadering()), SECRETARIS),
    Actie("tafels", "Partner toelaten", tafels.mag_partner_toelaten,
          lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("tafels", "Tafel of regiekamer inrichten", tafels.mag_tafel_aanmaken),
    Actie("tafels", "Lidmaatschap wijzigen (afmelden, terugkeren, vertegenwoordiger)", tafels.mag_lidmaatschap_wijzigen,
          lambda g: Lidmaatschap(pk=1, tafel=_tafel(secretaris=g.pk)), lambda g: Lidmaatschap(pk=1, tafel=_tafel()),
          SECRETARIS),
    Actie("tafels", "Ambitie vaststellen", tafels.mag_ambitie_vaststellen,
          lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("tafels", "Vergadering plannen", tafels.mag_vergadering_plannen,
          lambda g: _tafel(secretaris=g.pk), lambda g: _tafel(), SECRETARIS),
    Actie("tafels", "Vergadering bewerken en verder zetten", tafels.mag_vergadering_bewerken,
          lambda g: _vergadering(secretaris=g.pk), lambda g: _vergadering(), SECRETARIS),
    Actie("tafels", "Agenda bewerken", tafels.mag_agenda_bewerken,
          lambda g: _vergadering(secretaris=g.pk), lambda g: _vergadering(), SECRETARIS),
    Actie("tafels", "Stuk uploaden", tafels.mag_stuk_uploaden,
          lambda g: Agendapunt(pk=1, vergadering=_vergadering(secretaris=g.pk)),
          lambda g: Agendapunt(pk=1, vergadering=_vergadering()), SECRETARIS),
    Actie("tafels", "Besluit vastleggen (consensus)", tafels.mag_besluit_vastleggen,
          lambda g: Agendapunt(pk=1, vergadering=_vergadering(secretaris=g.pk)),
          lambda g: Agendapunt(pk=1, vergadering=_vergadering()), SECRETARIS),
    Actie("tafels", "Actiepunt aanmaken", tafels.mag_actiepunt_aanmaken,
          lambda g: Agendapunt(pk=1, vergadering=_vergadering(secretaris=g.pk)),
          lambda g: Agendapunt(pk=1, vergadering=_vergadering()), SECRETARIS),
    Actie("tafels", "Actiepunt wijzigen", tafels.mag_actiepunt_wijzigen,
          lambda g: Actiepunt(pk=1, agendapunt=Agendapunt(pk=1, vergadering=_vergadering(secretaris=g.pk))),
          lambda g: Actiepunt(pk=1, agendapunt=Agendapunt(pk=1, vergadering=_vergadering())), SECRETARIS),
    # --- meldingen ---
    Actie("meldingen", "Melding lezen en als gelezen markeren", meldingen.mag_melding_lezen,
          lambda g: Melding(pk=1, ontvanger_id=g.pk), lambda g: Melding(pk=1, ontvanger_id=ANDERE_GEBRUIKER),
          "eigen melding"),
    Actie("meldingen", "Meldingsvoorkeuren wijzigen", meldingen.mag_voorkeuren_wijzigen,
          lambda g: g, lambda g: Gebruiker(pk=ANDERE_GEBRUIKER), "eigen voorkeuren"),
    Actie("meldingen", "Anderen een melding laten krijgen (na een wijziging)", meldingen.mag_melden),
    # --- documenten ---
    Actie("documenten", "Document bouwen en de uitkomst vastleggen (het portaal zelf)", documenten.mag_opdracht_uitvoeren),
)

# Functions that pass the question on to another rule, named here instead of in the table.
DOORVERWEZEN = {
    "mag_opdracht_starten": "een document laten maken: de regel van de documentsoort (agendapakket, rapportage, …)",
    "mag_opdracht_inzien": "een klaar document openen: de regel van de documentsoort",
}


def _cel(actie: Actie, rol: str) -> str:
    g = gebruiker(rol)
    eigen = actie.mag(g, actie.eigen(g))
    andere = eigen if actie.andere is None else actie.mag(g, actie.andere(g))
    if eigen and andere:
        return "✓"
    if eigen:
        return f"✓ {actie.voorwaarde}"
    if andere:
        return f"✓ niet: {actie.voorwaarde}"
    return "–"


def permissie_functies() -> dict[str, set[str]]:
    """Every ``mag_`` function of each app's permissions module."""
    uitkomst = {}
    for app in APPS:
        module: ModuleType = import_module(f"{app}.permissions")
        uitkomst[app] = {
            naam for naam, f in inspect.getmembers(module, inspect.isfunction)
            if naam.startswith("mag_") and f.__module__ == module.__name__
        }
    return uitkomst


def matrix_markdown() -> str:
    """The contents of ``docs/permissions.md``."""
    with translation.override("nl"):
        rollen = [(rol, str(label)) for rol, label in Rol.Soort.choices]
        regels = [
            "# Rechten: rollen × acties",
            "",
            "Gemaakt met `python manage.py rechtenmatrix` uit de functies in `<app>/permissions.py`; niet met de hand",
            "bewerken (een test vergelijkt dit bestand met de code). Per actie de gebruiker met alleen die ene rol,",
            "van een gemeente. ✓ = mag, – = mag niet; staat er een voorwaarde bij, dan mag het alleen als die geldt",
            "(bijvoorbeeld *eigen organisatie*). Wie meer rollen heeft, mag wat één van die rollen mag. Taken,",
            "commando's en demodata handelen als `systeem()` en mogen alles. De services vragen dezelfde functies",
            "(`vereis(mag_…(door, …))`) en weigeren met `PermissionDenied` (403).",
        ]
        for app in APPS:
            regels += ["", f"## {app}", ""]
            regels.append("| actie | " + " | ".join(label for _rol, label in rollen) + " |")
            regels.append("|---" * (len(rollen) + 1) + "|")
            for actie in ACTIES:
                if actie.app == app:
                    regels.append(f"| {actie.label} | " + " | ".join(_cel(actie, rol) for rol, _l in rollen) + " |")
            functies = permissie_functies()[app]
            for naam, uitleg in DOORVERWEZEN.items():
                if naam in functies:
                    regels.append(f"\n`{naam}`: {uitleg}.")
        return "\n".join(regels) + "\n"
