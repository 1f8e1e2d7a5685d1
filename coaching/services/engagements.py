"""Engagements from intake to review: ask for a coach (directly or from a programme),
shortlist coaches for chemistry calls, choose one or be assigned by HR, the coach's answer,
pause, complete or cancel, goals linked to the engagement, the final review.

Programs hand-off: an enrollment in a coaching programme waits "to be matched" until a coach
accepts (matched, with the engagement's page), and is closed when the engagement ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.goals.models import Goal, GoalLink
from careersupport.goals.services import goal_link_create, goal_link_end
from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_schedule,
)
from careersupport.people.models import Individual, Partnership
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit
from programs.models import Enrollment
from programs.services.enrollment import enrollment_set_handoff

from .. import reminders as keys
from ..matching import may_coach
from ..models import (
    CoachDecline,
    CoachProfile,
    Engagement,
    FinalReview,
    Session,
)
from ..permissions import coachee_capable
from .coaches import coaching_settings
from .sessions import cancel_quietly

MAX_SHORTLIST = 3
PLANNED_LENGTH = timedelta(days=183)
Status = Engagement.Status


def waiting_enrollment(person: Individual) -> Enrollment | None:
    """The person's enrollment in a coaching programme that is waiting to be matched and
    has no engagement under way yet (the oldest, if several)."""
    return (
        Enrollment.objects.filter(
            person=person,
            offering__kind="coaching",
            status=Enrollment.Status.ENROLLED,
            handoff_status=Enrollment.Handoff.WAITING,
        )
        .exclude(coaching_engagements__status__in=Engagement.LIVE)
        .select_related("offering")
        .order_by("created_at", "pk")
        .first()
    )


def _locked(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("coachee", "coach", "enrollment__offering")
        .get(pk=engagement.pk)
    )


def _tell(recipient: Individual, kind: str, key: str, title: str, url: str, body: str = ""):
    reminder_schedule(
        recipient=recipient,
        kind=kind,
        key=key,
        due_at=timezone.now(),
        title=title,
        body=body,
        url=url,
    )


def _handoff(engagement: Engagement, actor: Individual | None, status: str) -> None:
    if engagement.enrollment is not None:
        enrollment_set_handoff(
            enrollment=engagement.enrollment,
            actor=actor,
            status=status,
            url=engagement.get_absolute_url(),
        )


# --- intake ------------------------------------------------------------------------------


@transaction.atomic
def engagement_request(
    *,
    person: Individual,
    actor: Individual,
    topics: list[str],
    languages: list[str],
    intake_text: str = "",
    preferred_days: list[int] | None = None,
    preferred_times: list[str] | None = None,
    now: datetime | None = None,
) -> Engagement:
    """The person asks for a coach, with what they want help with. It picks up their
    enrollment in a coaching programme; without one, only where the employer allows it."""
    if actor.pk != person.pk:
        raise PermissionDenied("People ask for a coach for themselves.")
    if not coachee_capable(person) or person.deactivated_at is not None:
        raise ValidationError("Coaching here is for employees and their partners.")
    Individual.objects.select_for_update().filter(pk=person.pk).first()
    if Engagement.objects.live().filter(coachee=person).exists():
        raise ValidationError("Your coaching is already under way: see My coaching.")
    enrollment = waiting_enrollment(person)
    settings = coaching_settings(person.employer_id)
    if enrollment is None:
        if not settings.direct_requests:
            raise ValidationError(
                "Coaching at your employer starts from a coaching programme: enroll in one "
                "from the catalog, then come back here."
            )
        if (
            person.is_partner
            and not Partnership.objects.filter(
                partner=person, status=Partnership.Status.ACTIVE
            ).exists()
        ):
            raise ValidationError("Coaching is open to partners of employees while connected.")
    if not languages:
        raise ValidationError({"languages": "Choose at least one language."})
    engagement = Engagement(
        employer_id=person.employer_id,
        coachee=person,
        enrollment=enrollment,
        topics=list(topics),
        intake_text=intake_text.strip(),
        languages=list(languages),
        preferred_days=sorted(int(d) for d in preferred_days or []),
        preferred_times=list(preferred_times or []),
        sessions_agreed=settings.sessions_default,
        created_at=now or timezone.now(),
    )
    engagement.full_clean()
    engagement.save()
    _handoff(engagement, person, Enrollment.Handoff.WAITING)
    audit(employer=person.employer, actor=actor, verb="coaching.requested", target=engagement)
    return engagement


# --- choosing a coach --------------------------------------------------------------------


def _require_choosing(engagement: Engagement, actor: Individual) -> None:
    if actor.pk != engagement.coachee_id:
        raise PermissionDenied("The person chooses their own coach.")
    if not engagement.choosing:
        raise ValidationError("A coach has already been asked; wait for their answer.")


@transaction.atomic
def engagement_shortlist(
    *, engagement: Engagement, actor: Individual, coaches: list[Individual]
) -> Engagement:
    """Up to three coaches for a short chemistry call each, booked like a session."""
    engagement = _locked(engagement)
    _require_choosing(engagement, actor)
    unique = list({c.pk: c for c in coaches}.values())
    if not 1 <= len(unique) <= MAX_SHORTLIST:
        raise ValidationError({"coaches": "Pick one to three coaches for a chemistry call."})
    for coach in unique:
        if may_coach(engagement, coach) is None:
            raise ValidationError(
                {"coaches": f"{coach.full_name} cannot take you on now; pick another coach."}
            )
    dropped = set(engagement.shortlist.values_list("pk", flat=True)) - {c.pk for c in unique}
    for call in engagement.sessions.filter(
        kind=Session.Kind.CHEMISTRY, status=Session.Status.BOOKED, coach_id__in=dropped
    ).select_related("coach", "coachee"):
        cancel_quietly(call, actor)
    engagement.shortlist.set(unique)
    engagement.status = Status.CHEMISTRY
    engagement.save(update_fields=["status", "updated_at"])
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.shortlisted",
        target=engagement,
        coaches=[c.pk for c in unique],
    )
    return engagement


def _ask(
    engagement: Engagement,
    coach: Individual,
    actor: Individual,
    *,
    assigned_by: Individual | None = None,
    now: datetime | None = None,
) -> None:
    """Ask the coach to take the engagement on; their profile row is locked while their
    free places are counted, so two people cannot take a coach's last place together."""
    profile = CoachProfile.objects.select_for_update().filter(individual=coach).first()
    if profile is None or may_coach(engagement, coach) is None:
        raise ValidationError(
            {
                "coach": f"{coach.full_name} cannot take this on (paused, full, or in the "
                "person's reporting line)."
            }
        )
    for call in (
        engagement.sessions.filter(kind=Session.Kind.CHEMISTRY, status=Session.Status.BOOKED)
        .exclude(coach=coach)
        .select_related("coach", "coachee")
    ):
        cancel_quietly(call, actor)
    engagement.coach = coach
    engagement.coach_asked_at = now or timezone.now()
    engagement.status = Status.REQUESTED
    engagement.assigned_by = assigned_by
    engagement.save(
        update_fields=["coach", "coach_asked_at", "status", "assigned_by", "updated_at"]
    )
    topics = ", ".join(engagement.topic_labels) or "not given yet"
    _tell(
        coach,
        keys.REQUEST_NEW,
        keys.request_new_key(engagement.pk, coach.pk),
        f"{engagement.coachee.full_name} asks you to be their coach",
        engagement.get_absolute_url(),
        body=f"Topics: {topics}. Accept or decline on the request's page.",
    )


