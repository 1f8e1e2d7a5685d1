from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.notifications.models import Reminder

pytestmark = pytest.mark.django_db
URL = reverse("goals:goal-create")


def _data(**overrides):
    data = {
        "title": "Get the AWS certification",
        "why": "It opens the platform team to me.",
        "category": "education",
        "target_date": (timezone.localdate() + timedelta(days=120)).isoformat(),
        "status": "active",
        "cadence": "biweekly",
        "progress": 0,
        "shared_with_manager": "on",
    }
    data.update(overrides)
    return data


def test_it_creates_an_active_goal_with_its_first_checkin_due(client_for, employee):
    response = client_for(employee).post(URL, _data())
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == goal.get_absolute_url()
    assert goal.owner == employee and goal.shared_with_manager
    assert goal.next_checkin_due == timezone.localdate(timezone=employee.tzinfo) + timedelta(
        weeks=2
    )


def test_it_refuses_a_target_date_in_the_past(client_for, employee):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(employee).post(URL, _data(target_date=past))
    assert response.status_code == 400
    assert "The target date of a new goal cannot be in the past." in response.text
    assert not Goal.objects.exists()
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101, 150])
def test_it_refuses_progress_outside_0_to_100(client_for, employee, progress):
    response = client_for(employee).post(URL, _data(progress=progress))
    assert response.status_code == 400
    assert "Progress must be between 0 and 100." in response.text
    assert not Goal.objects.exists()


def test_it_requires_a_title(client_for, employee):
    response = client_for(employee).post(URL, _data(title=""))
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Goal.objects.exists()


def test_a_draft_schedules_no_checkin(client_for, employee):
    client_for(employee).post(URL, _data(status="draft"))
    goal = Goal.objects.get()
    assert goal.status == "draft" and goal.next_checkin_due is None
    assert not Reminder.objects.exists()


def test_a_partner_goal_is_never_shared_with_a_manager(client_for, partner):
    response = client_for(partner).post(URL, _data(shared_with_manager="on"))
    assert response.status_code == 302
    assert Goal.objects.get().shared_with_manager is False
    assert "share with my manager" not in client_for(partner).get(URL).text.lower()


def test_unchecking_both_boxes_makes_a_private_goal(client_for, employee):
    data = _data()
    del data["shared_with_manager"]
    client_for(employee).post(URL, data)
    assert Goal.objects.get().is_private


def test_the_page_has_labels_for_every_field(client_for, employee):
    response = client_for(employee).get(URL)
    assert response.status_code == 200
    for field in ["title", "target_date", "category", "cadence", "progress"]:
        assert f'for="id_{field}"' in response.text
