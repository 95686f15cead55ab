"""Demo budgets 2026–2028, each year with other keys, Gorinchem's agreed amount, and project budgets."""

from decimal import Decimal

from django.db import transaction

from coalities.models import Coalitie, Deelname
from drechtsteden.models import Organisatie
from drechtsteden.permissions import systeem

from . import selectors, services

D = Decimal
PERCENTAGES_2028 = {
    "Dordrecht": "35", "Zwijndrecht": "13", "Papendrecht": "11", "Hendrik-Ido-Ambacht": "11",
    "Sliedrecht": "10", "Alblasserdam": "10", "Hardinxveld-Giessendam": "10",
}
JAREN = {
    # jaar: component 1 (budget, sleutel, vaste voet), component 2 (...), Gorinchem's fixed amount
    2026: (("250000.00", "vaste_voet_inwoners", "30"), ("400000.00", "inwoners", None), "10000.00"),
    2027: (("260000.00", "inwoners", None), ("420000.00", "vaste_voet_inwoners", "25"), "12500.00"),
    2028: (("270000.00", "vaste_percentages", None), ("440000.00", "gelijk", None), "15000.00"),
}
PROJECTBUDGET_BASIS = D("60000.00")


@transaction.atomic
def load(stdout) -> None:
    door = systeem()
    gemeenten = {g.naam: g for g in Organisatie.objects.drechtstedengemeenten()}
    gorinchem = Organisatie.objects.filter(naam="Gorinchem").first()
    for jaar, (c1, c2, vast) in JAREN.items():
        percentages = {gemeenten[n]: D(p) for n, p in PERCENTAGES_2028.items() if n in gemeenten}
        begrotingsjaar = services.begrotingsjaar_vaststellen(
            jaar=jaar,
            component_1_budget=D(c1[0]), component_1_sleutel=c1[1],
            component_1_vaste_voet_pct=D(c1[2]) if c1[2] else None,
            component_1_percentages=percentages if c1[1] == "vaste_percentages" else None,
            component_2_budget=D(c2[0]), component_2_sleutel=c2[1],
            component_2_vaste_voet_pct=D(c2[2]) if c2[2] else None,
            door=door,
        )
        if gorinchem is not None:
            services.vaste_bijdrage_vaststellen(
                begrotingsjaar=begrotingsjaar, organisatie=gorinchem, bedrag=D(vast), door=door
            )

    aantal = 0
    for index, coalitie in enumerate(Coalitie.objects.prefetch_related("deelnames__organisatie").order_by("naam")):
        deelnames = list(coalitie.deelnames.all())
        if not _te_financieren(deelnames):
            continue
        vast = sum(
            (d.solidariteitsbijdrage for d in deelnames if d.variant == Deelname.Variant.SOLIDARITEIT),
            D("0"),
        ) + sum((d.instapfee or D("0") for d in deelnames if d.variant == Deelname.Variant.INSTAP), D("0"))
        for jaar in JAREN:
            budget = PROJECTBUDGET_BASIS + vast + D(10000) * ((index + jaar) % 4)
            profijt = "inwoners" if index % 2 and _alleen_gemeenten_delen(deelnames) else "gelijk"
            services.projectbudget_vaststellen(coalitie=coalitie, jaar=jaar, budget=budget, profijt=profijt, door=door)
            aantal += 1
    fouten = [f"{j.jaar}: {j.fout}" for j in selectors.verdelingen(JAREN).values() if j.fout]
    stdout.write(f"Financiering: begrotingen {min(JAREN)}–{max(JAREN)}, {aantal} projectbudgetten.")
    for fout in fouten:
        stdout.write(f"  Let op: {fout}")


def _alleen_gemeenten_delen(deelnames: list[Deelname]) -> bool:
    """Sharing by inhabitants needs inhabitants for everyone who shares: gemeenten only."""
    delers = [d for d in deelnames if d.variant in (Deelname.Variant.VOLLEDIG, Deelname.Variant.INSTAP)]
    return all(d.organisatie.is_gemeente for d in delers)


def _te_financieren(deelnames: list[Deelname]) -> bool:
    """Only coalitions the engine can split: someone takes part fully and every variant is complete."""
    if not any(d.variant == Deelname.Variant.VOLLEDIG for d in deelnames):
        return False
    for d in deelnames:
        if d.variant == Deelname.Variant.SOLIDARITEIT and not d.solidariteitsbijdrage:
            return False
        if d.variant == Deelname.Variant.INSTAP and d.instapdatum is None:
            return False
    return True
