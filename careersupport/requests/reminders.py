"""The reminder kinds the requests app publishes (delivery belongs to `notifications`), and
their keys: `<kind>:<id>[:<occurrence>]`, never with the time of "now" in them.

- waiting: each approver, every morning at 08:00 in their time zone, how many requests wait
  for them (`services.digest`, published hourly by beat; one a day, kept current);
- decision: the requester, when a request is decided (inbox only for leave and money:
  the news itself says what they asked for);
- team_leave / leave_soon: the manager, when a report's leave is approved (or, once
  approved, cancelled) and a week before it starts: the dates and "leave", never the
  policy or the reason;
- trial_review: the manager and the person, a week before (manager) and on the review date
  of an arrangement in its trial period;
- repayment: the person, on each instalment's date of a salary advance (inbox only);
- job_share: the colleague named in a job-share request, asking them to confirm.
"""

from __future__ import annotations

from datetime import date

from careersupport.notifications.keys import (
    OCCURRENCE_DATE,
    optional,
    reminder_key,
    reminder_key_prefix,
)

WAITING = "requests.waiting"
DECISION = "requests.decision"
TEAM_LEAVE = "requests.team_leave"
LEAVE_SOON = "requests.leave_soon"
TRIAL_REVIEW = "requests.trial_review"
REPAYMENT = "requests.repayment"
JOB_SHARE = "requests.job_share"

REMINDER_KINDS = {
    WAITING: "Requests waiting for your decision (each morning)",
    DECISION: "A decision on one of your requests",
    TEAM_LEAVE: "Someone in your team will be on leave",
    LEAVE_SOON: "Leave in your team starts next week",
    TRIAL_REVIEW: "A flexible-work trial is due for review",
    REPAYMENT: "A salary-advance repayment is due",
    JOB_SHARE: "A colleague asks you to share their job",
}

# `<kind>:<id>[:<occurrence>]` (careersupport/notifications/keys.py): the occurrence's shape.
REMINDER_KEYS = {
    WAITING: OCCURRENCE_DATE,  # approver : the morning (their local day)
    DECISION: None,  # decision
    TEAM_LEAVE: optional("cancelled"),  # leave (approved), then leave : cancelled
    LEAVE_SOON: None,  # leave
    # arrangement : whom-review day, and "-ahead" for the manager's a week before
    TRIAL_REVIEW: rf"\d+-{OCCURRENCE_DATE}(?:-ahead)?",
    REPAYMENT: None,  # instalment
    JOB_SHARE: None,  # arrangement
}


def waiting_key(approver_id: int, day: date) -> str:
    return reminder_key(WAITING, approver_id, day)


def decision_key(decision_id: int) -> str:
    return reminder_key(DECISION, decision_id)


def team_leave_key(leave_id: int) -> str:
    return reminder_key(TEAM_LEAVE, leave_id)


def team_leave_cancelled_key(leave_id: int) -> str:
    return reminder_key(TEAM_LEAVE, leave_id, "cancelled")


def leave_soon_key(leave_id: int) -> str:
    return reminder_key(LEAVE_SOON, leave_id)


def trial_review_key(arrangement_id: int, person_id: int, review: date, ahead: bool) -> str:
    occurrence = f"{int(person_id)}-{review.isoformat()}{'-ahead' if ahead else ''}"
    return reminder_key(TRIAL_REVIEW, arrangement_id, occurrence)


def trial_review_prefix(arrangement_id: int) -> str:
    return reminder_key_prefix(TRIAL_REVIEW, arrangement_id)


def repayment_key(instalment_id: int) -> str:
    return reminder_key(REPAYMENT, instalment_id)


def job_share_key(arrangement_id: int) -> str:
    return reminder_key(JOB_SHARE, arrangement_id)
