from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, MilestoneProgress, PolicyAcknowledgement, ShadowBooking
from programs.services.kinds import (
    cohort_create,
    participant_path_update,
    phase_create,
    policy_publish_version,
    slot_create,
)
from tests.factories import EnrollmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db


# --- family-friendly policies ----------------------------------------------------------


@pytest.fixture
def policy(employer, hr_admin):
    offering = OfferingFactory(employer=employer, kind="policy", title="Parental leave")
    policy_publish_version(offering=offering, actor=hr_admin, text="Sixteen weeks, fully paid.")
    return offering


def acknowledge(client, policy, number):
    return client.post(
        reverse("programs:policy-acknowledge", args=[policy.pk]), {"version": number}
    )


def test_an_employee_acknowledges_the_current_version(client_for, employee, policy):
    acknowledge(client_for(employee), policy, 1)
    assert PolicyAcknowledgement.objects.get().person == employee


def test_hr_sees_who_acknowledged_the_current_version_only(
    client_for, hr_admin, employee, peer, policy
):
    acknowledge(client_for(employee), policy, 1)
    policy_publish_version(offering=policy, actor=hr_admin, text="Twenty weeks.")
    acknowledge(client_for(peer), policy, 2)
    page = client_for(hr_admin).get(reverse("programs:manage-offering", args=[policy.pk])).text
    assert peer.full_name in page
    assert employee.full_name not in page


def test_an_outdated_acknowledgement_is_refused(client_for, hr_admin, employee, policy):
    policy_publish_version(offering=policy, actor=hr_admin, text="Twenty weeks.")
    acknowledge(client_for(employee), policy, 1)
    assert not PolicyAcknowledgement.objects.exists()


def test_hr_publishes_a_new_version_through_the_console(client_for, hr_admin, policy):
    client_for(hr_admin).post(reverse("programs:manage-policy", args=[policy.pk]), {"text": "New"})
    assert policy.versions.first().number == 2


# --- employee resource groups ------------------------------------------------------------


@pytest.fixture
def erg(employer):
    return OfferingFactory(employer=employer, kind="erg", title="Parents at work")


def test_members_see_the_member_list_and_others_do_not(client_for, erg, employee, peer):
    EnrollmentFactory(offering=erg, person=peer, is_lead=True)
    url = reverse("programs:offering-detail", args=[erg.pk])
    assert peer.full_name not in client_for(employee).get(url).text
    client_for(employee).post(reverse("programs:enroll", args=[erg.pk]))
    page = client_for(employee).get(url).text
    assert peer.full_name in page and "Lead" in page


def test_leaving_the_group(client_for, erg, employee):
    client = client_for(employee)
    client.post(reverse("programs:enroll", args=[erg.pk]))
    client.post(reverse("programs:withdraw", args=[erg.pk]))
    assert Enrollment.objects.get().status == "withdrawn"


def test_hr_makes_a_member_lead(client_for, hr_admin, erg, employee):
    member = EnrollmentFactory(offering=erg, person=employee)
    client_for(hr_admin).post(reverse("programs:manage-erg-lead", args=[member.pk]), {"lead": "1"})
    member.refresh_from_db()
    assert member.is_lead


SESSION = {
    "title": "Lunch and learn",
    "starts_at": "2030-03-04T12:00",
    "ends_at": "2030-03-04T13:00",
    "time_zone": "Europe/Berlin",
    "location": "Room 4",
}


def test_a_lead_schedules_a_group_event_from_the_group_page(client_for, erg, employee):
    EnrollmentFactory(offering=erg, person=employee, is_lead=True)
    client = client_for(employee)
    assert "Schedule a group event" in client.get(erg.get_absolute_url()).text
    response = client.post(reverse("programs:lead-session-create", args=[erg.pk]), SESSION)
    assert response.status_code == 302
    session = erg.sessions.get()
    client.post(
        reverse("programs:lead-session-edit", args=[session.pk]), {**SESSION, "title": "Lunch"}
    )
    assert erg.sessions.get().title == "Lunch"


@pytest.mark.parametrize("who", ["member", "lead_elsewhere", "outsider"])
def test_only_the_groups_leads_schedule_its_events(
    client_for, request, employer, erg, employee, who
):
    person = request.getfixturevalue("outsider") if who == "outsider" else employee
    if who == "member":
        EnrollmentFactory(offering=erg, person=employee)
    if who == "lead_elsewhere":
        other = OfferingFactory(employer=employer, kind="erg")
        EnrollmentFactory(offering=other, person=employee, is_lead=True)
    response = client_for(person).post(
        reverse("programs:lead-session-create", args=[erg.pk]), SESSION
    )
    assert response.status_code == (404 if who == "outsider" else 403)
    assert not erg.sessions.exists()


# --- job shadowing -----------------------------------------------------------------------


@pytest.fixture
def slot(employer, manager):
    offering = OfferingFactory(employer=employer, kind="job_shadowing", title="Shadow a lead")
    start = timezone.now() + timedelta(days=5)
    return slot_create(
        offering=offering, host=manager, starts_at=start, ends_at=start + timedelta(hours=4)
    )


def test_an_employee_offers_a_slot_from_the_page(client_for, peer, slot):
    client_for(peer).post(
        reverse("programs:slot-create", args=[slot.offering.pk]),
        {"starts_at": "2030-01-02T09:00", "ends_at": "2030-01-02T12:00", "note": "Sales calls"},
    )
    assert slot.offering.slots.filter(host=peer).exists()


