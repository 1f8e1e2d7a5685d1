from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from careersupport.people.models import Individual, Invitation, Partnership

pytestmark = pytest.mark.django_db
ROLES = ["hr", "manager", "employee", "partner", "coach", "mentor"]


def counts():
    return Individual.objects.count(), Partnership.objects.count(), Invitation.objects.count()


def test_seed_demo_is_idempotent_and_covers_every_role():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first and first[0] > 50
    people = {
        p.email.split("@")[0]: p
        for p in Individual.objects.filter(email__in=[f"{r}@example.com" for r in ROLES])
    }
    assert people["hr"].is_hr_admin and people["manager"].is_manager
    assert people["employee"].manager == people["manager"]
    # The manager's chain goes deeper than their direct reports.
    assert Individual.objects.filter(manager__manager=people["manager"]).count() >= 3
    assert people["partner"].partnerships_as_partner.get().employee == people["employee"]
    assert people["coach"].kind == Individual.Kind.EXTERNAL
    for role in ROLES:
        assert authenticate(email=f"{role}@example.com", password="careers-demo-2026") is not None


def test_the_demo_has_an_invitation_email_for_hr_to_send_again(client_for):
    from careersupport.people.models import InvitationEmail

    call_command("seed_demo", stdout=StringIO())
    assert InvitationEmail.objects.filter(state="failed").count() == 1
    hr = Individual.objects.get(email="hr@example.com")
    page = client_for(hr).get("/people/invitations/", {"state": "failed"}).text
    assert "Not delivered" in page and "Mailbox unknown" in page
