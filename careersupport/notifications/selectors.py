"""Reads for the notification pages, each scoped to the person asking."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, QuerySet

from careersupport.people.models import Individual

from .models import Notification, Reminder


def unread_count(*, viewer: Individual) -> int:
    return Notification.objects.filter(recipient=viewer, read_at__isnull=True).count()


def inbox_for(*, viewer: Individual, unread_only: bool = False) -> QuerySet[Notification]:
    """The viewer's own inbox; nobody reads another person's."""
    notifications = Notification.objects.filter(recipient=viewer)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def failures_for_hr(*, viewer: Individual) -> QuerySet[Reminder]:
    """Reminders of the viewer's employer whose delivery failed for good, newest first."""
    return (
        Reminder.objects.for_employer(viewer.employer)
        .filter(state=Reminder.State.FAILED)
        .select_related("recipient__user")
        .order_by("-updated_at", "-id")
    )


def backlog() -> dict:
    """What `reminders_status` prints: counts by state and kind, the oldest pending, failures."""
    by_state_kind = list(
        Reminder.objects.values("state", "kind").annotate(n=Count("id")).order_by("state", "kind")
    )
    pending = Reminder.objects.filter(state=Reminder.State.PENDING)
    return {
        "by_state_kind": by_state_kind,
        "oldest_pending": pending.order_by("due_at").select_related("recipient").first(),
        "next_attempt": pending.aggregate(at=Min("next_attempt_at"))["at"],
    }


def recent_failures(*, limit: int = 10) -> list[Reminder]:
    return list(
        Reminder.objects.filter(state=Reminder.State.FAILED)
        .select_related("recipient", "employer")
        .order_by("-updated_at")[:limit]
    )


@dataclass(frozen=True)
class Published:
    """What a publisher may know of a reminder it published: where it stands and what it
    said, so an hourly job can leave an unchanged one alone (no write)."""

    state: str
    due_at: datetime
    title: str
    body: str

    @property
    def is_pending(self) -> bool:
        return self.state == Reminder.State.PENDING

    @property
    def is_done(self) -> bool:
        """Sent or failed for good: `reminder_schedule` will not touch it again."""
        return self.state in (Reminder.State.SENT, Reminder.State.FAILED)


def reminders_published(*, keys: Iterable[str]) -> dict[str, Published]:
    """The reminders with these keys (one query), by key; a key never published is absent."""
    rows = Reminder.objects.filter(key__in=list(keys)).values_list(
        "key", "state", "due_at", "title", "body"
    )
    return {
        key: Published(state=state, due_at=due_at, title=title, body=body)
        for key, state, due_at, title, body in rows
    }
