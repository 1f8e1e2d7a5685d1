"""A leaver in mentorship (`people.person_deactivate`): their pairs close on either side,
requests waiting on them close, their mentor profile is paused, they leave an open run's
proposal; HR's confirmation page counts it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from careersupport.goals.models import GoalLink
from careersupport.notifications.models import Reminder
from careersupport.people.services import deactivation_consequences, person_deactivate
from mentorship import services
from mentorship.models import MentorProfile, Mentorship, MentorshipRequest
from mentorship.services.leavers import mentorship_end_for_leaver
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_a_mentor_who_leaves_closes_the_pair_and_the_mentee_waits_again(
    mentorship, mentor, employee, hr_admin, waiting
):
    person_deactivate(person=mentor, actor=hr_admin)
    mentorship.refresh_from_db()
    waiting.refresh_from_db()
    assert mentorship.status == Mentorship.Status.CLOSED and mentorship.closed_by == hr_admin
    assert "left" in mentorship.close_reason
    assert waiting.handoff_status == "waiting"
    assert MentorProfile.objects.get(person=mentor).paused
    assert Reminder.objects.filter(
        recipient=employee, kind="mentorship.feedback_requested"
    ).exists()


def test_a_mentee_who_leaves_ends_the_mentors_sight_of_their_goals(
    programme, employee, mentor_profile, waiting, hr_admin
):
    goal = GoalFactory(owner=employee)
    pair = services.mentorship_create(
        programme=programme,
        mentee=employee,
        mentor=mentor_profile.person,
        actor=None,
        source="run",
    )
    services.goals_set(mentorship=pair, actor=employee, goals=[goal])
    assert GoalLink.objects.filter(goal=goal, ended_at__isnull=True).exists()
    person_deactivate(person=employee, actor=hr_admin)
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.CLOSED
    assert not GoalLink.objects.filter(goal=goal, ended_at__isnull=True).exists()


def test_a_request_waiting_on_a_mentor_who_leaves_is_declined_with_a_word(
    programme, employee, mentor_profile, waiting, hr_admin
):
    request = services.request_create(
        programme=programme, mentee=employee, mentor=mentor_profile, actor=employee, message="Hi"
    )
    person_deactivate(person=mentor_profile.person, actor=hr_admin)
    request.refresh_from_db()
    assert request.status == MentorshipRequest.Status.DECLINED and "has left" in request.response
    assert Reminder.objects.get(kind="mentorship.request_new").state == "cancelled"
    told = Reminder.objects.get(kind="mentorship.request_decided", recipient=employee)
    assert "ask another mentor" in told.title


def test_a_leaver_leaves_an_open_runs_proposal(
    programme, employee, mentor_profile, waiting, hr_admin
):
    run = services.run_start(programme=programme, actor=hr_admin)
    assert run.proposals.get(mentee=employee).mentor == mentor_profile.person
    person_deactivate(person=mentor_profile.person, actor=hr_admin)
    proposal = run.proposals.get(mentee=employee)
    assert proposal.mentor is None and "has left" in proposal.unmatched_reason


def test_ending_twice_finds_nothing_left(mentorship, mentor, hr_admin):
    assert mentorship_end_for_leaver(person=mentor, actor=hr_admin) == 1
    assert mentorship_end_for_leaver(person=mentor, actor=hr_admin) == 0


def test_the_confirmation_page_counts_mentorships(mentorship, mentor):
    lines = " ".join(deactivation_consequences(mentor))
    assert "Their 1 mentorship closes" in lines and "mentor profile is paused" in lines


def test_only_hr_of_the_employer_ends_a_leavers_mentorships(mentorship, mentor, outsider_hr):
    with pytest.raises(PermissionDenied):
        mentorship_end_for_leaver(person=mentor, actor=outsider_hr)
    assert Mentorship.objects.get(pk=mentorship.pk).status == Mentorship.Status.ACTIVE
