"""Writing generated files through Django's storage API so that a reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage


class _TijdelijkBestand(File):
    """A finished temporary file; FileSystemStorage moves it into place with one rename."""

    def __init__(self, pad: str) -> None:
        super().__init__(open(pad, "rb"), name=os.path.basename(pad))
        self._pad = pad

    def temporary_file_path(self) -> str:
        return self._pad


def atomair_opslaan(storage: Storage, naam: str, data: bytes) -> str:
    """Stores ``data`` under a fresh name next to ``naam``; returns the stored name.

    On local disk the bytes go to a temporary file in the storage's own ``.tmp`` folder (same file
    system) and are renamed into place, so a process killed mid-write leaves no file under the
    final name. Object stores (S3 and the like) write one object per request, which is atomic.
    """
    map_, basis = os.path.split(naam)
    stam, ext = os.path.splitext(basis)
    doel = os.path.join(map_, f"{stam}-{uuid.uuid4().hex[:12]}{ext}")
    if isinstance(storage, FileSystemStorage):
        tmp = Path(storage.location) / ".tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        fd, pad = tempfile.mkstemp(dir=tmp, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as uit:
                uit.write(data)
                uit.flush()
                os.fsync(uit.fileno())
            bestand = _TijdelijkBestand(pad)
            try:
                return storage.save(doel, bestand)
            finally:
                bestand.close()
        finally:
            if os.path.exists(pad):
                os.unlink(pad)
    return storage.save(doel, ContentFile(data))
