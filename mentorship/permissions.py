"""Who may see or change what in mentorship. The whole rule lives in this module.

1. A mentorship, its agreement and its meeting log (notes and next steps) are the pair's:
   the mentee and the mentor read and write them; each may end it.
2. A private note on a meeting is its author's alone: the other side never reads it.
3. A request is seen by the mentee who made it and the mentor asked; only the mentor
   answers it, only the mentee withdraws it.
4. HR admins of the employer run the programmes on `/mentorship/manage/`: settings, matching
   runs, the pairs with their dates, health and flags, mentor utilisation and feedback in
   aggregate (groups of 5 answers or more). HR never opens a mentorship page (403) and no
   HR page, CSV, audit row or reminder carries log text or private notes.
5. A mentor's profile is theirs to edit; other people of the employer see it as a card
   when it is suggested to them.
6. Nobody else: a manager sees nothing of a report's mentorship, another employer gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careersupport.people.models import Individual
from programs.models import Offering

from .models import MatchingRun, Meeting, MentorProfile, Mentorship, MentorshipRequest, Proposal


def get_mentorship_for_user(viewer: Individual, pk: int) -> Mentorship:
    """Rule 1 (and 4): the pair only; HR of the employer 403, anyone else 404."""
    mentorship = (
        Mentorship.objects.for_employer(viewer.employer_id)
        .select_related("mentee", "mentor", "programme__offering", "mentee__department")
        .filter(pk=pk)
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentorship.")
    if not mentorship.side_of(viewer):
        if viewer.is_hr_admin:
            raise PermissionDenied("HR sees pairs on the programme pages, never their log.")
        raise Http404("No such mentorship.")
    return mentorship


def get_meeting_for_user(viewer: Individual, mentorship_pk: int, pk: int) -> Meeting:
    mentorship = get_mentorship_for_user(viewer, mentorship_pk)
    return get_object_or_404(mentorship.meetings.select_related("mentorship"), pk=pk)


def get_request_for_user(viewer: Individual, pk: int) -> MentorshipRequest:
    """Rule 3."""
    request = (
        MentorshipRequest.objects.for_employer(viewer.employer_id)
        .select_related("mentee", "mentor", "programme__offering", "mentee__department")
        .filter(pk=pk)
        .first()
    )
    if request is None or viewer.pk not in (request.mentee_id, request.mentor_id):
        raise Http404("No such request.")
    return request


def get_mentor_profile_for_user(viewer: Individual, pk: int) -> MentorProfile:
    """Rule 5: any person of the employer may open a mentor's card (to ask them)."""
    return get_object_or_404(
        MentorProfile.objects.for_employer(viewer.employer_id).select_related(
            "person", "person__department"
        ),
        pk=pk,
        person__deactivated_at__isnull=True,
    )


# --- HR (rule 4) -------------------------------------------------------------------------------


def _require_hr(viewer: Individual) -> None:
    if not viewer.is_hr_admin:
        raise PermissionDenied("Only HR admins manage mentorship programmes.")


def get_programme_offering_for_hr(viewer: Individual, offering_pk: int) -> Offering:
    _require_hr(viewer)
    return get_object_or_404(
        Offering.objects.for_employer(viewer.employer_id).filter(kind=Offering.Kind.MENTORSHIP),
        pk=offering_pk,
    )


def get_run_for_hr(viewer: Individual, pk: int) -> MatchingRun:
    _require_hr(viewer)
    return get_object_or_404(
        MatchingRun.objects.for_employer(viewer.employer_id).select_related(
            "programme__offering", "started_by", "decided_by"
        ),
        pk=pk,
    )


def get_proposal_for_hr(viewer: Individual, run_pk: int, pk: int) -> Proposal:
    run = get_run_for_hr(viewer, run_pk)
    proposal = get_object_or_404(
        Proposal.objects.select_related("mentee", "mentor", "run"), run=run, pk=pk
    )
    proposal.run = run
    return proposal


def get_pair_for_hr(viewer: Individual, pk: int) -> Mentorship:
    """A pair as HR sees it: who, when and how it goes, never its log."""
    _require_hr(viewer)
    return get_object_or_404(
        Mentorship.objects.for_employer(viewer.employer_id).select_related(
            "mentee", "mentor", "programme__offering"
        ),
        pk=pk,
    )
