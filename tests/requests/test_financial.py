"""Financial support: budgets at their boundaries, part approvals, repayment plans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.people.models import AuditEvent
from careersupport.requests import services
from tests.factories import FinancialKindFactory, IndividualFactory

from .conftest import pdf

pytestmark = pytest.mark.django_db


def ask(person, support, amount, **extra):
    return services.financial_request_create(
        person=person,
        actor=person,
        support=support,
        amount=Decimal(amount),
        currency="EUR",
        description="AWS certification exam",
        **extra,
    )


def test_it_approves_up_to_the_last_cent_of_the_budget(employee, hr_admin, course):
    services.financial_approve(request=ask(employee, course, "999.99"), actor=hr_admin)
    last = ask(employee, course, "0.01")
    assert services.financial_approve(request=last, actor=hr_admin).status == "approved"
    assert (
        services.budget_for(support=course, person=employee, year=last.budget_year).person_left == 0
    )


def test_it_refuses_a_request_beyond_what_is_left(employee, hr_admin, course):
    services.financial_approve(request=ask(employee, course, "600"), actor=hr_admin)
    with pytest.raises(ValidationError, match="Only EUR 400.00 of your"):
        ask(employee, course, "400.01")


def test_an_approval_never_exceeds_the_budget_left(employee, hr_admin, course):
    first, second = ask(employee, course, "700"), ask(employee, course, "300.01")
    services.financial_approve(request=first, actor=hr_admin, amount=Decimal("700"))
    with pytest.raises(ValidationError, match="Only EUR 300.00"):
        services.financial_approve(request=second, actor=hr_admin)
    part = services.financial_approve(
        request=second, actor=hr_admin, amount=Decimal("300"), note="Cap"
    )
    assert (part.status, part.approved_amount) == ("partly", Decimal("300.00"))


def test_the_employer_budget_caps_everyone(employer, employee, peer, hr_admin):
    shared = FinancialKindFactory(employer=employer, employer_budget=Decimal("500"))
    services.financial_approve(request=ask(employee, shared, "400"), actor=hr_admin)
    with pytest.raises(ValidationError, match="the company's"):
        ask(peer, shared, "150")


def test_a_part_approval_needs_a_reason(employee, hr_admin, course):
    with pytest.raises(ValidationError, match="Say why"):
        services.financial_approve(
            request=ask(employee, course, "100"), actor=hr_admin, amount=Decimal("50")
        )


def test_only_hr_decides_and_never_their_own(employee, manager, hr_admin, course):
    made = ask(employee, course, "100")
    with pytest.raises(PermissionDenied):
        services.financial_approve(request=made, actor=manager)
    with pytest.raises(ValidationError, match="Another HR admin"):
        services.financial_approve(request=ask(hr_admin, course, "10"), actor=hr_admin)


def test_a_salary_advance_is_repaid_in_instalments_that_remind_the_person(
    employer, employee, hr_admin
):
    advance = FinancialKindFactory(
        employer=employer, category="advance", person_budget=Decimal("3000")
    )
    made = ask(employee, advance, "1000", repayment_months=3)
    services.financial_approve(
        request=made, actor=hr_admin, first_deduction=date(timezone.localdate().year + 1, 1, 25)
    )
    assert [i.amount for i in made.instalments.all()] == [
        Decimal("333.33"),
        Decimal("333.33"),
        Decimal("333.34"),
    ]
    reminders = Reminder.objects.filter(recipient=employee, kind="requests.repayment")
    assert reminders.count() == 3 and all(r.confidential for r in reminders)


def test_an_advance_needs_a_plan_within_the_longest_allowed(employer, employee):
    advance = FinancialKindFactory(employer=employer, category="advance", max_repayment_months=6)
    with pytest.raises(ValidationError, match="1 to 6 months"):
        ask(employee, advance, "500", repayment_months=12)


def test_evidence_is_required_where_the_kind_asks_for_it(employer, employee, _private_storage):
    receipts = FinancialKindFactory(employer=employer, evidence="the invoice")
    with pytest.raises(ValidationError, match="Attach the evidence"):
        ask(employee, receipts, "50")
    made = ask(employee, receipts, "50", files=[pdf("Invoice March.pdf")])
    assert made.receipts.get().label == "Invoice March.pdf"


def test_a_currency_other_than_the_budgets_is_refused(employee, course):
    with pytest.raises(ValidationError, match="paid in EUR"):
        services.financial_request_create(
            person=employee,
            actor=employee,
            support=course,
            amount=Decimal("10"),
            currency="USD",
            description="x",
        )


def test_the_audit_trail_holds_no_amount_or_description(employee, hr_admin, course):
    services.financial_approve(request=ask(employee, course, "123.45"), actor=hr_admin)
    for event in AuditEvent.objects.filter(target_type="financialrequest"):
        assert "123" not in str(event.data) and "AWS" not in str(event.data)


def test_instalments_always_add_up():
    for total, months in (("100.00", 3), ("0.05", 4), ("999.99", 7)):
        assert sum(services.instalment_amounts(Decimal(total), months)) == Decimal(total)
    assert IndividualFactory  # the factories module loads with the requests section
