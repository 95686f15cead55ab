"""Reads of the network core, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from .models import Inwonertal, Organisatie, Thema


def organisaties_met_inwoners() -> QuerySet[Organisatie]:
    """Organisations annotated with their latest inhabitant count, reference date and whether it is indicative."""
    laatste = Inwonertal.objects.filter(organisatie=OuterRef("pk")).order_by("-peildatum")
    return Organisatie.objects.annotate(
        inwoners=Subquery(laatste.values("aantal")[:1]),
        inwoners_peildatum=Subquery(laatste.values("peildatum")[:1]),
        inwoners_indicatief=Subquery(laatste.values("indicatief")[:1]),
    )


@dataclass(frozen=True)
class Netwerk:
    gemeenten: list[Organisatie]
    aanpalende_gemeenten: list[Organisatie]
    partners: list[Organisatie]
    themas: list[Thema]

    @property
    def inwoners_totaal(self) -> int:
        return sum(g.inwoners or 0 for g in self.gemeenten)


def netwerk_overzicht() -> Netwerk:
    """The network on the home page: two queries whatever its size."""
    organisaties = list(organisaties_met_inwoners().order_by("naam"))
    return Netwerk(
        gemeenten=[o for o in organisaties if o.soort == Organisatie.Soort.DRECHTSTEDENGEMEENTE],
        aanpalende_gemeenten=[o for o in organisaties if o.soort == Organisatie.Soort.AANPALENDE_GEMEENTE],
        partners=[o for o in organisaties if o.soort in Organisatie.TRIPLE_HELIX],
        themas=list(Thema.objects.all()),
    )
