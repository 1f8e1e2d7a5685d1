"""The reminder kinds the household app publishes (delivery belongs to `notifications`):
news to the other partner, never a detail of the page.

- asked: one side opened the household page to the other, who has not yet (`services`);
- opened: the page is open, to the side that opted in first (`services`);
- closed: one side closed the page, or withdrew a request the other had read (`services`).

Keys are `<kind>:<household>:<opening>`: the opening is the count of times the page has
opened before (`Household.openings`), so each opening and each closing is its own occurrence
and a repeated click sends nothing new.
"""

from __future__ import annotations

from careersupport.notifications.keys import OCCURRENCE_ID, reminder_key

ASKED = "household.asked"
OPENED = "household.opened"
CLOSED = "household.closed"

REMINDER_KINDS = {
    ASKED: "Your partner opened the household page to you",
    OPENED: "Your household page is open",
    CLOSED: "Your household page was closed",
}

REMINDER_KEYS = {
    ASKED: rf"{OCCURRENCE_ID}-(?:employee|partner)",  # household : opening-side that asked
    OPENED: OCCURRENCE_ID,  # household : opening
    # household : opening that closed, or opening-side whose request was withdrawn
    CLOSED: rf"{OCCURRENCE_ID}(?:-(?:employee|partner))?",
}


def asked_key(household_id: int, opening: int, side: str) -> str:
    return reminder_key(ASKED, household_id, f"{opening}-{side}")


def opened_key(household_id: int, opening: int) -> str:
    return reminder_key(OPENED, household_id, opening)


def closed_key(household_id: int, opening: int, side: str = "") -> str:
    return reminder_key(CLOSED, household_id, f"{opening}-{side}" if side else opening)
