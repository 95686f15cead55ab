"""Sends the health task to the Celery worker and prints its answer."""

from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.core.management.base import BaseCommand, CommandError

from drechtsteden.tasks import health_check


class Command(BaseCommand):
    help = "Stuurt een controletaak naar de Celery-worker en toont het antwoord."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--timeout", type=int, default=30, help="Seconden wachten op antwoord (1–600).")

    def handle(self, *args, timeout: int, **options) -> None:
        if not 1 <= timeout <= 600:
            raise CommandError("--timeout moet tussen 1 en 600 seconden liggen.")
        try:
            antwoord = health_check.delay().get(timeout=timeout)
        except CeleryTimeoutError as exc:
            raise CommandError(f"De worker gaf binnen {timeout} seconden geen antwoord.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Worker antwoordt ({antwoord['host']}): database {antwoord['database']}, "
                f"{antwoord['drechtstedengemeenten']} Drechtstedengemeenten."
            )
        )
