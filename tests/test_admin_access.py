"""The Django admin is the operators': usable by a staff login of no employer, closed to
HR admins (even with "staff" ticked), and its lists name nobody in a confidential offering."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from careersupport.notifications.services import reminder_schedule
from programs.services.enrollment import enrollment_create
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return get_user_model().objects.create_user(
        email="ops@example.test", password="x", is_staff=True, is_superuser=True
    )


def test_an_operator_uses_the_admin(operator):
    client = Client()
    client.force_login(operator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:programs_offering_changelist")).status_code == 200


def test_an_hr_admin_stays_out_even_as_staff(hr_admin):
    hr_admin.user.is_staff = hr_admin.user.is_superuser = True
    hr_admin.user.save()
    client = Client()
    client.force_login(hr_admin.user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.fixture
def in_the_eap(employer, employee):
    eap = OfferingFactory(employer=employer, kind="eap", is_confidential=True, title="Help line")
    enrollment_create(offering=eap, person=employee, actor=employee)
    reminder_schedule(
        recipient=employee,
        kind="programs.enrollment_approved",
        key="programs.enrollment_approved:1:20300101T000000000000Z",
        due_at=eap.created_at,
        title="You are enrolled in Help line",
        confidential=True,
    )
    return employee


@pytest.mark.parametrize(
    "changelist",
    [
        "programs_enrollment",
        "programs_sessionregistration",
        "notifications_reminder",
        "notifications_notification",
        "people_auditevent",
    ],
)
def test_admin_lists_name_nobody_in_a_confidential_offering(operator, in_the_eap, changelist):
    client = Client()
    client.force_login(operator)
    text = client.get(reverse(f"admin:{changelist}_changelist")).text
    assert in_the_eap.full_name not in text and "Help line" not in text


def test_the_demo_has_an_operator_for_the_admin():
    call_command("seed_demo", stdout=io.StringIO())
    client = Client()
    assert client.login(username="operator@example.com", password="careers-demo-2026")
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:people_individual_changelist")).status_code == 200


def test_an_operator_opening_the_app_is_pointed_to_the_admin(operator):
    client = Client()
    client.force_login(operator)
    response = client.get("/")
    assert response.status_code == 403
    assert 'href="/admin/"' in response.text
