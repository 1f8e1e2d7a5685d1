"""Ending a partnership and revoking an invitation ask first; a revoked invitation can be
sent again (revoking's undo)."""

import pytest
from django.core import mail
from django.urls import reverse

from careersupport.people.models import Invitation, Partnership
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def asks_first(client, page_url: str, url: str) -> str:
    page = client.get(page_url).text
    assert f'href="{url}"' in page
    assert f'method="post" action="{url}"' not in page
    response = client.get(url)
    assert response.status_code == 200
    assert f'method="post" action="{url}"' in response.text
    return response.text


def test_ending_the_partnership_asks_first_and_says_what_ends(client_for, employee, partner):
    client = client_for(employee)
    url = reverse("people:partner-end")
    text = asks_first(client, reverse("people:partner"), url)
    assert f"End the partnership with {partner.full_name}?" in text
    assert "shared goals" in text and "Both accounts stay" in text
    assert Partnership.objects.get().status == "active"
    client.post(url)
    assert Partnership.objects.get().status == "ended"


def test_revoking_an_invitation_asks_first(client_for, hr_admin):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    client = client_for(hr_admin)
    url = reverse("people:invitation-revoke", args=[invitation.pk])
    text = asks_first(client, reverse("people:invitation-list"), url)
    assert "send it again later" in text
    assert Invitation.objects.get().revoked_at is None
    client.post(url)
    assert Invitation.objects.get().revoked_at is not None


def test_a_revoked_invitation_is_sent_again_with_its_link_working(
    client_for, client, hr_admin, deliver_invitations
):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    hr = client_for(hr_admin)
    hr.post(reverse("people:invitation-revoke", args=[invitation.pk]))
    listed = hr.get(reverse("people:invitation-list"), {"state": "all"}).text
    resend = reverse("people:invitation-resend", args=[invitation.pk])
    assert f'action="{resend}"' in listed
    hr.post(resend)
    assert deliver_invitations() == {"sent": 1} and invitation.key in mail.outbox[0].body
    accept = client.get(reverse("people:invitation-accept", args=[invitation.key]))
    assert accept.status_code == 302


def test_a_stranger_cannot_open_the_confirmations(client_for, outsider_hr, hr_admin):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    url = reverse("people:invitation-revoke", args=[invitation.pk])
    assert client_for(outsider_hr).get(url).status_code == 404
