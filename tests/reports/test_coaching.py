"""Coaching's part: engagements, sessions and final reviews against hand counts; a survey to
the coachee when coaching under way ends, and only one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from careersupport.reports.models import ALL, NO_OFFERING, SurveyInvitation
from careersupport.reports.services import surveys_publish
from coaching.models import Engagement, FinalReview, SessionFeedback
from tests.factories import (
    CoachingSessionFactory,
    CoachProfileFactory,
    EngagementFactory,
    EnrollmentFactory,
    OfferingFactory,
)

from .conftest import at
from .helpers import cell, computed, value

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


def _coaching(coach, person, start, *, ended=None, status="active", enrollment=None):
    return EngagementFactory(
        coachee=person,
        coach=coach,
        status=status,
        started_on=start,
        ended_at=at(ended) if ended else None,
        enrollment=enrollment,
    )


def _held(engagement, day, rating=None, kind="session", status="held"):
    session = CoachingSessionFactory(
        engagement=engagement, starts_at=at(day), ends_at=at(day, 11), kind=kind, status=status
    )
    if rating:
        SessionFeedback.objects.create(
            session=session,
            engagement=engagement,
            coach=engagement.coach,
            coachee=engagement.coachee,
            rating=rating,
        )


@pytest.fixture
def coaching(world):
    coach = CoachProfileFactory(individual__employer=world.employer).individual
    offering = OfferingFactory(employer=world.employer, title="C", kind="coaching")
    e = world.e
    seats = [EnrollmentFactory(offering=offering, person=p, status="enrolled") for p in e[:2]]
    jan5 = date(2026, 1, 5)
    one = _coaching(
        coach, e[0], jan5, ended=date(2026, 3, 10), status="completed", enrollment=seats[0]
    )
    two = _coaching(
        coach, e[1], jan5, ended=date(2026, 3, 20), status="completed", enrollment=seats[1]
    )
    FinalReview.objects.create(engagement=one, goal_progress=4, would_recommend=True)
    FinalReview.objects.create(engagement=two, goal_progress=2, would_recommend=False)
    _held(one, date(2026, 2, 9), rating=3)
    _held(one, date(2026, 3, 2), rating=5)
    _held(one, date(2026, 3, 4), kind="chemistry")
    _held(two, date(2026, 3, 3))
    _held(two, date(2026, 3, 5), status="cancelled")
    _coaching(coach, e[2], date(2026, 3, 2))
    _coaching(coach, e[3], date(2026, 2, 1), ended=date(2026, 3, 15), status="cancelled")
    _coaching(coach, e[4], date(2026, 4, 1))
    _coaching(coach, world.s[0], None, status="requested")
    return offering


def test_coaching_in_march_counts_engagements_sessions_and_reviews(world, coaching):
    march = cell(computed(world.employer), "coaching", "month", MARCH, ALL, "coaching")
    assert march.values == {
        "coachees": 4,
        "started": 1,
        "ended": 3,
        "completed": 2,
        "reviewed": 2,
        "recommend": 1,
        "progress_sum": 6,
        "sessions": 2,
        "rated": 1,
        "rating_sum": 5,
        "session_coachees": 2,  # e1 and e2 had the two sessions held
        "raters": 1,  # e1 rated theirs
    }


def test_coaching_per_programme_counts_only_what_came_through_it(world, coaching):
    figures = computed(world.employer)
    eng = cell(figures, "coaching", "year", date(2026, 1, 1), world.eng.pk, "coaching", coaching.pk)
    assert (value(eng, "coachees"), value(eng, "completed"), value(eng, "sessions")) == (2, 2, 3)
    assert "coachees" in eng.hidden  # two people


def test_coaching_asked_for_directly_is_a_part_of_its_own_so_the_total_stays_shown(world, coaching):
    figures = computed(world.employer)
    year = date(2026, 1, 1)
    direct = cell(figures, "coaching", "year", year, ALL, "coaching", NO_OFFERING)
    programme = cell(figures, "coaching", "year", year, ALL, "coaching", coaching.pk)
    total = cell(figures, "coaching", "year", year, ALL, "coaching")
    assert (value(direct, "coachees"), value(programme, "coachees")) == (3, 2)
    # Both parts hidden (together five people), so the total of five is shown.
    assert "coachees" in direct.hidden and "coachees" in programme.hidden
    assert value(total, "coachees") == 5 and "coachees" not in total.hidden


def test_ended_coaching_surveys_its_coachee_once_and_not_through_programs(world):
    coach = CoachProfileFactory(individual__employer=world.employer).individual
    offering = OfferingFactory(employer=world.employer, kind="coaching")
    today = timezone.now().date()
    seat = EnrollmentFactory(
        offering=offering, person=world.e[0], status="completed", ended_at=timezone.now()
    )
    done = _coaching(coach, world.e[0], today - timedelta(days=60), ended=today, status="completed")
    done.enrollment = seat
    done.save()
    _coaching(coach, world.e[1], None, ended=today, status="cancelled")  # never under way
    surveys_publish(employer=world.employer)
    surveys_publish(employer=world.employer)
    invitation = SurveyInvitation.objects.get()
    assert (invitation.person, invitation.source, invitation.source_id) == (
        world.e[0],
        "coaching.engagement",
        done.pk,
    )
    assert invitation.subject == "coaching" and invitation.offering == offering
    assert Engagement.objects.count() == 2
