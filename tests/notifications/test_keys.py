"""Reminder keys: one shape, `<kind>:<id>[:<occurrence>]`, registered per kind beside
REMINDER_KINDS and checked against what every producer publishes on the demo data."""

from datetime import UTC, date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from careersupport.goals.models import GoalReview
from careersupport.goals.services import review_reply
from careersupport.goals.team_summary import team_summaries_publish
from careersupport.notifications.keys import reminder_key
from careersupport.notifications.kinds import key_matches_kind, registered_key_patterns
from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminders_deliver
from careersupport.people.models import Individual
from programs.models import Enrollment, Session, ShadowBooking, ShadowSlot
from programs.services import enrollment as enrolling
from programs.services import events, kinds
from programs.services.digest import pending_approvals_publish

OUR_APPS = ("careersupport.goals", "programs", "careersupport.notifications")


def _kinds_of(app: str) -> set[str]:
    return set(import_string(f"{app}.reminders.REMINDER_KINDS"))


def test_a_key_is_kind_id_and_occurrence():
    assert (
        reminder_key("goals.checkin_due", 12, date(2026, 3, 7)) == "goals.checkin_due:12:2026-03-07"
    )
    assert reminder_key("goals.review_pending", 5) == "goals.review_pending:5"
    assert reminder_key("programs.session_soon", 3, 44) == "programs.session_soon:3:44"


@pytest.mark.parametrize("occurrence", ["1732012345.123456", "a:b", "", "two words"])
def test_a_key_refuses_an_occurrence_that_is_not_one_word(occurrence):
    with pytest.raises(ValueError):
        reminder_key("goals.checkin_due", 12, occurrence)


@pytest.mark.parametrize(
    "app", [*OUR_APPS, "careersupport.requests", "mentorship", "careersupport.reports"]
)
def test_every_kind_registers_the_shape_of_its_keys(app):
    assert _kinds_of(app) == set(import_string(f"{app}.reminders.REMINDER_KEYS"))
    assert _kinds_of(app) <= set(registered_key_patterns())


def test_a_kind_without_a_registered_shape_gets_the_generic_one():
    assert key_matches_kind("tests.nudge:7:anything-1", "tests.nudge")
    assert not key_matches_kind("tests.nudge:7:12.5", "tests.nudge")
    assert not key_matches_kind("tests.other:7", "tests.nudge")


def test_a_timestamp_of_now_is_not_an_occurrence_of_enrollment_news():
    assert key_matches_kind(
        "programs.enrollment_declined:3:20261123T101502123456Z", "programs.enrollment_declined"
    )
    assert not key_matches_kind(
        "programs.enrollment_declined:3:1763892902.123456", "programs.enrollment_declined"
    )


def _publish_through_every_producer():
    """seed_demo, then what people and beat do next on the demo data, through the services."""
    call_command("seed_demo", stdout=StringIO())
    person = Individual.objects.get
    employee, hr = person(email="employee@example.com"), person(email="hr@example.com")
    mentor = person(email="mentor@example.com")
    review = GoalReview.objects.filter(goal__owner=employee, replied_at__isnull=True).first()
    review_reply(review=review, actor=employee, reply="Thanks, on it.")
    now = timezone.now()
    sunday_noon = (now + timedelta(days=(6 - now.weekday()) % 7)).replace(hour=12, tzinfo=UTC)
    team_summaries_publish(now=sunday_noon)
    pending_approvals_publish()
    requests = Enrollment.objects.filter(employer=hr.employer, status="requested")
    enrolling.enrollment_decline(
        enrollment=requests.exclude(person=employee)[0], actor=hr, reason="Full."
    )
    enrolling.enrollment_approve(enrollment=requests.filter(person=employee)[0], actor=hr)
    training = Enrollment.objects.get(person=employee, status="waitlisted").offering
    seated = training.enrollments.filter(status="enrolled").first()
    enrolling.enrollment_withdraw(enrollment=seated, actor=seated.person)
    session = Session.objects.filter(offering__kind="networking", title="Session 2").first()
    events.session_register(session=session, person=employee, actor=employee)
    kinds.booking_decide(
        booking=ShadowBooking.objects.get(participant=employee), actor=mentor, confirm=True
    )
    free = ShadowSlot.objects.filter(host=mentor, bookings__isnull=True).first()
    booking = kinds.slot_book(slot=free, participant=employee)
    kinds.booking_cancel(booking=booking, actor=employee)
    due = Reminder.objects.filter(state="pending", next_attempt_at__lte=timezone.now())
    reminders_deliver(reminder_ids=list(due.values_list("pk", flat=True)))


@pytest.mark.django_db
def test_every_key_published_on_the_demo_data_has_its_kinds_shape(clock):
    clock(timezone.now().replace(hour=12))  # outside the demo employee's quiet hours
    _publish_through_every_producer()
    published = set(Reminder.objects.values_list("kind", flat=True))
    for app in OUR_APPS:
        assert _kinds_of(app) <= published, f"a producer of {app} published nothing"
    wrong = [
        (kind, key)
        for kind, key in Reminder.objects.values_list("kind", "key")
        if not key_matches_kind(key, kind)
    ]
    assert wrong == []


def test_a_trial_review_key_names_whom_and_which_day():
    from careersupport.requests.reminders import TRIAL_REVIEW, trial_review_key

    key = trial_review_key(10, 733, date(2027, 1, 31), ahead=True)
    assert key == "requests.trial_review:10:733-2027-01-31-ahead"
    assert key_matches_kind(key, TRIAL_REVIEW)
    assert key_matches_kind("requests.team_leave:4", "requests.team_leave")
    assert key_matches_kind("requests.team_leave:4:cancelled", "requests.team_leave")
