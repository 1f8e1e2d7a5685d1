"""A refused decision or return comes back on the request's page as typed (400), with the
problem beside the field and in the summary at the top, and nothing written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from careersupport.requests import services
from careersupport.requests.models import FinancialRequest, FlexibleArrangement, LeaveRequest
from careersupport.requests.services.common import local_today

pytestmark = pytest.mark.django_db


def refused(response, error_id: str) -> tuple[str, str]:
    """A 400 page's HTML and the text of the error element `error_id` beside its field."""
    assert response.status_code == 400
    html = response.content.decode()
    return html, html.split(f'id="{error_id}">', 1)[1].split("</small>", 1)[0]


@pytest.fixture
def asked(employee, course):
    """The employee's request for 400 EUR of course support, waiting for HR."""
    return services.financial_request_create(
        person=employee,
        actor=employee,
        support=course,
        amount=Decimal("400"),
        currency="EUR",
        description="AWS certification exam",
    )


@pytest.fixture
def leave(employee, policy):
    start = local_today(employee) + timedelta(days=60)
    start += timedelta(days=(7 - start.weekday()) % 7)
    return services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=start,
        end_date=start + timedelta(days=4),
    )


def test_a_decline_without_a_reason_keeps_the_page_and_says_why(client_for, hr_admin, leave):
    response = client_for(hr_admin).post(
        reverse("requests:leave-decide", args=[leave.pk]), {"decision": "decline", "note": " "}
    )
    html, error = refused(response, "note-error-decline")
    assert "data-error-summary" in html and 'href="#id_note"' in html
    assert "Give a reason" in error
    assert "<details open>" in html  # the decline form stays open
    assert LeaveRequest.objects.get(pk=leave.pk).status == "pending"


def test_a_decision_on_a_request_no_longer_open_is_said_on_its_page(
    client_for, hr_admin, leave, employee
):
    services.leave_cancel(leave=leave, actor=employee)
    client = client_for(hr_admin)
    response = client.post(
        reverse("requests:leave-decide", args=[leave.pk]),
        {"decision": "approve", "note": "Enjoy the time"},
    )
    assert response.status_code == 302
    assert "This request is cancelled" in client.get(response["Location"]).content.decode()
    assert LeaveRequest.objects.get(pk=leave.pk).status == "cancelled"


def test_a_return_before_the_start_is_refused_beside_the_date(client_for, hr_admin, leave):
    services.leave_approve(leave=leave, actor=hr_admin)
    response = client_for(hr_admin).post(
        reverse("requests:leave-return", args=[leave.pk]),
        {"returned_on": (leave.start_date - timedelta(days=1)).isoformat()},
    )
    html, error = refused(response, "id_returned_on_error")
    assert "data-error-summary" in html
    assert "cannot be before the leave started" in error
    assert LeaveRequest.objects.get(pk=leave.pk).returned_on is None


def test_a_part_approval_without_a_note_keeps_the_amount_typed(client_for, hr_admin, asked):
    response = client_for(hr_admin).post(
        reverse("requests:financial-decide", args=[asked.pk]),
        {"decision": "approve", "amount": "250", "note": ""},
    )
    html, error = refused(response, "note-error-approve")
    assert "data-error-summary" in html and 'value="250"' in html
    assert "Say why only part is approved" in error
    assert FinancialRequest.objects.get(pk=asked.pk).status == "pending"


def test_an_amount_above_the_ask_is_refused_beside_it(client_for, hr_admin, asked):
    response = client_for(hr_admin).post(
        reverse("requests:financial-decide", args=[asked.pk]),
        {"decision": "approve", "amount": "900", "note": "All of it"},
    )
    html, error = refused(response, "id_amount_error")
    assert "Approve between" in error
    assert "All of it" in html and 'value="900"' in html


def test_a_flexible_decline_without_a_reason_keeps_the_page(client_for, manager, employee):
    made = FlexibleArrangement.objects.create(
        employer=employee.employer,
        person=employee,
        kind="remote",
        start_date=local_today(employee) + timedelta(days=20),
    )
    response = client_for(manager).post(
        reverse("requests:flexible-decide", args=[made.pk]),
        {"decision": "decline", "note": "   "},
    )
    html, error = refused(response, "note-error-decline")
    assert "data-error-summary" in html and "<details open>" in html
    assert "A decline needs a reason" in error
    assert FlexibleArrangement.objects.get(pk=made.pk).status == "pending"
