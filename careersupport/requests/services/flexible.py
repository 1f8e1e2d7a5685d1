"""Flexible work: the request, the job-share colleague's confirmation, the manager's
decision (HR overrides, and decides when there is no manager), the trial review."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.notifications.services import (
    reminder_cancel,
    reminder_cancel_prefix,
    reminder_schedule,
)
from careersupport.notifications.timing import at_local
from careersupport.people.models import Individual

from ..models import Decision, FlexibleArrangement, Status
from ..reminders import job_share_key, trial_review_key, trial_review_prefix
from .common import MORNING, local_today, record, tell_requester

TERMS = (
    "kind",
    "office_days",
    "day_off",
    "core_start",
    "core_end",
    "percentage",
    "work_days",
    "colleague",
    "start_date",
    "review_date",
)


def manager_of(person: Individual) -> Individual | None:
    """The person's active manager: the one who decides their flexible work."""
    manager = person.manager
    if manager is None or manager.deactivated_at is not None:
        return None
    return manager


def may_decide(actor: Individual, arrangement: FlexibleArrangement) -> bool:
    """The person's manager, or HR of the employer (who overrides, or stands in)."""
    if actor.employer_id != arrangement.employer_id or actor.deactivated_at is not None:
        return False
    if actor.pk == arrangement.person_id:
        return False
    if actor.is_hr_admin:
        return True
    return arrangement.person.manager_id == actor.pk


def _require_decider(actor: Individual, arrangement: FlexibleArrangement) -> None:
    if not may_decide(actor, arrangement):
        raise PermissionDenied("Only the person's manager, or HR, decides flexible work.")


def _as(actor: Individual, arrangement: FlexibleArrangement) -> str:
    manager = manager_of(arrangement.person)
    if actor.is_hr_admin and (manager is None or manager.pk != actor.pk):
        return "HR, in place of the manager" if manager else "HR (no manager)"
    return "the manager"


def _clean_terms(fields: dict) -> dict:
    kind = fields.get("kind")
    K = FlexibleArrangement.Kind
    cleaned = dict(fields)
    # Only the terms of the chosen kind are kept; the others would be misleading later.
    if kind != K.HYBRID:
        cleaned["office_days"] = []
    if kind != K.COMPRESSED:
        cleaned["day_off"] = None
    if kind != K.FLEXIBLE_HOURS:
        cleaned["core_start"] = cleaned["core_end"] = None
    if kind != K.PART_TIME:
        cleaned["percentage"], cleaned["work_days"] = None, []
    if kind != K.JOB_SHARE:
        cleaned["colleague"] = None
    for name in ("office_days", "work_days"):
        cleaned[name] = sorted({int(d) for d in cleaned.get(name) or []})
    return cleaned


@transaction.atomic
def arrangement_request(
    *, person: Individual, actor: Individual, reason: str, **terms
) -> FlexibleArrangement:
    if actor.pk != person.pk:
        raise ValidationError("People ask for their own working arrangement.")
    if not person.is_employee:
        raise ValidationError("Flexible work is for employees.")
    unknown = set(terms) - set(TERMS)
    if unknown:
        raise ValueError(f"Not arrangement terms: {sorted(unknown)}")
    Individual.objects.select_for_update().get(pk=person.pk)
    if FlexibleArrangement.objects.filter(person=person, status__in=OPEN_STATES).exists():
        raise ValidationError(
            "You already have a flexible-work request waiting: withdraw it to ask again."
        )
    if terms.get("start_date") and terms["start_date"] < local_today(person):
        raise ValidationError({"start_date": "The start cannot be in the past."})
    terms = _clean_terms(terms)
    arrangement = FlexibleArrangement(
        employer_id=person.employer_id, person=person, reason=reason.strip(), **terms
    )
    job_share = arrangement.kind == FlexibleArrangement.Kind.JOB_SHARE
    arrangement.status = Status.WAITING_COLLEAGUE if job_share else Status.PENDING
    arrangement.full_clean()
    arrangement.save()
    record(
        request=arrangement, actor=actor, action=Decision.Action.SUBMITTED, what=arrangement.terms
    )
    if job_share and arrangement.colleague is not None:
        reminder_schedule(
            recipient=arrangement.colleague,
            kind="requests.job_share",
            key=job_share_key(arrangement.pk),
            due_at=timezone.now(),
            title=f"{person.full_name} asks you to share a job with them",
            body="Open the request to confirm or decline; their manager decides after you.",
            url=arrangement.get_absolute_url(),
        )
    return arrangement


