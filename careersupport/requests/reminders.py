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

REMINDER_KINDS = {
    "requests.waiting": "Requests waiting for your decision (each morning)",
    "requests.decision": "A decision on one of your requests",
    "requests.team_leave": "Someone in your team will be on leave",
    "requests.leave_soon": "Leave in your team starts next week",
    "requests.trial_review": "A flexible-work trial is due for review",
    "requests.repayment": "A salary-advance repayment is due",
    "requests.job_share": "A colleague asks you to share their job",
}


def waiting_key(approver_id: int, day: date) -> str:
    return f"requests.waiting:{approver_id}:{day:%Y%m%d}"


def decision_key(decision_id: int) -> str:
    return f"requests.decision:{decision_id}"


def team_leave_key(leave_id: int) -> str:
    return f"requests.team_leave:{leave_id}"


def team_leave_cancelled_key(leave_id: int) -> str:
    return f"requests.team_leave:{leave_id}:cancelled"


def leave_soon_key(leave_id: int) -> str:
    return f"requests.leave_soon:{leave_id}"


def trial_review_key(arrangement_id: int, person_id: int, review: date, ahead: bool) -> str:
    return f"requests.trial_review:{arrangement_id}:{person_id}:{review:%Y%m%d}{':ahead' if ahead else ''}"


def trial_review_prefix(arrangement_id: int) -> str:
    return f"requests.trial_review:{arrangement_id}:"


def repayment_key(instalment_id: int) -> str:
    return f"requests.repayment:{instalment_id}"


def job_share_key(arrangement_id: int) -> str:
    return f"requests.job_share:{arrangement_id}"
