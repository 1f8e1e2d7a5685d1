"""From "I want a coach" to an accepted coach and back: intake, chemistry calls, choosing,
HR's assignment, the coach's answer, the programs hand-off, goals linked and unlinked."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.goals.permissions import goal_access
from careersupport.notifications.models import Reminder
from coaching import services
from coaching.models import CoachingSettings, Engagement, Session
from programs.models import Enrollment
from programs.services.enrollment import enrollment_create
from tests.factories import (
    CoachingSessionFactory,
    CoachProfileFactory,
    EngagementFactory,
    GoalFactory,
    OfferingFactory,
)

from .conftest import workday_windows

pytestmark = pytest.mark.django_db

INTAKE = {"topics": ["interview"], "languages": ["en"], "intake_text": "A new role by spring."}


def ask(person, **extra):
    return services.engagement_request(person=person, actor=person, **(INTAKE | extra))


def pool(employer, n=1):
    profiles = [CoachProfileFactory(individual__employer=employer) for _ in range(n)]
    for profile in profiles:
        workday_windows(profile)
    return [p.individual for p in profiles]


def test_a_person_asks_for_a_coach_directly_where_the_employer_allows_it(employee):
    engagement = ask(employee, preferred_days=["2", "0"], preferred_times=["morning"])
    assert engagement.status == "requested" and engagement.coach is None
    assert engagement.preferred_days == [0, 2] and engagement.sessions_agreed == 6
    with pytest.raises(ValidationError, match="already under way"):
        ask(employee)


def test_direct_requests_are_refused_where_coaching_starts_from_a_programme(employee):
    CoachingSettings.objects.create(employer=employee.employer, direct_requests=False)
    with pytest.raises(ValidationError, match="enroll in one"):
        ask(employee)
    assert not Engagement.objects.exists()


def test_an_external_account_is_not_coached(coach):
    with pytest.raises(ValidationError, match="employees and their partners"):
        ask(coach)


def test_a_programme_enrollment_is_handed_over_and_follows_the_engagement(
    employer, employee, coach_profile
):
    CoachingSettings.objects.create(employer=employer, direct_requests=False)
    offering = OfferingFactory(employer=employer, kind="coaching", title="Coaching 2027")
    enrollment = enrollment_create(offering=offering, person=employee, actor=employee)
    assert enrollment.handoff_status == "waiting"
    engagement = ask(employee)
    enrollment.refresh_from_db()
    assert engagement.enrollment == enrollment
    assert enrollment.handoff_url == engagement.get_absolute_url()
    services.engagement_choose(
        engagement=engagement, actor=employee, coach=coach_profile.individual
    )
    services.engagement_answer(engagement=engagement, actor=coach_profile.individual, accept=True)
    enrollment.refresh_from_db()
    assert enrollment.handoff_status == "matched"
    services.engagement_complete(engagement=engagement, actor=coach_profile.individual)
    enrollment.refresh_from_db()
    assert enrollment.handoff_status == "closed"


def test_up_to_three_coaches_are_shortlisted_for_chemistry_calls(employer, employee):
    coaches = pool(employer, 4)
    engagement = ask(employee)
    with pytest.raises(ValidationError, match="one to three"):
        services.engagement_shortlist(engagement=engagement, actor=employee, coaches=coaches)
    services.engagement_shortlist(engagement=engagement, actor=employee, coaches=coaches[:3])
    engagement.refresh_from_db()
    assert engagement.status == "chemistry" and engagement.shortlist.count() == 3


def test_choosing_asks_the_coach_and_cancels_the_other_chemistry_calls(employer, employee, slot):
    first, second = pool(employer, 2)
    engagement = ask(employee)
    services.engagement_shortlist(engagement=engagement, actor=employee, coaches=[first, second])
    keep = services.session_book(engagement=engagement, actor=employee, starts_at=slot, coach=first)
    drop = services.session_book(
        engagement=engagement, actor=employee, starts_at=slot + timedelta(hours=2), coach=second
    )
    services.engagement_choose(engagement=engagement, actor=employee, coach=first)
    engagement.refresh_from_db()
    assert engagement.awaiting_coach and engagement.coach == first
    assert Session.objects.get(pk=keep.pk).status == "booked"
    assert Session.objects.get(pk=drop.pk).status == "cancelled"
    request = Reminder.objects.get(kind="coaching.request_new")
    assert request.recipient == first and "Interview practice" in request.body
    assert INTAKE["intake_text"] not in request.body


def test_the_coach_accepts_and_coaching_starts(employee, coach_profile):
    engagement = ask(employee)
    coach = coach_profile.individual
    services.engagement_choose(engagement=engagement, actor=employee, coach=coach)
    with pytest.raises(PermissionDenied):
        services.engagement_answer(engagement=engagement, actor=employee, accept=True)
    services.engagement_answer(engagement=engagement, actor=coach, accept=True, sessions_agreed=8)
    engagement.refresh_from_db()
    assert (engagement.status, engagement.sessions_agreed) == ("active", 8)
    assert engagement.started_on and engagement.ends_on > engagement.started_on
    assert Reminder.objects.get(kind="coaching.request_new").state == "cancelled"
    assert Reminder.objects.get(kind="coaching.request_answered").recipient == employee


def test_a_decline_says_why_and_returns_the_person_to_the_list(employee, coach_profile):
    engagement = ask(employee)
    coach = coach_profile.individual
    services.engagement_choose(engagement=engagement, actor=employee, coach=coach)
    with pytest.raises(ValidationError, match="Tell the person why"):
        services.engagement_answer(engagement=engagement, actor=coach, accept=False)
    services.engagement_answer(
        engagement=engagement, actor=coach, accept=False, message="I am full until May."
    )
    engagement.refresh_from_db()
    assert engagement.choosing and engagement.status == "requested" and engagement.coach is None
    told = Reminder.objects.get(kind="coaching.request_answered")
    assert told.body == "I am full until May." and "choose another coach" in told.title


def test_hr_assigns_a_coach_to_someone_enrolled_who_has_not_started(
    employer, hr_admin, employee, coach_profile
):
    offering = OfferingFactory(employer=employer, kind="coaching")
    enrollment = enrollment_create(offering=offering, person=employee, actor=employee)
    engagement = services.engagement_assign(
        actor=hr_admin, coach=coach_profile.individual, enrollment=enrollment
    )
    assert engagement.awaiting_coach and engagement.assigned_by == hr_admin
    assert engagement.enrollment == enrollment


def test_only_hr_assigns_and_never_the_persons_own_manager(
    employer, hr_admin, employee, manager, coach_profile
):
    engagement = ask(employee)
    with pytest.raises(PermissionDenied):
        services.engagement_assign(
            actor=employee, coach=coach_profile.individual, engagement=engagement
        )
    CoachProfileFactory(individual=manager, employer=employer, provider_name="")
    with pytest.raises(ValidationError, match="reporting line"):
        services.engagement_assign(actor=hr_admin, coach=manager, engagement=engagement)


def test_the_last_place_of_a_coach_goes_to_one_person(employer, employee, peer):
    (coach,) = pool(employer)
    coach.coach_profile.capacity = 1
    coach.coach_profile.save()
    first, second = ask(employee), ask(peer)
    services.engagement_choose(engagement=first, actor=employee, coach=coach)
    with pytest.raises(ValidationError, match="cannot take this on"):
        services.engagement_choose(engagement=second, actor=peer, coach=coach)


def test_linked_goals_are_seen_by_the_coach_until_coaching_is_completed(engagement, employee):
    goal = GoalFactory(owner=employee)
    draft = GoalFactory(owner=employee, status="draft")
    coach = engagement.coach
    with pytest.raises(ValidationError, match="not drafts"):
        services.engagement_set_goals(engagement=engagement, actor=employee, goals=[draft])
    services.engagement_set_goals(engagement=engagement, actor=employee, goals=[goal])
    assert goal_access(coach, goal).role == "linked"
    services.engagement_complete(engagement=engagement, actor=coach)
    assert goal_access(coach, goal) is None


def test_cancelling_ends_goal_links_and_future_sessions_at_once(engagement, employee):
    goal = GoalFactory(owner=employee)
    services.engagement_set_goals(engagement=engagement, actor=employee, goals=[goal])
    future = CoachingSessionFactory(engagement=engagement)
    services.engagement_cancel(engagement=engagement, actor=employee)
    assert goal_access(engagement.coach, goal) is None
    assert Session.objects.get(pk=future.pk).status == "cancelled"
    told = Reminder.objects.get(kind="coaching.engagement_ended")
    assert told.recipient == engagement.coach


def test_unticking_a_goal_ends_its_link_only(engagement, employee):
    kept, dropped = GoalFactory(owner=employee), GoalFactory(owner=employee)
    services.engagement_set_goals(engagement=engagement, actor=employee, goals=[kept, dropped])
    services.engagement_set_goals(engagement=engagement, actor=employee, goals=[kept])
    assert goal_access(engagement.coach, kept) and not goal_access(engagement.coach, dropped)


def test_pause_and_resume(engagement):
    services.engagement_pause(engagement=engagement, actor=engagement.coachee, pause=True)
    assert Engagement.objects.get().status == "paused"
    with pytest.raises(ValidationError):
        services.engagement_pause(engagement=engagement, actor=engagement.coach, pause=True)
    services.engagement_pause(engagement=engagement, actor=engagement.coach, pause=False)
    assert Engagement.objects.get().status == "active"


def test_the_final_review_follows_completion(engagement):
    with pytest.raises(ValidationError, match="once coaching is completed"):
        services.final_review_create(
            engagement=engagement, actor=engagement.coachee, goal_progress=4, would_recommend=True
        )
    services.engagement_complete(engagement=engagement, actor=engagement.coach)
    services.final_review_create(
        engagement=engagement, actor=engagement.coachee, goal_progress=4, would_recommend=True
    )
    assert Reminder.objects.get(kind="coaching.engagement_ended").state == "cancelled"


def test_hr_completes_and_strangers_cannot(engagement, hr_admin, manager, outsider_hr):
    for stranger in (manager, outsider_hr):
        with pytest.raises(PermissionDenied):
            services.engagement_complete(engagement=engagement, actor=stranger)
    services.engagement_complete(engagement=engagement, actor=hr_admin)
    assert Engagement.objects.get().status == "completed"


def test_enrollment_and_engagement_wait_together_in_hr_s_list(employer, hr_admin, employee):
    offering = OfferingFactory(employer=employer, kind="coaching")
    enrollment_create(offering=offering, person=employee, actor=employee)
    assert Enrollment.objects.get().handoff_status == "waiting"
    EngagementFactory(coachee__employer=employer, coach=None, status="requested")
    from coaching import selectors

    assert selectors.waiting_enrollments(hr_admin).count() == 1
    assert selectors.waiting_engagements(hr_admin).count() == 1
    ask(employee)
    assert selectors.waiting_enrollments(hr_admin).count() == 0
    assert selectors.waiting_engagements(hr_admin).count() == 2
