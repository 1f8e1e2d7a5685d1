import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careersupport.notifications.models import Reminder
from programs.models import Enrollment
from programs.services.enrollment import enrollment_create, enrollment_withdraw
from tests.factories import EnrollmentFactory, IndividualFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def enroll(person, offering):
    return enrollment_create(offering=offering, person=person, actor=person)


def test_it_enrolls_through_the_page(client_for, employee, offering):
    response = client_for(employee).post(reverse("programs:enroll", args=[offering.pk]))
    assert response.status_code == 302
    assert Enrollment.objects.get(person=employee).status == "enrolled"


def test_it_waitlists_when_full(employer, employee, peer):
    offering = OfferingFactory(employer=employer, capacity=1)
    assert enroll(employee, offering).status == "enrolled"
    waiting = enroll(peer, offering)
    assert waiting.status == "waitlisted"
    assert waiting.waitlist_position == 1


def test_it_requests_approval_when_needed(employer, employee):
    offering = OfferingFactory(employer=employer, needs_approval=True)
    assert enroll(employee, offering).status == "requested"


def test_it_refuses_a_second_enrollment(employee, offering):
    enroll(employee, offering)
    with pytest.raises(ValidationError, match="already enrolled"):
        enroll(employee, offering)


def test_it_refuses_when_the_window_is_closed(employer, employee):
    from django.utils import timezone

    offering = OfferingFactory(employer=employer, enrollment_closes_at=timezone.now())
    with pytest.raises(ValidationError, match="not open"):
        enroll(employee, offering)


def test_withdrawing_gives_the_seat_to_the_first_waiting(employer, employee, peer, manager):
    offering = OfferingFactory(employer=employer, capacity=1)
    first = enroll(employee, offering)
    second, third = enroll(peer, offering), enroll(manager, offering)
    enrollment_withdraw(enrollment=first, actor=employee)
    second.refresh_from_db(), third.refresh_from_db()
    assert (second.status, second.waitlist_position) == ("enrolled", None)
    assert (third.status, third.waitlist_position) == ("waitlisted", 1)


def test_the_promoted_person_is_told_by_a_reminder(employer, employee, peer):
    offering = OfferingFactory(employer=employer, capacity=1)
    first = enroll(employee, offering)
    enroll(peer, offering)
    enrollment_withdraw(enrollment=first, actor=employee)
    reminder = Reminder.objects.get(recipient=peer)
    assert reminder.kind == "programs.waitlist_promoted"
    assert offering.title in reminder.title


def test_leaving_the_waitlist_closes_the_gap(employer):
    offering = OfferingFactory(employer=employer, capacity=0)
    a, b, c = (enroll(IndividualFactory(employer=employer), offering) for _ in range(3))
    enrollment_withdraw(enrollment=b, actor=b.person)
    c.refresh_from_db()
    assert c.waitlist_position == 2
    assert Enrollment.objects.get(pk=b.pk).status == "withdrawn"


def test_withdraw_through_the_page_and_enroll_again(client_for, employee, offering):
    client = client_for(employee)
    client.post(reverse("programs:enroll", args=[offering.pk]))
    client.post(reverse("programs:withdraw", args=[offering.pk]))
    assert Enrollment.objects.get(person=employee).status == "withdrawn"
    client.post(reverse("programs:enroll", args=[offering.pk]))
    assert Enrollment.objects.get(person=employee).status == "enrolled"


def test_raising_capacity_fills_seats_from_the_waitlist(employer, hr_admin, employee):
    from programs.services.offerings import offering_update

    offering = OfferingFactory(employer=employer, capacity=0)
    enroll(employee, offering)
    offering_update(offering=offering, actor=hr_admin, capacity=1)
    assert Enrollment.objects.get(person=employee).status == "enrolled"


def test_coaching_enrollment_waits_for_the_coaching_flow(employer, employee):
    offering = OfferingFactory(employer=employer, kind="coaching")
    enrollment = enroll(employee, offering)
    assert enrollment.handoff_status == "waiting"


