"""Who may see or change a goal. The whole visibility rule lives in this module.

A goal is visible to:

1. its owner (who alone edits it, records check-ins and replies to reviews);
2. every manager above the owner in the reporting chain (direct and skip-level, asked of
   `people.hierarchy`), unless the goal is not shared with the manager (private); these
   managers may write goal reviews;
3. the owner's partner, when the goal is marked "share with my partner" AND the owner's side of
   their active partnership consents (`Partnership.shares_goals_from(owner)`);
4. a coach or mentor holding an active `GoalLink` to the goal (made by coaching/mentorship);
5. nobody else. Being an HR admin grants nothing: HR sees aggregates per department only
   (`selectors.hr_department_summary`), and sees a goal's text only where rules 1–4 apply to
   them as a person (for instance an HR admin who is the owner's manager).

Another employer's goals are always 404; a goal one may read but not change is 403 on writes.
Lists use the same rule through `shared_with_q` and `team_visible_q`, defined here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from careersupport.people import hierarchy
from careersupport.people.models import Individual, Partnership

from .models import Goal, GoalLink


def team_visible_q(prefix: str = "") -> Q:
    """What a manager in the chain may see of a report's goals (rule 2): shared, not drafts."""
    return Q(**{f"{prefix}shared_with_manager": True}) & ~Q(
        **{f"{prefix}status": Goal.Status.DRAFT}
    )


@dataclass(frozen=True)
class GoalAccess:
    """What the viewer may do with one goal."""

    role: str  # owner, manager, partner, linked

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    @property
    def can_review(self) -> bool:
        return self.role == "manager"


def goal_access(viewer: Individual, goal: Goal) -> GoalAccess | None:
    """Rules 1–5 for one goal; None means the viewer may not see it at all."""
    if goal.employer_id != viewer.employer_id:
        return None
    if goal.owner_id == viewer.pk:
        return GoalAccess("owner")
    in_chain = (
        goal.shared_with_manager
        and goal.status != Goal.Status.DRAFT
        and viewer.is_employee
        and hierarchy.is_above(viewer.pk, goal.owner_id)
    )
    if in_chain:
        return GoalAccess("manager")
    if goal.shared_with_partner and _partner_consents(viewer, goal.owner):
        return GoalAccess("partner")
    if GoalLink.objects.filter(goal=goal, individual=viewer, ended_at__isnull=True).exists():
        return GoalAccess("linked")
    return None


def _partner_consents(viewer: Individual, owner: Individual) -> bool:
    partnership = (
        Partnership.objects.filter(status=Partnership.Status.ACTIVE)
        .filter(Q(employee=owner, partner=viewer) | Q(employee=viewer, partner=owner))
        .first()
    )
    return partnership is not None and partnership.shares_goals_from(owner)


def shared_with_q(viewer: Individual) -> Q:
    """Goals of others that the viewer sees as partner (rule 3) or coach/mentor (rule 4), for
    a query already scoped with `Goal.objects.for_employer(viewer.employer_id)`.

    Two small indexed queries find the consenting partner and the linked goals first, so the
    goal query itself is an index lookup, not a scan of the whole employer's goals.
    """
    sides = Partnership.objects.filter(status=Partnership.Status.ACTIVE).filter(
        Q(partner=viewer, employee_shares_goals=True)
        | Q(employee=viewer, partner_shares_goals=True)
    )
    owners = {e if p == viewer.pk else p for e, p in sides.values_list("employee_id", "partner_id")}
    linked = list(
        GoalLink.objects.filter(individual=viewer, ended_at__isnull=True).values_list(
            "goal_id", flat=True
        )
    )
    return ~Q(owner=viewer) & (Q(shared_with_partner=True, owner_id__in=owners) | Q(pk__in=linked))


def get_goal_for_user(
    viewer: Individual, pk: int, *, write: bool = False
) -> tuple[Goal, GoalAccess]:
    """The goal and what the viewer may do: 404 if they may not see it, 403 if read-only."""
    goal = (
        Goal.objects.select_related("owner", "owner__manager", "owner__department")
        .for_employer(viewer.employer_id)
        .filter(pk=pk)
        .first()
    )
    access = goal_access(viewer, goal) if goal is not None else None
    if goal is None or access is None:
        raise Http404("No such goal.")
    if write and not access.is_owner:
        raise PermissionDenied("Only the goal's owner may change it.")
    return goal, access
