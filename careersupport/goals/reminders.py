"""The reminder kinds the goals app publishes (delivery belongs to `notifications`), the
shape of their keys and the functions that build them.

- check-in due: on the due date at 09:00 in the owner's time zone (`services.checkins`);
- check-in overdue: three days later, to the owner, unless a check-in was recorded
  (`services.checkins`);
- review pending: a manager reviewed a goal; cancelled when the owner replies
  (`services.reviews`);
- review replied: the owner replied, to the manager who wrote the review (`services.reviews`);
- team overdue summary: Monday 09:00 in the manager's time zone, their reports' overdue
  check-ins (`team_summary`, published hourly by beat).
"""

from __future__ import annotations

from datetime import date

from careersupport.notifications.keys import OCCURRENCE_DATE, reminder_key

CHECKIN_DUE = "goals.checkin_due"
CHECKIN_OVERDUE = "goals.checkin_overdue"
REVIEW_PENDING = "goals.review_pending"
REVIEW_REPLIED = "goals.review_replied"
TEAM_OVERDUE_SUMMARY = "goals.team_overdue_summary"

REMINDER_KINDS = {
    CHECKIN_DUE: "A goal check-in is due",
    CHECKIN_OVERDUE: "A goal check-in is overdue",
    REVIEW_PENDING: "Your manager reviewed one of your goals",
    REVIEW_REPLIED: "A reply to a goal review you wrote",
    TEAM_OVERDUE_SUMMARY: "Weekly summary of your team's overdue check-ins",
}

# `<kind>:<id>[:<occurrence>]` (careersupport/notifications/keys.py): the occurrence's shape.
REMINDER_KEYS = {
    CHECKIN_DUE: OCCURRENCE_DATE,  # goal : the due date
    CHECKIN_OVERDUE: OCCURRENCE_DATE,  # goal : the due date it is overdue from
    REVIEW_PENDING: None,  # review
    REVIEW_REPLIED: None,  # review
    TEAM_OVERDUE_SUMMARY: OCCURRENCE_DATE,  # manager : the Monday it is sent on (local)
}


def checkin_due_key(goal_id: int, due: date) -> str:
    return reminder_key(CHECKIN_DUE, goal_id, due)


def checkin_overdue_key(goal_id: int, due: date) -> str:
    return reminder_key(CHECKIN_OVERDUE, goal_id, due)


def review_pending_key(review_id: int) -> str:
    return reminder_key(REVIEW_PENDING, review_id)


def review_replied_key(review_id: int) -> str:
    return reminder_key(REVIEW_REPLIED, review_id)


def team_summary_key(manager_id: int, monday: date) -> str:
    return reminder_key(TEAM_OVERDUE_SUMMARY, manager_id, monday)
