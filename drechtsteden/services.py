"""Plain functions behind the core's tasks and commands."""

import socket

from django.db import connection
from django.utils import timezone

from .models import Organisatie


def health_report() -> dict:
    """What a worker sees: its host, the database it reaches and the network it finds there."""
    return {
        "status": "ok",
        "host": socket.gethostname(),
        "database": connection.vendor,
        "database_name": str(connection.settings_dict["NAME"]),
        "drechtstedengemeenten": Organisatie.objects.drechtstedengemeenten().count(),
        "tijd": timezone.now().isoformat(),
    }