OPEN_STATES = (Status.WAITING_COLLEAGUE, Status.PENDING)


def _lock(arrangement: FlexibleArrangement) -> FlexibleArrangement:
    return (
        FlexibleArrangement.objects.select_for_update(of=("self",))
        .select_related("person", "person__manager", "colleague")
        .get(pk=arrangement.pk)
    )


@transaction.atomic
def arrangement_colleague_answer(
    *, arrangement: FlexibleArrangement, actor: Individual, accept: bool, note: str = ""
) -> FlexibleArrangement:
    arrangement = _lock(arrangement)
    if actor.pk != arrangement.colleague_id:
        raise PermissionDenied("Only the named colleague confirms a job share.")
    if arrangement.status != Status.WAITING_COLLEAGUE:
        raise ValidationError("This request is not waiting for you.")
    reminder_cancel(key=job_share_key(arrangement.pk))
    if accept:
        arrangement.status = Status.PENDING
        arrangement.colleague_confirmed_at = timezone.now()
        arrangement.save(update_fields=["status", "colleague_confirmed_at", "updated_at"])
        record(request=arrangement, actor=actor, action=Decision.Action.CONFIRMED, note=note)
        return arrangement
    arrangement.status = Status.DECLINED
    arrangement.decided_by, arrangement.decided_at = actor, timezone.now()
    arrangement.decision_note = note.strip() or f"{actor.full_name} declined the job share."
    arrangement.save()
    decision = record(
        request=arrangement,
        actor=actor,
        action=Decision.Action.DECLINED,
        what="The colleague declined the job share",
        note=arrangement.decision_note,
    )
    tell_requester(
        request=arrangement,
        decision=decision,
        title=f"{actor.full_name} declined to share a job with you",
        body=arrangement.decision_note,
    )
    return arrangement


def _schedule_review(arrangement: FlexibleArrangement) -> None:
    reminder_cancel_prefix(prefix=trial_review_prefix(arrangement.pk))
    review = arrangement.review_date
    if review is None or arrangement.status != Status.APPROVED:
        return
    now = timezone.now()
    manager = manager_of(arrangement.person)
    people = [arrangement.person] + ([manager] if manager else [])
    for person in people:
        title = (
            f"The trial of your {arrangement.get_kind_display().lower()} arrangement ends on "
            f"{review:%d %b %Y}: your manager reviews it"
            if person.pk == arrangement.person_id
            else f"Review {arrangement.person.full_name}'s "
            f"{arrangement.get_kind_display().lower()} trial on {review:%d %b %Y}"
        )
        moments = [(at_local(review, MORNING, person.tzinfo), False)]
        if person is manager:
            moments.append((at_local(review - timedelta(days=7), MORNING, person.tzinfo), True))
        for due, ahead in moments:
            if due > now:
                reminder_schedule(
                    recipient=person,
                    kind="requests.trial_review",
                    key=trial_review_key(arrangement.pk, person.pk, review, ahead),
                    due_at=due,
                    title=title,
                    url=arrangement.get_absolute_url(),
                )


def _end_current(arrangement: FlexibleArrangement, actor: Individual) -> None:
    """A person works under one arrangement: the one before ends when the next starts."""
    current = (
        FlexibleArrangement.objects.select_for_update()
        .filter(person_id=arrangement.person_id, status=Status.APPROVED)
        .exclude(pk=arrangement.pk)
    )
    for old in current:
        old.status = Status.ENDED
        old.ended_on = max(arrangement.start_date - timedelta(days=1), old.start_date)
        old.save(update_fields=["status", "ended_on", "updated_at"])
        reminder_cancel_prefix(prefix=trial_review_prefix(old.pk))
        record(
            request=old,
            actor=actor,
            action=Decision.Action.ENDED,
            what=f"Replaced by a new arrangement from {arrangement.start_date:%d %b %Y}",
        )


@transaction.atomic
def arrangement_approve(
    *, arrangement: FlexibleArrangement, actor: Individual, note: str = ""
) -> FlexibleArrangement:
    arrangement = _lock(arrangement)
    _require_decider(actor, arrangement)
    if arrangement.status != Status.PENDING:
        raise ValidationError(f"This request is {arrangement.get_status_display().lower()}.")
    arrangement.status = Status.APPROVED
    arrangement.decided_by, arrangement.decided_at = actor, timezone.now()
    arrangement.decision_note = note.strip()
    arrangement.save()
    _end_current(arrangement, actor)
    decision = record(
        request=arrangement,
        actor=actor,
        action=Decision.Action.APPROVED,
        what=f"{arrangement.terms} from {arrangement.start_date:%d %b %Y}, by {_as(actor, arrangement)}",
        note=note,
    )
    tell_requester(
        request=arrangement,
        decision=decision,
        title=f"Your request for {arrangement.get_kind_display().lower()} work is approved",
        body=note.strip(),
    )
    _schedule_review(arrangement)
    return arrangement


