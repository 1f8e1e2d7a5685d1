"""The shape of a reminder's key: `<kind>:<id>[:<occurrence>]`.

The key names one occurrence of one kind of reminder, so scheduling it again moves that
occurrence instead of adding another, and a retried task or a second beat sends nothing new:

- `<kind>` is the registered kind (`goals.checkin_due`);
- `<id>` is the id of the record the reminder is about (the goal, the session, the person);
- `<occurrence>`, when the record has more than one, says which: a due date
  (`2026-03-27`), a person, a step (`confirmed`). Never the time of "now": a key that
  changes at every call defeats the key.

Each app builds its keys with small functions next to its `REMINDER_KINDS` (in
`<app>/reminders.py`) on top of `reminder_key`, and registers the shape of each kind's
occurrence there in `REMINDER_KEYS` (`{kind: OCCURRENCE_DATE}`, `None` for a key without
one). A kind an app does not list there gets the generic shape below.
"""

from __future__ import annotations

import re
from datetime import date

OCCURRENCE_DATE = r"\d{4}-\d{2}-\d{2}"  # a local calendar day, `YYYY-MM-DD`
OCCURRENCE_ID = r"\d+"  # another record's id (a person's, say)
OCCURRENCE_ANY = r"[0-9A-Za-z_-]+"  # the generic shape: one word, no colon or dot


def reminder_key(kind: str, object_id: int, occurrence: str | int | date | None = None) -> str:
    """`<kind>:<id>[:<occurrence>]`; a date occurrence is written `YYYY-MM-DD`."""
    key = f"{kind}:{int(object_id)}"
    if occurrence is None:
        return key
    if isinstance(occurrence, date):
        occurrence = occurrence.isoformat()
    occurrence = str(occurrence)
    if not re.fullmatch(OCCURRENCE_ANY, occurrence):
        raise ValueError(f"Not an occurrence: {occurrence!r} (one word, no ':' or '.')")
    return f"{key}:{occurrence}"


def reminder_key_prefix(kind: str, object_id: int) -> str:
    """What every key of one record's reminders of `kind` starts with (for
    `reminder_cancel_prefix`); the colon keeps record 12 from matching record 123."""
    return f"{kind}:{int(object_id)}:"


class OptionalOccurrence(str):
    """An occurrence shape that may also be left out (see `optional`)."""


def optional(occurrence: str) -> OptionalOccurrence:
    """For a kind whose first reminder of a record has no occurrence and later ones do
    (`requests.team_leave:<leave>`, then `requests.team_leave:<leave>:cancelled`)."""
    return OptionalOccurrence(occurrence)


def key_pattern(kind: str, occurrence: str | None) -> re.Pattern:
    """The keys of `kind` whose occurrence has the shape `occurrence` (a regular expression;
    `None` for keys without one; `optional(...)` for one that may be left out)."""
    head = re.escape(kind) + r":\d+"
    if occurrence is None:
        return re.compile(head)
    if isinstance(occurrence, OptionalOccurrence):
        return re.compile(rf"{head}(?::(?:{occurrence}))?")
    return re.compile(rf"{head}:(?:{occurrence})")


def generic_key_pattern(kind: str) -> re.Pattern:
    """The keys of a kind that registered no shape: an id and an optional one-word occurrence."""
    return re.compile(rf"{re.escape(kind)}:\d+(?::{OCCURRENCE_ANY})?")
