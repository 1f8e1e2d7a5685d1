"""iCalendar files for sessions, with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Session


def ics_for(sessions: Iterable[Session]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//CareerSupport//programs//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "CareerSupport programs")
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@careersupport")
        event.add("summary", f"{session.offering.title}: {session.title}")
        # Local times with their zone, so calendars show the session where it happens.
        event.add("dtstart", session.local_start)
        event.add("dtend", session.local_end)
        event.add("dtstamp", timezone.now())
        if session.location:
            event.add("location", session.location)
        description = session.offering.description
        if session.online_url:
            description = f"{session.online_url}\n\n{description}"
        event.add("description", description)
        event.add("url", settings.SITE_URL + session.offering.get_absolute_url())
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
