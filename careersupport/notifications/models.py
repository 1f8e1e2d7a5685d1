"""Reminders: something due for one person, delivered once by e-mail and/or the inbox.

A `Reminder` is the unit of delivery (its state lives here, not in the broker); delivering
it writes one `Notification`, the person's inbox entry, and e-mails it unless their
`NotificationPreference` says otherwise.
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual

from .failures import mail_error_summary
from .kinds import registered_kinds
from .timing import in_quiet_hours, next_local, quiet_hours_end


class Reminder(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"
        FAILED = "failed", "Failed"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=64)
    # One row per occurrence: scheduling the same key again moves it, never duplicates it.
    key = models.CharField(max_length=200, unique=True)
    due_at = models.DateTimeField()
    # When the dispatcher next looks at the row: the due time, then the end of a claim's
    # lease, of the recipient's quiet hours or of a retry back-off. Only pending rows count.
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # The channels: the inbox always; e-mail too unless the publisher or the person opts out.
    send_email = models.BooleanField(default=True)
    # About something confidential (an EAP): inbox only, and not listed in the Django admin.
    confidential = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        indexes = [
            # The dispatcher's query reads only pending rows, however many were sent.
            models.Index(
                fields=["due_at"], condition=Q(state="pending"), name="reminder_pending_due"
            ),
            # The dispatcher's claim: pending rows whose next attempt has come.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="reminder_pending_next",
            ),
            models.Index(fields=["employer", "state", "kind"]),
            models.Index(fields=["recipient", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient} at {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def failure_summary(self) -> str:
        """Why the e-mail failed, in words HR can act on (the stored error is the detail)."""
        return mail_error_summary(self.last_error)

    @property
    def kind_label(self) -> str:
        return registered_kinds().get(self.kind, self.kind)


class Notification(models.Model):
    """One entry in a person's inbox: exactly one per delivered reminder."""

    class Email(models.TextChoices):
        SENT = "sent", "E-mailed"
        OFF = "off", "Inbox only"
        DIGEST = "digest", "Waiting for the daily digest"
        DIGESTED = "digested", "Sent in a daily digest"
        FAILED = "failed", "E-mail failed"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="notifications"
    )
    # The unique link is what makes a duplicate delivery impossible, not only unlikely.
    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, related_name="notification")
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    email = models.CharField(max_length=16, choices=Email.choices, default=Email.SENT)
    # The daily-digest reminder that carried this entry, once it went out.
    digest = models.ForeignKey(
        Reminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="digest_items"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"]),
            # The unread count in the navigation, on every page.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient"], condition=Q(email="digest"), name="notification_for_digest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.recipient}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def kind_label(self) -> str:
        return registered_kinds().get(self.kind, self.kind)


class PreferenceQuerySet(EmployerScopedQuerySet):
    employer_lookup = "recipient__employer"


class NotificationPreference(models.Model):
    """How one person wants to hear about reminders; without a row, the defaults apply."""

    recipient = models.OneToOneField(
        Individual, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # Kinds the person reads in the inbox only (the inbox always receives every reminder).
    email_off_kinds = models.JSONField(default=list, blank=True)
    quiet_start = models.TimeField("quiet hours from", null=True, blank=True)
    quiet_end = models.TimeField("quiet hours until", null=True, blank=True)
    digest = models.BooleanField("daily digest", default=False)
    digest_time = models.TimeField("digest at", default=time(8, 0))
    updated_at = models.DateTimeField(auto_now=True)

    objects = PreferenceQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Notification preferences of {self.recipient}"

    def clean(self) -> None:
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValidationError("Give both ends of the quiet hours, or neither.")
        if self.quiet_start is not None and self.quiet_start == self.quiet_end:
            raise ValidationError({"quiet_end": "Quiet hours must end at another time."})

    def wants_email(self, kind: str) -> bool:
        return kind not in self.email_off_kinds

    @property
    def has_quiet_hours(self) -> bool:
        return self.quiet_start is not None and self.quiet_end is not None

    def quiet_until(self, moment: datetime) -> datetime | None:
        """The end of the quiet hours `moment` falls in, in the recipient's time zone."""
        start, end = self.quiet_start, self.quiet_end
        if start is None or end is None:
            return None
        tz = self.recipient.tzinfo
        if not in_quiet_hours(moment, tz, start, end):
            return None
        return quiet_hours_end(moment, tz, start, end)

    def next_digest_at(self, moment: datetime) -> datetime:
        return next_local(moment, self.digest_time, self.recipient.tzinfo)
