"""Kind-specific steps: family-friendly policies, ERG leads, job shadowing, re-entry cohorts."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import (
    Cohort,
    Enrollment,
    Milestone,
    MilestoneProgress,
    Offering,
    Phase,
    PolicyAcknowledgement,
    PolicyVersion,
    ShadowBooking,
    ShadowSlot,
)
from ..reminders import SHADOW_BOOKING, shadow_booking_key
from ..selectors import is_eligible
from .enrollment import enrollment_create


def _require_kind(offering: Offering, kind: str) -> None:
    if offering.kind != kind:
        raise ValidationError(f"This is not a {Offering.Kind(kind).label.lower()}.")


# --- family-friendly policies ------------------------------------------------------------


@transaction.atomic
def policy_publish_version(*, offering: Offering, actor: Individual, text: str) -> PolicyVersion:
    """A new version of the text; earlier acknowledgements stay with the version they were for."""
    require_hr(actor, offering.employer_id)
    _require_kind(offering, Offering.Kind.POLICY)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if not text.strip():
        raise ValidationError({"text": "The policy needs its text."})
    top = offering.versions.aggregate(m=Max("number"))["m"] or 0
    version = PolicyVersion(
        offering=offering, number=top + 1, text=text.strip(), published_by=actor
    )
    version.full_clean()
    version.save()
    audit(employer=actor.employer, actor=actor, verb="policy.versioned", target=version)
    return version


@transaction.atomic
def policy_acknowledge(
    *, version: PolicyVersion, person: Individual, actor: Individual
) -> PolicyAcknowledgement:
    if actor.pk != person.pk:
        raise ValidationError("People acknowledge for themselves.")
    if not is_eligible(person, version.offering):
        raise ValidationError("This policy is not addressed to you.")
    latest = version.offering.versions.order_by("-number").first()
    if latest != version:
        raise ValidationError("A newer version was published: read and acknowledge that one.")
    ack, created = PolicyAcknowledgement.objects.get_or_create(version=version, person=person)
    if created:
        audit(employer=person.employer, actor=actor, verb="policy.acknowledged", target=ack)
    return ack


# --- employee resource groups ------------------------------------------------------------


@transaction.atomic
def erg_set_lead(*, enrollment: Enrollment, actor: Individual, is_lead: bool) -> Enrollment:
    require_hr(actor, enrollment.offering.employer_id)
    _require_kind(enrollment.offering, Offering.Kind.ERG)
    if enrollment.status != Enrollment.Status.ENROLLED:
        raise ValidationError("Only a member can lead the group.")
    enrollment.is_lead = is_lead
    enrollment.save(update_fields=["is_lead", "updated_at"])
    audit(employer=actor.employer, actor=actor, verb="erg.lead", target=enrollment, lead=is_lead)
    return enrollment


# --- job shadowing -----------------------------------------------------------------------


def _tell(person: Individual, booking: ShadowBooking, step: str, title: str, url: str) -> None:
    """News of one step of a booking (asked, confirmed, declined, cancelled): each happens
    once, so its key is the booking and the step."""
    reminder_schedule(
        recipient=person,
        kind=SHADOW_BOOKING,
        key=shadow_booking_key(booking.pk, step),
        due_at=timezone.now(),
        title=title,
        url=url,
    )


@transaction.atomic
def slot_create(
    *, offering: Offering, host: Individual, starts_at: datetime, ends_at: datetime, note: str = ""
) -> ShadowSlot:
    """An employee offers a dated slot to be shadowed in their job."""
    _require_kind(offering, Offering.Kind.JOB_SHADOWING)
    if not host.is_employee or host.employer_id != offering.employer_id:
        raise ValidationError("Only employees of this employer host job shadowing.")
    if offering.status != Offering.Status.PUBLISHED:
        raise ValidationError("This offering is not published.")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "Offer a slot in the future."})
    slot = ShadowSlot(offering=offering, host=host, starts_at=starts_at, ends_at=ends_at, note=note)
    slot.full_clean()
    slot.save()
    audit(employer=host.employer, actor=host, verb="shadow.slot_created", target=slot)
    return slot


def _seat_for_booking(slot: ShadowSlot, participant: Individual) -> Enrollment:
    """Shadowing a host is taking part in the programme: the participant holds a seat of it
    (enrolled now if they were not, which counts against its capacity). Someone waiting
    for HR's approval or on the waitlist cannot book yet."""
    enrollment = Enrollment.objects.filter(offering=slot.offering, person=participant).first()
    if enrollment is None or not enrollment.is_active:
        if slot.offering.needs_approval:
            raise ValidationError("Request a place first: you can book once HR approves it.")
        enrollment = enrollment_create(
            offering=slot.offering, person=participant, actor=participant
        )
    if enrollment.status == Enrollment.Status.REQUESTED:
        raise ValidationError("HR has not approved your place yet: book once they have.")
    if enrollment.status == Enrollment.Status.WAITLISTED:
        raise ValidationError(
            "Every seat of this programme is taken: join the waitlist, and book a slot "
            "once you have a seat."
        )
    return enrollment


