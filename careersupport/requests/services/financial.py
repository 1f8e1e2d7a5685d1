"""Financial support: kinds with yearly budgets, requests with receipts, HR's decisions and
a salary advance's repayment plan.

Budgets are counted under a lock on the kind's row (which holds both its budgets), so two
approvals at the same moment on the last of a budget give one approval and one refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from careersupport import uploads
from careersupport.notifications.services import reminder_schedule
from careersupport.notifications.timing import at_local
from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..entitlement import add_months
from ..models import (
    GRANTED,
    Decision,
    FinancialKind,
    FinancialRequest,
    Instalment,
    Receipt,
    Status,
)
from ..reminders import repayment_key
from .common import MORNING, local_today, record, tell_requester

CENT = Decimal("0.01")
ACCEPT = uploads.RECEIPTS
MAX_RECEIPTS = 5

KIND_FIELDS = {
    "name",
    "category",
    "description",
    "currency",
    "person_budget",
    "employer_budget",
    "evidence",
    "max_repayment_months",
    "is_active",
}


def money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,.2f}"


@transaction.atomic
def kind_save(
    *, employer: Employer, actor: Individual, kind: FinancialKind | None = None, **fields
) -> FinancialKind:
    require_hr(actor, employer)
    unknown = set(fields) - KIND_FIELDS
    if unknown:
        raise ValueError(f"Not fields of a kind of support: {sorted(unknown)}")
    if kind is not None and kind.employer_id != employer.pk:
        raise ValidationError("This kind belongs to another employer.")
    creating = kind is None
    kind = kind or FinancialKind(employer=employer)
    currency = fields.get("currency", kind.currency).upper()
    if not creating and currency != kind.currency and kind.requests.exists():
        raise ValidationError({"currency": "Requests were made in this currency."})
    for name, value in fields.items():
        setattr(kind, name, value)
    kind.full_clean()
    kind.save()
    audit(
        employer=employer,
        actor=actor,
        verb="financial_kind.created" if creating else "financial_kind.updated",
        target=kind,
    )
    return kind


@dataclass(frozen=True)
class Budget:
    """What is left this year of the person's budget and of the employer's (None: no limit)."""

    year: int
    person_left: Decimal
    employer_left: Decimal | None
    currency: str

    @property
    def left(self) -> Decimal:
        if self.employer_left is None:
            return self.person_left
        return min(self.person_left, self.employer_left)


def budget_for(*, support: FinancialKind, person: Individual, year: int) -> Budget:
    """Two sums (the person's approvals this year, the employer's): one query each."""
    granted = FinancialRequest.objects.filter(support=support, budget_year=year, status__in=GRANTED)
    mine = granted.filter(person=person).aggregate(s=Sum("approved_amount"))["s"] or Decimal(0)
    employer_left = None
    if support.employer_budget is not None:
        everyone = granted.aggregate(s=Sum("approved_amount"))["s"] or Decimal(0)
        employer_left = max(support.employer_budget - everyone, Decimal(0))
    return Budget(
        year=year,
        person_left=max(support.person_budget - mine, Decimal(0)),
        employer_left=employer_left,
        currency=support.currency,
    )


def _check_files(files) -> list[uploads.Checked]:
    if len(files) > MAX_RECEIPTS:
        raise ValidationError({"receipts": f"At most {MAX_RECEIPTS} files per request."})
    checked, problems = [], []
    for upload in files:
        try:
            checked.append(uploads.check(upload, ACCEPT))
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"receipts": problems})
    return checked


@transaction.atomic
def financial_request_create(
    *,
    person: Individual,
    actor: Individual,
    support: FinancialKind,
    amount: Decimal,
    currency: str,
    description: str,
    repayment_months: int | None = None,
    files=(),
) -> FinancialRequest:
    """Checks everything, the files included, before it stores anything; stores the
    receipts last and removes them again if the request cannot be saved."""
    if actor.pk != person.pk:
        raise ValidationError("People ask for their own support.")
    if not person.is_employee:
        raise ValidationError("Financial support is for employees.")
    if support.employer_id != person.employer_id or not support.is_active:
        raise ValidationError({"support": "This kind of support is not open for requests."})
    amount = Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise ValidationError({"amount": "Ask for an amount above zero."})
    if currency.upper() != support.currency:
        raise ValidationError(
            {
                "currency": f"{support.name} is paid in {support.currency}: ask in {support.currency}."
            }
        )
    if support.is_advance:
        if not repayment_months or not 1 <= repayment_months <= support.max_repayment_months:
            raise ValidationError(
                {
                    "repayment_months": "Choose a repayment plan of 1 to "
                    f"{support.max_repayment_months} months."
                }
            )
    else:
        repayment_months = None
    files = list(files)
    if support.evidence and not files:
        raise ValidationError({"receipts": f"Attach the evidence: {support.evidence}."})
    checked = _check_files(files)
    year = local_today(person).year
    budget = budget_for(support=support, person=person, year=year)
    if amount > budget.left:
        whose = "your" if budget.left == budget.person_left else "the company's"
        raise ValidationError(
            {
                "amount": f"Only {money(budget.left, support.currency)} of {whose} {year} budget "
                f"for {support.name} is left."
            }
        )
    request = FinancialRequest(
        employer_id=person.employer_id,
        person=person,
        support=support,
        amount=amount,
        currency=support.currency,
        description=description.strip(),
        repayment_months=repayment_months,
        budget_year=year,
    )
    request.full_clean()
    request.save()
    stored: list[str] = []
    try:
        for upload, check in zip(files, checked, strict=True):
            name = uploads.store(upload, check, folder=f"receipts/{person.employer_id}")
            stored.append(name)
            Receipt.objects.create(
                request=request,
                stored_name=name,
                label=check.label,
                content_type=check.content_type,
                size=check.size,
            )
        record(
            request=request,
            actor=actor,
            action=Decision.Action.SUBMITTED,
            what=f"{support.name}: {money(amount, support.currency)}",
        )
    except Exception:
        for name in stored:
            uploads.discard(name)
        raise
    return request


def _lock_for_decision(request: FinancialRequest) -> tuple[FinancialKind, FinancialRequest]:
    # The kind's row first (its budgets), then the request: every decision in that order.
    support = FinancialKind.objects.select_for_update().get(pk=request.support_id)
    request = (
        FinancialRequest.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=request.pk)
    )
    return support, request


def _first_deduction(today: date) -> date:
    """The 25th of next month: the next payroll a deduction can be planned into."""
    return add_months(today.replace(day=25), 1)


@transaction.atomic
def financial_approve(
    *,
    request: FinancialRequest,
    actor: Individual,
    amount: Decimal | None = None,
    note: str = "",
    first_deduction: date | None = None,
) -> FinancialRequest:
    """Approve in full, or in part with a reason; never beyond the person's or the
    employer's budget left this year, counted under the lock."""
    require_hr(actor, request.employer_id)
    support, request = _lock_for_decision(request)
    if request.status != Status.PENDING:
        raise ValidationError(f"This request is {request.get_status_display().lower()}.")
    if request.person_id == actor.pk:
        raise ValidationError("Another HR admin decides your own request.")
    amount = request.amount if amount is None else Decimal(amount).quantize(CENT)
    if amount <= 0 or amount > request.amount:
        raise ValidationError(
            {
                "amount": f"Approve between {money(CENT, request.currency)} and the "
                f"{money(request.amount, request.currency)} asked for."
            }
        )
    partly = amount < request.amount
    if partly and not note.strip():
        raise ValidationError({"note": "Say why only part is approved: the person reads it."})
    budget = budget_for(support=support, person=request.person, year=request.budget_year)
    if amount > budget.person_left:
        raise ValidationError(
            {
                "amount": f"Only {money(budget.person_left, request.currency)} of "
                f"{request.person.full_name}'s {request.budget_year} budget is left."
            }
        )
    if budget.employer_left is not None and amount > budget.employer_left:
        raise ValidationError(
            {
                "amount": f"Only {money(budget.employer_left, request.currency)} of the "
                f"company's {request.budget_year} budget for {support.name} is left."
            }
        )
    request.status = Status.PARTLY if partly else Status.APPROVED
    request.approved_amount = amount
    request.decided_by, request.decided_at = actor, timezone.now()
    request.decision_note = note.strip()
    request.save()
    plan = ""
    if support.is_advance and request.repayment_months:
        first = first_deduction or _first_deduction(local_today(request.person))
        _plan_repayments(request, first)
        plan = f", repaid in {request.repayment_months} monthly instalments from {first:%d %b %Y}"
    decision = record(
        request=request,
        actor=actor,
        action=Decision.Action.PARTLY if partly else Decision.Action.APPROVED,
        what=f"{money(amount, request.currency)} of {money(request.amount, request.currency)}{plan}",
        note=note,
    )
    tell_requester(
        request=request,
        decision=decision,
        title=f"Your {support.name.lower()} request: {money(amount, request.currency)} approved",
        body=note.strip(),
    )
    return request


