from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import CheckIn, Goal, GoalReview, overdue_q
from careersupport.people.models import Individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=None)


def test_demo_gives_the_team_goals_in_every_status_and_is_idempotent(seeded):
    counts = (Goal.objects.count(), CheckIn.objects.count(), GoalReview.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Goal.objects.count(), CheckIn.objects.count(), GoalReview.objects.count()) == counts
    manager = Individual.objects.get(email="manager@example.com")
    team_goals = Goal.objects.filter(owner__manager=manager)
    assert set(team_goals.values_list("status", flat=True)) == set(Goal.Status.values)
    assert team_goals.filter(overdue_q(timezone.localdate())).exists()
    assert Goal.objects.filter(owner__email="partner@example.com").count() == 3


def _checkin_span(goals) -> timedelta:
    span = CheckIn.objects.filter(goal__in=goals).aggregate(first=Min("date"), last=Max("date"))
    return span["last"] - span["first"]


def test_demo_team_page_looks_like_a_real_team(seeded, client_for):
    manager = Individual.objects.get(email="manager@example.com")
    text = client_for(manager).get(reverse("team:overview")).text
    assert text.count('class="team-person"') == manager.reports.count() >= 5
    assert "Emma Novak" in text and "check-in overdue</span>" in text
    assert text.count("<progress") >= 10
    for email in ("employee@example.com", "partner@example.com"):
        active = Goal.objects.filter(owner__email=email, status="active")
        assert not active.annotate(m=Count("milestones")).filter(m=0).exists()
        assert _checkin_span(active) > timedelta(days=60)  # months of check-ins
