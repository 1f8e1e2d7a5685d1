"""The reminder kinds coaching publishes (delivery belongs to `notifications`), the shape of
their keys and the functions that build them: `<kind>:<id>[:<occurrence>]`
(careersupport/notifications/keys.py), so scheduling a key again moves that occurrence.

- a session tomorrow / in one hour, to the coach and the coachee; the occurrence is the
  session's `version` and the person, so a moved session gets fresh reminders (the old
  ones are cancelled) even when the old ones were already sent (`services.sessions`);
- a session booked, moved or cancelled, to the other side (`services.sessions`);
- a request to accept, to the coach; the answer (with the coach's message), to the person
  (`services.engagements`);
- a request waiting more than two working days, to the coach and to HR (beat:
  `coaching.publish_waiting_requests`, hourly);
- an engagement with sessions left and none booked for 30 days, to the coachee (beat:
  `coaching.publish_idle_engagements`, hourly); the occurrence is the day the idle stretch
  began, so a later stretch is a new reminder;
- rate a held session, and the final review when an engagement is completed, to the
  coachee; an engagement cancelled, to the other side.

No reminder carries the text of a note: titles and bodies say who, when and where.
"""

from __future__ import annotations

from datetime import date

from careersupport.notifications.keys import (
    OCCURRENCE_DATE,
    OCCURRENCE_ID,
    reminder_key,
    reminder_key_prefix,
)

SESSION_DAY = "coaching.session_day"
SESSION_HOUR = "coaching.session_hour"
SESSION_CHANGED = "coaching.session_changed"
REQUEST_NEW = "coaching.request_new"
REQUEST_ANSWERED = "coaching.request_answered"
REQUEST_WAITING = "coaching.request_waiting"
ENGAGEMENT_IDLE = "coaching.engagement_idle"
FEEDBACK_DUE = "coaching.feedback_due"
ENGAGEMENT_ENDED = "coaching.engagement_ended"

REMINDER_KINDS = {
    SESSION_DAY: "A coaching session tomorrow",
    SESSION_HOUR: "A coaching session in one hour",
    SESSION_CHANGED: "A coaching session was booked, moved or cancelled",
    REQUEST_NEW: "Someone asks you to be their coach",
    REQUEST_ANSWERED: "A coach answered your request",
    REQUEST_WAITING: "A coaching request has waited more than two working days",
    ENGAGEMENT_IDLE: "Coaching sessions left, but none booked for 30 days",
    FEEDBACK_DUE: "Rate your coaching session",
    ENGAGEMENT_ENDED: "A coaching engagement was completed or cancelled",
}

SESSION_KINDS = (SESSION_DAY, SESSION_HOUR)
SESSION_EVENTS = ("booked", "moved", "cancelled")
VERSION_PERSON = r"\d+-\d+"  # the session's version, then the person

REMINDER_KEYS = {
    SESSION_DAY: VERSION_PERSON,  # session : version-person
    SESSION_HOUR: VERSION_PERSON,  # session : version-person
    SESSION_CHANGED: rf"\d+-(?:{'|'.join(SESSION_EVENTS)})-\d+",  # session : version-event-person
    REQUEST_NEW: OCCURRENCE_ID,  # engagement : the coach asked
    REQUEST_ANSWERED: OCCURRENCE_ID,  # engagement : the coach who answered
    REQUEST_WAITING: r"\d+-\d+",  # engagement : the coach asked - whom it reminds
    ENGAGEMENT_IDLE: OCCURRENCE_DATE,  # engagement : the day the idle stretch began
    FEEDBACK_DUE: None,  # session
    ENGAGEMENT_ENDED: OCCURRENCE_ID,  # engagement : whom it tells
}


def session_key(kind: str, session_id: int, version: int, person_id: int) -> str:
    """One person's reminder of one version of a session (`SESSION_DAY` or `SESSION_HOUR`)."""
    if kind not in SESSION_KINDS:
        raise ValueError(f"Not a session reminder: {kind}")
    return reminder_key(kind, session_id, f"{int(version)}-{int(person_id)}")


def session_day_key(session_id: int, version: int, person_id: int) -> str:
    return session_key(SESSION_DAY, session_id, version, person_id)


def session_hour_key(session_id: int, version: int, person_id: int) -> str:
    return session_key(SESSION_HOUR, session_id, version, person_id)


def session_reminder_prefixes(session_id: int) -> list[str]:
    """What every reminder of one session starts with, whatever its version or person."""
    return [reminder_key_prefix(kind, session_id) for kind in SESSION_KINDS]


def session_changed_key(session_id: int, version: int, event: str, person_id: int) -> str:
    if event not in SESSION_EVENTS:
        raise ValueError(f"Not a session event: {event}")
    return reminder_key(SESSION_CHANGED, session_id, f"{int(version)}-{event}-{int(person_id)}")


def request_new_key(engagement_id: int, coach_id: int) -> str:
    return reminder_key(REQUEST_NEW, engagement_id, coach_id)


def request_answered_key(engagement_id: int, coach_id: int) -> str:
    return reminder_key(REQUEST_ANSWERED, engagement_id, coach_id)


def request_waiting_key(engagement_id: int, coach_id: int, recipient_id: int) -> str:
    return reminder_key(REQUEST_WAITING, engagement_id, f"{int(coach_id)}-{int(recipient_id)}")


def request_waiting_prefix(engagement_id: int) -> str:
    return reminder_key_prefix(REQUEST_WAITING, engagement_id)


def engagement_idle_key(engagement_id: int, since: date) -> str:
    """One per idle stretch: `since` is the day of the last session (or the start)."""
    return reminder_key(ENGAGEMENT_IDLE, engagement_id, since)


def engagement_idle_prefix(engagement_id: int) -> str:
    return reminder_key_prefix(ENGAGEMENT_IDLE, engagement_id)


def feedback_due_key(session_id: int) -> str:
    return reminder_key(FEEDBACK_DUE, session_id)


def engagement_ended_key(engagement_id: int, person_id: int) -> str:
    return reminder_key(ENGAGEMENT_ENDED, engagement_id, person_id)
