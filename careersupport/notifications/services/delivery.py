"""Delivery of due reminders: inbox entry, e-mail (or the daily digest), state, retries.

Each send task re-checks its rows under a lock, so a task that runs twice sends nothing the
second time; e-mails are rendered here and sent over one connection per task.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import timedelta
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Notification, NotificationPreference, Reminder

# Outcomes of a delivery attempt, and the claim, retry and give-up rules: the shared engine's.
from ..outbox import (
    CANCELLED,
    DEFERRED,
    FAILED,
    RETRY,
    SENT,
    SKIPPED,
    attempt_failed,
    is_waiting,
)
from ..reminders import DIGEST_KIND, digest_key
from .scheduling import reminder_schedule

# --- delivery ---------------------------------------------------------------------------------


def preference_for(person: Individual) -> NotificationPreference:
    """The person's preferences, or the defaults (an unsaved row) if they never set any."""
    found = NotificationPreference.objects.filter(recipient=person).first()
    return found or NotificationPreference(recipient=person)


def reminder_deliver(*, reminder_id: int, mail: BaseEmailBackend | None = None) -> str:
    """Deliver one reminder (see `reminders_deliver`); returns what happened to it."""
    outcomes = reminders_deliver(reminder_ids=[reminder_id], mail=mail)
    return next(iter(outcomes), SKIPPED)


def reminders_deliver(
    *, reminder_ids: list[int], mail: BaseEmailBackend | None = None
) -> Counter[str]:
    """Deliver reminders, each once: inbox entry, e-mail (unless preferred otherwise), state.

    Works through the ids in small transactions (REMINDER_COMMIT_EVERY). Each locks its rows
    and skips those another task holds or that are no longer pending, so a duplicate task
    sends nothing. E-mails go out before the commit: a mail error leaves that reminder out
    of the slice (its attempt is recorded after), a crash rolls the slice back and its
    reminders come back after the lease, mailed again under the same Message-ID.
    `mail` is an open e-mail connection reused across reminders.
    """
    outcomes: Counter[str] = Counter()
    step = settings.REMINDER_COMMIT_EVERY
    for start in range(0, len(reminder_ids), step):
        outcomes.update(_deliver_slice(reminder_ids[start : start + step], mail))
    return outcomes


def _deliver_slice(reminder_ids: list[int], mail: BaseEmailBackend | None) -> Counter[str]:
    now = timezone.now()
    outcomes: Counter[str] = Counter()
    failures: list[tuple[int, Exception]] = []
    with transaction.atomic():
        # One query: the rows, locked, with each recipient, their login and preferences.
        reminders = (
            Reminder.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("recipient__user", "recipient__notification_preference")
            .filter(pk__in=reminder_ids, state=Reminder.State.PENDING)
            .order_by("pk")
        )
        delivered: list[Notification] = []
        for reminder in reminders:
            outcome = _deliver_one(reminder, now, mail, delivered)
            if isinstance(outcome, Exception):
                failures.append((reminder.pk, outcome))
            else:
                outcomes[outcome] += 1
        if delivered:
            Notification.objects.bulk_create(delivered)
            Reminder.objects.filter(pk__in=[n.reminder_id for n in delivered]).update(
                state=Reminder.State.SENT,
                sent_at=now,
                attempts=F("attempts") + 1,
                last_error="",
                claimed_at=None,
                updated_at=now,
            )
    for reminder_id, error in failures:
        outcomes[_reminder_attempt_failed(reminder_id=reminder_id, error=error)] += 1
    return outcomes


def _deliver_one(
    reminder: Reminder, now, mail: BaseEmailBackend | None, delivered: list[Notification]
) -> str | Exception:
    """Decide and send one reminder; its inbox entry joins `delivered` for one INSERT."""
    if reminder.due_at > now:
        return SKIPPED  # moved to later since this task was queued
    if is_waiting(reminder, now):
        # Backing off after a mail error, or waiting for the end of quiet hours.
        return SKIPPED
    recipient = reminder.recipient
    if recipient.deactivated_at is not None:
        _reminder_close(reminder, Reminder.State.CANCELLED, "The recipient left.", now)
        return CANCELLED
    try:
        preference = recipient.notification_preference
    except NotificationPreference.DoesNotExist:
        preference = NotificationPreference(recipient=recipient)
    quiet_until = preference.quiet_until(now)
    if quiet_until is not None:
        reminder.next_attempt_at = quiet_until
        reminder.claimed_at = None
        reminder.save(update_fields=["next_attempt_at", "claimed_at", "updated_at"])
        return DEFERRED
    try:
        if reminder.kind == DIGEST_KIND:
            with transaction.atomic():  # its writes go if its e-mail fails
                _digest_deliver(reminder, now, mail)
            return SENT
        if not reminder.send_email or not preference.wants_email(reminder.kind):
            email = Notification.Email.OFF
        elif preference.digest:
            email = Notification.Email.DIGEST
            _digest_schedule(recipient, preference, now)
        else:
            email = Notification.Email.SENT
            _reminder_message(reminder, mail).send()
    except (DatabaseError, transaction.TransactionManagementError):
        raise  # the database, not the mail: the slice rolls back and comes back later
    except Exception as error:  # noqa: BLE001 - any mail or template error is an attempt
        return error
    delivered.append(_notification(reminder, email, now))
    return SENT


