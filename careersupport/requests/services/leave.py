"""Leave: the holiday calendar, employment facts, requests and HR's decisions.

Every write that counts leave against an entitlement locks the person's row first, so two
requests (or an approval and a request) at the same moment cannot both take the last days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays as holidays_lib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.notifications.timing import at_local
from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from .. import entitlement
from ..models import Decision, Employment, LeavePolicy, LeaveRequest, PublicHoliday, Status
from ..reminders import leave_soon_key, team_leave_cancelled_key, team_leave_key
from .common import MORNING, local_today, record, tell_requester

# --- the holiday calendar -------------------------------------------------------------------


def holidays_between(employer: Employer | int, start: date, end: date) -> frozenset[date]:
    return frozenset(
        PublicHoliday.objects.for_employer(employer)
        .filter(date__gte=start, date__lte=end)
        .values_list("date", flat=True)
    )


@transaction.atomic
def holiday_add(*, employer: Employer, actor: Individual, day: date, name: str) -> PublicHoliday:
    require_hr(actor, employer)
    if PublicHoliday.objects.for_employer(employer).filter(date=day).exists():
        raise ValidationError({"day": f"{day:%d %B %Y} is already a public holiday."})
    holiday = PublicHoliday(employer=employer, date=day, name=name.strip())
    holiday.full_clean()
    holiday.save()
    audit(employer=employer, actor=actor, verb="holiday.added", target=holiday)
    return holiday


@transaction.atomic
def holiday_remove(*, holiday: PublicHoliday, actor: Individual) -> None:
    require_hr(actor, holiday.employer_id)
    audit(employer=holiday.employer, actor=actor, verb="holiday.removed", target=holiday)
    holiday.delete()


def country_holidays(country: str, year: int, subdivision: str = "") -> dict[date, str]:
    """A country's public holidays for a year, from the `holidays` package."""
    try:
        found = holidays_lib.country_holidays(
            country.upper(), subdiv=subdivision or None, years=year
        )
    except NotImplementedError as error:
        raise ValidationError({"country": f"No holiday calendar for “{country}”."}) from error
    return dict(sorted(found.items()))


@transaction.atomic
def holidays_import(
    *, employer: Employer, actor: Individual, country: str, year: int, subdivision: str = ""
) -> list[PublicHoliday]:
    """Add the country's holidays of the year; days already in the calendar stay as they are."""
    require_hr(actor, employer)
    found = country_holidays(country, year, subdivision)
    existing = set(
        PublicHoliday.objects.for_employer(employer)
        .filter(date__year=year)
        .values_list("date", flat=True)
    )
    added = PublicHoliday.objects.bulk_create(
        [
            PublicHoliday(employer=employer, date=day, name=name[:120], country=country.upper())
            for day, name in found.items()
            if day not in existing
        ]
    )
    audit(
        employer=employer,
        actor=actor,
        verb="holiday.imported",
        target=employer,
        country=country.upper(),
        year=year,
        added=len(added),
    )
    return added


# --- employment facts -----------------------------------------------------------------------


def person_facts(person: Individual) -> entitlement.PersonFacts:
    """What eligibility reads: service start, employment type, caregiver status. Nothing else."""
    employment = Employment.objects.filter(person=person).first()
    start = employment.start_date if employment else timezone.localdate(person.created_at)
    kind = employment.employment_type if employment else Employment.Type.PERMANENT
    return entitlement.PersonFacts(
        service_start=start, employment_type=kind, is_caregiver=person.is_caregiver
    )


@transaction.atomic
def employment_set(
    *, person: Individual, actor: Individual, start_date: date, employment_type: str
) -> Employment:
    require_hr(actor, person.employer_id)
    if not person.is_employee:
        raise ValidationError("Only employees have employment facts.")
    employment = Employment.objects.filter(person=person).first() or Employment(
        person=person, employer_id=person.employer_id
    )
    employment.start_date = start_date
    employment.employment_type = employment_type
    employment.full_clean()
    employment.save()
    audit(employer=person.employer, actor=actor, verb="employment.set", target=employment)
    return employment


# --- policies ---------------------------------------------------------------------------------

POLICY_FIELDS = {
    "name",
    "kind",
    "description",
    "paid_weeks",
    "unpaid_weeks",
    "period",
    "min_service_months",
    "employment_types",
    "requires_caregiver",
    "needs_event",
    "event_kinds",
    "splittable",
    "max_parts",
    "notice_days",
    "offering",
    "is_active",
}


