"""Writes for financiering: adopting budgets, keys and agreed amounts.

Every write sets the user on the history record, so who changed what and when is kept. Nothing is
adopted that the engine cannot compute: each service checks the year's whole allocation first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from coalities import services as coalities_services
from coalities.models import Coalitie, Deelname
from drechtsteden.models import Gebruiker, Organisatie

from drechtsteden.permissions import vereis
from tafels import services as tafels_services
from tafels.models import BestuurlijkeTafel, Lidmaatschap

from . import overgang, selectors, verdeling
from .models import (
    Overgang,
    Overgangsregel,
    Begrotingsjaar, OpgeslagenScenario, ProfijtGewicht, ProjectBudget, SleutelPercentage, VasteBijdrage, Vaststelling,
)
from .permissions import (
    mag_scenario_opslaan,
    mag_scenario_wijzigen,
    mag_toetreding_coalitie,
    mag_toetreding_samenwerking,
    mag_toetreding_tafel,
    mag_uittreding_coalitie,
    mag_uittreding_samenwerking,
    mag_uittreding_tafel,
    mag_vaststellen,
)

HONDERD = Decimal("100")


def _opslaan(obj: Model, door: Gebruiker) -> None:
    obj.full_clean()
    obj._history_user = door
    obj.save()


def _verwijder(obj: Model, door: Gebruiker) -> None:
    obj._history_user = door
    obj.delete()


def _controleer_percentages(percentages: dict[Organisatie, Decimal], component: int) -> None:
    som = sum(percentages.values(), Decimal("0"))
    if som != HONDERD:
        raise ValidationError(
            _("Component %(component)s: de vaste percentages tellen op tot %(som)s in plaats van 100.")
            % {"component": component, "som": f"{som.normalize():f}".replace(".", ",")},
            code="percentages_niet_100",
        )


def verdeling_controleren(jaar: int) -> None:
    """Refuses (ValidationError) when the year's adopted numbers cannot be allocated, e.g. percentages not 100."""
    jaar_verdeling = selectors.verdeling_voor_jaar(jaar)
    if jaar_verdeling.fout:
        raise ValidationError(jaar_verdeling.fout, code="verdeling")


@transaction.atomic
def begrotingsjaar_vaststellen(
    *,
    jaar: int,
    component_1_budget: Decimal,
    component_1_sleutel: str,
    component_2_budget: Decimal,
    component_2_sleutel: str,
    component_1_vaste_voet_pct: Decimal | None = None,
    component_2_vaste_voet_pct: Decimal | None = None,
    component_1_percentages: dict[Organisatie, Decimal] | None = None,
    component_2_percentages: dict[Organisatie, Decimal] | None = None,
    peildatum_inwoners: datetime.date | None = None,
    drempel_projectfinanciering_pct: Decimal | None = None,
    door: Gebruiker,
    _controleer: bool = True,
) -> Begrotingsjaar:
    """Create or change a year's components 1 and 2; fixed percentages must add up to exactly 100."""
    vereis(mag_vaststellen(door), _("U mag geen begroting vaststellen."))
    begrotingsjaar = Begrotingsjaar.objects.select_for_update().filter(jaar=jaar).first() or Begrotingsjaar(
        jaar=jaar, peildatum_inwoners=Begrotingsjaar.standaard_peildatum(jaar)
    )
    velden = [f.attname for f in Begrotingsjaar._meta.concrete_fields]
    voor = [getattr(begrotingsjaar, veld) for veld in velden]
    if peildatum_inwoners is not None:
        begrotingsjaar.peildatum_inwoners = peildatum_inwoners
    if drempel_projectfinanciering_pct is not None:
        begrotingsjaar.drempel_projectfinanciering_pct = drempel_projectfinanciering_pct
    invoer = {
        1: (component_1_budget, component_1_sleutel, component_1_vaste_voet_pct, component_1_percentages or {}),
        2: (component_2_budget, component_2_sleutel, component_2_vaste_voet_pct, component_2_percentages or {}),
    }
    for nummer, (budget, sleutel, vaste_voet, percentages) in invoer.items():
        if sleutel == verdeling.SLEUTEL_VASTE_PERCENTAGES:
            _controleer_percentages(percentages, nummer)
        setattr(begrotingsjaar, f"component_{nummer}_budget", budget)
        setattr(begrotingsjaar, f"component_{nummer}_sleutel", sleutel)
        setattr(
            begrotingsjaar,
            f"component_{nummer}_vaste_voet_pct",
            vaste_voet if sleutel == verdeling.SLEUTEL_VASTE_VOET_INWONERS else None,
        )
    if begrotingsjaar.pk is None or voor != [getattr(begrotingsjaar, veld) for veld in velden]:
        _opslaan(begrotingsjaar, door)

    for nummer, (_budget, sleutel, _vaste_voet, percentages) in invoer.items():
        bestaand = {p.organisatie_id: p for p in begrotingsjaar.percentages.filter(component=nummer)}
        nieuw = percentages if sleutel == verdeling.SLEUTEL_VASTE_PERCENTAGES else {}
        for organisatie, percentage in nieuw.items():
            regel = bestaand.pop(organisatie.pk, None) or SleutelPercentage(
                begrotingsjaar=begrotingsjaar, component=nummer, organisatie=organisatie
            )
            if regel.pk is None or regel.percentage != percentage:
                regel.percentage = percentage
                _opslaan(regel, door)
        for regel in bestaand.values():
            _verwijder(regel, door)

    if _controleer:
        verdeling_controleren(jaar)
    return begrotingsjaar


