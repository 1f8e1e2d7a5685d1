"""Two employers: nothing of one is reachable by the other's HR, employees or partners."""

import pytest
from django.urls import reverse

from tests.factories import InvitationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_nothing_of_one_employer_reaches_the_other(
    client_for, hr_admin, employee, partner, outsider_hr, outsider
):
    invitation = InvitationFactory(individual__employer=hr_admin.employer)
    outsider_partner = PartnershipFactory(employee=outsider).partner
    for viewer in (outsider_hr, outsider, outsider_partner):
        client = client_for(viewer)
        for url in (
            reverse("people:directory") + f"?q={employee.last_name}",
            reverse("people:invitation-list") + "?state=all",
            reverse("home"),
            reverse("people:partner"),
        ):
            text = client.get(url).text
            assert (
                employee.email not in text
                and partner.email not in text
                and invitation.email not in text
            )
        for pk in (employee.pk, partner.pk, hr_admin.pk):
            assert client.get(reverse("people:person-detail", args=[pk])).status_code in (403, 404)
        assert client.post(
            reverse("people:invitation-revoke", args=[invitation.pk])
        ).status_code in (403, 404)


def test_ending_a_partnership_touches_only_my_own(client_for, outsider, partner):
    PartnershipFactory(employee=outsider)
    client_for(outsider).post(reverse("people:partner-end"))
    partner.partnerships_as_partner.get().refresh_from_db()
    assert partner.partnerships_as_partner.get().status == "active"
