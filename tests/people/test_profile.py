import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("people:profile")


def test_everyone_edits_their_own_profile(client_for, partner):
    response = client_for(partner).post(
        URL,
        {
            "preferred_name": "Patti",
            "time_zone": "America/Chicago",
            "notification_email": "p@home.test",
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.preferred_name, partner.time_zone, partner.contact_email) == (
        "Patti",
        "America/Chicago",
        "p@home.test",
    )
    assert AuditEvent.objects.filter(verb="profile.updated", target_id=partner.pk).exists()


def test_bad_time_zone_is_a_form_error(client_for, employee):
    response = client_for(employee).post(URL, {"time_zone": "Atlantis/Capital"})
    assert response.status_code == 400 and "Select a valid choice" in response.text
    employee.refresh_from_db()
    assert employee.time_zone == "Europe/Berlin"


def test_pages_render_in_my_time_zone(client_for, employee):
    employee.time_zone = "Asia/Tokyo"
    employee.save()
    client_for(employee).get(URL)
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"


def test_anonymous_is_sent_to_login(client):
    assert reverse("account_login") in client.get(URL)["Location"]


def test_a_login_without_an_employer_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("admin@ops.test", "x")
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("home")).status_code == 403


def test_the_time_zone_list_has_mine_chosen_and_every_zone(client_for, employee):
    text = client_for(employee).get(URL).text
    assert f'<option value="{employee.time_zone}" selected>' in text
    assert text.count(" selected>") == 1 and text.count("<option") > 400
