"""Handing work to the background worker without letting a broker outage break the user's request.

The caller keeps the request in the database first; `aanbieden` then offers it to the broker once,
without Celery's own retries (which would hold the request for seconds). When the broker is away it
returns False, and the caller's periodic job or the next poll offers the kept request again.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def aanbieden(taak: Any, *args: Any, queue: str | None = None) -> bool:
    """Puts `taak(*args)` on the queue; False (logged) when the broker cannot be reached."""
    try:
        taak.apply_async(args=args, queue=queue, retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu and redis raise several kinds; all mean "not queued"
        logger.warning("%s%r niet aangeboden aan de achtergrondverwerking: %s", taak.name, args, exc)
        return False
    return True