@transaction.atomic
def arrangement_decline(
    *, arrangement: FlexibleArrangement, actor: Individual, reason: str
) -> FlexibleArrangement:
    arrangement = _lock(arrangement)
    _require_decider(actor, arrangement)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "A decline needs a reason: the person will read it."})
    if arrangement.status not in OPEN_STATES:
        raise ValidationError(f"This request is {arrangement.get_status_display().lower()}.")
    reminder_cancel(key=job_share_key(arrangement.pk))
    arrangement.status = Status.DECLINED
    arrangement.decided_by, arrangement.decided_at = actor, timezone.now()
    arrangement.decision_note = reason
    arrangement.save()
    decision = record(
        request=arrangement,
        actor=actor,
        action=Decision.Action.DECLINED,
        what=f"by {_as(actor, arrangement)}",
        note=reason,
    )
    tell_requester(
        request=arrangement,
        decision=decision,
        title=f"Your request for {arrangement.get_kind_display().lower()} work was declined",
        body=reason,
    )
    return arrangement


@transaction.atomic
def arrangement_withdraw(
    *, arrangement: FlexibleArrangement, actor: Individual
) -> FlexibleArrangement:
    arrangement = _lock(arrangement)
    if actor.pk != arrangement.person_id:
        raise PermissionDenied("Only the person who asked can withdraw the request.")
    if arrangement.status not in OPEN_STATES:
        raise ValidationError("Only a request still waiting can be withdrawn.")
    reminder_cancel(key=job_share_key(arrangement.pk))
    arrangement.status = Status.CANCELLED
    arrangement.save(update_fields=["status", "updated_at"])
    record(request=arrangement, actor=actor, action=Decision.Action.CANCELLED)
    return arrangement


@transaction.atomic
def arrangement_review(
    *,
    arrangement: FlexibleArrangement,
    actor: Individual,
    outcome: str,
    note: str = "",
    ends_on: date | None = None,
    **changes,
) -> FlexibleArrangement:
    """At (or before) the review the manager keeps it (a new review date optional), changes
    its terms, or ends it."""
    arrangement = _lock(arrangement)
    _require_decider(actor, arrangement)
    if arrangement.status != Status.APPROVED:
        raise ValidationError("Only a current arrangement is reviewed.")
    unknown = set(changes) - set(TERMS)
    if unknown:
        raise ValueError(f"Not arrangement terms: {sorted(unknown)}")
    today = local_today(arrangement.person)
    if outcome == "end":
        arrangement.status = Status.ENDED
        arrangement.ended_on = ends_on or max(today, arrangement.start_date)
        if arrangement.ended_on < arrangement.start_date:
            raise ValidationError({"ends_on": "It cannot end before it started."})
        action, what = Decision.Action.ENDED, f"Ends on {arrangement.ended_on:%d %b %Y}"
    elif outcome in ("keep", "change"):
        if outcome == "change":
            for name, value in _clean_terms({**_terms_of(arrangement), **changes}).items():
                setattr(arrangement, name, value)
        # The review closes the trial; a new review date opens another.
        arrangement.review_date = changes.get("review_date")
        if arrangement.review_date and arrangement.review_date <= today:
            raise ValidationError({"review_date": "A new review date is in the future."})
        action = Decision.Action.CHANGED if outcome == "change" else Decision.Action.KEPT
        what = arrangement.terms + (
            f", next review {arrangement.review_date:%d %b %Y}" if arrangement.review_date else ""
        )
    else:
        raise ValidationError({"outcome": "Keep, change or end the arrangement."})
    arrangement.full_clean()
    arrangement.save()
    decision = record(request=arrangement, actor=actor, action=action, what=what, note=note)
    tell_requester(
        request=arrangement,
        decision=decision,
        title=f"Your {arrangement.get_kind_display().lower()} arrangement was reviewed: "
        f"{Decision.Action(action).label.removeprefix('Reviewed: ').lower()}",
        body=note.strip(),
    )
    _schedule_review(arrangement)
    return arrangement


def _terms_of(arrangement: FlexibleArrangement) -> dict:
    return {name: getattr(arrangement, name) for name in TERMS}
