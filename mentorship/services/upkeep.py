"""What beat runs for mentorship: health labels, stalled pairs and pairs at their end date.

`health_refresh` stores each active pair's label (`Mentorship.health_on`, the one rule) so
HR's list filters on an indexed column, and tells both sides of a pair that has had no
meeting for 30 days (once per stall: the key holds the date the stall is counted from).
`close_ended` closes the pairs whose agreement ended yesterday or before.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminder_schedule

from .. import reminders as keys
from ..models import Mentorship, stalled_q
from .mentorships import mentorship_close


@transaction.atomic
def health_refresh(*, today: date | None = None) -> int:
    """Relabel every active pair whose label changed and publish stalled reminders; returns
    how many labels changed. A handful of queries, plus a write per change."""
    today = today or timezone.localdate()
    pairs = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE).only(
        "id",
        "status",
        "health",
        "started_on",
        "last_meeting_on",
        "cadence",
        "poor_fit_at",
        "poor_fit_resolved_at",
    )
    changed: dict[str, list[int]] = defaultdict(list)
    for m in pairs.iterator(chunk_size=2000):
        label = m.health_on(today)
        if label != m.health:
            changed[label].append(m.pk)
    for label, ids in changed.items():
        Mentorship.objects.filter(pk__in=ids).update(health=label)
    _publish_stalled(today)
    return sum(len(ids) for ids in changed.values())


def _publish_stalled(today: date) -> None:
    stalled = list(Mentorship.objects.filter(stalled_q(today)).select_related("mentee", "mentor"))
    wanted = {}
    for m in stalled:
        since = m.last_meeting_on or m.started_on
        for person in (m.mentee, m.mentor):
            wanted[keys.stalled_key(m.pk, since, person.pk)] = (m, person, since)
    known = set(Reminder.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
    for key, (m, person, since) in wanted.items():
        if key in known:
            continue
        other = m.other_side(person)
        reminder_schedule(
            recipient=person,
            kind="mentorship.stalled",
            key=key,
            due_at=timezone.now(),
            title=f"No mentoring meeting with {other.full_name} since {since:%d %B}",
            body="Thirty days without a meeting: book the next one, or close the mentorship "
            "if it has done its job.",
            url=m.get_absolute_url(),
        )


def close_ended(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    ended = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE, ends_on__lt=today)
    count = 0
    for m in ended.only("id"):
        mentorship_close(mentorship=m, actor=None, reason="Reached the agreed end date")
        count += 1
    return count
