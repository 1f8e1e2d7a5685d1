"""Check-ins and the check-in reminders: due at 09:00 in the owner's zone, overdue three days on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.notifications.timing import at_local
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import dates, reminders
from ..models import CheckIn, Goal, Milestone
from .common import _locked, _refresh_progress, _require_owner, _set_done, rollup_refresh

OVERDUE_AFTER = timedelta(days=3)
REMINDER_HOUR = time(9, 0)


def _checkin_keys(goal: Goal, due: date) -> tuple[str, str]:
    return reminders.checkin_due_key(goal.pk, due), reminders.checkin_overdue_key(goal.pk, due)


def _checkin_asks(follows_milestones: bool) -> str:
    """What a check-in asks for, by the progress rule (as the check-in form says it)."""
    if follows_milestones:
        return (
            "Its progress follows its milestones: tick the ones you finished, then say what"
            " went well, what is in the way and your next step."
        )
    return "Say how far you are (it sets the goal's progress), what went well, what is in the way and your next step."


def _move_checkin_reminders(
    goal: Goal, old_due: date | None, *, follows_milestones: bool | None = None
) -> None:
    """Cancel the reminders of the previous due date and publish those of the new one."""
    new_due = goal.next_checkin_due
    if old_due is not None and old_due != new_due:
        for key in _checkin_keys(goal, old_due):
            reminder_cancel(key=key)
    if new_due is None:
        return
    if follows_milestones is None:
        follows_milestones = goal.milestones.exists()
    asks = _checkin_asks(follows_milestones)
    owner = goal.owner
    due_key, overdue_key = _checkin_keys(goal, new_due)
    url = goal.get_absolute_url() + "checkin/"
    reminder_schedule(
        recipient=owner,
        kind=reminders.CHECKIN_DUE,
        key=due_key,
        due_at=at_local(new_due, REMINDER_HOUR, owner.tzinfo),
        title=f"Check-in due: {goal.title}",
        body=f"Your {goal.get_cadence_display().lower()} check-in on “{goal.title}” is due today. {asks}",
        url=url,
    )
    reminder_schedule(
        recipient=owner,
        kind=reminders.CHECKIN_OVERDUE,
        key=overdue_key,
        due_at=at_local(new_due + OVERDUE_AFTER, REMINDER_HOUR, owner.tzinfo),
        title=f"Check-in overdue: {goal.title}",
        body=f"The check-in on “{goal.title}” was due on {new_due:%d %B %Y}. {asks}",
        url=url,
    )


def checkin_reminders_follow_time_zone(*, individual: Individual, **_signal) -> int:
    """Move the owner's pending check-in reminders to 09:00 in their new time zone."""
    goals = (
        Goal.objects.filter(
            owner=individual, status=Goal.Status.ACTIVE, next_checkin_due__isnull=False
        )
        .select_related("owner")
        .annotate(follows_milestones=Exists(Milestone.objects.filter(goal=OuterRef("pk"))))
    )
    moved = 0
    for goal in goals:
        goal.owner = individual  # the instance that carries the new zone
        _move_checkin_reminders(
            goal,
            goal.next_checkin_due,
            follows_milestones=goal.follows_milestones,
        )
        moved += 1
    return moved


def _set_schedule(goal: Goal, *, start: date, follows_milestones: bool | None = None) -> None:
    """Recompute the next check-in from `start` and move the reminders with it."""
    old_due = goal.next_checkin_due
    goal.next_checkin_due = goal.next_due_after(start)
    _move_checkin_reminders(goal, old_due, follows_milestones=follows_milestones)


@transaction.atomic
def checkin_record(
    *,
    goal: Goal,
    actor: Individual,
    progress: int | None = None,
    finished: Sequence[Milestone] = (),
    went_well: str = "",
    in_the_way: str = "",
    next_step: str = "",
) -> CheckIn:
    """The owner's check-in: notes and the goal's progress now; the next check-in moves one
    cadence on.

    The progress rule: on a goal without milestones the owner gives `progress` and it becomes
    the goal's; on a goal with milestones the owner may tick the `finished` ones and the
    check-in records the share of milestones done (a different `progress` is refused)."""
    goal = _locked(goal)
    _require_owner(goal, actor, "record a check-in")
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError(
            f"Check-ins are recorded on active goals; this one is {goal.get_status_display().lower()}."
        )
    finished_ids = {m.pk for m in finished}
    ticked = list(goal.milestones.filter(pk__in=finished_ids, done=False))
    if len(ticked) != len(finished_ids):
        raise ValidationError({"finished": "Choose among this goal's open milestones."})
    for milestone in ticked:
        _set_done(milestone, True)
        audit(employer=goal.owner.employer, actor=actor, verb="milestone.done", target=milestone)
    follows_milestones = goal.milestones.exists()
    if follows_milestones:
        _refresh_progress(goal)
        if progress is not None and progress != goal.progress:
            raise ValidationError(
                {
                    "progress": "This goal's progress follows its milestones: tick those you finished."
                }
            )
    elif progress is None:
        raise ValidationError({"progress": "Say how far you are, from 0 to 100."})
    else:
        goal.progress = progress
    today = dates.owner_today(goal.owner)
    checkin = CheckIn(
        goal=goal,
        author=actor,
        date=today,
        due_on=goal.next_checkin_due,
        progress=goal.progress,
        went_well=went_well.strip(),
        in_the_way=in_the_way.strip(),
        next_step=next_step.strip(),
    )
    checkin.full_clean()
    checkin.save()
    goal.last_checkin_on = today
    _set_schedule(goal, start=today, follows_milestones=follows_milestones)
    goal.save(
        update_fields=[
            "progress",
            "next_milestone_due",
            "last_checkin_on",
            "next_checkin_due",
            "updated_at",
        ]
    )
    rollup_refresh(owner=goal.owner)
    audit(employer=goal.owner.employer, actor=actor, verb="checkin.recorded", target=checkin)
    return checkin