@transaction.atomic
def slot_book(*, slot: ShadowSlot, participant: Individual) -> ShadowBooking:
    """Book a slot; it enrolls the participant in the programme if they were not (a seat)."""
    slot = ShadowSlot.objects.select_for_update().select_related("offering", "host").get(pk=slot.pk)
    if slot.host_id == participant.pk:
        raise ValidationError("You cannot shadow yourself.")
    if slot.host.deactivated_at is not None:
        raise ValidationError("This host has left: choose another slot.")
    if not is_eligible(participant, slot.offering):
        raise ValidationError("This offering is not open to you.")
    if slot.starts_at <= timezone.now():
        raise ValidationError("This slot has already started.")
    if ShadowBooking.objects.filter(slot=slot, status__in=ShadowBooking.LIVE).exists():
        raise ValidationError("Someone has already booked this slot.")
    _seat_for_booking(slot, participant)
    try:
        with transaction.atomic():
            booking = ShadowBooking.objects.create(slot=slot, participant=participant)
    except IntegrityError:
        raise ValidationError("Someone has already booked this slot.") from None
    _tell(
        slot.host,
        booking,
        ShadowBooking.Status.REQUESTED,
        f"{participant.full_name} asked to shadow you on {slot.starts_at.astimezone(slot.host.tzinfo):%d %b %H:%M}",
        # The host confirms or declines on My programs.
        reverse("programs:mine"),
    )
    audit(employer=participant.employer, actor=participant, verb="shadow.booked", target=booking)
    return booking


@transaction.atomic
def booking_decide(*, booking: ShadowBooking, actor: Individual, confirm: bool) -> ShadowBooking:
    booking = (
        ShadowBooking.objects.select_for_update()
        .select_related("slot", "slot__offering", "participant")
        .get(pk=booking.pk)
    )
    if booking.slot.host_id != actor.pk:
        raise ValidationError("Only the host confirms or declines.")
    if booking.status != ShadowBooking.Status.REQUESTED:
        raise ValidationError("This booking has already been decided.")
    booking.status = ShadowBooking.Status.CONFIRMED if confirm else ShadowBooking.Status.DECLINED
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_at"])
    _tell(
        booking.participant,
        booking,
        booking.status,
        f"Job shadowing with {actor.full_name}: {booking.get_status_display().lower()}",
        booking.slot.offering.get_absolute_url(),
    )
    audit(employer=actor.employer, actor=actor, verb=f"shadow.{booking.status}", target=booking)
    return booking


@transaction.atomic
def booking_cancel(*, booking: ShadowBooking, actor: Individual) -> ShadowBooking:
    if booking.participant_id != actor.pk:
        raise ValidationError("Only the participant cancels their booking.")
    if booking.status not in (ShadowBooking.Status.REQUESTED, ShadowBooking.Status.CONFIRMED):
        raise ValidationError("This booking is no longer active.")
    booking.status = ShadowBooking.Status.CANCELLED
    booking.save(update_fields=["status"])
    slot = booking.slot
    # The host keeps the day free for them: tell them it is free again.
    _tell(
        slot.host,
        booking,
        ShadowBooking.Status.CANCELLED,
        f"{actor.full_name} cancelled shadowing you on "
        f"{slot.starts_at.astimezone(slot.host.tzinfo):%d %b %H:%M}",
        reverse("programs:mine"),
    )
    audit(employer=actor.employer, actor=actor, verb="shadow.cancelled", target=booking)
    return booking


def bookings_cancel_for(*, offering: Offering, participant: Individual, actor: Individual) -> int:
    """The participant left the programme (withdrew, or was deactivated): their live
    bookings of its slots end and each host is told the slot is free again."""
    bookings = (
        ShadowBooking.objects.select_for_update()
        .filter(slot__offering=offering, participant=participant, status__in=ShadowBooking.LIVE)
        .select_related("slot", "slot__host")
    )
    count = 0
    for booking in bookings:
        booking.status = ShadowBooking.Status.CANCELLED
        booking.save(update_fields=["status"])
        slot = booking.slot
        _tell(
            slot.host,
            booking,
            ShadowBooking.Status.CANCELLED,
            f"{participant.full_name} no longer shadows you on "
            f"{slot.starts_at.astimezone(slot.host.tzinfo):%d %b %H:%M}: the slot is free again",
            reverse("programs:mine"),
        )
        audit(employer=offering.employer, actor=actor, verb="shadow.cancelled", target=booking)
        count += 1
    return count


