"""The board by stage, the list with filters, and who may open them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.jobsearch import services
from careersupport.jobsearch.models import Application, StageChange, TrackerOptIn
from tests.factories import ApplicationFactory, TrackerOptInFactory

pytestmark = pytest.mark.django_db
BOARD = reverse("jobsearch:board")


def test_it_shows_a_column_per_stage_with_counts(client_for, partner, application):
    ApplicationFactory(owner=partner, stage="applied")
    response = client_for(partner).get(BOARD)
    assert response.status_code == 200
    columns = {c.stage: c.count for c in response.context["columns"]}
    assert list(columns) == Application.Stage.values
    assert columns["interested"] == 1 and columns["applied"] == 1


def test_it_sends_an_employee_without_the_tracker_to_turn_it_on(client_for, employee):
    response = client_for(employee).get(BOARD)
    assert response.status_code == 302 and response["Location"] == reverse("jobsearch:start")


def test_an_employee_turns_the_tracker_on(client_for, employee):
    response = client_for(employee).post(reverse("jobsearch:start"))
    assert response.status_code == 302
    assert TrackerOptIn.objects.filter(person=employee).exists()
    assert client_for(employee).get(BOARD).status_code == 200


def test_it_refuses_an_external_coach_with_403(client_for, coach):
    assert client_for(coach).get(BOARD).status_code == 403
    assert client_for(coach).get(reverse("jobsearch:start")).status_code == 403


def test_the_board_keeps_its_query_count_flat(client_for, partner, django_assert_max_num_queries):
    client = client_for(partner)
    ApplicationFactory.create_batch(3, owner=partner)
    with django_assert_max_num_queries(15):
        client.get(BOARD)
    for stage in Application.Stage.values:
        ApplicationFactory.create_batch(30, owner=partner, stage=stage)
    with django_assert_max_num_queries(15) as big:
        response = client.get(BOARD)
    assert response.status_code == 200
    assert len(big.captured_queries) <= 15
    assert all(len(c.cards) <= 25 for c in response.context["columns"])


def test_the_board_query_count_does_not_grow(client_for, partner, django_assert_num_queries):
    client = client_for(partner)
    ApplicationFactory.create_batch(2, owner=partner)
    client.get(BOARD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(BOARD)
    ApplicationFactory.create_batch(
        60, owner=partner, stage="applied", next_step="Call", next_step_on="2099-01-01"
    )
    with CaptureQueriesContext(connection) as large:
        client.get(BOARD)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_moving_a_card_records_the_change_and_its_date(client_for, partner, application):
    response = client_for(partner).post(
        reverse("jobsearch:application-move", args=[application.pk]),
        {"stage": "interviewing", "next": "board"},
    )
    assert response.status_code == 302 and response["Location"] == BOARD
    application.refresh_from_db()
    assert application.stage == "interviewing"
    assert list(
        StageChange.objects.filter(application=application).values_list("to_stage", flat=True)
    ) == ["interested", "interviewing"]


def test_moving_says_where_the_card_went(client_for, partner, application):
    url = reverse("jobsearch:application-move", args=[application.pk])
    response = client_for(partner).post(url, {"stage": "screening"}, follow=True)
    assert "moved to Screening" in response.text


def test_moving_to_accepted_goes_to_the_accept_page(client_for, partner, application):
    url = reverse("jobsearch:application-move", args=[application.pk])
    response = client_for(partner).post(url, {"stage": "accepted"})
    assert response["Location"] == reverse("jobsearch:accept", args=[application.pk])
    application.refresh_from_db()
    assert application.stage == "interested"


def test_a_bad_stage_changes_nothing(client_for, partner, application):
    url = reverse("jobsearch:application-move", args=[application.pk])
    client_for(partner).post(url, {"stage": "hired"})
    application.refresh_from_db()
    assert application.stage == "interested"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=applied", {"Applied one"}),
        ("remote=yes", {"Remote one"}),
        ("q=contoso", {"Applied one"}),
        ("due=overdue", {"Overdue one"}),
        ("stage=closed", {"Rejected one"}),
    ],
)
def test_the_list_filters(client_for, partner, query, expected):
    ApplicationFactory(owner=partner, role="Applied one", stage="applied", organisation="Contoso")
    ApplicationFactory(owner=partner, role="Remote one", remote=True)
    ApplicationFactory(
        owner=partner, role="Overdue one", next_step="Call", next_step_on="2020-01-01"
    )
    ApplicationFactory(owner=partner, role="Rejected one", stage="rejected")
    response = client_for(partner).get(reverse("jobsearch:application-list") + "?" + query)
    assert response.status_code == 200
    assert {a.role for a in response.context["page"].object_list} == expected


def test_the_list_keeps_its_query_count_flat(client_for, partner, django_assert_max_num_queries):
    client, url = client_for(partner), reverse("jobsearch:application-list") + "?stage=open"
    ApplicationFactory.create_batch(2, owner=partner)
    with django_assert_max_num_queries(10):
        client.get(url)
    ApplicationFactory.create_batch(80, owner=partner)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_creating_an_application_needs_an_organisation(client_for, partner):
    response = client_for(partner).post(
        reverse("jobsearch:application-create"),
        {"role": "Designer", "stage": "interested", "currency": "EUR"},
    )
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert not Application.objects.exists()


def test_creating_an_application_from_the_form(client_for, partner):
    data = {
        "organisation": "Fabrikam",
        "role": "UX lead",
        "stage": "applied",
        "currency": "eur",
        "salary_min": "60000",
        "salary_max": "70000",
        "remote": "on",
    }
    response = client_for(partner).post(reverse("jobsearch:application-create"), data)
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert application.currency == "EUR" and application.remote and application.stage == "applied"


def test_a_range_upside_down_is_refused_beside_the_field(client_for, partner):
    data = {
        "organisation": "Fabrikam",
        "role": "UX lead",
        "stage": "applied",
        "currency": "EUR",
        "salary_min": "70000",
        "salary_max": "60000",
    }
    response = client_for(partner).post(reverse("jobsearch:application-create"), data)
    assert response.status_code == 400 and "cannot be below its bottom" in response.text
    assert not Application.objects.exists()


def test_an_opted_in_employee_tracks_applications(employee):
    TrackerOptInFactory(person=employee)
    application = services.application_create(
        owner=employee, actor=employee, organisation="A", role="B"
    )
    assert application.owner == employee
