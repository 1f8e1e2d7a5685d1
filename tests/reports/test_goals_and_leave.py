"""Goals of participants against non-participants, and return and retention after parental
leave: each figure against its hand count (the people of conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import GoalFactory, LeavePolicyFactory, LeaveRequestFactory

from .conftest import at
from .helpers import cell, computed, value

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


@pytest.fixture
def goals(world):
    e1, e2, e3, e4 = world.e[:4]
    due = {
        e1: [(20, "achieved"), (28, "achieved")],
        e2: [(25, "active")],
        e3: [(10, "achieved")],
        e4: [(12, "draft")],
        world.s[1]: [(15, "achieved")],
        world.hr: [(18, "dropped")],
    }
    for owner, goals in due.items():
        for day, status in goals:
            GoalFactory(owner=owner, target_date=date(2026, 3, day), status=status)
    GoalFactory(owner=world.s[1], target_date=date(2026, 4, 20), status="achieved")


def test_goals_due_in_march_split_by_taking_part(goals, world):
    march = cell(computed(world.employer), "goals", "month", MARCH)
    assert march.values == {
        "participants": 3,  # e1, e2, e3 (e4's draft does not count)
        "participant_goals": 4,
        "participant_achieved": 3,
        "others": 2,  # s2 (not in anything in March) and the HR admin
        "other_goals": 2,
        "other_achieved": 1,
    }


def test_a_participant_counts_under_the_kind_they_took_part_in(goals, world):
    figures = computed(world.employer)
    workshop = cell(figures, "goals", "month", MARCH, kind="workshop")
    april_training = cell(figures, "goals", "month", date(2026, 4, 1), kind="training")
    assert (value(workshop, "participants"), value(workshop, "others")) == (3, 0)
    assert april_training.values == {
        "participants": 1,
        "participant_goals": 1,
        "participant_achieved": 1,
    }
    assert ("goals", "month", MARCH, 0, "training", 0) not in figures


@pytest.fixture
def leaves(world):
    parental = LeavePolicyFactory(employer=world.employer, kind="parental", period="per_event")
    other = LeavePolicyFactory(employer=world.employer)
    e4, e5 = world.e[3], world.e[4]
    s3 = world.s[2]
    LeaveRequestFactory(
        policy=parental,
        person=e4,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 5, 31),
        returned_on=date(2025, 6, 2),
    )
    LeaveRequestFactory(
        policy=parental,
        person=e5,
        start_date=date(2024, 11, 4),
        end_date=date(2025, 3, 31),
        returned_on=date(2025, 4, 1),
    )
    e5.deactivated_at = at(date(2025, 12, 1))
    e5.save(update_fields=["deactivated_at"])
    LeaveRequestFactory(
        policy=parental, person=s3, start_date=date(2025, 9, 1), end_date=date(2026, 2, 28)
    )
    LeaveRequestFactory(
        policy=parental,
        person=world.s[0],
        start_date=date(2026, 1, 5),
        end_date=date(2026, 2, 27),
        status="pending",
    )
    LeaveRequestFactory(
        policy=other, person=world.e[0], start_date=date(2026, 2, 2), end_date=date(2026, 2, 6)
    )


def test_return_after_parental_leave(leaves, world):
    figures = computed(world.employer)
    y2025 = cell(figures, "leave", "year", date(2025, 1, 1))
    feb = cell(figures, "leave", "month", date(2026, 2, 1))
    assert (value(y2025, "leave_ended"), value(y2025, "returned")) == (2, 2)
    assert feb.values == {"leave_ended": 1}  # s3, not back yet; s1's is only asked for


def test_retention_twelve_months_after_return(leaves, world):
    figures = computed(world.employer)
    y2026 = cell(figures, "leave", "year", date(2026, 1, 1))
    april = cell(figures, "leave", "month", date(2026, 4, 1))
    june = cell(figures, "leave", "month", date(2026, 6, 1))
    assert (value(y2026, "year_after"), value(y2026, "retained")) == (2, 1)
    assert april.values == {"year_after": 1}  # e5 left in December
    assert june.values == {"year_after": 1, "retained": 1}  # e4, still here on 2 June


def test_the_anniversary_still_to_come_is_not_counted(leaves, world):
    june = cell(
        computed(world.employer, today=date(2026, 6, 1)), "leave", "month", date(2026, 6, 1)
    )
    assert value(june, "year_after") == 0
