from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careersupport.goals import dates, services
from careersupport.goals.models import CheckIn, Goal
from careersupport.notifications.models import Reminder
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def _new_goal(owner, cadence="weekly", **kwargs):
    return services.goal_create(
        owner=owner,
        actor=owner,
        title="Speak at a meetup",
        target_date=timezone.localdate() + timedelta(days=200),
        cadence=cadence,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("cadence", "step"),
    [("weekly", timedelta(weeks=1)), ("biweekly", timedelta(weeks=2))],
)
def test_next_checkin_follows_the_cadence(employee, cadence, step):
    goal = _new_goal(employee, cadence)
    assert goal.next_checkin_due == dates.owner_today(employee) + step


@pytest.mark.parametrize(("cadence", "months"), [("monthly", 1), ("quarterly", 3)])
def test_monthly_cadences_count_calendar_months(employee, cadence, months):
    from dateutil.relativedelta import relativedelta

    goal = _new_goal(employee, cadence)
    assert goal.next_checkin_due == dates.owner_today(employee) + relativedelta(months=months)


def test_no_cadence_means_no_due_date(employee):
    assert _new_goal(employee, "none").next_checkin_due is None
    assert not Reminder.objects.exists()


def test_a_checkin_moves_the_due_date_and_its_reminders(employee):
    goal = _new_goal(employee)
    first_due = goal.next_checkin_due
    Goal.objects.filter(pk=goal.pk).update(next_checkin_due=first_due - timedelta(days=10))
    goal.refresh_from_db()
    old_due = goal.next_checkin_due
    checkin = services.checkin_record(
        goal=goal, actor=employee, progress=30, next_step="Draft the talk"
    )
    goal.refresh_from_db()
    today = dates.owner_today(employee)
    assert checkin.date == today and checkin.due_on == old_due and not checkin.on_time
    assert goal.next_checkin_due == today + timedelta(weeks=1)
    assert goal.last_checkin_on == today and goal.progress == 30
    pending = set(Reminder.objects.filter(state="pending").values_list("key", flat=True))
    assert pending == {
        f"goals.checkin_due:{goal.pk}:{goal.next_checkin_due:%Y-%m-%d}",
        f"goals.checkin_overdue:{goal.pk}:{goal.next_checkin_due:%Y-%m-%d}",
    }


def test_a_checkin_cancels_the_reminders_of_the_previous_due_date(employee, monkeypatch):
    today = dates.owner_today(employee)
    monkeypatch.setattr(dates, "owner_today", lambda owner: today - timedelta(days=10))
    goal = _new_goal(employee)  # created ten days ago: its check-in was due three days ago
    monkeypatch.undo()
    old_keys = set(Reminder.objects.values_list("key", flat=True))
    services.checkin_record(goal=goal, actor=employee, progress=10)
    assert set(Reminder.objects.filter(key__in=old_keys).values_list("state", flat=True)) == {
        "cancelled"
    }
    assert Reminder.objects.filter(state="pending").count() == 2


def test_changing_the_cadence_moves_the_reminders(employee):
    goal = _new_goal(employee, "weekly")
    services.goal_update(goal=goal, actor=employee, cadence="biweekly")
    goal.refresh_from_db()
    assert goal.next_checkin_due == dates.owner_today(employee) + timedelta(weeks=2)
    pending = Reminder.objects.filter(state="pending")
    assert {r.due_at.date() for r in pending} >= {goal.next_checkin_due}
    assert Reminder.objects.filter(state="cancelled").count() == 2


def test_reminders_are_due_at_nine_in_the_owners_time_zone(employee):
    employee.time_zone = "America/New_York"
    employee.save()
    goal = _new_goal(employee)
    due = Reminder.objects.get(kind="goals.checkin_due")
    overdue = Reminder.objects.get(kind="goals.checkin_overdue")
    nine = datetime.combine(goal.next_checkin_due, time(9), tzinfo=employee.tzinfo)
    assert due.due_at == nine
    assert overdue.due_at == nine + timedelta(days=3)
    assert due.recipient == employee and due.url.endswith(f"/goals/{goal.pk}/checkin/")


def test_owner_records_a_checkin_through_the_form(client_for, employee, goal):
    url = reverse("goals:checkin-create", args=[goal.pk])
    response = client_for(employee).post(
        url,
        {"progress": 45, "went_well": "Shipped step 1", "in_the_way": "", "next_step": "Step 2"},
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.progress, checkin.went_well) == (45, "Shipped step 1")
    goal.refresh_from_db()
    assert goal.progress == 45


def test_a_checkin_on_someone_elses_goal_is_refused_with_a_message(client_for, manager, goal):
    url = reverse("goals:checkin-create", args=[goal.pk])
    response = client_for(manager).post(url, {"progress": 80, "went_well": "I did it for them"})
    assert response.status_code == 400
    assert f"Only {goal.owner.full_name} can record a check-in on this goal." in response.text
    assert not CheckIn.objects.exists()
    goal.refresh_from_db()
    assert goal.progress == 0