@transaction.atomic
def vaste_bijdrage_vaststellen(
    *,
    begrotingsjaar: Begrotingsjaar,
    organisatie: Organisatie,
    bedrag: Decimal | None,
    door: Gebruiker,
    _controleer: bool = True,
) -> VasteBijdrage | None:
    """Set (or with `bedrag=None` remove) the agreed fixed amount of a partner in component 2."""
    vereis(mag_vaststellen(door), _("U mag geen begroting vaststellen."))
    bestaand = VasteBijdrage.objects.filter(begrotingsjaar=begrotingsjaar, organisatie=organisatie).first()
    if bedrag is None:
        if bestaand is not None:
            _verwijder(bestaand, door)
        if _controleer:
            verdeling_controleren(begrotingsjaar.jaar)
        return None
    vaste_bijdrage = bestaand or VasteBijdrage(begrotingsjaar=begrotingsjaar, organisatie=organisatie)
    if vaste_bijdrage.pk is None or vaste_bijdrage.bedrag != bedrag:
        vaste_bijdrage.bedrag = bedrag
        _opslaan(vaste_bijdrage, door)
    if _controleer:
        verdeling_controleren(begrotingsjaar.jaar)
    return vaste_bijdrage


@transaction.atomic
def projectbudget_vaststellen(
    *,
    coalitie: Coalitie,
    jaar: int,
    budget: Decimal,
    profijt: str = ProjectBudget.Profijt.GELIJK,
    gewichten: dict[Organisatie, Decimal] | None = None,
    door: Gebruiker,
) -> ProjectBudget:
    """Set a coalition's project budget for a year (component 3) and how benefit is weighed."""
    vereis(mag_vaststellen(door), _("U mag geen begroting vaststellen."))
    projectbudget = ProjectBudget.objects.filter(coalitie=coalitie, jaar=jaar).first() or ProjectBudget(
        coalitie=coalitie, jaar=jaar
    )
    if projectbudget.pk is None or projectbudget.budget != budget or projectbudget.profijt != profijt:
        projectbudget.budget = budget
        projectbudget.profijt = profijt
        _opslaan(projectbudget, door)
    bestaand = {g.organisatie_id: g for g in projectbudget.gewichten.all()}
    nieuw = gewichten if profijt == ProjectBudget.Profijt.GEWICHTEN else {}
    for organisatie, gewicht in (nieuw or {}).items():
        regel = bestaand.pop(organisatie.pk, None) or ProfijtGewicht(projectbudget=projectbudget, organisatie=organisatie)
        if regel.pk is None or regel.gewicht != gewicht:
            regel.gewicht = gewicht
            _opslaan(regel, door)
    for regel in bestaand.values():
        _verwijder(regel, door)
    verdeling_controleren(jaar)
    return projectbudget


