"""Garbage in any goals form or address gets a message or a 404, never a 500."""

import pytest
from django.urls import reverse

from careersupport.goals.models import CheckIn, Goal, GoalReview, Milestone

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "data",
    [
        {"title": "x", "target_date": "not a date", "progress": "0"},
        {"title": "x", "target_date": "2030-02-30", "progress": "0"},
        {"title": "x", "target_date": "2030-01-01", "progress": "abc"},
        {"title": "x", "target_date": "2030-01-01", "progress": HUGE},
        {"title": "x" * 300, "target_date": "2030-01-01", "progress": "0"},
        {"title": "x", "target_date": "2030-01-01", "progress": "0", "cadence": "daily"},
        {"title": "x", "target_date": "99999-01-01", "progress": "0"},
    ],
)
def test_goal_form_garbage_is_told_on_the_form(client_for, employee, data):
    base = {"category": "skill", "status": "active", "cadence": "monthly"}
    response = client_for(employee).post(reverse("goals:goal-create"), {**base, **data})
    assert response.status_code == 400
    assert 'class="field-error"' in response.text
    assert not Goal.objects.exists()


@pytest.mark.parametrize("progress", ["abc", "", "50.5", HUGE])
def test_checkin_garbage_is_told_on_the_form(client_for, employee, goal, progress):
    response = client_for(employee).post(
        reverse("goals:checkin-create", args=[goal.pk]), {"progress": progress}
    )
    assert response.status_code == 400 and 'class="field-error"' in response.text
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("due", ["", "tomorrow", "2030-13-01"])
def test_milestone_garbage_is_told_on_the_form(client_for, employee, goal, due):
    response = client_for(employee).post(
        reverse("goals:milestone-create", args=[goal.pk]), {"title": "Step", "due_date": due}
    )
    assert response.status_code == 400 and 'class="field-error"' in response.text
    assert not Milestone.objects.exists()


def test_review_with_an_unknown_rating_is_told_on_the_form(client_for, manager, goal):
    response = client_for(manager).post(
        reverse("goals:review-create", args=[goal.pk]), {"rating": "great", "comments": "Hi"}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.text
    assert not GoalReview.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"page": HUGE},
        {"page": "-3"},
        {"page": "x"},
        {"scope": "chain", "page": HUGE},
        {"status": "draft"},
        {"overdue": "maybe"},
    ],
)
def test_team_garbage_in_the_address_is_a_page_not_a_500(client_for, manager, goal, query):
    assert client_for(manager).get(reverse("team:overview"), query).status_code == 200


@pytest.mark.parametrize("query", [{"status": "nonsense"}, {"page": HUGE}])
def test_goal_list_garbage_in_the_address_is_a_page_not_a_500(client_for, employee, query):
    assert client_for(employee).get(reverse("goals:goal-list"), query).status_code in (200, 404)


def test_a_huge_goal_id_is_a_404(client_for, employee):
    assert client_for(employee).get(f"/goals/{HUGE}/").status_code == 404
