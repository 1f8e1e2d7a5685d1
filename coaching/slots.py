"""Free slots: a coach's weekly windows and exceptions cut into sessions, minus what is booked.

Windows are wall-clock times in the coach's zone, so each slot is computed from the coach's
local date and time with `at_local` and never by adding hours to an instant: across a
daylight-saving change "10:00 every Monday" is 167 or 169 hours after the last one, and a
viewer in a zone that changed on another Sunday sees it move by an hour for those weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from careersupport.notifications.timing import at_local

# A slot must start at least this long from now: time to get ready, and for reminders.
BOOKING_LEAD = timedelta(hours=2)
# A chemistry call takes the start of a slot.
CHEMISTRY_MINUTES = 30
WEEKS_SHOWN = 4


@dataclass(frozen=True, order=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def slot_starts(
    *,
    windows: Iterable,
    exceptions: Iterable,
    tz: ZoneInfo,
    first_day: date,
    last_day: date,
    minutes: int,
) -> list[Slot]:
    """Every slot the coach's availability gives on their local dates first_day..last_day.

    `windows` have weekday/starts_at/ends_at, `exceptions` date/kind/starts_at/ends_at
    (an "off" without times is the whole day). A window is cut into back-to-back sessions
    from its start; what is left at its end that is shorter than a session is not offered.
    """
    weekly: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for w in windows:
        weekly[w.weekday].append((_minutes(w.starts_at), _minutes(w.ends_at)))
    off_days: set[date] = set()
    off: dict[date, list[tuple[int, int]]] = defaultdict(list)
    extra: dict[date, list[tuple[int, int]]] = defaultdict(list)
    for e in exceptions:
        if e.kind == "extra":
            extra[e.date].append((_minutes(e.starts_at), _minutes(e.ends_at)))
        elif e.starts_at is None:
            off_days.add(e.date)
        else:
            off[e.date].append((_minutes(e.starts_at), _minutes(e.ends_at)))
    slots: dict[datetime, Slot] = {}
    length = timedelta(minutes=minutes)
    day = first_day
    while day <= last_day:
        if day not in off_days:
            for start, end in (*weekly.get(day.weekday(), ()), *extra.get(day, ())):
                wall = start
                while wall + minutes <= end:
                    blocked = any(a < wall + minutes and wall < b for a, b in off.get(day, ()))
                    if not blocked:
                        begins = at_local(day, time(wall // 60, wall % 60), tz)
                        # Two wall times in a spring-forward gap resolve to one instant.
                        slots.setdefault(begins, Slot(begins, begins + length))
                    wall += minutes
        day += timedelta(days=1)
    return sorted(slots.values())


def without_busy(
    slots: list[Slot], busy: Iterable[tuple[datetime, datetime]], *, not_before: datetime
) -> list[Slot]:
    """The slots that start at or after `not_before` and overlap nothing in `busy`."""
    taken = sorted(busy)
    free = []
    for slot in slots:
        if slot.starts_at < not_before:
            continue
        if any(s < slot.ends_at and slot.starts_at < e for s, e in taken):
            continue
        free.append(slot)
    return free


def local_days(first: datetime, last: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """The coach's local dates that the instants first..last touch."""
    return first.astimezone(tz).date(), last.astimezone(tz).date()


def group_by_day(slots: Iterable[Slot], tz: ZoneInfo) -> list[tuple[date, list[datetime]]]:
    """The slots' starts in the viewer's zone, grouped by the viewer's local date."""
    days: dict[date, list[datetime]] = defaultdict(list)
    for slot in slots:
        local = slot.starts_at.astimezone(tz)
        days[local.date()].append(local)
    return sorted(days.items())


def offered_count(
    *, windows: Iterable, exceptions: Iterable, first_day: date, last_day: date, minutes: int
) -> int:
    """How many slots the availability gave on the coach's dates first_day..last_day, by
    arithmetic per weekday (the exception days are cut exactly): for utilisation over months
    without listing every slot."""
    windows = list(windows)
    per_weekday: dict[int, int] = defaultdict(int)
    for w in windows:
        per_weekday[w.weekday] += (_minutes(w.ends_at) - _minutes(w.starts_at)) // minutes
    days = (last_day - first_day).days + 1
    if days <= 0:
        return 0
    total = 0
    for weekday, count in per_weekday.items():
        offset = (weekday - first_day.weekday()) % 7
        occurrences = 0 if offset >= days else 1 + (days - 1 - offset) // 7
        total += occurrences * count
    by_day: dict[date, list] = defaultdict(list)
    for e in exceptions:
        if first_day <= e.date <= last_day:
            by_day[e.date].append(e)
    utc = ZoneInfo("UTC")
    for day, day_exceptions in by_day.items():
        exact = slot_starts(
            windows=windows,
            exceptions=day_exceptions,
            tz=utc,
            first_day=day,
            last_day=day,
            minutes=minutes,
        )
        total += len(exact) - per_weekday.get(day.weekday(), 0)
    return total
