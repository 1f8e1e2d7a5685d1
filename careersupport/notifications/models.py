"""Reminders: something due for one person, delivered once by e-mail and/or the inbox."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import Employer, Individual


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
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            # The dispatcher's query reads only pending rows, however many were sent.
            models.Index(
                fields=["due_at"], condition=Q(state="pending"), name="reminder_pending_due"
            ),
            models.Index(fields=["employer", "state", "kind"]),
            models.Index(fields=["recipient", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient} at {self.due_at:%Y-%m-%d %H:%M}"
