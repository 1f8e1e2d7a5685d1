"""Who opens the leads' pages and HR's pages: a role × page matrix (rules of
`careersupport/jobsearch/leads_permissions.py`)."""

import pytest
from django.urls import reverse

from careersupport.jobsearch.models import Application, JobLead, LeadSave
from tests.factories import JobLeadFactory, LeadOrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(employer):
    return {
        "lead": JobLeadFactory(employer=employer, title="Designer").pk,
        "org": LeadOrganisationFactory(employer=employer).pk,
    }


BROWSE = [
    ("jobsearch:lead-list", None, "get"),
    ("jobsearch:lead-detail", "lead", "get"),
]
HR_PAGES = [
    ("jobsearch:manage", None, "get"),
    ("jobsearch:manage-figures-csv", None, "get"),
    ("jobsearch:manage-leads", None, "get"),
    ("jobsearch:manage-lead-create", None, "get"),
    ("jobsearch:manage-lead-import", None, "get"),
    ("jobsearch:manage-lead-template", None, "get"),
    ("jobsearch:manage-organisations", None, "get"),
    ("jobsearch:manage-lead-edit", "lead", "get"),
    ("jobsearch:manage-lead-close", "lead", "get"),
    ("jobsearch:manage-organisation-edit", "org", "get"),
]
HR_WRITES = [
    ("jobsearch:manage-lead-create", None, "post"),
    ("jobsearch:manage-lead-import", None, "post"),
    ("jobsearch:manage-organisations", None, "post"),
    ("jobsearch:manage-lead-edit", "lead", "post"),
    ("jobsearch:manage-lead-close", "lead", "post"),
    ("jobsearch:manage-organisation-edit", "org", "post"),
]
POST = {"title": "Changed", "name": "Changed", "closes_on": "2030-01-01", "suits": "everyone"}


def url(name, target, targets):
    return reverse(name, args=[targets[target]] if target else [])


def unchanged(targets):
    lead = JobLead.objects.get(pk=targets["lead"])
    assert (lead.title, lead.closed_at) == ("Designer", None)
    assert JobLead.objects.count() == 1


@pytest.mark.parametrize("persona", ["employee", "partner", "manager", "hr_admin"])
@pytest.mark.parametrize(("name", "target", "method"), BROWSE)
def test_people_who_may_use_the_tracker_browse_leads(
    client_for, request, targets, persona, name, target, method
):
    response = client_for(request.getfixturevalue(persona)).get(url(name, target, targets))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "target", "method"), BROWSE)
def test_an_external_coach_is_refused_leads_with_403(
    client_for, coach, targets, name, target, method
):
    assert client_for(coach).get(url(name, target, targets)).status_code == 403


def test_another_employers_lead_is_404_to_browse(client_for, outsider, targets):
    response = client_for(outsider).get(reverse("jobsearch:lead-detail", args=[targets["lead"]]))
    assert response.status_code == 404


def test_another_employer_cannot_save_the_lead(client_for, outsider, targets):
    response = client_for(outsider).post(reverse("jobsearch:lead-save", args=[targets["lead"]]))
    assert response.status_code == 404
    assert not LeadSave.objects.exists() and not Application.objects.exists()


def test_a_coach_cannot_save_a_lead(client_for, coach, targets):
    response = client_for(coach).post(reverse("jobsearch:lead-save", args=[targets["lead"]]))
    assert response.status_code == 403
    assert not LeadSave.objects.exists()


@pytest.mark.parametrize(("name", "target", "method"), HR_PAGES)
def test_hr_opens_every_manage_page(client_for, hr_admin, targets, name, target, method):
    assert client_for(hr_admin).get(url(name, target, targets)).status_code == 200


@pytest.mark.parametrize("persona", ["employee", "partner", "manager", "coach"])
@pytest.mark.parametrize(("name", "target", "method"), HR_PAGES + HR_WRITES)
def test_people_who_are_not_hr_are_refused_with_403(
    client_for, request, targets, persona, name, target, method
):
    client = client_for(request.getfixturevalue(persona))
    response = getattr(client, method)(url(name, target, targets), POST)
    assert response.status_code == 403
    unchanged(targets)


@pytest.mark.parametrize(
    ("name", "target", "method"), [a for a in HR_PAGES + HR_WRITES if a[1] is not None]
)
def test_hr_of_another_employer_gets_404(client_for, outsider_hr, targets, name, target, method):
    response = getattr(client_for(outsider_hr), method)(url(name, target, targets), POST)
    assert response.status_code == 404
    unchanged(targets)


def test_hr_of_another_employer_sees_only_their_own_leads(client_for, outsider_hr, targets):
    response = client_for(outsider_hr).get(reverse("jobsearch:manage-leads"))
    assert response.status_code == 200
    assert b"Designer" not in response.content
