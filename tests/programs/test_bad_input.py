"""Bad input gets a message on the page, never a server error nor a half-written record."""

import pytest
from django.urls import reverse

from programs.models import Cohort, Offering, Session
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db

GARBAGE = {
    "title": "x" * 500,
    "kind": "nonsense",
    "capacity": "99999999999999999999",
    "starts_on": "31/31/2030",
    "ends_on": "yesterday",
    "enrollment_opens_at": "soon",
    "enrollment_closes_at": "2030-13-45T99:99",
    "format": "telepathy",
    "online_url": "not a url",
    "provider": "aliens",
    "departments": ["abc", "999999"],
    "time_zone": "Mars/Olympus",
    "starts_at": "never",
    "ends_at": "",
    "text": "",
    "name": "",
    "milestones": "",
    "cohort": "999999",
    "outcome": "astronaut",
    "reason": "",
    "decision": "maybe",
    "enrollments": ["x", "999999"],
    "single": "approve:abc",
    "version": "banana",
    "page": "-7",
}


@pytest.fixture
def world(employer, employee):
    workshop = OfferingFactory(employer=employer)
    reentry = OfferingFactory(employer=employer, kind="reentry")
    cohort = Cohort.objects.create(offering=reentry, name="Spring", starts_on="2030-01-01")
    enrollment = EnrollmentFactory(offering=reentry, person=employee)
    session = SessionFactory(offering=workshop)
    return workshop, reentry, cohort, enrollment, session


def hr_urls(world):
    workshop, reentry, cohort, enrollment, session = world
    return [
        reverse("programs:manage-create"),
        reverse("programs:manage-edit", args=[workshop.pk]),
        reverse("programs:manage-queue"),
        reverse("programs:manage-session-create", args=[workshop.pk]),
        reverse("programs:manage-session-edit", args=[session.pk]),
        reverse("programs:manage-cohort-create", args=[reentry.pk]),
        reverse("programs:manage-phase-create", args=[cohort.pk]),
        reverse("programs:manage-participant", args=[enrollment.pk]),
        reverse("programs:manage-decide", args=[enrollment.pk, "decline"]),
        reverse("programs:manage-policy", args=[workshop.pk]),
    ]


def test_hr_forms_answer_garbage_without_a_server_error(client_for, hr_admin, world):
    client = client_for(hr_admin)
    before = (Offering.objects.count(), Session.objects.count(), Cohort.objects.count())
    for url in hr_urls(world):
        response = client.post(url, GARBAGE)
        assert response.status_code in (400, 302, 404), url
    assert (Offering.objects.count(), Session.objects.count(), Cohort.objects.count()) == before


def test_the_offering_form_names_each_bad_field(client_for, hr_admin):
    response = client_for(hr_admin).post(reverse("programs:manage-create"), GARBAGE)
    assert response.status_code == 400
    for message in ("Select a valid choice", "Enter a valid date", "Enter a valid URL"):
        assert message in response.text


def test_people_pages_answer_garbage_without_a_server_error(client_for, employee, world):
    workshop, reentry, _cohort, _enrollment, session = world
    client = client_for(employee)
    for url in [
        reverse("programs:catalog"),
        reverse("programs:mine"),
        reverse("programs:offering-detail", args=[workshop.pk]),
    ]:
        assert client.get(url, GARBAGE).status_code == 200, url
    for url in [
        reverse("programs:enroll", args=[workshop.pk]),
        reverse("programs:withdraw", args=[reentry.pk]),
        reverse("programs:policy-acknowledge", args=[workshop.pk]),
        reverse("programs:session-register", args=[session.pk]),
        reverse("programs:slot-create", args=[workshop.pk]),
        reverse("programs:calendar-revoke"),
    ]:
        assert client.post(url, GARBAGE).status_code in (302, 404), url


def test_a_catalog_filter_that_makes_no_sense_is_explained(client_for, employee):
    response = client_for(employee).get(reverse("programs:catalog"), {"starts_after": "someday"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.text


def test_a_capacity_beyond_the_database_range_is_a_field_message(client_for, hr_admin):
    from tests.programs.test_manage import VALID

    data = {**VALID, "capacity": "99999999999"}
    response = client_for(hr_admin).post(reverse("programs:manage-create"), data)
    assert response.status_code == 400
    assert not Offering.objects.exists()