def test_my_programs_shows_what_i_am_in_and_waiting_for(client_for, employer, employee):
    EnrollmentFactory(offering__employer=employer, offering__title="Yoga", person=employee)
    EnrollmentFactory(
        offering__employer=employer,
        offering__title="Summit",
        person=employee,
        status="waitlisted",
        waitlist_position=3,
    )
    text = client_for(employee).get(reverse("programs:mine")).text
    assert "Yoga" in text and "Summit" in text and "number 3" in text


def test_an_unpublished_offering_stays_visible_to_its_participants_only(
    client_for, employee, peer, offering
):
    enroll(employee, offering)
    offering.status = "draft"
    offering.save()
    assert client_for(employee).get(offering.get_absolute_url()).status_code == 200
    assert client_for(peer).get(offering.get_absolute_url()).status_code == 404
    client_for(employee).post(reverse("programs:withdraw", args=[offering.pk]))
    assert Enrollment.objects.get(person=employee).status == "withdrawn"
    client_for(employee).post(reverse("programs:enroll", args=[offering.pk]))
    assert Enrollment.objects.get(person=employee).status == "withdrawn"


def test_the_coaching_app_hook_sets_status_and_link_shown_in_my_programs(
    client_for, employer, employee
):
    from programs.services.enrollment import enrollment_set_handoff

    enrollment = enroll(employee, OfferingFactory(employer=employer, kind="mentorship"))
    enrollment_set_handoff(
        enrollment=enrollment, actor=None, status="matched", url="/mentorship/7/"
    )
    page = client_for(employee).get(reverse("programs:mine")).text
    assert "Matched" in page and 'href="/mentorship/7/"' in page


def test_the_hook_refuses_other_kinds(employee, offering):
    from programs.services.enrollment import enrollment_set_handoff

    with pytest.raises(ValidationError):
        enrollment_set_handoff(enrollment=enroll(employee, offering), actor=None, status="matched")


def test_it_refuses_an_offering_that_has_ended(employer, employee):
    offering = OfferingFactory(employer=employer, starts_on="2020-01-01", ends_on="2020-01-02")
    with pytest.raises(ValidationError, match="not open"):
        enroll(employee, offering)


def test_hr_of_the_employer_finds_who_waits_for_a_coach(employer, employee, hr_admin, outsider_hr):
    from programs.selectors import enrollments_awaiting_handoff

    enrollment = enroll(employee, OfferingFactory(employer=employer, kind="coaching"))
    assert list(enrollments_awaiting_handoff(viewer=hr_admin, kind="coaching")) == [enrollment]
    assert not enrollments_awaiting_handoff(viewer=outsider_hr, kind="coaching").exists()
    assert not enrollments_awaiting_handoff(viewer=employee, kind="coaching").exists()


def test_completing_frees_no_seat_for_a_newcomer_ahead_of_the_waitlist(
    employer, employee, peer, manager, hr_admin
):
    from programs.services.enrollment import enrollment_complete

    offering = OfferingFactory(employer=employer, capacity=1)
    done = enroll(employee, offering)
    assert enroll(peer, offering).status == "waitlisted"
    enrollment_complete(enrollment=done, actor=hr_admin)
    assert enroll(manager, offering).status == "waitlisted"


def test_my_programs_shows_a_declined_request_with_the_reason(client_for, employer, employee):
    EnrollmentFactory(
        offering__employer=employer,
        offering__title="Summit",
        person=employee,
        status="declined",
        decision_reason="Budget spent until January.",
    )
    text = client_for(employee).get(reverse("programs:mine")).text
    assert "Summit" in text and "Budget spent until January." in text


def test_hr_sees_in_the_roster_who_waits_for_the_coaching_flow(client_for, employer, hr_admin):
    coaching = OfferingFactory(employer=employer, kind="coaching")
    EnrollmentFactory(offering=coaching, handoff_status="waiting")
    page = client_for(hr_admin).get(reverse("programs:manage-offering", args=[coaching.pk])).text
    assert "waiting to be matched" in page
