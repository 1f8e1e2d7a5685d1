"""Next steps become reminders at 09:00 in the owner's zone on the day; they follow moves
of the date, and are cancelled when the step is cleared or the application closes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from careersupport.jobsearch import reminders, services
from careersupport.notifications.kinds import key_matches_kind
from careersupport.notifications.models import Reminder

pytestmark = pytest.mark.django_db


def future(days: int):
    return timezone.localdate() + timedelta(days=days)


def pending():
    return list(Reminder.objects.filter(state="pending", kind=reminders.NEXT_STEP))


@pytest.fixture
def planned(partner, application):
    partner.time_zone = "America/New_York"
    partner.save(update_fields=["time_zone"])
    return services.application_set_next_step(
        application=application, actor=partner, next_step="Call Rae", next_step_on=future(10)
    )


def test_a_next_step_is_reminded_at_nine_in_the_owners_zone(planned):
    (reminder,) = pending()
    local = reminder.due_at.astimezone(planned.owner.tzinfo)
    assert (local.date(), local.hour, local.minute) == (future(10), 9, 0)
    assert reminder.title == "Today: Call Rae" and reminder.url == planned.get_absolute_url()
    assert key_matches_kind(reminder.key, reminders.NEXT_STEP)


def test_moving_the_date_moves_the_reminder(partner, planned):
    services.application_set_next_step(
        application=planned, actor=partner, next_step="Call Rae", next_step_on=future(12)
    )
    (reminder,) = pending()
    assert reminder.due_at.astimezone(partner.tzinfo).date() == future(12)
    assert (
        Reminder.objects.get(key=reminders.next_step_key(planned.pk, future(10))).state
        == "cancelled"
    )


def test_clearing_the_step_cancels_it(partner, planned):
    services.application_set_next_step(
        application=planned, actor=partner, next_step="", next_step_on=None
    )
    assert pending() == []


@pytest.mark.parametrize("stage", ["rejected", "withdrawn"])
def test_closing_the_application_cancels_it(partner, planned, stage):
    services.application_move(application=planned, actor=partner, stage=stage)
    assert pending() == []


def test_reopening_brings_it_back(partner, planned):
    services.application_move(application=planned, actor=partner, stage="rejected")
    services.application_move(application=planned, actor=partner, stage="interviewing")
    assert len(pending()) == 1


def test_a_step_in_the_past_is_refused(partner, application):
    with pytest.raises(Exception, match="cannot be in the past"):
        services.application_set_next_step(
            application=application, actor=partner, next_step="Call", next_step_on=future(-3)
        )
    assert pending() == []


def test_scheduling_the_same_step_twice_keeps_one_reminder(partner, planned):
    services.application_update(application=planned, actor=partner, notes="Prepare questions")
    assert len(pending()) == 1


def test_across_a_daylight_saving_change_it_stays_at_nine(partner, application):
    # 2027-03-14: the United States springs forward; 09:00 New York is then 13:00 UTC.
    partner.time_zone = "America/New_York"
    partner.save(update_fields=["time_zone"])
    services.application_set_next_step(
        application=application,
        actor=partner,
        next_step="Interview",
        next_step_on=datetime(2027, 3, 15).date(),
    )
    (reminder,) = pending()
    assert reminder.due_at == datetime(2027, 3, 15, 13, 0, tzinfo=UTC)


def test_the_next_step_form_saves_and_reports_errors_beside_the_field(
    client_for, partner, application
):
    from django.urls import reverse

    url = reverse("jobsearch:next-step", args=[application.pk])
    response = client_for(partner).post(url, {"next_step": "Call"})
    assert response.status_code == 400 and "Give the day of the next step" in response.text
    response = client_for(partner).post(
        url, {"next_step": "Call", "next_step_on": future(2).isoformat()}
    )
    assert response.status_code == 302 and len(pending()) == 1
