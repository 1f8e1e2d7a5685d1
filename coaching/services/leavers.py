"""What coaching ends when HR deactivates a person (`people.signals.person_deactivated`;
the contract is in `careersupport/people/signals.py`).

As a coachee: every engagement still live is cancelled (booked sessions and chemistry calls
cancelled, the coach's sight of their goals ended, the coach told).
As a coach: their profile is paused (they are offered to nobody); coaching they give that
is under way is cancelled and the coachee is back in HR's matching queue (their programme
place waits to be matched again); a request waiting for their answer, or a shortlist with
them on it, goes back to the person, who chooses another coach. History stays.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_cancel_prefix
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit
from programs.models import Enrollment

from .. import reminders as keys
from ..models import CoachProfile, Engagement, Session
from .engagements import _handoff, _locked, _tell, _wind_down
from .sessions import cancel_quietly

Status = Engagement.Status


def _end(engagement: Engagement, person: Individual, actor: Individual, now: datetime) -> None:
    engagement = _locked(engagement)
    if not engagement.is_live:
        return  # ended by someone else since it was listed
    as_coach = engagement.coach_id == person.pk
    _wind_down(engagement, actor, Status.CANCELLED, now)
    other = engagement.coachee if as_coach else engagement.coach
    if as_coach:
        # The person still wants coaching: their place waits to be matched again.
        _handoff(engagement, actor, Enrollment.Handoff.WAITING)
        title = f"{person.full_name} has left and can no longer coach you: ask for another coach"
    else:
        title = f"{person.full_name} has left: their coaching with you is cancelled"
    if other is not None:
        _tell(
            other,
            keys.ENGAGEMENT_ENDED,
            keys.engagement_ended_key(engagement.pk, other.pk),
            title,
            engagement.get_absolute_url(),
        )
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.cancelled",
        target=engagement,
        leaver=person.pk,
    )


def _release(engagement: Engagement, coach: Individual, actor: Individual) -> None:
    """As if the coach had declined: the person chooses among the others, or another."""
    engagement = _locked(engagement)
    if not engagement.is_live:
        return
    for call in engagement.sessions.filter(
        kind=Session.Kind.CHEMISTRY, status=Session.Status.BOOKED, coach=coach
    ).select_related("coach", "coachee"):
        cancel_quietly(call, actor)
    engagement.shortlist.remove(coach)
    if engagement.coach_id == coach.pk:
        reminder_cancel(key=keys.request_new_key(engagement.pk, coach.pk))
        reminder_cancel_prefix(prefix=keys.request_waiting_prefix(engagement.pk))
        engagement.coach = None
        engagement.coach_asked_at = None
        engagement.assigned_by = None
    if engagement.coach_id is None:
        engagement.status = Status.CHEMISTRY if engagement.shortlist.exists() else Status.REQUESTED
    engagement.save()
    _tell(
        engagement.coachee,
        keys.REQUEST_ANSWERED,
        keys.request_answered_key(engagement.pk, coach.pk),
        f"{coach.full_name} has left and cannot coach you: choose another coach",
        engagement.get_absolute_url(),
    )
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.coach_left",
        target=engagement,
        coach=coach.pk,
    )


@transaction.atomic
def coaching_end_for_leaver(
    *, person: Individual, actor: Individual, now: datetime | None = None
) -> int:
    """End what the leaver has in coaching (module docstring); returns the engagements
    cancelled or handed back. Idempotent: a second call finds nothing live."""
    require_hr(actor, person.employer_id)
    now = now or timezone.now()
    live = Engagement.objects.live().order_by("pk")
    ending = list(live.filter(Q(coachee=person) | Q(coach=person, status__in=Engagement.UNDER_WAY)))
    for engagement in ending:
        _end(engagement, person, actor, now)
    releasing = list(
        live.exclude(coachee=person).filter(Q(coach=person) | Q(shortlist=person)).distinct()
    )
    for engagement in releasing:
        _release(engagement, person, actor)
    profile = CoachProfile.objects.select_for_update().filter(individual=person).first()
    if profile is not None and profile.status != CoachProfile.Status.PAUSED:
        profile.status = CoachProfile.Status.PAUSED
        profile.save(update_fields=["status", "updated_at"])
        audit(employer=person.employer, actor=actor, verb="coaching.coach_paused", target=profile)
    return len(ending) + len(releasing)


def coaching_leaver_preview(person: Individual) -> list[str]:
    """Counts for HR's confirmation page (no topics, no notes: coaching is confidential)."""
    lines = []
    live = Engagement.objects.live()
    own = live.filter(coachee=person).count()
    if own:
        lines.append("Their coaching is cancelled, with any session still booked.")
    given = live.filter(coach=person, status__in=Engagement.UNDER_WAY).count()
    if given:
        who = f"{given} people" if given != 1 else "one person"
        lines.append(
            f"The coaching they give {who} is cancelled, with its booked sessions; "
            "each is told and waits to be matched with another coach."
        )
    asked = live.exclude(coachee=person).filter(Q(coach=person) | Q(shortlist=person))
    n = asked.distinct().count()
    if n:
        lines.append(
            f"{n} request{'s' if n != 1 else ''} waiting for them as a coach "
            f"{'go' if n != 1 else 'goes'} back to the person, who chooses another coach."
        )
    if CoachProfile.objects.filter(individual=person, status=CoachProfile.Status.ACTIVE).exists():
        lines.append("Their coach profile is paused: nobody is offered them as a coach.")
    return lines