def _notification(reminder: Reminder, email: str, now) -> Notification:
    return Notification(
        employer_id=reminder.employer_id,
        recipient=reminder.recipient,
        reminder=reminder,
        kind=reminder.kind,
        title=reminder.title,
        body=reminder.body,
        url=reminder.url,
        email=email,
        created_at=now,
    )


def _reminder_close(reminder: Reminder, state: str, error: str, now) -> None:
    reminder.state = state
    reminder.sent_at = now if state == Reminder.State.SENT else None
    reminder.attempts += 1
    reminder.last_error = error
    reminder.claimed_at = None
    reminder.save(
        update_fields=["state", "sent_at", "attempts", "last_error", "claimed_at", "updated_at"]
    )


@transaction.atomic
def _reminder_attempt_failed(*, reminder_id: int, error: Exception) -> str:
    """Record a failed attempt: back off and try again, or give up after the last attempt."""
    now = timezone.now()
    reminder = (
        Reminder.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.state != Reminder.State.PENDING:
        return SKIPPED
    if attempt_failed(reminder, error, now=now) == RETRY:
        return RETRY
    if reminder.kind != DIGEST_KIND:
        # The e-mail is lost for good; the inbox still shows the reminder.
        _notification(reminder, Notification.Email.FAILED, now).save()
    audit(
        employer=reminder.recipient.employer,
        actor=None,
        verb="reminder.failed",
        target=reminder,
        kind=reminder.kind,
        error=reminder.last_error,
    )
    return FAILED


# --- e-mail -------------------------------------------------------------------------------


@cache
def _page_paths() -> tuple[str, str]:
    """The inbox and preferences paths every e-mail links to, reversed once per process
    (reversing them for each e-mail cost a tenth of a delivery)."""
    return reverse("notifications:inbox"), reverse("notifications:preferences")


def absolute_url(path: str) -> str:
    if urlsplit(path).scheme in ("http", "https"):
        return path
    return settings.SITE_URL + (path or _page_paths()[0])


def _message_id(reminder: Reminder) -> str:
    """Stable per reminder: if a crash after sending makes a retry send again, mail clients
    and servers that de-duplicate by Message-ID still show it once."""
    digest = hashlib.sha256(reminder.key.encode()).hexdigest()[:16]
    domain = urlsplit(settings.SITE_URL).hostname or "careersupport.local"
    return f"<reminder.{reminder.pk}.{digest}@{domain}>"


def _email(
    template: str, context: dict, to: str, reminder: Reminder, mail: BaseEmailBackend | None
) -> EmailMultiAlternatives:
    context = {
        **context,
        "site_url": settings.SITE_URL,
        "inbox_url": absolute_url(_page_paths()[0]),
        "preferences_url": absolute_url(_page_paths()[1]),
    }
    subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"notifications/email/{template}_message.txt", context),
        to=[to],
        headers={"Message-ID": _message_id(reminder), "X-CareerSupport-Kind": reminder.kind},
        connection=mail,
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}_message.html", context), "text/html"
    )
    return message


def _reminder_message(reminder: Reminder, mail: BaseEmailBackend | None) -> EmailMultiAlternatives:
    person = reminder.recipient
    context = {
        "reminder": reminder,
        "person": person,
        "kind_label": reminder.kind_label,
        "link": absolute_url(reminder.url),
    }
    return _email("reminder", context, person.contact_email, reminder, mail)


# --- the daily digest ---------------------------------------------------------------------


def _digest_schedule(person: Individual, preference: NotificationPreference, now) -> Reminder:
    """Make sure the person's next digest is scheduled (one reminder per local day)."""
    due = preference.next_digest_at(now)
    for _ in range(2):
        local_day = timezone.localtime(due, person.tzinfo).date()
        digest = reminder_schedule(
            recipient=person,
            kind=DIGEST_KIND,
            key=digest_key(person.pk, local_day),
            due_at=due,
            title="Your daily digest",
        )
        if digest.state == Reminder.State.PENDING:
            return digest
        # Today's digest already went out: this entry waits for tomorrow's.
        due = preference.next_digest_at(due + timedelta(minutes=1))
    return digest


def _digest_deliver(reminder: Reminder, now, mail: BaseEmailBackend | None) -> None:
    items = list(
        Notification.objects.select_for_update()
        .filter(recipient=reminder.recipient, email=Notification.Email.DIGEST)
        .order_by("created_at", "id")
    )
    _reminder_close(reminder, Reminder.State.SENT, "", now)
    if not items:
        return  # everything waiting was read or sent otherwise: nothing to mail
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(
        email=Notification.Email.DIGESTED, digest=reminder
    )
    person = reminder.recipient
    tz = person.tzinfo
    context = {
        "person": person,
        "items": [
            {
                "notification": item,
                "when": timezone.localtime(item.created_at, tz),
                "link": absolute_url(item.url),
            }
            for item in items
        ],
        "day": timezone.localtime(reminder.due_at, tz).date(),
    }
    _email("digest", context, person.contact_email, reminder, mail).send()
