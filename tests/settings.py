"""Test settings: the project's settings with the few overrides tests need, in one place."""

import os
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent / "var"
# Tests get their own broker folder and queue, so a running `make run` worker never takes their tasks.
os.environ.setdefault("CELERY_DIR", str(_VAR / "celery-test"))
os.environ.setdefault("CELERY_QUEUE", "drechtsteden-test")

from drechtsteden.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = _VAR / "media-test"
# The test process itself gets Django's locmem outbox (pytest-django); a worker process started by a
# test writes its mails as files here, where the test reads them back.
MAIL_TEST_DIR = _VAR / "mail-test"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.filebased.EmailBackend", "OPTIONS": {"file_path": str(MAIL_TEST_DIR)}}}
