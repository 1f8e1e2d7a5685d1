"""Who may see or change what in coaching. The whole visibility rule lives in this module.

1. An engagement is visible to its coachee, and to its coach from the moment they are asked
   (chosen by the person or assigned by HR). The coachee books, moves and cancels sessions
   up to the employer's minimum notice, writes shared notes, links their goals, rates held
   sessions and writes the final review. The coach answers the request, moves or cancels
   sessions at any time before they start, marks them held or no-show, and writes shared
   and private notes.
2. A session (a chemistry call included) is visible to its coach and its coachee only. A
   coach on the person's shortlist sees the person's intake through their chemistry call.
3. A shared note is visible to the engagement's coachee and its coach; a private note to its
   author alone, who is the engagement's coach. Only the author edits a note.
4. HR of the employer sees engagements as records on /coaching/manage/ (who, which coach,
   state, dates, sessions agreed and used) and ratings only in aggregate from
   `MIN_GROUP` people. HR never sees a note, and opens no engagement, session or note page
   unless rules 1–3 make them a party to it.
5. Nobody else: a manager, another coach, another employer. Strangers get 404; a party to
   an engagement acting outside their role (a coachee marking a session held) gets 403.

Linked goals follow rule 4 of `careersupport/goals/permissions.py`: the coach sees them
through an active `GoalLink`, which ends when the engagement is completed or cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from careersupport.people.models import Individual, Invitation
from careersupport.people.permissions import individual_required
from programs.models import Enrollment

from .models import CoachProfile, Engagement, Note, Session


def coach_profile_of(viewer: Individual) -> CoachProfile | None:
    """The viewer's profile, loaded with them by the middleware (no query)."""
    try:
        return viewer.coach_profile
    except CoachProfile.DoesNotExist:
        return None


def coach_required(view: Callable) -> Callable:
    """A person with a coach profile (active or paused: a paused coach keeps their coachees)."""

    @wraps(view)
    @individual_required
    def wrapper(request, *args, **kwargs):
        if coach_profile_of(request.individual) is None:
            raise PermissionDenied("Only coaches may open this page.")
        return view(request, *args, **kwargs)

    return wrapper


def coachee_capable(viewer: Individual) -> bool:
    """Employees and partners may be coached; an external account may not."""
    return viewer.kind in (Individual.Kind.EMPLOYEE, Individual.Kind.PARTNER)


def _party_q(viewer: Individual) -> Q:
    return Q(coachee=viewer) | Q(coach=viewer)


def get_engagement_for_user(viewer: Individual, pk: int, *, role: str = "") -> Engagement:
    """Rule 1: the engagement's coachee or coach; 404 for anyone else. `role` ("coach" or
    "coachee") demands that side, 403 for the other one."""
    engagement = get_object_or_404(
        Engagement.objects.for_employer(viewer.employer_id)
        .filter(_party_q(viewer))
        .select_related("coachee", "coach", "coach__coach_profile", "enrollment__offering"),
        pk=pk,
    )
    side = "coachee" if engagement.coachee_id == viewer.pk else "coach"
    if role and role != side:
        raise PermissionDenied(f"Only the {role} may do this.")
    return engagement


def get_session_for_user(viewer: Individual, pk: int, *, role: str = "") -> Session:
    """Rule 2: the session's coach or coachee; 404 for anyone else, 403 for the wrong side."""
    session = get_object_or_404(
        Session.objects.for_employer(viewer.employer_id)
        .filter(_party_q(viewer))
        .select_related("engagement", "coach", "coachee", "coach__coach_profile"),
        pk=pk,
    )
    side = "coachee" if session.coachee_id == viewer.pk else "coach"
    if role and role != side:
        raise PermissionDenied(f"Only the {role} may do this.")
    return session


def visible_notes_q(viewer: Individual) -> Q:
    """Rule 3 for lists: shared notes of engagements the viewer is a party to, and the
    viewer's own private notes (written as the engagement's coach)."""
    party = Q(engagement__coachee=viewer) | Q(engagement__coach=viewer)
    shared = Q(visibility=Note.Visibility.SHARED) & party
    private = Q(visibility=Note.Visibility.PRIVATE, author=viewer, engagement__coach=viewer)
    return shared | private


def get_note_for_author(viewer: Individual, pk: int) -> Note:
    """A note the viewer may edit: they see it (rule 3) and wrote it; 404 unless seen."""
    note = get_object_or_404(
        Note.objects.for_employer(viewer.employer_id)
        .filter(visible_notes_q(viewer))
        .select_related("engagement", "session"),
        pk=pk,
    )
    if note.author_id != viewer.pk:
        raise PermissionDenied("Only the author edits a note.")
    return note


# --- HR (rule 4) -------------------------------------------------------------------------


def _require_hr(viewer: Individual) -> None:
    if not viewer.is_hr_admin:
        raise PermissionDenied("Only HR admins manage coaching.")


def get_coach_profile_for_hr(viewer: Individual, pk: int) -> CoachProfile:
    _require_hr(viewer)
    return get_object_or_404(
        CoachProfile.objects.for_employer(viewer.employer_id).select_related("individual"),
        pk=pk,
    )


def get_engagement_for_hr(viewer: Individual, pk: int) -> Engagement:
    """The engagement as a record (no notes reach HR through it)."""
    _require_hr(viewer)
    return get_object_or_404(
        Engagement.objects.for_employer(viewer.employer_id).select_related("coachee", "coach"),
        pk=pk,
    )


def get_waiting_enrollment_for_hr(viewer: Individual, pk: int) -> Enrollment:
    """An enrollment in a coaching programme still waiting to be matched."""
    _require_hr(viewer)
    return get_object_or_404(
        Enrollment.objects.for_employer(viewer.employer_id)
        .filter(
            offering__kind="coaching",
            status=Enrollment.Status.ENROLLED,
            handoff_status=Enrollment.Handoff.WAITING,
        )
        .select_related("person", "offering"),
        pk=pk,
    )


def get_coach_invitation_for_hr(viewer: Individual, pk: int) -> Invitation:
    """An invitation of a coach of the viewer's employer (people's list shows employees)."""
    _require_hr(viewer)
    invitation = (
        Invitation.objects.for_employer(viewer.employer_id)
        .filter(pk=pk)
        .filter(individual__coach_profile__isnull=False)
        .select_related("individual")
        .first()
    )
    if invitation is None:
        raise Http404("No such coach invitation.")
    return invitation
