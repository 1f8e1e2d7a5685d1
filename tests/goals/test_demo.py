from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import CheckIn, Goal, GoalReview, milestone_share, overdue_q
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
    assert text.count('<tbody class="team-person">') == manager.reports.count() >= 5
    assert "Emma Novak" in text and "check-in overdue</span>" in text
    assert text.count("<progress") >= 10
    for email in ("employee@example.com", "partner@example.com"):
        active = Goal.objects.filter(owner__email=email, status="active")
        counted = active.annotate(m=Count("milestones"))
        assert counted.filter(m=0).exists() and counted.filter(m__gt=0).exists()  # both rules
        assert _checkin_span(active) > timedelta(days=60)  # months of check-ins


def test_demo_progress_obeys_the_rule_everywhere(seeded):
    """With milestones: each check-in the share done when it was recorded, the goal the share
    done now; without: the goal's progress is its latest check-in's."""
    for goal in Goal.objects.prefetch_related("milestones", "checkins"):
        milestones = list(goal.milestones.all())
        checkins = sorted(goal.checkins.all(), key=lambda c: (c.created_at, c.pk))
        if milestones:
            assert goal.progress == milestone_share(sum(m.done for m in milestones), 4), goal
            for checkin in checkins:
                done = sum(1 for m in milestones if m.done_at and m.done_at <= checkin.created_at)
                assert checkin.progress == milestone_share(done, len(milestones)), checkin
        elif checkins:
            assert goal.progress == checkins[-1].progress, goal
        else:
            assert goal.progress == goal.start_progress, goal
        assert [c.date for c in checkins] == sorted(c.date for c in checkins)  # times agree
