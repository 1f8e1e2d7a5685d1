"""Networking evenings and career fairs of `programs` open to the person, suggested on the
board, with registration one click away (programs' own registration)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programs.models import Offering, SessionRegistration
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening(employer):
    offering = OfferingFactory(
        employer=employer,
        title="Berlin networking evening",
        kind=Offering.Kind.NETWORKING,
        for_employees=False,
        for_partners=True,
    )
    return SessionFactory(offering=offering, title="December evening")


def test_the_board_suggests_an_event_open_to_partners(client_for, partner, evening):
    response = client_for(partner).get(reverse("jobsearch:board"))
    assert "Berlin networking evening" in response.text
    assert reverse("programs:enroll", args=[evening.offering_id]) in response.text


def test_registration_is_one_click_once_enrolled(client_for, partner, evening):
    EnrollmentFactory(offering=evening.offering, person=partner)
    client = client_for(partner)
    page = client.get(reverse("jobsearch:board"))
    register = reverse("programs:session-register", args=[evening.pk])
    assert register in page.text
    client.post(register)
    assert SessionRegistration.objects.filter(session=evening, person=partner).exists()
    assert "You are registered" in client.get(reverse("jobsearch:board")).text


def test_an_event_for_employees_only_is_not_suggested_to_a_partner(client_for, partner, employer):
    offering = OfferingFactory(
        employer=employer,
        title="Staff fair",
        kind=Offering.Kind.CAREER_FAIR,
        for_employees=True,
        for_partners=False,
    )
    SessionFactory(offering=offering)
    assert "Staff fair" not in client_for(partner).get(reverse("jobsearch:board")).text
