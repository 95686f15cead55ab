"""Management commands answer wrong options in Dutch, like the rest of the portal.

argparse words its errors in English; ``NederlandseFoutenMixin`` rewrites the common ones and raises
``CommandError`` (or exits with status 2 on the command line, as Django does).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from django.core.management.base import CommandError, CommandParser

# Each English wording with its Dutch one: a format string, or a function of the groups when the words depend on them.
_VERTALINGEN: list[tuple[re.Pattern[str], str | Callable[..., str]]] = [
    (re.compile(r"one of the arguments (.+) is required"), "geef één van deze opties: {0}."),
    (re.compile(r"the following arguments are required: (.+)"), "deze opties zijn verplicht: {0}."),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "{1} en {0} gaan niet samen; kies er één."),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "{0} verwacht een geheel getal, niet '{1}'."),
    (re.compile(r"argument (\S+): invalid \w+ value: '(.*)'"), "ongeldige waarde '{1}' voor {0}."),
    (re.compile(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)"),
     "ongeldige keuze '{1}' voor {0}; kies uit {2}."),
    (re.compile(r"argument (\S+): expected one argument"), "{0} verwacht een waarde."),
    (re.compile(r"unrecognized arguments: (.+)"), lambda argumenten: (
        "onbekende optie: {0}." if len(argumenten.split()) == 1 else "onbekende opties: {0}.").format(argumenten)),
]


def vertaal(bericht: str) -> str:
    """The Dutch wording of an argparse error; unknown wordings keep their text behind a Dutch lead."""
    for patroon, vertaling in _VERTALINGEN:
        if match := patroon.search(bericht):
            if callable(vertaling):
                return vertaling(*match.groups())
            return vertaling.format(*(g.replace("'", "") if i == 2 else g for i, g in enumerate(match.groups())))
    return f"ongeldige opties ({bericht})."


class NederlandseFoutenMixin:
    """Mix into a ``BaseCommand``: option errors become a Dutch ``CommandError``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def fout(bericht: str) -> None:
            melding = f"Fout: {vertaal(bericht)}"
            if parser.called_from_command_line:
                parser.print_usage(sys.stderr)
                parser.exit(2, f"{parser.prog}: {melding}\n")
            raise CommandError(melding)

        parser.error = fout
        return parser
