"""The weekly summary to each manager of their direct reports' overdue check-ins (a service).

Beat runs `tasks.publish_team_summaries` every hour. For each manager whose next Monday 09:00
(in the manager's own time zone) is less than a day away, one reminder keyed by that Monday
says how many check-ins of their reports will be past due then, with a link to
`/team/?overdue=on`. Running hourly keeps the figure current until it is sent; a reminder
already sent is never changed nor sent again (`reminder_schedule` leaves it), and one whose
team caught up meanwhile is cancelled (and published again if it falls
behind before Monday). Outside that last day the run costs one query.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.selectors import reminders_published
from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.notifications.timing import next_local_after
from careersupport.people.models import Individual

from .models import Goal
from .permissions import team_visible_q
from .reminders import TEAM_OVERDUE_SUMMARY, team_summary_key

KIND = TEAM_OVERDUE_SUMMARY
SUMMARY_WEEKDAY = 0  # Monday
SUMMARY_TIME = time(9, 0)
PUBLISH_AHEAD = timedelta(days=1)
NAMES_SHOWN = 5


def next_summary_at(now: datetime, tz: ZoneInfo) -> datetime:
    """The next Monday 09:00 on the wall clock of `tz` (DST-safe: built from the local date)."""
    return next_local_after(now, SUMMARY_TIME, tz, weekday=SUMMARY_WEEKDAY)


@transaction.atomic
def team_summaries_publish(*, now: datetime | None = None) -> int:
    """Publish (or move, or cancel) the coming Monday's summary of every manager; returns how
    many managers have one. Three queries, plus a write per summary that is new or changed."""
    now = now or timezone.now()
    managers = (
        Individual.objects.employees()
        .active()
        .filter(reports__deactivated_at__isnull=True, reports__kind=Individual.Kind.EMPLOYEE)
        .distinct()
        .only("id", "employer_id", "time_zone", "first_name", "last_name", "preferred_name")
    )
    # Per manager: the moment of their next summary and that Monday's date on their clock.
    due: dict[int, tuple[Individual, datetime, date]] = {}
    for manager in managers:
        at = next_summary_at(now, manager.tzinfo)
        if at - now <= PUBLISH_AHEAD:
            due[manager.pk] = (manager, at, at.astimezone(manager.tzinfo).date())
    if not due:
        return 0
    latest_day = max(monday for _, _, monday in due.values())
    # Overdue on the day the summary arrives: due before that Monday and not yet checked in.
    rows = (
        Goal.objects.filter(
            team_visible_q(),
            status=Goal.Status.ACTIVE,
            next_checkin_due__lt=latest_day,
            owner__manager_id__in=list(due),
            owner__deactivated_at__isnull=True,
            owner__kind=Individual.Kind.EMPLOYEE,
        )
        .values_list(
            "owner__manager_id",
            "owner_id",
            "owner__first_name",
            "owner__last_name",
            "next_checkin_due",
        )
        .order_by("owner__last_name", "owner__first_name", "owner_id")
    )
    overdue: dict[int, dict[int, list]] = defaultdict(dict)
    for manager_id, owner_id, first, last, day in rows:
        # Never None (the filter above), though the columns are nullable.
        if manager_id is not None and day is not None and day < due[manager_id][2]:
            person = overdue[manager_id].setdefault(owner_id, [f"{first} {last}".strip(), 0])
            person[1] += 1
    url = reverse("team:overview") + "?overdue=on"
    keys = {pk: team_summary_key(pk, monday) for pk, (_, _, monday) in due.items()}
    # What the previous hourly runs left: unchanged summaries cost no write.
    existing = reminders_published(keys=keys.values())
    published = 0
    for manager_id, (manager, at, _) in due.items():
        key, people = keys[manager_id], overdue.get(manager_id)
        before = existing.get(key)
        if not people:
            if before and before.is_pending:
                reminder_cancel(key=key)
            continue
        count = sum(n for _, n in people.values())
        title = f"{count} overdue check-in{'s' if count != 1 else ''} in your team"
        body = _body(list(people.values()))
        published += 1
        if before and before.is_done:
            continue  # already sent (never twice) or failed for good
        if (
            before
            and before.is_pending
            and (before.due_at, before.title, before.body)
            == (
                at,
                title,
                body,
            )
        ):
            continue  # pending and still right
        # A summary cancelled when the team caught up comes back if it fell behind again.
        reminder_schedule(
            recipient=manager, kind=KIND, key=key, due_at=at, title=title, body=body, url=url
        )
    return published


def _body(people: list[list]) -> str:
    shown = ", ".join(f"{name} ({n})" for name, n in people[:NAMES_SHOWN])
    more = len(people) - NAMES_SHOWN
    tail = f" and {more} more" if more > 0 else ""
    return (
        f"Check-ins past due this week: {shown}{tail}. "
        "Open your team's page to see what is overdue and review their goals."
    )
