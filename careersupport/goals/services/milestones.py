"""Milestones: progress and the next milestone date follow them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Goal, Milestone
from .common import _locked, _require_owner, rollup_refresh


def _refresh_from_milestones(goal: Goal) -> None:
    """Progress and the next milestone date follow the milestones whenever there are any."""
    milestones = list(goal.milestones.all())
    if milestones:
        done = sum(1 for m in milestones if m.done)
        goal.progress = round(100 * done / len(milestones))
    open_dates = [m.due_date for m in milestones if not m.done]
    goal.next_milestone_due = min(open_dates) if open_dates else None


@transaction.atomic
def milestone_add(*, goal: Goal, actor: Individual, title: str, due_date: date) -> Milestone:
    goal = _locked(goal)
    _require_owner(goal, actor, "add milestones")
    if due_date > goal.target_date:
        raise ValidationError(
            {
                "due_date": f"A milestone cannot be due after the goal's target date ({goal.target_date:%d %B %Y})."
            }
        )
    milestone = Milestone(goal=goal, title=title.strip(), due_date=due_date)
    milestone.full_clean()
    milestone.save()
    _refresh_from_milestones(goal)
    goal.save(update_fields=["progress", "next_milestone_due", "updated_at"])
    rollup_refresh(owner=goal.owner)
    audit(employer=goal.owner.employer, actor=actor, verb="milestone.added", target=milestone)
    return milestone


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, actor: Individual, done: bool) -> Milestone:
    goal = _locked(milestone.goal)
    _require_owner(goal, actor, "tick off milestones")
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    milestone.done = done
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done", "done_at"])
    _refresh_from_milestones(goal)
    goal.save(update_fields=["progress", "next_milestone_due", "updated_at"])
    rollup_refresh(owner=goal.owner)
    audit(
        employer=goal.owner.employer,
        actor=actor,
        verb="milestone.done" if done else "milestone.reopened",
        target=milestone,
    )
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor: Individual) -> None:
    goal = _locked(milestone.goal)
    _require_owner(goal, actor, "remove milestones")
    audit(
        employer=goal.owner.employer,
        actor=actor,
        verb="milestone.deleted",
        target=milestone,
        title=milestone.title,
    )
    milestone.delete()
    _refresh_from_milestones(goal)
    goal.save(update_fields=["progress", "next_milestone_due", "updated_at"])
    rollup_refresh(owner=goal.owner)
