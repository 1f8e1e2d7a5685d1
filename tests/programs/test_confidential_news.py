"""No news about a confidential offering (an EAP) is ever e-mailed: the demo goes through
the same services as people do, so it obeys the rule too."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from careersupport.notifications.models import Notification, Reminder
from careersupport.notifications.services import reminders_deliver
from programs.models import Offering
from programs.services.enrollment import enrollment_create, enrollment_withdraw
from programs.services.events import session_register
from tests.factories import OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def about_confidential() -> tuple[list[Reminder], set[str]]:
    confidential = Offering.objects.filter(is_confidential=True)
    urls = {o.get_absolute_url() for o in confidential}
    return list(Reminder.objects.filter(url__in=urls)), {o.title for o in confidential}


def deliver_everything() -> None:
    """Every reminder due now or later, delivered as if its time had come."""
    Reminder.objects.filter(state="pending").update(
        due_at=timezone.now() - timedelta(minutes=1),
        next_attempt_at=timezone.now() - timedelta(minutes=1),
    )
    reminders_deliver(reminder_ids=list(Reminder.objects.values_list("pk", flat=True)))


def assert_never_emailed(titles: set[str]) -> None:
    for message in mail.outbox:
        text = message.subject + message.body
        assert not any(title in text for title in titles), message.subject


def test_the_demo_emails_no_news_of_a_confidential_offering(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    reminders, titles = about_confidential()
    assert all(r.confidential and not r.send_email for r in reminders)
    deliver_everything()
    assert mail.outbox  # the demo does e-mail other news
    assert_never_emailed(titles)


def test_the_demo_publishes_news_of_approvals_through_the_service():
    call_command("seed_demo", stdout=io.StringIO())
    approved = Reminder.objects.get(
        recipient__email="employee@example.com", kind="programs.enrollment_approved"
    )
    assert approved.title == "You are enrolled in Grace Hopper Celebration"
    assert not approved.confidential


def test_every_step_of_a_confidential_offering_keeps_its_news_to_the_inbox(
    employer, employee, peer
):
    wellness = OfferingFactory(
        employer=employer, kind="wellness", is_confidential=True, capacity=1, title="Quiet room"
    )
    session = SessionFactory(offering=wellness, starts_at=timezone.now() + timedelta(days=2))
    first = enrollment_create(offering=wellness, person=employee, actor=employee)
    enrollment_create(offering=wellness, person=peer, actor=peer)  # waitlisted
    session_register(session=session, person=employee, actor=employee)
    enrollment_withdraw(enrollment=first, actor=employee)  # the peer is promoted
    session_register(session=session, person=peer, actor=peer)
    reminders, titles = about_confidential()
    assert {r.kind for r in reminders} >= {"programs.waitlist_promoted", "programs.session_soon"}
    assert all(r.confidential and not r.send_email for r in reminders)
    deliver_everything()
    assert Notification.objects.filter(recipient=peer).exists()
    assert_never_emailed(titles)
