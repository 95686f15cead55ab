"""One way to split a long list over pages: `?pagina=N`, the other query parameters kept in the links.

Render the navigation with `{% include "_paginering.html" with pagina=pagina %}` (optionally
`anker="#kop-…"` to land on the list again).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from django.core.paginator import Page, Paginator
from django.db.models import Case, QuerySet, When
from django.http import HttpRequest

PER_PAGINA = 50
PARAMETER = "pagina"


def pagina(request: HttpRequest, items: Sequence, per_pagina: int = PER_PAGINA) -> Page:
    """The requested page of `items`; a missing or invalid number gives the first page, a number
    beyond the end the last one (never an error)."""
    return pagina_nummer(items, request.GET.get(PARAMETER), per_pagina)


def pagina_nummer(items: Sequence, nummer: str | int | None, per_pagina: int = PER_PAGINA) -> Page:
    """Page `nummer` of `items` by the same rules, for a selector that receives the number from its view."""
    return Paginator(items, per_pagina).get_page(nummer)


class PerGroep:
    """The rows of a queryset group by group (the groups in a known order, each of a known size), within a group
    in ``volgorde``, as a sequence of known length for the paginator: a page reads only the groups it spans, so
    that the database sorts those groups' rows instead of every row (the coalitions of one theme, not all).

    ``aantallen``: the number of rows per value of ``veld``, in the order of the groups.
    """

    def __init__(self, rijen: QuerySet, veld: str, aantallen: dict[Hashable, int], volgorde: Sequence) -> None:
        self.rijen, self.veld, self.aantallen, self.volgorde = rijen, veld, aantallen, tuple(volgorde)

    def __len__(self) -> int:
        return sum(self.aantallen.values())

    def __getitem__(self, deel: slice) -> list:
        begin = deel.start or 0
        eind = len(self) if deel.stop is None else deel.stop
        gespannen, start, vanaf = [], 0, 0
        for groep, aantal in self.aantallen.items():
            if aantal and start < eind and begin < start + aantal:
                vanaf = vanaf if gespannen else start
                gespannen.append(groep)
            start += aantal
        if not gespannen:
            return []
        rijen = self.rijen.filter(**{f"{self.veld}__in": gespannen})
        if len(gespannen) > 1:
            groepsvolgorde = Case(*(When(**{self.veld: groep}, then=i) for i, groep in enumerate(gespannen)))
            rijen = rijen.order_by(groepsvolgorde, *self.volgorde)
        else:
            rijen = rijen.order_by(*self.volgorde)
        return list(rijen[begin - vanaf:eind - vanaf])
