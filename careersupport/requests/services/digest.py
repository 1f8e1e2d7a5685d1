"""The morning reminder to every approver of what waits for them (a service run hourly).

HR admins: leave and financial requests of their employer, and flexible-work requests of
people without an active manager. Managers: the flexible-work requests of their direct
reports. Each approver gets one reminder a day, due at 08:00 in their own time zone and
keyed by that day, kept current by each hourly run until it is sent (cancelled when
nothing waits any more). Leave and money news names no one: it gives counts only.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.selectors import reminders_published
from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.notifications.timing import next_local
from careersupport.people.models import Individual

from ..models import FinancialRequest, FlexibleArrangement, LeaveRequest, Status
from ..reminders import waiting_key

MORNING = time(8, 0)
KIND = "requests.waiting"


def no_active_manager_q(employer_id: int | None = None, *, or_manager: int | None = None) -> Q:
    """Flexible-work requests of people without an active manager, which HR decides (and,
    with `or_manager`, those of that manager's reports). Each part is a subquery on the
    person's id that an index answers, checked against the few waiting requests: an OR
    across a join made PostgreSQL scan and hash the whole directory (90 ms at 50,000)."""
    people = Individual.objects.all()
    if employer_id is not None:
        people = people.for_employer(employer_id)
    gone = people.filter(deactivated_at__isnull=False).values("id")
    q = Q(person_id__in=people.filter(manager__isnull=True).values("id")) | Q(
        person_id__in=Individual.objects.filter(manager_id__in=gone).values("id")
    )
    if or_manager is not None:
        q |= Q(person_id__in=Individual.objects.filter(manager_id=or_manager).values("id"))
    return q


def _counts(rows, field: str) -> Counter:
    return Counter(dict(rows.values_list(field).annotate(n=Count("pk")).order_by()))


@transaction.atomic
def waiting_publish(*, now: datetime | None = None) -> int:
    """Publish, move or cancel each approver's reminder for their next morning. Eight
    queries, then a write only for a reminder that is new or whose count changed."""
    now = now or timezone.now()
    leave = _counts(LeaveRequest.objects.filter(status=Status.PENDING), "employer_id")
    money = _counts(FinancialRequest.objects.filter(status=Status.PENDING), "employer_id")
    flexible = FlexibleArrangement.objects.filter(status=Status.PENDING)
    orphan = _counts(flexible.filter(no_active_manager_q()), "employer_id")
    managed = _counts(
        flexible.filter(person__manager__deactivated_at__isnull=True), "person__manager_id"
    )
    # An HR admin's own requests wait for another HR admin, not for them.
    own = _counts(
        LeaveRequest.objects.filter(status=Status.PENDING, person__is_hr_admin=True), "person_id"
    ) + _counts(
        FinancialRequest.objects.filter(status=Status.PENDING, person__is_hr_admin=True),
        "person_id",
    )
    approvers = Individual.objects.active().filter(Q(is_hr_admin=True) | Q(pk__in=list(managed)))
    wanted: dict[str, tuple[Individual, datetime, int]] = {}
    for person in approvers.only("id", "employer_id", "time_zone", "is_hr_admin"):
        count = managed.get(person.pk, 0)
        if person.is_hr_admin:
            count += leave[person.employer_id] + money[person.employer_id]
            count += orphan[person.employer_id] - own[person.pk]
        due = next_local(now, MORNING, person.tzinfo)
        wanted[waiting_key(person.pk, due.astimezone(person.tzinfo).date())] = (person, due, count)
    existing = {key: r.title for key, r in reminders_published(keys=wanted).items()}
    url = reverse("requests:decide")
    published = 0
    for key, (person, due, count) in wanted.items():
        if not count:
            if key in existing:
                reminder_cancel(key=key)
            continue
        published += 1
        title = f"{count} request{'s' if count != 1 else ''} waiting for your decision"
        if existing.get(key) == title:
            continue
        reminder_schedule(recipient=person, kind=KIND, key=key, due_at=due, title=title, url=url)

    return published
