import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, IndividualFactory

pytestmark = pytest.mark.django_db
URL = reverse("people:directory")


def test_it_lists_people_of_my_employer_only(client_for, hr_admin, employee, outsider):
    response = client_for(hr_admin).get(URL)
    assert response.status_code == 200
    assert employee.email in response.text
    assert outsider.email not in response.text


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach", "outsider_hr"])
def test_it_refuses_everyone_but_hr(client_for, persona, request, hr_admin):
    person = request.getfixturevalue(persona)
    response = client_for(person).get(URL)
    if persona == "outsider_hr":
        assert hr_admin.email not in response.text
    else:
        assert response.status_code == 403


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_searches_and_filters(client_for, hr_admin, employee, manager, peer):
    dept = DepartmentFactory(employer=hr_admin.employer, name="Research")
    peer.department = dept
    peer.save()
    client = client_for(hr_admin)
    assert peer.email in client.get(URL, {"department": dept.pk}).text
    assert employee.email not in client.get(URL, {"department": dept.pk}).text
    assert employee.email in client.get(URL, {"q": employee.last_name}).text
    assert manager.email not in client.get(URL, {"manager": manager.pk}).text
    assert employee.email in client.get(URL, {"manager": manager.pk}).text
    assert employee.email not in client.get(URL, {"kind": "partner"}).text


def test_it_ignores_a_filter_from_another_employer(client_for, hr_admin, outsider):
    response = client_for(hr_admin).get(URL, {"manager": outsider.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


@pytest.mark.parametrize("size", [10, 200])
def test_it_keeps_query_count_flat(client_for, hr_admin, django_assert_max_num_queries, size):
    dept = DepartmentFactory(employer=hr_admin.employer)
    boss = IndividualFactory(employer=hr_admin.employer, department=dept)
    IndividualFactory.create_batch(size, employer=hr_admin.employer, department=dept, manager=boss)
    client = client_for(hr_admin)
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"page": 2})
    assert response.status_code == 200
