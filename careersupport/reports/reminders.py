"""The reminder kinds the reports app publishes (delivery belongs to `notifications`), and
their keys: `<kind>:<invitation id>`.

- survey: the person, when something ended for them (an offering, coaching, a mentorship, a
  leave): a link to a short survey, once;
- survey_reminder: the same person five days later, unless they answered (cancelled then).
"""

from __future__ import annotations

from careersupport.notifications.keys import reminder_key

SURVEY = "reports.survey"
SURVEY_REMINDER = "reports.survey_reminder"

REMINDER_KINDS = {
    SURVEY: "A short survey about support you took part in",
    SURVEY_REMINDER: "A reminder of a survey you have not answered yet",
}

# `<kind>:<id>[:<occurrence>]` (careersupport/notifications/keys.py): one of each per invitation.
REMINDER_KEYS = {SURVEY: None, SURVEY_REMINDER: None}


def survey_key(invitation_id: int) -> str:
    return reminder_key(SURVEY, invitation_id)


def survey_reminder_key(invitation_id: int) -> str:
    return reminder_key(SURVEY_REMINDER, invitation_id)