@transaction.atomic
def engagement_choose(
    *, engagement: Engagement, actor: Individual, coach: Individual, now=None
) -> Engagement:
    """The person asks one coach (from the suggestions, after chemistry calls or not)."""
    engagement = _locked(engagement)
    _require_choosing(engagement, actor)
    _ask(engagement, coach, actor, now=now)
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.coach_chosen",
        target=engagement,
        coach=coach.pk,
    )
    return engagement


@transaction.atomic
def engagement_assign(
    *,
    actor: Individual,
    coach: Individual,
    engagement: Engagement | None = None,
    enrollment: Enrollment | None = None,
    now=None,
) -> Engagement:
    """HR matches a waiting person with a coach, who still accepts or declines. A person
    enrolled in a programme who has not filled in the intake gets an engagement now."""
    person = engagement.coachee if engagement else enrollment.person
    require_hr(actor, person.employer_id)
    if engagement is None:
        engagement = Engagement.objects.live().filter(coachee=person).first()
    if engagement is None:
        engagement = Engagement(
            employer_id=person.employer_id,
            coachee=person,
            enrollment=enrollment,
            sessions_agreed=coaching_settings(person.employer_id).sessions_default,
        )
        engagement.full_clean()
        engagement.save()
        _handoff(engagement, actor, Enrollment.Handoff.WAITING)
    engagement = _locked(engagement)
    if not (engagement.choosing or engagement.awaiting_coach):
        raise ValidationError(f"{person.full_name} is not waiting for a coach.")
    if engagement.awaiting_coach and engagement.coach_id and engagement.coach_id != coach.pk:
        # Reassigned before the first coach answered: their request is withdrawn.
        reminder_cancel(key=keys.request_new_key(engagement.pk, engagement.coach_id))
        reminder_cancel_prefix(prefix=keys.request_waiting_prefix(engagement.pk))
    _ask(engagement, coach, actor, assigned_by=actor, now=now)
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.assigned",
        target=engagement,
        coach=coach.pk,
    )
    return engagement


