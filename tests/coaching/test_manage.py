"""HR's console: invite and add coaches, coach invitations with resend, settings, the pool,
assigning people who wait, the CSV."""

import pytest
from django.core import mail
from django.urls import reverse

from careersupport.people.models import Individual, Invitation
from coaching.models import CoachingSettings, CoachProfile, Engagement
from programs.services.enrollment import enrollment_create
from tests.factories import EngagementFactory, NoteFactory, OfferingFactory

pytestmark = pytest.mark.django_db

INVITE = {
    "email": "ana.coach@example.test",
    "first_name": "Ana",
    "last_name": "Reis",
    "provider_name": "Bright Path Coaching",
    "time_zone": "Europe/Lisbon",
    "specialties": ["salary", "interview"],
    "languages": ["pt", "en"],
    "capacity": "5",
    "coaches_partners": "on",
}


def test_hr_invites_an_external_coach_who_gets_the_sign_up_link(
    client_for, hr_admin, deliver_invitations
):
    response = client_for(hr_admin).post(reverse("coaching:manage-invite"), INVITE)
    assert response.status_code == 302
    person = Individual.objects.get(email="ana.coach@example.test")
    assert person.kind == "external" and person.time_zone == "Europe/Lisbon"
    profile = CoachProfile.objects.get(individual=person)
    assert profile.provider_name == "Bright Path Coaching" and profile.languages == ["pt", "en"]
    invitation = Invitation.objects.get(individual=person)
    # People's outbox sends it after the commit, as for an employee.
    assert deliver_invitations() == {"sent": 1}
    assert len(mail.outbox) == 1 and invitation.key in mail.outbox[0].body


def test_coach_invitations_are_listed_and_resent_from_the_console(
    client_for, hr_admin, deliver_invitations
):
    client = client_for(hr_admin)
    client.post(reverse("coaching:manage-invite"), INVITE)
    deliver_invitations()
    invitation = Invitation.objects.get()
    assert "ana.coach@example.test" in client.get(reverse("coaching:manage-invitations")).text
    response = client.post(reverse("coaching:manage-invitation-resend", args=[invitation.pk]))
    assert response.status_code == 302
    deliver_invitations()
    assert len(mail.outbox) == 2 and Invitation.objects.get().send_count == 2


def test_employee_invitations_are_not_resent_from_the_coaching_console(
    client_for, hr_admin, employer
):
    from tests.factories import InvitationFactory

    invitation = InvitationFactory(individual__employer=employer)
    response = client_for(hr_admin).post(
        reverse("coaching:manage-invitation-resend", args=[invitation.pk])
    )
    assert response.status_code == 404 and invitation.send_count == 0


def test_an_invited_coach_who_signs_up_becomes_a_coach(client, client_for, hr_admin):
    client_for(hr_admin).post(reverse("coaching:manage-invite"), INVITE)
    invitation = Invitation.objects.get()
    client.get(reverse("people:invitation-accept", args=[invitation.key]))
    password = "a-long-new-password-93"
    client.post(
        reverse("account_signup"),
        {"email": invitation.email, "password1": password, "password2": password},
    )
    person = Individual.objects.get(email=invitation.email)
    assert person.user is not None
    assert client.get(reverse("coaching:coach")).status_code == 200


def test_hr_makes_an_employee_a_coach(client_for, hr_admin, mentor):
    response = client_for(hr_admin).post(
        reverse("coaching:manage-add"),
        {"email": mentor.email.upper(), "languages": ["en"], "capacity": "2"},
    )
    assert response.status_code == 302
    assert CoachProfile.objects.get().individual == mentor


def test_hr_pauses_a_coach_and_names_the_provider(client_for, hr_admin, coach_profile):
    response = client_for(hr_admin).post(
        reverse("coaching:manage-coach", args=[coach_profile.pk]),
        {
            "languages": ["en"],
            "time_zone": "Europe/Berlin",
            "session_minutes": "60",
            "capacity": "6",
            "status": "paused",
            "provider_name": "New Path Ltd",
        },
    )
    assert response.status_code == 302
    profile = CoachProfile.objects.get()
    assert (profile.status, profile.provider_name) == ("paused", "New Path Ltd")


def test_hr_sets_the_employer_s_coaching_rules(client_for, hr_admin):
    client_for(hr_admin).post(
        reverse("coaching:manage-settings"),
        {"notice_hours": "48", "sessions_default": "8"},
    )
    settings = CoachingSettings.objects.get()
    assert (settings.direct_requests, settings.notice_hours, settings.sessions_default) == (
        False,
        48,
        8,
    )


def test_the_pool_shows_load_and_utilisation(client_for, hr_admin, coach_profile, engagement):
    page = client_for(hr_admin).get(reverse("coaching:manage")).text
    assert coach_profile.individual.full_name in page
    assert "1 / 6" in page and "0 held /" in page


def test_hr_assigns_a_waiting_enrollment_from_the_page(
    client_for, hr_admin, employee, coach_profile
):
    offering = OfferingFactory(employer=employee.employer, kind="coaching", title="Grow 2027")
    enrollment = enrollment_create(offering=offering, person=employee, actor=employee)
    client = client_for(hr_admin)
    waiting = client.get(reverse("coaching:manage-waiting")).text
    assert employee.full_name in waiting and "Grow 2027" in waiting
    url = reverse("coaching:manage-assign-enrollment", args=[enrollment.pk])
    assert coach_profile.individual.full_name in client.get(url).text
    client.post(url, {"coach": coach_profile.individual_id})
    engagement = Engagement.objects.get()
    assert engagement.awaiting_coach and engagement.assigned_by == hr_admin


def test_the_engagements_csv_holds_records_and_no_notes(client_for, hr_admin, engagement):
    NoteFactory(engagement=engagement, text="Wants to leave by summer")
    body = client_for(hr_admin).get(reverse("coaching:manage-engagements-csv")).content.decode()
    assert engagement.coachee.full_name in body and "Active" in body
    assert "leave by summer" not in body


def test_the_engagement_list_filters_by_state(client_for, hr_admin, employer):
    EngagementFactory(coachee__employer=employer, coachee__last_name="Actively")
    EngagementFactory(coachee__employer=employer, coachee__last_name="Donewith", status="completed")
    page = client_for(hr_admin).get(reverse("coaching:manage-engagements"), {"status": "completed"})
    assert "Donewith" in page.text and "Actively" not in page.text
