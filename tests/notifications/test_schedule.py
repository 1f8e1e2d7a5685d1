from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_reschedule,
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


def test_a_cancelled_occurrence_scheduled_again_is_pending_again(employee):
    # Say the person left a session and registered again: they must be reminded.
    schedule(employee, key="session:4:person:1:day")
    reminder_cancel(key="session:4:person:1:day")
    again = schedule(employee, key="session:4:person:1:day")
    assert again.state == Reminder.State.PENDING and Reminder.objects.count() == 1


def test_it_reschedules_a_pending_reminder_keeping_its_text(employee):
    reminder = schedule(employee, key="session:9:day", url="/programs/9/")
    later = timezone.now() + timedelta(days=3)
    moved = reminder_reschedule(key="session:9:day", due_at=later)
    assert moved.pk == reminder.pk and moved.due_at == moved.next_attempt_at == later
    assert moved.title == "Check in" and moved.url == "/programs/9/"


def test_rescheduling_never_revives_a_cancelled_or_sent_reminder(employee):
    ReminderFactory(recipient=employee, key="gone", state=Reminder.State.CANCELLED)
    ReminderFactory(recipient=employee, key="done", state=Reminder.State.SENT)
    later = timezone.now() + timedelta(days=1)
    assert reminder_reschedule(key="gone", due_at=later) is None
    assert reminder_reschedule(key="done", due_at=later) is None
    assert set(Reminder.objects.values_list("state", flat=True)) == {"cancelled", "sent"}


def test_schedule_move_and_cancel_roll_back_with_the_callers_transaction(employee):
    kept = schedule(employee, key="kept")
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule(employee, key="new")
        reminder_reschedule(key="kept", due_at=timezone.now() + timedelta(days=30))
        reminder_cancel(key="kept")
        raise RuntimeError("the caller's save failed")
    assert list(Reminder.objects.values_list("key", "state", "due_at")) == [
        ("kept", "pending", kept.due_at)
    ]


def test_a_publisher_reads_back_what_it_published_by_key(employee):
    from careersupport.notifications.selectors import reminders_published

    ReminderFactory(recipient=employee, key="tests.nudge:1:a", state="sent", title="Hi")
    ReminderFactory(recipient=employee, key="tests.nudge:1:b")
    found = reminders_published(keys=["tests.nudge:1:a", "tests.nudge:1:b", "tests.nudge:1:c"])
    assert set(found) == {"tests.nudge:1:a", "tests.nudge:1:b"}
    assert found["tests.nudge:1:a"].is_done and found["tests.nudge:1:a"].title == "Hi"
    assert found["tests.nudge:1:b"].is_pending and not found["tests.nudge:1:b"].is_done