@transaction.atomic
def policy_save(
    *, employer: Employer, actor: Individual, policy: LeavePolicy | None = None, **fields
) -> LeavePolicy:
    """Create a leave policy, or change one (requests already made keep their days)."""
    require_hr(actor, employer)
    unknown = set(fields) - POLICY_FIELDS
    if unknown:
        raise ValueError(f"Not policy fields: {sorted(unknown)}")
    if policy is not None and policy.employer_id != employer.pk:
        raise ValidationError("This policy belongs to another employer.")
    creating = policy is None
    policy = policy or LeavePolicy(employer=employer)
    for name, value in fields.items():
        setattr(policy, name, value)
    if not policy.splittable:
        policy.max_parts = 1
    if policy.kind == LeavePolicy.Kind.PARENTAL:
        # For every parent: a birth, an adoption or a foster placement.
        policy.needs_event = True
        policy.event_kinds = policy.event_kinds or list(LeavePolicy.PARENTAL_EVENTS)
    policy.full_clean()
    policy.save()
    audit(
        employer=employer,
        actor=actor,
        verb="leave_policy.created" if creating else "leave_policy.updated",
        target=policy,
    )
    return policy


# --- requests ---------------------------------------------------------------------------------


def _booked(person: Individual, policy: LeavePolicy, exclude: int | None = None):
    rows = LeaveRequest.objects.booked().filter(person=person, policy=policy)
    if exclude:
        rows = rows.exclude(pk=exclude)
    return [
        entitlement.Booked(span=r.span, event=r.event, approved=r.status == Status.APPROVED)
        for r in rows.only(
            "start_date", "end_date", "start_half", "end_half", "event_kind", "event_date", "status"
        )
    ]


def _other_leave(person: Individual, span: entitlement.Span, exclude: int | None):
    """Leave under any policy whose dates meet the span (overlap is refused across policies)."""
    rows = LeaveRequest.objects.booked().filter(
        person=person, start_date__lte=span.end, end_date__gte=span.start
    )
    if exclude:
        rows = rows.exclude(pk=exclude)
    return [r.span for r in rows.only("start_date", "end_date", "start_half", "end_half")]


def leave_assess(
    *,
    person: Individual,
    policy: LeavePolicy,
    start_date: date,
    end_date: date,
    start_half: bool = False,
    end_half: bool = False,
    event_kind: str = "",
    event_date: date | None = None,
    exclude: int | None = None,
    check_notice: bool = True,
) -> entitlement.Assessment:
    """What this leave would use and leave, and every reason it may not be asked for:
    the dates, eligibility, notice, overlapping leave, the entitlement and its parts.
    Four queries: the person's leave under the policy, other leave on those dates, the
    holidays, the employment facts."""
    span = entitlement.Span(start_date, end_date, start_half, end_half)
    problem = entitlement.span_problem(span)
    if problem:
        return entitlement.Assessment(
            days=entitlement.ZERO,
            paid_days=entitlement.ZERO,
            unpaid_days=entitlement.ZERO,
            problems=[problem],
        )
    rules = policy.rules()
    booked = _booked(person, policy, exclude)
    span_dates = (
        [start_date, end_date] + [b.span.start for b in booked] + [b.span.end for b in booked]
    )
    # A rolling window reaches back 12 months from the earliest date involved.
    holidays = holidays_between(
        person.employer_id,
        entitlement.add_months(min(span_dates), -12),
        entitlement.add_months(max(span_dates), 12),
    )
    event = (event_kind, event_date) if event_kind and event_date else None
    result = entitlement.assess(rules, span, booked, holidays, event=event)
    if not any("overlap" in p for p in result.problems):
        for other in _other_leave(person, span, exclude):
            if other.overlaps(span):
                result.problems.insert(
                    0,
                    f"You already asked for leave from {other.start:%d %b %Y} to "
                    f"{other.end:%d %b %Y}: requests cannot overlap.",
                )
                break
    result.problems[:0] = entitlement.eligibility_problems(
        rules,
        person_facts(person),
        starts_on=start_date,
        event_kind=event_kind,
        event_date=event_date,
        event_labels=dict(LeavePolicy.Event.choices),
    )
    if check_notice and rules.notice_days:
        earliest = local_today(person) + timedelta(days=rules.notice_days)
        if start_date < earliest:
            result.problems.append(
                f"This policy needs {rules.notice_days} days' notice: the earliest first day "
                f"you can ask for now is {earliest:%d %B %Y}."
            )
    return result


