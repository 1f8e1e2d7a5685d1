"""Every write in `goals`. Each function is atomic, takes the acting person, validates with
`full_clean()`, leaves an `AuditEvent` and publishes its reminders through `notifications`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .models import CheckIn, Goal, GoalLink, GoalReview, GoalRollup, Milestone
from .permissions import goal_access, team_visible_q

OVERDUE_AFTER = timedelta(days=3)
REMINDER_HOUR = time(9, 0)


def owner_today(owner: Individual) -> date:
    return timezone.localdate(timezone=owner.tzinfo)


def _require_owner(goal: Goal, actor: Individual, doing: str) -> None:
    if goal.owner_id != actor.pk:
        raise ValidationError(f"Only {goal.owner.full_name} can {doing} on this goal.")


# --- reminders -------------------------------------------------------------------------------


def _checkin_keys(goal: Goal, due: date) -> tuple[str, str]:
    return (
        f"goals.checkin_due:{goal.pk}:{due:%Y-%m-%d}",
        f"goals.checkin_overdue:{goal.pk}:{due:%Y-%m-%d}",
    )


def _move_checkin_reminders(goal: Goal, old_due: date | None) -> None:
    """Cancel the reminders of the previous due date and publish those of the new one."""
    new_due = goal.next_checkin_due
    if old_due is not None and old_due != new_due:
        for key in _checkin_keys(goal, old_due):
            reminder_cancel(key=key)
    if new_due is None:
        return
    owner = goal.owner
    at_nine = datetime.combine(new_due, REMINDER_HOUR, tzinfo=owner.tzinfo)
    due_key, overdue_key = _checkin_keys(goal, new_due)
    url = goal.get_absolute_url() + "checkin/"
    reminder_schedule(
        recipient=owner,
        kind="goals.checkin_due",
        key=due_key,
        due_at=at_nine,
        title=f"Check-in due: {goal.title}",
        body=f"Your {goal.get_cadence_display().lower()} check-in on “{goal.title}” is due today.",
        url=url,
    )
    reminder_schedule(
        recipient=owner,
        kind="goals.checkin_overdue",
        key=overdue_key,
        due_at=at_nine + OVERDUE_AFTER,
        title=f"Check-in overdue: {goal.title}",
        body=f"The check-in on “{goal.title}” was due on {new_due:%d %B %Y}.",
        url=url,
    )


def checkin_reminders_follow_time_zone(*, individual: Individual, **_signal) -> int:
    """Move the owner's pending check-in reminders to 09:00 in their new time zone."""
    goals = Goal.objects.filter(
        owner=individual, status=Goal.Status.ACTIVE, next_checkin_due__isnull=False
    ).select_related("owner")
    moved = 0
    for goal in goals:
        goal.owner = individual  # the instance that carries the new zone
        _move_checkin_reminders(goal, goal.next_checkin_due)
        moved += 1
    return moved


def _set_schedule(goal: Goal, *, start: date) -> None:
    """Recompute the next check-in from `start` and move the reminders with it."""
    old_due = goal.next_checkin_due
    goal.next_checkin_due = goal.next_due_after(start)
    _move_checkin_reminders(goal, old_due)


def _refresh_from_milestones(goal: Goal) -> None:
    """Progress and the next milestone date follow the milestones whenever there are any."""
    milestones = list(goal.milestones.all())
    if milestones:
        done = sum(1 for m in milestones if m.done)
        goal.progress = round(100 * done / len(milestones))
    open_dates = [m.due_date for m in milestones if not m.done]
    goal.next_milestone_due = min(open_dates) if open_dates else None


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


# --- goals ----------------------------------------------------------------------------------


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
) -> Goal:
    if actor.pk != owner.pk:
        raise ValidationError("You can only set goals for yourself.")
    if status not in (Goal.Status.DRAFT, Goal.Status.ACTIVE):
        raise ValidationError({"status": "A new goal is a draft or active."})
    if target_date < owner_today(owner):
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
    )
    goal.full_clean()
    goal.save()
    _set_schedule(goal, start=owner_today(owner))
    goal.save(update_fields=["next_checkin_due"])
    rollup_refresh(owner=owner)
    audit(employer=owner.employer, actor=actor, verb="goal.created", target=goal)
    return goal


EDITABLE = {
    "title",
    "why",
    "category",
    "target_date",
    "status",
    "cadence",
    "shared_with_manager",
    "shared_with_partner",
    "progress",
}