def instalment_amounts(total: Decimal, months: int) -> list[Decimal]:
    """Equal instalments in cents, the last one taking the remainder."""
    each = (total / months).quantize(CENT, rounding=ROUND_DOWN)
    return [each] * (months - 1) + [total - each * (months - 1)]


def _plan_repayments(request: FinancialRequest, first: date) -> None:
    assert request.approved_amount is not None and request.repayment_months
    amounts = instalment_amounts(request.approved_amount, request.repayment_months)
    rows = Instalment.objects.bulk_create(
        [
            Instalment(request=request, number=n, due_on=add_months(first, n - 1), amount=a)
            for n, a in enumerate(amounts, start=1)
        ]
    )
    today = local_today(request.person)
    person = request.person
    for instalment in rows:
        if instalment.due_on < today:
            continue
        reminder_schedule(
            recipient=person,
            kind="requests.repayment",
            key=repayment_key(instalment.pk),
            due_at=at_local(instalment.due_on, MORNING, person.tzinfo),
            title=f"Salary advance: repayment {instalment.number} of {len(rows)}, "
            f"{money(instalment.amount, request.currency)}, is deducted today",
            url=request.get_absolute_url(),
            confidential=True,
        )


@transaction.atomic
def financial_decline(
    *, request: FinancialRequest, actor: Individual, reason: str
) -> FinancialRequest:
    require_hr(actor, request.employer_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"note": "Give a reason: the person will read it."})
    _, request = _lock_for_decision(request)
    if request.status != Status.PENDING:
        raise ValidationError(f"This request is {request.get_status_display().lower()}.")
    request.status = Status.DECLINED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), reason
    request.save()
    decision = record(request=request, actor=actor, action=Decision.Action.DECLINED, note=reason)
    tell_requester(
        request=request,
        decision=decision,
        title=f"Your {request.support.name.lower()} request was declined",
        body=reason,
    )
    return request


@transaction.atomic
def financial_cancel(*, request: FinancialRequest, actor: Individual) -> FinancialRequest:
    _, request = _lock_for_decision(request)
    if actor.pk != request.person_id:
        raise ValidationError("Only the person who asked can cancel the request.")
    if request.status != Status.PENDING:
        raise ValidationError("Only a request still waiting can be cancelled.")
    request.status = Status.CANCELLED
    request.save(update_fields=["status", "updated_at"])
    record(request=request, actor=actor, action=Decision.Action.CANCELLED)
    return request
