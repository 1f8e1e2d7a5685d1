"""EAP participation: HR sees counts, managers see nothing, nobody sees names."""

import pytest
from django.urls import reverse

from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eap_enrollment(eap, employee):
    employee.last_name = "Zebedee"
    employee.save()
    return EnrollmentFactory(offering=eap, person=employee)


def hr_paths(eap, enrollment):
    return [
        reverse("programs:manage"),
        reverse("programs:manage-queue"),
        reverse("programs:manage-offering", args=[eap.pk]),
        reverse("programs:manage-roster-csv", args=[eap.pk]),
        reverse("programs:catalog"),
        reverse("programs:offering-detail", args=[eap.pk]),
        reverse("notifications:failure-list"),
        "/",
    ]


def test_hr_sees_counts_but_no_name_on_any_page(client_for, hr_admin, eap, eap_enrollment):
    client = client_for(hr_admin)
    for path in hr_paths(eap, eap_enrollment):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Zebedee" not in response.content.decode(), path
    page = client.get(reverse("programs:manage-offering", args=[eap.pk])).text
    assert "HR sees the counts above and never who takes part" in page
    person = client.get(reverse("people:person-detail", args=[eap_enrollment.person_id])).text
    assert eap.title not in person


def test_the_csv_of_a_confidential_offering_has_counts_only(
    client_for, hr_admin, eap, eap_enrollment
):
    body = client_for(hr_admin).get(reverse("programs:manage-roster-csv", args=[eap.pk]))
    assert body.content.decode().splitlines()[:3] == ["status,count", "requested,0", "enrolled,1"]


@pytest.mark.parametrize("decision", ["approve", "decline", "complete"])
def test_hr_cannot_open_a_confidential_enrollment(client_for, hr_admin, eap_enrollment, decision):
    url = reverse("programs:manage-decide", args=[eap_enrollment.pk, decision])
    assert client_for(hr_admin).post(url, {"reason": "x"}).status_code == 404
    participant = reverse("programs:manage-participant", args=[eap_enrollment.pk])
    assert client_for(hr_admin).get(participant).status_code == 404


def test_the_manager_sees_no_name_anywhere(client_for, manager, eap, eap_enrollment):
    client = client_for(manager)
    for path in [
        reverse("programs:catalog"),
        reverse("programs:mine"),
        reverse("programs:offering-detail", args=[eap.pk]),
    ]:
        assert "Zebedee" not in client.get(path).text, path
    assert client.get(reverse("programs:manage-offering", args=[eap.pk])).status_code == 403


def test_the_participant_sees_their_own_status(client_for, employee, eap, eap_enrollment):
    page = client_for(employee).get(reverse("programs:offering-detail", args=[eap.pk])).text
    assert "Enrolled" in page


def test_an_eap_cannot_need_approval(hr_admin, eap):
    from django.core.exceptions import ValidationError

    from programs.services.offerings import offering_update

    with pytest.raises(ValidationError, match="cannot need approval"):
        offering_update(offering=eap, actor=hr_admin, needs_approval=True)


def test_the_audit_trail_names_no_eap_participant(employee, eap):
    from careersupport.people.models import AuditEvent
    from programs.services.enrollment import enrollment_create, enrollment_withdraw

    enrollment = enrollment_create(offering=eap, person=employee, actor=employee)
    enrollment_withdraw(enrollment=enrollment, actor=employee)
    assert list(AuditEvent.objects.values_list("actor", flat=True)) == [None, None]


def test_colleagues_do_not_see_how_many_use_the_eap(client_for, peer, eap, eap_enrollment):
    page = client_for(peer).get(reverse("programs:offering-detail", args=[eap.pk])).text
    assert "seat taken" not in page and "seats taken" not in page


@pytest.mark.parametrize(
    "kind", ["coaching", "mentorship", "reentry", "policy", "erg", "job_shadowing"]
)
def test_kinds_that_work_with_names_cannot_be_confidential(client_for, hr_admin, kind):
    from programs.models import Offering
    from tests.programs.test_manage import VALID

    data = {**VALID, "kind": kind, "is_confidential": "on"}
    response = client_for(hr_admin).post(reverse("programs:manage-create"), data)
    assert "cannot be confidential" in response.text
    assert not Offering.objects.exists()


def test_news_of_a_confidential_offering_reaches_the_inbox_only(employer, employee, peer):
    """An e-mail that fails would list the person and the offering on HR's failures page."""
    from careersupport.notifications.models import Reminder
    from programs.services.enrollment import enrollment_create, enrollment_withdraw
    from tests.factories import OfferingFactory

    eap = OfferingFactory(employer=employer, kind="eap", is_confidential=True, capacity=1)
    first = enrollment_create(offering=eap, person=peer, actor=peer)
    enrollment_create(offering=eap, person=employee, actor=employee)
    enrollment_withdraw(enrollment=first, actor=peer)
    reminder = Reminder.objects.get(recipient=employee, kind="programs.waitlist_promoted")
    assert reminder.send_email is False


def test_session_reminders_of_a_confidential_offering_are_inbox_only(employer, employee):
    from careersupport.notifications.models import Reminder
    from programs.services.enrollment import enrollment_create
    from programs.services.events import session_register
    from tests.factories import OfferingFactory, SessionFactory

    wellness = OfferingFactory(employer=employer, kind="wellness", is_confidential=True)
    enrollment_create(offering=wellness, person=employee, actor=employee)
    session = SessionFactory(offering=wellness)
    session_register(session=session, person=employee, actor=employee)
    assert set(Reminder.objects.values_list("send_email", flat=True)) == {False}


def test_an_offering_with_waiting_requests_cannot_become_confidential(hr_admin, offering):
    from django.core.exceptions import ValidationError

    from programs.services.offerings import offering_update
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(offering=offering, status="requested")
    with pytest.raises(ValidationError, match="decide them before making"):
        offering_update(offering=offering, actor=hr_admin, is_confidential=True)


def test_the_django_admin_lists_no_news_of_a_confidential_offering(
    admin_client, employer, employee, peer
):
    """Operators browsing reminders and inbox rows do not learn who uses the EAP."""
    from careersupport.notifications.models import Notification, Reminder
    from careersupport.notifications.services import reminders_claim_due, reminders_deliver
    from programs.services.enrollment import enrollment_create, enrollment_withdraw
    from tests.factories import OfferingFactory

    eap = OfferingFactory(employer=employer, kind="eap", is_confidential=True, capacity=1)
    first = enrollment_create(offering=eap, person=peer, actor=peer)
    enrollment_create(offering=eap, person=employee, actor=employee)
    enrollment_withdraw(enrollment=first, actor=peer)
    secret = Reminder.objects.get(recipient=employee, kind="programs.waitlist_promoted")
    assert secret.confidential and not secret.send_email
    workshop = OfferingFactory(employer=employer, title="Open workshop", capacity=1)
    taken = enrollment_create(offering=workshop, person=peer, actor=peer)
    enrollment_create(offering=workshop, person=employee, actor=employee)
    enrollment_withdraw(enrollment=taken, actor=peer)
    reminders_deliver(reminder_ids=reminders_claim_due())
    assert Notification.objects.filter(reminder=secret).exists()

    for model in ("reminder", "notification"):
        listing = admin_client.get(reverse(f"admin:notifications_{model}_changelist")).text
        assert "Open workshop" in listing and eap.title not in listing, model
    change = admin_client.get(reverse("admin:notifications_reminder_change", args=[secret.pk]))
    assert change.status_code == 302  # "does not exist", back to the admin's index
