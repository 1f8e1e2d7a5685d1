"""Two approvals at the same moment on the last of a budget: one approval, one refusal.
Two leave requests at the same moment for the last days: one request, one refusal."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from careersupport.requests import services
from careersupport.requests.models import FinancialRequest, LeaveRequest
from careersupport.requests.services import financial, leave
from tests.conftest import need_service
from tests.factories import FinancialKindFactory, IndividualFactory, LeavePolicyFactory

from .conftest import monday_next_spring

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(calls) -> list:
    barrier, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return sorted(outcomes)


def slow(monkeypatch, module, name):
    real = getattr(module, name)

    def slower(*args, **kwargs):
        # Widen the window between reading what is left and writing: without the row lock
        # both transactions would see enough left here.
        found = real(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(module, name, slower)


def test_two_approvals_on_the_last_of_a_budget_give_one_approval_and_one_refusal(
    employer, monkeypatch
):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    hr_a, hr_b = IndividualFactory.create_batch(2, employer=employer, is_hr_admin=True)
    a, b = IndividualFactory.create_batch(2, employer=employer)
    support = FinancialKindFactory(employer=employer, employer_budget=Decimal("500"))
    first = services.financial_request_create(
        person=a, actor=a, support=support, amount=Decimal("300"), currency="EUR", description="x"
    )
    second = services.financial_request_create(
        person=b, actor=b, support=support, amount=Decimal("300"), currency="EUR", description="y"
    )
    slow(monkeypatch, financial, "budget_for")
    outcomes = race(
        [
            lambda: services.financial_approve(request=first, actor=hr_a),
            lambda: services.financial_approve(request=second, actor=hr_b),
        ]
    )
    assert outcomes[1] == "ok" and "Only EUR 200.00 of the company's" in outcomes[0]
    assert FinancialRequest.objects.filter(status="approved").count() == 1


def test_two_requests_for_the_last_days_give_one_request_and_one_refusal(employer, monkeypatch):
    need_service(connection.vendor == "postgresql", "PostgreSQL")
    person = IndividualFactory(employer=employer)
    policy = LeavePolicyFactory(employer=employer, paid_weeks=1)
    slow(monkeypatch, leave, "_booked")

    def ask(weeks):
        day = monday_next_spring(weeks)
        return lambda: services.leave_request_create(
            person=person,
            actor=person,
            policy=policy,
            start_date=day,
            end_date=day + timedelta(days=4),
        )

    outcomes = race([ask(0), ask(2)])
    assert outcomes[1] == "ok" and "only 0 of the 5 working days are left" in outcomes[0]
    assert LeaveRequest.objects.count() == 1
