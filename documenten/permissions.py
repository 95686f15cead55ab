"""Who may do what with document jobs: pure functions over the user and the job.

The document kind itself decides who may ask for it (`registry.Documentsoort.mag_starten`); the jobs
are built by the portal itself (its worker acts as `drechtsteden.permissions.systeem()`).
"""

from __future__ import annotations

from drechtsteden.models import Gebruiker

from . import registry
from .models import Documentopdracht


def mag_opdracht_starten(gebruiker: Gebruiker, opdracht: Documentopdracht) -> bool:
    """Whoever the document's own rule allows asks for it, or asks again after it failed."""
    if not gebruiker.is_authenticated:
        return False
    return registry.soort(opdracht.soort).mag_starten(gebruiker, opdracht.parameters)


def mag_opdracht_uitvoeren(gebruiker: Gebruiker, opdracht: Documentopdracht | None = None) -> bool:
    """Building a document and recording its outcome is the portal's own work (or a beheerder's)."""
    return gebruiker.is_authenticated and gebruiker.is_beheerder


def mag_opdracht_inzien(gebruiker: Gebruiker, opdracht: Documentopdracht) -> bool:
    """Whoever the document's own rule lets see it opens the finished file."""
    if not gebruiker.is_authenticated:
        return False
    return registry.soort(opdracht.soort).mag_zien(gebruiker, opdracht.parameters)
