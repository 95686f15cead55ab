"""The participation rules of a coalition, each written once.

What each variant asks (which amounts and dates belong to it, whether it has commitments: in
``varianten``, plain Python that the financing engine shares), when a gemeente must choose, and how
a commitment's unit follows from its kind. The CheckConstraints on
``Deelname`` and ``Toezegging`` guard the same one-row rules in the database; forms, the import,
the services and the financing engine (``financiering.verdeling``) ask this module.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Coalitie, Deelname, Toezegging
from .varianten import (
    DEELNAME_VELDEN,
    MET_TOEZEGGING,
    VARIANT_VELDEN,
    ZONDER_TOEZEGGING,
    ontbrekende_variantvelden,
    variant_velden,
    variantvelden_kloppen,
)

__all__ = [
    "DEELNAME_VELDEN", "GELDVELDEN", "KEUZE_VERPLICHT", "MET_TOEZEGGING", "VARIANT_VELDEN", "ZONDER_TOEZEGGING",
    "ontbrekende_variantvelden", "toezegging_normaliseren", "variant_eisen", "variant_velden", "variantvelden_kloppen",
]

# The statuses in which every gemeente at the coalition's table must record a choice.
KEUZE_VERPLICHT = (Coalitie.Status.IN_VORMING, Coalitie.Status.LOPEND)

# The fields of a deelname that hold money (shown in euros in history lines and messages).
GELDVELDEN = frozenset({"solidariteitsbijdrage", "instapfee"})


def variant_eisen(variant: str) -> str:
    """What a variant asks of the party, in the words shown next to the form."""
    return {
        Deelname.Variant.VOLLEDIG: _(
            "Volledige participatie: minstens één toezegging (geld, menskracht of kennis); "
            "de partij beslist mee in de coalitie."
        ),
        Deelname.Variant.SOLIDARITEIT: _(
            "Solidariteit: een solidariteitsbijdrage groter dan € 0 per jaar; geen menskracht, "
            "geen stem in besluiten; de partij ontvangt de rapportages."
        ),
        Deelname.Variant.INSTAP: _(
            "Instapmodel: een instapdatum na de start van de coalitie, een instapfee (mag € 0 zijn) "
            "en minstens één toezegging voor na de instap; tot die datum alleen geïnformeerd."
        ),
        Deelname.Variant.GEEN: _("Geen deelname: geen toezeggingen of bedragen; de partij blijft geïnformeerd."),
    }.get(variant, "")


def toezegging_normaliseren(soort: str, eenheid: str, hoeveelheid: Decimal | None) -> tuple[str, Decimal | None]:
    """The unit and amount that follow from a commitment's kind: money is in euro, knowledge has no amount."""
    if soort == Toezegging.Soort.GELD:
        return Toezegging.Eenheid.EURO, hoeveelheid
    if soort == Toezegging.Soort.KENNIS:
        return "", None
    return eenheid, hoeveelheid
