from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_schedule,
)
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db


def schedule(person, key="goal:1:20261127", due=None, **extra):
    due = due or timezone.now() + timedelta(days=1)
    return reminder_schedule(
        recipient=person, kind="tests.nudge", key=key, due_at=due, title="Check in", **extra
    )


def test_it_schedules_a_pending_reminder_due_then(employee):
    due = timezone.now() + timedelta(days=2)
    reminder = schedule(employee, due=due, url="/goals/1/")
    assert reminder.state == Reminder.State.PENDING
    assert reminder.due_at == reminder.next_attempt_at == due
    assert reminder.employer_id == employee.employer_id


def test_it_moves_a_pending_reminder_and_drops_its_claim(employee):
    first = schedule(employee)
    Reminder.objects.filter(pk=first.pk).update(claimed_at=timezone.now(), attempts=2)
    later = timezone.now() + timedelta(days=5)
    moved = schedule(employee, due=later)
    assert moved.pk == first.pk and Reminder.objects.count() == 1
    assert moved.next_attempt_at == later and moved.claimed_at is None and moved.attempts == 0


def test_it_never_moves_a_sent_reminder(employee):
    sent = ReminderFactory(recipient=employee, key="k", state=Reminder.State.SENT)
    again = schedule(employee, key="k", due=timezone.now() + timedelta(days=9))
    assert again.due_at == sent.due_at and again.state == Reminder.State.SENT


def test_it_refuses_an_unregistered_kind(employee):
    with pytest.raises(ValidationError, match="Unknown reminder kind"):
        reminder_schedule(
            recipient=employee, kind="nope", key="x", due_at=timezone.now(), title="x"
        )


def test_it_cancels_pending_but_not_sent(employee):
    ReminderFactory(recipient=employee, key="session:4:a")
    ReminderFactory(recipient=employee, key="session:4:b", state=Reminder.State.SENT)
    ReminderFactory(recipient=employee, key="session:5:a")
    assert reminder_cancel_prefix(prefix="session:4:") == 1
    assert reminder_cancel(key="session:5:a") == 1
    states = dict(Reminder.objects.values_list("key", "state"))
    assert states == {"session:4:a": "cancelled", "session:4:b": "sent", "session:5:a": "cancelled"}
