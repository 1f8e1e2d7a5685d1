"""Bad input answers 400 with the message beside the field, and writes nothing."""

import pytest
from django.urls import reverse

from careersupport.people.models import Individual
from coaching.models import (
    AvailabilityWindow,
    CoachingSettings,
    CoachProfile,
    Engagement,
    Note,
    Session,
)

pytestmark = pytest.mark.django_db


def error_beside(response, field_id, text):
    """The message is in the field's own error element."""
    html = response.content.decode()
    marker = f'id="{field_id}_error">'
    assert response.status_code == 400
    assert marker in html, field_id
    assert text in html.split(marker, 1)[1].split("</small>", 1)[0]


def test_the_intake_needs_a_language(client_for, employee):
    response = client_for(employee).post(reverse("coaching:intake"), {"topics": ["interview"]})
    error_beside(response, "id_languages", "This field is required")
    assert not Engagement.objects.exists()


def test_the_intake_refuses_an_unknown_topic(client_for, employee):
    response = client_for(employee).post(
        reverse("coaching:intake"), {"topics": ["astrology"], "languages": ["en"]}
    )
    error_beside(response, "id_topics", "Select a valid choice")
    assert not Engagement.objects.exists()


def test_a_shortlist_of_four_is_refused(client_for, employee, employer):
    from tests.factories import CoachProfileFactory

    from .conftest import workday_windows

    coaches = [CoachProfileFactory(individual__employer=employer) for _ in range(4)]
    for c in coaches:
        workday_windows(c)
    client = client_for(employee)
    client.post(reverse("coaching:intake"), {"languages": ["en"]})
    engagement = Engagement.objects.get()
    response = client.post(
        reverse("coaching:suggestions", args=[engagement.pk]),
        {"coaches": [c.individual_id for c in coaches], "action": "shortlist"},
    )
    # The choice spans the coaches' cards: its message is in the page's error summary, and
    # the boxes stay as ticked, so that unticking one is enough to try again.
    assert response.status_code == 400
    summary = response.text.split("data-error-summary>", 1)[1].split("</div>")[0]
    assert "one to three" in summary
    for c in coaches:
        assert f'value="{c.individual_id}" id="pick-{c.individual_id}" checked' in response.text
    assert not engagement.shortlist.exists()


def test_a_decline_without_a_message_is_refused(client_for, employee, coach, coach_profile):
    engagement = Engagement.objects.create(
        employer=employee.employer, coachee=employee, coach=coach, languages=["en"]
    )
    response = client_for(coach).post(
        reverse("coaching:answer", args=[engagement.pk]), {"decision": "decline"}
    )
    error_beside(response, "id_message", "Tell the person why")
    assert Engagement.objects.get().coach == coach


def test_a_window_that_ends_before_it_starts_is_refused(client_for, coach, coach_profile):
    before = AvailabilityWindow.objects.count()
    response = client_for(coach).post(
        reverse("coaching:availability"),
        {
            "form": "window",
            "window-weekday": "5",
            "window-starts_at": "14:00",
            "window-ends_at": "13:00",
        },
    )
    error_beside(response, "id_window-ends_at", "must end after it starts")
    assert AvailabilityWindow.objects.count() == before


def test_an_overlapping_window_is_refused(client_for, coach, coach_profile):
    response = client_for(coach).post(
        reverse("coaching:availability"),
        {
            "form": "window",
            "window-weekday": "0",
            "window-starts_at": "16:00",
            "window-ends_at": "18:00",
        },
    )
    error_beside(response, "id_window-starts_at", "overlaps your window")


def test_extra_time_needs_its_hours(client_for, coach, coach_profile):
    from django.utils import timezone

    response = client_for(coach).post(
        reverse("coaching:availability"),
        {
            "form": "exception",
            "exception-date": timezone.localdate().isoformat(),
            "exception-kind": "extra",
        },
    )
    error_beside(response, "id_exception-starts_at", "Extra time needs its hours")
    assert not coach_profile.exceptions.exists()


def test_an_empty_note_is_refused(client_for, engagement):
    response = client_for(engagement.coach).post(
        reverse("coaching:note-create", args=[engagement.pk]),
        {"text": "  ", "visibility": "shared"},
    )
    error_beside(response, "id_text", "This field is required")
    assert not Note.objects.exists()


def test_a_made_up_time_is_refused(client_for, engagement):
    response = client_for(engagement.coachee).post(
        reverse("coaching:book", args=[engagement.pk]), {"starts_at": "tomorrow at ten"}
    )
    assert response.status_code == 400 and "Choose one of the times shown" in response.text
    assert not Session.objects.exists()


def test_an_external_coach_needs_a_provider(client_for, hr_admin):
    response = client_for(hr_admin).post(
        reverse("coaching:manage-invite"),
        {
            "email": "new.coach@example.test",
            "first_name": "Nia",
            "provider_name": "",
            "time_zone": "Europe/Paris",
            "languages": ["en"],
            "capacity": "4",
        },
    )
    error_beside(response, "id_provider_name", "This field is required")
    assert not Individual.objects.filter(email="new.coach@example.test").exists()


def test_an_internal_coach_must_be_an_employee_here(client_for, hr_admin, outsider):
    response = client_for(hr_admin).post(
        reverse("coaching:manage-add"),
        {"email": outsider.email, "languages": ["en"], "capacity": "2"},
    )
    error_beside(response, "id_email", "No active employee")
    assert not CoachProfile.objects.exists()


def test_settings_refuse_a_notice_over_two_weeks(client_for, hr_admin):
    response = client_for(hr_admin).post(
        reverse("coaching:manage-settings"),
        {"direct_requests": "on", "notice_hours": "400", "sessions_default": "6"},
    )
    error_beside(response, "id_notice_hours", "At most two weeks")
    assert not CoachingSettings.objects.exists()


def test_a_capacity_of_zero_is_refused_on_the_coach_profile(client_for, coach, coach_profile):
    response = client_for(coach).post(
        reverse("coaching:coach-profile"),
        {
            "languages": ["en"],
            "time_zone": "Europe/Berlin",
            "session_minutes": "60",
            "capacity": "0",
            "status": "active",
        },
    )
    error_beside(response, "id_capacity", "At least one coachee")
    assert CoachProfile.objects.get().capacity == 6
