"""Reads in `people`, shaped for a page and scoped to the viewer's employer."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Department, Individual, Invitation, InvitationEmail


def directory_for_hr(
    *,
    viewer: Individual,
    q: str = "",
    department: Department | None = None,
    kind: str = "",
    manager: Individual | None = None,
) -> QuerySet[Individual]:
    people = Individual.objects.for_employer(viewer.employer).select_related(
        "department", "manager", "user"
    )
    if q:
        for word in q.split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(email__icontains=word)
                | Q(job_title__icontains=word)
            )
    if department is not None:
        people = people.filter(department=department)
    if kind:
        people = people.filter(kind=kind)
    if manager is not None:
        people = people.filter(manager=manager)
    return people.order_by("last_name", "first_name", "id")


def managers_of(employer) -> QuerySet[Individual]:
    """Employees who have at least one report, for filters."""
    return (
        Individual.objects.for_employer(employer)
        .employees()
        .filter(reports__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


def departments_with_headcount(employer) -> QuerySet[Department]:
    return Department.objects.for_employer(employer).annotate(
        headcount=Count("members", filter=Q(members__deactivated_at__isnull=True))
    )


def invitations_for_hr(*, viewer: Individual, state: str = "pending") -> QuerySet[Invitation]:
    """Employees' invitations with their e-mail's delivery: pending ones, all, or those
    still open whose e-mail failed for good ("failed")."""
    invitations = (
        Invitation.objects.for_employer(viewer.employer)
        .filter(individual__kind=Individual.Kind.EMPLOYEE)
        .select_related("individual", "invited_by", "delivery")
    )
    if state == "pending":
        invitations = invitations.pending()
    elif state == "failed":
        invitations = invitations.filter(
            delivery__state=InvitationEmail.State.FAILED,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
    return invitations.order_by("-created_at")


def failed_invitation_emails(employer) -> int:
    """How many open invitations of employees wait for HR to send their e-mail again."""
    return (
        InvitationEmail.objects.for_employer(employer)
        .filter(
            state=InvitationEmail.State.FAILED,
            invitation__accepted_at__isnull=True,
            invitation__revoked_at__isnull=True,
            invitation__individual__kind=Individual.Kind.EMPLOYEE,
        )
        .count()
    )


def partner_invitation(partnership) -> Invitation | None:
    """The invitation of a partner who has not signed up yet, with its e-mail's delivery."""
    if partnership is None or partnership.status != partnership.Status.INVITED:
        return None
    return (
        Invitation.objects.filter(individual_id=partnership.partner_id)
        .select_related("delivery")
        .order_by("-created_at")
        .first()
    )


def person_reports(person: Individual) -> QuerySet[Individual]:
    return person.reports.select_related("department").order_by("last_name", "first_name")