@transaction.atomic
def engagement_answer(
    *,
    engagement: Engagement,
    actor: Individual,
    accept: bool,
    message: str = "",
    sessions_agreed: int | None = None,
    now: datetime | None = None,
) -> Engagement:
    """The coach accepts (coaching starts) or declines with a message the person reads; a
    decline returns the person to the list, without that coach."""
    engagement = _locked(engagement)
    if actor.pk != engagement.coach_id:
        raise PermissionDenied("Only the coach who was asked answers.")
    if not engagement.awaiting_coach:
        raise ValidationError("This request has already been answered.")
    message = message.strip()
    reminder_cancel(key=keys.request_new_key(engagement.pk, actor.pk))
    reminder_cancel_prefix(prefix=keys.request_waiting_prefix(engagement.pk))
    person = engagement.coachee
    if accept:
        today = timezone.localdate(now or timezone.now(), timezone=person.tzinfo)
        engagement.status = Status.ACTIVE
        engagement.started_on = today
        engagement.ends_on = today + PLANNED_LENGTH
        if sessions_agreed:
            engagement.sessions_agreed = sessions_agreed
        engagement.full_clean()
        engagement.save()
        _handoff(engagement, actor, Enrollment.Handoff.MATCHED)
        title = f"{actor.full_name} is your coach: book your first session"
    else:
        if not message:
            raise ValidationError(
                {"message": "Tell the person why, in a sentence or two: they will read it."}
            )
        CoachDecline.objects.create(engagement=engagement, coach=actor, message=message)
        for call in engagement.sessions.filter(
            kind=Session.Kind.CHEMISTRY, status=Session.Status.BOOKED, coach=actor
        ).select_related("coach", "coachee"):
            cancel_quietly(call, actor)
        engagement.shortlist.remove(actor)
        engagement.coach = None
        engagement.coach_asked_at = None
        engagement.assigned_by = None
        engagement.status = Status.CHEMISTRY if engagement.shortlist.exists() else Status.REQUESTED
        engagement.save()
        title = f"{actor.full_name} cannot coach you: choose another coach"
    _tell(
        person,
        keys.REQUEST_ANSWERED,
        keys.request_answered_key(engagement.pk, actor.pk),
        title,
        engagement.get_absolute_url(),
        body=message,
    )
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.accepted" if accept else "coaching.declined",
        target=engagement,
    )
    return engagement


# --- under way and ending ----------------------------------------------------------------


def _require_party(engagement: Engagement, actor: Individual) -> None:
    if actor.pk not in (engagement.coachee_id, engagement.coach_id):
        raise PermissionDenied("Only the coach and the coachee do this.")


@transaction.atomic
def engagement_pause(*, engagement: Engagement, actor: Individual, pause: bool) -> Engagement:
    """Pause (no new bookings; booked sessions stay) or resume."""
    engagement = _locked(engagement)
    _require_party(engagement, actor)
    expected = Status.ACTIVE if pause else Status.PAUSED
    if engagement.status != expected:
        raise ValidationError(f"This engagement is {engagement.get_status_display().lower()}.")
    engagement.status = Status.PAUSED if pause else Status.ACTIVE
    engagement.save(update_fields=["status", "updated_at"])
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.paused" if pause else "coaching.resumed",
        target=engagement,
    )
    return engagement


def _end_goal_links(engagement: Engagement, actor: Individual) -> int:
    """The coach's sight of the coachee's goals ends now, whichever flow linked them."""
    if not engagement.coach_id:
        return 0
    links = GoalLink.objects.filter(
        kind=GoalLink.Kind.COACHING,
        individual_id=engagement.coach_id,
        goal__owner_id=engagement.coachee_id,
        ended_at__isnull=True,
    ).select_related("goal__owner__employer")
    ended = 0
    for link in links:
        goal_link_end(link=link, actor=actor)
        ended += 1
    return ended


def _wind_down(engagement: Engagement, actor: Individual, status: str, now: datetime) -> None:
    for session in engagement.sessions.filter(
        status=Session.Status.BOOKED, starts_at__gt=now
    ).select_related("coach", "coachee"):
        cancel_quietly(session, actor)
    _end_goal_links(engagement, actor)
    reminder_cancel_prefix(prefix=keys.engagement_idle_prefix(engagement.pk))
    reminder_cancel_prefix(prefix=keys.request_waiting_prefix(engagement.pk))
    if engagement.coach_id:
        reminder_cancel(key=keys.request_new_key(engagement.pk, engagement.coach_id))
    engagement.status = status
    engagement.ended_at = now
    engagement.save(update_fields=["status", "ended_at", "updated_at"])
    _handoff(engagement, actor, Enrollment.Handoff.CLOSED)


