"""A mentorship from start to close: agreement, linked goals, meetings, private notes, the fit
question, HR's re-pairing, closure and feedback. Audit rows never carry note text."""

from __future__ import annotations

from datetime import date, time, timedelta

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
from careersupport.notifications.timing import at_local
from careersupport.people.hierarchy import in_same_line
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit
from programs.models import Enrollment
from programs.services.enrollment import enrollment_set_handoff

from .. import reminders as keys
from ..models import (
    Feedback,
    Meeting,
    MenteeNeeds,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    PrivateNote,
    Programme,
)

NINE = time(9, 0)
ENDING_NOTICE = timedelta(days=7)


def local_today(person: Individual) -> date:
    return timezone.localdate(timezone=person.tzinfo)


def _require_party(mentorship: Mentorship, actor: Individual) -> str:
    side = mentorship.side_of(actor)
    if not side:
        raise PermissionDenied("Only the mentee and the mentor of this pair may do this.")
    return side


def _require_active(mentorship: Mentorship) -> None:
    if not mentorship.is_active:
        raise ValidationError("This mentorship has closed.")


def _lock(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor", "programme__offering")
        .get(pk=mentorship.pk)
    )


# --- reminders ---------------------------------------------------------------------------------


def _tell(person: Individual, kind: str, key: str, title: str, body: str, url: str, due=None):
    reminder_schedule(
        recipient=person,
        kind=kind,
        key=key,
        due_at=due or timezone.now(),
        title=title,
        body=body,
        url=url,
    )


def _schedule_meeting_due(m: Mentorship) -> None:
    reminder_cancel_prefix(prefix=keys.meeting_due_prefix(m.pk))
    due = m.next_meeting_due()
    for person in (m.mentee, m.mentor):
        other = m.other_side(person)
        _tell(
            person,
            "mentorship.meeting_due",
            keys.meeting_due_key(m.pk, due, person.pk),
            f"Your next mentoring meeting with {other.full_name} is due",
            f"Your {m.get_cadence_display().lower()} meeting is due today. Log it on the "
            "mentorship page once you have met.",
            m.get_absolute_url(),
            due=at_local(due, NINE, person.tzinfo),
        )


def _schedule_ending_soon(m: Mentorship) -> None:
    reminder_cancel_prefix(prefix=keys.ending_soon_prefix(m.pk))
    for person in (m.mentee, m.mentor):
        notice = at_local(m.ends_on - ENDING_NOTICE, NINE, person.tzinfo)
        if notice <= timezone.now():
            continue
        _tell(
            person,
            "mentorship.ending_soon",
            keys.ending_soon_key(m.pk, m.ends_on, person.pk),
            f"Your mentorship with {m.other_side(person).full_name} ends in a week",
            f"The agreement ends on {m.ends_on:%d %B %Y}. Plan a last meeting, or agree a "
            "later end date together.",
            m.get_absolute_url(),
            due=notice,
        )


def _cancel_all(m: Mentorship) -> None:
    reminder_cancel_prefix(prefix=keys.meeting_due_prefix(m.pk))
    reminder_cancel_prefix(prefix=keys.ending_soon_prefix(m.pk))
    reminder_cancel_prefix(prefix=keys.stalled_prefix(m.pk))
    reminder_cancel_prefix(prefix=keys.agreement_pending_prefix(m.pk))
    for person_id in (m.mentee_id, m.mentor_id):
        reminder_cancel(key=keys.matched_key(m.pk, person_id))


# --- starting a mentorship ------------------------------------------------------------------


def check_pair_basics(mentee: Individual, mentor: Individual, programme: Programme) -> None:
    """The rules every new pair keeps, whoever makes it (a request, a run, a re-pair)."""
    if mentee.pk == mentor.pk:
        raise ValidationError("Nobody mentors themselves.")
    if mentee.employer_id != programme.employer_id or mentor.employer_id != programme.employer_id:
        raise ValidationError("Both people must work for the programme's employer.")
    if mentee.is_partner and not programme.allows_partners:
        raise ValidationError("This programme is not open to partners.")
    if in_same_line(mentee.pk, mentor.pk):
        raise ValidationError(
            f"{mentor.full_name} is in {mentee.full_name}'s reporting line: "
            "a mentor is never a manager or report of their mentee."
        )


