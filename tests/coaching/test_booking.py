"""Booking, moving and cancelling sessions: free slots only, no double booking, the notice
rule, and reminders that follow the session."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careersupport.notifications.models import Reminder
from coaching import services
from coaching.models import CoachingSettings, Engagement, Session
from coaching.reminders import session_day_key, session_hour_key
from tests.factories import CoachProfileFactory, EngagementFactory

from .conftest import workday_windows

pytestmark = pytest.mark.django_db


def book(engagement, when, actor=None, **extra):
    return services.session_book(
        engagement=engagement, actor=actor or engagement.coachee, starts_at=when, **extra
    )


def pending(prefix):
    return Reminder.objects.filter(key__startswith=prefix, state="pending")


def test_the_coachee_books_a_free_slot_and_both_sides_are_reminded(engagement, slot):
    session = book(engagement, slot)
    assert (session.coach, session.coachee) == (engagement.coach, engagement.coachee)
    assert session.ends_at - session.starts_at == timedelta(hours=1)
    for person in (engagement.coach, engagement.coachee):
        day = Reminder.objects.get(key=session_day_key(session.pk, 1, person.pk))
        hour = Reminder.objects.get(key=session_hour_key(session.pk, 1, person.pk))
        assert (day.due_at, hour.due_at) == (slot - timedelta(days=1), slot - timedelta(hours=1))
    told = Reminder.objects.get(kind="coaching.session_changed")
    assert told.recipient == engagement.coach and "booked by" in told.title


def test_a_time_the_coach_already_gave_another_coachee_is_refused(engagement, slot, peer):
    book(engagement, slot)
    other = EngagementFactory(coachee=peer, coach=engagement.coach)
    with pytest.raises(ValidationError, match="not free"):
        book(other, slot)
    with pytest.raises(ValidationError, match="not free"):
        book(other, slot + timedelta(minutes=30))
    assert Session.objects.count() == 1


def test_the_coachee_cannot_hold_two_chemistry_calls_at_once(employer, employee, slot):
    first, second = (CoachProfileFactory(individual__employer=employer) for _ in range(2))
    workday_windows(first), workday_windows(second)
    engagement = EngagementFactory(coachee=employee, coach=None, status="chemistry")
    engagement.shortlist.set([first.individual, second.individual])
    call = book(engagement, slot, coach=first.individual)
    assert call.kind == "chemistry" and call.ends_at - call.starts_at == timedelta(minutes=30)
    with pytest.raises(ValidationError, match="not free"):
        book(engagement, slot, coach=second.individual)
    with pytest.raises(ValidationError, match="already have a chemistry call"):
        book(engagement, slot + timedelta(hours=2), coach=first.individual)


def test_times_outside_the_windows_or_too_soon_are_refused(engagement, slot):
    with pytest.raises(ValidationError, match="not free"):
        book(engagement, slot - timedelta(hours=3))  # 07:00
    with pytest.raises(ValidationError, match="not free"):
        book(engagement, slot + timedelta(minutes=20))  # not a slot's start
    with pytest.raises(ValidationError, match="two hours"):
        book(engagement, slot, now=slot - timedelta(hours=1))


def test_no_more_sessions_than_agreed_are_booked(engagement, slot):
    engagement.sessions_agreed = 2
    engagement.save()
    book(engagement, slot)
    book(engagement, slot + timedelta(hours=1))
    with pytest.raises(ValidationError, match="All 2 sessions"):
        book(engagement, slot + timedelta(hours=2))
    assert services.sessions_tally(engagement) == {"used": 0, "booked": 2, "left": 0, "agreed": 2}


@pytest.mark.parametrize("status", ["paused", "requested", "completed"])
def test_only_active_coaching_books_sessions(engagement, slot, status):
    Engagement.objects.filter(pk=engagement.pk).update(status=status)
    with pytest.raises(ValidationError, match="while coaching is active"):
        book(engagement, slot)


def test_strangers_book_nothing(engagement, slot, manager):
    with pytest.raises(PermissionDenied):
        book(engagement, slot, actor=manager)


def test_the_coachee_moves_or_cancels_up_to_the_notice_and_the_coach_later(engagement, slot):
    CoachingSettings.objects.create(employer=engagement.employer, notice_hours=24)
    session = book(engagement, slot)
    late = slot - timedelta(hours=10)
    with pytest.raises(ValidationError, match="Less than 24 hours"):
        services.session_reschedule(
            session=session, actor=engagement.coachee, starts_at=slot + timedelta(hours=1), now=late
        )
    with pytest.raises(ValidationError, match="Less than 24 hours"):
        services.session_cancel(session=session, actor=engagement.coachee, now=late)
    moved = services.session_reschedule(
        session=session, actor=engagement.coach, starts_at=slot + timedelta(hours=1), now=late
    )
    assert moved.starts_at == slot + timedelta(hours=1) and moved.version == 2
    services.session_cancel(session=moved, actor=engagement.coach, now=late)
    assert Session.objects.get().status == "cancelled"


def test_the_coachee_moves_a_session_well_ahead(engagement, slot):
    session = book(engagement, slot)
    services.session_reschedule(
        session=session,
        actor=engagement.coachee,
        starts_at=slot + timedelta(days=1),
        now=slot - timedelta(days=2),
    )
    assert Session.objects.get().starts_at == slot + timedelta(days=1)


def test_nobody_moves_a_session_that_has_started(engagement, slot):
    session = book(engagement, slot)
    with pytest.raises(ValidationError, match="already started"):
        services.session_cancel(session=session, actor=engagement.coach, now=slot)


def test_reminders_move_with_a_moved_session(engagement, slot):
    session = book(engagement, slot)
    new_start = slot + timedelta(days=2)
    services.session_reschedule(session=session, actor=engagement.coachee, starts_at=new_start)
    coachee = engagement.coachee
    old = Reminder.objects.get(key=session_day_key(session.pk, 1, coachee.pk))
    new = Reminder.objects.get(key=session_day_key(session.pk, 2, coachee.pk))
    assert old.state == "cancelled"
    assert new.state == "pending" and new.due_at == new_start - timedelta(days=1)
    assert pending(f"coaching.session_hour:{session.pk}:").count() == 2
    assert "moved by" in Reminder.objects.get(key__contains="-moved-").title


def test_a_moved_session_is_reminded_again_even_when_the_first_reminder_was_sent(engagement, slot):
    session = book(engagement, slot)
    Reminder.objects.filter(key=session_day_key(session.pk, 1, engagement.coachee_id)).update(
        state="sent"
    )
    services.session_reschedule(
        session=session, actor=engagement.coach, starts_at=slot + timedelta(days=3)
    )
    assert (
        Reminder.objects.get(key=session_day_key(session.pk, 2, engagement.coachee_id)).state
        == "pending"
    )


def test_a_cancelled_session_cancels_its_reminders_and_frees_its_slot(engagement, slot, peer):
    session = book(engagement, slot)
    services.session_cancel(session=session, actor=engagement.coachee)
    assert not pending(f"coaching.session_day:{session.pk}:").exists()
    assert not pending(f"coaching.session_hour:{session.pk}:").exists()
    other = EngagementFactory(coachee=peer, coach=engagement.coach)
    assert book(other, slot).status == "booked"


def test_the_coach_marks_a_started_session_held_and_the_coachee_is_asked_to_rate_it(
    engagement, slot
):
    session = book(engagement, slot)
    with pytest.raises(ValidationError, match="once it has started"):
        services.session_set_outcome(session=session, actor=engagement.coach, outcome="held")
    with pytest.raises(PermissionDenied):
        services.session_set_outcome(
            session=session, actor=engagement.coachee, outcome="held", now=slot
        )
    services.session_set_outcome(session=session, actor=engagement.coach, outcome="held", now=slot)
    ask = Reminder.objects.get(kind="coaching.feedback_due")
    assert ask.recipient == engagement.coachee
    assert services.sessions_tally(engagement)["used"] == 1


def test_the_coachee_rates_a_held_session_once(engagement, slot):
    session = book(engagement, slot)
    with pytest.raises(ValidationError, match="once it has been held"):
        services.feedback_create(session=session, actor=engagement.coachee, rating=5)
    services.session_set_outcome(session=session, actor=engagement.coach, outcome="held", now=slot)
    services.feedback_create(session=session, actor=engagement.coachee, rating=4, comment="Clear.")
    with pytest.raises(ValidationError, match="already rated"):
        services.feedback_create(session=session, actor=engagement.coachee, rating=5)
    assert Reminder.objects.get(kind="coaching.feedback_due").state == "cancelled"


def test_each_side_reads_the_time_in_their_own_zone(employer, employee, slot):
    profile = CoachProfileFactory(individual__employer=employer, individual__time_zone="Asia/Tokyo")
    workday_windows(profile)
    engagement = EngagementFactory(coachee=employee, coach=profile.individual)
    session = book(engagement, slot)
    tokyo = slot.astimezone(ZoneInfo("Asia/Tokyo"))
    coach_title = Reminder.objects.get(key=session_day_key(session.pk, 1, profile.individual_id))
    coachee_title = Reminder.objects.get(key=session_day_key(session.pk, 1, employee.pk))
    assert coach_title.title.endswith(f"at {tokyo:%H:%M}")
    assert coachee_title.title.endswith("at 10:00")


def test_a_person_who_changes_time_zone_is_reminded_at_their_new_local_time(engagement, slot):
    from careersupport.people.services import profile_update

    session = book(engagement, slot)
    coachee = engagement.coachee
    profile_update(individual=coachee, actor=coachee, time_zone="America/New_York")
    title = Reminder.objects.get(key=session_day_key(session.pk, 1, coachee.pk)).title
    assert title.endswith(f"at {slot.astimezone(ZoneInfo('America/New_York')):%H:%M}")
