"""Every write in notifications: the API other apps publish through, delivery, the inbox and
preferences.

The API other apps use joins the caller's transaction, so a reminder exists exactly when the
record it is about was saved:

    reminder_schedule(recipient=..., kind="goals.checkin_due", key=f"goal-checkin:{goal.pk}:{due:%Y%m%d}",
                      due_at=..., title="...", url=goal.get_absolute_url())
    reminder_reschedule(key=..., due_at=...)  # when the thing moved (text unchanged)
    reminder_cancel(key=...)            # when the thing was cancelled
    reminder_cancel_prefix(prefix=...)  # e.g. every reminder of one event session

Delivery keeps its state in the database, never in the broker alone: the dispatcher claims
due rows for a lease (`reminders_claim_due`), each send task re-checks the row under a lock
(`reminder_deliver`), so a task that is lost comes back after one lease and a task that
runs twice sends nothing the second time.
"""

from __future__ import annotations

import hashlib
import smtplib
from collections import Counter
from datetime import datetime, time, timedelta
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from careersupport.people.models import Individual
from careersupport.people.services import audit

from .kinds import registered_kinds
from .models import Notification, NotificationPreference, Reminder
from .reminders import DIGEST_KIND

# Outcomes of one delivery attempt, returned by the send task (and shown in its log).
SENT, SKIPPED, DEFERRED, RETRY, FAILED, CANCELLED = (
    "sent",
    "skipped",
    "deferred",
    "retry",
    "failed",
    "cancelled",
)


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
) -> Reminder:
    """Create the reminder for this occurrence, or move it while it is still pending.

    A cancelled occurrence scheduled again is pending again: it was never delivered, and a
    person who re-registers for a session (or a count that comes back) must be reminded.
    A sent or failed one stays as it is: an occurrence is delivered once.
    `send_email=False` publishes an inbox-only reminder (the person's preferences can turn
    e-mail off for a kind, never on for an inbox-only reminder)."""
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
    reminder.send_email = send_email
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
    return Reminder.objects.filter(key__startswith=prefix, state=Reminder.State.PENDING).update(
        state=Reminder.State.CANCELLED
    )


# --- the dispatcher ---------------------------------------------------------------------------


def reminders_claim_due(*, limit: int = 500, now: datetime | None = None) -> list[int]:
    """Claim up to `limit` due reminders for one lease and return their ids.

    One indexed query finds them (the partial index on pending rows, so its cost does not
    grow with the reminders already sent); `SKIP LOCKED` and the conditional UPDATE make two
    dispatchers running at once claim disjoint rows. A claim whose task never completed is
    due again when its lease ends.
    """
    now = now or timezone.now()
    lease_ends = now + timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            Reminder.objects.filter(state=Reminder.State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Reminder.objects.filter(
                pk__in=ids, state=Reminder.State.PENDING, next_attempt_at__lte=now
            ).update(next_attempt_at=lease_ends, claimed_at=now)
    return ids


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
    if reminder.claimed_at is None and reminder.next_attempt_at > now:
        # Backing off after a mail error, or waiting for the end of quiet hours: a stale
        # duplicate task must not jump the wait; the dispatcher claims it when it is over.
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
    reason = f"{type(error).__name__}: {error}"[:2000]
    if reminder.attempts + 1 < settings.REMINDER_MAX_ATTEMPTS:
        reminder.attempts += 1
        reminder.last_error = reason
        reminder.claimed_at = None
        reminder.next_attempt_at = now + retry_delay(reminder.attempts)
        reminder.save(
            update_fields=["attempts", "last_error", "claimed_at", "next_attempt_at", "updated_at"]
        )
        return RETRY
    _reminder_close(reminder, Reminder.State.FAILED, reason, now)
    if reminder.kind != DIGEST_KIND:
        # The e-mail is lost for good; the inbox still shows the reminder.
        _notification(reminder, Notification.Email.FAILED, now).save()
    audit(
        employer=reminder.recipient.employer,
        actor=None,
        verb="reminder.failed",
        target=reminder,
        kind=reminder.kind,
        error=reason,
    )
    return FAILED


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after the n-th failed attempt: base, 2×, 4×… capped at an hour."""
    seconds = settings.REMINDER_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, 3600))


# --- e-mail -------------------------------------------------------------------------------

# Errors that say the mail server cannot be reached at all (not that one address is bad).
UNREACHABLE = (
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    ConnectionError,
    TimeoutError,
)


class OutageGuard(BaseEmailBackend):
    """An e-mail connection for one send task that stops trying once the server is unreachable.

    Without it, a mail server that hangs costs every reminder of the task its own
    EMAIL_TIMEOUT (50 reminders x 20 s outlasts the dispatcher's lease); with it, the rest
    fail at once with the same reason and are retried with back-off like any mail error."""

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
        # Formatted once for both bodies: the date filter is the costliest part of a render.
        "due_text": date_format(timezone.localtime(reminder.due_at, person.tzinfo), "l j F Y, H:i"),
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
            key=f"{DIGEST_KIND}:{person.pk}:{local_day:%Y-%m-%d}",
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
    if not actor.is_hr_admin or reminder.employer_id != actor.employer_id:
        raise ValidationError("Only HR admins of the employer can retry its reminders.")
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
