"""Celery tasks: beat runs the dispatcher every minute; due reminders go to send tasks.

Both take ids or nothing and call a service. The broker is only the fast path: if a task is
lost (a killed worker, a restarted Redis) its reminders stay claimed in the database until
the lease ends, and the next dispatcher run queues them again.

A send task carries a chunk of reminder ids rather than one: every reminder is still locked
and re-checked, but the per-message cost of Celery (about 2 ms here, as much as a delivery)
is paid once per chunk, its rows are written a few at a time, and one SMTP connection
serves the whole chunk.
"""

from __future__ import annotations

import logging

from celery import shared_task

from . import outbox, services
from .models import Reminder

log = logging.getLogger(__name__)


@shared_task(name="notifications.dispatch_due_reminders", ignore_result=True)
def dispatch_due_reminders() -> int:
    """Claim due reminders in batches and queue send tasks for them, a chunk each."""
    return outbox.dispatch_due(Reminder, send_reminders)


@shared_task(name="notifications.send_reminders", ignore_result=True)
def send_reminders(reminder_ids: list[int]) -> dict[str, int]:
    mail = outbox.open_mail()
    try:
        outcomes = services.reminders_deliver(reminder_ids=reminder_ids, mail=mail)
    finally:
        mail.close()
    if set(outcomes) - {services.SENT}:
        log.info("Reminders %s: %s", reminder_ids, dict(outcomes))
    return dict(outcomes)
