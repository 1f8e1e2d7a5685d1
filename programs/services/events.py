"""Event sessions, registration per session, reminders before each, calendar feeds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel_prefix, reminder_schedule
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

SESSION_FIELDS = ("title", "starts_at", "ends_at", "time_zone", "location", "online_url")
BEFORE = {"day": timedelta(days=1), "hour": timedelta(hours=1)}


def _prefix(session: Session, person_id: int | None = None) -> str:
    prefix = f"programs:session:{session.pk}:"
    return prefix if person_id is None else f"{prefix}person:{person_id}:"


def _schedule_reminders(session: Session, person: Individual) -> None:
    """Tomorrow and in one hour; a reminder whose moment has passed is not scheduled."""
    now = timezone.now()
    local = session.starts_at.astimezone(person.tzinfo)
    for when, delta in BEFORE.items():
        due = session.starts_at - delta
        key = f"{_prefix(session, person.pk)}{when}"
        if due <= now:
            reminder_cancel_prefix(prefix=key)
            continue
        reminder_schedule(
            recipient=person,
            kind="programs.session_tomorrow" if when == "day" else "programs.session_soon",
            key=key,
            due_at=due,
            title=f"{session.offering.title}: {session.title} "
            f"{'tomorrow' if when == 'day' else 'in one hour'} at {local:%H:%M}",
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
def session_create(*, offering: Offering, actor: Individual, **fields: Any) -> Session:
    _require_organiser(actor, offering)
    if not offering.is_event:
        raise ValidationError("Only events have dated sessions.")
    session = Session(offering=offering, **fields)
    session.full_clean()
    session.save()
    audit(employer=offering.employer, actor=actor, verb="session.created", target=session)
    return session


@transaction.atomic
def session_update(*, session: Session, actor: Individual, **fields: Any) -> Session:
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
    reminder_cancel_prefix(prefix=_prefix(session))
    audit(employer=session.offering.employer, actor=actor, verb="session.deleted", target=session)
    session.delete()


def sessions_cancel_reminders(*, offering: Offering) -> None:
    """An archived event happens no more: nobody is reminded of its sessions."""
    for session_id in offering.sessions.values_list("pk", flat=True):
        reminder_cancel_prefix(prefix=f"programs:session:{session_id}:")


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
    reminder_cancel_prefix(prefix=_prefix(session, person.pk))
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
