"""What mentorship ends when HR deactivates a person (`people.signals.person_deactivated`;
the contract is in `careersupport/people/signals.py`).

Their active mentorships close, on either side (goal links end, reminders stop, the other
side is told and asked for feedback; a mentee whose mentor left waits to be matched again).
Requests waiting for them as a mentor are declined with a word to the mentee, and their own
requests withdrawn. Their mentor profile is paused and they leave any open matching run's
proposal. History stays.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from .. import reminders as keys
from ..models import MatchingRun, MentorProfile, Mentorship, MentorshipRequest, Proposal
from .mentorships import mentorship_close
from .requests import _tell_mentee

Pending = MentorshipRequest.Status.PENDING


def _end_requests(person: Individual, actor: Individual) -> int:
    requests = (
        MentorshipRequest.objects.select_for_update(of=("self",))
        .filter(Q(mentee=person) | Q(mentor=person), status=Pending)
        .select_related("mentee", "programme")
        .order_by("pk")
    )
    now = timezone.now()
    count = 0
    for request in requests:
        reminder_cancel(key=keys.request_new_key(request.pk))
        reminder_cancel(key=keys.request_waiting_key(request.pk))
        request.decided_at = now
        if request.mentor_id == person.pk:
            request.status = MentorshipRequest.Status.DECLINED
            request.response = f"{person.full_name} has left and cannot mentor you."
            request.save(update_fields=["status", "response", "decided_at"])
            _tell_mentee(
                request,
                f"{person.full_name} has left: ask another mentor",
                reverse("mentorship:find") + f"?programme={request.programme.offering_id}",
            )
        else:
            request.status = MentorshipRequest.Status.WITHDRAWN
            request.save(update_fields=["status", "decided_at"])
        audit(
            employer=person.employer,
            actor=actor,
            verb="mentorship.request_closed_leaver",
            target=request,
            leaver=person.pk,
        )
        count += 1
    return count


def _leave_runs(person: Individual, actor: Individual) -> int:
    proposals = Proposal.objects.select_for_update(of=("self",)).filter(
        Q(mentee=person) | Q(mentor=person), run__status=MatchingRun.Status.PROPOSED
    )
    count = 0
    for proposal in proposals:
        proposal.mentor = None
        proposal.score = 0
        proposal.reasons = []
        proposal.unmatched_reason = f"{person.full_name} has left."
        proposal.save(update_fields=["mentor", "score", "reasons", "unmatched_reason"])
        count += 1
    return count


@transaction.atomic
def mentorship_end_for_leaver(*, person: Individual, actor: Individual) -> int:
    """End what the leaver has in mentorship (module docstring); returns the mentorships
    closed. Idempotent: a second call finds nothing active or pending."""
    require_hr(actor, person.employer_id)
    active = (
        Mentorship.objects.select_for_update(of=("self",))
        .filter(Q(mentee=person) | Q(mentor=person))
        .filter(status=Mentorship.Status.ACTIVE)
        .order_by("pk")
    )
    closed = 0
    for mentorship in active:
        mentorship_close(
            mentorship=mentorship,
            actor=actor,
            reason=f"{person.full_name} left the organisation.",
            leaver=person,
        )
        closed += 1
    _end_requests(person, actor)
    _leave_runs(person, actor)
    profile = MentorProfile.objects.select_for_update().filter(person=person).first()
    if profile is not None and not profile.paused:
        profile.paused = True
        profile.save(update_fields=["paused", "updated_at"])
        audit(
            employer=person.employer, actor=actor, verb="mentorship.mentor_paused", target=profile
        )
    return closed


def mentorship_leaver_preview(person: Individual) -> list[str]:
    """Counts for HR's confirmation page."""
    lines = []
    active = Mentorship.objects.filter(
        Q(mentee=person) | Q(mentor=person), status=Mentorship.Status.ACTIVE
    ).count()
    if active:
        lines.append(
            f"Their {active} mentorship{'s' if active != 1 else ''} close"
            f"{'' if active != 1 else 's'}; the other side is told, and a mentee of theirs "
            "waits to be matched again."
        )
    pending = MentorshipRequest.objects.filter(
        Q(mentee=person) | Q(mentor=person), status=Pending
    ).count()
    if pending:
        lines.append(
            f"{pending} mentorship request{'s' if pending != 1 else ''} waiting "
            f"{'are' if pending != 1 else 'is'} closed (a mentee who asked them is told)."
        )
    if MentorProfile.objects.filter(person=person, paused=False).exists():
        lines.append("Their mentor profile is paused: nobody is offered them as a mentor.")
    return lines