@transaction.atomic
def engagement_complete(
    *, engagement: Engagement, actor: Individual, now: datetime | None = None
) -> Engagement:
    """The coach (or HR) completes coaching; the person is asked for a final review."""
    engagement = _locked(engagement)
    if actor.pk != engagement.coach_id:
        require_hr(actor, engagement.employer_id)
    if engagement.status not in Engagement.UNDER_WAY:
        raise ValidationError("Only coaching under way can be completed.")
    _wind_down(engagement, actor, Status.COMPLETED, now or timezone.now())
    _tell(
        engagement.coachee,
        keys.ENGAGEMENT_ENDED,
        keys.engagement_ended_key(engagement.pk, engagement.coachee_id),
        f"Your coaching with {engagement.coach.full_name} is complete: how did it go?",
        engagement.get_absolute_url() + "review/",
    )
    audit(employer=engagement.employer, actor=actor, verb="coaching.completed", target=engagement)
    return engagement


@transaction.atomic
def engagement_cancel(
    *, engagement: Engagement, actor: Individual, now: datetime | None = None
) -> Engagement:
    """The coachee, the coach or HR ends coaching early; booked sessions are cancelled."""
    engagement = _locked(engagement)
    if actor.pk not in (engagement.coachee_id, engagement.coach_id):
        require_hr(actor, engagement.employer_id)
    if not engagement.is_live:
        raise ValidationError("This engagement has already ended.")
    _wind_down(engagement, actor, Status.CANCELLED, now or timezone.now())
    for person in (engagement.coachee, engagement.coach):
        if person is not None and person.pk != actor.pk:
            _tell(
                person,
                keys.ENGAGEMENT_ENDED,
                keys.engagement_ended_key(engagement.pk, person.pk),
                f"{actor.full_name} cancelled the coaching of {engagement.coachee.full_name}",
                engagement.get_absolute_url(),
            )
    audit(employer=engagement.employer, actor=actor, verb="coaching.cancelled", target=engagement)
    return engagement


@transaction.atomic
def engagement_set_goals(
    *, engagement: Engagement, actor: Individual, goals: list[Goal]
) -> list[GoalLink]:
    """The coachee chooses which of their goals the coach sees while coaching is under way."""
    engagement = _locked(engagement)
    if actor.pk != engagement.coachee_id:
        raise PermissionDenied("The coachee chooses which goals to share.")
    coach = engagement.coach
    if engagement.status not in Engagement.UNDER_WAY or coach is None:
        raise ValidationError("Goals are shared with your coach while coaching is under way.")
    for goal in goals:
        if goal.owner_id != actor.pk or goal.status == Goal.Status.DRAFT:
            raise ValidationError({"goals": "Choose goals of your own that are not drafts."})
    current = {
        link.goal_id: link
        for link in GoalLink.objects.filter(
            kind=GoalLink.Kind.COACHING,
            individual_id=coach.pk,
            goal__owner_id=actor.pk,
            ended_at__isnull=True,
        ).select_related("goal__owner__employer")
    }
    wanted = {goal.pk: goal for goal in goals}
    for goal_id, link in current.items():
        if goal_id not in wanted:
            goal_link_end(link=link, actor=actor)
    links = [
        goal_link_create(
            goal=goal,
            individual=coach,
            kind=GoalLink.Kind.COACHING,
            actor=actor,
            source_id=engagement.pk,
        )
        for goal in wanted.values()
    ]
    return links


@transaction.atomic
def final_review_create(
    *,
    engagement: Engagement,
    actor: Individual,
    goal_progress: int,
    would_recommend: bool,
    comment: str = "",
) -> FinalReview:
    engagement = _locked(engagement)
    if actor.pk != engagement.coachee_id:
        raise PermissionDenied("The coachee reviews their coaching.")
    if engagement.status != Status.COMPLETED:
        raise ValidationError("The final review is written once coaching is completed.")
    if FinalReview.objects.filter(engagement=engagement).exists():
        raise ValidationError("You have already reviewed this coaching.")
    review = FinalReview(
        engagement=engagement,
        goal_progress=goal_progress,
        would_recommend=would_recommend,
        comment=comment.strip(),
    )
    review.full_clean()
    review.save()
    reminder_cancel(key=keys.engagement_ended_key(engagement.pk, actor.pk))
    audit(employer=engagement.employer, actor=actor, verb="coaching.reviewed", target=engagement)
    return review
