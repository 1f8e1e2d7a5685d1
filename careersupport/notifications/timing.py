"""Local wall-clock arithmetic: quiet hours, the daily digest, and every "09:00 in this
person's zone" an app publishes a reminder for.

Each person's times are wall-clock times in their own time zone, so they must be computed
from the local date and converted back, never by adding hours to a UTC instant: across a
daylight-saving change "07:00 tomorrow" is 23 or 25 hours away.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def at_local(day, wall: time, tz: ZoneInfo) -> datetime:
    """`day` at the wall-clock time `wall` in `tz`, as a UTC instant.

    A wall time skipped by a spring-forward change (02:30 on the night the clocks jump from
    02:00 to 03:00) resolves to the jump itself, the first instant whose local time is later;
    a repeated autumn hour resolves to its first occurrence (zoneinfo's fold=0).
    """
    naive = datetime.combine(day, wall)
    moment = naive.replace(tzinfo=tz).astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) == naive:
        return moment
    # In a gap, fold=1 lands before the jump and fold=0 after it: bisect to the jump.
    before, after = naive.replace(tzinfo=tz, fold=1).astimezone(UTC), moment
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= naive:
            after = middle
        else:
            before = middle
    return after.replace(microsecond=0)


def next_local(moment: datetime, wall: time, tz: ZoneInfo) -> datetime:
    """The first instant at or after `moment` whose local time in `tz` is `wall`."""
    local = moment.astimezone(tz)
    candidate = at_local(local.date(), wall, tz)
    if candidate < moment:
        candidate = at_local(local.date() + timedelta(days=1), wall, tz)
    return candidate


def next_local_after(
    moment: datetime, wall: time, tz: ZoneInfo, *, weekday: int | None = None
) -> datetime:
    """The first instant strictly after `moment` whose local time in `tz` is `wall`, on the
    given `weekday` (0 is Monday) when there is one: "the next 08:00", "next Monday 09:00".

    Returned in UTC, like `at_local`: take `.astimezone(tz).date()` for the local day."""
    day = moment.astimezone(tz).date()
    step = timedelta(days=1)
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
        step = timedelta(days=7)
    candidate = at_local(day, wall, tz)
    if candidate <= moment:
        candidate = at_local(day + step, wall, tz)
    return candidate


def in_quiet_hours(moment: datetime, tz: ZoneInfo, start: time, end: time) -> bool:
    """Whether `moment` falls in [start, end) local time; a window may span midnight."""
    if start == end:
        return False
    now = moment.astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= now < end
    return now >= start or now < end


def quiet_hours_end(moment: datetime, tz: ZoneInfo, start: time, end: time) -> datetime:
    """When the quiet hours around `moment` end; `moment` itself if it is not in them."""
    if not in_quiet_hours(moment, tz, start, end):
        return moment
    return next_local(moment, end, tz)
