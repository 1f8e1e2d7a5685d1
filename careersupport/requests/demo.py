"""Demo requests for the demo employer, made through the services (so reminders, history,
audit and confidentiality work as for real): leave policies of every kind linked to the
catalog's policy texts, the German public holidays of this year and the next, requests in
every state for the demo employee and the manager's team (a parental leave in progress and
one waiting), flexible arrangements (one in its trial period), kinds of financial support
with budgets, a certification reimbursement with a receipt, a salary advance being repaid
and a childcare subsidy.

Idempotent: each demo request is found by (person, policy or kind) before it is made. The
one record that needs a past date (the parental leave already in progress) is made and
approved through the services with future dates and then moved back: the services refuse
leave that starts in the past, as they should.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel
from careersupport.people.demo import DemoWorld
from careersupport.people.models import Individual
from programs.models import Offering

from . import services
from .entitlement import add_months
from .models import (
    Employment,
    FinancialKind,
    FinancialRequest,
    FlexibleArrangement,
    LeavePolicy,
    LeaveRequest,
    PublicHoliday,
)
from .reminders import leave_soon_key, team_leave_key

RECEIPT_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)

POLICIES: list[tuple[str, str, int, int, str, dict[str, Any], str | None]] = [
    # name, kind, paid weeks, unpaid weeks, period, extra, catalog offering
    (
        "Parental leave",
        "parental",
        20,
        6,
        "per_event",
        {"splittable": True, "max_parts": 3, "notice_days": 28},
        "Parental leave policy",
    ),
    (
        "Caregiver leave",
        "caregiver",
        2,
        0,
        "calendar_year",
        {"requires_caregiver": True, "splittable": True, "max_parts": 10},
        "Caregiver leave policy",
    ),
    (
        "Family care leave",
        "family_care",
        1,
        3,
        "rolling_12_months",
        {"splittable": True, "max_parts": 4, "notice_days": 7},
        None,
    ),
    (
        "Bereavement leave",
        "bereavement",
        1,
        0,
        "per_event",
        {"needs_event": True, "event_kinds": ["death"], "splittable": True, "max_parts": 2},
        None,
    ),
    (
        "Sabbatical",
        "sabbatical",
        0,
        12,
        "calendar_year",
        {"min_service_months": 36, "employment_types": ["permanent"], "notice_days": 90},
        None,
    ),
]

KINDS = [
    (
        "Certification reimbursement",
        "reimbursement",
        Decimal("1500"),
        Decimal("40000"),
        "the invoice or receipt",
    ),
    ("Salary advance", "advance", Decimal("3000"), None, ""),
    ("Childcare subsidy", "childcare", Decimal("3600"), None, "the childcare provider's invoice"),
]


def _monday(days_ahead: int) -> date:
    day = timezone.localdate() + timedelta(days=days_ahead)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def seed(world: DemoWorld) -> None:
    hr, employer = world.hr, world.employer
    year = timezone.localdate().year
    for y in (year, year + 1):
        if not PublicHoliday.objects.for_employer(employer).filter(date__year=y).exists():
            services.holidays_import(employer=employer, actor=hr, country="DE", year=y)
    for person in world.employees:
        if not Employment.objects.filter(person=person).exists():
            services.employment_set(
                person=person,
                actor=hr,
                start_date=date(2016 + person.pk % 8, 1 + person.pk % 12, 1),
                employment_type="fixed_term" if person.pk % 9 == 0 else "permanent",
            )
    policies = _policies(world)
    kinds = _kinds(world)
    team = [p for p in world.colleagues if p.manager_id == world.manager.pk][:6]
    _leave(world, policies, team)
    _flexible(world, team)
    _money(world, kinds, team)


def _policies(world: DemoWorld) -> dict[str, LeavePolicy]:
    found = {}
    for name, kind, paid, unpaid, period, extra, offering_title in POLICIES:
        policy = LeavePolicy.objects.for_employer(world.employer).filter(name=name).first()
        if policy is None:
            offering = (
                Offering.objects.for_employer(world.employer).filter(title=offering_title).first()
                if offering_title
                else None
            )
            policy = services.policy_save(
                employer=world.employer,
                actor=world.hr,
                name=name,
                kind=kind,
                paid_weeks=Decimal(paid),
                unpaid_weeks=Decimal(unpaid),
                period=period,
                offering=offering,
                description=f"{name} at {world.employer}.",
                **extra,
            )
        found[kind] = policy
    return found


def _kinds(world: DemoWorld) -> dict[str, FinancialKind]:
    found = {}
    for name, category, person_budget, employer_budget, evidence in KINDS:
        kind = FinancialKind.objects.for_employer(world.employer).filter(name=name).first()
        if kind is None:
            kind = services.kind_save(
                employer=world.employer,
                actor=world.hr,
                name=name,
                category=category,
                currency="EUR",
                person_budget=person_budget,
                employer_budget=employer_budget,
                evidence=evidence,
                max_repayment_months=12,
            )
        found[category] = kind
    return found


def _ask_leave(person, policy, start, days, **extra) -> LeaveRequest | None:
    if LeaveRequest.objects.filter(person=person, policy=policy).exists():
        return None
    return services.leave_request_create(
        person=person,
        actor=person,
        policy=policy,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        **extra,
    )


def _leave(world: DemoWorld, policies: dict, team: list[Individual]) -> None:
    hr, employee = world.hr, world.employee
    # The demo employee: one of each state.
    made = _ask_leave(employee, policies["caregiver"], _monday(21), 3, reason="Dad's operation")
    if made:
        services.leave_approve(leave=made, actor=hr, note="Take care.")
    _ask_leave(
        employee,
        policies["family_care"],
        _monday(42),
        5,
        reason="Settling my mother into a care home",
    )
    made = _ask_leave(
        employee,
        policies["bereavement"],
        _monday(14),
        2,
        event_kind="death",
        event_date=timezone.localdate() - timedelta(days=2),
        reason="My grandmother's funeral",
    )
    if made:
        services.leave_cancel(leave=made, actor=employee)
    if len(team) < 3:
        return
    # The manager's team: a parental leave in progress, one waiting, one declined.
    in_progress = _ask_leave(
        team[0],
        policies["parental"],
        _monday(35),
        40,
        event_kind="birth",
        event_date=_monday(35),
        reason="Our second child",
    )
    if in_progress:
        services.leave_approve(leave=in_progress, actor=hr)
        # Moved back to have started three weeks ago (see the module docstring).
        shift = in_progress.start_date - (_monday(0) - timedelta(days=21))
        LeaveRequest.objects.filter(pk=in_progress.pk).update(
            start_date=in_progress.start_date - shift,
            end_date=in_progress.end_date - shift,
            event_date=(in_progress.event_date or in_progress.start_date) - shift,
        )
        # What the manager was told was about the dates before the move.
        reminder_cancel(key=team_leave_key(in_progress.pk))
        reminder_cancel(key=leave_soon_key(in_progress.pk))
    _ask_leave(
        team[1],
        policies["parental"],
        _monday(56),
        25,
        event_kind="adoption",
        event_date=_monday(56),
        reason="Adoption of our daughter",
    )
    made = _ask_leave(team[2], policies["family_care"], _monday(28), 4, reason="Hospital visits")
    if made:
        services.leave_decline(
            leave=made, actor=hr, reason="Three of the team are away that week; can you move it?"
        )
    made = _ask_leave(
        team[2],
        policies["bereavement"],
        _monday(7),
        2,
        event_kind="death",
        event_date=timezone.localdate() - timedelta(days=1),
    )
    if made:
        services.leave_approve(leave=made, actor=hr)


def _flexible(world: DemoWorld, team: list[Individual]) -> None:
    employee, manager = world.employee, world.manager
    if not FlexibleArrangement.objects.filter(person=employee).exists():
        arrangement = services.arrangement_request(
            person=employee,
            actor=employee,
            reason="Nursery drop-off on the days my partner is in Berlin.",
            kind="hybrid",
            office_days=[1, 2, 3],
            start_date=timezone.localdate() + timedelta(days=1),
            review_date=timezone.localdate() + timedelta(days=60),
        )
        services.arrangement_approve(
            arrangement=arrangement, actor=manager, note="Let's review in two months."
        )
    if len(team) < 5:
        return
    if not FlexibleArrangement.objects.filter(person=team[3]).exists():
        services.arrangement_request(
            person=team[3],
            actor=team[3],
            reason="A long commute; four longer days suit me better.",
            kind="compressed",
            day_off=4,
            start_date=_monday(14),
        )
    if not FlexibleArrangement.objects.filter(person=team[4]).exists():
        arrangement = services.arrangement_request(
            person=team[4],
            actor=team[4],
            reason="Studying for a master's degree.",
            kind="part_time",
            percentage=80,
            work_days=[0, 1, 2, 3],
            start_date=_monday(21),
        )
        services.arrangement_decline(
            arrangement=arrangement,
            actor=manager,
            reason="Not during the launch; let's talk again in spring.",
        )


def _ask_money(person, kind, amount, description, **extra) -> FinancialRequest | None:
    if FinancialRequest.objects.filter(person=person, support=kind).exists():
        return None
    return services.financial_request_create(
        person=person,
        actor=person,
        support=kind,
        amount=Decimal(amount),
        currency="EUR",
        description=description,
        **extra,
    )


def _money(world: DemoWorld, kinds: dict, team: list[Individual]) -> None:
    hr, employee = world.hr, world.employee
    _ask_money(
        employee,
        kinds["reimbursement"],
        "450.00",
        "AWS Solutions Architect exam and course",
        files=[SimpleUploadedFile("aws-invoice.pdf", RECEIPT_PDF)],
    )
    made = _ask_money(
        employee,
        kinds["childcare"],
        "300.00",
        "Nursery fees, monthly",
        files=[SimpleUploadedFile("nursery-invoice.pdf", RECEIPT_PDF)],
    )
    if made:
        services.financial_approve(request=made, actor=hr)
    if len(team) < 6:
        return
    made = _ask_money(
        team[5], kinds["advance"], "1800.00", "Deposit for a flat", repayment_months=6
    )
    if made:
        today = timezone.localdate()
        services.financial_approve(
            request=made,
            actor=hr,
            first_deduction=add_months(date(today.year, today.month, 25), -2),
        )
    made = _ask_money(
        team[0],
        kinds["reimbursement"],
        "1400.00",
        "MBA module",
        files=[SimpleUploadedFile("mba.pdf", RECEIPT_PDF)],
    )
    if made is None:
        return
    services.financial_approve(
        request=made,
        actor=hr,
        amount=Decimal("1000.00"),
        note="We cover up to EUR 1,000 for a single module.",
    )
