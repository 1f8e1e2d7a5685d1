"""What every request workflow shares: the history row, the requester's news, local dates."""

from __future__ import annotations

from datetime import date, time

from django.utils import timezone

from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.services import audit

from ..models import Decision, FinancialRequest, FlexibleArrangement, LeaveRequest
from ..reminders import decision_key

MORNING = time(9, 0)

Request = LeaveRequest | FlexibleArrangement | FinancialRequest

_FIELD = {LeaveRequest: "leave", FlexibleArrangement: "arrangement", FinancialRequest: "financial"}


def local_today(person: Individual) -> date:
    return timezone.localdate(timezone=person.tzinfo)


def is_confidential(request: Request) -> bool:
    """Leave and money are confidential (a reason, an amount); a flexible arrangement is
    decided by the manager, who reads it whole."""
    return not isinstance(request, FlexibleArrangement)


def record(
    *, request: Request, actor: Individual | None, action: str, what: str = "", note: str = ""
) -> Decision:
    """The history row (who, when, what, why) and the audit row. The audit row carries the
    action and the resulting status only: never a reason, a description or an amount."""
    decision = Decision.objects.create(
        employer_id=request.employer_id,
        actor=actor,
        action=action,
        what=what[:300],
        note=note,
        **{_FIELD[type(request)]: request},
    )
    audit(
        employer=request.person.employer,
        actor=actor,
        verb=f"{request.KIND}.{action}",
        target=request,
        status=request.status,
    )
    return decision


def tell_requester(*, request: Request, decision: Decision, title: str, body: str = "") -> None:
    reminder_schedule(
        recipient=request.person,
        kind="requests.decision",
        key=decision_key(decision.pk),
        due_at=timezone.now(),
        title=title,
        body=body,
        url=request.get_absolute_url(),
        confidential=is_confidential(request),
    )
