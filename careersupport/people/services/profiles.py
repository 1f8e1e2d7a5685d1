"""Profiles, reporting lines and departments."""

from __future__ import annotations

from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import hierarchy
from ..models import Department, Employer, Individual
from ..permissions import require_hr
from ..signals import time_zone_changed
from .auditing import audit

# --- profiles and reporting lines -------------------------------------------------------------


class ProfileChanges(TypedDict, total=False):
    """What a person edits on their own profile: the one list (`PROFILE_FIELDS`, which the
    form uses too)."""

    preferred_name: str
    time_zone: str
    notification_email: str
    is_caregiver: bool
    is_returner: bool


PROFILE_FIELDS = tuple(ProfileChanges.__annotations__)


@transaction.atomic
def profile_update(
    *, individual: Individual, actor: Individual, **changes: Unpack[ProfileChanges]
) -> Individual:
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
    require_hr(actor, individual.employer_id)
    if manager is not None:
        if manager.pk == individual.pk:
            raise ValidationError({"manager": "A person cannot be their own manager."})
        if hierarchy.is_above(individual.pk, manager.pk):
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
    require_hr(actor, employer)
    name = name.strip()
    if Department.objects.for_employer(employer).filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a department called {name}."})
    department = Department(employer=employer, name=name)
    department.full_clean()
    department.save()
    audit(employer=employer, actor=actor, verb="department.created", target=department)
    return department
