"""Reads shaped for each page, scoped to the viewer. Eligibility lives here and only here."""

from __future__ import annotations

from datetime import date
from functools import cache

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.people.models import Individual, Partnership

from .models import (
    Cohort,
    Enrollment,
    Offering,
    Phase,
    PolicyAcknowledgement,
    PolicyVersion,
    Session,
    SessionRegistration,
    ShadowBooking,
    ShadowSlot,
)

# --- eligibility: the one rule for listing, enrolling and every kind-specific action ---------


def eligibility_q(person: Individual) -> Q:
    """Offerings whose audience includes this person (any ticked group, within departments)."""
    groups = Q(pk__in=[])
    if person.is_employee:
        groups |= Q(for_employees=True)
        if person.is_manager:
            groups |= Q(for_managers=True)
    if person.is_partner:
        # A partner takes part through an active partnership with an employee; once it
        # ends (or before it is accepted) the employer's programs are closed to them.
        if not Partnership.objects.active().filter(partner=person).exists():
            return Q(pk__in=[])
        groups |= Q(for_partners=True)
    if person.kind != Individual.Kind.EXTERNAL:
        # Caregiver and returner flags open offerings to employees and partners alike.
        if person.is_caregiver:
            groups |= Q(for_caregivers=True)
        if person.is_returner:
            groups |= Q(for_returners=True)
    through = Offering.departments.through
    limited = Exists(through.objects.filter(offering_id=OuterRef("pk")))
    in_mine = Exists(
        through.objects.filter(offering_id=OuterRef("pk"), department=person.department_id)
    )
    return groups & (~limited | in_mine)


def offerings_eligible_for(person: Individual) -> QuerySet[Offering]:
    """Published offerings of the person's employer that they may see and join."""
    if person.deactivated_at is not None:
        return Offering.objects.none()
    return Offering.objects.for_employer(person.employer_id).filter(
        eligibility_q(person), status=Offering.Status.PUBLISHED
    )


def is_eligible(person: Individual, offering: Offering) -> bool:
    return offerings_eligible_for(person).filter(pk=offering.pk).exists()


# --- catalog -----------------------------------------------------------------------------


