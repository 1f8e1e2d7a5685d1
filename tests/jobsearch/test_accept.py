"""Accepting an offer records the outcome and closes, as withdrawn, the other open
applications the person chose, in one transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careersupport.jobsearch import services
from careersupport.jobsearch.models import Application, Outcome
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(partner, application):
    return services.application_move(application=application, actor=partner, stage="offer")


@pytest.fixture
def others(partner):
    return [
        ApplicationFactory(owner=partner, role="Keep me", stage="applied"),
        ApplicationFactory(owner=partner, role="Close me", stage="interviewing"),
        ApplicationFactory(owner=partner, role="Already closed", stage="rejected"),
    ]


def test_the_page_lists_the_other_open_applications_ticked(client_for, partner, offer, others):
    response = client_for(partner).get(reverse("jobsearch:accept", args=[offer.pk]))
    assert response.status_code == 200
    assert "Keep me" in response.text and "Close me" in response.text
    assert "Already closed" not in response.text
    assert response.text.count('name="close"') == 2 and response.text.count("checked") == 2


def test_accepting_closes_what_was_chosen(client_for, partner, offer, others):
    keep, close, _ = others
    data = {
        "organisation": "Contoso",
        "role": "Lead designer",
        "start_on": "2027-02-01",
        "close": [close.pk],
    }
    response = client_for(partner).post(reverse("jobsearch:accept", args=[offer.pk]), data)
    assert response.status_code == 302
    stages = dict(Application.objects.values_list("role", "stage"))
    assert stages == {
        "Product designer": "accepted",
        "Keep me": "applied",
        "Close me": "withdrawn",
        "Already closed": "rejected",
    }
    outcome = Outcome.objects.get()
    assert (outcome.role, outcome.start_on, outcome.owner) == (
        "Lead designer",
        date(2027, 2, 1),
        partner,
    )


def test_a_bad_choice_changes_nothing(partner, offer, others, employee):
    stranger = ApplicationFactory(owner=employee, stage="applied")
    with pytest.raises(ValidationError):
        services.offer_accept(
            application=offer,
            actor=partner,
            organisation="C",
            role="R",
            start_on=date(2027, 1, 1),
            close=[others[1], stranger],
        )
    assert not Outcome.objects.exists()
    assert (
        dict(Application.objects.filter(owner=partner).values_list("role", "stage"))["Close me"]
        == "interviewing"
    )


def test_only_an_offer_can_be_accepted(client_for, partner, application):
    data = {"organisation": "Contoso", "role": "R", "start_on": "2027-02-01"}
    response = client_for(partner).post(reverse("jobsearch:accept", args=[application.pk]), data)
    assert response.status_code == 400 and "Only an application with an offer" in response.text
    assert not Outcome.objects.exists()


def test_a_missing_start_date_is_shown_beside_the_field(client_for, partner, offer):
    response = client_for(partner).post(
        reverse("jobsearch:accept", args=[offer.pk]), {"organisation": "C", "role": "R"}
    )
    assert response.status_code == 400 and "id_start_on_error" in response.text
    assert not Outcome.objects.exists()


def test_reopening_an_accepted_application_drops_its_outcome(partner, offer):
    services.offer_accept(
        application=offer, actor=partner, organisation="C", role="R", start_on=date(2027, 1, 1)
    )
    services.application_move(application=offer, actor=partner, stage="offer")
    assert not Outcome.objects.exists()


def test_nobody_else_may_accept(client_for, employee, offer):
    assert client_for(employee).get(reverse("jobsearch:accept", args=[offer.pk])).status_code == 404
