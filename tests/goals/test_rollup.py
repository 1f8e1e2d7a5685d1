"""The per-person roll-up that orders /team/ is kept current by every goal write."""

from datetime import timedelta

import pytest
from django.utils import timezone

from careersupport.goals import dates, services
from careersupport.goals.models import GoalRollup

pytestmark = pytest.mark.django_db


def _goal(owner, **kwargs):
    return services.goal_create(
        owner=owner,
        actor=owner,
        title="Write a tech talk",
        target_date=timezone.localdate() + timedelta(days=90),
        cadence="weekly",
        **kwargs,
    )


def test_creating_a_goal_sets_the_attention_date(employee):
    goal = _goal(employee)
    rollup = GoalRollup.objects.get(owner=employee)
    assert (rollup.active_goals, rollup.attention_on) == (1, goal.next_checkin_due)


def test_a_milestone_due_sooner_moves_the_attention_date(employee):
    goal = _goal(employee)
    soon = timezone.localdate() + timedelta(days=2)
    services.milestone_add(goal=goal, actor=employee, title="Outline", due_date=soon)
    assert GoalRollup.objects.get(owner=employee).attention_on == soon
    services.milestone_set_done(milestone=goal.milestones.get(), actor=employee, done=True)
    assert GoalRollup.objects.get(owner=employee).attention_on == goal.next_checkin_due


def test_private_and_paused_goals_do_not_count(employee):
    _goal(employee, shared_with_manager=False)
    paused = _goal(employee)
    services.goal_update(goal=paused, actor=employee, status="paused")
    rollup = GoalRollup.objects.get(owner=employee)
    assert (rollup.active_goals, rollup.attention_on) == (0, None)


def test_a_checkin_moves_the_attention_date(employee, monkeypatch):
    today = dates.owner_today(employee)
    monkeypatch.setattr(dates, "owner_today", lambda owner: today - timedelta(days=10))
    goal = _goal(employee)
    monkeypatch.undo()
    assert GoalRollup.objects.get(owner=employee).attention_on < today  # overdue
    services.checkin_record(goal=goal, actor=employee, progress=10)
    assert GoalRollup.objects.get(owner=employee).attention_on == today + timedelta(weeks=1)
