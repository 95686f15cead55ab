"""Filters for the project's log handlers."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class ZonderTracebackBijWeigering(logging.Filter):
    """A refused request (403) is expected behaviour: log its warning line, not a traceback.

    Django logs ``PermissionDenied`` on ``django.request`` with the exception attached, which puts a
    full traceback in the log for every refusal and hides real errors between them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