@transaction.atomic
def mentorship_create(
    *,
    programme: Programme,
    mentee: Individual,
    mentor: Individual,
    actor: Individual | None,
    source: str,
    line_checked: bool = False,
) -> Mentorship:
    """Start a pair: capacity kept under a lock on the mentor's profile, goals linked, the
    programs hand-off moved to "matched", both sides told."""
    profile = MentorProfile.objects.select_for_update().filter(person=mentor).first()
    if profile is None:
        raise ValidationError(f"{mentor.full_name} is not a mentor.")
    if not line_checked:
        check_pair_basics(mentee, mentor, programme)
    active = Mentorship.objects.filter(mentor=mentor, status=Mentorship.Status.ACTIVE).count()
    if active >= profile.capacity:
        raise ValidationError(f"{mentor.full_name} has no free place left.")
    # A place taken changes the ranked lists (facts.mentor_table_cached): a new version.
    profile.save(update_fields=["updated_at"])
    if Mentorship.objects.filter(programme=programme, mentee=mentee, status="active").exists():
        raise ValidationError(f"{mentee.full_name} already has a mentor in this programme.")
    today = local_today(mentee)
    m = Mentorship(
        employer_id=programme.employer_id,
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        source=source,
        started_on=today,
        cadence=programme.default_cadence,
        ends_on=today + timedelta(weeks=programme.default_weeks),
    )
    m.enrollment = (
        Enrollment.objects.select_for_update()
        .filter(offering_id=programme.offering_id, person=mentee, status=Enrollment.Status.ENROLLED)
        .first()
    )
    m.full_clean()
    m.save()
    needs = MenteeNeeds.objects.filter(programme=programme, person=mentee).first()
    if needs is not None:
        for goal in needs.goals.filter(status__in=[Goal.Status.ACTIVE, Goal.Status.PAUSED]):
            goal_link_create(
                goal=goal,
                individual=mentor,
                kind=GoalLink.Kind.MENTORSHIP,
                actor=actor or mentee,
                source_id=m.pk,
            )
    if m.enrollment is not None:
        enrollment_set_handoff(
            enrollment=m.enrollment,
            actor=actor,
            status=Enrollment.Handoff.MATCHED,
            url=m.get_absolute_url(),
        )
    # A pending request of the mentee in this programme is answered by this match.
    for request in MentorshipRequest.objects.select_for_update().filter(
        programme=programme, mentee=mentee, status=MentorshipRequest.Status.PENDING
    ):
        request.status = (
            MentorshipRequest.Status.ACCEPTED
            if request.mentor_id == mentor.pk
            else MentorshipRequest.Status.SUPERSEDED
        )
        request.decided_at = timezone.now()
        request.mentorship = m
        request.save(update_fields=["status", "decided_at", "mentorship"])
        reminder_cancel(key=keys.request_new_key(request.pk))
        reminder_cancel(key=keys.request_waiting_key(request.pk))
    for person in (mentee, mentor):
        other = m.other_side(person)
        role = "mentor" if person == mentee else "mentee"
        _tell(
            person,
            "mentorship.matched",
            keys.matched_key(m.pk, person.pk),
            f"{other.full_name} is your {role} in {programme.offering.title}",
            "Agree on what you want to achieve, how often you meet and until when, then "
            "confirm the agreement on the mentorship page.",
            m.get_absolute_url(),
        )
    _schedule_meeting_due(m)
    _schedule_ending_soon(m)
    audit(
        employer=programme.offering.employer,
        actor=actor,
        verb="mentorship.started",
        target=m,
        source=source,
    )
    return m


