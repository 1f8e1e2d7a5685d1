"""Who sees and changes job leads.

1. A lead belongs to one employer: anyone else (another employer's HR included) gets 404.
2. HR admins of the employer post, edit, close and import leads and keep the partner
   organisations; nobody else may (403).
3. People who may use the tracker (employees, returners among them, and partners; not
   external coaches) browse the employer's open leads and save one into their tracker
   (403 for anyone else). A lead closed early or past its closing date (their own date)
   is 404 to them; HR still opens it on the manage pages.
4. HR reads saves only as counts per lead and in the figures, never by whom: no page, CSV
   or admin listing names the person behind a save (`LeadSave` has no admin).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.permissions import _role_required

from .models import JobLead, LeadOrganisation


def may_use_tracker(person: Individual) -> bool:
    """Rule 3: employees (returners are employees) and partners."""
    return person.is_employee or person.is_partner


tracker_required: Callable = _role_required(
    may_use_tracker, "Only employees and partners keep a job search here."
)


def get_lead_for_viewer(viewer: Individual, pk: int) -> JobLead:
    """Rules 1 and 3: an open lead of the viewer's employer."""
    if not may_use_tracker(viewer):
        raise PermissionDenied
    lead = get_object_or_404(
        JobLead.objects.for_employer(viewer.employer_id).select_related("organisation", "employer"),
        pk=pk,
    )
    if not lead.is_open_on(timezone.localdate(timezone=viewer.tzinfo)):
        raise Http404("This lead has closed.")
    return lead


def get_lead_for_hr(viewer: Individual, pk: int) -> JobLead:
    """Rules 1 and 2."""
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        JobLead.objects.for_employer(viewer.employer_id).select_related("organisation", "employer"),
        pk=pk,
    )


def get_organisation_for_hr(viewer: Individual, pk: int) -> LeadOrganisation:
    """Rules 1 and 2."""
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        LeadOrganisation.objects.for_employer(viewer.employer_id).select_related("employer"),
        pk=pk,
    )
