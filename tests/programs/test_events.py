from datetime import UTC, date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from careersupport.notifications.models import Reminder
from programs.models import SessionRegistration
from programs.services.enrollment import enrollment_withdraw
from programs.services.events import session_register, session_update
from tests.factories import EnrollmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(offering):
    return SessionFactory(offering=offering, title="Kick-off")


@pytest.fixture
def registered(session, employee):
    EnrollmentFactory(offering=session.offering, person=employee)
    session_register(session=session, person=employee, actor=employee)
    return employee


def pending(person):
    return set(
        Reminder.objects.filter(recipient=person, state="pending").values_list("kind", flat=True)
    )


def test_hr_schedules_a_session_in_its_own_time_zone(client_for, hr_admin, offering):
    offering.starts_on, offering.ends_on = date(2030, 1, 1), date(2030, 12, 31)
    offering.save()
    data = {
        "title": "Evening panel",
        "starts_at": "2030-03-10T18:00",
        "ends_at": "2030-03-10T20:00",
        "time_zone": "America/New_York",
    }
    client_for(hr_admin).post(reverse("programs:manage-session-create", args=[offering.pk]), data)
    session = offering.sessions.get()
    assert session.starts_at.astimezone(UTC).hour == 22
    assert session.local_start.hour == 18


def test_a_session_ending_before_it_starts_is_refused(client_for, hr_admin, offering):
    data = {
        "title": "x",
        "starts_at": "2030-03-10T18:00",
        "ends_at": "2030-03-10T17:00",
        "time_zone": "UTC",
    }
    response = client_for(hr_admin).post(
        reverse("programs:manage-session-create", args=[offering.pk]), data
    )
    assert "must end after it starts" in response.text
    assert not offering.sessions.exists()


def test_registering_needs_an_enrollment(client_for, employee, session):
    client_for(employee).post(reverse("programs:session-register", args=[session.pk]))
    assert not SessionRegistration.objects.exists()


def test_registering_schedules_reminders_a_day_and_an_hour_before(registered, session):
    assert pending(registered) == {"programs.session_tomorrow", "programs.session_soon"}
    soon = Reminder.objects.get(kind="programs.session_soon")
    assert soon.due_at == session.starts_at - timedelta(hours=1)


def test_unregistering_cancels_the_reminders(client_for, registered, session):
    client_for(registered).post(reverse("programs:session-unregister", args=[session.pk]))
    assert not SessionRegistration.objects.exists()
    assert pending(registered) == set()


def test_withdrawing_cancels_registrations_and_reminders(registered, session):
    enrollment = registered.enrollments.get()
    enrollment_withdraw(enrollment=enrollment, actor=registered)
    assert not SessionRegistration.objects.exists()
    assert pending(registered) == set()


def test_moving_a_session_moves_the_reminders(hr_admin, registered, session):
    later = session.starts_at + timedelta(days=2)
    session_update(
        session=session, actor=hr_admin, starts_at=later, ends_at=later + timedelta(hours=1)
    )
    day = Reminder.objects.get(kind="programs.session_tomorrow")
    assert day.due_at == later - timedelta(days=1)


def test_removing_a_session_cancels_its_reminders(client_for, hr_admin, registered, session):
    client_for(hr_admin).post(reverse("programs:manage-session-delete", args=[session.pk]))
    assert pending(registered) == set()


def test_the_ics_of_a_session_has_its_local_time(client_for, employee, session):
    response = client_for(employee).get(reverse("programs:session-ics", args=[session.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.local_start.replace(microsecond=0)
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert "Kick-off" in str(event["summary"])


def test_the_ics_is_refused_to_an_outsider(client_for, outsider, session):
    assert (
        client_for(outsider).get(reverse("programs:session-ics", args=[session.pk])).status_code
        == 404
    )


def test_the_private_feed_lists_my_sessions_and_stops_after_revoking(
    client_for, client, registered
):
    me = client_for(registered)
    feed_url = me.get(reverse("programs:calendar")).context["feed_url"]
    path = feed_url.replace("http://testserver", "")
    assert b"Kick-off" in client.get(path).content
    me.post(reverse("programs:calendar-revoke"))
    assert client.get(path).status_code == 404


def test_a_made_up_feed_token_is_404(client):
    assert client.get(reverse("programs:calendar-feed", args=["nope"])).status_code == 404


def test_renaming_a_session_rewrites_the_reminders(hr_admin, registered, session):
    session_update(session=session, actor=hr_admin, title="Kick-off, new room")
    titles = set(Reminder.objects.values_list("title", flat=True))
    assert titles and all("Kick-off, new room" in t for t in titles)


def test_archiving_the_event_cancels_its_session_reminders(hr_admin, registered, session):
    from programs.services.offerings import offering_archive

    offering_archive(offering=session.offering, actor=hr_admin)
    assert pending(registered) == set()
