"""A small employer built by hand, whose every figure is counted by hand in the tests.

Today is 15 June 2026 (UTC). Engineering has e1–e6, Sales s1–s3, and p1 is a partner (no
department). r1–r3 are returners in a 2025 re-entry programme.

- Workshop W, March 2026: e1–e6 completed it (31 March), s1 stayed enrolled (so it lapsed on
  31 March), p1 withdrew on 10 March. Everyone took their seat on 2 March.
- Training T, April–May 2026: e1 and e2 completed it on 31 May; s1, s2, s3 stayed enrolled
  (lapsed on 31 May); e3 only asked (no seat, no participation).
- Re-entry R, January–June 2025: r1 placed (completed 20 June), r2 extended (still enrolled),
  r3 exited (completed 10 May); seats taken on 2 January.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from careersupport.people.models import Individual
from tests.factories import (
    DepartmentFactory,
    EnrollmentFactory,
    IndividualFactory,
    OfferingFactory,
)

TODAY = date(2026, 6, 15)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """`clock(dt)`: what `django.utils.timezone.now()` returns from now on in this test."""

    def travel(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return travel


def _seat(offering, person, status, start, end=None, **extra):
    return EnrollmentFactory(
        offering=offering,
        person=person,
        status=status,
        started_at=at(start) if start else None,
        ended_at=at(end) if end else None,
        created_at=at(start or date(2026, 1, 5)),
        **extra,
    )


@pytest.fixture
def world(employer, hr_admin):
    eng = DepartmentFactory(employer=employer, name="Engineering")
    sales = DepartmentFactory(employer=employer, name="Sales")
    e = [
        IndividualFactory(employer=employer, department=eng, first_name=f"e{i}")
        for i in range(1, 7)
    ]
    s = [
        IndividualFactory(employer=employer, department=sales, first_name=f"s{i}")
        for i in range(1, 4)
    ]
    p1 = IndividualFactory(employer=employer, kind=Individual.Kind.PARTNER, first_name="p1")
    r = [
        IndividualFactory(
            employer=employer, department=sales, first_name=f"r{i}", is_returner=i < 3
        )
        for i in range(1, 4)
    ]
    workshop = OfferingFactory(
        employer=employer, title="W", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31)
    )
    training = OfferingFactory(
        employer=employer,
        title="T",
        kind="training",
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 5, 31),
    )
    reentry = OfferingFactory(
        employer=employer,
        title="R",
        kind="reentry",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 6, 30),
    )
    march2, march31 = date(2026, 3, 2), date(2026, 3, 31)
    for person in e:
        _seat(workshop, person, "completed", march2, march31)
    _seat(workshop, s[0], "enrolled", march2)
    _seat(workshop, p1, "withdrawn", march2, date(2026, 3, 10))
    for person in e[:2]:
        _seat(training, person, "completed", date(2026, 4, 1), date(2026, 5, 31))
    for person in s:
        _seat(training, person, "enrolled", date(2026, 4, 1))
    _seat(training, e[2], "requested", None)
    jan2 = date(2025, 1, 2)
    _seat(reentry, r[0], "completed", jan2, date(2025, 6, 20), outcome="placed")
    _seat(reentry, r[1], "enrolled", jan2, outcome="extended")
    _seat(reentry, r[2], "completed", jan2, date(2025, 5, 10), outcome="exited")
    return SimpleNamespace(
        employer=employer,
        hr=hr_admin,
        eng=eng,
        sales=sales,
        e=e,
        s=s,
        p1=p1,
        r=r,
        workshop=workshop,
        training=training,
        reentry=reentry,
    )
