"""One way to split a long list over pages: `?pagina=N`, the other query parameters kept in the links.

Render the navigation with `{% include "_paginering.html" with pagina=pagina %}` (optionally
`anker="#kop-…"` to land on the list again).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
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
