from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail

from careersupport.notifications.kinds import registered_kinds
from careersupport.notifications.models import Reminder
from programs.reminders import REMINDER_KINDS
from programs.services.digest import pending_approvals_publish
from programs.tasks import publish_pending_approvals
from tests.factories import EnrollmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def waiting(employer):
    offering = OfferingFactory(employer=employer, needs_approval=True)
    return EnrollmentFactory.create_batch(2, offering=offering, status="requested")


def test_every_kind_is_registered():
    assert set(REMINDER_KINDS) <= set(registered_kinds())


def test_hr_gets_one_reminder_at_eight_their_time(hr_admin, waiting):
    pending_approvals_publish(now=NOW)
    reminder = Reminder.objects.get(recipient=hr_admin)
    assert reminder.kind == "programs.pending_approvals"
    assert reminder.title.startswith("2 enrollment requests")
    assert reminder.due_at == datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_running_again_keeps_one_reminder_with_the_new_count(hr_admin, waiting):
    pending_approvals_publish(now=NOW)
    EnrollmentFactory(offering=waiting[0].offering, status="requested")
    pending_approvals_publish(now=NOW + timedelta(hours=1))
    assert Reminder.objects.get(recipient=hr_admin).title.startswith("3 ")


def test_no_reminder_without_waiting_requests_nor_for_other_employers(
    hr_admin, outsider_hr, waiting
):
    pending_approvals_publish(now=NOW)
    assert not Reminder.objects.filter(recipient=outsider_hr).exists()
    for e in waiting:
        e.status = "declined"
        e.save()
    pending_approvals_publish(now=NOW)
    assert Reminder.objects.get(recipient=hr_admin).state == "cancelled"


def test_the_task_publishes_and_sends_no_mail(hr_admin, waiting):
    assert publish_pending_approvals() == 1
    assert mail.outbox == []


def test_the_task_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "programs.publish_pending_approvals" in tasks


def test_declining_tells_the_person_with_the_reason(hr_admin, waiting):
    from programs.services.enrollment import enrollment_decline

    enrollment_decline(enrollment=waiting[0], actor=hr_admin, reason="Budget is spent.")
    reminder = Reminder.objects.get(recipient=waiting[0].person)
    assert (reminder.kind, reminder.body) == ("programs.enrollment_declined", "Budget is spent.")


def test_a_deactivated_hr_admin_gets_nothing(employer, waiting):
    from django.utils import timezone

    IndividualFactory(employer=employer, is_hr_admin=True, deactivated_at=timezone.now())
    assert pending_approvals_publish(now=NOW) == 0
