from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.models import Notification, NotificationPreference, Reminder
from careersupport.people.models import Individual

pytestmark = pytest.mark.django_db


def seed() -> tuple[int, int]:
    call_command("seed_demo", stdout=StringIO())
    return Reminder.objects.count(), Notification.objects.count()


def test_the_demo_fills_inboxes_preferences_and_one_failure_once(client_for, clock):
    clock(timezone.now().replace(hour=12))  # outside the demo employee's quiet hours
    first = seed()
    assert seed() == first
    employee = Individual.objects.get(email="employee@example.com")
    hr = Individual.objects.get(email="hr@example.com")
    inbox = Notification.objects.filter(recipient=employee)
    assert inbox.filter(read_at__isnull=True).exists() and inbox.filter(read_at__isnull=False)
    assert NotificationPreference.objects.get(recipient=employee).has_quiet_hours
    assert Reminder.objects.filter(employer=hr.employer, state="failed").count() == 1
    assert (
        "5.1.1 Mailbox unavailable"
        in client_for(hr).get(reverse("notifications:failure-list")).text
    )
