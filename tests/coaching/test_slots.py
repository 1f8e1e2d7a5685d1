"""Slots from weekly windows and exceptions, in the viewer's zone, across clock changes."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace as Row
from zoneinfo import ZoneInfo

import pytest

from coaching import services
from coaching.slots import group_by_day, offered_count, slot_starts, without_busy
from tests.factories import CoachingSessionFactory, EngagementFactory

from .conftest import monday_at

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def window(weekday, start, end):
    return Row(weekday=weekday, starts_at=time(*start), ends_at=time(*end))


def off(day, start=None, end=None, kind="off"):
    return Row(date=day, kind=kind, starts_at=start and time(*start), ends_at=end and time(*end))


def slots(windows, exceptions=(), first=date(2026, 3, 2), last=date(2026, 3, 8), minutes=60):
    return slot_starts(
        windows=windows,
        exceptions=exceptions,
        tz=BERLIN,
        first_day=first,
        last_day=last,
        minutes=minutes,
    )


def test_a_window_is_cut_into_sessions_of_the_coachs_length():
    found = slots([window(0, (9, 0), (11, 30))], minutes=45)
    assert [s.starts_at.astimezone(BERLIN).strftime("%H:%M") for s in found] == [
        "09:00",
        "09:45",
        "10:30",
    ]


def test_a_berlin_coach_is_seen_from_new_york_an_hour_later_while_only_america_has_changed():
    # US clocks went forward on 8 March 2026, Europe's on 29 March.
    found = slots([window(0, (15, 0), (16, 0))], first=date(2026, 3, 2), last=date(2026, 4, 5))
    seen = [
        (day.isoformat(), [t.strftime("%H:%M") for t in times])
        for day, times in group_by_day(found, NEW_YORK)
    ]
    assert seen == [
        ("2026-03-02", ["09:00"]),
        ("2026-03-09", ["10:00"]),
        ("2026-03-16", ["10:00"]),
        ("2026-03-23", ["10:00"]),
        ("2026-03-30", ["09:00"]),
    ]


def test_a_new_york_coach_is_seen_from_berlin_an_hour_earlier_in_those_weeks():
    found = slot_starts(
        windows=[window(0, (9, 0), (10, 0))],
        exceptions=[],
        tz=NEW_YORK,
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 30),
        minutes=60,
    )
    seen = [t.strftime("%H:%M") for _, times in group_by_day(found, BERLIN) for t in times]
    assert seen == ["15:00", "14:00", "14:00", "14:00", "15:00"]


def test_the_night_the_clocks_jump_offers_no_slot_that_does_not_exist():
    found = slots([window(6, (1, 0), (4, 0))], first=date(2026, 3, 29), last=date(2026, 3, 29))
    assert [s.starts_at.astimezone(UTC).strftime("%H:%M") for s in found] == ["00:00", "01:00"]
    assert [s.starts_at.astimezone(BERLIN).strftime("%H:%M") for s in found] == ["01:00", "03:00"]


def test_days_off_hours_off_and_extra_time_change_the_offer():
    weekly = [window(0, (9, 0), (12, 0)), window(1, (9, 0), (12, 0))]
    found = slots(
        weekly,
        [
            off(date(2026, 3, 2)),
            off(date(2026, 3, 3), (10, 0), (11, 0)),
            off(date(2026, 3, 4), (14, 0), (15, 0), kind="extra"),
        ],
    )
    assert [s.starts_at.astimezone(BERLIN).strftime("%d %H:%M") for s in found] == [
        "03 09:00",
        "03 11:00",
        "04 14:00",
    ]


def test_busy_times_and_the_booking_lead_remove_slots():
    found = slots([window(0, (9, 0), (12, 0))])
    nine = found[0].starts_at
    busy = [(nine + timedelta(minutes=90), nine + timedelta(minutes=120))]
    left = without_busy(found, busy, not_before=nine + timedelta(minutes=1))
    assert [s.starts_at.astimezone(BERLIN).strftime("%H:%M") for s in left] == ["11:00"]
    left = without_busy(found, busy, not_before=nine)
    assert [s.starts_at.astimezone(BERLIN).strftime("%H:%M") for s in left] == ["09:00", "11:00"]


def test_offered_count_matches_the_slots_listed_one_by_one():
    weekly = [window(0, (9, 0), (12, 0)), window(3, (14, 0), (16, 30))]
    exceptions = [
        off(date(2026, 1, 5)),
        off(date(2026, 1, 8), (14, 0), (15, 0)),
        off(date(2026, 1, 10), (10, 0), (12, 0), kind="extra"),
    ]
    first, last = date(2026, 1, 1), date(2026, 3, 31)
    listed = slots(weekly, exceptions, first=first, last=last)
    counted = offered_count(
        windows=weekly, exceptions=exceptions, first_day=first, last_day=last, minutes=60
    )
    assert counted == len(listed) == 13 * 3 - 3 + 13 * 2 - 1 + 2


@pytest.mark.django_db
def test_free_slots_leave_out_what_the_coach_or_the_coachee_has_booked(
    engagement, coach_profile, employee
):
    monday = monday_at(9)
    CoachingSessionFactory(engagement=engagement, starts_at=monday)
    elsewhere = EngagementFactory(
        coachee__employer=engagement.employer, status="completed", coachee=employee
    )
    CoachingSessionFactory(
        engagement=elsewhere, coachee=employee, starts_at=monday + timedelta(hours=2)
    )
    found = services.free_slots(
        profile=coach_profile,
        coachee_id=employee.pk,
        first=monday,
        last=monday + timedelta(hours=4),
        now=datetime.now(UTC),
    )
    assert [s.starts_at.astimezone(BERLIN).hour for s in found] == [10, 12]
