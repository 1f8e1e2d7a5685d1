"""A refused people form answers 400 with the problem beside its field."""

import pytest
from django.urls import reverse

from careersupport.people.models import Partnership

pytestmark = pytest.mark.django_db


def test_a_department_without_a_name_answers_400(client_for, hr_admin):
    response = client_for(hr_admin).post(reverse("people:department-list"), {"name": ""})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.text


def test_a_bad_partner_invitation_answers_400_and_keeps_the_name(client_for, employee):
    response = client_for(employee).post(
        reverse("people:partner"), {"email": "not-an-address", "first_name": "Sam"}
    )
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.text and 'value="Sam"' in response.text


def test_sharing_before_the_partner_accepts_is_refused_on_the_page(client_for, employee, partner):
    Partnership.objects.update(status=Partnership.Status.INVITED)
    response = client_for(employee).post(reverse("people:partner-sharing"), {"shares_goals": "on"})
    assert response.status_code == 400
    assert "Sharing can be set once the partnership is active." in response.text
    assert not Partnership.objects.get().employee_shares_goals
