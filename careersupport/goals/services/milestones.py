"""Milestones: progress and the next milestone date follow them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Goal, Milestone
from .checkins import _move_checkin_reminders
from .common import _locked, _refresh_progress, _require_owner, _set_done, rollup_refresh


def _milestone_new(goal: Goal, *, title: str, due_date: date) -> Milestone:
    """A validated, unsaved milestone of `goal` (the rules of one milestone, in one place)."""
    if due_date > goal.target_date:
        raise ValidationError(
            {
                "due_date": f"A milestone cannot be due after the goal's target date ({goal.target_date:%d %B %Y})."
            }
        )
    milestone = Milestone(goal=goal, title=title.strip(), due_date=due_date)
    milestone.full_clean()
    return milestone


def _after_milestones_changed(goal: Goal, *, had_milestones: bool) -> None:
    """Progress follows the milestones; the check-in reminders say which rule applies."""
    has_milestones = _refresh_progress(goal)
    goal.save(update_fields=["progress", "next_milestone_due", "updated_at"])
    if has_milestones != had_milestones and goal.next_checkin_due:
        _move_checkin_reminders(goal, goal.next_checkin_due, follows_milestones=has_milestones)
    rollup_refresh(owner=goal.owner)


@transaction.atomic
def milestone_add(*, goal: Goal, actor: Individual, title: str, due_date: date) -> Milestone:
    goal = _locked(goal)
    _require_owner(goal, actor, "add milestones")
    had_milestones = goal.milestones.exists()
    milestone = _milestone_new(goal, title=title, due_date=due_date)
    milestone.save()
    _after_milestones_changed(goal, had_milestones=had_milestones)
    audit(employer=goal.owner.employer, actor=actor, verb="milestone.added", target=milestone)
    return milestone


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, actor: Individual, done: bool) -> Milestone:
    goal = _locked(milestone.goal)
    _require_owner(goal, actor, "tick off milestones")
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    _set_done(milestone, done)
    _after_milestones_changed(goal, had_milestones=True)
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
    _after_milestones_changed(goal, had_milestones=True)