@transaction.atomic
def scenario_vaststellen(
    *,
    scenario: verdeling.Scenario,
    besluit: str,
    besluitdatum: datetime.date,
    door: Gebruiker,
    opgeslagen: OpgeslagenScenario | None = None,
) -> Vaststelling:
    """Adopt a what-if scenario: components 1 and 2, the partners' fixed amounts and the project budgets.

    The decision (`besluit`, `besluitdatum`) is required; the adoption is recorded with the year's
    amounts just before and just after, so the previous adopted version stays readable. The
    participation variants are not adopted here: a party's variant is agreed in its coalition.
    """
    vereis(mag_vaststellen(door), _("U mag geen begroting vaststellen."))
    besluit = (besluit or "").strip()
    if not besluit:
        raise ValidationError({"besluit": ValidationError(
            _("Noem het besluit waarmee de begroting is vastgesteld."), code="besluit_ontbreekt")})
    vorige = selectors.momentopname(selectors.verdeling_voor_jaar(scenario.jaar))
    try:
        verdeling.bereken(scenario)
    except verdeling.VerdelingFout as fout:
        raise ValidationError(fout.message, code="verdeling") from fout

    namen = {o.naam for o in scenario.organisaties}
    organisaties = {o.naam: o for o in Organisatie.objects.filter(naam__in=namen)}

    def percentages(component: verdeling.Component) -> dict[Organisatie, Decimal]:
        return {organisaties[naam]: Decimal(pct) for naam, pct in component.percentages.items()}

    begrotingsjaar = begrotingsjaar_vaststellen(
        jaar=scenario.jaar,
        component_1_budget=scenario.component_1.budget,
        component_1_sleutel=scenario.component_1.sleutel,
        component_1_vaste_voet_pct=scenario.component_1.vaste_voet_pct,
        component_1_percentages=percentages(scenario.component_1),
        component_2_budget=scenario.component_2.budget,
        component_2_sleutel=scenario.component_2.sleutel,
        component_2_vaste_voet_pct=scenario.component_2.vaste_voet_pct,
        component_2_percentages=percentages(scenario.component_2),
        door=door,
        _controleer=False,  # checked once at the end, when every part of the scenario is saved
    )
    for vaste_bijdrage in begrotingsjaar.vaste_bijdragen.select_related("organisatie"):
        if vaste_bijdrage.organisatie.naam not in scenario.component_2.vaste_bijdragen:
            _verwijder(vaste_bijdrage, door)
    for naam, bedrag in scenario.component_2.vaste_bijdragen.items():
        vaste_bijdrage_vaststellen(
            begrotingsjaar=begrotingsjaar, organisatie=organisaties[naam], bedrag=bedrag, door=door, _controleer=False
        )
    budgetten = {c.naam: c.budget for c in scenario.coalities}
    for projectbudget in ProjectBudget.objects.filter(jaar=scenario.jaar, coalitie__naam__in=budgetten).select_related(
        "coalitie"
    ):
        if projectbudget.budget != budgetten[projectbudget.coalitie.naam]:
            projectbudget.budget = budgetten[projectbudget.coalitie.naam]
            _opslaan(projectbudget, door)
    verdeling_controleren(scenario.jaar)
    vaststelling = Vaststelling(
        jaar=scenario.jaar, scenario=opgeslagen, scenario_naam=opgeslagen.naam if opgeslagen else "",
        besluit=besluit, besluitdatum=besluitdatum, door=door,
        vorige=vorige, nieuw=selectors.momentopname(selectors.verdeling_voor_jaar(scenario.jaar)),
    )
    vaststelling.full_clean()
    vaststelling.save()
    return vaststelling


# A scenario's fields are a few per coalition; anything far larger is no scenario typed on the page.
INVOER_MAX_VELDEN = 5000
INVOER_MAX_TEKENS = 64


def _controleer_invoer(invoer: dict) -> dict[str, str]:
    if (not isinstance(invoer, dict) or len(invoer) > INVOER_MAX_VELDEN
            or any(not isinstance(k, str) or not isinstance(v, str) or len(k) > INVOER_MAX_TEKENS
                   or len(v) > INVOER_MAX_TEKENS for k, v in invoer.items())):
        raise ValidationError(_("Dit scenario kan niet bewaard worden: de invoer is onleesbaar."), code="invoer")
    return dict(invoer)


