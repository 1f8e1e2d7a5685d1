"""The API other apps use to publish what is due. Every call joins the caller's transaction,
so a reminder exists exactly when the record it is about was saved.

    reminder_schedule(recipient=..., kind="goals.checkin_due", key=f"goal-checkin:{goal.pk}:{due:%Y%m%d}",
                      due_at=..., title="...", url=goal.get_absolute_url())
    reminder_cancel(key=...)            # when the thing was cancelled
    reminder_cancel_prefix(prefix=...)  # e.g. every reminder of one event session
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from careersupport.people.models import Individual

from .kinds import registered_kinds
from .models import Reminder


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
) -> Reminder:
    """Create the reminder for this occurrence, or move it while it is still pending."""
    if kind not in registered_kinds():
        raise ValidationError(f"Unknown reminder kind {kind!r}: list it in REMINDER_KINDS.")
    reminder = Reminder.objects.select_for_update().filter(key=key).first()
    if reminder is None:
        reminder = Reminder(key=key)
    elif reminder.state != Reminder.State.PENDING:
        return reminder  # already sent (or cancelled): an occurrence is delivered once
    reminder.employer_id = recipient.employer_id
    reminder.recipient = recipient
    reminder.kind = kind
    reminder.due_at = due_at
    reminder.title = title[:200]
    reminder.body = body
    reminder.url = url
    reminder.full_clean(exclude=["key"] if reminder.pk else None)
    reminder.save()
    return reminder


def reminder_cancel(*, key: str) -> int:
    """Cancel a pending reminder; one already sent stays as it was."""
    return Reminder.objects.filter(key=key, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED
    )


def reminder_cancel_prefix(*, prefix: str) -> int:
    return Reminder.objects.filter(key__startswith=prefix, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED
    )
