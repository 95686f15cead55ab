"""Writing notifications, choosing how to hear about them, and mailing them.

Producers in the apps above call ``melden`` after their change is committed
(``transaction.on_commit``). Mail leaves in Celery tasks after the notification is committed; each
notification is mailed at most once (``gemaild_op``, set under a row lock in the same transaction
as the sending), so a retried task or a second beat run never sends the same event twice.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drechtsteden.models import Gebruiker
from drechtsteden.permissions import vereis
from drechtsteden.wachtrij import aanbieden

from . import permissions
from .models import STANDAARD_FREQUENTIE, Frequentie, Melding, Meldingsvoorkeur, Soort

logger = logging.getLogger(__name__)

AFMELD_SALT = "meldingen.afmelden"
# Mails and stored notification texts are Dutch: no language preference is stored per person.
MAILTAAL = "nl"

P = ParamSpec("P")
R = TypeVar("R")


def in_het_nederlands(functie: Callable[P, R]) -> Callable[P, R]:
    """Runs a producer in Dutch, whatever language the acting user's request was in."""

    @functools.wraps(functie)
    def omhulsel(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(MAILTAAL):
            return functie(*args, **kwargs)

    return omhulsel


# --- Preferences ---------------------------------------------------------------------------------


def frequenties(gebruiker: Gebruiker) -> dict[str, str]:
    """The person's choice per kind, the default where they chose nothing (one query)."""
    gekozen = dict(Meldingsvoorkeur.objects.filter(gebruiker=gebruiker).values_list("soort", "frequentie"))
    return {soort: gekozen.get(soort, STANDAARD_FREQUENTIE[soort]) for soort in Soort.values}


def _frequenties_per_gebruiker(gebruiker_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    ids = set(gebruiker_ids)
    result: dict[int, dict[str, str]] = {pk: dict(STANDAARD_FREQUENTIE) for pk in ids}
    for pk, soort, frequentie in Meldingsvoorkeur.objects.filter(gebruiker_id__in=ids).values_list(
        "gebruiker_id", "soort", "frequentie"
    ):
        result[pk][soort] = frequentie
    return result


@transaction.atomic
def voorkeuren_opslaan(*, gebruiker: Gebruiker, keuzes: dict[str, str], door: Gebruiker) -> dict[str, str]:
    """Stores the person's choice for the kinds given; the other kinds stay as they were."""
    vereis(permissions.mag_voorkeuren_wijzigen(door, gebruiker), _("U wijzigt alleen uw eigen meldingsvoorkeuren."))
    for soort, frequentie in keuzes.items():
        if soort not in Soort.values:
            raise ValidationError(_("Onbekende soort melding: %(soort)s.") % {"soort": soort}, code="soort")
        if frequentie not in Frequentie.values:
            raise ValidationError({soort: ValidationError(_("Kies direct, dagelijks of nooit."), code="frequentie")})
    for soort, frequentie in keuzes.items():
        Meldingsvoorkeur.objects.update_or_create(gebruiker=gebruiker, soort=soort, defaults={"frequentie": frequentie})
    return frequenties(gebruiker)


def afmeldtoken(gebruiker: Gebruiker, soort: str) -> str:
    """A signed key for the unsubscribe link of one kind, usable without logging in."""
    return signing.dumps({"g": gebruiker.pk, "s": soort}, salt=AFMELD_SALT, compress=True)


def afmeldtoken_lezen(token: str) -> tuple[Gebruiker, str] | None:
    """The person and kind a token names; None when it was altered or names nothing that exists."""
    try:
        gegevens = signing.loads(token, salt=AFMELD_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(gegevens, dict) or gegevens.get("s") not in Soort.values:
        return None
    gebruiker = Gebruiker.objects.filter(pk=gegevens.get("g")).first()
    return (gebruiker, gegevens["s"]) if gebruiker is not None else None


def afmelden(*, token: str) -> tuple[Gebruiker, str]:
    """Stops one kind of notification for the person the token names; the token is their key."""
    gelezen = afmeldtoken_lezen(token)
    if gelezen is None:
        raise ValidationError(_("Deze afmeldlink is ongeldig of beschadigd. Er is niets gewijzigd."), code="token")
    gebruiker, soort = gelezen
    voorkeuren_opslaan(gebruiker=gebruiker, keuzes={soort: Frequentie.NOOIT}, door=gebruiker)
    return gebruiker, soort


# --- Producing ------------------------------------------------------------------------------------


def melden(
    *,
    soort: str,
    gebeurtenis: str,
    ontvangers: Iterable[Gebruiker],
    onderwerp: str,
    url: str,
    door: Gebruiker,
    tekst: str = "",
) -> list[Melding]:
    """One notification per recipient about one event, and an e-mail after commit for who wants it now.

    Left out: the actor ``door`` themself, inactive people, people who chose "nooit" for this kind, and
    people already notified of this event (``gebeurtenis`` is the event's key, unique per person).
    """
    vereis(permissions.mag_melden(door))
    if soort not in Soort.values:
        raise ValueError(f"onbekende soort melding: {soort}")
    if not url.startswith("/"):
        raise ValueError(f"een melding verwijst naar een pagina in het portaal, niet naar {url!r}")
    personen = {g.pk: g for g in ontvangers if g is not None and g.is_active and g.pk != door.pk}
    voorkeuren = _frequenties_per_gebruiker(personen)
    nieuw: list[Melding] = []
    with transaction.atomic():
        for pk, persoon in personen.items():
            if voorkeuren[pk][soort] == Frequentie.NOOIT:
                continue
            melding = Melding(
                ontvanger=persoon, soort=soort, gebeurtenis=gebeurtenis[:200], onderwerp=onderwerp[:250],
                tekst=tekst, url=url,
            )
            melding.full_clean(validate_unique=False, validate_constraints=False)
            try:
                with transaction.atomic():
                    melding.save()
            except IntegrityError:
                continue  # already notified of this event (an earlier run, a retry)
            nieuw.append(melding)
        direct = [m.pk for m in nieuw if voorkeuren[m.ontvanger_id][soort] == Frequentie.DIRECT]
        if direct:
            transaction.on_commit(lambda: _direct_versturen(direct))
    return nieuw


def _direct_versturen(ids: list[int]) -> None:
    """Offers each mail to the worker; while the broker is away they wait for `achtergebleven_mailen`."""
    from .tasks import melding_mailen

    for pk in ids:
        aanbieden(melding_mailen, pk)


def achtergebleven_mailen(*, binnen: datetime.timedelta = datetime.timedelta(days=1),
                          na: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Offers again the direct mails of the last day that never left (the broker was away when they were
    made); `melding_mailen` sends each at most once. Returns the number offered."""
    from .tasks import melding_mailen

    nu = timezone.now()
    wachtend = list(
        Melding.objects.filter(gemaild_op__isnull=True, aangemaakt_op__gte=nu - binnen, aangemaakt_op__lt=nu - na,
                               ontvanger__is_active=True)
        .exclude(ontvanger__email="")
        .values_list("pk", "ontvanger_id", "soort")
    )
    voorkeuren = _frequenties_per_gebruiker(ontvanger for _pk, ontvanger, _soort in wachtend)
    return sum(
        aanbieden(melding_mailen, pk)
        for pk, ontvanger, soort in wachtend
        if voorkeuren[ontvanger][soort] == Frequentie.DIRECT
    )


# --- Reading and marking ----------------------------------------------------------------------------


def melding_gelezen(*, melding: Melding, door: Gebruiker) -> Melding:
    vereis(permissions.mag_melding_lezen(door, melding))
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        Melding.objects.filter(pk=melding.pk, gelezen_op__isnull=True).update(gelezen_op=melding.gelezen_op)
    return melding


def alles_gelezen(*, gebruiker: Gebruiker, door: Gebruiker) -> int:
    vereis(permissions.mag_voorkeuren_wijzigen(door, gebruiker))
    return Melding.objects.filter(ontvanger=gebruiker, gelezen_op__isnull=True).update(gelezen_op=timezone.now())


# --- Mailing ------------------------------------------------------------------------------------------


def absoluut(pad: str) -> str:
    return settings.PORTAAL_URL.rstrip("/") + pad


def _bericht(
    ontvanger: Gebruiker, onderwerp: str, template: str, context: dict, *, afmeld_link: str = ""
) -> EmailMultiAlternatives:
    with translation.override(MAILTAAL):
        context = {
            "ontvanger": ontvanger,
            "voorkeuren_link": absoluut(reverse("meldingen:voorkeuren")),
            **context,
        }
        tekst = render_to_string(f"meldingen/mail/{template}.txt", context)
        html = render_to_string(f"meldingen/mail/{template}.html", context)
    # Mail programs show their own unsubscribe button for this header (it opens the confirmation page).
    headers = {"List-Unsubscribe": f"<{afmeld_link}>"} if afmeld_link else None
    bericht = EmailMultiAlternatives(subject=onderwerp, body=tekst, to=[ontvanger.email], headers=headers)
    bericht.attach_alternative(html, "text/html")
    return bericht


def _regel(melding: Melding) -> dict:
    return {
        "melding": melding,
        "link": absoluut(melding.url),
        "afmeld_link": absoluut(reverse("meldingen:afmelden", args=[afmeldtoken(melding.ontvanger, melding.soort)])),
    }


def melding_mailen(melding_id: int) -> bool:
    """Mails one notification now if its person wants this kind directly and it was not mailed yet.

    The row stays locked while the mail leaves, so a second run of the same task waits and then
    finds it mailed; if sending fails nothing is marked and a retry may send it.
    """
    with transaction.atomic():
        melding = Melding.objects.select_for_update(of=("self",)).select_related("ontvanger").filter(pk=melding_id).first()
        if melding is None or melding.gemaild_op is not None:
            return False
        ontvanger = melding.ontvanger
        if not ontvanger.is_active or not ontvanger.email or frequenties(ontvanger)[melding.soort] != Frequentie.DIRECT:
            return False
        regel = _regel(melding)
        _bericht(ontvanger, melding.onderwerp, "melding", regel, afmeld_link=regel["afmeld_link"]).send()
        melding.gemaild_op = timezone.now()
        melding.save(update_fields=["gemaild_op"])
    return True


def overzicht_mailen(gebruiker_id: int) -> int:
    """One mail with the person's unread, unmailed notifications of the kinds they want daily."""
    with transaction.atomic():
        ontvanger = Gebruiker.objects.filter(pk=gebruiker_id, is_active=True).exclude(email="").first()
        if ontvanger is None:
            return 0
        dagelijks = [s for s, f in frequenties(ontvanger).items() if f == Frequentie.DAGELIJKS]
        meldingen = list(
            Melding.objects.select_for_update(of=("self",))
            .filter(ontvanger=ontvanger, soort__in=dagelijks, gemaild_op__isnull=True, gelezen_op__isnull=True)
            .select_related("ontvanger")
            .order_by("soort", "aangemaakt_op", "id")
        )
        if not meldingen:
            return 0
        with translation.override(MAILTAAL):
            onderwerp = ngettext(
                "Uw dagelijkse overzicht: %(aantal)s melding", "Uw dagelijkse overzicht: %(aantal)s meldingen", len(meldingen)
            ) % {"aantal": len(meldingen)}
        regels = [_regel(m) for m in meldingen]
        _bericht(ontvanger, onderwerp, "overzicht", {"regels": regels, "lijst_link": absoluut(reverse("meldingen:lijst"))}).send()
        Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(gemaild_op=timezone.now())
    return len(meldingen)


def overzichten_mailen() -> int:
    """The daily overview for everyone with something waiting in it; returns the number of mails."""
    wachtend = (
        Melding.objects.filter(gemaild_op__isnull=True, gelezen_op__isnull=True)
        .values_list("ontvanger_id", flat=True)
        .distinct()
    )
    verstuurd = 0
    for gebruiker_id in sorted(set(wachtend)):
        try:
            verstuurd += 1 if overzicht_mailen(gebruiker_id) else 0
        except Exception:
            # One address the mail server refuses must not stop the others' overview.
            logger.exception("Dagelijks overzicht voor gebruiker %s niet verstuurd", gebruiker_id)
    return verstuurd
