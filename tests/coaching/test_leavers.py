"""A leaver in coaching (`people.person_deactivate`): their own coaching ends, coaching they
give ends with the coachee back in the matching queue, a request waiting for them goes back
to the person, their profile is paused; HR's confirmation page says so in counts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from careersupport.notifications.models import Reminder
from careersupport.people.services import deactivation_consequences, person_deactivate
from coaching import services
from coaching.models import CoachProfile, Engagement, Session
from coaching.services.leavers import coaching_end_for_leaver
from programs.services.enrollment import enrollment_create
from tests.factories import CoachingSessionFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def told(recipient):
    return Reminder.objects.filter(recipient=recipient, kind="coaching.engagement_ended").get()


def test_a_coachee_who_leaves_has_coaching_and_booked_sessions_cancelled(
    engagement, employee, hr_admin
):
    session = CoachingSessionFactory(engagement=engagement)
    person_deactivate(person=employee, actor=hr_admin)
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.CANCELLED and engagement.ended_at
    assert Session.objects.get(pk=session.pk).status == Session.Status.CANCELLED
    assert "has left" in told(engagement.coach).title


def test_a_coach_who_leaves_is_paused_and_their_coachee_waits_for_another(
    employer, employee, coach_profile, hr_admin
):
    offering = OfferingFactory(employer=employer, kind="coaching", title="Coaching 2027")
    enrollment = enrollment_create(offering=offering, person=employee, actor=employee)
    engagement = services.engagement_assign(
        actor=hr_admin, coach=coach_profile.individual, enrollment=enrollment
    )
    services.engagement_answer(engagement=engagement, actor=coach_profile.individual, accept=True)
    person_deactivate(person=coach_profile.individual, actor=hr_admin)
    engagement.refresh_from_db()
    enrollment.refresh_from_db()
    coach_profile.refresh_from_db()
    assert engagement.status == Engagement.Status.CANCELLED
    assert enrollment.status == "enrolled" and enrollment.handoff_status == "waiting"
    assert coach_profile.status == CoachProfile.Status.PAUSED
    assert "ask for another coach" in told(employee).title


def test_a_request_waiting_for_a_coach_who_leaves_goes_back_to_the_person(
    employee, coach_profile, hr_admin
):
    coach = coach_profile.individual
    engagement = services.engagement_request(
        person=employee, actor=employee, topics=["interview"], languages=["en"]
    )
    services.engagement_choose(engagement=engagement, actor=employee, coach=coach)
    person_deactivate(person=coach, actor=hr_admin)
    engagement.refresh_from_db()
    assert engagement.choosing and engagement.coach is None
    assert Reminder.objects.get(kind="coaching.request_new").state == "cancelled"
    answer = Reminder.objects.get(kind="coaching.request_answered", recipient=employee)
    assert "choose another coach" in answer.title


def test_ending_twice_finds_nothing_left(engagement, employee, hr_admin):
    assert coaching_end_for_leaver(person=employee, actor=hr_admin) == 1
    assert coaching_end_for_leaver(person=employee, actor=hr_admin) == 0


def test_the_confirmation_page_counts_coaching_without_its_topics(engagement, hr_admin):
    lines = " ".join(deactivation_consequences(engagement.coach))
    assert "The coaching they give one person is cancelled" in lines
    assert "coach profile is paused" in lines
    assert "interview" not in lines.lower()


def test_only_hr_of_the_employer_ends_a_leavers_coaching(engagement, employee, outsider_hr):
    with pytest.raises(PermissionDenied):
        coaching_end_for_leaver(person=employee, actor=outsider_hr)
    assert Engagement.objects.get(pk=engagement.pk).status == Engagement.Status.ACTIVE
