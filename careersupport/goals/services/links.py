"""Links of a goal to a coaching engagement or mentorship (made by those apps)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Goal, GoalLink


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
