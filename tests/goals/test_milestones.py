from datetime import timedelta

import pytest
from django.urls import reverse

from careersupport.goals.models import Milestone

pytestmark = pytest.mark.django_db


def test_owner_adds_a_milestone_and_progress_follows(client_for, employee, goal):
    goal.progress = 70
    goal.save()
    url = reverse("goals:milestone-create", args=[goal.pk])
    due = goal.target_date - timedelta(days=30)
    response = client_for(employee).post(url, {"title": "Design doc", "due_date": due.isoformat()})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.progress == 0 and goal.next_milestone_due == due


def test_it_refuses_a_milestone_after_the_target_date(client_for, employee, goal):
    url = reverse("goals:milestone-create", args=[goal.pk])
    late = (goal.target_date + timedelta(days=1)).isoformat()
    response = client_for(employee).post(url, {"title": "Too late", "due_date": late})
    assert response.status_code == 400
    assert "A milestone cannot be due after the goal&#x27;s target date" in response.text
    assert not Milestone.objects.exists()


def test_ticking_milestones_moves_progress(client_for, employee, goal):
    from tests.factories import MilestoneFactory

    first, _second = MilestoneFactory(goal=goal), MilestoneFactory(goal=goal)
    url = reverse("goals:milestone-toggle", args=[goal.pk, first.pk])
    client_for(employee).post(url)
    goal.refresh_from_db()
    assert goal.progress == 50
    client_for(employee).post(url)
    goal.refresh_from_db()
    assert goal.progress == 0


@pytest.mark.parametrize(("persona", "expected"), [("manager", 403), ("outsider", 404)])
def test_others_cannot_change_milestones(client_for, request, goal, persona, expected):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(goal=goal)
    person = request.getfixturevalue(persona)
    client = client_for(person)
    assert (
        client.post(reverse("goals:milestone-toggle", args=[goal.pk, milestone.pk])).status_code
        == expected
    )
    assert (
        client.post(reverse("goals:milestone-delete", args=[goal.pk, milestone.pk])).status_code
        == expected
    )
    due = goal.target_date.isoformat()
    add = client.post(
        reverse("goals:milestone-create", args=[goal.pk]), {"title": "x", "due_date": due}
    )
    assert add.status_code == expected
    assert Milestone.objects.filter(done=False).count() == 1


def test_owner_removes_a_milestone(client_for, employee, goal):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(goal=goal)
    client_for(employee).post(reverse("goals:milestone-delete", args=[goal.pk, milestone.pk]))
    assert not Milestone.objects.exists()
    goal.refresh_from_db()
    assert goal.next_milestone_due is None


def test_removing_a_milestone_asks_first_and_says_what_it_does_to_progress(
    client_for, employee, goal
):
    from tests.factories import MilestoneFactory

    keep = MilestoneFactory(goal=goal, done=True)
    milestone = MilestoneFactory(goal=goal, title="Write the design doc")
    url = reverse("goals:milestone-delete", args=[goal.pk, milestone.pk])
    response = client_for(employee).get(url)
    assert response.status_code == 200 and Milestone.objects.count() == 2
    assert "Remove the milestone “Write the design doc”?" in response.text
    assert '<form method="post" class="actions-row">' in response.text
    assert "it goes from 0% to 100%" in response.text  # only the done one would be left
    assert keep.title not in response.text


def test_the_goal_page_links_to_the_question_rather_than_removing_at_once(
    client_for, employee, goal
):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(goal=goal)
    text = client_for(employee).get(goal.get_absolute_url()).text
    url = reverse("goals:milestone-delete", args=[goal.pk, milestone.pk])
    assert f'<a href="{url}" role="button"' in text
    assert f'action="{url}"' not in text


@pytest.mark.parametrize(("persona", "expected"), [("manager", 403), ("outsider", 404)])
def test_others_cannot_open_the_question(client_for, request, goal, persona, expected):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(goal=goal)
    url = reverse("goals:milestone-delete", args=[goal.pk, milestone.pk])
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == expected
