from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from careersupport.notifications import outbox, tasks
from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminders_claim_due
from tests.factories import ReminderFactory

pytestmark = pytest.mark.django_db


def test_it_claims_only_due_pending_reminders(employee):
    due = ReminderFactory(recipient=employee)
    ReminderFactory(recipient=employee, due_at=timezone.now() + timedelta(hours=1))
    ReminderFactory(recipient=employee, state=Reminder.State.SENT)
    ReminderFactory(recipient=employee, state=Reminder.State.CANCELLED)
    assert reminders_claim_due() == [due.pk]


def test_a_claim_holds_for_one_lease_then_is_due_again(employee, settings):
    settings.REMINDER_LEASE_SECONDS = 300
    reminder = ReminderFactory(recipient=employee)
    now = timezone.now()
    assert reminders_claim_due(now=now) == [reminder.pk]
    assert reminders_claim_due(now=now + timedelta(seconds=299)) == []
    # The task was lost (killed worker, restarted broker): the next dispatcher re-queues it.
    assert reminders_claim_due(now=now + timedelta(seconds=301)) == [reminder.pk]


def test_it_claims_in_batches_oldest_first(employee):
    now = timezone.now()
    old = [ReminderFactory(recipient=employee, due_at=now - timedelta(hours=h)) for h in (3, 2, 1)]
    assert reminders_claim_due(limit=2, now=now) == [old[0].pk, old[1].pk]
    assert reminders_claim_due(limit=2, now=now) == [old[2].pk]


@pytest.mark.parametrize("sent", [10, 500])
def test_its_claim_costs_the_same_however_many_were_sent(
    employee, django_assert_max_num_queries, sent
):
    ReminderFactory.create_batch(sent, recipient=employee, state=Reminder.State.SENT)
    ReminderFactory.create_batch(3, recipient=employee)
    # A savepoint, the SELECT of due ids, the UPDATE that claims them, the release.
    with django_assert_max_num_queries(4):
        assert len(reminders_claim_due()) == 3


def test_its_claim_reads_the_partial_index_of_pending_rows(employee):
    ReminderFactory.create_batch(3, recipient=employee)
    # Statistics of a table that has sent far more than it has pending, as in production:
    # on a tiny table every index costs the same and the planner's pick is a coin toss.
    Reminder.objects.bulk_create(
        ReminderFactory.build_batch(2000, recipient=employee, state=Reminder.State.SENT)
    )
    query = (
        Reminder.objects.filter(state="pending", next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Reminder._meta.db_table}")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    # Either partial index of pending rows (at scale, the bench shows reminder_pending_next):
    # never the sent rows.
    assert "reminder_pending_next" in plan or "reminder_pending_due" in plan, plan


def test_the_dispatcher_queues_the_claimed_reminders_in_chunks(employee, settings, monkeypatch):
    settings.REMINDER_DISPATCH_BATCH = 4
    settings.REMINDER_SEND_CHUNK = 3
    reminders = ReminderFactory.create_batch(5, recipient=employee)
    chunks = []
    monkeypatch.setattr(
        tasks.send_reminders, "apply_async", lambda args, **kw: chunks.append(args[0])
    )
    assert tasks.dispatch_due_reminders() == 5
    assert [len(chunk) for chunk in chunks] == [3, 1, 1]
    assert sorted(sum(chunks, [])) == sorted(r.pk for r in reminders)
    assert tasks.dispatch_due_reminders() == 0


def test_a_send_task_delivers_its_chunk_over_one_mail_connection(employee, mailbox, monkeypatch):
    reminders = ReminderFactory.create_batch(3, recipient=employee)
    opened = []
    real = outbox.get_connection
    monkeypatch.setattr(outbox, "get_connection", lambda: opened.append(1) or real())
    assert tasks.send_reminders([r.pk for r in reminders]) == {"sent": 3}
    assert len(mailbox) == 3 and len(opened) == 1


def test_beat_runs_the_dispatcher_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["dispatch-due-reminders"]
    assert entry["task"] == tasks.dispatch_due_reminders.name
    assert entry["schedule"] == 60


def test_once_the_mail_server_is_unreachable_the_rest_of_the_task_fails_at_once(
    employee, monkeypatch
):
    reminders = ReminderFactory.create_batch(4, recipient=employee)
    tries = []

    def refuse(self, messages):
        tries.append(messages)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert tasks.send_reminders([r.pk for r in reminders]) == {"retry": 4}
    assert len(tries) == 1  # the other three did not wait for a timeout of their own
    errors = Reminder.objects.values_list("last_error", flat=True)
    assert all(error.startswith("ConnectionRefusedError") for error in errors)
