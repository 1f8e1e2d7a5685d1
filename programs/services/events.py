"""Event sessions, registration per session, reminders before each, calendar feeds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_schedule,
)
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import (
    CalendarFeed,
    Enrollment,
    Offering,
    Session,
    SessionRegistration,
    new_feed_token,
)
from ..reminders import (
    SESSION_KINDS,
    SESSION_SOON,
    SESSION_TOMORROW,
    session_key,
    session_key_prefixes,
)


class SessionChanges(TypedDict, total=False):
    """What an organiser edits on a session: the one list of its editable fields."""

    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    location: str
    online_url: str


SESSION_FIELDS = tuple(SessionChanges.__annotations__)
BEFORE = {
    SESSION_TOMORROW: (timedelta(days=1), "tomorrow"),
    SESSION_SOON: (timedelta(hours=1), "in one hour"),
}


def cancel_session_reminders(session_id: int, person_id: int | None = None) -> None:
    """Cancel the pending reminders of one session: one person's, or everyone's."""
    if person_id is None:
        for prefix in session_key_prefixes(session_id):
            reminder_cancel_prefix(prefix=prefix)
    else:
        for kind in SESSION_KINDS:
            reminder_cancel(key=session_key(kind, session_id, person_id))


def _schedule_reminders(session: Session, person: Individual) -> None:
    """Tomorrow and in one hour; a reminder whose moment has passed is not scheduled."""
    now = timezone.now()
    local = session.starts_at.astimezone(person.tzinfo)
    for kind, (delta, when) in BEFORE.items():
        due = session.starts_at - delta
        key = session_key(kind, session.pk, person.pk)
        if due <= now:
            reminder_cancel(key=key)
            continue
        reminder_schedule(
            recipient=person,
            kind=kind,
            key=key,
            due_at=due,
            title=f"{session.offering.title}: {session.title} {when} at {local:%H:%M}",
            body=session.location or session.online_url,
            url=session.offering.get_absolute_url(),
            confidential=session.offering.is_confidential,
        )


def _leads(actor: Individual, offering: Offering) -> bool:
    return (
        offering.kind == Offering.Kind.ERG
        and actor.employer_id == offering.employer_id
        and Enrollment.objects.filter(
            offering=offering, person=actor, status=Enrollment.Status.ENROLLED, is_lead=True
        ).exists()
    )


def is_organiser(actor: Individual, offering: Offering) -> bool:
    """HR of the employer organise every event; the leads of an ERG organise its events."""
    if actor.employer_id != offering.employer_id:
        return False
    return actor.is_hr_admin or _leads(actor, offering)


def _require_organiser(actor: Individual | None, offering: Offering) -> None:
    """Sessions are HR's work (`require_hr`), which an ERG's leads share for its events."""
    if actor is not None and _leads(actor, offering):
        return
    require_hr(actor, offering.employer_id)


@transaction.atomic
def session_create(
    *,
    offering: Offering,
    actor: Individual,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "UTC",
    location: str = "",
    online_url: str = "",
) -> Session:
    """A dated session of an event; the times are instants (the form reads them as wall-clock
    times in `time_zone`)."""
    _require_organiser(actor, offering)
    if not offering.is_event:
        raise ValidationError("Only events have dated sessions.")
    session = Session(
        offering=offering,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        location=location,
        online_url=online_url,
    )
    session.full_clean()
    session.save()
    audit(employer=offering.employer, actor=actor, verb="session.created", target=session)
    return session


@transaction.atomic
def session_update(
    *, session: Session, actor: Individual, **fields: Unpack[SessionChanges]
) -> Session:
    """A moved or renamed session moves and rewrites every registered person's reminders."""
    _require_organiser(actor, session.offering)
    before = {name: getattr(session, name) for name in SESSION_FIELDS}
    for name, value in fields.items():
        if name not in SESSION_FIELDS:
            raise ValueError(f"Not a session field: {name}")
        setattr(session, name, value)
    session.full_clean()
    session.save()
    if any(getattr(session, name) != value for name, value in before.items()):
        for registration in session.registrations.select_related("person"):
            _schedule_reminders(session, registration.person)
    audit(employer=session.offering.employer, actor=actor, verb="session.updated", target=session)
    return session


@transaction.atomic
def session_delete(*, session: Session, actor: Individual) -> None:
    _require_organiser(actor, session.offering)
    cancel_session_reminders(session.pk)
    audit(employer=session.offering.employer, actor=actor, verb="session.deleted", target=session)
    session.delete()


def sessions_cancel_reminders(*, offering: Offering) -> None:
    """An archived event happens no more: nobody is reminded of its sessions."""
    for session_id in offering.sessions.values_list("pk", flat=True):
        cancel_session_reminders(session_id)


@transaction.atomic
def session_register(
    *, session: Session, person: Individual, actor: Individual
) -> SessionRegistration:
    """Registration is per session, for people enrolled in the event (members of an ERG)."""
    if actor.pk != person.pk:
        raise ValidationError("People register themselves.")
    if not Enrollment.objects.filter(
        offering_id=session.offering_id, person=person, status=Enrollment.Status.ENROLLED
    ).exists():
        raise ValidationError("Enroll in the event first, then register for its sessions.")
    if session.ends_at < timezone.now():
        raise ValidationError("This session is over.")
    registration, created = SessionRegistration.objects.get_or_create(
        session=session, person=person
    )
    if created:
        _schedule_reminders(session, person)
        audit(employer=person.employer, actor=actor, verb="session.registered", target=registration)
    return registration


@transaction.atomic
def session_unregister(*, session: Session, person: Individual, actor: Individual) -> None:
    if actor.pk != person.pk:
        raise ValidationError("People unregister themselves.")
    deleted, _ = SessionRegistration.objects.filter(session=session, person=person).delete()
    cancel_session_reminders(session.pk, person.pk)
    if deleted:
        audit(employer=person.employer, actor=actor, verb="session.unregistered", target=session)


def calendar_feed_for(person: Individual) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, person: Individual, actor: Individual) -> CalendarFeed:
    """A new secret: calendars subscribed to the old address stop receiving events."""
    if actor.pk != person.pk:
        raise ValidationError("People revoke their own calendar address.")
    feed = calendar_feed_for(person)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    audit(employer=person.employer, actor=actor, verb="calendar_feed.revoked", target=feed)
    return feed
