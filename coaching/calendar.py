"""Coaching sessions in calendars: in the person's private feed (programs' feed asks
`feed_events`) and as a file per session, with the feed's own structure. A calendar entry
says who, when and where, never what a note says."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from programs.calendar import calendar_of, make_event

from .models import Session

# Cancelled sessions stay in the feed this long, marked cancelled, so subscribed calendars
# take them out; the past stays for a year.
CANCELLED_KEPT = timedelta(days=30)
PAST_KEPT = timedelta(days=365)


def session_event(session: Session, person_id: int):
    other = session.coachee if person_id == session.coach_id else session.coach
    what = "Chemistry call" if session.is_chemistry else "Coaching session"
    url = settings.SITE_URL + session.get_absolute_url()
    place = session.online_url or session.location
    return make_event(
        uid=f"coaching-session-{session.pk}@careersupport",
        summary=f"{what} with {other.full_name}",
        start=session.starts_at.astimezone(session.tzinfo),
        end=session.ends_at.astimezone(session.tzinfo),
        location=session.location,
        description="\n\n".join(filter(None, [place, url])),
        url=url,
        sequence=session.version - 1,
        cancelled=session.status == Session.Status.CANCELLED,
    )


def feed_events(person) -> list:
    """The person's coaching sessions (as coach or coachee) for their calendar feed."""
    now = timezone.now()
    sessions = (
        Session.objects.filter(Q(coach=person) | Q(coachee=person), starts_at__gte=now - PAST_KEPT)
        .exclude(status=Session.Status.CANCELLED, cancelled_at__lt=now - CANCELLED_KEPT)
        .select_related("coach", "coachee")
        .order_by("starts_at")
    )
    return [session_event(s, person.pk) for s in sessions]


def session_ics(session: Session, person_id: int | None = None) -> bytes:
    return calendar_of([session_event(session, person_id or session.coachee_id)])
