import smtplib
from datetime import timedelta

import pytest
from celery import current_app
from django.utils import timezone

from careersupport.notifications.models import Notification, Reminder
from careersupport.notifications.services import reminder_deliver, reminders_claim_due
from careersupport.people.models import AuditEvent
from tests.factories import NotificationPreferenceFactory, ReminderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_mail(monkeypatch):
    def fail(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)


def test_it_mails_the_recipient_with_a_link_straight_to_the_page(employee, mailbox, settings):
    settings.SITE_URL = "https://careers.example.org"
    reminder = ReminderFactory(recipient=employee, title="Goal check-in due", url="/goals/7/")
    assert reminder_deliver(reminder_id=reminder.pk) == "sent"
    (message,) = mailbox
    assert message.to == [employee.contact_email]
    assert message.subject == "[CareerSupport] Goal check-in due"
    assert "https://careers.example.org/goals/7/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="https://careers.example.org/goals/7/"' in html


def test_news_carries_no_due_line(employee, mailbox):
    """A reminder's due time is when it is sent; for news ("your request was approved")
    a "Due:" line with that time reads as a deadline that does not exist."""
    reminder = ReminderFactory(recipient=employee, title="Your enrollment was approved")
    reminder_deliver(reminder_id=reminder.pk)
    (message,) = mailbox
    assert "Due" not in message.body and "Due" not in message.alternatives[0][0]


def test_its_subject_and_text_are_plain_and_only_the_html_is_escaped(employee, mailbox):
    title = "Eli's R&D <goal>"
    reminder_deliver(reminder_id=ReminderFactory(recipient=employee, title=title).pk)
    (message,) = mailbox
    assert message.subject == f"[CareerSupport] {title}"
    assert title in message.body
    html = message.alternatives[0][0]
    assert "R&amp;D &lt;goal&gt;" in html and title not in html


def test_it_writes_the_inbox_entry_and_marks_it_sent(employee, mailbox):
    reminder = ReminderFactory(recipient=employee)
    reminder_deliver(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT and reminder.sent_at and reminder.attempts == 1
    notification = reminder.notification
    assert notification.recipient == employee and notification.email == Notification.Email.SENT


def test_a_duplicate_task_sends_nothing(employee, mailbox):
    reminder = ReminderFactory(recipient=employee)
    assert reminder_deliver(reminder_id=reminder.pk) == "sent"
    assert reminder_deliver(reminder_id=reminder.pk) == "skipped"
    assert len(mailbox) == 1 and Notification.objects.count() == 1


def test_a_cancelled_reminder_is_never_sent(employee, mailbox):
    reminder = ReminderFactory(recipient=employee, state=Reminder.State.CANCELLED)
    assert reminder_deliver(reminder_id=reminder.pk) == "skipped"
    assert mailbox == [] and not Notification.objects.exists()


def test_a_task_for_a_reminder_moved_later_sends_nothing_yet(employee, mailbox):
    reminder = ReminderFactory(recipient=employee, due_at=timezone.now() + timedelta(hours=1))
    assert reminder_deliver(reminder_id=reminder.pk) == "skipped"
    assert mailbox == []


def test_email_off_for_a_kind_still_reaches_the_inbox(employee, mailbox):
    NotificationPreferenceFactory(recipient=employee, email_off_kinds=["tests.nudge"])
    reminder = ReminderFactory(recipient=employee)
    assert reminder_deliver(reminder_id=reminder.pk) == "sent"
    assert mailbox == []
    assert reminder.notification.email == Notification.Email.OFF


def test_email_off_for_another_kind_still_mails_this_one(employee, mailbox):
    NotificationPreferenceFactory(recipient=employee, email_off_kinds=["tests.other"])
    reminder_deliver(reminder_id=ReminderFactory(recipient=employee).pk)
    assert len(mailbox) == 1


def test_a_mail_error_is_retried_with_back_off(employee, broken_mail, settings, clock):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    reminder = ReminderFactory(recipient=employee)
    start = timezone.now()
    clock(start)
    assert reminder_deliver(reminder_id=reminder.pk) == "retry"
    clock(start + timedelta(seconds=60))
    assert reminder_deliver(reminder_id=reminder.pk) == "retry"
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING and reminder.attempts == 2
    assert "SMTPServerDisconnected" in reminder.last_error
    assert reminder.next_attempt_at == start + timedelta(seconds=60 + 120)  # doubled
    assert not Notification.objects.exists()  # rolled back with the failed attempt


def test_a_duplicate_task_does_not_jump_the_back_off(employee, broken_mail, settings, clock):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    reminder = ReminderFactory(recipient=employee)
    clock(timezone.now())
    assert reminder_deliver(reminder_id=reminder.pk) == "retry"
    assert reminder_deliver(reminder_id=reminder.pk) == "skipped"
    reminder.refresh_from_db()
    assert reminder.attempts == 1


def test_the_dispatcher_claims_it_again_when_the_back_off_is_over(
    employee, broken_mail, settings, clock
):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    reminder = ReminderFactory(recipient=employee)
    start = timezone.now()
    clock(start)
    reminder_deliver(reminder_id=reminder.pk)
    assert reminders_claim_due(now=start + timedelta(seconds=59)) == []
    assert reminders_claim_due(now=start + timedelta(seconds=61)) == [reminder.pk]


def test_it_fails_for_good_after_the_last_attempt_with_the_reason(
    employee, broken_mail, settings, clock
):
    settings.REMINDER_MAX_ATTEMPTS = 2
    reminder = ReminderFactory(recipient=employee)
    start = timezone.now()
    clock(start)
    reminder_deliver(reminder_id=reminder.pk)
    clock(start + timedelta(hours=1))
    assert reminder_deliver(reminder_id=reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED and reminder.attempts == 2
    assert reminder.notification.email == Notification.Email.FAILED  # still in the inbox
    assert AuditEvent.objects.filter(verb="reminder.failed", target_id=reminder.pk).exists()


def test_send_tasks_acknowledge_late_and_come_back_if_the_worker_dies():
    from careersupport.notifications.tasks import send_reminders

    assert send_reminders.acks_late and send_reminders.reject_on_worker_lost
    assert current_app.conf.worker_prefetch_multiplier == 1


def test_a_recipient_who_left_gets_nothing(employee, mailbox):
    employee.deactivated_at = timezone.now()
    employee.save()
    reminder = ReminderFactory(recipient=employee)
    assert reminder_deliver(reminder_id=reminder.pk) == "cancelled"
    assert mailbox == [] and not Notification.objects.exists()


def test_an_inbox_only_reminder_is_never_mailed(employee, mailbox):
    reminder = ReminderFactory(recipient=employee, send_email=False)
    assert reminder_deliver(reminder_id=reminder.pk) == "sent"
    assert mailbox == [] and reminder.notification.email == Notification.Email.OFF
