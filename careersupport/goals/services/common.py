"""What every goals service shares: the owner check, the row lock and the /team/ roll-up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Min

from careersupport.people.models import Individual

from ..models import Goal, GoalRollup
from ..permissions import team_visible_q


def _require_owner(goal: Goal, actor: Individual, doing: str) -> None:
    if goal.owner_id != actor.pk:
        raise ValidationError(f"Only {goal.owner.full_name} can {doing} on this goal.")


def _locked(goal: Goal) -> Goal:
    return Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)


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
