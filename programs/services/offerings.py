"""HR writes on offerings: create, edit, publish, unpublish, archive, duplicate."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Department, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import Enrollment, Offering, PolicyVersion
from .enrollment import promote_waitlist
from .events import sessions_cancel_reminders

OFFERING_FIELDS = (
    "title",
    "description",
    "kind",
    "for_employees",
    "for_partners",
    "for_managers",
    "for_caregivers",
    "for_returners",
    "provider",
    "provider_name",
    "format",
    "location",
    "online_url",
    "starts_on",
    "ends_on",
    "capacity",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "needs_approval",
    "is_confidential",
)


def _check_departments(actor: Individual, departments: list[Department]) -> None:
    if any(d.employer_id != actor.employer_id for d in departments):
        raise ValidationError({"departments": "Choose departments of your own employer."})


@transaction.atomic
def offering_create(
    *, actor: Individual, departments: list[Department] | None = None, **fields: Any
) -> Offering:
    require_hr(actor, actor.employer_id if actor is not None else None)
    unknown = set(fields) - set(OFFERING_FIELDS)
    if unknown:
        raise ValueError(f"Not offering fields: {sorted(unknown)}")
    offering = Offering(employer=actor.employer, created_by=actor, **fields)
    offering.full_clean()
    offering.save()
    departments = departments or []
    _check_departments(actor, departments)
    offering.departments.set(departments)
    audit(employer=actor.employer, actor=actor, verb="offering.created", target=offering)
    return offering


@transaction.atomic
def offering_update(
    *,
    offering: Offering,
    actor: Individual,
    departments: list[Department] | None = None,
    **fields: Any,
) -> Offering:
    """Edit in place; lowering capacity below the seats taken is refused, raising it fills
    seats from the waitlist."""
    require_hr(actor, offering.employer_id)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    unknown = set(fields) - set(OFFERING_FIELDS)
    if unknown:
        raise ValueError(f"Not offering fields: {sorted(unknown)}")
    if "kind" in fields and fields["kind"] != offering.kind and offering.enrollments.exists():
        raise ValidationError({"kind": "People are enrolled: the kind can no longer change."})
    waiting = offering.enrollments.filter(status=Enrollment.Status.REQUESTED).count()
    if fields.get("is_confidential") and not offering.is_confidential and waiting:
        # HR's queue shows names; a confidential offering must have none waiting in it.
        raise ValidationError(
            {
                "is_confidential": f"{waiting} request{'s' if waiting != 1 else ''} wait for "
                "a decision: decide them before making this offering confidential."
            }
        )
    for name, value in fields.items():
        setattr(offering, name, value)
    seated = offering.enrollments.filter(status__in=Enrollment.SEATED).count()
    if offering.capacity is not None and offering.capacity < seated:
        raise ValidationError(
            {
                "capacity": f"{seated} people are already enrolled (or completed): the "
                f"capacity cannot be lower than {seated}."
            }
        )
    offering.full_clean()
    offering.save()
    if departments is not None:
        _check_departments(actor, departments)
        offering.departments.set(departments)
    promote_waitlist(offering=offering)
    audit(employer=actor.employer, actor=actor, verb="offering.updated", target=offering)
    return offering


def _set_status(offering: Offering, actor: Individual, status: str, verb: str) -> Offering:
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    offering.status = status
    if status == Offering.Status.PUBLISHED and offering.published_at is None:
        offering.published_at = timezone.now()
    offering.save(update_fields=["status", "published_at", "updated_at"])
    audit(employer=actor.employer, actor=actor, verb=verb, target=offering)
    return offering


@transaction.atomic
def offering_publish(*, offering: Offering, actor: Individual) -> Offering:
    require_hr(actor, offering.employer_id)
    offering.full_clean()
    if offering.kind == Offering.Kind.POLICY and not offering.versions.exists():
        raise ValidationError("Write the policy text (a first version) before publishing it.")
    return _set_status(offering, actor, Offering.Status.PUBLISHED, "offering.published")


@transaction.atomic
def offering_unpublish(*, offering: Offering, actor: Individual) -> Offering:
    """Back to draft: hidden from the catalog; existing enrollments stay as they are."""
    require_hr(actor, offering.employer_id)
    return _set_status(offering, actor, Offering.Status.DRAFT, "offering.unpublished")


@transaction.atomic
def offering_archive(*, offering: Offering, actor: Individual) -> Offering:
    """Out of the catalog for good; reminders of its sessions are cancelled."""
    require_hr(actor, offering.employer_id)
    offering = _set_status(offering, actor, Offering.Status.ARCHIVED, "offering.archived")
    sessions_cancel_reminders(offering=offering)
    return offering


@transaction.atomic
def offering_duplicate(*, offering: Offering, actor: Individual) -> Offering:
    """A draft copy to reuse for the next run: same settings, no people, no sessions."""
    require_hr(actor, offering.employer_id)
    copy = Offering(
        employer=offering.employer,
        created_by=actor,
        **{name: getattr(offering, name) for name in OFFERING_FIELDS},
    )
    copy.title = f"Copy of {offering.title}"[:200]
    copy.full_clean()
    copy.save()
    copy.departments.set(offering.departments.all())
    latest = offering.versions.order_by("-number").first()
    if latest:
        PolicyVersion.objects.create(offering=copy, number=1, text=latest.text, published_by=actor)
    audit(
        employer=actor.employer,
        actor=actor,
        verb="offering.duplicated",
        target=copy,
        source=offering.pk,
    )
    return copy
