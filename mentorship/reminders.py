"""The reminder kinds mentorship publishes (delivery belongs to `notifications`), and the
builders of their keys. No reminder carries the text of a meeting log or a private note.

- request new / waiting: to the mentor when asked, and again after 3 days without an answer;
- request decided: to the mentee, with the mentor's message;
- matched: to both sides when a mentorship starts (a request, HR's run, a re-pair);
- agreement pending: to the other side when one side changes or confirms the agreement;
- meeting due: to both, 09:00 local on the day the next meeting is due by the cadence;
- stalled: to both, when a pair has had no meeting for 30 days (beat, `upkeep`);
- ending soon: to both, 09:00 local 7 days before the agreement's end date;
- poor fit: to the employer's HR admins when either side answers "no" to "a good fit?";
- feedback requested: to both when the mentorship closes.
"""

from __future__ import annotations

from datetime import date

from careersupport.notifications.keys import OCCURRENCE_DATE, OCCURRENCE_ID, reminder_key

REMINDER_KINDS = {
    "mentorship.request_new": "Someone asked you to be their mentor",
    "mentorship.request_waiting": "A mentoring request has waited 3 days for your answer",
    "mentorship.request_decided": "Your mentor request was answered",
    "mentorship.matched": "You have a new mentorship",
    "mentorship.agreement_pending": "A mentoring agreement waits for your confirmation",
    "mentorship.meeting_due": "Your next mentoring meeting is due",
    "mentorship.stalled": "A mentorship has had no meeting for 30 days",
    "mentorship.ending_soon": "A mentorship ends in a week",
    "mentorship.poor_fit": "A mentoring pair said it is not a good fit (HR)",
    "mentorship.feedback_requested": "Feedback on a mentorship that ended",
}

# `<kind>:<id>[:<occurrence>]` (careersupport/notifications/keys.py): the occurrence's shape.
DAY_PERSON = rf"{OCCURRENCE_DATE}-\d+"  # the local day it is about, then the person
REMINDER_KEYS = {
    "mentorship.request_new": None,  # request
    "mentorship.request_waiting": None,  # request
    "mentorship.request_decided": None,  # request
    "mentorship.matched": OCCURRENCE_ID,  # mentorship : person
    "mentorship.agreement_pending": r"\d+-\d+",  # mentorship : agreement version-person
    "mentorship.meeting_due": DAY_PERSON,  # mentorship : due day-person
    "mentorship.stalled": DAY_PERSON,  # mentorship : day the stall counts from-person
    "mentorship.ending_soon": DAY_PERSON,  # mentorship : end date-person
    "mentorship.poor_fit": OCCURRENCE_ID,  # mentorship : HR admin
    "mentorship.feedback_requested": OCCURRENCE_ID,  # mentorship : person
}


def request_new_key(request_id: int) -> str:
    return reminder_key("mentorship.request_new", request_id)


def request_waiting_key(request_id: int) -> str:
    return reminder_key("mentorship.request_waiting", request_id)


def request_decided_key(request_id: int) -> str:
    return reminder_key("mentorship.request_decided", request_id)


def matched_key(mentorship_id: int, person_id: int) -> str:
    return reminder_key("mentorship.matched", mentorship_id, person_id)


def agreement_pending_prefix(mentorship_id: int) -> str:
    return f"mentorship.agreement_pending:{mentorship_id}:"


def agreement_pending_key(mentorship_id: int, version: int, person_id: int) -> str:
    return reminder_key("mentorship.agreement_pending", mentorship_id, f"{version}-{person_id}")


def _day_person(day: date, person_id: int) -> str:
    return f"{day.isoformat()}-{person_id}"


def meeting_due_prefix(mentorship_id: int) -> str:
    return f"mentorship.meeting_due:{mentorship_id}:"


def meeting_due_key(mentorship_id: int, due: date, person_id: int) -> str:
    return reminder_key("mentorship.meeting_due", mentorship_id, _day_person(due, person_id))


def stalled_prefix(mentorship_id: int) -> str:
    return f"mentorship.stalled:{mentorship_id}:"


def stalled_key(mentorship_id: int, since: date, person_id: int) -> str:
    return reminder_key("mentorship.stalled", mentorship_id, _day_person(since, person_id))


def ending_soon_prefix(mentorship_id: int) -> str:
    return f"mentorship.ending_soon:{mentorship_id}:"


def ending_soon_key(mentorship_id: int, ends_on: date, person_id: int) -> str:
    return reminder_key("mentorship.ending_soon", mentorship_id, _day_person(ends_on, person_id))


def poor_fit_key(mentorship_id: int, hr_id: int) -> str:
    return reminder_key("mentorship.poor_fit", mentorship_id, hr_id)


def feedback_key(mentorship_id: int, person_id: int) -> str:
    return reminder_key("mentorship.feedback_requested", mentorship_id, person_id)
