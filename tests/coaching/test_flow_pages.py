"""The flow through the pages: intake, suggestions, choosing, answering, booking, notes,
goals, outcomes and ratings, each a POST with its message and redirect."""

from datetime import timedelta

import pytest
from django.urls import reverse

from careersupport.goals.models import GoalLink
from coaching.models import Engagement, Note, Session, SessionFeedback
from tests.factories import CoachingSessionFactory, GoalFactory

pytestmark = pytest.mark.django_db

INTAKE = {"topics": ["interview", "resume"], "languages": ["en"], "preferred_times": ["morning"]}


def test_the_intake_leads_to_suggestions_with_reasons(client_for, employee, coach_profile):
    client = client_for(employee)
    response = client.post(reverse("coaching:intake"), INTAKE)
    engagement = Engagement.objects.get(coachee=employee)
    assert response.url == reverse("coaching:suggestions", args=[engagement.pk])
    page = client.get(response.url).text
    assert coach_profile.individual.full_name in page
    assert "2 of 2 topics · speaks English · same time zone" in page


def test_asking_a_coach_from_the_suggestions(client_for, employee, coach_profile):
    client = client_for(employee)
    client.post(reverse("coaching:intake"), INTAKE)
    engagement = Engagement.objects.get(coachee=employee)
    response = client.post(
        reverse("coaching:suggestions", args=[engagement.pk]),
        {"choose": coach_profile.individual_id},
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.awaiting_coach and engagement.coach_id == coach_profile.individual_id


def test_the_coach_accepts_on_the_answer_page(client_for, employee, coach, coach_profile):
    engagement = Engagement.objects.create(
        employer=employee.employer, coachee=employee, coach=coach, languages=["en"]
    )
    response = client_for(coach).post(
        reverse("coaching:answer", args=[engagement.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    assert Engagement.objects.get().status == "active"


def test_booking_a_slot_from_the_booking_page(client_for, engagement, slot):
    client = client_for(engagement.coachee)
    page = client.get(reverse("coaching:book", args=[engagement.pk])).text
    offered = slot.astimezone(engagement.coachee.tzinfo).isoformat()
    assert f'value="{offered}"' in page
    response = client.post(reverse("coaching:book", args=[engagement.pk]), {"starts_at": offered})
    session = Session.objects.get()
    assert response.url == session.get_absolute_url() and session.starts_at == slot


def test_a_slot_taken_meanwhile_is_explained_not_a_server_error(client_for, engagement, slot):
    CoachingSessionFactory(engagement=engagement, starts_at=slot)
    response = client_for(engagement.coachee).post(
        reverse("coaching:book", args=[engagement.pk]), {"starts_at": slot.isoformat()}
    )
    assert response.status_code == 400
    assert "That time is not free any more" in response.text
    assert Session.objects.count() == 1


def test_the_slots_are_shown_in_the_viewers_time_zone(client_for, engagement, slot):
    engagement.coachee.time_zone = "America/New_York"
    engagement.coachee.save()
    page = client_for(engagement.coachee).get(reverse("coaching:book", args=[engagement.pk])).text
    local = slot.astimezone(engagement.coachee.tzinfo)
    assert f'at {local:%H:%M}"' in page  # 10:00 in Berlin is 04:00 or 05:00 in New York


def test_notes_are_written_on_the_engagement_page(client_for, engagement):
    url = reverse("coaching:note-create", args=[engagement.pk])
    client_for(engagement.coach).post(url, {"text": "Private view", "visibility": "private"})
    client_for(engagement.coachee).post(url, {"text": "My action", "visibility": "private"})
    assert sorted(Note.objects.values_list("text", "visibility")) == [
        ("My action", "shared"),  # a coachee's note is always shared
        ("Private view", "private"),
    ]


def test_the_coachee_shares_goals_with_the_coach(client_for, engagement):
    goal = GoalFactory(owner=engagement.coachee)
    client_for(engagement.coachee).post(
        reverse("coaching:goals", args=[engagement.pk]), {"goals": [goal.pk]}
    )
    assert GoalLink.objects.get().individual == engagement.coach
    page = client_for(engagement.coach).get(engagement.get_absolute_url()).text
    assert goal.title in page


def test_the_coach_marks_held_and_the_coachee_rates(client_for, engagement):
    past = CoachingSessionFactory(
        engagement=engagement, starts_at=(engagement.created_at - timedelta(days=2))
    )
    client_for(engagement.coach).post(
        reverse("coaching:session-outcome", args=[past.pk]), {"outcome": "held"}
    )
    assert Session.objects.get().status == "held"
    response = client_for(engagement.coachee).post(
        reverse("coaching:session-rate", args=[past.pk]), {"rating": "5", "comment": "Great"}
    )
    assert response.status_code == 302 and SessionFeedback.objects.get().rating == 5


def test_cancelling_a_session_asks_first_then_cancels(client_for, engagement, slot):
    session = CoachingSessionFactory(engagement=engagement, starts_at=slot)
    url = reverse("coaching:session-cancel", args=[session.pk])
    client = client_for(engagement.coachee)
    assert "Cancel the session" in client.get(url).text
    assert Session.objects.get().status == "booked"
    client.post(url)
    assert Session.objects.get().status == "cancelled"


def test_moving_a_session_from_its_page(client_for, engagement, slot):
    session = CoachingSessionFactory(engagement=engagement, starts_at=slot)
    later = slot + timedelta(hours=2)
    client_for(engagement.coach).post(
        reverse("coaching:session-move", args=[session.pk]), {"starts_at": later.isoformat()}
    )
    assert Session.objects.get().starts_at == later


def test_completing_asks_first(client_for, engagement):
    url = reverse("coaching:complete", args=[engagement.pk])
    assert "Complete coaching" in client_for(engagement.coach).get(url).text
    client_for(engagement.coach).post(url)
    assert Engagement.objects.get().status == "completed"