@pytest.mark.parametrize("progress", [-5, 101])
def test_a_checkin_with_progress_out_of_range_is_refused(client_for, employee, goal, progress):
    url = reverse("goals:checkin-create", args=[goal.pk])
    response = client_for(employee).post(url, {"progress": progress})
    assert response.status_code == 400
    assert "Progress must be between 0 and 100." in response.text
    assert not CheckIn.objects.exists()


def test_a_checkin_on_a_paused_goal_is_refused(client_for, employee, goal):
    goal.status = "paused"
    goal.save()
    url = reverse("goals:checkin-create", args=[goal.pk])
    response = client_for(employee).post(url, {"progress": 50})
    assert "Check-ins are recorded on active goals" in response.text
    assert not CheckIn.objects.exists()


def test_with_milestones_the_checkin_records_the_share_done_and_refuses_another_figure(
    employee, goal
):
    MilestoneFactory(goal=goal, done=True)
    MilestoneFactory(goal=goal)
    services.milestone_set_done(milestone=goal.milestones.last(), actor=employee, done=False)
    with pytest.raises(ValidationError, match="follows its milestones"):
        services.checkin_record(goal=goal, actor=employee, progress=90)
    services.checkin_record(goal=goal, actor=employee, went_well="Half way")
    goal.refresh_from_db()
    assert goal.progress == 50 and CheckIn.objects.get().progress == 50


def test_service_refuses_a_checkin_by_anyone_but_the_owner(manager, goal):
    with pytest.raises(ValidationError):
        services.checkin_record(goal=goal, actor=manager, progress=10)
    assert not CheckIn.objects.exists()


def test_a_checkin_is_dated_by_the_owners_calendar_not_the_servers(employee, goal, monkeypatch):
    # 23:30 UTC on 1 June is already 2 June in Tokyo.
    employee.time_zone = "Asia/Tokyo"
    employee.save()
    late_evening = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: late_evening)
    checkin = services.checkin_record(goal=goal, actor=employee, progress=20)
    goal.refresh_from_db()
    assert checkin.date == date(2026, 6, 2) and goal.last_checkin_on == date(2026, 6, 2)
    assert goal.next_checkin_due == date(2026, 7, 2)  # monthly, from the owner's day


def test_due_and_overdue_reminders_stay_at_nine_across_the_daylight_saving_change(
    employee, monkeypatch
):
    # Weekly from Friday 20 March 2026 in Berlin: due Friday 27 March 09:00 CET (08:00 UTC);
    # overdue three days later, Monday 30 March 09:00 CEST (07:00 UTC, after the change).
    employee.time_zone = "Europe/Berlin"
    employee.save()
    monkeypatch.setattr(dates, "owner_today", lambda owner: date(2026, 3, 20))
    goal = _new_goal(employee, "weekly")
    assert goal.next_checkin_due == date(2026, 3, 27)
    due = Reminder.objects.get(kind="goals.checkin_due")
    overdue = Reminder.objects.get(kind="goals.checkin_overdue")
    assert due.due_at == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)
    assert overdue.due_at == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_a_reader_opening_the_checkin_form_is_told_who_records_it(client_for, manager, goal):
    response = client_for(manager).get(reverse("goals:checkin-create", args=[goal.pk]))
    assert f"Only {goal.owner.full_name} can record a check-in on this goal." in response.text
    owner_view = client_for(goal.owner).get(reverse("goals:checkin-create", args=[goal.pk]))
    assert "can record a check-in on this goal" not in owner_view.text


def test_moving_to_another_time_zone_moves_check_in_reminders_to_nine_there(client_for, employee):
    goal = _new_goal(employee)
    response = client_for(employee).post(
        reverse("people:profile"), {"time_zone": "America/New_York", "preferred_name": ""}
    )
    assert response.status_code == 302
    due = Reminder.objects.get(kind="goals.checkin_due", recipient=employee)
    overdue = Reminder.objects.get(kind="goals.checkin_overdue", recipient=employee)
    local = due.due_at.astimezone(ZoneInfo("America/New_York"))
    assert (local.date(), local.time()) == (goal.next_checkin_due, time(9))
    assert overdue.due_at - due.due_at == timedelta(days=3)


def test_a_sent_check_in_reminder_stays_sent_when_the_time_zone_changes(client_for, employee):
    _new_goal(employee)
    Reminder.objects.filter(kind="goals.checkin_due").update(state=Reminder.State.SENT)
    before = Reminder.objects.get(kind="goals.checkin_due").due_at
    client_for(employee).post(reverse("people:profile"), {"time_zone": "Asia/Tokyo"})
    reminder = Reminder.objects.get(kind="goals.checkin_due")
    assert reminder.state == Reminder.State.SENT and reminder.due_at == before
