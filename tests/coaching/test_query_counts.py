"""The coach's calendar, the coachee's page, the booking page and HR's pages keep their
query count as coachees and sessions grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Note, Session, SessionFeedback
from tests.factories import (
    CoachingSessionFactory,
    CoachProfileFactory,
    EngagementFactory,
    IndividualFactory,
)

from .conftest import workday_windows

pytestmark = pytest.mark.django_db


def load(coach, n):
    """n coachees of the coach, three sessions each this week (one held, rated), notes."""
    monday = timezone.now() - timedelta(days=timezone.now().weekday())
    engagements = EngagementFactory.create_batch(
        n, coach=coach, coachee__employer=coach.employer, coachee__user=None
    )
    sessions = []
    for i, engagement in enumerate(engagements):
        for k in range(3):
            start = (monday + timedelta(hours=i * 3 + k)).replace(minute=0, second=0, microsecond=0)
            sessions.append(
                Session(
                    engagement=engagement,
                    coach=coach,
                    coachee=engagement.coachee,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=50),
                    status="held" if k == 0 else "booked",
                )
            )
    Session.objects.bulk_create(sessions)
    SessionFeedback.objects.bulk_create(
        SessionFeedback(
            session=s, engagement=s.engagement, coach=coach, coachee=s.coachee, rating=4
        )
        for s in sessions[::3]
    )
    Note.objects.bulk_create(
        Note(engagement=e, author=coach, text="n", visibility=v)
        for e in engagements
        for v in ("shared", "private")
    )
    return engagements


@pytest.mark.parametrize("size", [2, 25])
def test_the_coachs_week_and_dashboard(
    client_for, coach, coach_profile, size, django_assert_max_num_queries
):
    load(coach, size)
    client = client_for(coach)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coaching:coach-calendar")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("coaching:coach")).status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_the_coachees_page(client_for, engagement, size, django_assert_max_num_queries):
    start = timezone.now() - timedelta(days=size + 1)
    for k in range(size):
        CoachingSessionFactory(
            engagement=engagement, starts_at=start + timedelta(days=k), status="held"
        )
        Note.objects.create(engagement=engagement, author=engagement.coachee, text=f"n{k}")
    client = client_for(engagement.coachee)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("coaching:home")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(engagement.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_the_booking_page(client_for, engagement, size, django_assert_max_num_queries):
    soon = timezone.now() + timedelta(days=3)
    for k in range(size):
        CoachingSessionFactory(
            engagement=EngagementFactory(
                coach=engagement.coach, coachee__employer=engagement.employer
            ),
            starts_at=(soon + timedelta(hours=k)).replace(minute=0, second=0, microsecond=0),
        )
    client = client_for(engagement.coachee)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("coaching:book", args=[engagement.pk])).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_hr_pool_waiting_engagements_and_feedback(
    client_for, hr_admin, employer, size, django_assert_max_num_queries
):
    for _ in range(size):
        profile = CoachProfileFactory(individual__employer=employer)
        workday_windows(profile)
        load(profile.individual, 2)
        EngagementFactory(coach=None, status="requested", coachee__employer=employer)
    IndividualFactory.create_batch(2, employer=employer)
    client = client_for(hr_admin)
    for name in (
        "coaching:manage",
        "coaching:manage-waiting",
        "coaching:manage-engagements",
        "coaching:manage-feedback",
    ):
        with django_assert_max_num_queries(11):
            assert client.get(reverse(name)).status_code == 200, name
