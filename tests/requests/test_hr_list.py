"""HR's list of every request of the employer (`/requests/manage/all/`): decided ones too, so
HR reaches a leave to record its return and another manager's flexible work to decide it;
filters, 400 on bad ones, no reason in a row, flat query count, another employer sees none."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careersupport.requests import selectors
from careersupport.requests.models import FinancialRequest, FlexibleArrangement, Status
from tests.factories import IndividualFactory, LeaveRequestFactory

pytestmark = pytest.mark.django_db
LIST = reverse("requests:all")
REASON = "Chemotherapy of my mother"
DAY = timedelta(days=1)


def leave(person, policy, start_in: int, length: int = 5, **extra):
    """Leave starting `start_in` days from today (negative: in the past), approved."""
    start = timezone.localdate() + timedelta(days=start_in)
    return LeaveRequestFactory(
        person=person,
        policy=policy,
        start_date=start,
        end_date=start + (length - 1) * DAY,
        reason=REASON,
        **extra,
    )


def arrangement(person, **extra):
    return FlexibleArrangement.objects.create(
        employer=person.employer,
        person=person,
        kind="remote",
        start_date=timezone.localdate() + 20 * DAY,
        reason="My back after the operation",
        **extra,
    )


def money(person, support, **extra):
    return FinancialRequest.objects.create(
        employer=person.employer,
        person=person,
        support=support,
        amount=Decimal("250"),
        currency="EUR",
        description="Debt counselling course",
        budget_year=timezone.localdate().year,
        **extra,
    )


@pytest.fixture
def one_of_each(employee, peer, policy, course):
    """One of each: leave to come, on now, ended and back, ended and not back, declined;
    the peer's flexible work waiting for the manager; the employee's money, declined."""
    return {
        "upcoming": leave(employee, policy, 30, status=Status.PENDING),
        "current": leave(employee, policy, -2),
        "back": leave(employee, policy, -40, returned_on=timezone.localdate() - 30 * DAY),
        "unreturned": leave(peer, policy, -20),
        "declined": leave(peer, policy, 60, status=Status.DECLINED),
        "flexible": arrangement(peer),
        "financial": money(employee, course, status=Status.DECLINED),
    }


def listed(client, query: str = "") -> set[str]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    return {item.get_absolute_url() for _, item in response.context["rows"]}


def urls(made, *keys) -> set[str]:
    return {made[k].get_absolute_url() for k in keys}


def test_hr_sees_every_request_decided_or_not_without_reasons(client_for, hr_admin, one_of_each):
    response = client_for(hr_admin).get(LIST)
    assert response.status_code == 200
    for item in one_of_each.values():
        assert item.get_absolute_url() in response.text
    assert REASON not in response.text
    assert "operation" not in response.text and "counselling" not in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=leave", {"upcoming", "current", "back", "unreturned", "declined"}),
        ("kind=flexible", {"flexible"}),
        ("kind=financial", {"financial"}),
        ("status=declined", {"declined", "financial"}),
        ("status=pending", {"upcoming", "flexible"}),
        ("q=pia", {"unreturned", "declined", "flexible"}),
        ("q=eli&kind=financial", {"financial"}),
        ("when=upcoming", {"upcoming", "declined"}),
        ("when=upcoming&status=approved", set()),
        ("when=current", {"current"}),
        ("when=past", {"back", "unreturned"}),
        ("when=unreturned", {"unreturned"}),
        ("when=unreturned&kind=leave&q=eli", set()),
    ],
)
def test_each_filter_narrows_the_list(client_for, hr_admin, one_of_each, query, expected):
    assert listed(client_for(hr_admin), query) == urls(one_of_each, *expected)


def test_a_person_page_lists_that_persons_requests(client_for, hr_admin, peer, one_of_each):
    client = client_for(hr_admin)
    link = f"{LIST}?person={peer.pk}"
    assert link in client.get(peer.get_absolute_url()).text
    assert listed(client, f"person={peer.pk}") == urls(
        one_of_each, "unreturned", "declined", "flexible"
    )


def test_leave_on_now_back_early_is_not_on_leave(client_for, hr_admin, employee, policy):
    leave(employee, policy, -2, returned_on=timezone.localdate() - DAY)
    assert listed(client_for(hr_admin), "when=current") == set()


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach", "outsider"])
def test_it_refuses_everyone_but_hr_with_403(client_for, request, one_of_each, persona):
    assert client_for(request.getfixturevalue(persona)).get(LIST).status_code == 403


def test_hr_of_another_employer_sees_none_of_ours(client_for, outsider_hr, one_of_each):
    client = client_for(outsider_hr)
    response = client.get(LIST)
    assert response.status_code == 200 and response.context["rows"] == []
    assert "No request matches these filters." in response.text
    for item in one_of_each.values():
        assert client.get(item.get_absolute_url()).status_code == 404


def test_hr_of_another_employer_cannot_filter_on_our_people(client_for, outsider_hr, employee):
    response = client_for(outsider_hr).get(f"{LIST}?person={employee.pk}")
    assert response.status_code == 400 and response.context["rows"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=holiday", "kind"),
        ("status=maybe", "status"),
        ("when=soon", "when"),
        ("when=current&kind=flexible", "when"),
        ("person=abc", "person"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_bad_filters_answer_400_with_the_reason(client_for, hr_admin, one_of_each, query, field):
    response = client_for(hr_admin).get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "There is a problem" in response.text and "Correct the filters" in response.text


def test_a_bad_page_number_shows_a_page(client_for, hr_admin, one_of_each):
    assert client_for(hr_admin).get(f"{LIST}?page=zz").status_code == 200


def test_the_query_count_does_not_grow_with_the_rows(
    client_for, hr_admin, employer, manager, policy, course, django_assert_num_queries
):
    def add(size: int) -> None:
        for person in IndividualFactory.create_batch(size, employer=employer, manager=manager):
            leave(person, policy, -2)
            arrangement(person, colleague=None)
            money(person, course)

    client = client_for(hr_admin)
    add(2)
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST).status_code == 200
    add(30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 25 and response.context["page"].paginator.count == 96


def test_hr_goes_from_the_list_to_an_approved_leave_and_records_the_return(
    client_for, hr_admin, one_of_each
):
    client = client_for(hr_admin)
    target = one_of_each["unreturned"]
    page = client.get(f"{LIST}?when=unreturned").text
    assert f'href="{target.get_absolute_url()}"' in page
    detail = client.get(target.get_absolute_url()).text
    assert reverse("requests:leave-return", args=[target.pk]) in detail
    back = target.end_date + DAY
    response = client.post(
        reverse("requests:leave-return", args=[target.pk]), {"returned_on": back.isoformat()}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.returned_on == back
    assert listed(client, "when=unreturned") == set()


def test_hr_finds_another_managers_flexible_work_and_decides_it(
    client_for, hr_admin, peer, one_of_each
):
    client = client_for(hr_admin)
    target = one_of_each["flexible"]
    assert target.get_absolute_url() not in client.get(reverse("requests:decide")).text
    assert target.get_absolute_url() in client.get(f"{LIST}?kind=flexible&status=pending").text
    detail = client.get(target.get_absolute_url()).text
    assert reverse("requests:flexible-decide", args=[target.pk]) in detail
    client.post(reverse("requests:flexible-decide", args=[target.pk]), {"decision": "approve"})
    target.refresh_from_db()
    assert (target.status, target.decided_by_id) == (Status.APPROVED, hr_admin.pk)


def test_hrs_menu_and_the_decide_page_link_to_the_list(client_for, hr_admin, manager):
    assert f'href="{LIST}"' in client_for(hr_admin).get(reverse("requests:decide")).text
    assert f'href="{LIST}"' in client_for(hr_admin).get(reverse("home")).text
    assert f'href="{LIST}"' not in client_for(manager).get(reverse("requests:decide")).text


def test_pages_cut_from_each_tables_head_match_one_full_sort(hr_admin, one_of_each):
    keys = selectors.requests_for_hr(hr_admin, today=timezone.localdate())
    everything = sorted(
        ((item.created_at, item.pk, kind) for kind, item in _kinds(one_of_each)),
        reverse=True,
    )
    assert keys.count() == len(everything) == 7 and not keys.capped
    pages = [keys[start : start + 3] for start in (0, 3, 6)]
    assert [k for page in pages for k in page] == everything


def test_the_count_stops_at_its_cap(hr_admin, one_of_each, monkeypatch, client_for):
    monkeypatch.setattr(selectors.MergedKeys, "CAP", 4)
    keys = selectors.requests_for_hr(hr_admin, today=timezone.localdate())
    assert keys.count() == 4 and keys.capped
    assert len(keys[0:7]) == 7  # the rows past the cap are still there
    monkeypatch.setattr(selectors.MergedKeys, "CAP", 2)
    monkeypatch.setattr("careersupport.requests.views.manage.paginate", _paginate_by_one)
    assert "Page 1 of 2 (more than 2 in all)" in client_for(hr_admin).get(LIST).text


def _paginate_by_one(request, keys):
    return Paginator(keys, 1).get_page(request.GET.get("page"))


def _kinds(made):
    for key, item in made.items():
        kind = {"flexible": "flexible", "financial": "financial"}.get(key, "leave")
        yield kind, item
