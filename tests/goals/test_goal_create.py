from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import Goal, Milestone
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


def _rows(*rows, total=3):
    """The new-goal form's milestone rows, as the browser posts them (blank rows included)."""
    data = {"milestones-TOTAL_FORMS": total, "milestones-INITIAL_FORMS": 0}
    for i in range(total):
        title, due = rows[i] if i < len(rows) else ("", "")
        data[f"milestones-{i}-title"], data[f"milestones-{i}-due_date"] = title, due
    return data


def _in(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_it_creates_the_goal_with_its_milestones_in_one_go(client_for, employee):
    rows = _rows(("Pass the practice exam", _in(40)), ("Book the exam", _in(60)))
    response = client_for(employee).post(URL, {**_data(), **rows})
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert list(goal.milestones.values_list("title", flat=True)) == [
        "Pass the practice exam",
        "Book the exam",
    ]
    assert goal.progress == 0 and goal.next_milestone_due.isoformat() == _in(40)


def test_a_milestone_row_after_the_target_date_is_told_beside_that_row_and_saves_nothing(
    client_for, employee
):
    rows = _rows(("Fine", _in(30)), ("Too late", _in(400)))
    response = client_for(employee).post(URL, {**_data(), **rows})
    assert response.status_code == 400
    text = response.text
    error = text.index('id="id_milestones-1-due_date_error"')
    assert "cannot be due after the goal" in text[error : error + 200]
    assert (
        'href="#id_milestones-1-due_date">Milestone 2 (due date): A milestone cannot be due after'
        in text
    )  # the summary
    assert 'value="Too late"' in text and 'value="Get the AWS certification"' in text
    assert not Goal.objects.exists() and not Milestone.objects.exists()
    assert not Reminder.objects.exists()


def test_a_milestone_row_without_a_date_is_refused_beside_it(client_for, employee):
    response = client_for(employee).post(URL, {**_data(), **_rows(("No date", ""))})
    assert response.status_code == 400
    assert 'id="id_milestones-0-due_date_error"' in response.text
    assert not Goal.objects.exists()


def test_a_starting_figure_with_milestones_is_refused_beside_progress(client_for, employee):
    rows = _rows(("Step", _in(30)))
    response = client_for(employee).post(URL, {**_data(progress=30), **rows})
    assert response.status_code == 400
    assert "With milestones, progress follows them" in response.text
    assert not Goal.objects.exists()


def test_the_form_offers_milestone_rows_that_work_without_javascript(client_for, employee):
    text = client_for(employee).get(URL).text
    assert 'name="milestones-TOTAL_FORMS" value="3"' in text
    for i in range(3):
        assert f'for="id_milestones-{i}-title"' in text
        assert f'for="id_milestones-{i}-due_date"' in text
    assert "<legend>Milestones (optional)</legend>" in text
    assert "data-formset-add hidden" in text  # "Add another" appears only with JavaScript


def test_a_milestone_row_with_a_date_and_no_title_is_refused_beside_it(client_for, employee):
    response = client_for(employee).post(URL, {**_data(), **_rows(("", _in(20)))})
    assert response.status_code == 400
    assert 'id="id_milestones-0-title_error"' in response.text
    assert not Goal.objects.exists()
