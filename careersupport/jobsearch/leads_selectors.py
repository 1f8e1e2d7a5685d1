"""Reads of job leads, shaped for their pages and scoped to the viewer's employer.

Each list is one query (plus the paginator's count): what the viewer saved, and for HR how
often each lead was saved and applied to, come as annotations, not a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.people.models import Employer, Individual

from .models import JobLead, LeadOrganisation, LeadSave
from .models.leads import APPLIED_STAGES

OWN = "own"  # the organisation filter's value for the employer's own openings


@dataclass(frozen=True)
class LeadFilters:
    q: str = ""
    location: str = ""
    remote: str = ""  # "", "remote" or "onsite"
    organisation: str = ""  # "", OWN or an organisation's id
    suits_me: bool = False

    @property
    def active(self) -> bool:
        return any((self.q, self.location, self.remote, self.organisation, self.suits_me))


def viewer_today(viewer: Individual) -> date:
    return timezone.localdate(timezone=viewer.tzinfo)


def suits_q(person: Individual) -> Q:
    """The leads meant for this person: partners', employees', and returners' for a
    (self-declared) returner."""
    if person.is_partner:
        return Q(for_partners=True)
    condition = Q(for_employees=True)
    if person.is_returner:
        condition |= Q(for_returners=True)
    return condition


def _filtered(leads: Any, filters: LeadFilters) -> Any:
    if filters.q:
        leads = leads.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(suits_note__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
        )
    if filters.location:
        leads = leads.filter(location__icontains=filters.location)
    if filters.remote == "remote":
        leads = leads.filter(remote=True)
    elif filters.remote == "onsite":
        leads = leads.filter(remote=False)
    if filters.organisation == OWN:
        leads = leads.filter(organisation__isnull=True)
    elif filters.organisation.isdigit():
        leads = leads.filter(organisation_id=int(filters.organisation))
    return leads


def leads_for_viewer(*, viewer: Individual, filters: LeadFilters) -> QuerySet[JobLead]:
    """The employer's open leads on the viewer's own date, soonest closing first, each with
    `saved_application_id`: the application of the viewer's own save, if any."""
    mine = LeadSave.objects.filter(
        lead=OuterRef("pk"), person=viewer, application__isnull=False
    ).order_by()
    leads = (
        JobLead.objects.for_employer(viewer.employer_id)
        .open_on(viewer_today(viewer))
        .select_related("organisation", "employer")
        .annotate(saved_application_id=Subquery(mine.values("application_id")[:1]))
    )
    if filters.suits_me:
        leads = leads.filter(suits_q(viewer))
    return _filtered(leads, filters).order_by("closes_on", "pk")


def viewer_save(*, viewer: Individual, lead: JobLead) -> LeadSave | None:
    return (
        LeadSave.objects.for_employer(viewer.employer_id).filter(lead=lead, person=viewer).first()
    )


def _count_of(saves: QuerySet[LeadSave]) -> Coalesce:
    counted = saves.order_by().values("lead").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(leads: QuerySet[JobLead]) -> QuerySet[JobLead]:
    """`saves` and `applied` per lead: how many saved it, and how many of the applications
    saved from it went past interested. Numbers only, never who."""
    saves = LeadSave.objects.filter(lead=OuterRef("pk"))
    return leads.annotate(
        saves_count=_count_of(saves),
        applied_count=_count_of(saves.filter(application__stage__in=APPLIED_STAGES)),
    )


HR_STATUSES = {"open": "Open", "closed": "Closed", "all": "All"}


def leads_for_hr(*, viewer: Individual, status: str = "open", q: str = "") -> QuerySet[JobLead]:
    """HR's leads with their counts: open (the default), closed (early or by date) or all."""
    today = viewer_today(viewer)
    leads = JobLead.objects.for_employer(viewer.employer_id).select_related(
        "organisation", "employer"
    )
    if status == "open":
        leads = leads.open_on(today).order_by("closes_on", "pk")
    elif status == "closed":
        leads = leads.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))
        leads = leads.order_by("-closes_on", "-pk")
    else:
        leads = leads.order_by("-created_at", "-pk")
    if q:
        leads = leads.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))
    return with_counts(leads)


def lead_counts(lead: JobLead) -> dict[str, int]:
    counted = with_counts(JobLead.objects.filter(pk=lead.pk))
    return counted.values("saves_count", "applied_count").get()  # type: ignore[misc]


def organisations_of(employer: Employer | int) -> QuerySet[LeadOrganisation]:
    return (
        LeadOrganisation.objects.for_employer(employer)
        .annotate(lead_count=Count("leads"))
        .order_by("name")
    )
