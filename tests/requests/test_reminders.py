"""The approver's morning reminder: one a day at 08:00 their time, counts only, kept current."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careersupport.notifications.models import Reminder
from careersupport.requests import reminders, services
from careersupport.requests.tasks import publish_waiting

from .conftest import monday_next_spring, next_monday

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 16:00 in Berlin


def leave(person, policy, weeks=0):
    day = monday_next_spring(weeks)
    return services.leave_request_create(
        person=person, actor=person, policy=policy, start_date=day, end_date=day, reason="Private"
    )


def test_hr_gets_one_reminder_for_the_next_morning_with_the_count(employee, hr_admin, policy):
    leave(employee, policy)
    assert services.waiting_publish(now=NOW) == 1
    reminder = Reminder.objects.get(recipient=hr_admin, kind="requests.waiting")
    assert reminder.key == reminders.waiting_key(hr_admin.pk, NOW.date() + timedelta(days=1))
    assert reminder.due_at == datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    assert (
        reminder.title == "1 request waiting for your decision" and "Private" not in reminder.body
    )


def test_running_again_keeps_it_current_and_never_doubles_it(employee, peer, hr_admin, policy):
    leave(employee, policy)
    services.waiting_publish(now=NOW)
    leave(peer, policy)
    services.waiting_publish(now=NOW + timedelta(hours=1))
    assert Reminder.objects.get(recipient=hr_admin).title == "2 requests waiting for your decision"


def test_it_is_cancelled_when_nothing_waits_any_more(employee, hr_admin, policy):
    made = leave(employee, policy)
    services.waiting_publish(now=NOW)
    services.leave_decline(leave=made, actor=hr_admin, reason="No")
    services.waiting_publish(now=NOW + timedelta(hours=1))
    assert Reminder.objects.get(kind="requests.waiting").state == "cancelled"


def test_the_manager_hears_of_flexible_work_only(employee, manager, policy):
    leave(employee, policy)
    services.arrangement_request(
        person=employee, actor=employee, reason="x", kind="remote", start_date=next_monday()
    )
    publish_waiting()
    assert Reminder.objects.get(recipient=manager, kind="requests.waiting").title.startswith(
        "1 request"
    )


def test_every_kind_published_is_registered():
    from careersupport.notifications.kinds import registered_kinds

    assert set(reminders.REMINDER_KINDS) <= set(registered_kinds())


def test_an_hr_admins_own_request_does_not_wait_for_them(employee, hr_admin, policy):
    leave(hr_admin, policy)
    services.waiting_publish(now=NOW)
    assert not Reminder.objects.filter(recipient=hr_admin, kind="requests.waiting").exists()
