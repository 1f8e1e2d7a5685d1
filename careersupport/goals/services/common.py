"""What every goals service shares: the owner check, the row lock, the progress rule and the
/team/ roll-up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.utils import timezone

from careersupport.people.models import Individual

from ..models import Goal, GoalRollup, Milestone, milestone_share
from ..permissions import team_visible_q


def _require_owner(goal: Goal, actor: Individual, doing: str) -> None:
    if goal.owner_id != actor.pk:
        raise ValidationError(f"Only {goal.owner.full_name} can {doing} on this goal.")


def _locked(goal: Goal) -> Goal:
    return Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)


def _set_done(milestone: Milestone, done: bool) -> None:
    milestone.done = done
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done", "done_at"])


def _refresh_progress(goal: Goal) -> bool:
    """Apply the progress rule to `goal` (not saved) and return whether it has milestones.

    With milestones, progress is the share of them done and the next milestone date the
    earliest open one; without, progress is the latest check-in's figure, or the starting
    figure before the first check-in."""
    milestones = list(goal.milestones.all())
    if milestones:
        goal.progress = milestone_share(sum(1 for m in milestones if m.done), len(milestones))
    else:
        latest = (
            goal.checkins.order_by("-created_at", "-id").values_list("progress", flat=True).first()
        )
        goal.progress = goal.start_progress if latest is None else latest
    open_dates = [m.due_date for m in milestones if not m.done]
    goal.next_milestone_due = min(open_dates) if open_dates else None
    return bool(milestones)


def rollup_refresh(*, owner: Individual) -> GoalRollup:
    """Recompute the person's row of /team/ from their active goals shared with managers."""
    figures = Goal.objects.filter(
        team_visible_q(), owner=owner, status=Goal.Status.ACTIVE
    ).aggregate(
        active=Count("id"),
        checkin=Min("next_checkin_due"),
        milestone=Min("next_milestone_due"),
        target=Min("target_date"),
    )
    dates = [figures[k] for k in ("checkin", "milestone", "target") if figures[k]]
    rollup, _ = GoalRollup.objects.update_or_create(
        owner=owner,
        defaults={
            "employer_id": owner.employer_id,
            "active_goals": figures["active"],
            "attention_on": min(dates) if dates else None,
        },
    )
    return rollup
