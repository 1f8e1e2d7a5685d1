"""Enrollment: enroll, waitlist, withdraw, promote, approve, decline, complete, hand off.

Every step that can change who holds a seat locks the offering row first, so seats stay
true when two people take the last one at the same moment.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import Enrollment, Offering, SessionRegistration
from ..reminders import (
    ENROLLMENT_APPROVED,
    ENROLLMENT_DECLINED,
    WAITLIST_PROMOTED,
    enrollment_news_key,
)
from ..selectors import is_eligible
from .events import cancel_session_reminders

Status = Enrollment.Status


def _audit_actor(offering: Offering, actor: Individual) -> Individual | None:
    """The audit trail names no one who joins or leaves a confidential offering (EAP)."""
    return None if offering.is_confidential else actor


def _lock(offering: Offering) -> Offering:
    return Offering.objects.select_for_update().get(pk=offering.pk)


def _seat_free(offering: Offering) -> bool:
    if offering.capacity is None:
        return True
    return offering.enrollments.filter(status__in=Enrollment.SEATED).count() < offering.capacity


def _next_position(offering: Offering) -> int:
    top = offering.enrollments.filter(status=Status.WAITLISTED).aggregate(
        m=Max("waitlist_position")
    )
    return (top["m"] or 0) + 1


def _leave_waitlist(enrollment: Enrollment) -> None:
    """Close the gap so positions stay 1..n."""
    position = enrollment.waitlist_position
    enrollment.waitlist_position = None
    if position:
        Enrollment.objects.filter(
            offering_id=enrollment.offering_id,
            status=Status.WAITLISTED,
            waitlist_position__gt=position,
        ).update(waitlist_position=F("waitlist_position") - 1)


def _tell(enrollment: Enrollment, kind: str, title: str, body: str = "") -> None:
    """News of this request (approved, declined, promoted): one reminder per request and kind,
    so a retried step never tells twice."""
    reminder_schedule(
        recipient=enrollment.person,
        kind=kind,
        key=enrollment_news_key(kind, enrollment.pk, enrollment.created_at),
        due_at=timezone.now(),
        title=title,
        body=body,
        url=enrollment.offering.get_absolute_url(),
        confidential=enrollment.offering.is_confidential,
    )


def _seat(enrollment: Enrollment, offering: Offering) -> None:
    """Enrolled when a seat is free, else at the end of the waitlist."""
    if _seat_free(offering):
        enrollment.status = Status.ENROLLED
        enrollment.waitlist_position = None
        enrollment.started_at = timezone.now()
        if offering.is_handoff and not enrollment.handoff_status:
            enrollment.handoff_status = Enrollment.Handoff.WAITING
    else:
        enrollment.status = Status.WAITLISTED
        enrollment.waitlist_position = _next_position(offering)


@transaction.atomic
def enrollment_create(*, offering: Offering, person: Individual, actor: Individual) -> Enrollment:
    """The person asks for a seat: requested (approval), enrolled, or waitlisted when full."""
    if actor.pk != person.pk:
        raise ValidationError("People enroll themselves.")
    offering = _lock(offering)
    if not is_eligible(person, offering):
        raise ValidationError("This offering is not open to you.")
    if offering.kind == Offering.Kind.POLICY:
        raise ValidationError("A policy is acknowledged, not enrolled in.")
    if not offering.enrollment_is_open():
        raise ValidationError("Enrollment is not open for this offering.")
    enrollment = (
        Enrollment.objects.select_for_update().filter(offering=offering, person=person).first()
    )
    if enrollment and enrollment.is_active:
        raise ValidationError(f"You are already {enrollment.get_status_display().lower()}.")
    if enrollment and enrollment.status == Status.COMPLETED:
        raise ValidationError("You have already completed this offering.")
    enrollment = enrollment or Enrollment(
        offering=offering, person=person, employer_id=offering.employer_id
    )
    enrollment.decision_reason = ""
    enrollment.decided_by = None
    enrollment.decided_at = None
    enrollment.created_at = timezone.now()
    enrollment.started_at = enrollment.ended_at = None
    if offering.needs_approval:
        enrollment.status = Status.REQUESTED
        enrollment.waitlist_position = None
    else:
        _seat(enrollment, offering)
    enrollment.full_clean(validate_unique=False)
    enrollment.save()
    audit(
        employer=offering.employer,
        actor=_audit_actor(offering, actor),
        verb="enrollment.created",
        target=enrollment,
        status=enrollment.status,
    )
    return enrollment


def promote_waitlist(*, offering: Offering) -> list[Enrollment]:
    """Give free seats to the first on the waitlist and tell them. Call with the offering
    locked (inside the transaction of the step that freed the seat)."""
    promoted = []
    while _seat_free(offering):
        first = (
            offering.enrollments.select_for_update()
            .filter(status=Status.WAITLISTED)
            .order_by("waitlist_position", "pk")
            .select_related("person", "offering")
            .first()
        )
        if first is None:
            break
        _leave_waitlist(first)
        first.status = Status.ENROLLED
        first.started_at = timezone.now()
        if offering.is_handoff and not first.handoff_status:
            first.handoff_status = Enrollment.Handoff.WAITING
        first.save(
            update_fields=[
                "status",
                "waitlist_position",
                "handoff_status",
                "started_at",
                "updated_at",
            ]
        )
        _tell(
            first,
            WAITLIST_PROMOTED,
            f"A seat freed up: you are now enrolled in {offering.title}",
        )
        audit(employer=offering.employer, actor=None, verb="enrollment.promoted", target=first)
        promoted.append(first)
    return promoted


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, actor: Individual) -> Enrollment:
    """The person leaves; their session registrations go too, and a freed seat is passed on."""
    if actor.pk != enrollment.person_id:
        raise ValidationError("Only the person can withdraw their enrollment.")
    return _withdraw(enrollment, actor)


def _withdraw(enrollment: Enrollment, actor: Individual) -> Enrollment:
    """Withdraw (the person, or HR deactivating them): inside the caller's transaction."""
    offering = _lock(enrollment.offering)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if not enrollment.is_active:
        raise ValidationError("There is nothing to withdraw from.")
    held_seat = enrollment.status == Status.ENROLLED
    if enrollment.status == Status.WAITLISTED:
        _leave_waitlist(enrollment)
    enrollment.status = Status.WITHDRAWN
    enrollment.waitlist_position = None
    enrollment.is_lead = False
    if held_seat:
        enrollment.ended_at = timezone.now()
    enrollment.save(
        update_fields=["status", "waitlist_position", "is_lead", "ended_at", "updated_at"]
    )
    registrations = SessionRegistration.objects.filter(
        session__offering=offering, person_id=enrollment.person_id
    )
    for session_id in registrations.values_list("session_id", flat=True):
        cancel_session_reminders(session_id, enrollment.person_id)
    registrations.delete()
    if offering.kind == Offering.Kind.JOB_SHADOWING:
        from .kinds import bookings_cancel_for

        bookings_cancel_for(offering=offering, participant=enrollment.person, actor=actor)
    audit(
        employer=offering.employer,
        actor=_audit_actor(offering, actor),
        verb="enrollment.withdrawn",
        target=enrollment,
    )
    if held_seat:
        promote_waitlist(offering=offering)
    return enrollment


