"""Who may use the job-search tracker and who sees what of it. The whole rule lives here.

1. The tracker is for partners of employees (always: a partner's search is why it exists,
   and it stays theirs if the partnership ends) and for employees who turn it on for
   themselves (a returner, someone planning a move): `TrackerOptIn`. External accounts
   (coaches, providers) have none. Nobody is told who turned it on.
2. An application and everything on it (stage history, contacts, notes, résumés, salary
   research, outcome) is visible to its owner, who alone changes it.
3. The coach of the owner's coaching engagement, while that engagement is active, sees
   (read-only) the applications the owner marked "share with my coach", with their
   contacts, notes, timeline and résumés; salary research only where the owner shared
   the research itself. When the engagement pauses, completes or is cancelled, this ends.
4. A preparation request (résumé review, interview practice) is visible to its owner and
   to the coach of its engagement while that engagement is active; it shows that coach the
   application's organisation, role, stage and link and the résumé attached, whether or not
   the application is shared (asking is sharing that much). The coach comments and marks
   it done while the engagement is active; the owner replies and withdraws it.
5. Nobody else: not the other partner (the household page reads only stage counts and next
   steps, and only what the owner shares there: `selectors.stage_counts`, `next_steps`),
   not a manager, not HR (HR's figures are aggregates from groups of at least five), not
   another coach. Strangers and another employer's people get 404; a coach trying to
   change an application gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect

from careersupport.people.models import Individual
from careersupport.people.permissions import individual_required
from coaching.models import Engagement

from .models import Application, PreparationRequest, ResumeVersion, TrackerOptIn


def may_use_tracker(viewer: Individual) -> bool:
    """Rule 1 (one query for an employee, none for anyone else)."""
    if viewer.deactivated_at is not None:
        return False
    if viewer.is_partner:
        return True
    if viewer.is_employee:
        return TrackerOptIn.objects.filter(person=viewer).exists()
    return False


def may_turn_on(viewer: Individual) -> bool:
    return viewer.is_employee and viewer.deactivated_at is None


def may_turn_off(viewer: Individual) -> bool:
    """Only a tracker its owner turned on (an employee's) can be turned off."""
    return viewer.is_employee and TrackerOptIn.objects.filter(person=viewer).exists()


def tracker_required(view: Callable) -> Callable:
    """A person whose tracker is on; an employee who has not turned it on is sent to the
    page that explains it and turns it on, anyone else gets 403."""

    @wraps(view)
    @individual_required
    def wrapper(request, *args, **kwargs):
        me = request.individual
        if not may_use_tracker(me):
            if may_turn_on(me):
                return redirect("jobsearch:start")
            raise PermissionDenied("The job-search tracker is for partners and employees.")
        return view(request, *args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class ApplicationAccess:
    role: str  # owner, coach
    sees_salary: bool

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"


def coached_by(viewer: Individual) -> list[int]:
    """The people whose active engagement the viewer coaches (rule 3's owners)."""
    return list(
        Engagement.objects.for_employer(viewer.employer_id)
        .filter(coach=viewer, status=Engagement.Status.ACTIVE)
        .values_list("coachee_id", flat=True)
    )


def shared_with_coach_q(viewer: Individual) -> Q:
    """Rule 3 for lists of applications, inside `for_employer(viewer.employer_id)`."""
    return Q(shared_with_coach=True, owner_id__in=coached_by(viewer))


def application_access(viewer: Individual, application: Application) -> ApplicationAccess | None:
    """Rules 2, 3 and 5 for one application; None means not at all."""
    if application.employer_id != viewer.employer_id:
        return None
    if application.owner_id == viewer.pk:
        return ApplicationAccess("owner", sees_salary=True)
    if application.shared_with_coach and application.owner_id in coached_by(viewer):
        research = getattr(application, "salary_research", None)
        return ApplicationAccess("coach", sees_salary=bool(research and research.shared_with_coach))
    return None


def get_application_for_user(
    viewer: Individual, pk: int, *, write: bool = False
) -> tuple[Application, ApplicationAccess]:
    """The application and what the viewer may do: 404 unless rule 2 or 3, 403 on a write
    by anyone but the owner."""
    application = (
        Application.objects.for_employer(viewer.employer_id)
        .select_related("owner", "salary_research", "outcome")
        .filter(pk=pk)
        .first()
    )
    access = application_access(viewer, application) if application is not None else None
    if application is None or access is None:
        raise Http404("No such application.")
    if write and not access.is_owner:
        raise PermissionDenied("Only the application's owner may change it.")
    return application, access


def get_own_application(viewer: Individual, pk: int) -> Application:
    """An application the viewer owns (for their own pages and writes)."""
    application, _ = get_application_for_user(viewer, pk, write=True)
    return application


def preparation_q(viewer: Individual) -> Q:
    """Rule 4 for lists: the viewer's own requests and those of engagements they coach."""
    coaching = Q(engagement__coach=viewer, engagement__status=Engagement.Status.ACTIVE) & ~Q(
        status=PreparationRequest.Status.WITHDRAWN
    )
    return Q(owner=viewer) | coaching


def get_preparation_for_user(viewer: Individual, pk: int) -> tuple[PreparationRequest, str]:
    """The request and the viewer's side ("owner" or "coach"); 404 for anyone else."""
    request = (
        PreparationRequest.objects.for_employer(viewer.employer_id)
        .filter(preparation_q(viewer), pk=pk)
        .select_related("application", "owner", "engagement__coach", "resume")
        .first()
    )
    if request is None:
        raise Http404("No such request.")
    return request, "owner" if request.owner_id == viewer.pk else "coach"


def get_resume_for_user(viewer: Individual, pk: int) -> ResumeVersion:
    """A résumé the viewer may download: its owner's (rule 2), a coach's through a shared
    application (rule 3) or a preparation request it is attached to (rule 4); else 404."""
    resume = (
        ResumeVersion.objects.for_employer(viewer.employer_id)
        .select_related("application")
        .filter(pk=pk)
        .first()
    )
    if resume is None:
        raise Http404("No such file.")
    application = resume.application
    if application.owner_id == viewer.pk:
        return resume
    if application_access(viewer, application) is not None:
        return resume
    attached = PreparationRequest.objects.filter(
        preparation_q(viewer), resume=resume, engagement__coach=viewer
    )
    if attached.exists():
        return resume
    raise Http404("No such file.")
