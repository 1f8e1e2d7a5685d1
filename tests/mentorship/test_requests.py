"""A mentee asks a mentor; the mentor accepts or declines; the mentee may withdraw."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.goals.models import GoalLink
from careersupport.notifications.models import Reminder
from mentorship import services
from mentorship.models import Mentorship, MentorshipRequest
from programs.models import Enrollment
from tests.factories import GoalFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(programme, employee, mentor_profile, waiting):
    return services.request_create(
        programme=programme,
        mentee=employee,
        mentor=mentor_profile,
        actor=employee,
        message="Help me lead.",
    )


def test_a_request_tells_the_mentor_now_and_again_after_three_days(request_, mentor):
    kinds = dict(Reminder.objects.filter(recipient=mentor).values_list("kind", "due_at"))
    assert kinds["mentorship.request_waiting"] - kinds["mentorship.request_new"] == __import__(
        "datetime"
    ).timedelta(days=3)


def test_a_request_needs_a_waiting_enrollment(programme, employee, mentor_profile):
    with pytest.raises(ValidationError, match="enroll in it"):
        services.request_create(
            programme=programme,
            mentee=employee,
            mentor=mentor_profile,
            actor=employee,
            message="Hi",
        )


def test_nobody_can_ask_their_own_manager(programme, employee, manager, waiting):
    boss = MentorProfileFactory(person=manager)
    with pytest.raises(ValidationError, match="reporting line"):
        services.request_create(
            programme=programme, mentee=employee, mentor=boss, actor=employee, message="Hi"
        )


def test_a_paused_or_full_mentor_cannot_be_asked(programme, employee, mentor_profile, waiting):
    services.mentor_set_paused(profile=mentor_profile, actor=mentor_profile.person, paused=True)
    with pytest.raises(ValidationError, match="paused"):
        services.request_create(
            programme=programme,
            mentee=employee,
            mentor=mentor_profile,
            actor=employee,
            message="Hi",
        )


def test_one_pending_request_at_a_time(request_, programme, employee, employer):
    other = MentorProfileFactory(person__employer=employer)
    with pytest.raises(ValidationError, match="already waiting"):
        services.request_create(
            programme=programme, mentee=employee, mentor=other, actor=employee, message="Hi"
        )


def test_accepting_starts_the_mentorship_links_goals_and_moves_the_hand_off(
    request_, programme, employee, mentor, waiting
):
    goal = GoalFactory(owner=employee)
    services.needs_save(
        programme=programme, person=employee, actor=employee, topics=[], goals=[goal]
    )
    mentorship = services.request_accept(request=request_, actor=mentor, response="Gladly.")
    waiting.refresh_from_db()
    assert waiting.handoff_status == Enrollment.Handoff.MATCHED
    assert waiting.handoff_url == mentorship.get_absolute_url()
    assert GoalLink.objects.filter(
        goal=goal, individual=mentor, ended_at=None, source_id=mentorship.pk
    ).exists()
    assert (
        Reminder.objects.get(key=f"mentorship.request_waiting:{request_.pk}").state == "cancelled"
    )


def test_only_the_mentor_asked_answers(request_, peer):
    with pytest.raises(PermissionDenied):
        services.request_accept(request=request_, actor=peer)


def test_declining_needs_a_message_and_tells_the_mentee(request_, mentor, employee):
    with pytest.raises(ValidationError):
        services.request_decline(request=request_, actor=mentor, response=" ")
    services.request_decline(request=request_, actor=mentor, response="I am full this term.")
    assert MentorshipRequest.objects.get(pk=request_.pk).status == "declined"
    told = Reminder.objects.get(recipient=employee, kind="mentorship.request_decided")
    assert told.body == "I am full this term."
    assert not Mentorship.objects.exists()


def test_the_mentee_withdraws_and_the_mentor_is_no_longer_reminded(request_, employee):
    services.request_withdraw(request=request_, actor=employee)
    assert set(
        Reminder.objects.filter(kind__startswith="mentorship.request_").values_list(
            "state", flat=True
        )
    ) == {"cancelled"}


def test_a_decided_request_cannot_be_answered_again(request_, mentor):
    services.request_decline(request=request_, actor=mentor, response="No room.")
    with pytest.raises(ValidationError, match="no longer waiting"):
        services.request_accept(request=request_, actor=mentor)