@transaction.atomic
def scenario_opslaan(*, naam: str, jaar: int, invoer: dict[str, str], door: Gebruiker) -> OpgeslagenScenario:
    """Keep a scenario under a name; saving again under the same name replaces the earlier one.

    A name already used by someone else for that year is refused, unless `door` may change theirs.
    """
    vereis(mag_scenario_opslaan(door), _("U mag geen scenario's bewaren."))
    naam = (naam or "").strip()
    if not naam:
        raise ValidationError({"naam": ValidationError(_("Geef het scenario een naam."), code="naam_ontbreekt")})
    invoer = _controleer_invoer(invoer)
    bestaand = OpgeslagenScenario.objects.select_for_update().filter(jaar=jaar, naam=naam).first()
    if bestaand is not None and not mag_scenario_wijzigen(door, bestaand):
        raise ValidationError({"naam": ValidationError(
            _("Er is al een scenario met de naam “%(naam)s” van iemand anders; kies een andere naam.")
            % {"naam": naam}, code="naam_bezet")})
    scenario = bestaand or OpgeslagenScenario(naam=naam, jaar=jaar, gemaakt_door=door)
    scenario.invoer = invoer
    _opslaan(scenario, door)
    return scenario


@transaction.atomic
def scenario_verwijderen(*, scenario: OpgeslagenScenario, door: Gebruiker) -> None:
    """Remove a saved scenario; an adoption made from it keeps the scenario's name."""
    vereis(mag_scenario_wijzigen(door, scenario), _("U mag dit scenario niet verwijderen."))
    _verwijder(scenario, door)


def _overgang_vastleggen(
    doel: selectors.Overgangsdoel, *, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    wijziging, vandaag: datetime.date | None, variant: str = "", solidariteitsbijdrage: Decimal | None = None,
    instapdatum: datetime.date | None = None, instapfee: Decimal | None = None,
) -> Overgang:
    """Computes the join or leave again under the recorded rule, makes the change (`wijziging`, in the app
    where it belongs) and records it with the rule's terms and the amounts per year."""
    fouten = {}
    if not (reden or "").strip():
        bericht = _("Geef de reden van de toetreding.") if doel.is_toetreding else _("Geef de reden van de uittreding.")
        fouten["reden"] = ValidationError(bericht, code="reden_verplicht")
    if meldingsdatum is None:
        bericht = _("Geef de datum van toetreding.") if doel.is_toetreding else _("Geef de datum van de melding.")
        fouten["meldingsdatum"] = ValidationError(bericht, code="datum_verplicht")
    if fouten:
        raise ValidationError(fouten)
    verandert = doel.verandert_financiering  # read before the change: a partner's other tables as they are
    try:
        regel, uitkomst = selectors.overgang_berekenen(doel, meldingsdatum, vandaag=vandaag)
    except overgang.OvergangFout as fout:
        raise ValidationError({"meldingsdatum": ValidationError(fout.message, code="datum_niet_toegestaan")}) from fout
    wijziging(uitkomst)
    if regel.pk is None:
        _opslaan(regel, door)
    vastlegging = Overgang(
        regel=regel,
        niveau=regel.niveau,
        richting=regel.richting,
        organisatie=doel.organisatie,
        tafel=doel.tafel,
        coalitie=doel.coalitie,
        variant=variant,
        solidariteitsbijdrage=solidariteitsbijdrage if variant == Deelname.Variant.SOLIDARITEIT else None,
        instapdatum=instapdatum,
        instapfee=instapfee,
        verandert_financiering=verandert,
        reden=reden.strip(),
        meldingsdatum=uitkomst.meldingsdatum,
        ingangsdatum=uitkomst.ingangsdatum,
        financiering_per=uitkomst.financiering_per,
        opzegtermijn_maanden=regel.opzegtermijn_maanden,
        verschuldigd=regel.verschuldigd,
        component_2_loopt_door=regel.component_2_loopt_door,
        bedragen=overgang.als_json(uitkomst),
        totaal=uitkomst.totaal,
        vastgelegd_door=door,
    )
    _opslaan(vastlegging, door)
    return vastlegging


