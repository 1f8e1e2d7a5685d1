"""Demo notifications: every inbox of the demo employer shows what is already due (the goals
seeder published the check-in reminders, programs' services their news, and a review
waiting for a reply is published here), the employee has quiet hours and reads overdue
check-ins in the inbox only, the manager gets a daily digest, one e-mail failed for good so
that HR's failures page has a row, and one entry is already read.

Idempotent: reminders are found by their unique key and delivery sends each once.
"""

from __future__ import annotations

import smtplib
from datetime import time, timedelta

from django.conf import settings
from django.utils import timezone

from careersupport.people.demo import DemoWorld

from .models import Notification, Reminder
from .services import (
    _reminder_attempt_failed,
    preference_update,
    reminder_schedule,
    reminders_deliver,
)


def seed(world: DemoWorld) -> None:
    employee, manager = world.employee, world.manager
    preference_update(
        person=employee,
        actor=employee,
        email_off_kinds=["goals.checkin_overdue"],
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
        digest=False,
        digest_time=time(8, 0),
    )
    preference_update(
        person=manager,
        actor=manager,
        email_off_kinds=[],
        quiet_start=None,
        quiet_end=None,
        digest=True,
        digest_time=time(8, 0),
    )
    _seed_failure(world)
    _seed_news(world)
    _deliver_what_is_due(world)
    # One entry already read, so the inbox shows both kinds.
    oldest = Notification.objects.filter(recipient=employee).order_by("created_at").first()
    already_read = Notification.objects.filter(recipient=employee, read_at__isnull=False)
    if oldest and not already_read.exists():
        Notification.objects.filter(pk=oldest.pk).update(read_at=timezone.now())


def _seed_news(world: DemoWorld) -> None:
    """What the feature apps publish as it happens, for records their seeders wrote directly:
    a manager's review waiting for a reply (goals' own key, so replying cancels it). The
    programs seeder goes through the services, which publish their own news (an approved
    enrollment, a booking), confidential offerings' news to the inbox only."""
    from careersupport.goals.models import GoalReview
    from careersupport.goals.reminders import REVIEW_PENDING, review_pending_key

    reviews = (
        GoalReview.objects.for_employer(world.employer)
        .filter(replied_at__isnull=True)
        .select_related("goal__owner", "reviewer")
    )
    for review in reviews:
        reminder_schedule(
            recipient=review.goal.owner,
            kind=REVIEW_PENDING,
            key=review_pending_key(review.pk),
            due_at=review.created_at,
            title=f"{review.reviewer.full_name} reviewed your goal “{review.goal.title}”",
            body="Read the review and reply on the goal page.",
            url=review.goal.get_absolute_url() + f"#review-{review.pk}",
        )


def _seed_failure(world: DemoWorld) -> None:
    """The overdue reminder of a colleague's goal, whose e-mail bounced after every retry,
    for HR's failures page (the goals seeder publishes no reminder for a goal already
    overdue). One is enough: a demo that has a failure keeps it."""
    from careersupport.goals.models import Goal
    from careersupport.goals.reminders import CHECKIN_OVERDUE, checkin_overdue_key

    if Reminder.objects.for_employer(world.employer).filter(state=Reminder.State.FAILED).exists():
        return
    long_overdue = timezone.localdate() - timedelta(days=7)
    goal = (
        Goal.objects.filter(
            owner__in=world.colleagues,
            status=Goal.Status.ACTIVE,
            next_checkin_due__lt=long_overdue,
        )
        .select_related("owner")
        .order_by("owner_id", "pk")
        .first()
    )
    if goal is None or goal.next_checkin_due is None:
        return
    person = goal.owner
    reminder = reminder_schedule(
        recipient=person,
        kind=CHECKIN_OVERDUE,
        key=checkin_overdue_key(goal.pk, goal.next_checkin_due),
        due_at=timezone.now() - timedelta(hours=2),
        title=f"Check-in overdue: {goal.title}",
        url=goal.get_absolute_url() + "checkin/",
    )
    bounce = smtplib.SMTPRecipientsRefused(
        {person.contact_email: (550, b"5.1.1 Mailbox unavailable")}
    )
    for _ in range(settings.REMINDER_MAX_ATTEMPTS):
        if Reminder.objects.filter(pk=reminder.pk, state=Reminder.State.PENDING).exists():
            _reminder_attempt_failed(reminder_id=reminder.pk, error=bounce)


def _deliver_what_is_due(world: DemoWorld) -> None:
    """What a worker would deliver in its first minute of `make run`, so the inboxes are
    not empty before it starts (e-mails go where EMAIL_URL says: var/mail/ by default)."""
    due = (
        Reminder.objects.for_employer(world.employer)
        .filter(state=Reminder.State.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
    )
    reminders_deliver(reminder_ids=list(due.values_list("pk", flat=True)[:500]))
