from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import GoalFactory, GoalReviewFactory

pytestmark = pytest.mark.django_db


def test_home_card_lists_checkins_due_and_reviews_to_answer(client_for, employee):
    GoalFactory(
        owner=employee, title="Due soon", next_checkin_due=timezone.localdate() + timedelta(days=2)
    )
    late = GoalFactory(
        owner=employee, title="Late one", next_checkin_due=timezone.localdate() - timedelta(days=4)
    )
    GoalReviewFactory(goal=late)
    GoalReviewFactory(goal=late, replied_at=timezone.now(), reply="Thanks")
    text = client_for(employee).get(reverse("home")).text
    assert "2 active goals" in text
    assert "Due soon" in text and "Late one" in text and "overdue since" in text
    assert "1 review waiting for your reply" in text


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("employee", {"/goals/"}),
        ("partner", {"/goals/"}),
        ("manager", {"/goals/", "/team/"}),
        ("hr_admin", {"/goals/", "/goals/hr/"}),
    ],
)
def test_navigation_reaches_each_roles_pages(client_for, request, employee, persona, links):
    text = client_for(request.getfixturevalue(persona)).get(reverse("home")).text
    for url in {"/goals/", "/team/", "/goals/hr/"}:
        assert (f'href="{url}"' in text) is (url in links)