@transaction.atomic
def enrollments_end_for_leaver(*, person: Individual, actor: Individual) -> int:
    """A leaver (`people.person_deactivate`): each active enrollment is withdrawn as if they
    had withdrawn it themselves (registrations and their reminders cancelled, shadowing
    bookings cancelled with the host told, a freed seat passed to the waitlist). Offerings
    are locked one at a time, in id order, as every enrollment step locks them."""
    require_hr(actor, person.employer_id)
    active = Enrollment.objects.filter(person=person, status__in=Enrollment.ACTIVE).order_by(
        "offering_id"
    )
    count = 0
    for enrollment in active.select_related("offering"):
        _withdraw(enrollment, actor)
        count += 1
    return count


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, actor: Individual) -> Enrollment:
    require_hr(actor, enrollment.employer_id)
    offering = _lock(enrollment.offering)
    enrollment = (
        Enrollment.objects.select_for_update().select_related("person").get(pk=enrollment.pk)
    )
    if enrollment.status != Status.REQUESTED:
        raise ValidationError(f"{enrollment.person} is not waiting for approval.")
    _seat(enrollment, offering)
    enrollment.decided_by = actor
    enrollment.decided_at = timezone.now()
    enrollment.save()
    title = (
        f"You are enrolled in {offering.title}"
        if enrollment.status == Status.ENROLLED
        else f"Approved for {offering.title}: it is full, you are number "
        f"{enrollment.waitlist_position} on the waitlist"
    )
    _tell(enrollment, ENROLLMENT_APPROVED, title)
    audit(employer=offering.employer, actor=actor, verb="enrollment.approved", target=enrollment)
    return enrollment


