import pytest
from django.core import mail
from django.urls import reverse

from careersupport.people.models import Individual, Invitation, Partnership

pytestmark = pytest.mark.django_db
URL = reverse("people:partner")
PASSWORD = "a-long-new-password-93"


def test_an_employee_invites_their_partner_who_signs_up(
    client_for, client, employee, deliver_invitations
):
    response = client_for(employee).post(URL, {"email": "sam@home.test", "first_name": "Sam"})
    assert response.status_code == 302
    partnership = Partnership.objects.get(employee=employee)
    assert partnership.status == "invited" and partnership.partner.kind == Individual.Kind.PARTNER
    invitation = Invitation.objects.get(individual=partnership.partner)
    assert deliver_invitations() == {"sent": 1}
    assert employee.full_name in mail.outbox[0].subject
    client.get(reverse("people:invitation-accept", args=[invitation.key]))
    client.post(
        reverse("account_signup"),
        {"email": "sam@home.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    partnership.refresh_from_db()
    assert partnership.status == "active"
    assert "are connected" in client.get(URL).text


def test_one_open_partnership_at_a_time(client_for, employee, partner):
    response = client_for(employee).post(URL, {"email": "second@home.test", "first_name": "Two"})
    assert response.status_code == 200
    assert not Individual.objects.filter(email="second@home.test").exists()


def test_partner_invite_form_errors(client_for, employee, hr_admin):
    response = client_for(employee).post(URL, {"email": hr_admin.email, "first_name": "X"})
    assert "already belongs to someone here" in response.text
    response = client_for(employee).post(URL, {"email": employee.email, "first_name": "X"})
    assert "not your own" in response.text
    assert not Partnership.objects.exists()


def test_either_side_ends_it_and_the_partner_keeps_their_account(client_for, employee, partner):
    response = client_for(partner).post(reverse("people:partner-end"))
    assert response.status_code == 302
    partnership = Partnership.objects.get(partner=partner)
    assert partnership.status == "ended" and not partnership.employee_shares_goals
    partner.refresh_from_db()
    assert partner.user is not None
    assert client_for(partner).get(reverse("home")).status_code == 200


def test_withdrawing_an_invited_partner_revokes_the_link_and_its_unsent_email(
    client_for, employee, deliver_invitations
):
    client_for(employee).post(URL, {"email": "sam@home.test", "first_name": "Sam"})
    client_for(employee).post(reverse("people:partner-end"))
    invitation = Invitation.objects.get(email="sam@home.test")
    assert invitation.state == "revoked" and invitation.delivery.state == "cancelled"
    assert deliver_invitations() == {} and not mail.outbox


def test_a_failed_partner_invitation_is_shown_to_the_employee_who_sends_it_again(
    client_for, employee, settings, mail_server_down, deliver_invitations
):
    settings.REMINDER_MAX_ATTEMPTS = 1
    client_for(employee).post(URL, {"email": "sam@home.test", "first_name": "Sam"})
    assert deliver_invitations() == {"failed": 1}
    page = client_for(employee).get(URL).text
    assert "Not delivered" in page and "Send the invitation again" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client_for(employee).post(reverse("people:partner-resend"))
    assert deliver_invitations() == {"sent": 1} and mail.outbox[0].to == ["sam@home.test"]


def test_only_the_inviting_employee_resends_a_partner_invitation(client_for, employee, peer):
    client_for(employee).post(URL, {"email": "sam@home.test", "first_name": "Sam"})
    response = client_for(peer).post(reverse("people:partner-resend"), follow=True)
    assert "no invitation waiting" in response.text
    assert Invitation.objects.get(email="sam@home.test").delivery.round == 1


def test_each_side_sets_its_own_sharing(client_for, employee, partner):
    client_for(partner).post(reverse("people:partner-sharing"), {"shares_goals": "on"})
    client_for(employee).post(reverse("people:partner-sharing"), {})
    partnership = Partnership.objects.get(partner=partner)
    assert partnership.partner_shares_goals and not partnership.employee_shares_goals


def test_a_partner_sees_no_directory_nor_anyone_else(client_for, partner, employee, peer):
    client = client_for(partner)
    assert client.get(reverse("people:directory")).status_code == 403
    assert client.get(reverse("people:person-detail", args=[employee.pk])).status_code == 403
    assert client.get(reverse("people:invitation-list")).status_code == 403
    home = client.get(reverse("home")).text
    assert peer.last_name not in home and peer.email not in home


def test_a_partner_cannot_invite_a_partner(client_for, partner):
    response = client_for(partner).post(URL, {"email": "x@home.test", "first_name": "X"})
    assert response.status_code == 200
    assert not Individual.objects.filter(email="x@home.test").exists()


def test_an_external_coach_has_no_partner_page(client_for, coach):
    assert client_for(coach).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert reverse("account_login") in client.get(URL)["Location"]


def test_open_partnerships_are_the_invited_and_active_ones(employer):
    from tests.factories import PartnershipFactory

    by_status = {
        status: PartnershipFactory(employee__employer=employer, status=status)
        for status in Partnership.Status.values
    }
    assert set(Partnership.objects.open()) == {by_status["invited"], by_status["active"]}
    assert set(Partnership.objects.active()) == {by_status["active"]}
    assert [p.is_open for p in by_status.values()] == [True, True, False]


def test_the_profile_form_edits_exactly_what_profile_update_accepts():
    from careersupport.people.forms import ProfileForm
    from careersupport.people.services import PROFILE_FIELDS

    assert list(ProfileForm.base_fields) == list(PROFILE_FIELDS)
