"""Writes of the conferences: the world café rotation, harvest notes and the wall."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker
from drechtsteden.permissions import vereis

from .indeling import IndelingFout, indeling
from .models import Cafetafel, Muurbericht, Oogst, Plaatsing, Werkconferentie
from .permissions import mag_conferentie_organiseren, mag_muurbericht_plaatsen, mag_oogst_vastleggen


@transaction.atomic
def indeling_maken(*, conferentie: Werkconferentie, door: Gebruiker) -> list[Plaatsing]:
    """Assigns every participant a table per round: each table at most once, groups mixing (see indeling.py).
    Replaces an earlier rotation."""
    vereis(mag_conferentie_organiseren(door, conferentie), _("Alleen de organisatie van de conferentie deelt de groepen in."))
    conferentie = Werkconferentie.objects.select_for_update().get(pk=conferentie.pk)
    tafels = list(conferentie.tafels.order_by("nummer"))
    deelnemers = list(conferentie.deelnemers.select_related("gebruiker__organisatie"))
    if not deelnemers:
        raise ValidationError(_("Er zijn nog geen deelnemers."), code="geen_deelnemers")
    try:
        schema = indeling(
            [(d.pk, d.gebruiker.organisatie.naam if d.gebruiker.organisatie else "") for d in deelnemers],
            tafels=len(tafels), rondes=conferentie.rondes,
        )
    except IndelingFout as fout:
        raise ValidationError(str(fout), code="indeling") from None
    Plaatsing.objects.filter(deelnemer__conferentie=conferentie).delete()
    return Plaatsing.objects.bulk_create(
        Plaatsing(deelnemer_id=pk, ronde=ronde + 1, tafel=tafels[t]) for pk, rij in schema.items() for ronde, t in enumerate(rij)
    )


@transaction.atomic
def oogst_vastleggen(*, tafel: Cafetafel, ronde: int, tekst: str, door: Gebruiker) -> Oogst:
    vereis(mag_oogst_vastleggen(door, tafel), _("Alleen de moderatoren van deze tafel leggen de oogst vast."))
    if not 1 <= ronde <= tafel.conferentie.rondes:
        raise ValidationError({"ronde": ValidationError(_("Kies een ronde van deze conferentie."), code="ronde")})
    oogst = Oogst(tafel=tafel, ronde=ronde, tekst=(tekst or "").strip(), vastgelegd_door=door)
    oogst.full_clean()
    oogst.save()
    return oogst


@transaction.atomic
def muurbericht_plaatsen(*, conferentie: Werkconferentie, soort: str, tekst: str, door: Gebruiker) -> Muurbericht:
    """A complaint, wish or compliment on the wall; anonymous on purpose, as on the paper wall."""
    vereis(mag_muurbericht_plaatsen(door, conferentie))
    bericht = Muurbericht(conferentie=conferentie, soort=soort, tekst=(tekst or "").strip())
    bericht.full_clean()
    bericht.save()
    return bericht