@transaction.atomic
def uittreding_samenwerking_vastleggen(
    *, organisatie: Organisatie, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    vandaag: datetime.date | None = None,
) -> Overgang:
    """An organisation leaves the cooperation: it is active until the day before the leave takes effect."""
    vereis(mag_uittreding_samenwerking(door, organisatie),
           _("Alleen de manager SDD of een beheerder legt een uittreding uit de samenwerking vast."))
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if organisatie.actief_tot is not None:
        raise ValidationError(
            _("%(organisatie)s treedt al uit per %(datum)s.")
            % {"organisatie": organisatie, "datum": organisatie.actief_tot + datetime.timedelta(days=1)},
            code="al_uitgetreden",
        )

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        organisatie.actief_tot = max(uitkomst.ingangsdatum - datetime.timedelta(days=1), organisatie.actief_van)
        _opslaan(organisatie, door)

    doel = selectors.Overgangsdoel(Overgangsregel.Niveau.SAMENWERKING, organisatie)
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag
    )


@transaction.atomic
def uittreding_tafel_vastleggen(
    *, lidmaatschap: Lidmaatschap, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    vandaag: datetime.date | None = None,
) -> Overgang:
    """An organisation leaves a table: the opt-out is recorded with the date the leave takes effect."""
    vereis(mag_uittreding_tafel(door, lidmaatschap), _("Alleen de secretaris van de tafel legt een uittreding vast."))
    if lidmaatschap.status == Lidmaatschap.Status.AFGEMELD:
        raise ValidationError(_("Deze organisatie is al afgemeld."), code="al_afgemeld")

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        tafels_services.lidmaatschap_afmelden(
            lidmaatschap=lidmaatschap, reden=reden, datum=uitkomst.ingangsdatum, door=door
        )

    doel = selectors.Overgangsdoel(Overgangsregel.Niveau.TAFEL, lidmaatschap.organisatie, lidmaatschap=lidmaatschap)
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag
    )


@transaction.atomic
def uittreding_coalitie_vastleggen(
    *, deelname: Deelname, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    vandaag: datetime.date | None = None,
) -> Overgang:
    """An organisation leaves a coalition: its deelname becomes *geen deelname* (it stays informed); the
    allocation still counts it in its old variant for the months it owes."""
    vereis(mag_uittreding_coalitie(door, deelname),
           _("Alleen de programmastaf van de eigen organisatie legt een uittreding uit een coalitie vast."))
    if deelname.variant == Deelname.Variant.GEEN:
        raise ValidationError(_("Deze organisatie neemt al niet deel."), code="al_geen_deelname")

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        coalities_services.deelname_update(
            coalitie=deelname.coalitie, organisatie=deelname.organisatie, variant=Deelname.Variant.GEEN,
            versie=deelname.versie, door=door,
        )

    doel = selectors.Overgangsdoel(Overgangsregel.Niveau.COALITIE, deelname.organisatie, deelname=deelname)
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag,
        variant=deelname.variant, solidariteitsbijdrage=deelname.solidariteitsbijdrage,
        instapdatum=deelname.instapdatum, instapfee=deelname.instapfee,
    )


# --- Joining: the same confirmation, the other direction ---------------------------------------------


@transaction.atomic
def toetreding_samenwerking_vastleggen(
    *, organisatie: Organisatie, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    vandaag: datetime.date | None = None,
) -> Overgang:
    """An organisation joins the cooperation: a new gemeente or partner (registered by the beheerder, not yet
    active) or one that left before. It is active from the date the join takes effect; the allocation counts it
    from the date the rule gives, for the months the record holds (a gemeente by the key, a partner with its
    adopted fixed contribution and its coalitions)."""
    vereis(mag_toetreding_samenwerking(door, organisatie),
           _("Alleen de manager SDD of een beheerder legt een toetreding tot de samenwerking vast."))
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if organisatie.is_actief_op(vandaag or timezone.localdate()):
        if organisatie.actief_tot is not None:
            raise ValidationError(
                _("%(organisatie)s is nog lid van de samenwerking en treedt uit per %(datum)s; daarna kan zij "
                  "opnieuw toetreden.")
                % {"organisatie": organisatie, "datum": organisatie.actief_tot + datetime.timedelta(days=1)},
                code="nog_lid",
            )
        raise ValidationError(_("%(organisatie)s is al lid van de samenwerking.") % {"organisatie": organisatie},
                              code="al_lid")

    vorige = (Overgang.objects.filter(organisatie=organisatie, niveau=Overgangsregel.Niveau.SAMENWERKING)
              .order_by("-ingangsdatum", "-id").first())

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        # The allocation reads a year from the latest record that covers it: a join in a year the earlier leave
        # still owes months for would wipe those months out.
        if vorige is not None and not vorige.is_toetreding and vorige.bedragen:
            laatste = max(j["jaar"] for j in vorige.bedragen)
            if uitkomst.ingangsdatum.year <= laatste:
                raise ValidationError({"meldingsdatum": ValidationError(
                    _("%(organisatie)s is in %(jaar)s nog uittreder en betaalt dat jaar volgens de uittreding; "
                      "een nieuwe toetreding gaat op zijn vroegst in op 1 januari %(volgend)s.")
                    % {"organisatie": organisatie, "jaar": laatste, "volgend": laatste + 1},
                    code="nog_uittreder")})
        # Active from the join; the years before it (and those of an earlier membership) are read from the
        # recorded joins and leaves, not from these dates.
        organisatie.actief_van = uitkomst.ingangsdatum
        organisatie.actief_tot = None
        _opslaan(organisatie, door)

    doel = selectors.Overgangsdoel(Overgangsregel.Niveau.SAMENWERKING, organisatie, richting=Overgangsregel.Richting.TOETREDING)
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag
    )


