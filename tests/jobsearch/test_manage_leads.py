"""HR posts, edits and closes leads and keeps partner organisations; HR sees counts, never who."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from careersupport.jobsearch.models import Application, JobLead, LeadOrganisation, LeadSave
from tests.factories import JobLeadFactory, LeadOrganisationFactory, LeadSaveFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("jobsearch:manage-lead-create")
LEADS = reverse("jobsearch:manage-leads")


def future(days: int = 20) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_hr_posts_a_lead_of_a_partner_organisation(client_for, hr_admin, employer):
    org = LeadOrganisationFactory(employer=employer, name="Harbour Health")
    data = {
        "title": "Nurse",
        "organisation": org.pk,
        "location": "Potsdam",
        "remote": "on",
        "url": "https://harbour.example/jobs/1",
        "closes_on": future(),
        "suits": ["partners", "returners"],
        "suits_note": "Registered nurses",
        "description": "Nights",
    }
    response = client_for(hr_admin).post(CREATE, data)
    assert response.status_code == 302
    lead = JobLead.objects.get()
    assert (lead.organisation, lead.remote, lead.posted_by) == (org, True, hr_admin)
    assert (lead.for_partners, lead.for_employees, lead.for_returners) == (True, False, True)


def test_everyone_means_all_three_groups(client_for, hr_admin):
    client_for(hr_admin).post(
        CREATE, {"title": "Designer", "closes_on": future(), "suits": "everyone"}
    )
    assert JobLead.objects.get().suits_label == "Everyone"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"title": "", "closes_on": future(), "suits": "everyone"},
            "title",
            "This field is required.",
        ),
        (
            {"title": "X", "closes_on": "", "suits": "everyone"},
            "closes_on",
            "This field is required.",
        ),
        (
            {"title": "X", "closes_on": "2020-01-01", "suits": "everyone"},
            "closes_on",
            "The closing date has passed",
        ),
        ({"title": "X", "closes_on": future()}, "suits", "Choose at least one group"),
        (
            {"title": "X", "closes_on": future(), "suits": "everyone", "url": "not a url"},
            "url",
            "Enter a valid URL.",
        ),
    ],
)
def test_bad_input_answers_400_with_the_message_beside_the_field(
    client_for, hr_admin, data, field, message
):
    response = client_for(hr_admin).post(CREATE, data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not JobLead.objects.exists()


def test_another_employers_organisation_cannot_be_chosen(client_for, hr_admin, other_employer):
    org = LeadOrganisationFactory(employer=other_employer)
    data = {"title": "X", "closes_on": future(), "suits": "everyone", "organisation": org.pk}
    response = client_for(hr_admin).post(CREATE, data)
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


def test_hr_edits_a_lead(client_for, hr_admin, employer):
    lead = JobLeadFactory(employer=employer, title="Designer")
    url = reverse("jobsearch:manage-lead-edit", args=[lead.pk])
    client = client_for(hr_admin)
    assert client.get(url).context["form"]["title"].value() == "Designer"
    data = {"title": "Senior designer", "closes_on": future(40), "suits": "employees"}
    assert client.post(url, data).status_code == 302
    lead.refresh_from_db()
    assert (lead.title, lead.suits) == ("Senior designer", ["employees"])


def test_an_edit_keeps_a_past_closing_date_it_did_not_change(client_for, hr_admin, employer):
    past = timezone.localdate() - timedelta(days=3)
    lead = JobLeadFactory(employer=employer, closes_on=past)
    url = reverse("jobsearch:manage-lead-edit", args=[lead.pk])
    data = {"title": "Typo fixed", "closes_on": past.isoformat(), "suits": "everyone"}
    assert client_for(hr_admin).post(url, data).status_code == 302


def test_closing_asks_first_then_closes(client_for, hr_admin, employer):
    lead = JobLeadFactory(employer=employer, title="Designer")
    url = reverse("jobsearch:manage-lead-close", args=[lead.pk])
    client = client_for(hr_admin)
    page = client.get(url)
    assert "Close “Designer” now?" in page.content.decode()
    lead.refresh_from_db()
    assert lead.closed_at is None
    assert client.post(url).status_code == 302
    lead.refresh_from_db()
    assert lead.closed_at is not None


def test_closing_twice_says_it_is_closed(client_for, hr_admin, employer):
    lead = JobLeadFactory(employer=employer, closed_at=timezone.now())
    response = client_for(hr_admin).post(
        reverse("jobsearch:manage-lead-close", args=[lead.pk]), follow=True
    )
    assert "already closed" in response.content.decode()


def test_the_list_shows_open_leads_and_the_closed_on_asking(client_for, hr_admin, employer):
    JobLeadFactory(employer=employer, title="Open one")
    JobLeadFactory(employer=employer, title="Closed one", closed_at=timezone.now())
    JobLeadFactory(
        employer=employer, title="Past one", closes_on=timezone.localdate() - timedelta(days=1)
    )
    client = client_for(hr_admin)
    assert [lead.title for lead in client.get(LEADS).context["page"]] == ["Open one"]
    closed = [lead.title for lead in client.get(LEADS, {"status": "closed"}).context["page"]]
    assert sorted(closed) == ["Closed one", "Past one"]


def test_hr_sees_how_often_a_lead_was_saved_and_applied_to(client_for, hr_admin, employer):
    lead = JobLeadFactory(employer=employer)
    for stage in ("interested", "applied", "rejected", "withdrawn"):
        save = LeadSaveFactory(lead=lead)
        Application.objects.filter(pk=save.application_id).update(stage=stage)
    row = client_for(hr_admin).get(LEADS).context["page"][0]
    assert (row.saves_count, row.applied_count) == (4, 2)


def test_hr_never_sees_who_saved_a_lead(client_for, hr_admin, employer):
    lead = JobLeadFactory(employer=employer, title="Designer")
    save = LeadSaveFactory(lead=lead, person__first_name="Zebedee", person__last_name="Quux")
    client = client_for(hr_admin)
    pages = [
        LEADS,
        reverse("jobsearch:manage"),
        reverse("jobsearch:manage-figures-csv"),
        reverse("jobsearch:manage-lead-edit", args=[lead.pk]),
        reverse("jobsearch:manage-lead-close", args=[lead.pk]),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert "Zebedee" not in content and "Quux" not in content
        assert save.person.email not in content


def test_no_admin_listing_ties_a_save_to_a_person():
    assert LeadSave not in admin.site._registry


def test_the_saves_audit_row_does_not_name_the_lead(client_for, partner, employer):
    from careersupport.people.models import AuditEvent

    lead = JobLeadFactory(employer=employer)
    client_for(partner).post(reverse("jobsearch:lead-save", args=[lead.pk]))
    event = AuditEvent.objects.get(actor=partner)
    assert event.target_type == "application" and str(lead.pk) not in str(event.data)


@pytest.mark.parametrize("rows", [3, 30])
def test_hrs_list_keeps_its_query_count_flat(
    client_for, hr_admin, employer, django_assert_max_num_queries, rows
):
    org = LeadOrganisationFactory(employer=employer)
    for n in range(rows):
        LeadSaveFactory(lead=JobLeadFactory(employer=employer, organisation=org if n % 2 else None))
    client = client_for(hr_admin)
    with django_assert_max_num_queries(8):
        assert client.get(LEADS, {"status": "all"}).status_code == 200


def test_hr_adds_and_renames_an_organisation(client_for, hr_admin, employer):
    client = client_for(hr_admin)
    url = reverse("jobsearch:manage-organisations")
    assert client.post(url, {"name": "Harbour Health", "location": "Potsdam"}).status_code == 302
    org = LeadOrganisation.objects.get()
    edit = reverse("jobsearch:manage-organisation-edit", args=[org.pk])
    assert client.post(edit, {"name": "Harbour Hospital"}).status_code == 302
    org.refresh_from_db()
    assert org.name == "Harbour Hospital"


@pytest.mark.parametrize("name", ["harbour health", "Acme"])
def test_an_organisation_name_is_not_taken_twice_nor_the_employers(
    client_for, hr_admin, employer, name
):
    LeadOrganisationFactory(employer=employer, name="Harbour Health")
    response = client_for(hr_admin).post(reverse("jobsearch:manage-organisations"), {"name": name})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert LeadOrganisation.objects.count() == 1
