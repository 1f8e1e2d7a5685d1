"""The morning digest of pending approvals for HR, published as reminders."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Individual

from ..models import Enrollment

MORNING = time(8, 0)


def next_morning(now: datetime, tz) -> datetime:
    local = now.astimezone(tz)
    morning = datetime.combine(local.date(), MORNING, tzinfo=tz)
    return morning if morning > local else morning + timedelta(days=1)


@transaction.atomic
def pending_approvals_publish(*, now: datetime | None = None) -> int:
    """For each HR admin, the reminder due at their next 08:00 (their own time zone) says how
    many requests wait; with none waiting it is cancelled. The key holds the day, so running
    every hour keeps one reminder per morning up to date and never doubles it."""
    now = now or timezone.now()
    waiting = dict(
        Enrollment.objects.filter(status="requested", offering__is_confidential=False)
        .values_list("employer_id")
        .annotate(n=Count("pk"))
    )
    url = reverse("programs:manage-queue")
    published = 0
    for hr in Individual.objects.filter(is_hr_admin=True, deactivated_at__isnull=True):
        due = next_morning(now, hr.tzinfo)
        key = f"programs:pending:{hr.pk}:{due:%Y%m%d}"
        count = waiting.get(hr.employer_id, 0)
        if not count:
            reminder_cancel(key=key)
            continue
        reminder_schedule(
            recipient=hr,
            kind="programs.pending_approvals",
            key=key,
            due_at=due,
            title=f"{count} enrollment request{'s' if count != 1 else ''} waiting for approval",
            url=url,
        )
        published += 1
    return published
