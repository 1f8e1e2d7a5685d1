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
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html and 'href="#id_note"' in html
    error = html.split('id="note-error-decline">', 1)[1].split("</small>", 1)[0]
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
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html
    error = html.split('id="id_returned_on_error">', 1)[1].split("</small>", 1)[0]
    assert "cannot be before the leave started" in error
    assert LeaveRequest.objects.get(pk=leave.pk).returned_on is None


def test_a_part_approval_without_a_note_keeps_the_amount_typed(
    client_for, hr_admin, employee, course
):
    made = services.financial_request_create(
        person=employee,
        actor=employee,
        support=course,
        amount=Decimal("400"),
        currency="EUR",
        description="AWS certification exam",
    )
    response = client_for(hr_admin).post(
        reverse("requests:financial-decide", args=[made.pk]),
        {"decision": "approve", "amount": "250", "note": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html and 'value="250"' in html
    error = html.split('id="note-error-approve">', 1)[1].split("</small>", 1)[0]
    assert "Say why only part is approved" in error
    assert FinancialRequest.objects.get(pk=made.pk).status == "pending"


def test_an_amount_above_the_ask_is_refused_beside_it(client_for, hr_admin, employee, course):
    made = services.financial_request_create(
        person=employee,
        actor=employee,
        support=course,
        amount=Decimal("400"),
        currency="EUR",
        description="AWS certification exam",
    )
    response = client_for(hr_admin).post(
        reverse("requests:financial-decide", args=[made.pk]),
        {"decision": "approve", "amount": "900", "note": "All of it"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Approve between" in html.split('id="id_amount_error">', 1)[1].split("</small>")[0]
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
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html and "<details open>" in html
    error = html.split('id="note-error-decline">', 1)[1].split("</small>", 1)[0]
    assert "A decline needs a reason" in error
    assert FlexibleArrangement.objects.get(pk=made.pk).status == "pending"
