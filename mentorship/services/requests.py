"""A mentee asks a mentor; the mentor accepts or declines with a message."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import reminders as keys
from ..models import MentorProfile, Mentorship, MentorshipRequest, Programme
from ..scoring import EXCLUSIONS
from .mentorships import mentorship_create
from .profiles import require_mentee

WAITING_AFTER = timedelta(days=3)


@transaction.atomic
def request_create(
    *,
    programme: Programme,
    mentee: Individual,
    mentor: MentorProfile,
    actor: Individual,
    message: str,
) -> MentorshipRequest:
    """Ask one mentor, who must be one the mentee could be suggested (the same rules)."""
    from ..facts import mentee_facts_one, mentor_facts

    if actor.pk != mentee.pk:
        raise PermissionDenied("People ask for a mentor themselves.")
    require_mentee(programme, mentee)
    if not message.strip():
        raise ValidationError({"message": "Say in a few words what you hope to learn."})
    if MentorshipRequest.objects.filter(
        programme=programme, mentee=mentee, status=MentorshipRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            "You are already waiting for an answer to a request: withdraw it to ask someone else."
        )
    if Mentorship.objects.filter(programme=programme, mentee=mentee, status="active").exists():
        raise ValidationError("You already have a mentor in this programme.")
    facts = mentor_facts(programme.employer_id, person_ids=[mentor.person_id], available_only=False)
    if not facts:
        raise ValidationError("This person is not a mentor.")
    from ..scoring import exclusion

    why = exclusion(mentee_facts_one(programme, mentee), facts[0])
    if why:
        raise ValidationError(
            f"{mentor.person.full_name} cannot be asked: the mentor {EXCLUSIONS[why]}."
        )
    request = MentorshipRequest(
        employer_id=programme.employer_id,
        programme=programme,
        mentee=mentee,
        mentor=mentor.person,
        message=message.strip(),
    )
    request.full_clean()
    request.save()
    title = f"{mentee.full_name} asks you to be their mentor"
    for key, kind, due, text in (
        (keys.request_new_key(request.pk), "mentorship.request_new", request.created_at, title),
        (
            keys.request_waiting_key(request.pk),
            "mentorship.request_waiting",
            request.created_at + WAITING_AFTER,
            f"Still waiting for your answer: {title.lower()}",
        ),
    ):
        reminder_schedule(
            recipient=mentor.person,
            kind=kind,
            key=key,
            due_at=due,
            title=text,
            body=f"In {programme.offering.title}. Read the request and accept or decline it.",
            url=request.get_absolute_url(),
        )
    audit(employer=actor.employer, actor=actor, verb="mentorship.requested", target=request)
    return request


def _lock_pending(request: MentorshipRequest) -> MentorshipRequest:
    request = (
        MentorshipRequest.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor", "programme__offering")
        .get(pk=request.pk)
    )
    if request.status != MentorshipRequest.Status.PENDING:
        raise ValidationError(
            f"This request is no longer waiting ({request.get_status_display().lower()})."
        )
    return request


def _stop_reminders(request: MentorshipRequest) -> None:
    reminder_cancel(key=keys.request_new_key(request.pk))
    reminder_cancel(key=keys.request_waiting_key(request.pk))


def _tell_mentee(request: MentorshipRequest, title: str, url: str) -> None:
    reminder_schedule(
        recipient=request.mentee,
        kind="mentorship.request_decided",
        key=keys.request_decided_key(request.pk),
        due_at=timezone.now(),
        title=title,
        body=request.response,
        url=url,
    )


@transaction.atomic
def request_accept(
    *, request: MentorshipRequest, actor: Individual, response: str = ""
) -> Mentorship:
    request = _lock_pending(request)
    if actor.pk != request.mentor_id:
        raise PermissionDenied("Only the mentor asked answers a request.")
    request.response = response.strip()
    request.save(update_fields=["response"])
    mentorship = mentorship_create(
        programme=request.programme,
        mentee=request.mentee,
        mentor=request.mentor,
        actor=actor,
        source=Mentorship.Source.REQUEST,
    )
    _stop_reminders(request)
    _tell_mentee(request, f"{actor.full_name} accepted your request", mentorship.get_absolute_url())
    audit(employer=actor.employer, actor=actor, verb="mentorship.request_accepted", target=request)
    return mentorship


@transaction.atomic
def request_decline(
    *, request: MentorshipRequest, actor: Individual, response: str
) -> MentorshipRequest:
    request = _lock_pending(request)
    if actor.pk != request.mentor_id:
        raise PermissionDenied("Only the mentor asked answers a request.")
    if not response.strip():
        raise ValidationError({"response": "Say a word to the mentee: they will read it."})
    request.status = MentorshipRequest.Status.DECLINED
    request.response = response.strip()
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "response", "decided_at"])
    _stop_reminders(request)
    from django.urls import reverse

    _tell_mentee(
        request,
        f"{actor.full_name} declined your request",
        reverse("mentorship:find") + f"?programme={request.programme.offering_id}",
    )
    audit(employer=actor.employer, actor=actor, verb="mentorship.request_declined", target=request)
    return request


@transaction.atomic
def request_withdraw(*, request: MentorshipRequest, actor: Individual) -> MentorshipRequest:
    request = _lock_pending(request)
    if actor.pk != request.mentee_id:
        raise PermissionDenied("Only the mentee withdraws their request.")
    request.status = MentorshipRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    _stop_reminders(request)
    audit(employer=actor.employer, actor=actor, verb="mentorship.request_withdrawn", target=request)
    return request
