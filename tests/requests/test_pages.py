"""Every page for the roles that may open it and those that may not; decisions refused to
the wrong approver; the manager never sees a reason or money; query counts stay flat."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from careersupport.requests import services
from careersupport.requests.models import (
    FinancialRequest,
    FlexibleArrangement,
    LeaveRequest,
    Status,
)
from tests.factories import IndividualFactory

from .conftest import monday_next_spring, next_monday

pytestmark = pytest.mark.django_db
REASON = "Chemotherapy of my mother"


@pytest.fixture
def targets(employee, policy, course):
    leave = services.leave_request_create(
        person=employee,
        actor=employee,
        policy=policy,
        start_date=monday_next_spring(),
        end_date=monday_next_spring() + timedelta(days=4),
        reason=REASON,
    )
    arrangement = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="School run",
        kind="remote",
        start_date=next_monday(),
    )
    money = services.financial_request_create(
        person=employee,
        actor=employee,
        support=course,
        amount=Decimal("250"),
        currency="EUR",
        description="Debt counselling course",
    )
    return {"leave": leave.pk, "flexible": arrangement.pk, "financial": money.pk}


PAGES = [
    # (url name, target, who gets 200, who gets 403; everyone else of the employer 404)
    ("requests:leave-detail", "leave", {"employee", "hr_admin"}, set()),
    ("requests:financial-detail", "financial", {"employee", "hr_admin"}, set()),
    ("requests:flexible-detail", "flexible", {"employee", "hr_admin", "manager"}, set()),
    ("requests:flexible-review", "flexible", {"hr_admin", "manager"}, {"employee"}),
]
PERSONAS = ["employee", "manager", "hr_admin", "peer", "partner", "outsider", "outsider_hr"]


@pytest.mark.parametrize(("name", "target", "ok", "forbidden"), PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_request_pages_answer_each_role(
    client_for, request, targets, name, target, ok, forbidden, persona
):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse(name, args=[targets[target]])
    )
    expected = 200 if persona in ok else 403 if persona in forbidden else 404
    assert response.status_code == expected


DECISIONS = [
    ("requests:leave-decide", "leave", "hr_admin"),
    ("requests:financial-decide", "financial", "hr_admin"),
    ("requests:flexible-decide", "flexible", "manager"),
]


@pytest.mark.parametrize(("name", "target", "decider"), DECISIONS)
@pytest.mark.parametrize(
    "persona", ["employee", "peer", "partner", "manager", "outsider", "outsider_hr"]
)
def test_decisions_are_refused_to_everyone_but_the_approver(
    client_for, request, targets, name, target, decider, persona
):
    if persona == decider:
        return
    response = client_for(request.getfixturevalue(persona)).post(
        reverse(name, args=[targets[target]]), {"decision": "approve", "note": "ok"}
    )
    role_refused = persona == "employee" or (persona == "partner" and target != "flexible")
    assert response.status_code == (403 if role_refused else 404)
    assert LeaveRequest.objects.get().status == FinancialRequest.objects.get().status == "pending"
    assert FlexibleArrangement.objects.get().status == "pending"


@pytest.mark.parametrize(("name", "target", "decider"), DECISIONS)
def test_the_approver_decides(client_for, request, targets, name, target, decider):
    response = client_for(request.getfixturevalue(decider)).post(
        reverse(name, args=[targets[target]]), {"decision": "approve", "amount": "250"}
    )
    assert response.status_code == 302
    model = {"leave": LeaveRequest, "financial": FinancialRequest, "flexible": FlexibleArrangement}[
        target
    ]
    assert model.objects.get().status == Status.APPROVED


def test_the_manager_sees_dates_but_no_reason_and_no_money(client_for, manager, hr_admin, targets):
    services.leave_approve(leave=LeaveRequest.objects.get(), actor=hr_admin)
    client = client_for(manager)
    month = f"{monday_next_spring():%Y-%m}"
    for url in (
        f"/requests/team/?month={month}",
        f"/requests/team/{month}.csv",
        "/requests/decide/",
        "/",
    ):
        text = client.get(url).content.decode()
        assert (
            REASON not in text
            and "Family care" not in text
            and "250" not in text
            and "counselling" not in text
        )
    team = client.get(f"/requests/team/?month={month}").text
    assert "Eli" in team and ", leave" in team


def test_hr_sees_the_reason_and_the_csv_leaves_it_out(client_for, hr_admin, targets):
    client = client_for(hr_admin)
    assert REASON in client.get(reverse("requests:leave-detail", args=[targets["leave"]])).text
    csv = client.get(
        reverse("requests:leave-csv", args=[monday_next_spring().year])
    ).content.decode()
    assert "Family care" in csv and REASON not in csv
    assert (
        "counselling"
        not in client.get(
            reverse("requests:financial-csv", args=[monday_next_spring().year])
        ).content.decode()
    )


@pytest.mark.parametrize("name", ["requests:decide"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("partner", 403), ("manager", 200), ("hr_admin", 200)],
)
def test_the_approver_page_is_for_approvers(client_for, request, employee, name, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(reverse(name)).status_code == status


@pytest.mark.parametrize(
    "name",
    [
        "requests:manage",
        "requests:policy-create",
        "requests:kind-create",
        "requests:holidays",
        "requests:leave-csv:2027",
        "requests:financial-csv:2027",
    ],
)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("manager", 403), ("partner", 403), ("hr_admin", 200)],
)
def test_hr_pages_are_for_hr(client_for, request, name, persona, status):
    name, _, year = name.partition(":2")
    url = reverse(name, args=[int("2" + year)] if year else [])
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == status


def test_the_team_view_is_for_managers(client_for, employee, manager, partner):
    assert client_for(manager).get(reverse("requests:team")).status_code == 200
    assert client_for(employee).get(reverse("requests:team")).status_code == 403
    assert client_for(partner).get(reverse("requests:team")).status_code == 403


def test_the_employment_page_is_hr_of_that_employer_only(
    client_for, hr_admin, outsider_hr, employee
):
    url = reverse("requests:employment", args=[employee.pk])
    assert client_for(hr_admin).get(url).status_code == 200
    assert client_for(outsider_hr).get(url).status_code == 404


def test_bad_leave_dates_answer_400_beside_the_field_and_write_nothing(
    client_for, employee, policy
):
    url = reverse("requests:leave-create") + f"?policy={policy.pk}"
    response = client_for(employee).post(
        url, {"start_date": "2030-03-08", "end_date": "2030-03-01"}
    )
    assert response.status_code == 400 and "The last day is before the first day." in response.text
    assert not LeaveRequest.objects.exists()


def test_a_refused_leave_request_says_why(client_for, employee, policy):
    url = reverse("requests:leave-create") + f"?policy={policy.pk}"
    start = monday_next_spring()
    response = client_for(employee).post(
        url, {"start_date": start, "end_date": start + timedelta(days=18)}
    )
    assert response.status_code == 400 and "of the 10 working days are left" in response.text
    assert not LeaveRequest.objects.exists()


def test_checking_shows_what_the_request_would_leave_and_saves_nothing(
    client_for, employee, policy
):
    url = reverse("requests:leave-create") + f"?policy={policy.pk}"
    start = monday_next_spring()
    response = client_for(employee).post(
        url, {"start_date": start, "end_date": start + timedelta(days=1), "check": "1"}
    )
    assert response.status_code == 200 and "would leave <strong>8</strong> of 10" in response.text
    assert not LeaveRequest.objects.exists()


def test_the_policy_offering_links_to_its_leave_request(client_for, employee, policy, employer):
    from tests.factories import OfferingFactory

    offering = OfferingFactory(employer=employer, kind="policy", starts_on=None, ends_on=None)
    from programs.models import PolicyVersion

    PolicyVersion.objects.create(offering=offering, number=1, text="Ten days a year.")
    policy.offering = offering
    policy.save()
    text = client_for(employee).get(offering.get_absolute_url()).text
    assert "Request leave under this policy" in text and f"?policy={policy.pk}" in text


def test_the_profile_shows_the_current_arrangement(client_for, employee, manager, hr_admin):
    arrangement = services.arrangement_request(
        person=employee,
        actor=employee,
        reason="x",
        kind="compressed",
        day_off=4,
        start_date=next_monday(),
    )
    services.arrangement_approve(arrangement=arrangement, actor=manager)
    assert "Compressed week, Friday off" in client_for(employee).get(reverse("people:profile")).text
    assert (
        "Compressed week, Friday off" in client_for(hr_admin).get(employee.get_absolute_url()).text
    )
    assert "Compressed week, Friday off" in client_for(manager).get(reverse("requests:team")).text


def many_waiting(employer, manager, policy, course, size):
    people = IndividualFactory.create_batch(size, employer=employer, manager=manager, user=None)
    day = monday_next_spring()
    LeaveRequest.objects.bulk_create(
        [
            LeaveRequest(
                employer=employer, person=p, policy=policy, start_date=day, end_date=day, days=1
            )
            for p in people
        ]
    )
    FlexibleArrangement.objects.bulk_create(
        [
            FlexibleArrangement(
                employer=employer, person=p, kind="remote", start_date=day, reason="x"
            )
            for p in people
        ]
    )
    FinancialRequest.objects.bulk_create(
        [
            FinancialRequest(
                employer=employer,
                person=p,
                support=course,
                amount=10,
                currency="EUR",
                description="x",
                budget_year=day.year,
            )
            for p in people
        ]
    )
    LeaveRequest.objects.bulk_create(
        [
            LeaveRequest(
                employer=employer,
                person=p,
                policy=policy,
                start_date=day,
                end_date=day + timedelta(days=3),
                days=4,
                status="approved",
            )
            for p in people
        ]
    )
    return people


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize("persona", ["hr_admin", "manager"])
def test_the_approver_page_keeps_its_query_count_flat(
    client_for,
    request,
    employer,
    manager,
    policy,
    course,
    django_assert_max_num_queries,
    size,
    persona,
):
    many_waiting(employer, manager, policy, course, size)
    client = client_for(request.getfixturevalue(persona))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("requests:decide"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_team_month_keeps_its_query_count_flat(
    client_for, employer, manager, policy, course, django_assert_max_num_queries, size
):
    many_waiting(employer, manager, policy, course, size)
    client = client_for(manager)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("requests:team") + f"?month={monday_next_spring():%Y-%m}")
    assert response.status_code == 200 and response.text.count(", leave") >= min(size, 20)
