"""notifications.timing.next_local_after: "the next 08:00", "next Monday 09:00" on a
person's own wall clock, which goals and programs publish their reminders at."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from careersupport.notifications.timing import next_local_after

BERLIN = ZoneInfo("Europe/Berlin")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def test_the_next_eight_is_today_before_it_and_tomorrow_after_it():
    before = datetime(2026, 11, 23, 6, 59, tzinfo=UTC)  # 07:59 in Berlin
    assert next_local_after(before, time(8), BERLIN) == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    at_eight = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert next_local_after(at_eight, time(8), BERLIN) == datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def test_next_monday_nine_stays_at_nine_across_the_spring_change():
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    monday = next_local_after(saturday, time(9), BERLIN, weekday=0)
    assert monday == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # 09:00 CEST


def test_on_monday_after_nine_it_is_next_weeks_monday():
    monday_ten = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert next_local_after(monday_ten, time(9), BERLIN, weekday=0) == datetime(
        2026, 11, 30, 8, 0, tzinfo=UTC
    )


def test_the_local_day_can_be_ahead_of_the_utc_day():
    sunday_utc = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)  # Monday 07:00 in Auckland
    monday = next_local_after(sunday_utc, time(9), AUCKLAND, weekday=0)
    assert monday == datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    assert monday.astimezone(AUCKLAND).date().isoformat() == "2026-11-23"
