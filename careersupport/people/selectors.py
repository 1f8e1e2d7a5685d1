"""Reads in `people`, shaped for a page and scoped to the viewer's employer."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Department, Individual, Invitation


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
    invitations = (
        Invitation.objects.for_employer(viewer.employer)
        .filter(individual__kind=Individual.Kind.EMPLOYEE)
        .select_related("individual", "invited_by")
    )
    if state == "pending":
        invitations = invitations.pending()
    return invitations.order_by("-created_at")


def person_reports(person: Individual) -> QuerySet[Individual]:
    return person.reports.select_related("department").order_by("last_name", "first_name")
