"""The API other apps publish reminders through, and the dispatcher that claims the due ones.

The API joins the caller's transaction; nothing here sends anything (that is `delivery`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import Individual

from .. import outbox
from ..kinds import registered_kinds
from ..models import Reminder

# --- the API other apps publish through ---------------------------------------------------


@transaction.atomic
def reminder_schedule(
    *,
    recipient: Individual,
    kind: str,
    key: str,
    due_at: datetime,
    title: str,
    body: str = "",
    url: str = "",
    send_email: bool = True,
    confidential: bool = False,
) -> Reminder:
    """Create the reminder for this occurrence, or move it while it is still pending.

    A cancelled occurrence scheduled again is pending again: it was never delivered, and a
    person who re-registers for a session (or a count that comes back) must be reminded.
    A sent or failed one stays as it is: an occurrence is delivered once.
    `send_email=False` publishes an inbox-only reminder (the person's preferences can turn
    e-mail off for a kind, never on for an inbox-only reminder). `confidential=True` is for
    news about something confidential (an EAP): inbox only, since an e-mail that fails lists
    the person on HR's delivery-failures page, and hidden from the Django admin."""
    if kind not in registered_kinds():
        raise ValidationError(f"Unknown reminder kind {kind!r}: list it in REMINDER_KINDS.")
    reminder = Reminder.objects.select_for_update().filter(key=key).first()
    if reminder is None:
        reminder = Reminder(key=key)
    elif reminder.state not in (Reminder.State.PENDING, Reminder.State.CANCELLED):
        return reminder
    reminder.state = Reminder.State.PENDING
    reminder.employer_id = recipient.employer_id
    reminder.recipient = recipient
    reminder.kind = kind
    reminder.due_at = due_at
    # Moving a reminder drops any claim on it: a task already queued finds it not yet due.
    reminder.next_attempt_at = due_at
    reminder.claimed_at = None
    reminder.attempts = 0
    reminder.last_error = ""
    reminder.title = title[:200]
    reminder.body = body
    reminder.url = url
    reminder.send_email = send_email and not confidential
    reminder.confidential = confidential
    reminder.full_clean(exclude=["key"] if reminder.pk else None)
    reminder.save()
    return reminder


@transaction.atomic
def reminder_reschedule(*, key: str, due_at: datetime) -> Reminder | None:
    """Move a still-pending reminder to `due_at` (say, its session moved), keeping its text.

    Returns None when there is nothing to move: unknown, already sent, failed or cancelled
    (a move never revives a cancelled reminder; `reminder_schedule` does, on purpose)."""
    reminder = (
        Reminder.objects.select_for_update().filter(key=key, state=Reminder.State.PENDING).first()
    )
    if reminder is None:
        return None
    reminder.due_at = due_at
    # As in `reminder_schedule`: a task already queued for it finds it not yet due.
    reminder.next_attempt_at = due_at
    reminder.claimed_at = None
    reminder.attempts = 0
    reminder.last_error = ""
    reminder.save(
        update_fields=[
            "due_at",
            "next_attempt_at",
            "claimed_at",
            "attempts",
            "last_error",
            "updated_at",
        ]
    )
    return reminder


def reminder_cancel(*, key: str) -> int:
    """Cancel a pending reminder; one already sent stays as it was."""
    return Reminder.objects.filter(key=key, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED
    )


def reminder_cancel_prefix(*, prefix: str) -> int:
    return reminders_cancel_prefixes(prefixes=[prefix])


def reminders_cancel_prefixes(*, prefixes: Iterable[str]) -> int:
    """`reminder_cancel_prefix` for many keys' prefixes at once, in one UPDATE."""
    match = Q()
    for prefix in prefixes:
        match |= Q(key__startswith=prefix)
    if not match:
        return 0
    return Reminder.objects.filter(match, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED
    )


def reminders_cancel_for_leaver(*, recipient: Individual) -> int:
    """A deactivated person (`people.person_deactivated`): every reminder still pending for
    them is cancelled; what was delivered stays in their inbox, as history."""
    return Reminder.objects.filter(recipient=recipient, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED, claimed_at=None, updated_at=timezone.now()
    )


# --- the dispatcher ---------------------------------------------------------------------------


def reminders_claim_due(*, limit: int = 500, now: datetime | None = None) -> list[int]:
    """Claim up to `limit` due reminders for one lease and return their ids (the shared
    engine's `outbox.claim_due`).

    One indexed query finds them (the partial index on pending rows, so its cost does not
    grow with the reminders already sent); `SKIP LOCKED` and the conditional UPDATE make two
    dispatchers running at once claim disjoint rows. A claim whose task never completed is
    due again when its lease ends.
    """
    return outbox.claim_due(Reminder, limit=limit, now=now)
