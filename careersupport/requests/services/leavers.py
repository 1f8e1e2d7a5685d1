"""A person who leaves (`people.person_deactivate`): what still waits in requests is closed.

Their waiting leave, flexible-work and financial requests are cancelled, and leave approved
but not yet begun too (they will not take it); their current flexible arrangement ends
today; a job share that waits for them as the named colleague is declined and its requester
told. Each step is a row of the request's history, by the HR admin who deactivated them.
What has happened stays as it was: leave taken, money approved (a salary advance's
repayments are HR's to settle), decisions. Reports' requests need nothing: they follow the
reports to their new manager, who decides from then on.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from careersupport.notifications.services import reminder_cancel, reminder_cancel_prefix
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr

from ..models import Decision, FinancialRequest, FlexibleArrangement, LeaveRequest, Status
from ..reminders import job_share_key, leave_soon_key, team_leave_key, trial_review_prefix
from .common import local_today, record, tell_requester
from .flexible import OPEN_STATES


def _closing(person: Individual) -> dict:
    today = local_today(person)
    return {
        "leave": LeaveRequest.objects.filter(
            Q(status=Status.PENDING) | Q(status=Status.APPROVED, start_date__gt=today),
            person=person,
        ),
        "flexible": FlexibleArrangement.objects.filter(person=person, status__in=OPEN_STATES),
        "current": FlexibleArrangement.objects.filter(person=person, status=Status.APPROVED),
        "money": FinancialRequest.objects.filter(person=person, status=Status.PENDING),
        "shares": FlexibleArrangement.objects.filter(
            colleague=person, status=Status.WAITING_COLLEAGUE
        ),
    }


def leaver_preview(person: Individual) -> list[str]:
    """Counts for HR's confirmation page."""
    closing = _closing(person)
    waiting = closing["leave"].count() + closing["flexible"].count() + closing["money"].count()
    lines = []
    if waiting:
        lines.append(
            f"{waiting} request{'s' if waiting != 1 else ''} of theirs still waiting (or leave "
            "not yet begun) " + ("are" if waiting != 1 else "is") + " cancelled."
        )
    if closing["current"].exists():
        lines.append("Their flexible-work arrangement ends today.")
    shares = closing["shares"].count()
    if shares:
        lines.append(
            f"{shares} job-share request{'s' if shares != 1 else ''} waiting for them "
            f"{'are' if shares != 1 else 'is'} declined and the colleague told."
        )
    return lines


@transaction.atomic
def requests_close_for_leaver(*, person: Individual, actor: Individual) -> int:
    require_hr(actor, person.employer_id)
    what = f"Closed when {person.full_name} left"
    closing = _closing(person)
    count = 0
    for leave in closing["leave"].select_for_update():
        leave.status = Status.CANCELLED
        leave.save(update_fields=["status", "updated_at"])
        reminder_cancel(key=team_leave_key(leave.pk))
        reminder_cancel(key=leave_soon_key(leave.pk))
        record(request=leave, actor=actor, action=Decision.Action.CANCELLED, what=what)
        count += 1
    for arrangement in closing["flexible"].select_for_update():
        arrangement.status = Status.CANCELLED
        arrangement.save(update_fields=["status", "updated_at"])
        reminder_cancel(key=job_share_key(arrangement.pk))
        record(request=arrangement, actor=actor, action=Decision.Action.CANCELLED, what=what)
        count += 1
    for arrangement in closing["current"].select_for_update():
        arrangement.status = Status.ENDED
        arrangement.ended_on = max(local_today(person), arrangement.start_date)
        arrangement.save(update_fields=["status", "ended_on", "updated_at"])
        reminder_cancel_prefix(prefix=trial_review_prefix(arrangement.pk))
        record(request=arrangement, actor=actor, action=Decision.Action.ENDED, what=what)
        count += 1
    for request in closing["money"].select_for_update():
        request.status = Status.CANCELLED
        request.save(update_fields=["status", "updated_at"])
        record(request=request, actor=actor, action=Decision.Action.CANCELLED, what=what)
        count += 1
    for share in closing["shares"].select_for_update().select_related("person"):
        share.status = Status.DECLINED
        share.decision_note = f"{person.full_name} has left: the job share cannot go ahead."
        share.save(update_fields=["status", "decision_note", "updated_at"])
        reminder_cancel(key=job_share_key(share.pk))
        decision = record(
            request=share,
            actor=actor,
            action=Decision.Action.DECLINED,
            what="The named colleague left",
            note=share.decision_note,
        )
        tell_requester(
            request=share,
            decision=decision,
            title=f"Your job-share request with {person.full_name} cannot go ahead",
            body=share.decision_note,
        )
        count += 1
    return count