# --- the agreement -----------------------------------------------------------------------------


@transaction.atomic
def agreement_update(
    *, mentorship: Mentorship, actor: Individual, goals: str, cadence: str, ends_on: date
) -> Mentorship:
    """Either side proposes the agreement; it counts as their confirmation and asks the other."""
    m = _lock(mentorship)
    side = _require_party(m, actor)
    _require_active(m)
    today = local_today(actor)
    if ends_on <= today:
        raise ValidationError({"ends_on": "The end date must be after today."})
    if ends_on > m.started_on + timedelta(weeks=104):
        raise ValidationError({"ends_on": "A mentorship lasts two years at most."})
    m.agreement_goals = goals.strip()
    m.cadence = cadence
    m.ends_on = ends_on
    m.agreement_version += 1
    now = timezone.now()
    m.mentee_agreed_at = now if side == "mentee" else None
    m.mentor_agreed_at = now if side == "mentor" else None
    m.full_clean()
    m.save()
    other = m.other_side(actor)
    _tell(
        other,
        "mentorship.agreement_pending",
        keys.agreement_pending_key(m.pk, m.agreement_version, other.pk),
        f"{actor.full_name} proposed your mentoring agreement",
        "Read it on the mentorship page and confirm it, or change it.",
        m.get_absolute_url(),
    )
    _schedule_meeting_due(m)
    _schedule_ending_soon(m)
    audit(employer=actor.employer, actor=actor, verb="mentorship.agreement_proposed", target=m)
    return m


@transaction.atomic
def agreement_confirm(*, mentorship: Mentorship, actor: Individual) -> Mentorship:
    m = _lock(mentorship)
    side = _require_party(m, actor)
    _require_active(m)
    field = f"{side}_agreed_at"
    if getattr(m, field) is None:
        setattr(m, field, timezone.now())
        m.save(update_fields=[field])
        reminder_cancel(key=keys.agreement_pending_key(m.pk, m.agreement_version, actor.pk))
        audit(employer=actor.employer, actor=actor, verb="mentorship.agreement_confirmed", target=m)
    return m


@transaction.atomic
def goals_set(*, mentorship: Mentorship, actor: Individual, goals: list[Goal]) -> Mentorship:
    """The mentee chooses which of their goals the mentor sees while the pair is active."""
    m = _lock(mentorship)
    if actor.pk != m.mentee_id:
        raise PermissionDenied("Only the mentee shares their goals.")
    _require_active(m)
    if any(g.owner_id != actor.pk or g.status == Goal.Status.DRAFT for g in goals):
        raise ValidationError({"goals": "Share your own goals (not drafts)."})
    wanted = {g.pk for g in goals}
    links = GoalLink.objects.filter(
        kind=GoalLink.Kind.MENTORSHIP, source_id=m.pk, ended_at__isnull=True
    ).select_related("goal__owner__employer")
    for link in links:
        if link.goal_id not in wanted:
            goal_link_end(link=link, actor=actor)
        wanted.discard(link.goal_id)
    for goal in goals:
        if goal.pk in wanted:
            goal_link_create(
                goal=goal,
                individual=m.mentor,
                kind=GoalLink.Kind.MENTORSHIP,
                actor=actor,
                source_id=m.pk,
            )
    return m


# --- meetings and notes ----------------------------------------------------------------------


