"""Who may see or change what in `reports`. The whole rule lives in this module:

1. Reports, their CSV files, HR's survey questions and the refresh are for HR admins of the
   employer only: anyone else gets 403 (`hr_required`); every query is scoped to the viewer's
   own employer, so another employer's ids (a department, a question) are 404.
2. A survey is answered by the person who was asked, and seen by no one else: anyone
   else's invitation is 404, HR's included (HR never learns who answered what, nor who
   answered at all: only how many, in groups of at least `MIN_GROUP`).
3. Free-text answers are shown to HR only for a group whose answers number at least
   `MIN_GROUP` and are not hidden to protect another group (`selectors.comments`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from careersupport.people.models import Department, Individual

from .models import SurveyInvitation, SurveyQuestion


def _require_hr(viewer: Individual) -> None:
    if not viewer.is_hr_admin:
        raise PermissionDenied("Only HR admins see reports.")


def get_department_for_hr(viewer: Individual, pk: int) -> Department:
    """A department of the viewer's employer to filter by (rule 1)."""
    _require_hr(viewer)
    return get_object_or_404(Department.objects.for_employer(viewer.employer_id), pk=pk)


def get_question_for_hr(viewer: Individual, pk: int) -> SurveyQuestion:
    """One of the employer's survey questions (rule 1)."""
    _require_hr(viewer)
    return get_object_or_404(SurveyQuestion.objects.for_employer(viewer.employer_id), pk=pk)


def get_invitation_for_person(viewer: Individual, pk: int) -> SurveyInvitation:
    """The viewer's own survey (rule 2)."""
    return get_object_or_404(
        SurveyInvitation.objects.for_employer(viewer.employer_id).select_related("employer"),
        pk=pk,
        person=viewer,
    )
