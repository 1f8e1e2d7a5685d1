"""Rules the pages once let slip: shadowing takes a seat, sessions stay within their
offering's dates, clashes are pointed out, each kind shows its own facts, one "next"."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, ShadowBooking
from programs.services.enrollment import enrollment_withdraw
from programs.services.events import session_create, session_register
from programs.services.kinds import slot_book, slot_create
from programs.services.offerings import offering_update
from tests.factories import EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


# --- job shadowing takes a seat --------------------------------------------------------


@pytest.fixture
def shadowing(employer):
    return OfferingFactory(employer=employer, kind="job_shadowing", capacity=1)


def a_slot(offering, host, days=5):
    start = timezone.now() + timedelta(days=days)
    return slot_create(
        offering=offering, host=host, starts_at=start, ends_at=start + timedelta(hours=3)
    )


def test_booking_a_slot_enrolls_and_counts_the_seat(client_for, employee, manager, shadowing):
    slot = a_slot(shadowing, manager)
    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    assert Enrollment.objects.get(offering=shadowing, person=employee).status == "enrolled"
    page = client_for(manager).get(shadowing.get_absolute_url())
    assert page.context["seats_taken"] == 1


def test_a_full_programme_refuses_a_booking_by_someone_without_a_seat(
    employee, peer, manager, shadowing
):
    slot_book(slot=a_slot(shadowing, manager), participant=peer)
    with pytest.raises(ValidationError, match="Every seat of this programme is taken"):
        slot_book(slot=a_slot(shadowing, manager, days=6), participant=employee)
    assert not Enrollment.objects.filter(person=employee).exists()
    assert ShadowBooking.objects.count() == 1


def test_a_programme_that_needs_approval_is_requested_before_booking(employee, manager, employer):
    offering = OfferingFactory(employer=employer, kind="job_shadowing", needs_approval=True)
    with pytest.raises(ValidationError, match="Request a place first"):
        slot_book(slot=a_slot(offering, manager), participant=employee)


def test_withdrawing_from_the_programme_cancels_the_booking_and_tells_the_host(
    employee, manager, shadowing
):
    from careersupport.notifications.models import Reminder

    booking = slot_book(slot=a_slot(shadowing, manager), participant=employee)
    enrollment_withdraw(enrollment=Enrollment.objects.get(person=employee), actor=employee)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert Reminder.objects.filter(recipient=manager, title__contains="no longer shadows").exists()


# --- sessions within the offering's dates ----------------------------------------------


@pytest.fixture
def march(employer):
    return OfferingFactory(
        employer=employer, starts_on=date(2027, 3, 10), ends_on=date(2027, 3, 31)
    )


def session_form(**data):
    return {
        "title": "Evening",
        "starts_at": "2028-01-15T18:00",
        "ends_at": "2028-01-15T20:00",
        "time_zone": "Europe/Berlin",
    } | data


def test_a_session_after_its_offering_is_refused_beside_the_field(client_for, hr_admin, march):
    response = client_for(hr_admin).post(
        reverse("programs:manage-session-create", args=[march.pk]), session_form()
    )
    assert response.status_code == 400
    assert 'id="id_starts_at_error">' in response.text
    assert "runs from 10 Mar 2027 to 31 Mar 2027: this session starts after it." in response.text
    assert not march.sessions.exists()


def test_a_session_before_its_offering_is_refused(hr_admin, march):
    start = datetime(2027, 3, 9, 18, tzinfo=BERLIN)
    with pytest.raises(ValidationError, match="starts before it"):
        session_create(
            offering=march,
            actor=hr_admin,
            title="Early",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            time_zone="Europe/Berlin",
        )


def test_the_last_evening_counts_in_the_sessions_own_time_zone(hr_admin, march):
    # 23:00 in New York on 31 March is already 1 April in UTC: still within the dates.
    start = datetime(2027, 3, 31, 21, tzinfo=ZoneInfo("America/New_York"))
    session = session_create(
        offering=march,
        actor=hr_admin,
        title="Late",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="America/New_York",
    )
    assert session.pk


def test_new_dates_that_would_leave_a_session_out_are_refused(hr_admin, offering):
    SessionFactory(offering=offering, starts_at=timezone.now() + timedelta(days=20))
    with pytest.raises(ValidationError, match="1 coming session or slot would fall outside"):
        offering_update(
            offering=offering, actor=hr_admin, ends_on=timezone.localdate() + timedelta(days=5)
        )


def test_a_shadowing_slot_outside_the_offering_is_refused(manager, march):
    march.kind = "job_shadowing"
    march.save()
    with pytest.raises(ValidationError, match="this slot starts after it"):
        a_slot(march, manager, days=800)


# --- a clash is named ------------------------------------------------------------------


@pytest.fixture
def two_events(employer, employee):
    soon = timezone.now() + timedelta(days=3)
    mine = SessionFactory(
        offering=OfferingFactory(employer=employer, title="Writing"),
        title="Plain words",
        starts_at=soon,
    )
    other = SessionFactory(
        offering=OfferingFactory(employer=employer, title="Speaking"),
        title="Voice",
        starts_at=soon + timedelta(hours=1),
    )
    for session in (mine, other):
        EnrollmentFactory(offering=session.offering, person=employee)
    session_register(session=mine, person=employee, actor=employee)
    return mine, other


def test_registering_for_a_clashing_session_warns_and_names_it(client_for, employee, two_events):
    mine, other = two_events
    client = client_for(employee)
    page = client.get(other.offering.get_absolute_url()).text
    assert "Overlaps your session “Plain words”" in page
    response = client.post(reverse("programs:session-register", args=[other.pk]), follow=True)
    assert "It overlaps with “Plain words” of Writing" in response.text
    assert other.registrations.filter(person=employee).exists()


def test_a_session_that_does_not_overlap_is_not_flagged(client_for, employee, two_events):
    mine, other = two_events
    other.starts_at = mine.ends_at
    other.ends_at = mine.ends_at + timedelta(hours=1)
    other.save()
    response = client_for(employee).post(
        reverse("programs:session-register", args=[other.pk]), follow=True
    )
    assert "overlaps" not in response.text


# --- each kind's own facts -------------------------------------------------------------


def test_a_policy_page_shows_no_seats_format_or_place(client_for, employee, employer, hr_admin):
    from programs.services.kinds import policy_publish_version

    policy = OfferingFactory(
        employer=employer, kind="policy", format="in_person", location="Atrium", capacity=None
    )
    policy_publish_version(offering=policy, actor=hr_admin, text="Twenty weeks.")
    page = client_for(employee).get(policy.get_absolute_url()).text
    assert "Seats" not in page and "Atrium" not in page and "In person" not in page
    assert "Twenty weeks." in page


def test_an_eap_page_shows_no_seats(client_for, employee, eap):
    page = client_for(employee).get(eap.get_absolute_url()).text
    assert "Seats" not in page and "seat" not in page
    assert "How to reach it" in page


def test_a_policy_or_an_eap_cannot_be_given_seats(hr_admin, eap):
    with pytest.raises(ValidationError, match="has no seats"):
        offering_update(offering=eap, actor=hr_admin, capacity=30)


def test_a_policy_needs_no_location(hr_admin):
    from programs.services.offerings import offering_create

    policy = offering_create(actor=hr_admin, title="Carers", kind="policy", format="in_person")
    assert policy.pk


# --- one source for "next" -------------------------------------------------------------


def test_my_programs_says_next_only_for_a_session_i_registered_for(client_for, employee, offering):
    SessionFactory(offering=offering, title="Session 1", starts_at=timezone.now() + timedelta(1))
    second = SessionFactory(
        offering=offering, title="Session 2", starts_at=timezone.now() + timedelta(days=2)
    )
    EnrollmentFactory(offering=offering, person=employee)
    client = client_for(employee)
    page = client.get(reverse("programs:mine")).text
    assert "Session 1" not in page and "Register for a session" in page
    session_register(session=second, person=employee, actor=employee)
    page = client.get(reverse("programs:mine")).text
    assert "Your next session: Session 2" in page and "Session 1" not in page
