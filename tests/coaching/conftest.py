from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from careersupport.notifications.timing import at_local
from tests.factories import CoachProfileFactory, EngagementFactory, WindowFactory

BERLIN = ZoneInfo("Europe/Berlin")


def workday_windows(profile, start=time(9), end=time(17)) -> None:
    for weekday in range(5):
        WindowFactory(coach=profile, weekday=weekday, starts_at=start, ends_at=end)


def monday_at(hour: int, *, weeks_ahead: int = 1, tz=BERLIN):
    """A Monday at least three days from now, at `hour` in `tz`."""
    today = timezone.localdate(timezone=tz)
    day = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    if (day - today).days < 3:
        day += timedelta(days=7)
    return at_local(day + timedelta(weeks=weeks_ahead - 1), time(hour), tz)


@pytest.fixture
def coach_profile(coach):
    """The `coach` persona (external) in the pool, Monday–Friday 09:00–17:00 in Berlin."""
    profile = CoachProfileFactory(
        individual=coach,
        employer=coach.employer,
        specialties=["interview", "resume", "partner_job_search"],
        languages=["en", "de"],
    )
    workday_windows(profile)
    return profile


@pytest.fixture
def engagement(employee, coach_profile):
    """The employee's active coaching with the coach: six sessions."""
    return EngagementFactory(coachee=employee, coach=coach_profile.individual)


@pytest.fixture
def slot():
    """Next Monday 10:00 in Berlin: inside the coach's windows."""
    return monday_at(10)
