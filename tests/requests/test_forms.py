"""The forms of each page: bad input answers 400 with the message beside the field and
writes nothing; good input goes through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from careersupport.requests import services
from careersupport.requests.models import (
    Employment,
    FinancialKind,
    FinancialRequest,
    FlexibleArrangement,
    LeavePolicy,
    LeaveRequest,
    PublicHoliday,
)

from .conftest import monday_next_spring, next_monday

pytestmark = pytest.mark.django_db


def test_a_hybrid_request_without_office_days_is_refused_beside_the_field(client_for, employee):
    response = client_for(employee).post(
        reverse("requests:flexible-create"),
        {"kind": "hybrid", "start_date": next_monday(), "reason": "Commute"},
    )
    assert response.status_code == 400 and "Choose the days in the office." in response.text
    assert not FlexibleArrangement.objects.exists()


def test_a_job_share_names_a_colleague_by_work_e_mail(client_for, employee, peer):
    client = client_for(employee)
    data = {"kind": "job_share", "start_date": next_monday(), "reason": "Caring"}
    response = client.post(
        reverse("requests:flexible-create"), {**data, "colleague_email": "nobody@x.test"}
    )
    assert (
        response.status_code == 400 and "No colleague here has that work e-mail." in response.text
    )
    response = client.post(
        reverse("requests:flexible-create"), {**data, "colleague_email": peer.email}
    )
    assert response.status_code == 302
    assert FlexibleArrangement.objects.get().colleague == peer


def test_the_colleague_confirms_and_nobody_else_may(client_for, employee, peer, manager):
    arrangement = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="x",
        kind="job_share",
        colleague=peer,
        start_date=next_monday(),
    )
    url = reverse("requests:flexible-answer", args=[arrangement.pk])
    assert client_for(manager).post(url, {"answer": "confirm"}).status_code == 403
    assert client_for(peer).post(url, {"answer": "confirm"}).status_code == 302
    assert FlexibleArrangement.objects.get().status == "pending"


def test_a_withdrawal_asks_first(client_for, employee):
    arrangement = services.arrangement_request(
        person=employee, actor=employee, reason="x", kind="remote", start_date=next_monday()
    )
    client = client_for(employee)
    url = reverse("requests:flexible-withdraw", args=[arrangement.pk])
    assert "Do you want to withdraw" in client.get(url).text
    assert FlexibleArrangement.objects.get().status == "pending"
    client.post(url)
    assert FlexibleArrangement.objects.get().status == "cancelled"


def test_the_review_page_ends_an_arrangement(client_for, employee, manager):
    arrangement = services.arrangement_request(
        person=employee, actor=employee, reason="x", kind="remote", start_date=next_monday()
    )
    services.arrangement_approve(arrangement=arrangement, actor=manager)
    url = reverse("requests:flexible-review", args=[arrangement.pk])
    assert client_for(manager).post(url, {"outcome": "bogus"}).status_code == 400
    assert (
        client_for(manager).post(url, {"outcome": "end", "note": "Team reshaped"}).status_code
        == 302
    )
    assert FlexibleArrangement.objects.get().status == "ended"


def test_cancelling_leave_asks_first(client_for, employee, policy):
    leave = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(),
        end_date=monday_next_spring(),
    )
    client = client_for(employee)
    url = reverse("requests:leave-cancel", args=[leave.pk])
    assert "Do you want to cancel" in client.get(url).text
    client.post(url)
    assert LeaveRequest.objects.get().status == "cancelled"


def test_a_financial_request_without_an_amount_is_refused(client_for, employee, course):
    response = client_for(employee).post(
        reverse("requests:financial-create"),
        {"support": course.pk, "currency": "EUR", "description": "x"},
    )
    assert response.status_code == 400 and "This field is required." in response.text
    assert not FinancialRequest.objects.exists()


def test_hr_declines_money_only_with_a_reason(client_for, employee, hr_admin, course):
    made = services.financial_request_create(
        person=employee, actor=employee, support=course, amount=100, currency="EUR", description="x"
    )
    client = client_for(hr_admin)
    url = reverse("requests:financial-decide", args=[made.pk])
    client.post(url, {"decision": "decline", "note": ""})
    assert FinancialRequest.objects.get().status == "pending"
    client.post(url, {"decision": "decline", "note": "Not a work-related course"})
    assert FinancialRequest.objects.get().status == "declined"


def test_the_approver_page_approves_the_selected_leave_and_flexible_work(
    client_for, employee, peer, hr_admin, policy, course
):
    leave = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(),
        end_date=monday_next_spring(),
    )
    alone = services.arrangement_request(
        person=hr_admin, actor=hr_admin, reason="x", kind="remote", start_date=next_monday()
    )
    money = services.financial_request_create(
        person=peer, actor=peer, support=course, amount=100, currency="EUR", description="x"
    )
    client_for(hr_admin).post(
        reverse("requests:decide"),
        {"pick": [f"leave:{leave.pk}", f"flexible:{alone.pk}", f"financial:{money.pk}"]},
    )
    assert LeaveRequest.objects.get().status == "approved"
    assert FlexibleArrangement.objects.get().status == "pending"  # their own: never
    assert FinancialRequest.objects.get().status == "pending"  # money: one by one


def test_hr_imports_and_adds_holidays(client_for, hr_admin):
    client = client_for(hr_admin)
    url = reverse("requests:holidays")
    assert (
        client.post(
            url, {"import": "1", "country": "GB", "subdivision": "", "year": 2027}
        ).status_code
        == 302
    )
    assert PublicHoliday.objects.filter(date__year=2027, country="GB").count() >= 8
    response = client.post(url, {"add": "1", "day": "2027-12-25", "name": "Again"})
    assert response.status_code == 400 and "already a public holiday" in response.text
    assert client.post(url, {"import": "1", "country": "ZZ", "year": 2027}).status_code == 400


def test_hr_removes_a_holiday(client_for, hr_admin, outsider_hr):
    holiday = PublicHoliday.objects.create(
        employer=hr_admin.employer, date="2027-05-01", name="May Day"
    )
    url = reverse("requests:holiday-remove", args=[holiday.pk])
    assert client_for(outsider_hr).post(url).status_code == 404
    assert client_for(hr_admin).post(url).status_code == 302
    assert not PublicHoliday.objects.exists()


def test_a_parental_policy_per_year_is_refused_beside_the_field(client_for, hr_admin):
    response = client_for(hr_admin).post(
        reverse("requests:policy-create"),
        {
            "name": "Parents",
            "kind": "parental",
            "paid_weeks": "16",
            "unpaid_weeks": "0",
            "period": "calendar_year",
            "min_service_months": "0",
            "max_parts": "1",
            "notice_days": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 400 and "Parental leave runs per child" in response.text
    assert not LeavePolicy.objects.exists()


def test_hr_creates_a_kind_of_support(client_for, hr_admin):
    response = client_for(hr_admin).post(
        reverse("requests:kind-create"),
        {
            "name": "Childcare",
            "category": "childcare",
            "currency": "eur",
            "person_budget": "3600",
            "max_repayment_months": "12",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert FinancialKind.objects.get().currency == "EUR"


def test_hr_records_employment_facts(client_for, hr_admin, employee):
    url = reverse("requests:employment", args=[employee.pk])
    assert (
        client_for(hr_admin)
        .post(url, {"start_date": "2031-01-01", "employment_type": "nope"})
        .status_code
        == 400
    )
    client_for(hr_admin).post(url, {"start_date": "2019-04-01", "employment_type": "fixed_term"})
    assert Employment.objects.get(person=employee).employment_type == "fixed_term"


def test_the_team_csv_has_names_dates_and_leave_only(
    client_for, employee, manager, hr_admin, policy
):
    day = monday_next_spring()
    leave = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=day,
        end_date=day + timedelta(days=2),
        reason="Secret",
    )
    services.leave_approve(leave=leave, actor=hr_admin)
    body = (
        client_for(manager)
        .get(reverse("requests:team-csv", args=[f"{day:%Y-%m}"]))
        .content.decode()
    )
    assert body.splitlines()[1] == f"{employee.full_name},{day},{day + timedelta(days=2)},,,leave"
    assert "Secret" not in body and policy.name not in body


def test_the_home_card_counts_what_waits(client_for, employee, hr_admin, policy):
    services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(),
        end_date=monday_next_spring(),
    )
    assert "1 request waiting for your decision" in client_for(hr_admin).get("/").text
    assert "You have 1 open request" in client_for(employee).get("/").text
