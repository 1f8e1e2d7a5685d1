"""Ratings reach HR only in aggregate, per coach and per programme, from five people on."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import selectors
from coaching.models import FinalReview, SessionFeedback
from tests.factories import (
    CoachingSessionFactory,
    EngagementFactory,
    EnrollmentFactory,
    IndividualFactory,
    OfferingFactory,
)

pytestmark = pytest.mark.django_db


def rated(coach, people: int, rating: int, offering=None, recommend=True):
    """`people` completed engagements with the coach, a held session rated each (an hour
    apart: the database refuses a coach two sessions at once)."""
    earlier = coach.coached_engagements.count()
    for n in range(people):
        coachee = IndividualFactory(employer=coach.employer, user=None)
        enrollment = EnrollmentFactory(offering=offering, person=coachee) if offering else None
        engagement = EngagementFactory(
            coach=coach, coachee=coachee, enrollment=enrollment, status="completed"
        )
        session = CoachingSessionFactory(
            engagement=engagement,
            status="held",
            starts_at=timezone.now().replace(minute=0, second=0, microsecond=0)
            - timedelta(hours=earlier + n + 1),
        )
        SessionFeedback.objects.create(
            session=session,
            engagement=engagement,
            coach=coach,
            coachee=coachee,
            rating=rating,
            comment="Personal comment",
        )
        FinalReview.objects.create(
            engagement=engagement, goal_progress=4, would_recommend=recommend
        )


def test_a_coach_rated_by_five_people_shows_an_average(hr_admin, coach_profile):
    rated(coach_profile.individual, 4, 5)
    rated(coach_profile.individual, 1, 3, recommend=False)
    (row,) = selectors.feedback_summary(hr_admin)["coaches"]
    assert (row.people, row.average, row.recommend) == (5, 4.6, 80)


def test_fewer_than_five_people_show_no_figures(client_for, hr_admin, coach_profile):
    rated(coach_profile.individual, 4, 5)
    (row,) = selectors.feedback_summary(hr_admin)["coaches"]
    assert not row.shown and row.average is None
    page = client_for(hr_admin).get(reverse("coaching:manage-feedback")).text
    assert "Fewer than 5 people answered" in page and "Personal comment" not in page


def test_programmes_are_counted_apart(hr_admin, coach_profile):
    offering = OfferingFactory(employer=hr_admin.employer, kind="coaching", title="Grow")
    rated(coach_profile.individual, 5, 4, offering=offering)
    rated(coach_profile.individual, 2, 2)
    rows = {row.name: row for row in selectors.feedback_summary(hr_admin)["programmes"]}
    assert rows["Grow"].average == 4.0 and not rows["Asked directly (no programme)"].shown


def test_another_employers_ratings_never_count(outsider_hr, coach_profile):
    rated(coach_profile.individual, 6, 5)
    assert selectors.feedback_summary(outsider_hr) == {"coaches": [], "programmes": []}
