"""Participation and completion: every figure of the hand-built employer equals its hand count
(see conftest.py for who did what)."""

from __future__ import annotations

from datetime import date

import pytest

from careersupport.reports.models import ALL, NO_DEPARTMENT

from .helpers import cell, computed, value

pytestmark = pytest.mark.django_db
MARCH, APRIL, Q2, Y2026 = date(2026, 3, 1), date(2026, 4, 1), date(2026, 4, 1), date(2026, 1, 1)


def test_march_counts_everyone_in_the_workshop(world):
    march = cell(computed(world.employer), "participation", "month", MARCH)
    assert march.values == {
        "active": 8,
        "enrolled": 8,
        "first_time": 8,
        "partners": 1,
        "ended": 8,
        "completed": 6,
    }


def test_april_counts_the_training_and_who_is_new(world):
    april = cell(computed(world.employer), "participation", "month", APRIL)
    assert (value(april, "active"), value(april, "enrolled")) == (5, 5)
    assert value(april, "first_time") == 2  # s2 and s3; e1, e2 and s1 started in March
    assert value(april, "ended") == 0


def test_a_quarter_counts_who_ended_in_it(world):
    q2 = cell(computed(world.employer), "participation", "quarter", Q2)
    assert (value(q2, "active"), value(q2, "ended"), value(q2, "completed")) == (5, 5, 2)


def test_a_year_counts_each_person_once(world):
    year = cell(computed(world.employer), "participation", "year", Y2026)
    assert (value(year, "active"), value(year, "ended"), value(year, "completed")) == (10, 10, 6)
    assert (value(year, "first_time"), value(year, "partners")) == (10, 1)


def test_per_kind_per_offering_and_per_department(world):
    figures = computed(world.employer)
    training = cell(figures, "participation", "year", Y2026, ALL, "training", world.training.pk)
    eng = cell(figures, "participation", "year", Y2026, world.eng.pk, "workshop")
    nobody = cell(figures, "participation", "month", MARCH, NO_DEPARTMENT, "workshop")
    assert (value(training, "active"), value(training, "completed")) == (5, 2)
    assert (value(eng, "active"), value(eng, "completed")) == (6, 6)
    assert value(nobody, "partners") == 1 and value(nobody, "ended") == 1


def test_someone_who_only_asked_is_no_participant(world):
    figures = computed(world.employer)
    e3 = world.e[2]
    assert e3.enrollments.filter(offering=world.training, status="requested").exists()
    training = cell(figures, "participation", "month", APRIL, world.eng.pk, "training")
    assert value(training, "active") == 2  # e1 and e2, not e3


def test_returners_count_in_2025(world):
    year = cell(computed(world.employer), "participation", "year", date(2025, 1, 1))
    assert (value(year, "active"), value(year, "returners"), value(year, "completed")) == (3, 2, 2)


def test_reentry_outcomes_fall_in_the_period_the_programme_ended(world):
    figures = computed(world.employer)
    q2 = cell(figures, "reentry", "quarter", Q2.replace(year=2025), ALL, "reentry")
    assert q2.values == {"with_outcome": 3, "placed": 1, "extended": 1, "exited": 1}
    may = cell(figures, "reentry", "month", date(2025, 5, 1), ALL, "reentry", world.reentry.pk)
    assert may.values == {"with_outcome": 1, "exited": 1}