@cache
def status_count(status: str) -> Coalesce:
    """How many enrollments of the row's offering have this status, as a correlated
    subquery: PostgreSQL evaluates it for the rows of the page only, not for every
    enrollment of every offering as a JOIN with GROUP BY would, and COUNT(*) lets it
    answer from the (offering, status, ...) index alone. Built once per status: Django
    copies an expression when a query resolves it, and building one costs more than that."""
    rows = (
        Enrollment.objects.filter(offering_id=OuterRef("pk"), status=status)
        .order_by()
        .values("offering_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_seat_counts(qs: QuerySet[Offering]) -> QuerySet[Offering]:
    # One count per seated status: each is a range of the (offering, status) index, where
    # an IN over both would read every enrollment of the offering.
    return qs.annotate(
        seats_taken=status_count(Enrollment.Status.ENROLLED)
        + status_count(Enrollment.Status.COMPLETED),
        waitlisted_count=status_count(Enrollment.Status.WAITLISTED),
    )


def catalog_for(
    *,
    viewer: Individual,
    kind: str = "",
    starts_after: date | None = None,
    starts_before: date | None = None,
    q: str = "",
) -> QuerySet[Offering]:
    """The catalog page: eligible offerings with the viewer's own status, one query."""
    mine = Enrollment.objects.filter(offering_id=OuterRef("pk"), person=viewer).order_by()
    # A policy's own status is whether I acknowledged its current version.
    current = PolicyVersion.objects.filter(offering_id=OuterRef(OuterRef("pk"))).order_by("-number")
    qs = offerings_eligible_for(viewer).annotate(
        my_status=Subquery(mine.values("status")[:1]),
        my_position=Subquery(mine.values("waitlist_position")[:1]),
        my_acknowledged=Exists(
            PolicyAcknowledgement.objects.filter(
                person=viewer, version_id=Subquery(current.values("pk")[:1])
            )
        ),
    )
    if kind:
        qs = qs.filter(kind=kind)
    if starts_after:
        # Still running on that day: ends after it, or has no end and starts after it (or
        # has no dates at all, like an EAP line or a policy).
        qs = qs.filter(
            Q(ends_on__gte=starts_after)
            | Q(ends_on__isnull=True) & (Q(starts_on__gte=starts_after) | Q(starts_on__isnull=True))
        )
    if starts_before:
        qs = qs.filter(Q(starts_on__lte=starts_before) | Q(starts_on__isnull=True))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return with_seat_counts(qs).order_by("starts_on", "title", "pk")


def my_enrollments(viewer: Individual) -> QuerySet[Enrollment]:
    """Everything I am in or waiting for (and what was declined, with HR's reason), with
    the next session of each."""
    upcoming = Session.objects.filter(
        offering_id=OuterRef("offering_id"), ends_at__gte=timezone.now()
    )
    return (
        Enrollment.objects.filter(
            person=viewer,
            status__in=[
                *Enrollment.ACTIVE,
                Enrollment.Status.COMPLETED,
                Enrollment.Status.DECLINED,
            ],
        )
        .select_related("offering", "cohort")
        .annotate(
            next_session_at=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
            next_session_title=Subquery(upcoming.order_by("starts_at").values("title")[:1]),
        )
        .order_by("status", "offering__starts_on", "pk")
    )


def my_sessions(viewer: Individual) -> QuerySet[Session]:
    return (
        Session.objects.filter(registrations__person=viewer, ends_at__gte=timezone.now())
        .select_related("offering")
        .order_by("starts_at")
    )


def sessions_of(offering: Offering, viewer: Individual) -> QuerySet[Session]:
    return offering.sessions.annotate(
        registered=Exists(
            SessionRegistration.objects.filter(session_id=OuterRef("pk"), person=viewer)
        ),
        registered_count=Count("registrations"),
    ).order_by("starts_at")


def session_registrations(session: Session) -> QuerySet[SessionRegistration]:
    """Who registered for a session, by name; never for a confidential offering's session
    (callers show the count instead)."""
    if session.offering.is_confidential:
        return SessionRegistration.objects.none()
    return session.registrations.select_related("person", "person__department").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def feed_sessions(person: Individual) -> QuerySet[Session]:
    return (
        Session.objects.filter(registrations__person=person)
        .select_related("offering")
        .order_by("starts_at")
    )


def current_policy_version(offering: Offering) -> PolicyVersion | None:
    return offering.versions.order_by("-number").first()


def has_acknowledged(person: Individual, version: PolicyVersion | None) -> bool:
    return bool(
        version and PolicyAcknowledgement.objects.filter(version=version, person=person).exists()
    )


def erg_members(offering: Offering) -> QuerySet[Enrollment]:
    if offering.is_confidential:  # refused by Offering.clean; never list names regardless
        return Enrollment.objects.none()
    return (
        offering.enrollments.filter(status=Enrollment.Status.ENROLLED)
        .select_related("person")
        .order_by("-is_lead", "person__last_name", "person__first_name")
    )


def shadow_slots_for(offering: Offering, viewer: Individual) -> QuerySet[ShadowSlot]:
    live = ShadowBooking.objects.filter(slot_id=OuterRef("pk"), status__in=ShadowBooking.LIVE)
    return (
        offering.slots.filter(ends_at__gte=timezone.now())
        .select_related("host")
        .annotate(
            taken=Exists(live),
            my_booking_status=Subquery(
                ShadowBooking.objects.filter(slot_id=OuterRef("pk"), participant=viewer)
                .order_by("-created_at")
                .values("status")[:1]
            ),
        )
    )


def bookings_for_host(host: Individual) -> QuerySet[ShadowBooking]:
    return (
        ShadowBooking.objects.filter(slot__host=host, status__in=ShadowBooking.LIVE)
        .select_related("slot", "slot__offering", "participant")
        .order_by("slot__starts_at")
    )


def my_bookings(viewer: Individual) -> QuerySet[ShadowBooking]:
    return (
        ShadowBooking.objects.filter(participant=viewer)
        .select_related("slot", "slot__offering", "slot__host")
        .order_by("slot__starts_at")
    )


# --- HR console --------------------------------------------------------------------------


def offerings_for_hr(
    *, viewer: Individual, status: str = "", kind: str = "", q: str = ""
) -> QuerySet[Offering]:
    qs = Offering.objects.for_employer(viewer.employer_id)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.annotate(
        **{
            f"{s}_count": status_count(s)
            for s in ("requested", "enrolled", "waitlisted", "completed")
        }
    ).order_by("-created_at", "-pk")


def status_counts(offering: Offering) -> dict[str, int]:
    rows = offering.enrollments.values_list("status").annotate(n=Count("pk"))
    counts = {s: 0 for s in Enrollment.Status.values}
    counts.update(dict(rows))
    return counts


def approval_queue(viewer: Individual, *, offering_id: int | None = None) -> QuerySet[Enrollment]:
    """Requests waiting for HR, oldest first. No request of a confidential offering exists:
    it cannot need approval, nor become confidential while requests wait (offering_update),
    so the count reads the partial index alone, with no join to the offerings."""
    qs = Enrollment.objects.for_employer(viewer.employer_id).filter(
        status=Enrollment.Status.REQUESTED
    )
    if offering_id:
        qs = qs.filter(offering_id=offering_id)
    return qs.select_related("offering", "person", "person__department").order_by(
        "created_at", "pk"
    )


PENDING_CAP = 999


def pending_label(viewer: Individual) -> str:
    """How many requests wait, for a button or the home card: counted up to 999 only
    ("999+"), so the badge costs the same however long the queue grows."""
    n = (
        Enrollment.objects.for_employer(viewer.employer_id)
        .filter(status=Enrollment.Status.REQUESTED)
        .order_by()[: PENDING_CAP + 1]
        .count()
    )
    return f"{PENDING_CAP}+" if n > PENDING_CAP else str(n)


def roster(offering: Offering) -> QuerySet[Enrollment]:
    """Names of participants. Never for a confidential offering: callers show counts instead."""
    if offering.is_confidential:
        return Enrollment.objects.none()
    return offering.enrollments.select_related("person", "person__department", "cohort").order_by(
        "status", "waitlist_position", "person__last_name", "pk"
    )


def acknowledgements_of(version: PolicyVersion | None) -> QuerySet[PolicyAcknowledgement]:
    if version is None or version.offering.is_confidential:
        return PolicyAcknowledgement.objects.none()
    return version.acknowledgements.select_related("person", "person__department").order_by(
        "person__last_name", "person__first_name"
    )


# --- re-entry ----------------------------------------------------------------------------


def cohorts_of(offering: Offering) -> QuerySet[Cohort]:
    return offering.cohorts.prefetch_related("phases__milestones").annotate(
        participant_count=Count("participants", distinct=True)
    )


def reentry_path(enrollment: Enrollment) -> list[dict]:
    """The participant's phases in order, each with its milestones and which are done."""
    if enrollment.cohort_id is None:
        return []
    done = set(enrollment.milestones_done.values_list("milestone_id", flat=True))
    today = timezone.localdate()
    path = []
    for phase in Phase.objects.filter(cohort_id=enrollment.cohort_id).prefetch_related(
        "milestones"
    ):
        state = "done" if phase.ends_on < today else "now" if phase.starts_on <= today else "next"
        path.append(
            {
                "phase": phase,
                "state": state,
                "milestones": [(m, m.pk in done) for m in phase.milestones.all()],
            }
        )
    return path


# --- the hook for the coaching and mentorship apps ----------------------------------------


def enrollments_awaiting_handoff(*, viewer: Individual, kind: str) -> QuerySet[Enrollment]:
    """People enrolled in a coaching or mentorship program and not yet matched, for HR of
    the viewer's employer; those apps match them and call `enrollment_set_handoff`."""
    if not viewer.is_hr_admin or kind not in Offering.HANDOFF_KINDS:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.for_employer(viewer.employer_id)
        .filter(
            offering__kind=kind,
            status=Enrollment.Status.ENROLLED,
            handoff_status=Enrollment.Handoff.WAITING,
            offering__is_confidential=False,
        )
        .select_related("offering", "person")
        .order_by("created_at", "pk")
    )
