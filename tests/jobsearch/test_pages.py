"""The application page's query count, the coach's list and the home card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careersupport.jobsearch import services
from tests.factories import ContactFactory, TrackerOptInFactory

pytestmark = pytest.mark.django_db


def test_the_application_page_keeps_its_query_count_flat(
    client_for, partner, application, coaching, django_assert_max_num_queries
):
    client, url = client_for(partner), application.get_absolute_url()
    ContactFactory(application=application)
    with django_assert_max_num_queries(15):
        client.get(url)
    ContactFactory.create_batch(20, application=application)
    for stage in ("applied", "screening", "interviewing", "offer", "applied"):
        services.application_move(application=application, actor=partner, stage=stage)
    prep = services.preparation_request(
        application=application, actor=partner, kind="interview_practice"
    )
    for n in range(5):
        services.preparation_comment(request=prep, actor=coaching.coach, text=f"Point {n}")
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200 and "Point 4" in response.text


def test_the_coach_list_is_for_coaches(client_for, partner, coach, coaching):
    assert client_for(partner).get(reverse("jobsearch:coach")).status_code == 403
    assert client_for(coach).get(reverse("jobsearch:coach")).status_code == 200


def test_the_coach_list_shows_only_what_is_shared(client_for, partner, application, coaching):
    other = services.application_create(
        owner=partner, actor=partner, organisation="Hidden Co", role="Secret role"
    )
    services.application_update(application=application, actor=partner, shared_with_coach=True)
    page = client_for(coaching.coach).get(reverse("jobsearch:coach")).text
    assert "Product designer" in page and "Secret role" not in page and other.pk


def test_the_home_card_counts_next_steps_due(client_for, partner, application):
    services.application_set_next_step(
        application=application,
        actor=partner,
        next_step="Call",
        next_step_on=services.applications.owner_today(partner),
    )
    page = client_for(partner).get(reverse("home")).text
    assert "1 open application" in page and "1 next step due today or overdue" in page


def test_the_home_card_is_quiet_for_an_employee_without_the_tracker(client_for, employee):
    assert "My job search" not in client_for(employee).get(reverse("home")).text
    TrackerOptInFactory(person=employee)
    assert "My job search" in client_for(employee).get(reverse("home")).text


def test_the_home_card_tells_the_coach_about_requests(client_for, partner, application, coaching):
    services.preparation_request(application=application, actor=partner, kind="interview_practice")
    page = client_for(coaching.coach).get(reverse("home")).text
    assert "1 résumé review or interview practice to answer" in page
