"""Load the demo network: the seven gemeenten, neighbours, partners, themes and one user per role.

Idempotent: running it again updates what exists and adds what is missing. Each domain app may add its
own demo content with a ``demo.load(stdout)`` function; they run in the order of INSTALLED_APPS.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from drechtsteden import demo
from drechtsteden.management.nederlands import NederlandseFoutenMixin


class Command(NederlandseFoutenMixin, BaseCommand):
    help = "Laadt de demodata van het netwerk (idempotent) en toont de demo-inloggegevens."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        demo.load(self.stdout)
        for app_label in ("tafels", "coalities", "regiekamer", "financiering"):
            module_name = f"{apps.get_app_config(app_label).name}.demo"
            if find_spec(module_name) is not None:
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        demo.print_logins(self.stdout)
