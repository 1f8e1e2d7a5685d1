"""Local wall-clock arithmetic for quiet hours and the daily digest.

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
