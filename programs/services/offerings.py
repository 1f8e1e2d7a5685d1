"""HR writes on offerings: create, edit, publish, unpublish, archive, duplicate."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Department, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import Enrollment, Offering, PolicyVersion
from .enrollment import promote_waitlist
from .events import sessions_cancel_reminders


class OfferingChanges(TypedDict, total=False):
    """What HR edits on an offering, in the order the form shows it; the one list of editable
    fields (`OFFERING_FIELDS`, which the form and `offering_duplicate` use too)."""

    title: str
    kind: str
    description: str
    for_employees: bool
    for_partners: bool
    for_managers: bool
    for_caregivers: bool
    for_returners: bool
    provider: str
    provider_name: str
    format: str
    location: str
    online_url: str
    starts_on: date | None
    ends_on: date | None
    capacity: int | None
    enrollment_opens_at: datetime | None
    enrollment_closes_at: datetime | None
    needs_approval: bool
    is_confidential: bool


OFFERING_FIELDS = tuple(OfferingChanges.__annotations__)


def _check_departments(actor: Individual, departments: list[Department]) -> None:
    if any(d.employer_id != actor.employer_id for d in departments):
        raise ValidationError({"departments": "Choose departments of your own employer."})


@transaction.atomic
def offering_create(
    *,
    actor: Individual,
    title: str,
    kind: str,
    description: str = "",
    for_employees: bool = True,
    for_partners: bool = False,
    for_managers: bool = False,
    for_caregivers: bool = False,
    for_returners: bool = False,
    departments: list[Department] | None = None,
    provider: str = Offering.Provider.INTERNAL,
    provider_name: str = "",
    format: str = Offering.Format.IN_PERSON,
    location: str = "",
    online_url: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    capacity: int | None = None,
    enrollment_opens_at: datetime | None = None,
    enrollment_closes_at: datetime | None = None,
    needs_approval: bool = False,
    is_confidential: bool = False,
) -> Offering:
    """A new offering, as a draft; the defaults are the model's."""
    require_hr(actor, actor.employer_id if actor is not None else None)
    offering = Offering(
        employer=actor.employer,
        created_by=actor,
        title=title,
        kind=kind,
        description=description,
        for_employees=for_employees,
        for_partners=for_partners,
        for_managers=for_managers,
        for_caregivers=for_caregivers,
        for_returners=for_returners,
        provider=provider,
        provider_name=provider_name,
        format=format,
        location=location,
        online_url=online_url,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        enrollment_opens_at=enrollment_opens_at,
        enrollment_closes_at=enrollment_closes_at,
        needs_approval=needs_approval,
        is_confidential=is_confidential,
    )
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
    **fields: Unpack[OfferingChanges],
) -> Offering:
    """Edit in place (the fields given; `departments` when not None); lowering capacity below
    the seats taken is refused, raising it fills seats from the waitlist."""
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
