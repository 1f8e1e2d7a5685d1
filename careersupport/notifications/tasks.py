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

from celery import current_app, shared_task
from django.conf import settings
from django.core.mail import get_connection

from . import services

log = logging.getLogger(__name__)


@shared_task(name="notifications.dispatch_due_reminders", ignore_result=True)
def dispatch_due_reminders() -> int:
    """Claim due reminders in batches and queue send tasks for them, a chunk each."""
    batch, chunk = settings.REMINDER_DISPATCH_BATCH, settings.REMINDER_SEND_CHUNK
    queued = 0
    with current_app.producer_or_acquire() as producer:
        while queued < settings.REMINDER_DISPATCH_MAX:
            ids = services.reminders_claim_due(limit=batch)
            for start in range(0, len(ids), chunk):
                send_reminders.apply_async((ids[start : start + chunk],), producer=producer)
            queued += len(ids)
            if len(ids) < batch:
                break
    if queued:
        log.info("Queued %d due reminders", queued)
    return queued


@shared_task(name="notifications.send_reminders", ignore_result=True)
def send_reminders(reminder_ids: list[int]) -> dict[str, int]:
    mail = _open_mail()
    try:
        outcomes = services.reminders_deliver(reminder_ids=reminder_ids, mail=mail)
    finally:
        mail.close()
    if set(outcomes) - {services.SENT}:
        log.info("Reminders %s: %s", reminder_ids, dict(outcomes))
    return dict(outcomes)


def _open_mail() -> services.OutageGuard:
    mail = get_connection()
    try:
        mail.open()
    except services.UNREACHABLE as error:
        # Each delivery records this as its attempt, without waiting for a timeout again.
        log.warning("Cannot reach the mail server: %s", error)
        return services.OutageGuard(mail, down=error)
    except Exception:  # logged with its traceback; each delivery records it as its attempt
        log.warning("Cannot open the e-mail connection", exc_info=True)
    return services.OutageGuard(mail)
