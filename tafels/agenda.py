"""iCalendar (RFC 5545) feeds of table meetings, built with the icalendar library."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from drechtsteden.invoer import DATUM_MAX, DATUM_MIN

from .models import Vergadering


def tafel_agenda(vergaderingen: Iterable[Vergadering], *, naam: str, request: HttpRequest) -> bytes:
    """A calendar with one event per meeting; a draft agenda is not included, only date and place."""
    agenda = Calendar()
    agenda.add("prodid", "-//Drechtsteden//Samenwerkingsportaal//NL")
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("x-wr-calname", naam)
    nu = timezone.now().astimezone(datetime.UTC)
    for vergadering in vergaderingen:
        # A meeting stored before dates were bounded (year 1 or 9999) is left out rather than breaking
        # the feed of every member; its page still shows it, so it can be corrected.
        if not DATUM_MIN <= vergadering.begint_om.date() <= DATUM_MAX:
            continue
        event = Event()
        event.add("uid", f"vergadering-{vergadering.pk}@drechtsteden-portaal")
        event.add("dtstamp", nu)
        event.add("dtstart", vergadering.begint_om.astimezone(datetime.UTC))
        event.add("dtend", vergadering.eindigt_om.astimezone(datetime.UTC))
        event.add("summary", f"{vergadering.tafel.naam}")
        if vergadering.plaats:
            event.add("location", vergadering.plaats)
        event.add("description", f"Status: {vergadering.get_status_display()}")
        event.add("url", request.build_absolute_uri(reverse("tafels:vergadering", args=[vergadering.pk])))
        agenda.add_component(event)
    return agenda.to_ical()
