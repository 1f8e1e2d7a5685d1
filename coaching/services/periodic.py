"""What beat checks every hour (see CELERY_BEAT_SCHEDULE): requests a coach has left waiting
for more than two working days, and engagements with sessions left but none booked for 30
days. Each publishes reminders under keys of the occurrence, so running again changes
nothing, and a condition that comes back later (a new idle stretch) is a new occurrence."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import Individual

from .. import reminders as keys
from ..models import Engagement, Session

WAITING_WORKING_DAYS = 2
IDLE_AFTER = timedelta(days=30)


def add_working_days(moment: datetime, days: int, tz) -> datetime:
    """The same local time `days` working days (Monday to Friday) later in `tz`; a moment
    at a weekend counts from the Monday after."""
    from careersupport.notifications.timing import at_local

    local = moment.astimezone(tz)
    day = local.date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return at_local(day, local.time().replace(tzinfo=None), tz)


@transaction.atomic
def waiting_requests_publish(*, now: datetime | None = None) -> int:
    """Remind the coach and the employer's HR of a request unanswered for 2 working days."""
    now = now or timezone.now()
    waiting = (
        Engagement.objects.filter(
            status=Engagement.Status.REQUESTED,
            coach__isnull=False,
            coach_asked_at__lte=now - timedelta(days=WAITING_WORKING_DAYS),
        )
        .select_related("coach", "coachee")
        .order_by("coach_asked_at")
    )
    hr_by_employer: dict[int, list[Individual]] = {}
    published = 0
    for engagement in waiting:
        coach, asked_at = engagement.coach, engagement.coach_asked_at
        if coach is None or asked_at is None:  # excluded by the query; for the type checker
            continue
        due = add_working_days(asked_at, WAITING_WORKING_DAYS, coach.tzinfo)
        if due > now:
            continue
        if engagement.employer_id not in hr_by_employer:
            hr_by_employer[engagement.employer_id] = list(
                Individual.objects.for_employer(engagement.employer_id).filter(
                    is_hr_admin=True, deactivated_at__isnull=True
                )
            )
        asked = asked_at.astimezone(coach.tzinfo)
        reminder_schedule(
            recipient=coach,
            kind=keys.REQUEST_WAITING,
            key=keys.request_waiting_key(engagement.pk, coach.pk, coach.pk),
            due_at=due,
            title=f"{engagement.coachee.full_name} has waited for your answer since {asked:%a} {asked.day} {asked:%b}",
            url=engagement.get_absolute_url(),
        )
        for hr in hr_by_employer[engagement.employer_id]:
            reminder_schedule(
                recipient=hr,
                kind=keys.REQUEST_WAITING,
                key=keys.request_waiting_key(engagement.pk, coach.pk, hr.pk),
                due_at=due,
                title=f"{coach.full_name} has not answered {engagement.coachee.full_name}'s "
                "coaching request for two working days",
                url=reverse("coaching:manage-waiting"),
            )
        published += 1
    return published


@transaction.atomic
def idle_engagements_publish(*, now: datetime | None = None) -> int:
    """Remind the coachee of active coaching with sessions left and nothing booked for 30
    days (counted from the last session, or from the start)."""
    now = now or timezone.now()
    sessions = Session.objects.filter(engagement_id=OuterRef("pk"), kind=Session.Kind.SESSION)
    idle = (
        Engagement.objects.filter(status=Engagement.Status.ACTIVE)
        .annotate(
            upcoming=Exists(sessions.filter(status=Session.Status.BOOKED, starts_at__gt=now)),
            last_at=Max("sessions__starts_at", filter=~Q(sessions__status="cancelled")),
            spent=Count(
                "sessions",
                filter=Q(
                    sessions__kind="session", sessions__status__in=["held", "no_show", "booked"]
                ),
            ),
        )
        .filter(upcoming=False)
        .select_related("coachee", "coach")
    )
    published = 0
    for engagement in idle:
        if engagement.spent >= engagement.sessions_agreed:
            continue
        last = engagement.last_at
        since = (
            last.astimezone(engagement.coachee.tzinfo).date()
            if last
            else engagement.started_on or engagement.created_at.date()
        )
        last_moment = last or timezone.make_aware(
            datetime.combine(since, datetime.min.time()), engagement.coachee.tzinfo
        )
        if now - last_moment < IDLE_AFTER:
            continue
        left = engagement.sessions_agreed - engagement.spent
        reminder_schedule(
            recipient=engagement.coachee,
            kind=keys.ENGAGEMENT_IDLE,
            key=keys.engagement_idle_key(engagement.pk, since),
            due_at=last_moment + IDLE_AFTER,
            title=f"You have {left} coaching session{'s' if left != 1 else ''} left with "
            f"{engagement.coach.full_name}: book the next one",
            url=reverse("coaching:book", args=[engagement.pk]),
        )
        published += 1
    return published
