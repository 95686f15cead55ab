"""Notifications from the coalitions: a gemeente at the table that still has to choose its variant."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from drechtsteden.models import Gebruiker, Rol
from meldingen.models import Soort
from meldingen.services import in_het_nederlands, melden
from tafels.models import Lidmaatschap

from . import selectors
from .models import Coalitie


def _kiezers(paren: set[tuple[int, int]]) -> dict[tuple[int, int], list[Gebruiker]]:
    """Per (table, gemeente): its representative at the table and its coördinerend ambtenaren (two queries)."""
    result: dict[tuple[int, int], list[Gebruiker]] = defaultdict(list)
    if not paren:
        return result
    filter_ = Q(pk__in=[])
    for tafel_id, organisatie_id in paren:
        filter_ |= Q(tafel_id=tafel_id, organisatie_id=organisatie_id)
    for lid in Lidmaatschap.objects.filter(filter_, vertegenwoordiger__isnull=False).select_related("vertegenwoordiger"):
        result[(lid.tafel_id, lid.organisatie_id)].append(lid.vertegenwoordiger)
    ambtenaren: dict[int, list[Gebruiker]] = defaultdict(list)
    for persoon in Gebruiker.objects.filter(
        organisatie_id__in={o for _t, o in paren}, rollen__rol=Rol.Soort.COORDINEREND_AMBTENAAR, is_active=True
    ).distinct():
        ambtenaren[persoon.organisatie_id].append(persoon)
    for tafel_id, organisatie_id in paren:
        result[(tafel_id, organisatie_id)].extend(ambtenaren[organisatie_id])
    return result


@in_het_nederlands
def open_keuzes(*, door: Gebruiker, coalitie: Coalitie | None = None) -> int:
    """Each coalition at a table that waits for a gemeente's variant is announced once to that gemeente
    (only ``coalitie``'s when given: right after it was created or changed)."""
    if coalitie is not None and coalitie.tafel_id is None:
        return 0
    keuzes = selectors.open_keuzes(tafel_id=coalitie.tafel_id if coalitie else None)
    if coalitie is not None:
        keuzes = [k for k in keuzes if k.coalitie.pk == coalitie.pk]
    kiezers = _kiezers({(k.coalitie.tafel_id, k.organisatie.pk) for k in keuzes})
    aantal = 0
    for keuze in keuzes:
        coalitie, organisatie = keuze.coalitie, keuze.organisatie
        aantal += len(melden(
            soort=Soort.KEUZE, gebeurtenis=f"keuze:{coalitie.pk}:{organisatie.pk}",
            ontvangers=kiezers[(coalitie.tafel_id, organisatie.pk)],
            onderwerp=_("%(coalitie)s wacht op de keuze van %(gemeente)s") % {"coalitie": coalitie.naam, "gemeente": organisatie.naam},
            tekst=_("Aan %(tafel)s: kies volledige participatie, solidariteit, instapmodel of geen deelname.") % {
                "tafel": coalitie.tafel.naam
            },
            url=reverse("coalities:deelname", args=[coalitie.pk, organisatie.pk]), door=door,
        ))
    return aantal
