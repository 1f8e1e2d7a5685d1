"""The morning digest of pending approvals for HR, published as reminders."""

from __future__ import annotations

from datetime import datetime, time

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.notifications.timing import next_local_after
from careersupport.people.models import Individual

from ..models import Enrollment
from ..reminders import PENDING_APPROVALS, pending_approvals_key

MORNING = time(8, 0)


@transaction.atomic
def pending_approvals_publish(*, now: datetime | None = None) -> int:
    """For each HR admin, the reminder due at their next 08:00 (their own time zone) says how
    many requests wait; with none waiting it is cancelled. The key holds the day, so running
    every hour keeps one reminder per morning up to date and never doubles it."""
    now = now or timezone.now()
    waiting = dict(
        Enrollment.objects.filter(
            status=Enrollment.Status.REQUESTED, offering__is_confidential=False
        )
        .values_list("employer_id")
        .annotate(n=Count("pk"))
    )
    url = reverse("programs:manage-queue")
    published = 0
    for hr in Individual.objects.filter(is_hr_admin=True, deactivated_at__isnull=True):
        due = next_local_after(now, MORNING, hr.tzinfo)
        key = pending_approvals_key(hr.pk, due.astimezone(hr.tzinfo).date())
        count = waiting.get(hr.employer_id, 0)
        if not count:
            reminder_cancel(key=key)
            continue
        reminder_schedule(
            recipient=hr,
            kind=PENDING_APPROVALS,
            key=key,
            due_at=due,
            title=f"{count} enrollment request{'s' if count != 1 else ''} waiting for approval",
            url=url,
        )
        published += 1
    return published
