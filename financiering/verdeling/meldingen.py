"""The engine's messages: Dutch texts, translated when they are shown, not when they are made.

The engine imports no Django. A message is a ``Melding``: its Dutch text (the msgid, marked with
``gettext_noop`` so that ``makemessages`` finds it) and its values. ``str()`` translates it with the
function the app installs at start-up (``stel_vertaling_in(gettext)`` in ``financiering.apps``), in
the language active at that moment; a result kept between requests is shown in each reader's own
language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def gettext_noop(tekst: str) -> str:
    """Marks a Dutch text for translation; returns it unchanged."""
    return tekst


def _nederlands(tekst: str) -> str:
    return tekst


_vertaling: Callable[[str], str] = _nederlands


def stel_vertaling_in(vertaling: Callable[[str], str]) -> None:
    """Installs the translation function messages are shown with (Django's ``gettext``)."""
    global _vertaling
    _vertaling = vertaling


class Melding:
    """A message: a Dutch ``%(name)s`` text and its values, translated each time it is shown."""

    __slots__ = ("sjabloon", "waarden")

    def __init__(self, sjabloon: str, **waarden: Any) -> None:
        self.sjabloon = sjabloon
        self.waarden = waarden

    def __str__(self) -> str:
        tekst = _vertaling(self.sjabloon)
        return tekst % self.waarden if self.waarden else tekst

    def __repr__(self) -> str:
        return f"Melding({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (str, Melding)):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __contains__(self, deel: str) -> bool:
        return deel in str(self)
