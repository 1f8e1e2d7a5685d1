from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminder_deliver, reminders_claim_due
from careersupport.notifications.timing import at_local, in_quiet_hours, quiet_hours_end
from tests.factories import NotificationPreferenceFactory, ReminderFactory

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NIGHT = (time(22, 0), time(7, 0))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_quiet_hours_spanning_midnight_hold_on_both_sides():
    assert in_quiet_hours(utc(2026, 6, 1, 21, 30), BERLIN, *NIGHT)  # 23:30 CEST
    assert in_quiet_hours(utc(2026, 6, 1, 0, 0), BERLIN, *NIGHT)  # 02:00 CEST
    assert not in_quiet_hours(utc(2026, 6, 1, 5, 0), BERLIN, *NIGHT)  # 07:00 CEST: over
    assert not in_quiet_hours(utc(2026, 6, 1, 12, 0), BERLIN, *NIGHT)


def test_a_reminder_due_at_two_local_arrives_at_seven_local():
    assert quiet_hours_end(utc(2026, 6, 1, 0, 0), BERLIN, *NIGHT) == utc(2026, 6, 1, 5, 0)
    assert quiet_hours_end(utc(2026, 1, 15, 1, 0), BERLIN, *NIGHT) == utc(2026, 1, 15, 6, 0)


def test_quiet_hours_end_at_local_seven_across_the_spring_change():
    # Night of 28-29 March 2026: Berlin jumps from 02:00 CET to 03:00 CEST.
    due = utc(2026, 3, 28, 23, 30)  # 00:30 CET
    assert quiet_hours_end(due, BERLIN, *NIGHT) == utc(2026, 3, 29, 5, 0)  # 07:00 CEST


def test_quiet_hours_end_at_local_seven_across_the_autumn_change():
    # Night of 24-25 October 2026: Berlin falls back from 03:00 CEST to 02:00 CET.
    due = utc(2026, 10, 24, 22, 30)  # 00:30 CEST
    assert quiet_hours_end(due, BERLIN, *NIGHT) == utc(2026, 10, 25, 6, 0)  # 07:00 CET


def test_quiet_hours_end_in_the_persons_own_zone_across_its_own_change():
    # New York springs forward on 8 March 2026, three weeks before Berlin.
    due = utc(2026, 3, 8, 6, 0)  # 01:00 EST
    assert quiet_hours_end(due, NEW_YORK, *NIGHT) == utc(2026, 3, 8, 11, 0)  # 07:00 EDT


def test_a_wall_time_skipped_by_the_change_resolves_to_the_jump():
    assert at_local(datetime(2026, 3, 29).date(), time(2, 30), BERLIN) == utc(2026, 3, 29, 1, 0)


@pytest.mark.django_db
def test_delivery_in_quiet_hours_waits_until_they_end(employee, mailbox, clock):
    employee.time_zone = "Europe/Berlin"
    employee.save()
    NotificationPreferenceFactory(recipient=employee, quiet_start=NIGHT[0], quiet_end=NIGHT[1])
    reminder = ReminderFactory(recipient=employee, due_at=utc(2026, 3, 28, 23, 0))
    clock(utc(2026, 3, 28, 23, 1))
    assert reminder_deliver(reminder_id=reminder.pk) == "deferred"
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING and mailbox == []
    assert reminder.next_attempt_at == utc(2026, 3, 29, 5, 0)
    clock(utc(2026, 3, 29, 5, 0, 30))
    assert reminder_deliver(reminder_id=reminder.pk) == "sent" and len(mailbox) == 1


@pytest.mark.django_db
def test_due_at_two_local_on_the_autumn_change_night_arrives_at_seven_local(
    employee, mailbox, clock
):
    # 25 October 2026, Berlin: 02:00 CEST (00:00 UTC) comes first, then 03:00 CEST falls back
    # to 02:00 CET. The night is 25 hours long; quiet hours still end at 07:00 CET.
    employee.time_zone = "Europe/Berlin"
    employee.save()
    NotificationPreferenceFactory(recipient=employee, quiet_start=NIGHT[0], quiet_end=NIGHT[1])
    reminder = ReminderFactory(recipient=employee, due_at=utc(2026, 10, 25, 0, 0))
    clock(utc(2026, 10, 25, 0, 0, 30))
    assert reminders_claim_due() == [reminder.pk]
    assert reminder_deliver(reminder_id=reminder.pk) == "deferred"
    assert reminders_claim_due(now=utc(2026, 10, 25, 5, 59)) == []  # 06:59 CET
    clock(utc(2026, 10, 25, 6, 0, 30))  # 07:00 CET
    assert reminders_claim_due() == [reminder.pk]
    assert reminder_deliver(reminder_id=reminder.pk) == "sent" and len(mailbox) == 1