@transaction.atomic
def hosting_end_for_leaver(*, host: Individual, actor: Individual) -> int:
    """A host who leaves: the live bookings of their coming slots are cancelled and each
    participant told; the slots stay as history and are offered no more (a deactivated
    host's slots are left out of the offering's page)."""
    require_hr(actor, host.employer_id)
    bookings = (
        ShadowBooking.objects.select_for_update()
        .filter(slot__host=host, slot__starts_at__gt=timezone.now(), status__in=ShadowBooking.LIVE)
        .select_related("slot", "slot__offering", "participant")
    )
    count = 0
    for booking in bookings:
        booking.status = ShadowBooking.Status.CANCELLED
        booking.save(update_fields=["status"])
        _tell(
            booking.participant,
            booking,
            ShadowBooking.Status.CANCELLED,
            f"Job shadowing with {host.full_name} on "
            f"{booking.slot.starts_at.astimezone(booking.participant.tzinfo):%d %b %H:%M} is "
            "cancelled: they have left",
            booking.slot.offering.get_absolute_url(),
        )
        audit(employer=host.employer, actor=actor, verb="shadow.cancelled", target=booking)
        count += 1
    return count


# --- re-entry cohorts --------------------------------------------------------------------


@transaction.atomic
def cohort_create(*, offering: Offering, actor: Individual, name: str, starts_on: date) -> Cohort:
    require_hr(actor, offering.employer_id)
    _require_kind(offering, Offering.Kind.REENTRY)
    cohort = Cohort(offering=offering, name=name.strip(), starts_on=starts_on)
    cohort.full_clean()
    cohort.save()
    audit(employer=actor.employer, actor=actor, verb="cohort.created", target=cohort)
    return cohort


@transaction.atomic
def phase_create(
    *,
    cohort: Cohort,
    actor: Individual,
    name: str,
    starts_on: date,
    ends_on: date,
    milestones: list[str],
) -> Phase:
    require_hr(actor, cohort.offering.employer_id)
    order = (cohort.phases.aggregate(m=Max("order"))["m"] or 0) + 1
    phase = Phase(
        cohort=cohort, name=name.strip(), order=order, starts_on=starts_on, ends_on=ends_on
    )
    phase.full_clean()
    phase.save()
    Milestone.objects.bulk_create(
        [Milestone(phase=phase, title=t.strip()[:200]) for t in milestones if t.strip()]
    )
    audit(employer=actor.employer, actor=actor, verb="cohort.phase_created", target=phase)
    return phase


@transaction.atomic
def participant_place(
    *, enrollment: Enrollment, cohort: Cohort | None, actor: Individual
) -> Enrollment:
    require_hr(actor, enrollment.offering.employer_id)
    if cohort is not None and cohort.offering_id != enrollment.offering_id:
        raise ValidationError({"cohort": "Choose a cohort of this program."})
    if enrollment.status not in (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED):
        raise ValidationError("Only enrolled participants join a cohort.")
    enrollment.cohort = cohort
    enrollment.save(update_fields=["cohort", "updated_at"])
    audit(employer=actor.employer, actor=actor, verb="cohort.placed", target=enrollment)
    return enrollment


@transaction.atomic
def participant_path_update(
    *, enrollment: Enrollment, actor: Individual, cohort: Cohort | None, outcome: str
) -> Enrollment:
    """HR's form for a returner: the cohort and the outcome are saved together or not at all
    (an outcome refused leaves the cohort as it was)."""
    enrollment = participant_place(enrollment=enrollment, cohort=cohort, actor=actor)
    if outcome != enrollment.outcome:
        enrollment = outcome_record(enrollment=enrollment, actor=actor, outcome=outcome)
    return enrollment


@transaction.atomic
def milestone_record(
    *, enrollment: Enrollment, milestone: Milestone, actor: Individual, done: bool = True
) -> None:
    require_hr(actor, enrollment.offering.employer_id)
    if enrollment.cohort_id is None or milestone.phase.cohort_id != enrollment.cohort_id:
        raise ValidationError("This milestone is not on this participant's path.")
    if done:
        MilestoneProgress.objects.get_or_create(
            milestone=milestone, enrollment=enrollment, defaults={"recorded_by": actor}
        )
    else:
        MilestoneProgress.objects.filter(milestone=milestone, enrollment=enrollment).delete()
    audit(
        employer=actor.employer,
        actor=actor,
        verb="cohort.milestone",
        target=enrollment,
        milestone=milestone.pk,
        done=done,
    )


@transaction.atomic
def outcome_record(*, enrollment: Enrollment, actor: Individual, outcome: str) -> Enrollment:
    """Placed in a role, extended, or exited: what re-entry reports count."""
    require_hr(actor, enrollment.offering.employer_id)
    _require_kind(enrollment.offering, Offering.Kind.REENTRY)
    if outcome not in Enrollment.Outcome.values:
        raise ValidationError({"outcome": "Choose an outcome."})
    enrollment.outcome = outcome
    if outcome in (Enrollment.Outcome.PLACED, Enrollment.Outcome.EXITED) and (
        enrollment.status == Enrollment.Status.ENROLLED
    ):
        enrollment.status = Enrollment.Status.COMPLETED
        enrollment.ended_at = timezone.now()
    enrollment.save(update_fields=["outcome", "status", "ended_at", "updated_at"])
    audit(
        employer=actor.employer,
        actor=actor,
        verb="cohort.outcome",
        target=enrollment,
        outcome=outcome,
    )
    return enrollment