def test_a_participant_books_and_the_host_confirms(client_for, employee, manager, slot):
    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    booking = ShadowBooking.objects.get()
    assert booking.status == "requested"
    client_for(manager).post(reverse("programs:booking-decide", args=[booking.pk, "confirm"]))
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_the_host_is_sent_to_my_programs_to_decide_and_the_participant_hears_back(
    client_for, employee, manager, slot
):
    from careersupport.notifications.models import Reminder

    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    asked = Reminder.objects.get(recipient=manager)
    assert asked.url == reverse("programs:mine")
    page = client_for(manager).get(asked.url).text
    assert "People shadowing you" in page and employee.full_name in page
    booking = ShadowBooking.objects.get()
    client_for(manager).post(reverse("programs:booking-decide", args=[booking.pk, "decline"]))
    assert Reminder.objects.get(recipient=employee).title.endswith("declined")


def test_the_host_is_told_when_the_participant_cancels(client_for, employee, manager, slot):
    from careersupport.notifications.models import Reminder

    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    booking = ShadowBooking.objects.get()
    client_for(employee).post(reverse("programs:booking-cancel", args=[booking.pk]))
    assert ShadowBooking.objects.get().status == "cancelled"
    assert Reminder.objects.filter(recipient=manager, title__contains="cancelled").exists()


def test_a_slot_is_booked_once(client_for, employee, peer, slot):
    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    client_for(peer).post(reverse("programs:slot-book", args=[slot.pk]))
    assert ShadowBooking.objects.count() == 1


def test_only_the_host_decides(client_for, employee, peer, slot):
    client_for(employee).post(reverse("programs:slot-book", args=[slot.pk]))
    booking = ShadowBooking.objects.get()
    response = client_for(peer).post(
        reverse("programs:booking-decide", args=[booking.pk, "decline"])
    )
    assert response.status_code == 403
    assert ShadowBooking.objects.get().status == "requested"


def test_a_partner_cannot_host(client_for, partner, slot):
    slot.offering.for_partners = True
    slot.offering.save()
    response = client_for(partner).post(reverse("programs:slot-create", args=[slot.offering.pk]))
    assert response.status_code == 403


# --- re-entry cohorts --------------------------------------------------------------------


@pytest.fixture
def cohort(employer, hr_admin):
    offering = OfferingFactory(employer=employer, kind="reentry", for_returners=True)
    cohort = cohort_create(
        offering=offering, actor=hr_admin, name="Autumn", starts_on=date(2026, 9, 1)
    )
    phase_create(
        cohort=cohort,
        actor=hr_admin,
        name="Refresh skills",
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 10, 15),
        milestones=["Skills plan", "Course done"],
    )
    return cohort


def test_hr_places_a_returner_ticks_a_milestone_and_records_the_outcome(
    client_for, hr_admin, employee, cohort
):
    enrollment = EnrollmentFactory(offering=cohort.offering, person=employee)
    client = client_for(hr_admin)
    url = reverse("programs:manage-participant", args=[enrollment.pk])
    client.post(url, {"cohort": cohort.pk, "outcome": ""})
    milestone = cohort.phases.get().milestones.first()
    client.post(
        reverse("programs:manage-milestone", args=[enrollment.pk, milestone.pk]), {"done": "1"}
    )
    client.post(url, {"cohort": cohort.pk, "outcome": "placed"})
    enrollment.refresh_from_db()
    assert (enrollment.cohort, enrollment.outcome, enrollment.status) == (
        cohort,
        "placed",
        "completed",
    )
    assert MilestoneProgress.objects.filter(enrollment=enrollment).count() == 1


def test_a_refused_outcome_leaves_the_cohort_as_it_was(hr_admin, employee, cohort):
    later = cohort_create(
        offering=cohort.offering, actor=hr_admin, name="Spring", starts_on=date(2027, 3, 1)
    )
    enrollment = EnrollmentFactory(
        offering=cohort.offering, person=employee, cohort=cohort, outcome="extended"
    )
    with pytest.raises(ValidationError):
        participant_path_update(enrollment=enrollment, actor=hr_admin, cohort=later, outcome="x")
    enrollment.refresh_from_db()
    assert (enrollment.cohort, enrollment.outcome) == (cohort, "extended")


def test_the_participant_sees_their_path(client_for, employee, cohort):
    enrollment = EnrollmentFactory(offering=cohort.offering, person=employee, cohort=cohort)
    MilestoneProgress.objects.create(
        milestone=cohort.phases.get().milestones.first(), enrollment=enrollment
    )
    employee.is_returner = True
    employee.save()
    page = (
        client_for(employee)
        .get(reverse("programs:offering-detail", args=[cohort.offering.pk]))
        .text
    )
    assert (
        "Refresh skills" in page
        and "Reached:</span> Skills plan" in page
        and "To do:</span> Course done" in page
    )


def test_hr_builds_cohorts_and_phases_from_the_console(client_for, hr_admin, cohort):
    client = client_for(hr_admin)
    client.post(
        reverse("programs:manage-phase-create", args=[cohort.pk]),
        {"name": "Placement", "starts_on": "2026-10-16", "ends_on": "2026-09-01", "milestones": ""},
    )
    assert cohort.phases.count() == 1
    client.post(
        reverse("programs:manage-phase-create", args=[cohort.pk]),
        {
            "name": "Placement",
            "starts_on": "2026-10-16",
            "ends_on": "2026-12-01",
            "milestones": "Offer",
        },
    )
    assert list(cohort.phases.values_list("name", flat=True)) == ["Refresh skills", "Placement"]


def test_a_milestone_of_another_cohort_is_refused(client_for, hr_admin, employer, cohort):
    other = IndividualFactory(employer=employer)
    enrollment = EnrollmentFactory(offering=cohort.offering, person=other)
    milestone = cohort.phases.get().milestones.first()
    client_for(hr_admin).post(
        reverse("programs:manage-milestone", args=[enrollment.pk, milestone.pk]), {"done": "1"}
    )
    assert not MilestoneProgress.objects.exists()