@transaction.atomic
def goal_update(*, goal: Goal, actor: Individual, **changes) -> Goal:
    """Change a goal; a new status or cadence moves (or cancels) the check-in reminders."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    goal = Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)
    _require_owner(goal, actor, "change")
    before = {name: getattr(goal, name) for name in changes}
    has_milestones = goal.milestones.exists()
    if has_milestones and "progress" in changes and changes["progress"] != goal.progress:
        raise ValidationError({"progress": "Progress follows the milestones of this goal."})
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
        today = owner_today(goal.owner)
        start = goal.last_checkin_on or today
        due = goal.next_due_after(start)
        _set_schedule(goal, start=today if due and due < today else start)
    goal.save()
    rollup_refresh(owner=goal.owner)
    changed = {k: str(getattr(goal, k)) for k in changes if before[k] != getattr(goal, k)}
    audit(employer=goal.owner.employer, actor=actor, verb="goal.updated", target=goal, **changed)
    return goal


# --- milestones -----------------------------------------------------------------------------


def _locked(goal: Goal) -> Goal:
    return Goal.objects.select_for_update().select_related("owner").get(pk=goal.pk)


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


# --- check-ins ------------------------------------------------------------------------------


@transaction.atomic
def checkin_record(
    *,
    goal: Goal,
    actor: Individual,
    progress: int,
    went_well: str = "",
    in_the_way: str = "",
    next_step: str = "",
) -> CheckIn:
    """The owner's check-in: progress now and notes; the next check-in moves one cadence on."""
    goal = _locked(goal)
    _require_owner(goal, actor, "record a check-in")
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError(
            f"Check-ins are recorded on active goals; this one is {goal.get_status_display().lower()}."
        )
    today = owner_today(goal.owner)
    checkin = CheckIn(
        goal=goal,
        author=actor,
        date=today,
        due_on=goal.next_checkin_due,
        progress=progress,
        went_well=went_well.strip(),
        in_the_way=in_the_way.strip(),
        next_step=next_step.strip(),
    )
    checkin.full_clean()
    checkin.save()
    if not goal.milestones.exists():
        goal.progress = progress
    goal.last_checkin_on = today
    _set_schedule(goal, start=today)
    goal.save(update_fields=["progress", "last_checkin_on", "next_checkin_due", "updated_at"])
    rollup_refresh(owner=goal.owner)
    audit(employer=goal.owner.employer, actor=actor, verb="checkin.recorded", target=checkin)
    return checkin


# --- goal reviews ---------------------------------------------------------------------------


@transaction.atomic
def review_create(
    *, goal: Goal, actor: Individual, rating: str, comments: str, next_steps: str = ""
) -> GoalReview:
    """A manager in the owner's chain reviews a goal; the owner is reminded to read it."""
    access = goal_access(actor, goal)
    if access is None or not access.can_review:
        raise ValidationError(
            "Only a manager in this person's reporting chain can review this goal."
        )
    review = GoalReview(
        goal=goal,
        reviewer=actor,
        rating=rating,
        comments=comments.strip(),
        next_steps=next_steps.strip(),
    )
    review.full_clean()
    review.save()
    reminder_schedule(
        recipient=goal.owner,
        kind="goals.review_pending",
        key=f"goals.review_pending:{review.pk}",
        due_at=timezone.now(),
        title=f"{actor.full_name} reviewed your goal “{goal.title}”",
        body=f"Rating: {review.get_rating_display()}. Read the review and reply on the goal page.",
        url=goal.get_absolute_url() + f"#review-{review.pk}",
    )
    audit(
        employer=goal.owner.employer,
        actor=actor,
        verb="review.created",
        target=review,
        rating=rating,
    )
    return review


@transaction.atomic
def review_reply(*, review: GoalReview, actor: Individual, reply: str) -> GoalReview:
    review = (
        GoalReview.objects.select_for_update(of=("self",))
        .select_related("goal__owner", "reviewer")
        .get(pk=review.pk)
    )
    _require_owner(review.goal, actor, "reply to reviews")
    if not reply.strip():
        raise ValidationError({"reply": "Write a reply first."})
    review.reply = reply.strip()
    review.replied_at = timezone.now()
    review.save(update_fields=["reply", "replied_at"])
    reminder_cancel(key=f"goals.review_pending:{review.pk}")
    goal, reviewer = review.goal, review.reviewer
    access = goal_access(reviewer, goal) if reviewer.deactivated_at is None else None
    if access is not None and access.can_review:
        # Only while the reviewer may still open the goal (it may have been made private).
        reminder_schedule(
            recipient=reviewer,
            kind="goals.review_replied",
            key=f"goals.review_replied:{review.pk}",
            due_at=timezone.now(),
            title=f"{actor.full_name} replied to your review of “{goal.title}”",
            body="Read the reply on the goal page.",
            url=goal.get_absolute_url() + f"#review-{review.pk}",
        )
    audit(employer=goal.owner.employer, actor=actor, verb="review.replied", target=review)
    return review


# --- links to coaching engagements and mentorships (made by those apps) ---------------------


@transaction.atomic
def goal_link_create(
    *,
    goal: Goal,
    individual: Individual,
    kind: str,
    actor: Individual,
    source_id: int | None = None,
) -> GoalLink:
    """Share a goal with a coach or mentor; the owner (or the engagement flow acting for them)."""
    if individual.employer_id != goal.employer_id:
        raise ValidationError("A goal can only be shared with someone at the same employer.")
    if individual.pk == goal.owner_id:
        raise ValidationError("The owner already sees their goal.")
    link = GoalLink.objects.filter(goal=goal, individual=individual, ended_at__isnull=True).first()
    if link is not None:
        return link
    link = GoalLink(goal=goal, individual=individual, kind=kind, source_id=source_id)
    link.full_clean()
    link.save()
    audit(employer=goal.owner.employer, actor=actor, verb="goal.linked", target=link, kind=kind)
    return link


@transaction.atomic
def goal_link_end(*, link: GoalLink, actor: Individual | None) -> GoalLink:
    if link.ended_at is None:
        link.ended_at = timezone.now()
        link.save(update_fields=["ended_at"])
        audit(employer=link.goal.owner.employer, actor=actor, verb="goal.unlinked", target=link)
    return link
