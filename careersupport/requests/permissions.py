"""Who may see or decide a request. The whole rule lives in this module.

1. The requester sees every request of their own, whole (reason, description, receipts,
   history), and alone makes, cancels or withdraws it.
2. HR admins of the employer see every leave and financial request whole, receipts
   included, and decide them (never their own). They see every flexible-work request, and
   decide it where the person has no active manager or to override the manager.
3. The person's (direct) manager sees their flexible-work requests and arrangements whole,
   decides and reviews them. Of leave a manager sees the dates and the word "leave" on the
   team month view and in their reminders only: a leave request's page is 404 to them, as
   is everything of a financial request.
4. The colleague named in a job-share request sees its terms (not the reason) and confirms
   or declines it.
5. Nobody else. Another employer's requests are always 404; a request one may see but not
   act on is 403 for that action.

Lists are built from the same rule: `selectors` filter by requester, by employer for HR and
by `person__manager` for a manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from careersupport.people.models import Individual

from .models import FinancialRequest, FlexibleArrangement, LeaveRequest, Receipt
from .services.flexible import may_decide


@dataclass(frozen=True)
class Access:
    role: str  # requester, hr, manager, colleague

    @property
    def is_requester(self) -> bool:
        return self.role == "requester"

    @property
    def sees_reason(self) -> bool:
        return self.role in ("requester", "hr", "manager")


def _get(model, viewer: Individual, pk: int, related: tuple[str, ...]):
    found = model.objects.for_employer(viewer.employer_id).select_related(*related).filter(pk=pk)
    obj = found.first()
    if obj is None:
        raise Http404("No such request.")
    return obj


def get_leave_for_user(
    viewer: Individual, pk: int, *, decide: bool = False
) -> tuple[LeaveRequest, Access]:
    """Rules 1, 2, 5: the requester and HR; a manager is a stranger to the page (404)."""
    leave = _get(LeaveRequest, viewer, pk, ("person", "policy", "decided_by"))
    if leave.person_id == viewer.pk:
        access = Access("requester")
    elif viewer.is_hr_admin:
        access = Access("hr")
    else:
        raise Http404("No such request.")
    if decide and access.role != "hr":
        raise PermissionDenied("HR decides leave.")
    return leave, access


def get_financial_for_user(
    viewer: Individual, pk: int, *, decide: bool = False
) -> tuple[FinancialRequest, Access]:
    """Rules 1, 2, 5: the requester and HR only."""
    request = _get(FinancialRequest, viewer, pk, ("person", "support", "decided_by"))
    if request.person_id == viewer.pk:
        access = Access("requester")
    elif viewer.is_hr_admin:
        access = Access("hr")
    else:
        raise Http404("No such request.")
    if decide and access.role != "hr":
        raise PermissionDenied("HR decides financial support.")
    return request, access


def get_receipt_for_user(viewer: Individual, pk: int) -> Receipt:
    """A receipt is fetched by its requester and HR of that employer; anyone else: 404."""
    receipt = (
        Receipt.objects.for_employer(viewer.employer_id)
        .select_related("request")
        .filter(pk=pk)
        .first()
    )
    if receipt is None or not (receipt.request.person_id == viewer.pk or viewer.is_hr_admin):
        raise Http404("No such file.")
    return receipt


def get_arrangement_for_user(
    viewer: Individual, pk: int, *, decide: bool = False
) -> tuple[FlexibleArrangement, Access]:
    """Rules 1–5 for flexible work."""
    arrangement = _get(
        FlexibleArrangement,
        viewer,
        pk,
        ("person", "person__manager", "colleague", "decided_by"),
    )
    if arrangement.person_id == viewer.pk:
        access = Access("requester")
    elif viewer.is_hr_admin:
        access = Access("hr")
    elif arrangement.person.manager_id == viewer.pk:
        access = Access("manager")
    elif arrangement.colleague_id == viewer.pk:
        access = Access("colleague")
    else:
        raise Http404("No such request.")
    if decide and not may_decide(viewer, arrangement):
        raise PermissionDenied("The person's manager, or HR, decides flexible work.")
    return arrangement, access


def require_employee(viewer: Individual) -> None:
    if not viewer.is_employee:
        raise PermissionDenied("Leave, flexible work and financial support are for employees.")
