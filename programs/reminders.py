"""Reminder kinds that `programs` publishes through the notifications app, the shape of
their keys and the functions that build them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from careersupport.notifications.keys import (
    OCCURRENCE_DATE,
    OCCURRENCE_ID,
    reminder_key,
    reminder_key_prefix,
)

SESSION_TOMORROW = "programs.session_tomorrow"
SESSION_SOON = "programs.session_soon"
ENROLLMENT_APPROVED = "programs.enrollment_approved"
ENROLLMENT_DECLINED = "programs.enrollment_declined"
WAITLIST_PROMOTED = "programs.waitlist_promoted"
PENDING_APPROVALS = "programs.pending_approvals"
SHADOW_BOOKING = "programs.shadow_booking"

REMINDER_KINDS = {
    SESSION_TOMORROW: "An event session you registered for is tomorrow",
    SESSION_SOON: "An event session you registered for starts in an hour",
    ENROLLMENT_APPROVED: "Your enrollment was approved",
    ENROLLMENT_DECLINED: "Your enrollment was declined",
    WAITLIST_PROMOTED: "A seat freed up and you moved off the waitlist",
    PENDING_APPROVALS: "Enrollments waiting for your approval (HR)",
    SHADOW_BOOKING: "A job-shadowing booking needs you or was decided",
}

SESSION_KINDS = (SESSION_TOMORROW, SESSION_SOON)
# An enrollment's request: when the person asked (`Enrollment.created_at`, set anew by each
# request), in UTC to the microsecond. Each request is decided once and promoted once.
REQUEST = r"\d{8}T\d{12}Z"
SHADOW_STEPS = ("requested", "confirmed", "declined", "cancelled")

# `<kind>:<id>[:<occurrence>]` (careersupport/notifications/keys.py): the occurrence's shape.
REMINDER_KEYS = {
    SESSION_TOMORROW: OCCURRENCE_ID,  # session : person
    SESSION_SOON: OCCURRENCE_ID,  # session : person
    ENROLLMENT_APPROVED: REQUEST,  # enrollment : the request
    ENROLLMENT_DECLINED: REQUEST,  # enrollment : the request
    WAITLIST_PROMOTED: REQUEST,  # enrollment : the request
    PENDING_APPROVALS: OCCURRENCE_DATE,  # HR admin : the morning (their local day)
    SHADOW_BOOKING: "|".join(SHADOW_STEPS),  # booking : the step the news is about
}


def session_key(kind: str, session_id: int, person_id: int) -> str:
    """A registered person's reminder of one session (`SESSION_TOMORROW` or `SESSION_SOON`)."""
    if kind not in SESSION_KINDS:
        raise ValueError(f"Not a session reminder: {kind}")
    return reminder_key(kind, session_id, person_id)


def session_key_prefixes(session_id: int) -> list[str]:
    """What every reminder of one session starts with, whoever it is for."""
    return [reminder_key_prefix(kind, session_id) for kind in SESSION_KINDS]


def request_occurrence(requested_at: datetime) -> str:
    return requested_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def enrollment_news_key(kind: str, enrollment_id: int, requested_at: datetime) -> str:
    """The news of one request's decision or promotion."""
    if kind not in (ENROLLMENT_APPROVED, ENROLLMENT_DECLINED, WAITLIST_PROMOTED):
        raise ValueError(f"Not enrollment news: {kind}")
    return reminder_key(kind, enrollment_id, request_occurrence(requested_at))


def pending_approvals_key(hr_id: int, morning: date) -> str:
    return reminder_key(PENDING_APPROVALS, hr_id, morning)


def shadow_booking_key(booking_id: int, step: str) -> str:
    if step not in SHADOW_STEPS:
        raise ValueError(f"Not a booking step: {step}")
    return reminder_key(SHADOW_BOOKING, booking_id, step)