@transaction.atomic
def toetreding_tafel_vastleggen(
    *, tafel: BestuurlijkeTafel, organisatie: Organisatie, besluit_referentie: str,
    meldingsdatum: datetime.date | None, door: Gebruiker, vandaag: datetime.date | None = None,
    vertegenwoordiger: Gebruiker | None = None, basisbijdrage: Decimal | None = None,
) -> Overgang:
    """A partner joins a table by a decision of the table: admitted on the date the join takes effect, and
    its fixed contribution (component 2) counts from the date the rule gives. Also the way
    `tafels.besluitvorming.partner_toelaten_bij_besluit` admits a partner.

    With ``basisbijdrage`` (the yearly contribution to the base the seven gemeenten decided on) that amount
    becomes the partner's fixed contribution in every adopted budget year from the year of the decision on
    that has none for it yet; an amount the manager SDD adopted stays as it is. The recorded join shows
    what the partner pays with it."""
    vereis(mag_toetreding_tafel(door, tafel), _("Alleen de secretaris van de tafel legt een toetreding vast."))
    if organisatie.is_drechtstedengemeente:
        raise ValidationError(
            _("Een Drechtstedengemeente zit standaard aan tafel en treedt niet toe als partner."), code="geen_partner")
    if tafel.lidmaatschappen.filter(organisatie=organisatie, status__in=Lidmaatschap.AAN_TAFEL).exists():
        raise ValidationError(_("Deze partner zit al aan tafel."), code="al_toegetreden")
    if not (besluit_referentie or "").strip():
        raise ValidationError({"besluit_referentie": ValidationError(
            _("Een partner treedt alleen toe met een vastgelegd besluit van de tafel."), code="besluit_verplicht")})

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        tafels_services.partner_toelaten(
            tafel=tafel, organisatie=organisatie, besluit_referentie=besluit_referentie,
            datum=uitkomst.ingangsdatum, vertegenwoordiger=vertegenwoordiger, door=door,
        )

    doel = selectors.Overgangsdoel(
        Overgangsregel.Niveau.TAFEL, organisatie, richting=Overgangsregel.Richting.TOETREDING, tafel=tafel
    )
    if basisbijdrage is not None and meldingsdatum is not None:
        _besloten_basisbijdrage(organisatie, basisbijdrage, vanaf=meldingsdatum.year, door=door)
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=besluit_referentie, door=door, wijziging=wijziging, vandaag=vandaag
    )


def _besloten_basisbijdrage(organisatie: Organisatie, bedrag: Decimal, *, vanaf: int, door: Gebruiker) -> None:
    """The decided contribution to the base as the partner's fixed contribution in each adopted year from
    `vanaf` that has none for it; each year is checked to be allocatable as adoption checks it."""
    jaren = Begrotingsjaar.objects.filter(jaar__gte=vanaf).exclude(vaste_bijdragen__organisatie=organisatie)
    for begrotingsjaar in jaren.order_by("jaar"):
        _opslaan(VasteBijdrage(begrotingsjaar=begrotingsjaar, organisatie=organisatie, bedrag=bedrag), door)
        verdeling_controleren(begrotingsjaar.jaar)


