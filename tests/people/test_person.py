import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, IndividualFactory

pytestmark = pytest.mark.django_db


def detail(person):
    return reverse("people:person-detail", args=[person.pk])


def edit(person):
    return reverse("people:person-edit", args=[person.pk])


def test_hr_sees_a_person_and_their_reports(client_for, hr_admin, manager, employee):
    response = client_for(hr_admin).get(detail(manager))
    assert response.status_code == 200 and employee.full_name in response.text


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach", "mentor"])
def test_non_hr_gets_403(client_for, request, persona, peer):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(detail(peer)).status_code == 403
    assert client.get(edit(peer)).status_code == 403


def test_another_employers_hr_gets_404(client_for, outsider_hr, employee):
    assert client_for(outsider_hr).get(detail(employee)).status_code == 404
    assert client_for(outsider_hr).post(edit(employee), {"job_title": "x"}).status_code == 404


def test_hr_changes_the_reporting_line(client_for, hr_admin, employee, peer):
    dept = DepartmentFactory(employer=hr_admin.employer)
    response = client_for(hr_admin).post(
        edit(employee), {"job_title": "Lead", "department": dept.pk, "manager": peer.pk}
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert (employee.manager, employee.department, employee.job_title) == (peer, dept, "Lead")


def test_a_reporting_loop_is_refused_with_a_message(client_for, hr_admin, manager, employee):
    skip = IndividualFactory(employer=hr_admin.employer, manager=employee)
    response = client_for(hr_admin).post(edit(manager), {"manager": skip.pk})
    assert response.status_code == 400 and "would make a loop" in response.text
    manager.refresh_from_db()
    assert manager.manager is None


def test_a_manager_from_another_employer_is_refused(client_for, hr_admin, employee, outsider):
    response = client_for(hr_admin).post(edit(employee), {"manager": outsider.pk})
    assert "Select a valid choice" in response.text
    employee.refresh_from_db()
    assert employee.manager != outsider


def test_hr_cannot_drop_their_own_hr_role(client_for, hr_admin):
    response = client_for(hr_admin).post(edit(hr_admin), {"job_title": "HR"})
    assert "cannot remove your own" in response.text
    hr_admin.refresh_from_db()
    assert hr_admin.is_hr_admin


def test_a_partner_has_no_reporting_line(client_for, hr_admin, partner):
    assert client_for(hr_admin).get(edit(partner)).status_code == 404


def test_departments_list_and_add(client_for, hr_admin, employee):
    client = client_for(hr_admin)
    assert client.post(reverse("people:department-list"), {"name": "Legal"}).status_code == 302
    response = client.post(reverse("people:department-list"), {"name": "legal"})
    assert "already a department" in response.text
    assert "Legal" in client.get(reverse("people:department-list")).text
    assert client_for(employee).get(reverse("people:department-list")).status_code == 403
