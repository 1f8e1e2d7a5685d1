import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("home")


def test_anonymous_goes_to_login(client):
    assert reverse("account_login") in client.get(URL)["Location"]


def test_hr_sees_the_organisation_and_hr_navigation(client_for, hr_admin, employee):
    response = client_for(hr_admin).get(URL)
    assert "Your organisation" in response.text
    assert f'href="{reverse("people:directory")}"' in response.text


def test_an_employee_sees_no_hr_navigation(client_for, employee):
    response = client_for(employee).get(URL)
    assert response.status_code == 200
    assert f'href="{reverse("people:directory")}"' not in response.text
    assert "Your partner" in response.text


def test_a_manager_sees_their_team(client_for, manager, employee):
    response = client_for(manager).get(URL)
    assert "Your team" in response.text and employee.full_name in response.text


def test_a_partner_sees_their_partnership_only(client_for, partner, employee, manager):
    response = client_for(partner).get(URL)
    assert "Your partnership" in response.text and employee.full_name in response.text
    assert manager.full_name not in response.text and "Your team" not in response.text
