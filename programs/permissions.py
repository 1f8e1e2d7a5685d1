"""Who may see or change what in `programs`. 404 for strangers, 403 for the wrong role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careersupport.people.models import Individual

from .models import Cohort, Enrollment, Offering, Session, ShadowBooking, ShadowSlot
from .selectors import offerings_eligible_for


def get_offering_for_user(viewer: Individual, pk: int, *, write: bool = False) -> Offering:
    """HR of the employer may see and change any of its offerings (write); others only the
    published ones they are eligible for, read-only."""
    if write:
        if not viewer.is_hr_admin:
            raise PermissionDenied("Only HR admins manage offerings.")
        return get_object_or_404(Offering.objects.for_employer(viewer.employer_id), pk=pk)
    offering = offerings_eligible_for(viewer).filter(pk=pk).first()
    if offering is None and viewer.is_hr_admin:
        # HR previews any offering of the employer as people see it (a draft, or one for
        # partners only); enrolling still checks eligibility.
        offering = Offering.objects.for_employer(viewer.employer_id).filter(pk=pk).first()
    if offering is None:
        # People keep seeing what they joined after HR unpublishes it or their eligibility
        # changes; they can withdraw but not join again.
        offering = (
            Offering.objects.for_employer(viewer.employer_id)
            .filter(enrollments__person=viewer, pk=pk)
            .first()
        )
    if offering is None:
        # A published offering of the person's own employer is in its catalog for others:
        # saying it is not open to them reveals nothing. Drafts and other employers: 404.
        published = Offering.objects.for_employer(viewer.employer_id).filter(
            pk=pk, status=Offering.Status.PUBLISHED
        )
        if published.exists():
            raise PermissionDenied(
                "This programme is not open to you: its audience does not include you. "
                "HR can tell you who it is for."
            )
        raise Http404("No such offering.")
    return offering


def get_enrollment_for_hr(viewer: Individual, pk: int) -> Enrollment:
    """An enrollment HR may act on; a confidential one is never opened by name."""
    if not viewer.is_hr_admin:
        raise PermissionDenied("Only HR admins decide enrollments.")
    return get_object_or_404(
        Enrollment.objects.for_employer(viewer.employer_id)
        .filter(offering__is_confidential=False)
        .select_related("offering", "person"),
        pk=pk,
    )


def get_session_for_user(viewer: Individual, pk: int, *, write: bool = False) -> Session:
    session = get_object_or_404(
        Session.objects.for_employer(viewer.employer_id).select_related("offering"), pk=pk
    )
    get_offering_for_user(viewer, session.offering_id, write=write)
    return session


def get_offering_for_organiser(viewer: Individual, pk: int) -> Offering:
    """An event whose sessions the viewer may schedule: HR, or a lead of the ERG."""
    from .services.events import is_organiser

    offering = get_offering_for_user(viewer, pk)
    if not is_organiser(viewer, offering):
        raise PermissionDenied("Only the group's leads and HR schedule its events.")
    return offering


def get_session_for_organiser(viewer: Individual, pk: int) -> Session:
    session = get_session_for_user(viewer, pk)
    get_offering_for_organiser(viewer, session.offering_id)
    return session


def get_session_registrations_for_organiser(viewer: Individual, pk: int) -> Session:
    """A session whose registrations the viewer may list: HR, or a lead of the group; never
    a confidential offering's (its count only)."""
    session = get_session_for_organiser(viewer, pk)
    if session.offering.is_confidential:
        raise PermissionDenied("Who takes part in a confidential offering is never listed.")
    return session


def get_slot_for_user(viewer: Individual, pk: int) -> ShadowSlot:
    slot = get_object_or_404(
        ShadowSlot.objects.for_employer(viewer.employer_id).select_related("offering", "host"),
        pk=pk,
    )
    get_offering_for_user(viewer, slot.offering_id)
    return slot


def get_booking_for_host(viewer: Individual, pk: int) -> ShadowBooking:
    booking = get_object_or_404(
        ShadowBooking.objects.for_employer(viewer.employer_id).select_related(
            "slot", "slot__offering", "participant"
        ),
        pk=pk,
    )
    if booking.slot.host_id != viewer.pk:
        raise PermissionDenied("Only the host confirms or declines a booking.")
    return booking


def get_cohort_for_hr(viewer: Individual, pk: int) -> Cohort:
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        Cohort.objects.for_employer(viewer.employer_id).select_related("offering"),
        pk=pk,
    )
