"""/goals/ (my list) and the goal page: content, chart, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CheckInFactory, GoalFactory, GoalReviewFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
URL = reverse("goals:goal-list")


def test_my_goals_lists_mine_only(client_for, employee, peer, goal):
    theirs = GoalFactory(owner=peer, title="Peer goal")
    response = client_for(employee).get(URL)
    assert goal.title in response.text
    assert theirs.title not in response.text


def test_my_goals_filters_by_status(client_for, employee, goal):
    GoalFactory(owner=employee, status="achieved", title="Done thing")
    text = client_for(employee).get(URL, {"status": "achieved"}).text
    assert "Done thing" in text and goal.title not in text


def test_goal_page_draws_a_chart_of_checkins(client_for, employee, goal):
    today = timezone.localdate()
    for weeks, progress in [(8, 10), (4, 35), (0, 60)]:
        CheckInFactory(goal=goal, date=today - timedelta(weeks=weeks), progress=progress)
    response = client_for(employee).get(goal.get_absolute_url())
    assert "<svg" in response.text and "<polyline" in response.text
    assert "Progress went from 0% at the start" in response.text
    assert "to 60% at the latest of 3 check-ins" in response.text


def test_goal_page_shows_overdue_badges(client_for, manager, employee):
    overdue = GoalFactory(owner=employee, next_checkin_due=timezone.localdate() - timedelta(days=2))
    assert "check-in overdue" in client_for(manager).get(overdue.get_absolute_url()).text


@pytest.mark.parametrize("size", [5, 100])
def test_my_goals_keeps_query_count_flat(client_for, employee, django_assert_max_num_queries, size):
    GoalFactory.create_batch(size, owner=employee)
    client = client_for(employee)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 100])
def test_goal_page_keeps_query_count_flat(
    client_for, employee, django_assert_max_num_queries, size
):
    goal = GoalFactory(owner=employee)
    MilestoneFactory.create_batch(size, goal=goal)
    CheckInFactory.create_batch(size, goal=goal)
    GoalReviewFactory.create_batch(size, goal=goal)
    client = client_for(employee)
    with django_assert_max_num_queries(9):
        response = client.get(goal.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 100])
def test_goal_page_seen_by_a_manager_keeps_query_count_flat(
    client_for, manager, employee, django_assert_max_num_queries, size
):
    goal = GoalFactory(owner=employee)
    CheckInFactory.create_batch(size, goal=goal)
    GoalReviewFactory.create_batch(size, goal=goal)
    client = client_for(manager)
    with django_assert_max_num_queries(10):
        response = client.get(goal.get_absolute_url())
    assert response.status_code == 200 and "Review this goal" in response.text


@pytest.mark.parametrize("size", [5, 100])
def test_goals_shared_with_a_partner_keep_query_count_flat(
    client_for, employee, partner, django_assert_max_num_queries, size
):
    employee.partnerships_as_employee.update(employee_shares_goals=True)
    GoalFactory.create_batch(size, owner=employee, shared_with_partner=True)
    client = client_for(partner)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200 and "Goals shared with you" in response.text
