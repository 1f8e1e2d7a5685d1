"""Delivery against real Redis, real Celery workers and beats, and a database they share.

Run in CI with DATABASE_URL=postgres://… and CELERY_BROKER_URL=redis://…; locally they skip
without them. Workers run with a 3-second lease and beat dispatches every second, so a
lost task comes back within seconds instead of the production lease of five minutes.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
import redis
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from careersupport.notifications.models import Notification, Reminder
from careersupport.notifications.services import (
    reminder_cancel,
    reminder_schedule,
    reminders_claim_due,
)
from careersupport.notifications.tasks import dispatch_due_reminders
from tests.conftest import need_service
from tests.factories import IndividualFactory, ReminderFactory
from tests.workers import CeleryRig, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def sent_count() -> int:
    return Reminder.objects.filter(state=Reminder.State.SENT).count()


def due_reminders(n: int) -> list[Reminder]:
    person = IndividualFactory()
    return ReminderFactory.create_batch(n, recipient=person)


def assert_each_delivered_once(reminders: list[Reminder], rig: CeleryRig, allowed_resends=0):
    pks = [r.pk for r in reminders]
    assert Reminder.objects.filter(pk__in=pks, state=Reminder.State.SENT).count() == len(pks)
    # One inbox entry per reminder (also guaranteed by the one-to-one key).
    assert Notification.objects.filter(reminder__in=pks).count() == len(pks)
    mailed = rig.message_ids()
    assert len(mailed) == len(pks), "every reminder mailed"
    # An e-mail is at least once: a worker killed between the SMTP send and the commit
    # sends it again under the same Message-ID, which mail clients de-duplicate. Only a
    # kill can cause that; the inbox and the state are exactly once.
    assert sum(mailed.values()) - len(pks) <= allowed_resends, mailed.most_common(3)


@pytest.mark.redis
def test_a_worker_killed_mid_batch_loses_nothing_and_sends_once(rig, settings):
    reminders = due_reminders(300)
    rig.beat()
    first = rig.worker("worker-1")
    sent_at_kill = wait_for(lambda: sent_count() >= 30 and sent_count(), 25, 0.01, "a first third")
    first.kill()
    assert sent_at_kill < len(reminders), "the worker was killed mid-batch"
    # Tasks it had taken are unacknowledged in Redis until the visibility timeout (10
    # minutes): only the database lease brings them back within the test's seconds.
    assert redis.Redis.from_url(rig.broker_url).hlen("unacked") > 0
    rig.worker("worker-2")
    wait_for(lambda: sent_count() == len(reminders), 25, 0.2, "every reminder to be sent")
    time.sleep(1)  # a late duplicate task would run now
    # Only the slices the two killed pool processes had mailed but not committed go again.
    assert_each_delivered_once(reminders, rig, allowed_resends=2 * settings.REMINDER_COMMIT_EVERY)


@pytest.mark.postgres
def test_two_dispatchers_at_once_claim_disjoint_rows(transactional_db, settings):
    # SQLite serialises writers instead of skipping locked rows: this is about PostgreSQL.
    need_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://…)")
    settings.REMINDER_LEASE_SECONDS = 300
    reminders = due_reminders(1000)
    # Both connect before the start, and both have a first batch before either goes on:
    # otherwise one thread can claim all 40 batches while the other is still connecting.
    start, first_batch = threading.Barrier(2), threading.Barrier(2, timeout=30)
    claims: list[list[int]] = [[], []]

    def dispatcher(index: int) -> None:
        try:
            connection.ensure_connection()
            start.wait()
            claims[index].extend(reminders_claim_due(limit=25))
            first_batch.wait()
            while ids := reminders_claim_due(limit=25):
                claims[index].extend(ids)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=dispatcher, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert claims[0] and claims[1]
    assert not set(claims[0]) & set(claims[1])
    assert sorted(claims[0] + claims[1]) == sorted(r.pk for r in reminders)


@pytest.mark.postgres
def test_a_dispatcher_skips_rows_another_has_locked(transactional_db, settings):
    # The other dispatcher's claim is still open (rows locked, lease not yet written): this
    # one must take the rest at once, neither waiting for the lock nor taking those rows.
    need_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://…)")
    reminders = due_reminders(10)
    locked, release = threading.Event(), threading.Event()
    held: list[int] = []

    def other_dispatcher() -> None:
        try:
            with transaction.atomic():
                rows = Reminder.objects.filter(pk__in=[r.pk for r in reminders])
                rows = rows.order_by("next_attempt_at").select_for_update()
                held.extend(rows[:4].values_list("pk", flat=True))
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_dispatcher)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        with connection.cursor() as cursor:  # waiting on the lock fails instead of hanging
            cursor.execute("SET lock_timeout = '5s'")
        claimed = reminders_claim_due(limit=100)
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert sorted(claimed) == sorted(r.pk for r in reminders if r.pk not in held)


@pytest.mark.redis
def test_two_beats_and_two_dispatch_runs_send_each_reminder_once(rig):
    reminders = due_reminders(400)
    # Two one-off dispatchers racing in small batches, then two beats by mistake.
    runs = [rig.dispatch_once(f"dispatch-{i}", REMINDER_DISPATCH_BATCH="10") for i in (1, 2)]
    for run in runs:
        run.popen.wait(timeout=30)
    queued = [int(run.output().split("Queued ")[1].split()[0]) for run in runs]
    assert sum(queued) == len(reminders), f"claims overlapped: {queued}"
    rig.beat("beat-1")
    rig.beat("beat-2")
    rig.worker(concurrency=2)
    wait_for(lambda: sent_count() == len(reminders), 25, 0.2, "every reminder to be sent")
    time.sleep(2)  # both beats dispatch again meanwhile
    assert_each_delivered_once(reminders, rig)


@pytest.mark.redis
def test_reminders_pending_while_redis_restarts_are_all_delivered_after(
    shared_db, own_redis, tmp_path, settings
):
    rig = CeleryRig(tmp_path, own_redis.url, shared_db)
    try:
        claimed = due_reminders(40)
        # Claimed and queued on the broker, then the broker loses its queue.
        rig.dispatch_once().popen.wait(timeout=30)
        assert not Reminder.objects.filter(claimed_at__isnull=True).exists()
        own_redis.restart()
        assert sent_count() == 0
        rig.worker()
        rig.beat()
        wait_for(lambda: sent_count() == 40, 20, 0.2, "the lost reminders to be re-queued")
        # Later reminders, due while the running worker and beat lose Redis again.
        person = IndividualFactory()
        later = ReminderFactory.create_batch(
            20, recipient=person, due_at=timezone.now() + timedelta(seconds=1)
        )
        own_redis.restart(down_for=2)
        wait_for(lambda: sent_count() == 60, 25, 0.2, "reminders due during the outage")
        assert_each_delivered_once(claimed + later, rig)
    finally:
        rig.stop_all()


@pytest.mark.redis
def test_cancelled_is_never_sent_and_rescheduled_is_sent_once_at_the_new_time(rig):
    person = IndividualFactory()
    now = timezone.now()

    def schedule(key, due):
        return reminder_schedule(
            recipient=person, kind="tests.nudge", key=key, due_at=due, title=key
        )

    cancelled = schedule("cancelled", now + timedelta(seconds=2))
    moved = schedule("moved", now - timedelta(seconds=1))
    control = schedule("control", now - timedelta(seconds=1))
    # Both due ones are claimed and queued before any worker runs...
    assert dispatch_due_reminders() == 2
    # ...then one is moved four seconds later and the other cancelled before it is due.
    new_due = timezone.now() + timedelta(seconds=4)
    schedule("moved", new_due)
    reminder_cancel(key="cancelled")
    rig.worker()
    rig.beat()
    wait_for(lambda: sent_count() == 2, 20, 0.2, "the moved reminder to be sent")
    time.sleep(3)  # past the cancelled one's due time and another lease
    moved.refresh_from_db()
    cancelled.refresh_from_db()
    assert moved.sent_at >= new_due
    assert cancelled.state == Reminder.State.CANCELLED
    assert not Notification.objects.filter(reminder=cancelled).exists()
    assert_each_delivered_once([moved, control], rig)
