"""Every write in notifications: the API other apps publish through, delivery, the inbox and
preferences.

The API other apps use joins the caller's transaction, so a reminder exists exactly when the
record it is about was saved:

    reminder_schedule(recipient=..., kind="goals.checkin_due", key=checkin_due_key(goal.pk, due),
                      due_at=..., title="...", url=goal.get_absolute_url())
    reminder_reschedule(key=..., due_at=...)  # when the thing moved (text unchanged)
    reminder_cancel(key=...)            # when the thing was cancelled
    reminder_cancel_prefix(prefix=...)  # e.g. every reminder of one event session

A key is `<kind>:<id>[:<occurrence>]` (`keys.py`); each app builds its own with small
functions next to its `REMINDER_KINDS` in `<app>/reminders.py`.

Delivery keeps its state in the database, never in the broker alone: the dispatcher claims
due rows for a lease (`reminders_claim_due`), each send task re-checks the row under a lock
(`reminder_deliver`), so a task that is lost comes back after one lease and a task that
runs twice sends nothing the second time.

One module per area: `scheduling` (the API above and the dispatcher), `delivery` (delivery,
e-mail and the daily digest), `inbox` (the inbox, preferences and failures); the claim,
lease, retry and give-up rules are `notifications.outbox`, the engine invitation e-mails
run on too. Callers import
from this package, as they did when it was one module.
"""

from ..outbox import (
    CANCELLED,
    DEFERRED,
    FAILED,
    RETRY,
    SENT,
    SKIPPED,
    UNREACHABLE,
    OutageGuard,
    retry_delay,
)
from .delivery import (
    _reminder_attempt_failed,
    absolute_url,
    preference_for,
    reminder_deliver,
    reminders_deliver,
)
from .inbox import (
    notification_mark_read,
    notifications_mark_all_read,
    preference_update,
    reminder_retry,
)
from .scheduling import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_reschedule,
    reminder_schedule,
    reminders_cancel_for_leaver,
    reminders_cancel_prefixes,
    reminders_claim_due,
)

__all__ = [
    # scheduling: the API other apps publish through, and the dispatcher
    "reminder_schedule",
    "reminder_reschedule",
    "reminder_cancel",
    "reminder_cancel_prefix",
    "reminders_cancel_prefixes",
    "reminders_claim_due",
    "reminders_cancel_for_leaver",
    # delivery, e-mail and the daily digest
    "SENT",
    "SKIPPED",
    "DEFERRED",
    "RETRY",
    "FAILED",
    "CANCELLED",
    "preference_for",
    "reminder_deliver",
    "reminders_deliver",
    "retry_delay",
    "UNREACHABLE",
    "OutageGuard",
    "absolute_url",
    "_reminder_attempt_failed",  # the demo seeds a failed reminder with it
    # the inbox, preferences and failures
    "notification_mark_read",
    "notifications_mark_all_read",
    "preference_update",
    "reminder_retry",
]
