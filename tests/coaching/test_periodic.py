"""Beat's hourly checks: a request left waiting two working days, coaching idle 30 days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from careersupport.notifications.models import Reminder
from coaching import services
from coaching.services.periodic import add_working_days
from tests.factories import CoachingSessionFactory, EngagementFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = datetime(2026, 3, 6, 10, 0, tzinfo=BERLIN)


def test_two_working_days_after_a_friday_is_the_tuesday():
    assert add_working_days(FRIDAY, 2, BERLIN) == datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN)
    saturday = datetime(2026, 3, 7, 15, 0, tzinfo=BERLIN)
    assert add_working_days(saturday, 2, BERLIN) == datetime(2026, 3, 11, 15, 0, tzinfo=BERLIN)


def test_a_request_waiting_two_working_days_reminds_the_coach_and_hr(
    employee, coach_profile, hr_admin
):
    coach = coach_profile.individual
    EngagementFactory(coachee=employee, coach=coach, status="requested", coach_asked_at=FRIDAY)
    assert services.waiting_requests_publish(now=FRIDAY + timedelta(days=3, hours=23)) == 0
    tuesday = FRIDAY + timedelta(days=4, minutes=1)
    assert services.waiting_requests_publish(now=tuesday) == 1
    assert services.waiting_requests_publish(now=tuesday + timedelta(hours=1)) == 1
    reminded = Reminder.objects.filter(kind="coaching.request_waiting")
    assert sorted(r.recipient_id for r in reminded) == sorted([coach.pk, hr_admin.pk])


def test_an_answered_request_reminds_nobody(employee, coach_profile, hr_admin):
    engagement = EngagementFactory(
        coachee=employee, coach=coach_profile.individual, status="requested", coach_asked_at=FRIDAY
    )
    services.engagement_answer(engagement=engagement, actor=coach_profile.individual, accept=True)
    assert services.waiting_requests_publish(now=FRIDAY + timedelta(days=10)) == 0


def test_coaching_idle_for_30_days_with_sessions_left_reminds_the_coachee(engagement):
    held = CoachingSessionFactory(
        engagement=engagement, starts_at=datetime(2026, 3, 2, 10, tzinfo=BERLIN), status="held"
    )
    now = held.starts_at + timedelta(days=31)
    assert services.idle_engagements_publish(now=now) == 1
    assert services.idle_engagements_publish(now=now + timedelta(hours=1)) == 1
    reminder = Reminder.objects.get(kind="coaching.engagement_idle")
    assert reminder.recipient == engagement.coachee and "5 coaching sessions left" in reminder.title


def test_idle_coaching_with_a_session_booked_or_none_left_reminds_nobody(engagement):
    start = datetime(2026, 3, 2, 10, tzinfo=BERLIN)
    CoachingSessionFactory(engagement=engagement, starts_at=start, status="held")
    now = start + timedelta(days=40)
    CoachingSessionFactory(engagement=engagement, starts_at=now + timedelta(days=2))
    assert services.idle_engagements_publish(now=now) == 0
    engagement.sessions_agreed = 2
    engagement.save()
    assert services.idle_engagements_publish(now=now + timedelta(days=40)) == 0


def test_both_checks_are_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"coaching.publish_waiting_requests", "coaching.publish_idle_engagements"} <= tasks
