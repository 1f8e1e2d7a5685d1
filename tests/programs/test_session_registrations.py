"""Who registered for a session: HR and the group's leads see the names, nobody else."""

import csv
import io

import pytest
from django.urls import reverse

from programs.models import SessionRegistration
from programs.services.events import session_register
from tests.factories import (
    DepartmentFactory,
    EnrollmentFactory,
    IndividualFactory,
    OfferingFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(employer):
    offering = OfferingFactory(employer=employer, kind="networking", title="Spring mixer")
    return SessionFactory(offering=offering, title="Evening drinks")


def register(session, *people):
    for person in people:
        EnrollmentFactory(offering=session.offering, person=person)
        session_register(session=session, person=person, actor=person)


def url(session, csv_=False):
    name = "programs:session-registrations-csv" if csv_ else "programs:session-registrations"
    return reverse(name, args=[session.pk])


def test_hr_sees_who_registered_from_the_offerings_sessions(
    client_for, hr_admin, session, employee
):
    employee.department = DepartmentFactory(employer=employee.employer, name="Finance")
    employee.save()
    register(session, employee)
    client = client_for(hr_admin)
    console = client.get(reverse("programs:manage-offering", args=[session.offering.pk])).text
    assert url(session) in console
    page = client.get(url(session)).text
    assert "1 registered." in page
    assert employee.full_name in page and "Finance" in page and employee.email in page


def test_hr_downloads_the_list_with_formulas_defused(client_for, hr_admin, session, employer):
    person = IndividualFactory(employer=employer, first_name="=HYPERLINK(1)", last_name="Doe")
    register(session, person)
    response = client_for(hr_admin).get(url(session, csv_=True))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["name", "email", "department", "registered_at"]
    assert rows[1][0] == "'=HYPERLINK(1) Doe" and rows[1][1] == person.email


def test_a_groups_lead_sees_who_comes_to_its_event_without_emails(
    client_for, employer, employee, peer
):
    erg = OfferingFactory(employer=employer, kind="erg", title="Parents at work")
    EnrollmentFactory(offering=erg, person=employee, is_lead=True)
    session = SessionFactory(offering=erg, title="Lunch and learn")
    register(session, peer)
    client = client_for(employee)
    assert url(session) in client.get(erg.get_absolute_url()).text
    page = client.get(url(session)).text
    assert peer.full_name in page and peer.email not in page
    assert client.get(url(session, csv_=True)).status_code == 403


@pytest.mark.parametrize(
    "who, status",
    # The partner is not in the offering's audience: told it is not open to them (403).
    [("employee", 403), ("manager", 403), ("peer", 403), ("partner", 403)],
)
def test_people_who_do_not_organise_it_are_refused(
    client_for, request, session, employee, who, status
):
    register(session, employee)
    client = client_for(request.getfixturevalue(who))
    response = client.get(url(session))
    assert response.status_code == status and employee.full_name not in response.text
    assert client.get(url(session, csv_=True)).status_code == 403  # HR only


@pytest.mark.parametrize("who, csv_status", [("outsider", 403), ("outsider_hr", 404)])
def test_another_employer_finds_nothing(client_for, request, session, employee, who, csv_status):
    register(session, employee)
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(session)).status_code == 404
    response = client.get(url(session, csv_=True))
    assert response.status_code == csv_status and employee.full_name not in response.text


def test_a_confidential_offerings_sessions_list_no_one(client_for, hr_admin, employer, employee):
    workshop = OfferingFactory(employer=employer, kind="workshop", is_confidential=True)
    session = SessionFactory(offering=workshop)
    register(session, employee)
    client = client_for(hr_admin)
    console = client.get(reverse("programs:manage-offering", args=[workshop.pk])).text
    assert url(session) not in console and employee.full_name not in console
    for csv_ in (False, True):
        response = client.get(url(session, csv_=csv_))
        assert response.status_code == 403 and employee.full_name not in response.text


@pytest.mark.parametrize("size", [5, 120])
def test_the_list_keeps_its_query_count_flat(
    client_for, hr_admin, session, employer, django_assert_max_num_queries, size
):
    department = DepartmentFactory(employer=employer)
    people = IndividualFactory.create_batch(size, employer=employer, department=department)
    SessionRegistration.objects.bulk_create(
        [SessionRegistration(session=session, person=p) for p in people]
    )
    client = client_for(hr_admin)
    with django_assert_max_num_queries(10):
        response = client.get(url(session))
    assert response.status_code == 200 and f"{size} registered." in response.text
