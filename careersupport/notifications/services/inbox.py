"""The inbox, each person's notification preferences, and failed reminders sent again."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..kinds import registered_kinds
from ..models import Notification, NotificationPreference, Reminder

# --- the inbox ----------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: Individual) -> Notification:
    if notification.recipient_id != actor.pk:
        raise ValidationError("Only the recipient can mark a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit(employer=actor.employer, actor=actor, verb="notification.read", target=notification)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Individual) -> int:
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit(
            employer=actor.employer,
            actor=actor,
            verb="notification.read_all",
            target=actor,
            n=count,
        )
    return count


# --- preferences and failures -----------------------------------------------------------------


@transaction.atomic
def preference_update(
    *,
    person: Individual,
    actor: Individual,
    email_off_kinds: list[str],
    quiet_start: time | None,
    quiet_end: time | None,
    digest: bool,
    digest_time: time,
) -> NotificationPreference:
    if actor.pk != person.pk:
        raise ValidationError("People set their own notification preferences.")
    unknown = set(email_off_kinds) - set(registered_kinds())
    if unknown:
        raise ValidationError({"email_off_kinds": f"Unknown kinds: {', '.join(sorted(unknown))}"})
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(
        recipient=person
    )
    preference.email_off_kinds = sorted(set(email_off_kinds))
    preference.quiet_start = quiet_start
    preference.quiet_end = quiet_end
    preference.digest = digest
    preference.digest_time = digest_time
    preference.full_clean()
    preference.save()
    audit(
        employer=person.employer,
        actor=actor,
        verb="notification_preference.update",
        target=preference,
        digest=digest,
        quiet=[str(quiet_start), str(quiet_end)] if quiet_start else None,
        email_off=preference.email_off_kinds,
    )
    return preference


@transaction.atomic
def reminder_retry(*, reminder: Reminder, actor: Individual) -> Reminder:
    """An HR admin sends a failed reminder again (after fixing an address, say)."""
    require_hr(actor, reminder.employer_id)
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.state != Reminder.State.FAILED:
        raise ValidationError("Only a failed reminder can be sent again.")
    # The inbox entry written when it failed goes; delivery writes a fresh one.
    Notification.objects.filter(reminder=reminder).delete()
    reminder.state = Reminder.State.PENDING
    reminder.attempts = 0
    reminder.next_attempt_at = timezone.now()
    reminder.claimed_at = None
    reminder.save(
        update_fields=["state", "attempts", "next_attempt_at", "claimed_at", "updated_at"]
    )
    audit(employer=actor.employer, actor=actor, verb="reminder.retry", target=reminder)
    return reminder
