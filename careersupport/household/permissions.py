"""Who may see the household page and its financial plan. The whole rule lives here.

1. The household belongs to one partnership. Only its two sides (the employee and the
   partner) may open its pages, and only while the partnership is active; once it ends,
   the page is gone for both (404).
2. The page shows anything only while it is open: both sides have opted in. Either side
   may withdraw at any time, which closes it for both at once; until both opt in again the
   sides see a "closed" page with nothing of the other on it.
3. On an open page each side shows:
   a. its goals marked "share with my partner", while that side shares goals in its
      partnership settings (rule 3 of `careersupport/goals/permissions.py`);
   b. its job-search stage counts and next steps, only while that side shows its search;
   c. its programmes, only while that side shows them, and never a confidential one (EAP).
4. The financial plan is read and written by both sides, while the page is open.
5. Nobody else: not the employer's HR, not the manager, not a coach, not another employer,
   not even the page's existence or counts. Every stranger gets 404 (a 403 would tell
   that a household page exists).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from careersupport.people.models import Individual, Partnership

from .models import Household


def get_active_partnership(viewer: Individual) -> Partnership:
    """The viewer's active partnership, from whichever side they stand on (rule 1), with its
    household page when it has one; 404 without one."""
    partnership = (
        Partnership.objects.for_employer(viewer.employer_id)
        .active()
        .filter(Q(employee=viewer) | Q(partner=viewer))
        .select_related("employee", "partner", "household", "household__plan")
        .first()
    )
    if partnership is None:
        raise Http404("No active partnership.")
    return partnership


def get_household_for_user(viewer: Individual, pk: int) -> Household:
    """The household of an active partnership the viewer is a side of (rule 1), open or
    closed (the caller shows a closed one as closed, rule 2); 404 for everyone else."""
    household = (
        Household.objects.for_employer(viewer.employer_id)
        .filter(pk=pk, partnership__status=Partnership.Status.ACTIVE)
        .filter(Q(partnership__employee=viewer) | Q(partnership__partner=viewer))
        .select_related("partnership", "partnership__employee", "partnership__partner", "plan")
        .first()
    )
    if household is None:
        raise Http404("No such household page.")
    return household