@transaction.atomic
def enrollment_decline(*, enrollment: Enrollment, actor: Individual, reason: str) -> Enrollment:
    require_hr(actor, enrollment.employer_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason: the person will read it."})
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("person", "offering")
        .get(pk=enrollment.pk)
    )
    if enrollment.status != Status.REQUESTED:
        raise ValidationError(f"{enrollment.person} is not waiting for approval.")
    enrollment.status = Status.DECLINED
    enrollment.decision_reason = reason
    enrollment.decided_by = actor
    enrollment.decided_at = timezone.now()
    enrollment.save()
    _tell(
        enrollment,
        ENROLLMENT_DECLINED,
        f"Your request for {enrollment.offering.title} was declined",
        body=reason,
    )
    audit(employer=enrollment.employer, actor=actor, verb="enrollment.declined", target=enrollment)
    return enrollment


@transaction.atomic
def enrollments_decide(
    *, enrollments: Iterable[Enrollment], actor: Individual, approve: bool, reason: str = ""
) -> list[Enrollment]:
    """Bulk approve or decline: all or nothing, so a problem leaves every request as it was."""
    decided = []
    for enrollment in enrollments:
        if approve:
            decided.append(enrollment_approve(enrollment=enrollment, actor=actor))
        else:
            decided.append(enrollment_decline(enrollment=enrollment, actor=actor, reason=reason))
    return decided


@transaction.atomic
def enrollment_complete(*, enrollment: Enrollment, actor: Individual) -> Enrollment:
    require_hr(actor, enrollment.employer_id)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != Status.ENROLLED:
        raise ValidationError("Only an enrolled person can complete.")
    enrollment.status = Status.COMPLETED
    enrollment.ended_at = timezone.now()
    enrollment.save(update_fields=["status", "ended_at", "updated_at"])
    audit(employer=enrollment.employer, actor=actor, verb="enrollment.completed", target=enrollment)
    return enrollment


@transaction.atomic
def enrollment_set_handoff(
    *, enrollment: Enrollment, actor: Individual | None, status: str, url: str = ""
) -> Enrollment:
    """The hook for the coaching and mentorship apps: they record where the person is in
    their flow and the page to continue on; 'My programs' shows both."""
    if enrollment.offering.kind not in Offering.HANDOFF_KINDS:
        raise ValidationError("Only coaching and mentorship programs hand people on.")
    enrollment.handoff_status = status
    enrollment.handoff_url = url
    enrollment.full_clean(validate_unique=False)
    enrollment.save(update_fields=["handoff_status", "handoff_url", "updated_at"])
    audit(
        employer=enrollment.employer,
        actor=actor,
        verb="enrollment.handoff",
        target=enrollment,
        status=status,
    )
    return enrollment
