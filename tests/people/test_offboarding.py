"""HR deactivates a leaver in one step, and can reactivate them; each app ends its own
records through `people.signals.person_deactivated`; history is kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.models import Reminder
from careersupport.notifications.services import reminder_schedule
from careersupport.people.models import AuditEvent, Individual, Partnership
from careersupport.people.services import person_deactivate, person_reactivate
from careersupport.people.signals import person_deactivated
from programs.models import Enrollment, SessionRegistration, ShadowBooking
from programs.services.events import session_register
from programs.services.kinds import slot_book, slot_create
from tests.factories import PASSWORD, EnrollmentFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(employer):
    return OfferingFactory(employer=employer, title="Public speaking")


@pytest.fixture
def eap(employer):
    return OfferingFactory(employer=employer, kind="eap", is_confidential=True, capacity=None)


def deactivate_url(person):
    return reverse("people:person-deactivate", args=[person.pk])


def test_the_confirmation_names_what_will_happen_and_changes_nothing(
    client_for, hr_admin, manager, employee, peer
):
    text = client_for(hr_admin).get(deactivate_url(manager)).text
    assert f"Deactivate {manager.full_name}?" in text
    assert "Their 2 direct reports move to the manager you choose below." in text
    assert 'name="successor"' in text
    manager.refresh_from_db()
    assert manager.deactivated_at is None and manager.user.is_active


def test_hr_deactivates_and_the_reports_move_to_the_manager_hr_picks(
    client_for, hr_admin, manager, employee, peer, mentor
):
    response = client_for(hr_admin).post(deactivate_url(manager), {"successor": mentor.pk})
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.deactivated_at is not None and not manager.user.is_active
    assert set(mentor.reports.all()) == {employee, peer}
    event = AuditEvent.objects.get(verb="person.deactivated")
    assert (event.actor, event.data["reports_moved"]) == (hr_admin, 2)


def test_without_a_new_manager_the_reports_are_not_orphaned(
    client_for, hr_admin, manager, employee
):
    response = client_for(hr_admin).post(deactivate_url(manager), {})
    assert response.status_code == 400
    assert 'id="id_successor_error"' in response.text
    manager.refresh_from_db()
    assert manager.deactivated_at is None


def test_the_new_manager_cannot_be_below_the_leaver(hr_admin, manager, employee, peer):
    with pytest.raises(ValidationError, match="outside their reporting line"):
        person_deactivate(person=manager, actor=hr_admin, successor=employee)


def test_sign_in_is_refused_at_once_even_in_an_open_session(client_for, hr_admin, employee):
    signed_in = client_for(employee)
    assert signed_in.get(reverse("programs:mine")).status_code == 200
    person_deactivate(person=employee, actor=hr_admin)
    assert signed_in.get(reverse("programs:mine")).status_code == 302
    fresh = Client()
    assert not fresh.login(username=employee.user.email, password=PASSWORD)
    login = fresh.post(reverse("account_login"), {"login": employee.email, "password": PASSWORD})
    assert "_auth_user_id" not in fresh.session and login.status_code in (200, 302)


def test_enrollments_are_withdrawn_and_the_seat_goes_to_the_waitlist(
    hr_admin, employee, peer, employer
):
    full = OfferingFactory(employer=employer, capacity=1)
    EnrollmentFactory(offering=full, person=employee)
    EnrollmentFactory(offering=full, person=peer, status="waitlisted", waitlist_position=1)
    person_deactivate(person=employee, actor=hr_admin)
    assert Enrollment.objects.get(person=employee).status == "withdrawn"  # history kept
    assert Enrollment.objects.get(person=peer).status == "enrolled"
    assert Reminder.objects.filter(recipient=peer, kind="programs.waitlist_promoted").exists()


def test_sessions_end_and_every_pending_reminder_is_cancelled(hr_admin, employee, offering):
    session = SessionFactory(offering=offering)
    EnrollmentFactory(offering=offering, person=employee)
    session_register(session=session, person=employee, actor=employee)
    reminder_schedule(
        recipient=employee,
        kind="goals.checkin_due",
        key="goals.checkin_due:1:2030-01-01",
        due_at=timezone.now() + timedelta(days=3),
        title="Check in",
    )
    person_deactivate(person=employee, actor=hr_admin)
    assert not SessionRegistration.objects.filter(person=employee).exists()
    assert not Reminder.objects.filter(recipient=employee, state="pending").exists()


def test_a_leaving_host_cancels_the_bookings_and_the_participant_is_told(
    hr_admin, manager, employee, peer, employer
):
    offering = OfferingFactory(employer=employer, kind="job_shadowing")
    start = timezone.now() + timedelta(days=4)
    slot = slot_create(offering=offering, host=peer, starts_at=start, ends_at=start + timedelta(1))
    slot_book(slot=slot, participant=employee)
    person_deactivate(person=peer, actor=hr_admin)
    assert ShadowBooking.objects.get().status == "cancelled"
    assert Reminder.objects.filter(recipient=employee, title__contains="they have left").exists()


def test_the_partner_keeps_their_account_and_only_the_sharing_ends(
    client_for, hr_admin, employee, partner
):
    Partnership.objects.update(employee_shares_goals=True, partner_shares_goals=True)
    person_deactivate(person=employee, actor=hr_admin)
    partnership = Partnership.objects.get()
    assert partnership.status == "ended"
    assert not (partnership.employee_shares_goals or partnership.partner_shares_goals)
    partner.refresh_from_db()
    assert partner.deactivated_at is None and partner.user.is_active
    assert client_for(partner).get(reverse("goals:goal-list")).status_code == 200


def test_a_partner_is_not_deactivated_by_hr(hr_admin, partner):
    with pytest.raises(ValidationError, match="their own"):
        person_deactivate(person=partner, actor=hr_admin)


def test_hr_cannot_deactivate_themselves(hr_admin):
    with pytest.raises(ValidationError, match="yourself"):
        person_deactivate(person=hr_admin, actor=hr_admin)


def test_a_receiver_that_refuses_rolls_everything_back(hr_admin, employee, offering):
    EnrollmentFactory(offering=offering, person=employee)

    def refuse(**kwargs):
        raise ValidationError("Not today.")

    person_deactivated.connect(refuse, dispatch_uid="tests.refuse")
    try:
        with pytest.raises(ValidationError):
            person_deactivate(person=employee, actor=hr_admin)
    finally:
        person_deactivated.disconnect(dispatch_uid="tests.refuse")
    employee.refresh_from_db()
    assert employee.deactivated_at is None and employee.user.is_active
    assert Enrollment.objects.get(person=employee).status == "enrolled"


def test_the_confirmation_names_no_confidential_participation(client_for, hr_admin, employee, eap):
    EnrollmentFactory(offering=eap, person=employee)
    text = client_for(hr_admin).get(deactivate_url(employee)).text
    assert "enrollment" not in text
    person_deactivate(person=employee, actor=hr_admin)
    assert Enrollment.objects.get(person=employee).status == "withdrawn"


def test_hr_reactivates_and_the_person_signs_in_again(client_for, hr_admin, employee):
    person_deactivate(person=employee, actor=hr_admin)
    client = client_for(hr_admin)
    url = reverse("people:person-reactivate", args=[employee.pk])
    assert "Reactivate" in client.get(url).text
    client.post(url)
    employee.refresh_from_db()
    assert employee.deactivated_at is None
    assert Client().login(username=employee.user.email, password=PASSWORD)


def test_the_person_page_offers_deactivate_or_reactivate(client_for, hr_admin, employee):
    client = client_for(hr_admin)
    assert f'href="{deactivate_url(employee)}"' in client.get(employee.get_absolute_url()).text
    person_deactivate(person=employee, actor=hr_admin)
    page = client.get(employee.get_absolute_url()).text
    assert "Deactivated" in page
    assert reverse("people:person-reactivate", args=[employee.pk]) in page


@pytest.mark.parametrize("persona", ["employee", "manager", "partner"])
def test_only_hr_deactivates(client_for, request, persona, peer):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(deactivate_url(peer)).status_code == 403
    assert Individual.objects.get(pk=peer.pk).deactivated_at is None


def test_another_employers_hr_gets_404(client_for, outsider_hr, peer):
    assert client_for(outsider_hr).get(deactivate_url(peer)).status_code == 404
    with pytest.raises(PermissionDenied):
        person_deactivate(person=peer, actor=outsider_hr)


def test_a_second_deactivation_is_refused_and_reactivating_the_active_too(hr_admin, peer):
    person_deactivate(person=peer, actor=hr_admin)
    with pytest.raises(ValidationError, match="already"):
        person_deactivate(person=peer, actor=hr_admin)
    person_reactivate(person=peer, actor=hr_admin)
    with pytest.raises(ValidationError, match="is active"):
        person_reactivate(person=peer, actor=hr_admin)
