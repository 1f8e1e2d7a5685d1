"""Mentorship's destructive steps ask first on the shared confirmation page
(`careersupport.utils.confirm_page`): the GET writes nothing, the POST acts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentorship import services
from mentorship.models import Mentorship, MentorshipRequest

pytestmark = pytest.mark.django_db


def test_withdrawing_a_request_asks_first_then_withdraws(
    client_for, programme, employee, mentor_profile, waiting
):
    req = services.request_create(
        programme=programme, mentee=employee, mentor=mentor_profile, actor=employee, message="Hi"
    )
    url = reverse("mentorship:request-withdraw", args=[req.pk])
    client = client_for(employee)
    page = client.get(url)
    assert page.status_code == 200 and 'class="confirm"' in page.text
    assert f"Withdraw your request to {mentor_profile.person.full_name}?" in page.text
    assert MentorshipRequest.objects.get().status == MentorshipRequest.Status.PENDING
    client.post(url)
    assert MentorshipRequest.objects.get().status == MentorshipRequest.Status.WITHDRAWN


def test_the_mentor_cannot_withdraw_the_mentees_request(
    client_for, programme, employee, mentor_profile, waiting
):
    req = services.request_create(
        programme=programme, mentee=employee, mentor=mentor_profile, actor=employee, message="Hi"
    )
    url = reverse("mentorship:request-withdraw", args=[req.pk])
    assert client_for(mentor_profile.person).get(url).status_code == 403


def test_closing_a_mentorship_asks_first_with_the_reason_field(client_for, mentorship, employee):
    url = reverse("mentorship:close", args=[mentorship.pk])
    page = client_for(employee).get(url)
    assert 'class="confirm"' in page.text and 'name="reason"' in page.text
    assert Mentorship.objects.get().status == Mentorship.Status.ACTIVE
    client_for(employee).post(url, {"reason": "We met our goals."})
    closed = Mentorship.objects.get()
    assert (closed.status, closed.close_reason) == (Mentorship.Status.CLOSED, "We met our goals.")


def test_removing_a_proposed_pair_asks_first(
    client_for, programme, hr_admin, waiting, mentor_profile
):
    run = services.run_start(programme=programme, actor=hr_admin)
    proposal = run.proposals.get()
    url = reverse("mentorship:manage-proposal-remove", args=[run.pk, proposal.pk])
    page = client_for(hr_admin).get(url)
    assert 'class="confirm"' in page.text and "place becomes free" in page.text
    proposal.refresh_from_db()
    assert proposal.mentor is not None
    client_for(hr_admin).post(url)
    proposal.refresh_from_db()
    assert proposal.mentor is None
