"""Reminder kinds that notifications itself publishes, and the shape of their keys."""

from __future__ import annotations

from datetime import date

from .keys import OCCURRENCE_DATE, reminder_key

DIGEST_KIND = "notifications.digest"

REMINDER_KINDS = {
    DIGEST_KIND: "Daily digest of your reminders",
}

REMINDER_KEYS = {
    DIGEST_KIND: OCCURRENCE_DATE,  # person : their local day
}


def digest_key(person_id: int, local_day: date) -> str:
    return reminder_key(DIGEST_KIND, person_id, local_day)
