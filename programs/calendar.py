"""iCalendar files for sessions, with the icalendar library.

A person's private feed lists their programme sessions and the events other apps add:
an app with a `<app>.calendar.feed_events(person)` function (coaching's sessions, say)
contributes `Event`s built with `make_event`, so every entry has the same shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from icalendar import Calendar, Event

from .models import Session


def make_event(
    *,
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    url: str,
    description: str = "",
    location: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> Event:
    """One calendar entry; pass local times with their zone, so calendars show the event
    where it happens."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", timezone.now())
    if sequence:
        event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    if location:
        event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    return event


def calendar_of(events: Iterable[Event]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//CareerSupport//programs//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "CareerSupport programs")
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def session_event(session: Session) -> Event:
    description = session.offering.description
    if session.online_url:
        description = f"{session.online_url}\n\n{description}"
    return make_event(
        uid=f"session-{session.pk}@careersupport",
        summary=f"{session.offering.title}: {session.title}",
        start=session.local_start,
        end=session.local_end,
        location=session.location,
        description=description,
        url=settings.SITE_URL + session.offering.get_absolute_url(),
    )


def ics_for(sessions: Iterable[Session], *, events: Iterable[Event] = ()) -> bytes:
    return calendar_of([*(session_event(s) for s in sessions), *events])


@cache
def _feed_providers() -> list[Callable]:
    providers = []
    for config in apps.get_app_configs():
        if config.name == "programs":
            continue
        try:
            providers.append(import_string(f"{config.name}.calendar.feed_events"))
        except ImportError:
            continue
    return providers


def other_apps_events(person) -> list[Event]:
    """The events other apps add to the person's feed."""
    return [event for provider in _feed_providers() for event in provider(person)]
