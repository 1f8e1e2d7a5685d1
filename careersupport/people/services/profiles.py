"""Profiles, reporting lines and departments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Department, Employer, Individual
from ..signals import time_zone_changed
from .auditing import audit

# --- profiles and reporting lines -------------------------------------------------------------


PROFILE_FIELDS = (
    "preferred_name",
    "time_zone",
    "notification_email",
    "is_caregiver",
    "is_returner",
)


@transaction.atomic
def profile_update(*, individual: Individual, actor: Individual, **changes) -> Individual:
    if actor.pk != individual.pk:
        raise ValidationError("People edit only their own profile.")
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    old_time_zone = individual.time_zone
    for name, value in changes.items():
        setattr(individual, name, value)
    individual.full_clean()
    individual.save(update_fields=list(changes))
    audit(employer=individual.employer, actor=actor, verb="profile.updated", target=individual)
    if individual.time_zone != old_time_zone:
        time_zone_changed.send(sender=Individual, individual=individual)
    return individual


def _chain_above(manager: Individual) -> set[int]:
    """Ids of the manager and everyone above them, one query per level of the chain."""
    seen: set[int] = set()
    current_id: int | None = manager.pk
    while current_id and current_id not in seen:
        seen.add(current_id)
        current_id = (
            Individual.objects.filter(pk=current_id).values_list("manager_id", flat=True).first()
        )
    return seen


@transaction.atomic
def reporting_line_update(
    *,
    individual: Individual,
    actor: Individual,
    manager: Individual | None,
    department: Department | None,
    job_title: str,
    is_hr_admin: bool,
) -> Individual:
    """HR sets where a person sits; a manager inside the person's own chain is refused."""
    if not actor.is_hr_admin or actor.employer_id != individual.employer_id:
        raise ValidationError("Only HR admins of this employer can change reporting lines.")
    if manager is not None:
        if manager.pk == individual.pk:
            raise ValidationError({"manager": "A person cannot be their own manager."})
        if individual.pk in _chain_above(manager):
            raise ValidationError(
                {"manager": f"{manager} reports to {individual}: this would make a loop."}
            )
    if individual.pk == actor.pk and not is_hr_admin:
        raise ValidationError({"is_hr_admin": "You cannot remove your own HR admin role."})
    before = {"manager": individual.manager_id, "department": individual.department_id}
    individual.manager = manager
    individual.department = department
    individual.job_title = job_title.strip()
    individual.is_hr_admin = is_hr_admin
    individual.full_clean()
    individual.save(update_fields=["manager", "department", "job_title", "is_hr_admin"])
    audit(
        employer=individual.employer,
        actor=actor,
        verb="person.reporting_line",
        target=individual,
        before=before,
        after={"manager": individual.manager_id, "department": individual.department_id},
    )
    return individual


@transaction.atomic
def department_create(*, employer: Employer, actor: Individual, name: str) -> Department:
    name = name.strip()
    if Department.objects.for_employer(employer).filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a department called {name}."})
    department = Department(employer=employer, name=name)
    department.full_clean()
    department.save()
    audit(employer=employer, actor=actor, verb="department.created", target=department)
    return department
