from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from careersupport.notifications.models import Reminder
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db


def status() -> str:
    out = StringIO()
    call_command("reminders_status", stdout=out)
    return out.getvalue()


def test_it_prints_the_backlog_by_state_and_kind(employee):
    ReminderFactory.create_batch(3, recipient=employee)
    ReminderFactory(recipient=employee, kind="tests.other", state=Reminder.State.SENT)
    lines = status().splitlines()
    assert any(line.split() == ["tests.nudge", "3", "0", "0", "0"] for line in lines)
    assert any(line.split() == ["tests.other", "0", "1", "0", "0"] for line in lines)


def test_it_names_the_oldest_pending_and_how_late_it_is(employee):
    oldest = ReminderFactory(recipient=employee, due_at=timezone.now() - timedelta(hours=3))
    ReminderFactory(recipient=employee)
    output = status()
    assert f"#{oldest.pk} tests.nudge" in output and "3 h overdue" in output


def test_it_lists_recent_failures_with_their_reason(employee):
    ReminderFactory(recipient=employee, state=Reminder.State.FAILED, last_error="550 unknown user")
    assert "550 unknown user" in status()


def test_it_says_when_nothing_waits(db):
    output = status()
    assert "nothing is waiting" in output
