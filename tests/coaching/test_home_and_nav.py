"""Navigation and the home card show what needs doing: a request, a session today, people
waiting to be matched."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CoachingSessionFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def test_the_coach_sees_requests_and_today_on_home(client_for, coach, coach_profile, peer):
    EngagementFactory(coachee=peer, coach=coach, status="requested")
    engagement = EngagementFactory(coach=coach, coachee__employer=coach.employer)
    # Half a minute from now: still today, whatever the hour the test runs at.
    CoachingSessionFactory(engagement=engagement, starts_at=timezone.now() + timedelta(seconds=30))
    page = client_for(coach).get(reverse("home")).text
    assert "1 request to answer" in page and "Today" in page
    assert reverse("coaching:coach") in page


def test_hr_sees_people_waiting(client_for, hr_admin, employer):
    EngagementFactory(coachee__employer=employer, coach=None, status="requested")
    page = client_for(hr_admin).get(reverse("home")).text
    assert "1 person waits to be matched" in page
    assert reverse("coaching:manage") in page


def test_the_coachee_sees_the_next_session(client_for, engagement, slot):
    CoachingSessionFactory(engagement=engagement, starts_at=slot)
    page = client_for(engagement.coachee).get(reverse("home")).text
    assert f"Coaching with {engagement.coach.full_name}" in page


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("employee", ["coaching:home"]),
        ("partner", ["coaching:home"]),
        ("hr_admin", ["coaching:home", "coaching:manage"]),
    ],
)
def test_the_navigation_has_the_coaching_entries_of_each_role(client_for, request, who, links):
    page = client_for(request.getfixturevalue(who)).get(reverse("home")).text
    for name in links:
        assert f'href="{reverse(name)}"' in page
    if who != "hr_admin":
        assert f'href="{reverse("coaching:manage")}"' not in page


def test_only_coaches_have_the_coachees_entry(client_for, coach, coach_profile, employee):
    assert f'href="{reverse("coaching:coach")}"' in client_for(coach).get(reverse("home")).text
    assert (
        f'href="{reverse("coaching:coach")}"' not in client_for(employee).get(reverse("home")).text
    )
