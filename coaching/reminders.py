"""The reminder kinds coaching publishes (delivery belongs to `notifications`), and the key
builders: a key is `<kind>:<id>[:<occurrence>]`, so scheduling it again moves it.

- session tomorrow / in one hour, to the coach and the coachee; a session's `version` is the
  occurrence, so a moved session gets fresh reminders (the old ones are cancelled) even when
  the old ones were already sent (`services.sessions`);
- a session booked, moved or cancelled, to the other side (`services.sessions`);
- a request to accept, to the coach; the answer (with the coach's message), to the person
  (`services.engagements`);
- a request waiting more than two working days, to the coach and to HR (beat:
  `coaching.publish_waiting_requests`, hourly);
- an engagement with sessions left and none booked for 30 days, to the coachee (beat:
  `coaching.publish_idle_engagements`, hourly);
- rate a held session, and the final review when an engagement is completed, to the
  coachee; an engagement cancelled, to the other side.

No reminder carries the text of a note: titles and bodies say who, when and where.
"""

from __future__ import annotations

from datetime import date

REMINDER_KINDS = {
    "coaching.session_day": "A coaching session tomorrow",
    "coaching.session_hour": "A coaching session in one hour",
    "coaching.session_changed": "A coaching session was booked, moved or cancelled",
    "coaching.request_new": "Someone asks you to be their coach",
    "coaching.request_answered": "A coach answered your request",
    "coaching.request_waiting": "A coaching request has waited more than two working days",
    "coaching.engagement_idle": "Coaching sessions left, but none booked for 30 days",
    "coaching.feedback_due": "Rate your coaching session",
    "coaching.engagement_ended": "A coaching engagement was completed or cancelled",
}


def session_day_key(session_id: int, version: int, person_id: int) -> str:
    return f"coaching.session_day:{session_id}:{version}-{person_id}"


def session_hour_key(session_id: int, version: int, person_id: int) -> str:
    return f"coaching.session_hour:{session_id}:{version}-{person_id}"


def session_reminder_prefixes(session_id: int) -> tuple[str, str]:
    """Every occurrence of both reminders of one session (the colon ends the id)."""
    return f"coaching.session_day:{session_id}:", f"coaching.session_hour:{session_id}:"


def session_changed_key(session_id: int, version: int, event: str, person_id: int) -> str:
    return f"coaching.session_changed:{session_id}:{version}-{event}-{person_id}"


def request_new_key(engagement_id: int, coach_id: int) -> str:
    return f"coaching.request_new:{engagement_id}:{coach_id}"


def request_answered_key(engagement_id: int, coach_id: int) -> str:
    return f"coaching.request_answered:{engagement_id}:{coach_id}"


def request_waiting_key(engagement_id: int, coach_id: int, recipient_id: int) -> str:
    return f"coaching.request_waiting:{engagement_id}:{coach_id}-{recipient_id}"


def request_waiting_prefix(engagement_id: int) -> str:
    return f"coaching.request_waiting:{engagement_id}:"


def engagement_idle_key(engagement_id: int, since: date) -> str:
    """One per idle stretch: `since` is the day of the last session (or the start)."""
    return f"coaching.engagement_idle:{engagement_id}:{since:%Y%m%d}"


def engagement_idle_prefix(engagement_id: int) -> str:
    return f"coaching.engagement_idle:{engagement_id}:"


def feedback_due_key(session_id: int) -> str:
    return f"coaching.feedback_due:{session_id}"


def engagement_ended_key(engagement_id: int, person_id: int) -> str:
    return f"coaching.engagement_ended:{engagement_id}:{person_id}"
