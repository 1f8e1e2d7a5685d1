"""Destructive steps ask first: the page's control is a link to a confirmation page (a GET
that changes nothing and names what will happen), whose button POSTs; then it acts.
Where it makes sense the step can be undone (an archived offering is restored)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.models import Reminder
from programs.models import CalendarFeed, Enrollment, Offering, SessionRegistration, ShadowBooking
from programs.services.events import calendar_feed_for, session_register
from programs.services.kinds import slot_book, slot_create
from programs.services.offerings import offering_archive
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def posts_to(page: str, url: str) -> bool:
    return f'method="post" action="{url}"' in page


def asks_first(client, page_url: str, url: str) -> str:
    """The page links to `url` without a form that POSTs there; the GET is a confirmation
    whose form POSTs to itself. Returns the confirmation's text."""
    page = client.get(page_url).text
    assert f'href="{url}"' in page
    assert not posts_to(page, url)
    response = client.get(url)
    assert response.status_code == 200
    assert posts_to(response.text, url)
    return response.text


@pytest.fixture
def session(offering):
    return SessionFactory(offering=offering, title="Kick-off")


@pytest.fixture
def registered(session, employee):
    EnrollmentFactory(offering=session.offering, person=employee)
    session_register(session=session, person=employee, actor=employee)
    return employee


def test_withdrawing_asks_first_and_says_what_happens(client_for, registered, session):
    client = client_for(registered)
    offering = session.offering
    url = reverse("programs:withdraw", args=[offering.pk])
    text = asks_first(client, offering.get_absolute_url(), url)
    assert "Withdraw from Public speaking?" in text
    assert "registration for 1 session" in text
    assert Enrollment.objects.get(person=registered).status == "enrolled"
    client.post(url)
    assert Enrollment.objects.get(person=registered).status == "withdrawn"


def test_leaving_a_group_asks_first(client_for, employer, employee):
    erg = OfferingFactory(employer=employer, kind="erg", title="Parents at work")
    EnrollmentFactory(offering=erg, person=employee)
    text = asks_first(
        client_for(employee), erg.get_absolute_url(), reverse("programs:withdraw", args=[erg.pk])
    )
    assert "Leave Parents at work?" in text
    assert Enrollment.objects.get(person=employee).status == "enrolled"


def test_a_waitlisted_person_is_told_they_lose_their_place(client_for, employer, employee):
    full = OfferingFactory(employer=employer, capacity=1)
    EnrollmentFactory(offering=full)
    EnrollmentFactory(offering=full, person=employee, status="waitlisted", waitlist_position=1)
    text = client_for(employee).get(reverse("programs:withdraw", args=[full.pk])).text
    assert "lose your place on the waitlist (number 1)" in text


def test_archiving_asks_first_and_restoring_undoes_it(client_for, hr_admin, registered, session):
    client = client_for(hr_admin)
    offering = session.offering
    url = reverse("programs:manage-action", args=[offering.pk, "archive"])
    text = asks_first(client, reverse("programs:manage-offering", args=[offering.pk]), url)
    assert "You can restore it later" in text
    offering.refresh_from_db()
    assert offering.status == "published"
    client.post(url)
    assert Reminder.objects.filter(recipient=registered, state="pending").count() == 0
    client.post(reverse("programs:manage-action", args=[offering.pk, "restore"]))
    offering.refresh_from_db()
    assert offering.status == "draft"
    assert Reminder.objects.filter(recipient=registered, state="pending").count() == 2


def test_an_archived_offering_is_restored_before_it_is_published(client_for, hr_admin, offering):
    offering_archive(offering=offering, actor=hr_admin)
    client_for(hr_admin).post(reverse("programs:manage-action", args=[offering.pk, "publish"]))
    assert Offering.objects.get(pk=offering.pk).status == "archived"


def test_removing_a_session_asks_first_and_counts_who_is_registered(
    client_for, hr_admin, registered, session
):
    client = client_for(hr_admin)
    url = reverse("programs:manage-session-delete", args=[session.pk])
    page = reverse("programs:manage-offering", args=[session.offering_id])
    text = asks_first(client, page, url)
    assert "1 person is registered" in text
    assert SessionRegistration.objects.exists()
    client.post(url)
    assert not session.offering.sessions.exists()


def test_unregistering_asks_first(client_for, registered, session):
    client = client_for(registered)
    url = reverse("programs:session-unregister", args=[session.pk])
    asks_first(client, session.offering.get_absolute_url(), url)
    assert SessionRegistration.objects.filter(person=registered).exists()
    client.post(url)
    assert not SessionRegistration.objects.filter(person=registered).exists()


@pytest.fixture
def booking(employer, manager, employee):
    offering = OfferingFactory(employer=employer, kind="job_shadowing")
    start = timezone.now() + timedelta(days=5)
    slot = slot_create(
        offering=offering, host=manager, starts_at=start, ends_at=start + timedelta(hours=3)
    )
    return slot_book(slot=slot, participant=employee)


def test_cancelling_a_booking_asks_first(client_for, employee, booking):
    client = client_for(employee)
    url = reverse("programs:booking-cancel", args=[booking.pk])
    asks_first(client, reverse("programs:mine"), url)
    assert ShadowBooking.objects.get().status == "requested"
    client.post(url)
    assert ShadowBooking.objects.get().status == "cancelled"


def test_the_host_declining_asks_first_and_confirming_does_not(client_for, manager, booking):
    client = client_for(manager)
    url = reverse("programs:booking-decide", args=[booking.pk, "decline"])
    asks_first(client, reverse("programs:mine"), url)
    assert ShadowBooking.objects.get().status == "requested"
    client.post(url)
    assert ShadowBooking.objects.get().status == "declined"


def test_revoking_the_calendar_address_asks_first(client_for, employee):
    client = client_for(employee)
    token = calendar_feed_for(employee).token
    url = reverse("programs:calendar-revoke")
    asks_first(client, reverse("programs:calendar"), url)
    assert CalendarFeed.objects.get().token == token
    client.post(url)
    assert CalendarFeed.objects.get().token != token


def test_an_outsider_cannot_open_a_confirmation(client_for, outsider, session):
    client = client_for(outsider)
    assert client.get(reverse("programs:withdraw", args=[session.offering_id])).status_code == 404
    assert client.get(reverse("programs:session-unregister", args=[session.pk])).status_code == 404
