from datetime import UTC, datetime, time

import pytest

from careersupport.notifications.models import Notification, Reminder
from careersupport.notifications.reminders import DIGEST_KIND
from careersupport.notifications.services import reminder_deliver
from tests.factories import NotificationPreferenceFactory, ReminderFactory

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def digest_reader(employee):
    employee.time_zone = "America/New_York"
    employee.save()
    NotificationPreferenceFactory(recipient=employee, digest=True, digest_time=time(8, 0))
    return employee


def deliver_at(clock, moment, **fields):
    clock(moment)
    reminder = ReminderFactory(due_at=moment, **fields)
    assert reminder_deliver(reminder_id=reminder.pk) == "sent"
    return reminder


def test_digest_readers_get_the_inbox_entry_now_and_no_single_email(digest_reader, clock, mailbox):
    reminder = deliver_at(clock, utc(2026, 11, 23, 15, 0), recipient=digest_reader)
    assert mailbox == []
    assert reminder.notification.email == Notification.Email.DIGEST


def test_the_digest_is_scheduled_for_the_next_digest_time_in_their_zone(
    digest_reader, clock, mailbox
):
    deliver_at(clock, utc(2026, 11, 23, 15, 0), recipient=digest_reader)
    digest = Reminder.objects.get(kind=DIGEST_KIND)
    assert digest.due_at == utc(2026, 11, 24, 13, 0)  # 08:00 EST the next morning
    assert digest.key == f"{DIGEST_KIND}:{digest_reader.pk}:2026-11-24"


def test_one_digest_bundles_the_days_reminders_into_one_email(digest_reader, clock, mailbox):
    first = deliver_at(clock, utc(2026, 11, 23, 15, 0), recipient=digest_reader, title="One")
    deliver_at(clock, utc(2026, 11, 23, 18, 0), recipient=digest_reader, title="Two")
    digest = Reminder.objects.get(kind=DIGEST_KIND)
    clock(utc(2026, 11, 24, 13, 0, 5))
    assert reminder_deliver(reminder_id=digest.pk) == "sent"
    (message,) = mailbox
    assert "2 reminders" in message.subject and "One" in message.body and "Two" in message.body
    first.notification.refresh_from_db()
    assert first.notification.email == Notification.Email.DIGESTED
    assert first.notification.digest == digest


def test_the_digest_has_a_text_and_an_html_body_linking_each_page(
    digest_reader, clock, mailbox, settings
):
    settings.SITE_URL = "https://careers.example.org"
    deliver_at(clock, utc(2026, 11, 23, 15, 0), recipient=digest_reader, url="/goals/3/")
    clock(utc(2026, 11, 24, 13, 0, 5))
    reminder_deliver(reminder_id=Reminder.objects.get(kind=DIGEST_KIND).pk)
    (message,) = mailbox
    assert "https://careers.example.org/goals/3/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="https://careers.example.org/goals/3/"' in html
    assert 'href="https://careers.example.org/notifications/preferences/"' in html


def test_a_reminder_after_todays_digest_waits_for_tomorrows(digest_reader, clock, mailbox):
    deliver_at(clock, utc(2026, 11, 23, 12, 0), recipient=digest_reader)  # 07:00 EST
    digest = Reminder.objects.get(kind=DIGEST_KIND)
    clock(utc(2026, 11, 23, 13, 0, 1))
    reminder_deliver(reminder_id=digest.pk)
    deliver_at(clock, utc(2026, 11, 23, 13, 0, 2), recipient=digest_reader)
    tomorrow = Reminder.objects.get(kind=DIGEST_KIND, state=Reminder.State.PENDING)
    assert tomorrow.due_at == utc(2026, 11, 24, 13, 0)


def test_a_digest_with_nothing_waiting_sends_nothing(digest_reader, clock, mailbox):
    reminder = deliver_at(clock, utc(2026, 11, 23, 15, 0), recipient=digest_reader)
    Notification.objects.filter(pk=reminder.notification.pk).update(
        email=Notification.Email.DIGESTED
    )
    clock(utc(2026, 11, 24, 13, 0, 5))
    assert reminder_deliver(reminder_id=Reminder.objects.get(kind=DIGEST_KIND).pk) == "sent"
    assert mailbox == []
