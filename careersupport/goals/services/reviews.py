"""Goal reviews by a manager in the owner's chain, and the owner's reply."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import reminders
from ..models import Goal, GoalReview
from ..permissions import goal_access
from .common import _require_owner


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
        kind=reminders.REVIEW_PENDING,
        key=reminders.review_pending_key(review.pk),
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
    reminder_cancel(key=reminders.review_pending_key(review.pk))
    goal, reviewer = review.goal, review.reviewer
    access = goal_access(reviewer, goal) if reviewer.deactivated_at is None else None
    if access is not None and access.can_review:
        # Only while the reviewer may still open the goal (it may have been made private).
        reminder_schedule(
            recipient=reviewer,
            kind=reminders.REVIEW_REPLIED,
            key=reminders.review_replied_key(review.pk),
            due_at=timezone.now(),
            title=f"{actor.full_name} replied to your review of “{goal.title}”",
            body="Read the reply on the goal page.",
            url=goal.get_absolute_url() + f"#review-{review.pk}",
        )
    audit(employer=goal.owner.employer, actor=actor, verb="review.replied", target=review)
    return review
