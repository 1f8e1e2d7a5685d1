"""The link a coaching engagement or mentorship makes to share a goal (made by those apps)."""

import pytest
from django.core.exceptions import ValidationError

from careersupport.goals import services
from careersupport.goals.permissions import goal_access

pytestmark = pytest.mark.django_db


def test_linking_grants_read_access_and_ending_removes_it(goal, employee, coach):
    link = services.goal_link_create(
        goal=goal, individual=coach, kind="coaching", actor=employee, source_id=7
    )
    assert goal_access(coach, goal).role == "linked"
    assert not goal_access(coach, goal).is_owner and not goal_access(coach, goal).can_review
    services.goal_link_end(link=link, actor=employee)
    assert goal_access(coach, goal) is None


def test_linking_twice_keeps_one_active_link(goal, employee, mentor):
    first = services.goal_link_create(
        goal=goal, individual=mentor, kind="mentorship", actor=employee
    )
    again = services.goal_link_create(
        goal=goal, individual=mentor, kind="mentorship", actor=employee
    )
    assert first.pk == again.pk


def test_a_link_cannot_cross_employers(goal, employee, outsider):
    with pytest.raises(ValidationError, match="same employer"):
        services.goal_link_create(goal=goal, individual=outsider, kind="coaching", actor=employee)
    assert not goal.links.exists()