@transaction.atomic
def toetreding_lidmaatschap_vastleggen(
    *, lidmaatschap: Lidmaatschap, meldingsdatum: datetime.date | None, reden: str, door: Gebruiker,
    vandaag: datetime.date | None = None,
) -> Overgang:
    """An opted-out gemeente takes part in the table again, from the date the join takes effect; the history
    keeps the earlier opt-out. (A partner returns with a new decision: `toetreding_tafel_vastleggen`.)"""
    vereis(mag_toetreding_tafel(door, lidmaatschap.tafel), _("Alleen de secretaris van de tafel legt een toetreding vast."))
    if lidmaatschap.status != Lidmaatschap.Status.AFGEMELD:
        raise ValidationError(_("Alleen een afgemelde organisatie kan weer deelnemen."), code="niet_afgemeld")
    if not lidmaatschap.organisatie.is_drechtstedengemeente:
        raise ValidationError(
            _("Een partner keert alleen terug met een nieuw besluit van de tafel: laat de partner opnieuw toe."),
            code="partner_vraagt_besluit",
        )

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        tafels_services.lidmaatschap_weer_deelnemen(
            lidmaatschap=lidmaatschap, datum=uitkomst.ingangsdatum, reden=reden, door=door
        )

    doel = selectors.Overgangsdoel(
        Overgangsregel.Niveau.TAFEL, lidmaatschap.organisatie, lidmaatschap=lidmaatschap,
        richting=Overgangsregel.Richting.TOETREDING,
    )
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag
    )


# The variants a coalition is joined with through the confirmation; instap counts its own months from its
# entry date (and pays its fee) and keeps its own choice on the coalition's page.
TOETREDING_VARIANTEN = (Deelname.Variant.VOLLEDIG, Deelname.Variant.SOLIDARITEIT)


@transaction.atomic
def toetreding_coalitie_vastleggen(
    *, coalitie: Coalitie, organisatie: Organisatie, variant: str, solidariteitsbijdrage: Decimal | None = None,
    eerste_toezegging: coalities_services.ToezeggingGegevens | None = None, meldingsdatum: datetime.date | None,
    reden: str, door: Gebruiker, vandaag: datetime.date | None = None,
) -> Overgang:
    """An organisation joins a coalition as a paying party (volledig or solidariteit): its deelname is
    recorded at once, and the allocation counts it from the date the rule gives, for the months it pays."""
    vereis(mag_toetreding_coalitie(door, organisatie),
           _("Alleen de programmastaf van de eigen organisatie legt een toetreding tot een coalitie vast."))
    if variant not in TOETREDING_VARIANTEN:
        raise ValidationError({"variant": ValidationError(
            _("Toetreden kan met volledige participatie of solidariteit; voor het instapmodel kiest u op de "
              "pagina van de coalitie een instapdatum en instapfee."), code="variant_niet_toegestaan")})
    huidig = Deelname.objects.filter(coalitie=coalitie, organisatie=organisatie).first()
    if huidig is not None and huidig.variant != Deelname.Variant.GEEN:
        raise ValidationError(
            _("%(organisatie)s neemt al deel aan %(coalitie)s (%(variant)s).")
            % {"organisatie": organisatie, "coalitie": coalitie, "variant": huidig.get_variant_display().lower()},
            code="al_deelnemend",
        )

    def wijziging(uitkomst: overgang.Uitkomst) -> None:
        keuze = {
            "coalitie": coalitie, "organisatie": organisatie, "variant": variant, "door": door,
            "solidariteitsbijdrage": solidariteitsbijdrage if variant == Deelname.Variant.SOLIDARITEIT else None,
            "eerste_toezegging": eerste_toezegging,
        }
        if huidig is None:
            coalities_services.deelname_create(**keuze)
        else:
            coalities_services.deelname_update(**keuze, versie=huidig.versie)

    doel = selectors.Overgangsdoel(
        Overgangsregel.Niveau.COALITIE, organisatie, richting=Overgangsregel.Richting.TOETREDING, coalitie=coalitie,
        variant=variant, solidariteitsbijdrage=solidariteitsbijdrage,
    )
    return _overgang_vastleggen(
        doel, meldingsdatum=meldingsdatum, reden=reden, door=door, wijziging=wijziging, vandaag=vandaag,
        variant=variant, solidariteitsbijdrage=solidariteitsbijdrage,
    )
