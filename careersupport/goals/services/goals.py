"""Creating and changing a goal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import dates
from ..models import Goal
from .checkins import _set_schedule
from .common import _refresh_progress, _require_owner, rollup_refresh
from .milestones import _milestone_new


class MilestonePlan(TypedDict):
    """A milestone given with a new goal."""

    title: str
    due_date: date


def milestone_error_key(row: int, field: str) -> str:
    """How `goal_create` names the field of a milestone row in its ValidationError."""
    return f"milestones.{row}.{field}"


@transaction.atomic
def goal_create(
    *,
    owner: Individual,
    actor: Individual,
    title: str,
    target_date: date,
    why: str = "",
    category: str = Goal.Category.SKILL,
    status: str = Goal.Status.ACTIVE,
    cadence: str = Goal.Cadence.MONTHLY,
    shared_with_manager: bool = True,
    shared_with_partner: bool = False,
    progress: int = 0,
    milestones: Sequence[MilestonePlan] = (),
) -> Goal:
    """A new goal and its first milestones, together or not at all. `progress` is where the
    owner starts; a goal given milestones starts at the share of them done (none)."""
    if actor.pk != owner.pk:
        raise ValidationError("You can only set goals for yourself.")
    if status not in (Goal.Status.DRAFT, Goal.Status.ACTIVE):
        raise ValidationError({"status": "A new goal is a draft or active."})
    if target_date < dates.owner_today(owner):
        raise ValidationError(
            {"target_date": "The target date of a new goal cannot be in the past."}
        )
    goal = Goal(
        employer_id=owner.employer_id,
        owner=owner,
        title=title.strip(),
        why=why.strip(),
        category=category,
        target_date=target_date,
        status=status,
        cadence=cadence,
        # Partners have no manager; their goals are never "shared with a manager".
        shared_with_manager=shared_with_manager and owner.is_employee,
        shared_with_partner=shared_with_partner,
        progress=progress,
        start_progress=progress,
    )
    if milestones and progress:
        raise ValidationError(
            {"progress": "With milestones, progress follows them: leave this at 0."}
        )
    goal.full_clean()
    goal.save()
    _milestones_create(goal, milestones)
    _refresh_progress(goal)
    _set_schedule(goal, start=dates.owner_today(owner), follows_milestones=bool(milestones))
    goal.save(update_fields=["next_checkin_due", "next_milestone_due", "progress"])
    rollup_refresh(owner=owner)
    audit(employer=owner.employer, actor=actor, verb="goal.created", target=goal)
    for milestone in goal.milestones.all():
        audit(employer=owner.employer, actor=actor, verb="milestone.added", target=milestone)
    return goal


def _milestones_create(goal: Goal, plans: Sequence[MilestonePlan]) -> None:
    """Every row checked before any is saved, so that each one's problem can be shown."""
    rows, problems = [], {}
    for row, plan in enumerate(plans):
        try:
            rows.append(_milestone_new(goal, title=plan["title"], due_date=plan["due_date"]))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                problems[milestone_error_key(row, field)] = messages
    if problems:
        raise ValidationError(problems)
    for milestone in rows:
        milestone.save()


class GoalChanges(TypedDict, total=False):
    """What the owner edits on a goal, in the order the form shows it: the one list of its
    editable fields (`EDITABLE`, which the form uses too)."""

    title: str
    why: str
    category: str
    target_date: date
    status: str
    cadence: str
    progress: int
    shared_with_manager: bool
    shared_with_partner: bool


EDITABLE = tuple(GoalChanges.__annotations__)


@transaction.atomic
def goal_update(*, goal: Goal, actor: Individual, **changes: Unpack[GoalChanges]) -> Goal:
    """Change a goal; a new status or cadence moves (or cancels) the check-in reminders."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    goal = Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)
    _require_owner(goal, actor, "change")
    before = {name: getattr(goal, name) for name in changes}
    if "progress" in changes and changes["progress"] != goal.progress:
        # The starting figure, while nothing else sets progress: no milestone, no check-in.
        if goal.milestones.exists():
            raise ValidationError({"progress": "Progress follows the milestones of this goal."})
        if goal.checkins.exists():
            raise ValidationError(
                {
                    "progress": "Progress follows the latest check-in: record a check-in to change it."
                }
            )
        goal.start_progress = changes["progress"]
    for name, value in changes.items():
        setattr(goal, name, value)
    goal.shared_with_manager = goal.shared_with_manager and goal.owner.is_employee
    last = goal.milestones.order_by("-due_date").values_list("due_date", flat=True).first()
    if last and goal.target_date < last:
        raise ValidationError(
            {"target_date": f"A milestone is due on {last:%d %B %Y}, after this target date."}
        )
    goal.full_clean()
    if (
        before.get("status", goal.status) != goal.status
        or before.get("cadence", goal.cadence) != goal.cadence
    ):
        # One cadence step after the last check-in, but never a date already past.
        today = dates.owner_today(goal.owner)
        start = goal.last_checkin_on or today
        due = goal.next_due_after(start)
        _set_schedule(goal, start=today if due and due < today else start)
    goal.save()
    rollup_refresh(owner=goal.owner)
    changed = {k: str(getattr(goal, k)) for k in changes if before[k] != getattr(goal, k)}
    audit(employer=goal.owner.employer, actor=actor, verb="goal.updated", target=goal, **changed)
    return goal
