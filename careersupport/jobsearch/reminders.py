"""The reminder kinds the job-search tracker publishes (delivery belongs to `notifications`),
the shape of their keys and the functions that build them (`<kind>:<id>[:<occurrence>]`,
careersupport/notifications/keys.py):

- a next step on its day, at 09:00 in the owner's zone; the occurrence is the day, so a moved
  date is a new occurrence (the old one is cancelled) even when an earlier one was sent;
  cancelled when the step is cleared or the application closes (`services.applications`);
- a preparation request (résumé review, interview practice), to the coach of the owner's
  active engagement, when it is made or when the engagement becomes active;
- a coach's comment on a preparation request, to its owner.

Titles name the organisation and the role, never salary figures or note text.
"""

from __future__ import annotations

from datetime import date

from careersupport.notifications.keys import (
    OCCURRENCE_DATE,
    OCCURRENCE_ID,
    reminder_key,
    reminder_key_prefix,
)

NEXT_STEP = "jobsearch.next_step"
PREPARATION_NEW = "jobsearch.preparation_new"
PREPARATION_COMMENT = "jobsearch.preparation_comment"

REMINDER_KINDS = {
    NEXT_STEP: "A next step of a job application is due today",
    PREPARATION_NEW: "Someone you coach asks for a résumé review or interview practice",
    PREPARATION_COMMENT: "Your coach commented on a résumé review or interview practice",
}

REMINDER_KEYS = {
    NEXT_STEP: OCCURRENCE_DATE,  # application : the step's day
    PREPARATION_NEW: OCCURRENCE_ID,  # preparation request : the coach told
    PREPARATION_COMMENT: OCCURRENCE_ID,  # preparation request : the comment
}


def next_step_key(application_id: int, day: date) -> str:
    return reminder_key(NEXT_STEP, application_id, day)


def next_step_prefix(application_id: int) -> str:
    return reminder_key_prefix(NEXT_STEP, application_id)


def preparation_prefix(kind: str, request_id: int) -> str:
    return reminder_key_prefix(kind, request_id)


def preparation_new_key(request_id: int, coach_id: int) -> str:
    return reminder_key(PREPARATION_NEW, request_id, coach_id)


def preparation_comment_key(request_id: int, comment_id: int) -> str:
    return reminder_key(PREPARATION_COMMENT, request_id, comment_id)
