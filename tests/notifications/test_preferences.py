from datetime import time

import pytest
from django.urls import reverse

from careersupport.notifications.forms import email_kind_choices
from careersupport.notifications.models import NotificationPreference
from careersupport.people.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")


def save(client, **data):
    form = {"email_kinds": ["tests.nudge"], "digest_time": "08:00", **data}
    return client.post(URL, form)


def test_it_shows_every_kind_ticked_by_default(client_for, employee):
    response = client_for(employee).get(URL)
    assert response.status_code == 200
    choices = {kind for kind, _ in email_kind_choices()}
    assert set(response.context["form"]["email_kinds"].initial) == choices
    assert {"tests.other", "tests.nudge"} <= choices
    assert "Europe/Berlin" in response.text


def test_it_saves_email_off_quiet_hours_and_digest(client_for, employee):
    response = save(
        client_for(employee),
        quiet_start="22:00",
        quiet_end="07:00",
        digest="on",
        digest_time="17:30",
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(recipient=employee)
    assert "tests.other" in preference.email_off_kinds
    assert "tests.nudge" not in preference.email_off_kinds
    assert (preference.quiet_start, preference.quiet_end) == (time(22), time(7))
    assert preference.digest and preference.digest_time == time(17, 30)
    assert AuditEvent.objects.filter(verb="notification_preference.update").exists()


def test_it_refuses_half_quiet_hours_beside_the_field(client_for, employee):
    response = save(client_for(employee), quiet_start="22:00")
    assert response.status_code == 400
    assert response.context["form"].errors == {"quiet_end": ["Give both times, or neither."]}
    assert not NotificationPreference.objects.exists()


def test_it_refuses_quiet_hours_that_end_when_they_start(client_for, employee):
    response = save(client_for(employee), quiet_start="22:00", quiet_end="22:00")
    assert "quiet_end" in response.context["form"].errors


def test_it_refuses_a_kind_that_does_not_exist(client_for, employee):
    response = client_for(employee).post(URL, {"email_kinds": ["bogus"], "digest_time": "08:00"})
    assert "email_kinds" in response.context["form"].errors


def test_each_person_edits_only_their_own(client_for, employee, manager):
    save(client_for(manager), email_kinds=[])
    assert NotificationPreference.objects.get().recipient == manager


def test_it_is_linked_from_the_profile_and_the_inbox(client_for, employee):
    client = client_for(employee)
    assert URL in client.get(reverse("people:profile")).text
    assert URL in client.get(reverse("notifications:inbox")).text


def test_it_needs_a_signed_in_person(client):
    assert client.get(URL).status_code == 302
