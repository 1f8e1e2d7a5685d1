"""Sessions: book a free slot, move it, cancel it, mark it held or no-show, rate it.

No double booking, for the coach or for the coachee. Every booking first checks that the
slot is still free (a friendly message); the database is what guarantees it: on PostgreSQL
two exclusion constraints refuse overlapping live sessions of one coach or one coachee
even when two transactions pass the check at the same moment (`constraints.py`); the
loser's insert fails and they read that the time was just taken. On SQLite every write
transaction starts with `BEGIN IMMEDIATE`, so the check and the insert of two bookings
cannot interleave.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_schedule,
)
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import reminders as keys
from ..models import CoachProfile, Engagement, Session, SessionFeedback
from ..slots import BOOKING_LEAD, CHEMISTRY_MINUTES, slot_starts, without_busy
from .coaches import coaching_settings

TAKEN = "Someone booked this time a moment ago. Choose another slot."
BEFORE = (
    (keys.SESSION_DAY, keys.session_day_key, timedelta(days=1), "tomorrow"),
    (keys.SESSION_HOUR, keys.session_hour_key, timedelta(hours=1), "in one hour"),
)


# --- reading what a session or engagement allows ----------------------------------------


def sessions_tally(engagement: Engagement) -> dict[str, int]:
    """Coaching sessions (not chemistry calls) held or no-show (used), booked and left."""
    rows = dict(
        engagement.sessions.filter(kind=Session.Kind.SESSION)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    used = rows.get(Session.Status.HELD, 0) + rows.get(Session.Status.NO_SHOW, 0)
    booked = rows.get(Session.Status.BOOKED, 0)
    return {
        "used": used,
        "booked": booked,
        "left": max(0, engagement.sessions_agreed - used - booked),
        "agreed": engagement.sessions_agreed,
    }


def change_refused(session: Session, actor: Individual, *, notice: timedelta, now: datetime):
    """Why the actor may not move or cancel the session now, or None when they may.

    The coach may until it starts; the coachee until the employer's minimum notice."""
    if session.status != Session.Status.BOOKED:
        return f"This session is {session.get_status_display().lower()}."
    if session.starts_at <= now:
        return "This session has already started."
    if actor.pk == session.coach_id:
        return None
    if actor.pk == session.coachee_id:
        if session.starts_at - now < notice:
            hours = int(notice.total_seconds() // 3600)
            return (
                f"Less than {hours} hours before a session only your coach can move or "
                "cancel it: write to them."
            )
        return None
    return "Only the coach and the coachee change a session."


def busy_times(
    *, coach_id: int, coachee_id: int, first: datetime, last: datetime, exclude_id=None
) -> list[tuple[datetime, datetime]]:
    """Live sessions of the coach or of the coachee between two instants (one query)."""
    qs = Session.objects.live().filter(
        Q(coach_id=coach_id) | Q(coachee_id=coachee_id), starts_at__lt=last, ends_at__gt=first
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs.values_list("starts_at", "ends_at"))


def free_slots(
    *,
    profile: CoachProfile,
    coachee_id: int,
    first: datetime,
    last: datetime,
    now: datetime,
    exclude_id: int | None = None,
):
    """The coach's slots between two instants that neither side has booked, from
    `now + BOOKING_LEAD` on. Windows and exceptions are read from the profile (prefetch
    them for a page)."""
    tz = profile.tzinfo
    slots = slot_starts(
        windows=profile.windows.all(),
        exceptions=[
            e
            for e in profile.exceptions.all()
            if first.astimezone(tz).date() <= e.date <= last.astimezone(tz).date()
        ],
        tz=tz,
        first_day=first.astimezone(tz).date(),
        last_day=last.astimezone(tz).date(),
        minutes=profile.session_minutes,
    )
    slots = [s for s in slots if first <= s.starts_at < last]
    busy = busy_times(
        coach_id=profile.individual_id,
        coachee_id=coachee_id,
        first=first,
        last=last + timedelta(minutes=profile.session_minutes),
        exclude_id=exclude_id,
    )
    return without_busy(slots, busy, not_before=now + BOOKING_LEAD)


def require_free_slot(
    profile: CoachProfile, coachee_id: int, starts_at: datetime, now: datetime, exclude_id=None
) -> None:
    """Refuse a time that is not one of the coach's free slots right now."""
    if starts_at < now + BOOKING_LEAD:
        raise ValidationError({"starts_at": "Choose a time at least two hours from now."})
    around = free_slots(
        profile=profile,
        coachee_id=coachee_id,
        first=starts_at - timedelta(hours=1),
        last=starts_at + timedelta(hours=1),
        now=now,
        exclude_id=exclude_id,
    )
    if not any(slot.starts_at == starts_at for slot in around):
        raise ValidationError({"starts_at": "That time is not free any more. Choose another."})


# --- reminders -------------------------------------------------------------------------


def _when(moment: datetime, person: Individual) -> str:
    local = moment.astimezone(person.tzinfo)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _place(session: Session) -> str:
    return session.online_url or session.location


def _what(session: Session) -> str:
    return "Chemistry call" if session.is_chemistry else "Coaching session"


def _schedule_reminders(session: Session) -> None:
    """A day and an hour before, to both sides; a moment already past is skipped."""
    now = timezone.now()
    for person, other in ((session.coach, session.coachee), (session.coachee, session.coach)):
        local = session.starts_at.astimezone(person.tzinfo)
        for kind, key, before, label in BEFORE:
            due = session.starts_at - before
            if due <= now:
                continue
            reminder_schedule(
                recipient=person,
                kind=kind,
                key=key(session.pk, session.version, person.pk),
                due_at=due,
                title=f"{_what(session)} with {other.full_name} {label} at {local:%H:%M}",
                body=_place(session),
                url=session.get_absolute_url(),
            )


def session_reminders_follow_time_zone(*, individual: Individual, **_signal) -> int:
    """A person moved to another zone: their sessions' reminders say the new local time."""
    sessions = Session.objects.filter(
        Q(coach=individual) | Q(coachee=individual),
        status=Session.Status.BOOKED,
        starts_at__gt=timezone.now(),
    ).select_related("coach", "coachee")
    moved = 0
    for session in sessions:
        # The instance that carries the new zone, on whichever side the person is.
        if session.coach_id == individual.pk:
            session.coach = individual
        else:
            session.coachee = individual
        _schedule_reminders(session)
        moved += 1
    return moved


def _cancel_reminders(session: Session) -> None:
    for prefix in keys.session_reminder_prefixes(session.pk):
        reminder_cancel_prefix(prefix=prefix)


def _tell_other_side(session: Session, actor: Individual, event: str, title: str) -> None:
    other = session.coachee if actor.pk == session.coach_id else session.coach
    reminder_schedule(
        recipient=other,
        kind=keys.SESSION_CHANGED,
        key=keys.session_changed_key(session.pk, session.version, event, other.pk),
        due_at=timezone.now(),
        title=title.format(who=actor.full_name, when=_when(session.starts_at, other)),
        body=_place(session) if event != "cancelled" else "",
        url=session.get_absolute_url(),
    )


def _save_refusing_overlap(session: Session) -> None:
    """Save inside a savepoint: an overlap the database refuses (a booking that won the race
    a moment ago) becomes a message, and the caller's transaction carries on."""
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:
        if "overlap" in str(error):
            raise ValidationError({"starts_at": TAKEN}) from None
        raise


# --- booking, moving, cancelling ---------------------------------------------------------


def _locked(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("coachee", "coach", "coach__coach_profile")
        .get(pk=engagement.pk)
    )


@transaction.atomic
def session_book(
    *,
    engagement: Engagement,
    actor: Individual,
    starts_at: datetime,
    coach: Individual | None = None,
    now: datetime | None = None,
) -> Session:
    """Book one of the coach's free slots: a session of an active engagement (by the
    coachee or the coach), or a chemistry call with a shortlisted coach (by the coachee)."""
    now = now or timezone.now()
    engagement = _locked(engagement)
    if actor.pk not in (engagement.coachee_id, engagement.coach_id):
        raise PermissionDenied("Only the coachee and the coach book sessions.")
    if engagement.status == Engagement.Status.CHEMISTRY:
        if actor.pk != engagement.coachee_id:
            raise PermissionDenied("The person books their own chemistry calls.")
        if coach is None or not engagement.shortlist.filter(pk=coach.pk).exists():
            raise ValidationError("Choose one of the coaches on your shortlist.")
        if (
            Session.objects.live()
            .filter(engagement=engagement, coach=coach, kind=Session.Kind.CHEMISTRY)
            .exists()
        ):
            raise ValidationError(f"You already have a chemistry call with {coach.full_name}.")
        kind = Session.Kind.CHEMISTRY
    elif engagement.status == Engagement.Status.ACTIVE:
        if coach is not None and coach.pk != engagement.coach_id:
            raise ValidationError("Sessions are with your coach.")
        coach = engagement.coach
        kind = Session.Kind.SESSION
        tally = sessions_tally(engagement)
        if tally["left"] <= 0:
            raise ValidationError(
                f"All {tally['agreed']} sessions agreed are used or booked. Ask your coach "
                "whether to agree more."
            )
    else:
        raise ValidationError(
            f"Sessions are booked while coaching is active; this engagement is "
            f"{engagement.get_status_display().lower()}."
        )
    profile = CoachProfile.objects.get(individual=coach)
    require_free_slot(profile, engagement.coachee_id, starts_at, now)
    minutes = profile.session_minutes
    if kind == Session.Kind.CHEMISTRY:
        minutes = min(CHEMISTRY_MINUTES, minutes)
    session = Session(
        engagement=engagement,
        coach=coach,
        coachee=engagement.coachee,
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        time_zone=profile.time_zone,
        online_url=profile.online_url,
        location=profile.location,
        booked_by=actor,
    )
    # The overlap rule is the database's (see the module docstring), not full_clean's.
    session.full_clean(validate_constraints=False)
    _save_refusing_overlap(session)
    _schedule_reminders(session)
    _tell_other_side(session, actor, "booked", f"{_what(session)} booked by {{who}}: {{when}}")
    reminder_cancel_prefix(prefix=keys.engagement_idle_prefix(engagement.pk))
    audit(
        employer=engagement.employer,
        actor=actor,
        verb="coaching.session_booked",
        target=session,
        kind=kind,
    )
    return session


def _locked_session(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("engagement", "coach", "coachee")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_reschedule(
    *, session: Session, actor: Individual, starts_at: datetime, now: datetime | None = None
) -> Session:
    """Move a session to another free slot; its reminders move with it (new occurrences)."""
    now = now or timezone.now()
    session = _locked_session(session)
    notice = coaching_settings(session.engagement.employer_id).notice
    refused = change_refused(session, actor, notice=notice, now=now)
    if refused:
        raise ValidationError(refused)
    if starts_at == session.starts_at:
        raise ValidationError({"starts_at": "Choose another time than the current one."})
    profile = CoachProfile.objects.get(individual_id=session.coach_id)
    require_free_slot(profile, session.coachee_id, starts_at, now, exclude_id=session.pk)
    before = session.starts_at
    _cancel_reminders(session)
    session.ends_at = starts_at + (session.ends_at - session.starts_at)
    session.starts_at = starts_at
    session.version += 1
    session.full_clean(validate_constraints=False)
    _save_refusing_overlap(session)
    _schedule_reminders(session)
    _tell_other_side(session, actor, "moved", f"{_what(session)} moved by {{who}} to {{when}}")
    audit(
        employer=session.engagement.employer,
        actor=actor,
        verb="coaching.session_moved",
        target=session,
        before=before.isoformat(),
        after=starts_at.isoformat(),
    )
    return session


def cancel_quietly(session: Session, actor: Individual | None) -> None:
    """Cancel a booked session and its reminders (inside the caller's transaction), without
    the notice rule: for an engagement that ends or a chemistry call no longer needed."""
    session.status = Session.Status.CANCELLED
    session.cancelled_by = actor
    session.cancelled_at = timezone.now()
    session.save(update_fields=["status", "cancelled_by", "cancelled_at", "updated_at"])
    _cancel_reminders(session)


@transaction.atomic
def session_cancel(*, session: Session, actor: Individual, now: datetime | None = None) -> Session:
    now = now or timezone.now()
    session = _locked_session(session)
    notice = coaching_settings(session.engagement.employer_id).notice
    refused = change_refused(session, actor, notice=notice, now=now)
    if refused:
        raise ValidationError(refused)
    cancel_quietly(session, actor)
    _tell_other_side(
        session, actor, "cancelled", f"{{who}} cancelled the {_what(session).lower()} of {{when}}"
    )
    audit(
        employer=session.engagement.employer,
        actor=actor,
        verb="coaching.session_cancelled",
        target=session,
    )
    return session


@transaction.atomic
def session_set_outcome(
    *, session: Session, actor: Individual, outcome: str, now: datetime | None = None
) -> Session:
    """The coach marks a session that has started as held or a no-show (and may correct it)."""
    now = now or timezone.now()
    session = _locked_session(session)
    if actor.pk != session.coach_id:
        raise PermissionDenied("The coach marks a session held or no-show.")
    if outcome not in (Session.Status.HELD, Session.Status.NO_SHOW):
        raise ValidationError({"outcome": "Choose held or no-show."})
    if session.status == Session.Status.CANCELLED:
        raise ValidationError("This session was cancelled.")
    if session.starts_at > now:
        raise ValidationError("A session is marked once it has started.")
    session.status = outcome
    session.save(update_fields=["status", "updated_at"])
    _cancel_reminders(session)
    if (
        outcome == Session.Status.HELD
        and session.kind == Session.Kind.SESSION
        and not SessionFeedback.objects.filter(session=session).exists()
    ):
        reminder_schedule(
            recipient=session.coachee,
            kind=keys.FEEDBACK_DUE,
            key=keys.feedback_due_key(session.pk),
            due_at=timezone.now(),
            title=f"How was your session with {session.coach.full_name}?",
            body="Rate it from 1 to 5: only you and, in aggregate, your programme see it.",
            url=session.get_absolute_url(),
        )
    audit(
        employer=session.engagement.employer,
        actor=actor,
        verb="coaching.session_outcome",
        target=session,
        outcome=outcome,
    )
    return session


@transaction.atomic
def feedback_create(
    *, session: Session, actor: Individual, rating: int, comment: str = ""
) -> SessionFeedback:
    """The coachee rates a held session, once."""
    session = _locked_session(session)
    if actor.pk != session.coachee_id:
        raise PermissionDenied("The coachee rates their session.")
    if session.kind != Session.Kind.SESSION or session.status != Session.Status.HELD:
        raise ValidationError("A session is rated once it has been held.")
    if SessionFeedback.objects.filter(session=session).exists():
        raise ValidationError("You have already rated this session.")
    feedback = SessionFeedback(
        session=session,
        engagement=session.engagement,
        coach_id=session.coach_id,
        coachee_id=session.coachee_id,
        rating=rating,
        comment=comment.strip(),
    )
    feedback.full_clean()
    feedback.save()
    reminder_cancel(key=keys.feedback_due_key(session.pk))
    # Which session was rated, not how: one person's rating is for aggregates only.
    audit(
        employer=session.engagement.employer,
        actor=actor,
        verb="coaching.session_rated",
        target=session,
    )
    return feedback
