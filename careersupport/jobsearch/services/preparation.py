"""Résumé reviews and interview practice asked for from an application, through coaching.

A request rides on the owner's coaching engagement. With none live, it starts one through
coaching's own intake (`engagement_request`, with the specialty as its topic), so the
person then picks a coach from coaching's ranked suggestions with their reasons, or HR
matches them; nothing here ranks coaches. A person has one live engagement at a time
(coaching's rule), so with one under way the request goes to that coach.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.services import audit
from coaching.models import Engagement, Specialty
from coaching.selectors import live_engagement_of
from coaching.services import engagements as coaching

from .. import reminders as keys
from ..models import Application, PreparationComment, PreparationRequest, ResumeVersion

Kind = PreparationRequest.Kind
SPECIALTY = {Kind.RESUME_REVIEW: Specialty.RESUME, Kind.INTERVIEW_PRACTICE: Specialty.INTERVIEW}


def _coach_may_act(request: PreparationRequest, actor: Individual) -> bool:
    engagement = request.engagement
    return engagement.coach_id == actor.pk and engagement.status == Engagement.Status.ACTIVE


def _tell_coach(request: PreparationRequest) -> None:
    engagement = request.engagement
    coach = engagement.coach
    if engagement.status != Engagement.Status.ACTIVE or coach is None:
        return
    reminder_schedule(
        recipient=coach,
        kind=keys.PREPARATION_NEW,
        key=keys.preparation_new_key(request.pk, coach.pk),
        due_at=timezone.now(),
        title=f"{request.owner.full_name} asks for {request.get_kind_display().lower()}",
        body=f"For {request.application.role} at {request.application.organisation}.",
        url=request.get_absolute_url(),
    )


@transaction.atomic
def preparation_request(
    *,
    application: Application,
    actor: Individual,
    kind: str,
    resume: ResumeVersion | None = None,
    message: str = "",
    languages: list[str] | None = None,
) -> PreparationRequest:
    """Ask for a résumé review or interview practice on this application, on the owner's
    live engagement or on a new one asked for through coaching's intake."""
    if actor.pk != application.owner_id:
        raise PermissionDenied("People ask for their own preparation.")
    if kind not in Kind.values:
        raise ValidationError({"kind": "Choose a résumé review or interview practice."})
    if resume is not None and resume.application_id != application.pk:
        raise ValidationError({"resume": "Attach a résumé of this application."})
    if kind == Kind.RESUME_REVIEW and resume is None:
        raise ValidationError({"resume": "Attach the résumé to review (upload it first)."})
    owner = application.owner
    engagement = live_engagement_of(owner)
    if engagement is None:
        topics: list[str] = [SPECIALTY[Kind(kind)]]
        if owner.is_partner:
            topics.append(Specialty.PARTNER_JOB_SEARCH)
        engagement = coaching.engagement_request(
            person=owner,
            actor=actor,
            topics=topics,
            languages=languages or ["en"],
            intake_text=message,
        )
    request = PreparationRequest(
        employer_id=application.employer_id,
        owner=owner,
        application=application,
        engagement=engagement,
        kind=kind,
        resume=resume,
        message=message.strip(),
    )
    request.full_clean()
    request.save()
    _tell_coach(request)
    audit(employer=owner.employer, actor=actor, verb="jobsearch.preparation_asked", target=request)
    return request


@transaction.atomic
def preparation_comment(
    *, request: PreparationRequest, actor: Individual, text: str
) -> PreparationComment:
    """The coach's review (while the engagement is active) or the owner's reply."""
    is_owner = actor.pk == request.owner_id
    if not is_owner and not _coach_may_act(request, actor):
        raise PermissionDenied("Only the person and their active coach comment here.")
    if request.status == PreparationRequest.Status.WITHDRAWN:
        raise ValidationError("This request was withdrawn.")
    comment = PreparationComment(
        employer_id=request.employer_id, request=request, author=actor, text=text.strip()
    )
    comment.full_clean()
    comment.save()
    if not is_owner:
        reminder_schedule(
            recipient=request.owner,
            kind=keys.PREPARATION_COMMENT,
            key=keys.preparation_comment_key(request.pk, comment.pk),
            due_at=timezone.now(),
            title=f"{actor.full_name} commented on your {request.get_kind_display().lower()}",
            body=f"For {request.application.role} at {request.application.organisation}.",
            url=request.get_absolute_url(),
        )
    audit(
        employer=request.owner.employer,
        actor=actor,
        verb="jobsearch.preparation_commented",
        target=request,
    )
    return comment


@transaction.atomic
def preparation_close(
    *, request: PreparationRequest, actor: Individual, status: str
) -> PreparationRequest:
    """The coach marks it done; the owner marks it done or withdraws it."""
    is_owner = actor.pk == request.owner_id
    if status not in (PreparationRequest.Status.DONE, PreparationRequest.Status.WITHDRAWN):
        raise ValidationError("Mark it done or withdraw it.")
    if status == PreparationRequest.Status.WITHDRAWN and not is_owner:
        raise PermissionDenied("Only the person withdraws their request.")
    if not is_owner and not _coach_may_act(request, actor):
        raise PermissionDenied("Only the person and their active coach close a request.")
    if request.status != PreparationRequest.Status.OPEN:
        raise ValidationError("This request is already closed.")
    request.status = status
    request.done_at = timezone.now()
    request.save(update_fields=["status", "done_at"])
    audit(
        employer=request.owner.employer,
        actor=actor,
        verb=f"jobsearch.preparation_{status}",
        target=request,
    )
    return request
