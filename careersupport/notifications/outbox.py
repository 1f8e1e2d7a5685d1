"""The delivery engine that reminders and invitation e-mails share: claim, lease, retry, give up.

An outbox row is one thing to deliver; its state lives in the database, never in the broker
alone. Its model has `state` (at least `pending`, `sent` and `failed`), `next_attempt_at`,
`claimed_at`, `attempts`, `last_error` and `updated_at`, and a partial index on
`next_attempt_at` of its pending rows (`Reminder`, `people.InvitationEmail`). The rules are
the same for every kind of row:

- **Claim.** A dispatcher (beat, every `REMINDER_DISPATCH_EVERY` seconds) claims due pending
  rows for a lease with one indexed query (`SELECT … FOR UPDATE SKIP LOCKED`, then a
  conditional UPDATE that moves `next_attempt_at` to the end of the lease), so two
  dispatchers claim disjoint rows, and queues send tasks for them, a chunk of ids each
  (`dispatch_due`).
- **Send once.** A send task locks each row again and skips one that is no longer pending,
  or that is waiting (backing off) without a claim, which only a stale duplicate task sees:
  a task that runs twice sends nothing the second time.
- **Retry, then give up.** A failed attempt backs off (1, 2, 4 … minutes, `retry_delay`) and
  is claimed again; after `REMINDER_MAX_ATTEMPTS` it fails for good (`attempt_failed`), for
  HR to see with its reason and send again.
- **Nothing lost.** A claim whose task never finished (a killed worker, a restarted broker) is
  due again when its lease ends: a lost send is late by one lease, not lost.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any, Protocol

from celery import current_app
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)

PENDING, SENT, FAILED = "pending", "sent", "failed"


class OutboxRow(Protocol):
    """What the engine reads and writes on a row (a `Reminder`, an `InvitationEmail`)."""

    pk: Any
    state: str
    next_attempt_at: datetime
    claimed_at: datetime | None
    attempts: int
    last_error: str

    def save(self, *args: Any, **kwargs: Any) -> None: ...


# Outcomes of one delivery attempt, returned by the send tasks (and shown in their log).
SKIPPED, DEFERRED, RETRY, CANCELLED = "skipped", "deferred", "retry", "cancelled"


# --- the dispatcher -------------------------------------------------------------------------


def claim_due(
    model: type[models.Model], *, limit: int = 500, now: datetime | None = None
) -> list[int]:
    """Claim up to `limit` due pending rows of `model` for one lease; returns their ids,
    the longest waiting first."""
    now = now or timezone.now()
    lease_ends = now + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    with transaction.atomic():
        rows = model._default_manager
        ids = list(
            rows.filter(state=PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            rows.filter(pk__in=ids, state=PENDING, next_attempt_at__lte=now).update(
                next_attempt_at=lease_ends, claimed_at=now
            )
    return ids


def dispatch_due(model: type[models.Model], send_task) -> int:
    """Claim due rows in batches and queue `send_task(ids)` for each chunk; returns how many
    were queued. Bounded per run (`REMINDER_DISPATCH_MAX`): beat's next run takes the rest."""
    batch, chunk = settings.REMINDER_DISPATCH_BATCH, settings.REMINDER_SEND_CHUNK
    queued = 0
    with current_app.producer_or_acquire() as producer:
        while queued < settings.REMINDER_DISPATCH_MAX:
            ids = claim_due(model, limit=batch)
            for start in range(0, len(ids), chunk):
                send_task.apply_async((ids[start : start + chunk],), producer=producer)
            queued += len(ids)
            if len(ids) < batch:
                break
    if queued:
        log.info("Queued %d due %s rows", queued, model._meta.label)
    return queued


def is_waiting(row: OutboxRow, now: datetime) -> bool:
    """Backing off or deferred, and not claimed: only a stale duplicate task finds a row so,
    and it must not jump the wait (the dispatcher claims it when the wait is over)."""
    return row.claimed_at is None and row.next_attempt_at > now


# --- failures -------------------------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after the n-th failed attempt: base, 2×, 4×… capped at an hour."""
    seconds = settings.REMINDER_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, 3600))


def error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def attempt_failed(row: OutboxRow, error: Exception, *, now: datetime) -> str:
    """Record a failed attempt on a locked pending row: back off and try again (RETRY), or
    after the last attempt fail for good (FAILED). The caller adds what failing means for
    its kind of row (an inbox entry, an audit row)."""
    row.attempts += 1
    row.last_error = error_text(error)
    row.claimed_at = None
    if row.attempts < settings.REMINDER_MAX_ATTEMPTS:
        row.next_attempt_at = now + retry_delay(row.attempts)
        row.save(
            update_fields=["attempts", "last_error", "claimed_at", "next_attempt_at", "updated_at"]
        )
        return RETRY
    row.state = FAILED
    row.save(update_fields=["state", "attempts", "last_error", "claimed_at", "updated_at"])
    return FAILED


# --- e-mail ---------------------------------------------------------------------------------

# Errors that say the mail server cannot be reached at all (not that one address is bad).
UNREACHABLE = (
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    ConnectionError,
    TimeoutError,
)


class OutageGuard(BaseEmailBackend):
    """An e-mail connection for one send task that stops trying once the server is unreachable.

    Without it, a mail server that hangs costs every row of the task its own EMAIL_TIMEOUT
    (50 rows x 20 s outlasts the dispatcher's lease); with it, the rest fail at once with
    the same reason and are retried with back-off like any mail error."""

    def __init__(self, mail: BaseEmailBackend, down: Exception | None = None):
        super().__init__()
        self.mail, self.down = mail, down

    def send_messages(self, messages) -> int:
        if self.down is not None:
            raise type(self.down)(*self.down.args)
        try:
            return self.mail.send_messages(messages)
        except UNREACHABLE as error:
            self.down = error
            raise

    def open(self):
        return self.mail.open()

    def close(self) -> None:
        self.mail.close()


def open_mail() -> OutageGuard:
    """One e-mail connection for a send task; a server that cannot be reached is recorded as
    each row's attempt without waiting for a timeout again."""
    mail = get_connection()
    try:
        mail.open()
    except UNREACHABLE as error:
        log.warning("Cannot reach the mail server: %s", error)
        return OutageGuard(mail, down=error)
    except Exception:
        log.warning("Cannot open the e-mail connection", exc_info=True)
    return OutageGuard(mail)
