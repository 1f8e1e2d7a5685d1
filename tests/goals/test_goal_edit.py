from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careersupport.goals import services
from careersupport.goals.models import Goal
from careersupport.notifications.models import Reminder
from tests.factories import CheckInFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _form(goal, **overrides):
    data = {
        "title": goal.title,
        "why": goal.why,
        "category": goal.category,
        "target_date": goal.target_date.isoformat(),
        "status": goal.status,
        "cadence": goal.cadence,
        "progress": goal.progress,
        "shared_with_manager": "on",
    }
    data.update(overrides)
    return data


def test_owner_edits_the_goal(client_for, employee, goal):
    url = reverse("goals:goal-edit", args=[goal.pk])
    response = client_for(employee).post(url, _form(goal, title="Lead two migrations", progress=40))
    goal.refresh_from_db()
    assert response.status_code == 302
    assert (goal.title, goal.progress) == ("Lead two migrations", 40)


@pytest.mark.parametrize(
    ("persona", "expected"), [("manager", 403), ("peer", 404), ("outsider", 404)]
)
def test_others_cannot_edit(client_for, request, goal, persona, expected):
    person = request.getfixturevalue(persona)
    url = reverse("goals:goal-edit", args=[goal.pk])
    assert client_for(person).post(url, _form(goal, title="Hijacked")).status_code == expected
    goal.refresh_from_db()
    assert goal.title != "Hijacked"


def test_it_refuses_a_target_date_before_a_milestone(client_for, employee, goal):
    MilestoneFactory(goal=goal, due_date=goal.target_date - timedelta(days=5))
    early = goal.target_date - timedelta(days=10)
    url = reverse("goals:goal-edit", args=[goal.pk])
    response = client_for(employee).post(url, _form(goal, target_date=early.isoformat()))
    assert response.status_code == 400
    assert "after this target date" in response.text
    goal.refresh_from_db()
    assert goal.target_date != early


def test_progress_is_offered_on_edit_only_until_a_checkin_or_milestone_sets_it(
    client_for, employee, goal
):
    url = reverse("goals:goal-edit", args=[goal.pk])
    assert 'name="progress"' in client_for(employee).get(url).text
    CheckInFactory(goal=goal, progress=30)
    text = client_for(employee).get(url).text
    assert 'name="progress"' not in text and "from the latest check-in" in text
    with pytest.raises(ValidationError, match="record a check-in"):
        services.goal_update(goal=goal, actor=employee, progress=80)


def test_editing_progress_before_any_checkin_moves_the_starting_figure(employee, goal):
    services.goal_update(goal=goal, actor=employee, progress=25)
    goal.refresh_from_db()
    assert (goal.progress, goal.start_progress) == (25, 25)


def test_it_refuses_progress_over_100_on_edit(client_for, employee, goal):
    url = reverse("goals:goal-edit", args=[goal.pk])
    response = client_for(employee).post(url, _form(goal, progress=120))
    assert response.status_code == 400
    assert "Progress must be between 0 and 100." in response.text
    goal.refresh_from_db()
    assert goal.progress == 0


def test_pausing_cancels_the_checkin_reminders(client_for, employee):
    from careersupport.goals import services

    goal = services.goal_create(
        owner=employee,
        actor=employee,
        title="Run a 10k",
        target_date=timezone.localdate() + timedelta(days=60),
    )
    assert Reminder.objects.filter(state="pending").count() == 2
    services.goal_update(goal=goal, actor=employee, status=Goal.Status.PAUSED)
    goal.refresh_from_db()
    assert goal.next_checkin_due is None
    assert Reminder.objects.filter(state="pending").count() == 0


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_closing_a_goal_cancels_its_reminders(employee, status):
    from careersupport.goals import services

    goal = services.goal_create(
        owner=employee,
        actor=employee,
        title="Mentor a junior",
        target_date=timezone.localdate() + timedelta(days=60),
    )
    services.goal_update(goal=goal, actor=employee, status=status)
    assert not Reminder.objects.filter(state="pending").exists()


def test_resuming_a_goal_schedules_from_today(employee):
    from careersupport.goals import dates, services

    goal = services.goal_create(
        owner=employee,
        actor=employee,
        title="Learn Go",
        status="draft",
        target_date=timezone.localdate() + timedelta(days=60),
        cadence="weekly",
    )
    services.goal_update(goal=goal, actor=employee, status="active")
    goal.refresh_from_db()
    today = dates.owner_today(employee)
    assert goal.next_checkin_due == today + timedelta(weeks=1)
    assert Reminder.objects.filter(state="pending", kind="goals.checkin_due").count() == 1


def test_the_goal_form_edits_exactly_what_goal_update_accepts():
    from careersupport.goals.forms import GoalForm
    from careersupport.goals.services import EDITABLE, GoalChanges

    assert list(GoalForm.base_fields) == list(EDITABLE) == list(GoalChanges.__annotations__)