@transaction.atomic
def meeting_log(
    *,
    mentorship: Mentorship,
    actor: Individual,
    held_on: date,
    notes: str = "",
    next_steps: str = "",
    private_note: str = "",
) -> Meeting:
    m = _lock(mentorship)
    _require_party(m, actor)
    _require_active(m)
    if held_on > local_today(actor):
        raise ValidationError({"held_on": "Log a meeting once it has taken place."})
    if held_on < m.started_on:
        raise ValidationError(
            {"held_on": f"The mentorship started on {m.started_on:%d %B %Y}, after this date."}
        )
    meeting = Meeting(
        mentorship=m,
        held_on=held_on,
        notes=notes.strip(),
        next_steps=next_steps.strip(),
        logged_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    if private_note.strip():
        PrivateNote.objects.create(meeting=meeting, author=actor, text=private_note.strip())
    m.meeting_count += 1
    m.last_meeting_on = max(held_on, m.last_meeting_on or held_on)
    m.health = m.health_on(local_today(actor))
    m.save(update_fields=["meeting_count", "last_meeting_on", "health"])
    reminder_cancel_prefix(prefix=keys.stalled_prefix(m.pk))
    _schedule_meeting_due(m)
    audit(employer=actor.employer, actor=actor, verb="mentorship.meeting_logged", target=meeting)
    return meeting


@transaction.atomic
def private_note_save(*, meeting: Meeting, actor: Individual, text: str) -> PrivateNote | None:
    """The actor's own note on a meeting; an empty text removes it."""
    _require_party(meeting.mentorship, actor)
    note = PrivateNote.objects.select_for_update().filter(meeting=meeting, author=actor).first()
    if not text.strip():
        if note is not None:
            note.delete()
        return None
    note = note or PrivateNote(meeting=meeting, author=actor)
    note.text = text.strip()
    note.full_clean()
    note.save()
    return note


# --- fit, flags and re-pairing ---------------------------------------------------------------


@transaction.atomic
def fit_answer(*, mentorship: Mentorship, actor: Individual, good_fit: bool) -> Mentorship:
    """After the first meeting each side says whether the pair fits; a "no" is flagged to HR."""
    m = _lock(mentorship)
    side = _require_party(m, actor)
    _require_active(m)
    if m.meeting_count == 0:
        raise ValidationError("The question comes after your first meeting.")
    setattr(m, f"{side}_fit", "yes" if good_fit else "no")
    fields = [f"{side}_fit", "health"]
    if not good_fit and not m.has_poor_fit:
        m.poor_fit_at = timezone.now()
        m.poor_fit_resolved_at = None
        fields += ["poor_fit_at", "poor_fit_resolved_at"]
        _flag_to_hr(m)
    m.health = m.health_on(local_today(actor))
    m.save(update_fields=fields)
    # Which side said what stays with the pair: the audit row records that one answered.
    audit(employer=actor.employer, actor=actor, verb="mentorship.fit_answered", target=m)
    return m


def _flag_to_hr(m: Mentorship) -> None:
    from django.urls import reverse

    hr_people = Individual.objects.for_employer(m.employer_id).active().filter(is_hr_admin=True)
    for hr in hr_people:
        _tell(
            hr,
            "mentorship.poor_fit",
            keys.poor_fit_key(m.pk, hr.pk),
            f"A mentoring pair in {m.programme.offering.title} may not be a good fit",
            f"{m.mentee.full_name} and {m.mentor.full_name}: one of them answered that the pair "
            "is not a good fit. Talk to them, then re-pair or keep the pair.",
            reverse("mentorship:manage-pairs") + "?view=poor_fit",
        )


@transaction.atomic
def flag_resolve(*, mentorship: Mentorship, actor: Individual) -> Mentorship:
    """HR talked to both and the pair goes on."""
    require_hr(actor, mentorship.employer_id)
    m = _lock(mentorship)
    if not m.has_poor_fit:
        raise ValidationError("There is no open poor-fit flag on this pair.")
    m.poor_fit_resolved_at = timezone.now()
    m.health = m.health_on(local_today(actor))
    m.save(update_fields=["poor_fit_resolved_at", "health"])
    audit(employer=actor.employer, actor=actor, verb="mentorship.flag_resolved", target=m)
    return m


@transaction.atomic
def mentorship_repair(
    *, mentorship: Mentorship, actor: Individual, new_mentor: Individual
) -> Mentorship:
    """HR ends a pair and starts the mentee with another mentor (rules checked again)."""
    require_hr(actor, mentorship.employer_id)
    old = _lock(mentorship)
    _require_active(old)
    if new_mentor.pk == old.mentor_id:
        raise ValidationError({"mentor": "Choose a different mentor."})
    from ..facts import mentee_facts_one, mentor_facts
    from ..scoring import EXCLUSIONS, exclusion

    mentorship_close(mentorship=old, actor=actor, reason="Re-paired by HR", repairing=True)
    facts = mentor_facts(old.employer_id, person_ids=[new_mentor.pk])
    mentee = mentee_facts_one(old.programme, old.mentee)
    if not facts:
        raise ValidationError({"mentor": f"{new_mentor.full_name} is not an available mentor."})
    why = exclusion(mentee, facts[0])
    if why:
        raise ValidationError({"mentor": f"{new_mentor.full_name} {EXCLUSIONS[why]}."})
    return mentorship_create(
        programme=old.programme,
        mentee=old.mentee,
        mentor=new_mentor,
        actor=actor,
        source=Mentorship.Source.REPAIR,
        line_checked=True,
    )


# --- closing and feedback --------------------------------------------------------------------


@transaction.atomic
def mentorship_close(
    *,
    mentorship: Mentorship,
    actor: Individual | None,
    reason: str = "",
    repairing: bool = False,
) -> Mentorship:
    """Close by either side, by HR re-pairing, or by the beat job at the end date (no actor):
    goal links end at once, reminders stop, both are asked for feedback."""
    m = _lock(mentorship)
    if actor is not None and not repairing:
        _require_party(m, actor)
    _require_active(m)
    m.status = Mentorship.Status.CLOSED
    m.health = Mentorship.Health.CLOSED
    m.closed_at = timezone.now()
    m.closed_by = actor
    m.close_reason = reason.strip()[:200]
    m.save(update_fields=["status", "health", "closed_at", "closed_by", "close_reason"])
    # The mentor's place is free again: the ranked lists' cache sees a new version.
    MentorProfile.objects.filter(person_id=m.mentor_id).update(updated_at=timezone.now())
    links = GoalLink.objects.filter(
        kind=GoalLink.Kind.MENTORSHIP, source_id=m.pk, ended_at__isnull=True
    ).select_related("goal__owner__employer")
    for link in links:
        goal_link_end(link=link, actor=actor)
    _cancel_all(m)
    if m.enrollment is not None and not repairing:
        enrollment_set_handoff(
            enrollment=m.enrollment,
            actor=actor,
            status=Enrollment.Handoff.CLOSED,
            url=m.get_absolute_url(),
        )
    for person in (m.mentee, m.mentor):
        _tell(
            person,
            "mentorship.feedback_requested",
            keys.feedback_key(m.pk, person.pk),
            f"Your mentorship with {m.other_side(person).full_name} has closed",
            "Two questions: how useful was it, and what helped? Your answers reach HR only "
            "as totals of five answers or more.",
            m.get_absolute_url() + "#feedback",
        )
    audit(employer=m.programme.offering.employer, actor=actor, verb="mentorship.closed", target=m)
    return m


@transaction.atomic
def feedback_give(
    *, mentorship: Mentorship, actor: Individual, rating: int, helped: str = ""
) -> Feedback:
    mentorship = Mentorship.objects.get(pk=mentorship.pk)
    side = _require_party(mentorship, actor)
    if mentorship.is_active:
        raise ValidationError("Feedback is given when the mentorship closes.")
    if Feedback.objects.filter(mentorship=mentorship, author=actor).exists():
        raise ValidationError("You have already given your feedback.")
    feedback = Feedback(
        mentorship=mentorship, author=actor, side=side, rating=rating, helped=helped.strip()
    )
    feedback.full_clean()
    feedback.save()
    reminder_cancel(key=keys.feedback_key(mentorship.pk, actor.pk))
    audit(employer=actor.employer, actor=actor, verb="mentorship.feedback_given", target=feedback)
    return feedback