def leave_figures(*, person: Individual, policy: LeavePolicy) -> entitlement.Period | None:
    """The entitlement used, waiting and left in today's period, before any dates are chosen."""
    today = local_today(person)
    booked = _booked(person, policy)
    holidays = holidays_between(
        person.employer_id, entitlement.add_months(today, -12), entitlement.add_months(today, 12)
    )
    return entitlement.current_figures(policy.rules(), today, booked, holidays)


def _lock_person(person: Individual) -> Individual:
    return Individual.objects.select_for_update().get(pk=person.pk)


@transaction.atomic
def leave_request_create(
    *,
    person: Individual,
    actor: Individual,
    policy: LeavePolicy,
    start_date: date,
    end_date: date,
    start_half: bool = False,
    end_half: bool = False,
    event_kind: str = "",
    event_date: date | None = None,
    reason: str = "",
) -> LeaveRequest:
    if actor.pk != person.pk:
        raise ValidationError("People ask for their own leave.")
    if not person.is_employee:
        raise ValidationError("Leave is for employees.")
    if policy.employer_id != person.employer_id or not policy.is_active:
        raise ValidationError({"policy": "This policy is not open for requests."})
    _lock_person(person)
    if start_date < local_today(person):
        raise ValidationError({"start_date": "The first day cannot be in the past."})
    if not policy.needs_event:
        event_kind, event_date = "", None
    assessment = leave_assess(
        person=person,
        policy=policy,
        start_date=start_date,
        end_date=end_date,
        start_half=start_half,
        end_half=end_half,
        event_kind=event_kind,
        event_date=event_date,
    )
    if not assessment.ok:
        raise ValidationError(assessment.problems)
    leave = LeaveRequest(
        employer_id=person.employer_id,
        person=person,
        policy=policy,
        start_date=start_date,
        end_date=end_date,
        start_half=start_half,
        end_half=end_half,
        days=assessment.days,
        paid_days=assessment.paid_days,
        unpaid_days=assessment.unpaid_days,
        event_kind=event_kind,
        event_date=event_date,
        reason=reason.strip(),
    )
    leave.full_clean()
    leave.save()
    record(request=leave, actor=actor, action=Decision.Action.SUBMITTED, what=_what(leave))
    return leave


def _what(leave: LeaveRequest) -> str:
    return (
        f"{leave.policy.name}: {leave.start_date:%d %b %Y} – {leave.end_date:%d %b %Y}, "
        f"{leave.days.normalize():f} working days"
    )


def _lock_leave(leave: LeaveRequest) -> LeaveRequest:
    return (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("person", "person__manager", "policy")
        .get(pk=leave.pk)
    )


@transaction.atomic
def leave_approve(*, leave: LeaveRequest, actor: Individual, note: str = "") -> LeaveRequest:
    """HR approves; the manager is told the dates (never the policy or the reason) now and
    a week before the leave starts."""
    require_hr(actor, leave.employer_id)
    _lock_person(leave.person)
    leave = _lock_leave(leave)
    if leave.status != Status.PENDING:
        raise ValidationError(f"This request is {leave.get_status_display().lower()}.")
    if leave.person_id == actor.pk:
        raise ValidationError("Another HR admin decides your own leave.")
    # The days may have changed since it was asked for (a holiday added, another approval).
    assessment = leave_assess(
        person=leave.person,
        policy=leave.policy,
        start_date=leave.start_date,
        end_date=leave.end_date,
        start_half=leave.start_half,
        end_half=leave.end_half,
        event_kind=leave.event_kind,
        event_date=leave.event_date,
        exclude=leave.pk,
        check_notice=False,
    )
    if not assessment.ok:
        raise ValidationError(assessment.problems)
    leave.status = Status.APPROVED
    leave.days, leave.paid_days = assessment.days, assessment.paid_days
    leave.unpaid_days = assessment.unpaid_days
    leave.decided_by, leave.decided_at = actor, timezone.now()
    leave.decision_note = note.strip()
    leave.save()
    decision = record(
        request=leave, actor=actor, action=Decision.Action.APPROVED, what=_what(leave), note=note
    )
    tell_requester(
        request=leave,
        decision=decision,
        title=f"Your leave from {leave.start_date:%d %b} to {leave.end_date:%d %b %Y} is approved",
        body=note.strip(),
    )
    _tell_manager(leave)
    return leave


