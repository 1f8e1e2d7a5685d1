"""The demo's job leads: the employer's and two partner organisations', saved by the partner."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from careersupport.jobsearch.models import Application, JobLead, LeadOrganisation, LeadSave
from careersupport.people.models import Individual

pytestmark = pytest.mark.django_db


def test_demo_leads_come_from_the_employer_and_two_partners_and_are_idempotent(client_for):
    call_command("seed_demo", stdout=None)
    counts = (JobLead.objects.count(), LeadSave.objects.count(), Application.objects.count())
    call_command("seed_demo", stdout=None)
    assert (
        JobLead.objects.count(),
        LeadSave.objects.count(),
        Application.objects.count(),
    ) == counts
    assert LeadOrganisation.objects.count() == 2
    assert JobLead.objects.filter(organisation__isnull=True).exists()
    assert JobLead.objects.filter(closed_at__isnull=False).count() == 1
    partner = Individual.objects.get(email="partner@example.com")
    assert LeadSave.objects.filter(person=partner).count() == 2
    page = client_for(partner).get(reverse("jobsearch:lead-list")).content.decode()
    assert page.count("open in tracker") == 2 and "Harbour Health" in page
