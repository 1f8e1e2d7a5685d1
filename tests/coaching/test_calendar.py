"""Coaching sessions in the person's existing calendar feed and as a file per session."""

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from coaching import services
from programs.services.events import calendar_feed_for
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def events_of(client, person):
    body = client.get(calendar_feed_for(person).get_absolute_url()).content
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_the_feed_lists_programme_and_coaching_sessions_for_both_sides(client, engagement, slot):
    event = SessionFactory(offering=OfferingFactory(employer=engagement.employer))
    EnrollmentFactory(offering=event.offering, person=engagement.coachee)
    from programs.models import SessionRegistration

    SessionRegistration.objects.create(session=event, person=engagement.coachee)
    session = services.session_book(engagement=engagement, actor=engagement.coachee, starts_at=slot)
    mine = events_of(client, engagement.coachee)
    uid = f"coaching-session-{session.pk}@careersupport"
    assert {uid, f"session-{event.pk}@careersupport"} <= set(mine)
    assert str(mine[uid]["summary"]) == f"Coaching session with {engagement.coach.full_name}"
    assert mine[uid]["dtstart"].dt == slot
    theirs = events_of(client, engagement.coach)
    assert str(theirs[uid]["summary"]) == f"Coaching session with {engagement.coachee.full_name}"


def test_a_moved_session_has_a_new_sequence_and_a_cancelled_one_is_marked(client, engagement, slot):
    session = services.session_book(engagement=engagement, actor=engagement.coachee, starts_at=slot)
    services.session_reschedule(
        session=session, actor=engagement.coach, starts_at=slot + timedelta(hours=1)
    )
    uid = f"coaching-session-{session.pk}@careersupport"
    assert events_of(client, engagement.coachee)[uid]["sequence"] == 1
    services.session_cancel(session=session, actor=engagement.coach)
    assert str(events_of(client, engagement.coachee)[uid]["status"]) == "CANCELLED"


def test_each_session_has_its_own_ics(client_for, engagement, slot):
    session = services.session_book(engagement=engagement, actor=engagement.coachee, starts_at=slot)
    response = client_for(engagement.coachee).get(
        reverse("coaching:session-ics", args=[session.pk])
    )
    assert response["Content-Type"] == "text/calendar"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(hours=1)
