"""Celery tasks: beat runs the dispatcher every minute; each reminder gets one send task.

Both take ids or nothing and call a service. The broker is only the fast path: if a task is
lost (a killed worker, a restarted Redis) its reminder stays claimed in the database until
the lease ends, and the next dispatcher run queues it again.
"""

from __future__ import annotations

import logging

from celery import current_app, shared_task
from django.conf import settings

from . import services

log = logging.getLogger(__name__)


@shared_task(name="notifications.dispatch_due_reminders", ignore_result=True)
def dispatch_due_reminders() -> int:
    """Claim due reminders in batches and queue one send task for each."""
    batch = settings.REMINDER_DISPATCH_BATCH
    queued = 0
    with current_app.producer_or_acquire() as producer:
        while queued < settings.REMINDER_DISPATCH_MAX:
            ids = services.reminders_claim_due(limit=batch)
            for reminder_id in ids:
                send_reminder.apply_async((reminder_id,), producer=producer)
            queued += len(ids)
            if len(ids) < batch:
                break
    if queued:
        log.info("Queued %d due reminders", queued)
    return queued


@shared_task(name="notifications.send_reminder", ignore_result=True)
def send_reminder(reminder_id: int) -> str:
    outcome = services.reminder_deliver(reminder_id=reminder_id)
    if outcome != services.SENT:
        log.info("Reminder %s: %s", reminder_id, outcome)
    return outcome
