from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import AuditEvent, Individual, Invitation, InvitationEmail
from careersupport.people.services import invitation_emails_deliver
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "a-long-new-password-93"


def invite(client, **data):
    form = {"email": "new.hire@acme.test", "first_name": "Nia", "time_zone": "Europe/Paris"} | data
    return client.post(reverse("people:invitation-create"), form)


def accept(client, invitation, email=None):
    client.get(reverse("people:invitation-accept", args=[invitation.key]))
    return client.post(
        reverse("account_signup"),
        {"email": email or invitation.email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_hr_invites_an_employee_and_the_email_carries_the_link(
    client_for, hr_admin, manager, deliver_invitations
):
    response = invite(client_for(hr_admin), manager=manager.pk)
    assert response.status_code == 302
    person = Individual.objects.get(email="new.hire@acme.test")
    assert (
        person.employer == hr_admin.employer and person.manager == manager and person.user is None
    )
    invitation = person.invitations.get()
    # The request only queued the e-mail; the worker sends it after the commit.
    assert not mail.outbox and invitation.delivery.state == InvitationEmail.State.PENDING
    assert deliver_invitations() == {"sent": 1}
    assert len(mail.outbox) == 1 and invitation.key in mail.outbox[0].body
    assert invitation.key in mail.outbox[0].alternatives[0][0]
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.delivery.state == InvitationEmail.State.SENT


def test_invite_form_shows_errors_and_saves_nothing(client_for, hr_admin, employee):
    response = invite(client_for(hr_admin), email=employee.email)
    assert response.status_code == 200
    assert "already in the directory" in response.text
    response = invite(client_for(hr_admin), email="not-an-address")
    assert "Enter a valid email address" in response.text
    assert Invitation.objects.count() == 0 and not mail.outbox


def test_invite_refuses_a_manager_of_another_employer(client_for, hr_admin, outsider):
    response = invite(client_for(hr_admin), manager=outsider.pk)
    assert "Select a valid choice" in response.text
    assert not Individual.objects.filter(email="new.hire@acme.test").exists()


@pytest.mark.parametrize("persona", ["employee", "manager", "partner", "coach"])
def test_only_hr_may_invite(client_for, request, persona):
    response = invite(client_for(request.getfixturevalue(persona)))
    assert response.status_code == 403
    assert not Individual.objects.filter(email="new.hire@acme.test").exists()


def test_signup_from_the_link_attaches_the_account(client, employer, manager):
    invitation = InvitationFactory(individual__employer=employer, individual__manager=manager)
    response = accept(client, invitation)
    assert response.status_code == 302
    person = Individual.objects.get(pk=invitation.individual_id)
    assert person.user.email == invitation.email
    assert person.user.emailaddress_set.get().verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    home = client.get(reverse("home"))
    assert home.status_code == 200 and person.first_name in home.text


def test_signup_keeps_the_invited_address(client, employer):
    invitation = InvitationFactory(individual__employer=employer)
    response = accept(client, invitation, email="someone.else@acme.test")
    assert response.status_code == 200
    assert "This invitation is for" in response.text
    assert not User.objects.filter(email="someone.else@acme.test").exists()


def test_signup_without_an_invitation_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "Sign-up is by invitation" in response.text
    client.post(
        reverse("account_signup"),
        {"email": "x@y.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not User.objects.filter(email="x@y.test").exists()


def test_a_used_link_gets_a_clear_page(client, employer):
    invitation = InvitationFactory(individual__employer=employer)
    accept(client, invitation)
    client.logout()
    response = client.get(reverse("people:invitation-accept", args=[invitation.key]))
    assert response.status_code == 410 and "already used" in response.text


def test_an_expired_link_gets_a_clear_page(client, employer):
    invitation = InvitationFactory(
        individual__employer=employer, expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("people:invitation-accept", args=[invitation.key]))
    assert response.status_code == 410 and "expired" in response.text
    assert "Sign-up is by invitation" in client.get(reverse("account_signup")).text


def test_a_tampered_link_gets_a_clear_page(client, employer):
    invitation = InvitationFactory(individual__employer=employer)
    response = client.get(reverse("people:invitation-accept", args=[invitation.key[:-2] + "xx"]))
    assert response.status_code == 404 and "not valid" in response.text


def test_a_revoked_link_gets_a_clear_page(client_for, client, hr_admin):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    client_for(hr_admin).post(reverse("people:invitation-revoke", args=[invitation.pk]))
    response = client.get(reverse("people:invitation-accept", args=[invitation.key]))
    assert response.status_code == 410 and "withdrawn" in response.text


def test_a_signed_in_person_is_told_to_sign_out(client_for, employee):
    invitation = InvitationFactory(individual__employer=employee.employer)
    response = client_for(employee).get(reverse("people:invitation-accept", args=[invitation.key]))
    assert response.status_code == 409 and "sign out first" in response.text


def test_resend_sends_the_same_link_and_extends_it(client_for, hr_admin, deliver_invitations):
    invitation = InvitationFactory(
        individual__employer=hr_admin.employer, expires_at=timezone.now() + timedelta(hours=1)
    )
    client_for(hr_admin).post(reverse("people:invitation-resend", args=[invitation.pk]))
    assert deliver_invitations() == {"sent": 1}
    invitation.refresh_from_db()
    assert invitation.send_count == 1 and invitation.expires_at > timezone.now() + timedelta(
        days=13
    )
    assert invitation.key in mail.outbox[0].body


def test_resend_and_revoke_refuse_another_employers_hr(client_for, outsider_hr, hr_admin):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    for action in ("people:invitation-resend", "people:invitation-revoke"):
        assert (
            client_for(outsider_hr).post(reverse(action, args=[invitation.pk])).status_code == 404
        )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and not mail.outbox


def test_resend_and_revoke_refuse_non_hr(client_for, employee):
    invitation = InvitationFactory(individual__employer=employee.employer)
    for action in ("people:invitation-resend", "people:invitation-revoke"):
        assert client_for(employee).post(reverse(action, args=[invitation.pk])).status_code == 403


def test_resend_of_an_accepted_invitation_is_refused(client_for, hr_admin):
    invitation = InvitationFactory(
        individual__employer=hr_admin.employer, accepted_at=timezone.now()
    )
    response = client_for(hr_admin).post(
        reverse("people:invitation-resend", args=[invitation.pk]), follow=True
    )
    assert "was accepted" in response.text and not mail.outbox


def test_pending_list_shows_pending_only(client_for, hr_admin):
    pending = InvitationFactory(individual__employer=hr_admin.employer)
    used = InvitationFactory(individual__employer=hr_admin.employer, accepted_at=timezone.now())
    response = client_for(hr_admin).get(reverse("people:invitation-list"))
    assert pending.email in response.text and used.email not in response.text
    assert (
        used.email
        in client_for(hr_admin).get(reverse("people:invitation-list"), {"state": "all"}).text
    )


@pytest.mark.parametrize("size", [5, 60])
def test_invitation_list_keeps_query_count_flat(
    client_for, hr_admin, django_assert_max_num_queries, size
):
    InvitationFactory.create_batch(
        size, individual__employer=hr_admin.employer, invited_by=hr_admin
    )
    client = client_for(hr_admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("people:invitation-list")).status_code == 200


def test_a_mail_server_outage_saves_the_invitation_and_retries_its_email(
    client_for, hr_admin, mail_server_down, deliver_invitations, settings
):
    response = invite(client_for(hr_admin))
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.hire@acme.test")
    assert deliver_invitations() == {"retry": 1}
    delivery = InvitationEmail.objects.get(invitation=invitation)
    assert delivery.state == "pending" and delivery.attempts == 1
    assert delivery.last_error.startswith("ConnectionRefusedError")
    # Backing off: not claimed again before the first retry delay (a minute) has passed.
    assert deliver_invitations() == {}
    later = timezone.now() + timedelta(seconds=settings.REMINDER_RETRY_BASE_SECONDS + 1)
    assert deliver_invitations(now=later) == {"retry": 1}


def test_an_email_that_fails_for_good_is_shown_to_hr_who_sends_it_again(
    client_for, hr_admin, mail_server_down, deliver_invitations, settings
):
    settings.REMINDER_MAX_ATTEMPTS = 1
    invite(client_for(hr_admin))
    assert deliver_invitations() == {"failed": 1}
    invitation = Invitation.objects.get(email="new.hire@acme.test")
    assert AuditEvent.objects.filter(verb="invitation.email_failed").count() == 1
    page = client_for(hr_admin).get(reverse("people:invitation-list"), {"state": "failed"}).text
    assert invitation.email in page and "Not delivered" in page and "Send again" in page
    home = client_for(hr_admin).get(reverse("home")).text
    assert "1 invitation e-mail not delivered" in home
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client_for(hr_admin).post(reverse("people:invitation-resend", args=[invitation.pk]))
    assert deliver_invitations() == {"sent": 1} and invitation.key in mail.outbox[0].body
    assert InvitationEmail.objects.get(invitation=invitation).round == 2


def test_a_revoked_invitation_is_not_mailed(client_for, hr_admin, deliver_invitations):
    invite(client_for(hr_admin))
    invitation = Invitation.objects.get(email="new.hire@acme.test")
    client_for(hr_admin).post(reverse("people:invitation-revoke", args=[invitation.pk]))
    assert deliver_invitations() == {} and not mail.outbox
    assert InvitationEmail.objects.get(invitation=invitation).state == "cancelled"


def test_a_duplicate_send_task_sends_nothing(client_for, hr_admin):
    invite(client_for(hr_admin))
    delivery = InvitationEmail.objects.get()
    assert invitation_emails_deliver(ids=[delivery.pk]) == {"sent": 1}
    assert invitation_emails_deliver(ids=[delivery.pk]) == {}
    assert len(mail.outbox) == 1


def test_each_round_of_an_invitation_is_its_own_message(client_for, hr_admin, deliver_invitations):
    invite(client_for(hr_admin))
    deliver_invitations()
    invitation = Invitation.objects.get(email="new.hire@acme.test")
    client_for(hr_admin).post(reverse("people:invitation-resend", args=[invitation.pk]))
    deliver_invitations()
    first, second = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first != second and f"invitation.{invitation.pk}.2@" in second


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_invitations_sent_before_the_outbox_as_sent():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    sent = InvitationFactory(last_sent_at=timezone.now(), send_count=2)
    unsent = InvitationFactory()
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate([("people", "0002_time_zone_without_choices")])
    finally:
        MigrationExecutor(connection).migrate(leaves)
    delivery = InvitationEmail.objects.get(invitation=sent)
    assert delivery.state == "sent" and delivery.round == 2 and delivery.sent_at
    assert not InvitationEmail.objects.filter(invitation=unsent).exists()
