"""Load the demo network: the seven gemeenten, neighbours, partners, themes and one user per role.

Idempotent: running it again updates what exists and adds what is missing. Each app may add its own demo
content with a ``demo.load(stdout)`` function; they run in the order of INSTALLED_APPS, which lists the
apps from the core up (an app's demo may use what the apps below it loaded).
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from drechtsteden import demo
from drechtsteden.management.nederlands import NederlandseFoutenMixin


class Command(NederlandseFoutenMixin, BaseCommand):
    help = "Laadt de demodata van het netwerk (idempotent) en toont de demo-inloggegevens."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for app_config in apps.get_app_configs():
            if Path(app_config.path).parent != settings.BASE_DIR:
                continue  # Django's and third-party apps bring no demo
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is not None:
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        demo.print_logins(self.stdout)