def _dates(leave: LeaveRequest) -> str:
    return f"{leave.start_date:%a %d %b} to {leave.end_date:%a %d %b %Y}"


def _tell_manager(leave: LeaveRequest) -> None:
    manager = leave.person.manager
    if manager is None or manager.deactivated_at is not None:
        return
    url = reverse("requests:team") + f"?month={leave.start_date:%Y-%m}"
    name = leave.person.full_name
    reminder_schedule(
        recipient=manager,
        kind="requests.team_leave",
        key=team_leave_key(leave.pk),
        due_at=timezone.now(),
        title=f"{name} will be on leave from {_dates(leave)}",
        url=url,
    )
    week_before = at_local(leave.start_date - timedelta(days=7), MORNING, manager.tzinfo)
    if week_before > timezone.now():
        reminder_schedule(
            recipient=manager,
            kind="requests.leave_soon",
            key=leave_soon_key(leave.pk),
            due_at=week_before,
            title=f"{name}'s leave starts next week ({_dates(leave)})",
            url=url,
        )


@transaction.atomic
def leave_decline(*, leave: LeaveRequest, actor: Individual, reason: str) -> LeaveRequest:
    require_hr(actor, leave.employer_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason: the person will read it."})
    leave = _lock_leave(leave)
    if leave.status != Status.PENDING:
        raise ValidationError(f"This request is {leave.get_status_display().lower()}.")
    leave.status = Status.DECLINED
    leave.decided_by, leave.decided_at, leave.decision_note = actor, timezone.now(), reason
    leave.save()
    decision = record(
        request=leave, actor=actor, action=Decision.Action.DECLINED, what=_what(leave), note=reason
    )
    tell_requester(
        request=leave,
        decision=decision,
        title=f"Your leave request from {leave.start_date:%d %b %Y} was declined",
        body=reason,
    )
    return leave


@transaction.atomic
def leave_cancel(*, leave: LeaveRequest, actor: Individual) -> LeaveRequest:
    """The person cancels before the leave starts; waiting or approved."""
    leave = _lock_leave(leave)
    if actor.pk != leave.person_id:
        raise ValidationError("Only the person who asked can cancel their leave.")
    if leave.status not in (Status.PENDING, Status.APPROVED):
        raise ValidationError(f"This request is {leave.get_status_display().lower()}.")
    if leave.start_date <= local_today(leave.person):
        raise ValidationError("Leave that has started cannot be cancelled; ask HR.")
    was_approved = leave.status == Status.APPROVED
    leave.status = Status.CANCELLED
    leave.save(update_fields=["status", "updated_at"])
    reminder_cancel(key=team_leave_key(leave.pk))
    reminder_cancel(key=leave_soon_key(leave.pk))
    manager = leave.person.manager
    if was_approved and manager is not None and manager.deactivated_at is None:
        reminder_schedule(
            recipient=manager,
            kind="requests.team_leave",
            key=team_leave_cancelled_key(leave.pk),
            due_at=timezone.now(),
            title=f"{leave.person.full_name} will not be on leave from {_dates(leave)} after all",
            url=reverse("requests:team") + f"?month={leave.start_date:%Y-%m}",
        )
    record(request=leave, actor=actor, action=Decision.Action.CANCELLED, what=_what(leave))
    return leave


@transaction.atomic
def leave_record_return(
    *, leave: LeaveRequest, actor: Individual, returned_on: date
) -> LeaveRequest:
    require_hr(actor, leave.employer_id)
    leave = _lock_leave(leave)
    if leave.status != Status.APPROVED:
        raise ValidationError("A return is recorded on approved leave.")
    if returned_on < leave.start_date:
        raise ValidationError({"returned_on": "The return cannot be before the leave started."})
    leave.returned_on = returned_on
    leave.save(update_fields=["returned_on", "updated_at"])
    record(
        request=leave,
        actor=actor,
        action=Decision.Action.RETURNED,
        what=f"Back at work on {returned_on:%d %b %Y}",
    )
    return leave


def leaves_approve(
    *, leaves: Iterable[LeaveRequest], actor: Individual
) -> tuple[list[LeaveRequest], list[tuple[LeaveRequest, str]]]:
    """Bulk approve: each on its own (one that can no longer be approved, say it now
    overlaps, is reported and leaves the others approved)."""
    done, refused = [], []
    for leave in leaves:
        try:
            done.append(leave_approve(leave=leave, actor=actor))
        except ValidationError as error:
            refused.append((leave, " ".join(error.messages)))
    return done, refused
